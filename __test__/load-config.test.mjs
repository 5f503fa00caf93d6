// Loading a `.mjs`/`.js` config for the CLI and the plugins: a config module that fails
// is a ConfigLoadError naming the file and why, whatever the module threw.
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";

import { addon } from "./helpers/addon.mjs";
import { tempDir } from "./helpers/workspace.mjs";
import { ConfigLoadError, sessionOptions } from "../lib/load-config.mjs";

const folders = [];
after(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh temporary folder, removed after the tests. */
function folder() {
  const dir = tempDir("fizz-load-config-");
  folders.push(dir);
  return dir;
}

/** A folder holding only `fizz.config.mjs` with `text`. */
function configFolder(text) {
  const root = folder();
  writeFileSync(join(root, "fizz.config.mjs"), text);
  return root;
}

test("a module config is loaded and its folder is the root", async () => {
  const root = configFolder('export default { include: ["src/**/*.ts"] };\n');
  assert.deepEqual(await sessionOptions({ root }), { root, config: { include: ["src/**/*.ts"] } });
});

test("a config module that throws is a ConfigLoadError with the file and the reason", async () => {
  for (const [thrown, why] of [
    ['new Error("no schema here")', "no schema here"],
    ['"a plain string"', "a plain string"],
  ]) {
    const root = configFolder(`throw ${thrown};\n`);
    const path = join(root, "fizz.config.mjs");
    await assert.rejects(sessionOptions({ root }), (error) => {
      assert.ok(error instanceof ConfigLoadError);
      assert.equal(error.message, `${path}: cannot load the config: ${why}`);
      return true;
    });
  }
});

test("a config module without an object default export is refused", async () => {
  const root = configFolder("export const include = [];\n");
  await assert.rejects(sessionOptions({ root }), {
    name: "ConfigLoadError",
    message: `${join(root, "fizz.config.mjs")}: the default export must be the config object`,
  });
});

test("no config in the folder names every file name looked for", async () => {
  const root = folder();
  await assert.rejects(sessionOptions({ root }), {
    name: "ConfigLoadError",
    message: `${root}: no fizz.config.json / fizz.config.mjs / fizz.config.js / soda-gql.config.ts / soda-gql.config.mts / soda-gql.config.js / soda-gql.config.mjs found`,
  });
});

test("a soda-gql config is read natively, statically: mapped keys, one warning per unmapped key", async () => {
  const root = folder();
  const config = [
    'import { defineConfig } from "@soda-gql/config";',
    "const globs = ['./src/**/*.ts'];",
    "export default defineConfig({",
    '  outdir: "./src/graphql-system",',
    '  include: ["./src/**/*.ts", "!./src/skip/**"],',
    "  exclude: globs,",
    '  analyzer: "ts",',
    '  schemas: { default: { schema: "./schema.graphql", inject: "./inject.ts" } },',
    "  somethingElse: 1,",
    "});",
  ].join("\n");
  writeFileSync(join(root, "soda-gql.config.ts"), config);
  writeFileSync(join(root, "schema.graphql"), "type Query { a: Int }\n");
  const { mkdirSync } = await import("node:fs");
  mkdirSync(join(root, "src/graphql-system"), { recursive: true });
  mkdirSync(join(root, "src/skip"), { recursive: true });
  writeFileSync(join(root, "src/graphql-system/index.ts"), 'export { gql } from "fizz-gql/runtime";\n');
  const definition = 'import { gql } from "./graphql-system";\nexport const Q = gql.default(({ query }) => query("Q")`{ a }`());\n';
  writeFileSync(join(root, "src/q.ts"), definition);
  writeFileSync(join(root, "src/skip/broken.ts"), definition.replace("{ a }", "{ a "));
  const options = await sessionOptions({ root });
  assert.deepEqual(options, { root, configPath: join(root, "soda-gql.config.ts") });
  const result = new addon.BuilderSession(options).buildInitial();
  assert.deepEqual(Object.keys(result.artifact.elements), ["src/q.ts::Q"], "the `!` entry excludes src/skip");
  assert.deepEqual(
    result.diagnostics.map((d) => [d.code, d.severity, d.message]),
    [
      ["CONFIG_UNMAPPED", "warning", 'soda-gql.config.ts: "analyzer": ignored (fizz-gql always analyses with oxc)'],
      ["CONFIG_UNMAPPED", "warning", 'soda-gql.config.ts: "exclude": not a literal value (the config is read without running it); it is ignored'],
      ["CONFIG_UNMAPPED", "warning", 'soda-gql.config.ts: "schemas.default.inject": not read (fizz-gql takes scalar and adapter types from the schema, not from an inject module); it is ignored'],
      ["CONFIG_UNMAPPED", "warning", 'soda-gql.config.ts: "somethingElse": not a soda-gql option fizz-gql maps (or not of the documented type); it is ignored'],
    ],
  );
});
