// rspack in watch mode with the webpack plugin and loader (rspack's webpack-compatible API;
// its builtin SWC loader strips the types): the bundle holds the objects; a broken fragment
// fails the build with a located error on the fragment's module, at the CLI's line and
// column; the fix rebuilds exactly the modules whose definitions use it.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";

import { rspack } from "@rspack/core";

import { breakFragment, fixFragment } from "./helpers/broken-fragment.mjs";
import { builtModules, loadBundle, nodeBundleConfig, watchQueue } from "./helpers/watch-builds.mjs";
import { scratchExamples } from "./helpers/workspace.mjs";

const require = createRequire(import.meta.url);
const FizzWebpackPlugin = require("../lib/webpack-plugin.cjs");
const registry = require("../lib/registry.cjs");

let project, watching;
const builds = watchQueue("rspack");
const nextBuild = (timeout) => builds.next(timeout);
const bundle = () => loadBundle(project.path("dist", "bundle.cjs"));

before(async () => {
  project = scratchExamples("basic");
  project.write("basic/src/entry.ts", 'export * from "./pages/user-page";\nexport * from "./pages/feed";\nexport * from "./fragments/user";\n');
  const root = project.path("basic");
  const compiler = rspack(
    nodeBundleConfig({
      root,
      entry: "./src/entry.ts",
      outDir: project.path("dist"),
      tsLoader: { loader: "builtin:swc-loader", options: { jsc: { parser: { syntax: "typescript" } } } },
      fizzLoader: { loader: FizzWebpackPlugin.loader },
      plugins: [new FizzWebpackPlugin()],
    }),
  );
  watching = compiler.watch({ aggregateTimeout: 20 }, (error, stats) => {
    builds.push(error, stats);
  });
  const first = await nextBuild();
  assert.equal(first.hasErrors(), false, first.toString("errors-only"));
});

after(async () => {
  await new Promise((resolve) => (watching ? watching.close(resolve) : resolve()));
  registry.release();
  project?.cleanup();
});

test("the bundle holds the transformed objects, not definition calls", () => {
  assert.doesNotMatch(readFileSync(project.path("dist", "bundle.cjs"), "utf8"), /gql\.default\(|fizz-gql\/runtime/);
  assert.match(bundle().GetUser.text, /avatarUrl\(size: 128\)/);
});

test("a broken fragment fails the build on the fragment's module at the CLI's line and column; the fix rebuilds its dependents", async () => {
  const cli = breakFragment(project);
  const broken = await nextBuild();
  assert.equal(broken.hasErrors(), true);
  const errors = broken.toJson({ all: false, errors: true }).errors;
  const own = errors.find((e) => e.moduleName === "./src/fragments/user.ts");
  assert.ok(own, JSON.stringify(errors, null, 1));
  // rspack's stats print the location 1-based (`9:3-4`); it was given 0-based, in bytes.
  assert.match(own.loc, new RegExp(`^${cli.line}:${cli.column}\\b`), own.loc);
  assert.ok(own.message.includes(`${cli.text} error ${cli.code}`), own.message);
  const dependent = errors.find((e) => e.moduleName === "./src/pages/user-page.ts");
  assert.ok(dependent?.message.includes(cli.text), "the operation's module names the fragment's place");

  fixFragment(project);
  const fixed = await nextBuild();
  assert.equal(fixed.hasErrors(), false, fixed.toString("errors-only"));
  // (entry.ts, which fizz transforms nothing in, is left out as in the webpack test.)
  assert.deepEqual(builtModules(fixed).filter((m) => m !== "src/entry.ts").sort(), [
    "src/fragments/user.ts",
    "src/pages/feed.ts",
    "src/pages/user-page.ts",
  ]);
  assert.match(bundle().GetUser.text, /avatarUrl\(size: 128\)/);
});
