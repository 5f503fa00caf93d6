// webpack 5 in watch mode with the plugin and loader (babel-loader strips the types after
// the fizz loader): a fragment edit rebuilds the operation module that spreads it, in
// another file; deleting a fragment's file is a clear error; restoring it recovers.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync, rmSync } from "node:fs";
import { after, before, test } from "node:test";

import webpack from "webpack";

import { breakFragment, fixFragment } from "./helpers/broken-fragment.mjs";
import { builtModules, loadBundle, nodeBundleConfig, watchQueue } from "./helpers/watch-builds.mjs";
import { scratchExamples } from "./helpers/workspace.mjs";

const require = createRequire(import.meta.url);
const FizzWebpackPlugin = require("../lib/webpack-plugin.cjs");
const registry = require("../lib/registry.cjs");

let project, watching;
const builds = watchQueue("webpack");
const nextBuild = (timeout) => builds.next(timeout);
const bundle = () => loadBundle(project.path("dist", "bundle.cjs"));

before(async () => {
  project = scratchExamples("basic");
  project.write(
    "basic/src/entry.ts",
    'export * from "./pages/user-page";\nexport * from "./pages/feed";\nexport * from "./fragments/user";\n',
  );
  const root = project.path("basic");
  const compiler = webpack(
    nodeBundleConfig({
      root,
      entry: "./src/entry.ts",
      outDir: project.path("dist"),
      fizzLoader: { loader: FizzWebpackPlugin.loader },
      plugins: [new FizzWebpackPlugin()],
      extra: { watchOptions: { aggregateTimeout: 20 } },
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
  const code = readFileSync(project.path("dist", "bundle.cjs"), "utf8");
  assert.doesNotMatch(code, /gql\.default\(|fizz-gql/);
  const exports = bundle();
  assert.equal(exports.GetUser.operationName, "GetUser");
  assert.match(exports.GetUser.text, /avatarUrl\(size: 128\)/);
  assert.deepEqual(exports.Search.options, { metadata: { cacheSeconds: 30 } });
});

test("editing a fragment rebuilds the operation module that spreads it, in another file", async () => {
  project.edit("basic/src/fragments/user.ts", "avatarUrl(size: 128)", "avatarUrl(size: 64)");
  const stats = await nextBuild();
  assert.equal(stats.hasErrors(), false, stats.toString("errors-only"));
  assert.ok(builtModules(stats).some((m) => m.endsWith("src/pages/user-page.ts")), "user-page.ts was rebuilt");
  const exports = bundle();
  assert.match(exports.GetUser.text, /avatarUrl\(size: 64\)/);
  assert.match(exports.Search.text, /avatarUrl\(size: 64\)/);
  assert.match(exports.userFields.text, /avatarUrl\(size: 64\)/);
});

test("deleting a fragment's file is a clear error; restoring it recovers", async () => {
  const file = "basic/src/fragments/post.ts";
  const text = readFileSync(project.path(file), "utf8");
  rmSync(project.path(file));
  const broken = await nextBuild();
  assert.equal(broken.hasErrors(), true);
  const errors = broken.toString("errors-only");
  // The fragment's user names the import that is gone, on its own module with webpack's
  // location (0-based column), and the code frame of the spread.
  assert.match(errors, /ERROR in \.\/src\/fragments\/user\.ts 17:11-\d+\n\[fizz-gql\] src\/fragments\/user\.ts:17:12 error UNRESOLVED_IMPORT: cannot resolve "\.\/post"/);
  assert.match(errors, /> 17 \|       \.\.\.\$\{postFields\}/, "with its code frame");
  // An operation whose fragment broke in another file fails too, naming the root cause
  // (its calls would otherwise stay as written and pull the runtime into the bundle).
  assert.match(errors, /ERROR in \.\/src\/pages\/user-page\.ts\n\[fizz-gql\] src\/pages\/user-page\.ts is not transformed[^\n]*\n\nsrc\/fragments\/user\.ts:17:12/);
  assert.doesNotMatch(errors, /\.node|runtime\.cjs/);

  project.write(file, text);
  const fixed = await nextBuild();
  assert.equal(fixed.hasErrors(), false, fixed.toString("errors-only"));
  assert.match(bundle().GetUser.text, /publishedAt/);
});

test("a broken fragment fails the build on the fragment's module, at the CLI's line and column; the fix rebuilds its dependents", async () => {
  const cli = breakFragment(project);
  const broken = await nextBuild();
  assert.equal(broken.hasErrors(), true);
  const errors = broken.toJson({ all: false, errors: true, moduleTrace: false }).errors;
  const own = errors.find((e) => e.moduleName === "./src/fragments/user.ts");
  assert.ok(own, JSON.stringify(errors, null, 1));
  // webpack's `loc`: 1-based line, 0-based column (as its parser's errors), then the end.
  assert.match(own.loc, new RegExp(`^${cli.line}:${cli.column - 1}\\b`));
  assert.ok(own.message.includes(`${cli.text} error ${cli.code}`), own.message);
  const dependent = errors.find((e) => e.moduleName === "./src/pages/user-page.ts");
  assert.ok(dependent?.message.includes(cli.text), "the operation's module names the fragment's place");
  assert.doesNotMatch(readFileSync(project.path("dist", "bundle.cjs"), "utf8"), /gql\.default\(/, "no definition call emitted");

  fixFragment(project);
  const fixed = await nextBuild();
  assert.equal(fixed.hasErrors(), false, fixed.toString("errors-only"));
  // Exactly the fragment's file and the bundled modules whose definitions use it (feed.ts
  // looks `postFields` up through the barrel's `export * from "./user"`). The barrels are
  // not bundled: once transformed, nothing uses the `fragments` import and Babel's
  // TypeScript preset drops it.
  // (entry.ts holds no definition and fizz transforms nothing in it: webpack rebuilds it
  // itself once after modules it re-exports with `export *` had failed; a plain fragment
  // edit, as in the test above, does not rebuild it.)
  const rebuilt = builtModules(fixed);
  assert.deepEqual(rebuilt.filter((m) => m !== "src/entry.ts").sort(), [
    "src/fragments/user.ts",
    "src/pages/feed.ts",
    "src/pages/user-page.ts",
  ]);
  assert.match(bundle().GetUser.text, /avatarUrl\(size: 64\)/);
});
