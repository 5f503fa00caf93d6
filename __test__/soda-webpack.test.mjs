// The soda-gql-style app (examples/soda-app) under webpack 5 with fizz-gql's plugin and
// loader given soda-gql's plugin options: `configPath` names the `soda-gql.config.ts`
// (read statically), `transformer` is ignored with a note. The bundle holds the finished
// elements with their soda-gql surface.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, test } from "node:test";

import webpack from "webpack";

import { nodeBundleConfig } from "./helpers/watch-builds.mjs";
import { scratchExamples } from "./helpers/workspace.mjs";

const require = createRequire(import.meta.url);
const FizzWebpackPlugin = require("../lib/webpack-plugin.cjs");
const registry = require("../lib/registry.cjs");

const project = scratchExamples("soda-app");
after(() => {
  registry.release();
  project.cleanup();
});

test("webpack builds the soda-gql app with soda-gql's plugin options", async () => {
  const root = project.path("soda-app");
  const notes = [];
  const warn = console.warn;
  console.warn = (message) => notes.push(String(message));
  let plugin;
  try {
    plugin = new FizzWebpackPlugin({ configPath: "./soda-gql.config.ts", transformer: "swc", debug: false });
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(notes, ['fizz-gql: the soda-gql option `transformer: "swc"` is ignored (fizz-gql always transforms natively)']);
  const compiler = webpack(
    nodeBundleConfig({
      root,
      mode: "production",
      entry: "./src/pages/employee-page.ts",
      outDir: project.path("dist"),
      filename: "page.cjs",
      fizzLoader: { loader: FizzWebpackPlugin.loader, options: { configPath: "./soda-gql.config.ts", transformer: "swc" } },
      plugins: [plugin],
    }),
  );
  const stats = await new Promise((resolve, reject) => compiler.run((e, s) => (e ? reject(e) : resolve(s))));
  await new Promise((resolve) => compiler.close(resolve));
  assert.equal(stats.hasErrors(), false, stats.toString("errors-only"));
  const page = require(project.path("dist", "page.cjs"));
  assert.match(page.getEmployeeQuery.text, /^query GetEmployee\(\$employeeId: ID!, \$taskLimit: Int, \$compact: Boolean!\)/);
  assert.deepEqual(page.getEmployeeQuery.metadata.custom.fragments, [{ source: "employee-card" }]);
  assert.match(page.openTasksQuery.text, /openTasks: tasks\(limit: 3, done: false\)/);
});
