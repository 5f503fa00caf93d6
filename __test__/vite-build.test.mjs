// `vite build` of the example app: no definition call and no composer import is left, every
// operation's document is in the bundle, and a broken template fails the build with the
// code frame. Also: the plugin's source maps in dev map untouched code back exactly.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";

import { SourceMapConsumer } from "source-map-js";
import { build, createServer } from "vite";

import { addon } from "./helpers/addon.mjs";
import { scratchExamples } from "./helpers/workspace.mjs";
import registry from "../lib/registry.cjs";

const projects = [];
function project() {
  const p = scratchExamples("basic", "vite-app");
  projects.push(p);
  return p;
}

after(() => {
  registry.release();
  for (const p of projects) p.cleanup();
});

const buildApp = (p) =>
  build({
    configFile: p.path("vite-app", "vite.config.mjs"),
    cacheDir: p.path(".vite"),
    logLevel: "silent",
    build: { outDir: p.path("dist") },
  });

function operations(p) {
  const session = new addon.BuilderSession({ root: p.path("basic") });
  const { elements } = session.buildInitial().artifact;
  return Object.values(elements).filter((e) => e.type === "operation");
}

test("vite build: no definition calls, no composer import, every document", async () => {
  const p = project();
  await buildApp(p);
  const assets = p.path("dist", "assets");
  const code = readdirSync(assets)
    .filter((f) => f.endsWith(".js"))
    .map((f) => readFileSync(join(assets, f), "utf8"))
    .join("\n");
  assert.doesNotMatch(code, /\bgql\.default\b|\bg\.default\(/, "no definition call");
  assert.doesNotMatch(code, /fizz-gql|graphql-system/, "no composer import");
  const ops = operations(p);
  assert.equal(ops.length, 6);
  for (const op of ops) {
    // The minifier may keep "\n" escapes or turn the string into a template literal.
    const escaped = JSON.stringify(op.text).slice(1, -1);
    assert.ok(code.includes(op.text) || code.includes(escaped), `${op.id}: its document is in the bundle`);
    assert.ok(code.includes(op.hash), `${op.id}: its hash is in the bundle`);
  }
});

test("vite build: a broken template fails the build with file, line and code frame", async () => {
  const p = project();
  p.edit("basic/src/pages/user-page.ts", "search(term: $term, first: 20)", "search(term: $term, first: 20");
  await assert.rejects(buildApp(p), (error) => {
    const text = `${error.message}\n${error.frame ?? ""}`;
    assert.match(text, /GRAPHQL_SYNTAX/);
    assert.match(text, /user-page\.ts/);
    assert.match(text, /> *\d+ \|/, "the code frame");
    return true;
  });
});

test("vite build: every error of a module is in the message, the first one located", async () => {
  const p = project();
  p.edit("basic/src/pages/user-page.ts", "search(term: $term, first: 20)", "search(term: $term, first: 20");
  p.edit("basic/src/pages/user-page.ts", "user(id: $id)", "user(id: $id");
  await assert.rejects(buildApp(p), (error) => {
    const located = [error, ...(error.errors ?? [])].find((e) => e.loc);
    assert.equal(located.loc.file, p.path("basic", "src", "pages", "user-page.ts"));
    assert.match(error.message, /…and 1 more:/);
    assert.equal(error.message.match(/src\/pages\/user-page\.ts:\d+:\d+ error GRAPHQL_SYNTAX/g)?.length, 2, error.message);
    return true;
  });
});

test("source maps: untouched code after a replaced call maps to its original line and column", async () => {
  const p = project();
  const file = p.path("basic", "src", "pages", "user-page.ts");
  const original = readFileSync(file, "utf8").split("\n");
  const server = await createServer({
    configFile: p.path("vite-app", "vite.config.mjs"),
    cacheDir: p.path(".vite"),
    logLevel: "silent",
    server: { middlewareMode: true, ws: false },
  });
  try {
    const maps = {
      native: registry.acquire({ root: p.path("basic") }).session.transform(file),
      vite: await server.transformRequest(file),
    };
    for (const [name, result] of Object.entries(maps)) {
      const map = new SourceMapConsumer(typeof result.map === "string" ? JSON.parse(result.map) : result.map);
      const lines = result.code.split("\n");
      // `GetUser` precedes a replaced call, `Search` follows one; `cacheSeconds` is inside
      // the OPTIONS expression the transform copies into the object.
      for (const token of ["GetUser", "Search", "cacheSeconds"]) {
        const genLine = lines.findIndex((l) => new RegExp(`\\b${token}\\b`).test(l));
        assert.ok(genLine >= 0, `${name}: ${token} in the output`);
        const at = map.originalPositionFor({ line: genLine + 1, column: lines[genLine].search(new RegExp(`\\b${token}\\b`)) });
        const line = original.findIndex((l) => new RegExp(`\\b${token}\\b`).test(l));
        if (token === "cacheSeconds") {
          // Inside a replacement only the replaced call's start is mapped.
          assert.ok(at.line !== null && at.line <= line + 1, `${name}: ${token} maps into or before its call`);
          continue;
        }
        assert.deepEqual(
          { line: at.line, column: at.column },
          { line: line + 1, column: original[line].search(new RegExp(`\\b${token}\\b`)) },
          `${name}: ${token}`,
        );
      }
    }
  } finally {
    await server.close();
  }
});
