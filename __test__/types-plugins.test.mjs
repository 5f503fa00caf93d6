// The bundler plugins keep the type files current: a Vite dev server writes them on start
// and rewrites a fragment's type file when the fragment is edited (the plugin's update);
// a webpack watch compilation does the same on its watch run.
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";

import { createServer } from "vite";
import webpack from "webpack";

import { nodeBundleConfig, watchQueue } from "./helpers/watch-builds.mjs";
import { scratchExamples, waitFor } from "./helpers/workspace.mjs";
import registry from "../lib/registry.cjs";
import FizzWebpackPlugin from "../lib/webpack-plugin.cjs";

after(() => registry.release());

/** The text of the type file that declares `key` (or undefined). */
function typeFileWith(outDir, key) {
  if (!existsSync(outDir)) return undefined;
  for (const name of readdirSync(outDir)) {
    const text = readFileSync(join(outDir, name), "utf8");
    if (text.includes(`"${key}"`)) return text;
  }
  return undefined;
}

const userFieldsType = (text) => /"default:fragment:UserFields": \{ result: (\{[^}]*\})/.exec(text ?? "")?.[1];

function project() {
  const p = scratchExamples("basic");
  const outDir = p.path("basic", "src", "graphql-system", "__generated__");
  rmSync(outDir, { recursive: true, force: true });
  return { p, outDir };
}

test("Vite dev: the type files are written on start and follow an edit", async () => {
  const { p, outDir } = project();
  const root = p.path("basic");
  const server = await createServer({
    root,
    configFile: false,
    logLevel: "silent",
    cacheDir: p.path(".vite"),
    plugins: [(await import("../lib/vite-plugin.mjs")).default({ root })],
    resolve: { alias: { "@": `${root}/src` } },
    server: { middlewareMode: true, ws: false },
  });
  try {
    await server.ssrLoadModule(join(root, "src/pages/user-page.ts"));
    const before = await waitFor("the type files", () => userFieldsType(typeFileWith(outDir, "default:fragment:UserFields")));
    assert.equal(before, "{ id: string; name: string; avatarUrl: string | null; }");
    p.edit("basic/src/fragments/user.ts", "    name\n", "    name\n    email\n");
    const afterEdit = await waitFor("the fragment's new type", () => {
      const type = userFieldsType(typeFileWith(outDir, "default:fragment:UserFields"));
      return type?.includes("email") && type;
    });
    assert.equal(afterEdit, "{ id: string; name: string; email: string | null; avatarUrl: string | null; }");
  } finally {
    await server.close();
    p.cleanup();
  }
});

test("webpack watch: the type files are written by the first build and follow an edit", async () => {
  const { p, outDir } = project();
  const root = p.path("basic");
  p.write("basic/src/entry.ts", 'export * from "./pages/user-page";\n');
  const builds = watchQueue("webpack");
  const next = () => builds.next();
  const compiler = webpack(
    nodeBundleConfig({
      root,
      entry: "./src/entry.ts",
      outDir: p.path("dist"),
      fizzLoader: { loader: FizzWebpackPlugin.loader ?? "../lib/webpack-loader.cjs" },
      plugins: [new FizzWebpackPlugin()],
    }),
  );
  const watching = compiler.watch({ aggregateTimeout: 20 }, (error, stats) => builds.push(error, stats));
  try {
    const first = await next();
    assert.equal(first.hasErrors(), false, first.toString("errors-only"));
    assert.equal(userFieldsType(typeFileWith(outDir, "default:fragment:UserFields")), "{ id: string; name: string; avatarUrl: string | null; }");
    p.edit("basic/src/fragments/user.ts", "    name\n", "    name\n    email\n");
    await waitFor("the fragment's new type", () => userFieldsType(typeFileWith(outDir, "default:fragment:UserFields"))?.includes("email"));
  } finally {
    await new Promise((resolve) => watching.close(resolve));
    p.cleanup();
  }
});
