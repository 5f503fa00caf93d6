// One object per definition, three ways: the native transform, the Babel plugin (under
// transformSync and under babel-loader) and the runtime composer under plain Node. They
// must be deep-equal for every definition of the example.
import assert from "node:assert/strict";
import { fork } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { stripVTControlCharacters } from "node:util";

import webpack from "webpack";

import { addon, ROOT } from "./helpers/addon.mjs";
import { pick } from "./helpers/examples.mjs";
import { tempDir } from "./helpers/workspace.mjs";

const require = createRequire(import.meta.url);
const babel = require("@babel/core");
const fizzBabel = require("../lib/babel-plugin.cjs");
const registry = require("../lib/registry.cjs");

const EXAMPLE = join(ROOT, "examples", "basic");
let session, ids;

before(() => {
  session = new addon.BuilderSession({ root: EXAMPLE });
  ids = Object.keys(session.buildInitial().artifact.elements);
});

after(() => registry.release());

/** Types stripped, ESM → CommonJS; imports are not needed to build the objects. */
function evaluate(code, filename, plugins = []) {
  const out = babel.transformSync(code, {
    filename,
    babelrc: false,
    configFile: false,
    presets: [require.resolve("@babel/preset-typescript")],
    plugins: [...plugins, require.resolve("@babel/plugin-transform-modules-commonjs")],
  }).code;
  const module = { exports: {} };
  new Function("exports", "require", "module", out)(module.exports, () => ({}), module);
  return module.exports;
}

function objectsBy(produce) {
  const objects = {};
  for (const id of ids) {
    const [file, astPath] = id.split("::");
    objects[id] = pick(produce(join(EXAMPLE, file)), astPath);
  }
  return objects;
}

const native = () => objectsBy((file) => evaluate(session.transform(file).code, file));

test("every example definition is covered", () => {
  assert.equal(ids.length, 10);
  for (const [id, object] of Object.entries(native())) assert.ok(object?.kind, `${id} evaluates to an element`);
});

test("Babel transformSync: the same objects as the native transform", () => {
  const viaBabel = objectsBy((file) => evaluate(readFileSync(file, "utf8"), file, [fizzBabel]));
  assert.deepStrictEqual(viaBabel, native());
});

test("Babel output keeps no definition call and no composer import", () => {
  const file = join(EXAMPLE, "src/pages/user-page.ts");
  const { code } = babel.transformSync(readFileSync(file, "utf8"), {
    filename: file,
    babelrc: false,
    configFile: false,
    plugins: [fizzBabel],
    presets: [require.resolve("@babel/preset-typescript")],
  });
  assert.doesNotMatch(code, /gql\.default|graphql-system/);
  assert.match(code, /^import \* as fragments from "\.\.\/fragments";$/m);
  assert.match(code, /^function __fizzGqlElement\(e, uses\)/, "the element helper in place of the composer import");
});

test("runtime under plain Node: the same objects as the native transform", async () => {
  const child = fork(join(ROOT, "__test__/helpers/runtime-child.mjs"), [EXAMPLE, ...ids], {
    execArgv: ["--import", join(ROOT, "__test__/helpers/register-ts.mjs")],
    serialization: "advanced", // keeps `options: undefined`
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const viaRuntime = await new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", (code) => reject(new Error(`runtime child exited with ${code}`)));
  });
  assert.deepStrictEqual(viaRuntime, native());
});

test("Babel under babel-loader (webpack): the same objects", async () => {
  const out = tempDir("fizz-babel-loader-");
  try {
    const compiler = webpack({
      mode: "production",
      target: "node",
      context: EXAMPLE,
      entry: "./src/pages/user-page.ts",
      output: { path: out, filename: "page.cjs", library: { type: "commonjs2" } },
      resolve: { extensions: [".ts", ".js"], alias: { "@": join(EXAMPLE, "src") } },
      module: {
        rules: [
          {
            test: /\.ts$/,
            loader: "babel-loader",
            options: { babelrc: false, configFile: false, presets: ["@babel/preset-typescript"], plugins: [fizzBabel] },
          },
        ],
      },
      infrastructureLogging: { level: "error" },
    });
    const stats = await new Promise((resolve, reject) => compiler.run((e, s) => (e ? reject(e) : resolve(s))));
    await new Promise((resolve) => compiler.close(resolve));
    assert.equal(stats.hasErrors(), false, stats.toString("errors-only"));
    const page = require(join(out, "page.cjs"));
    const expected = native();
    assert.deepStrictEqual(page.GetUser, expected["src/pages/user-page.ts::GetUser"]);
    assert.deepStrictEqual(page.Search, expected["src/pages/user-page.ts::Search"]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("Babel: a file that spreads a broken fragment of another file fails, naming the fragment's file, line and column", async () => {
  const { scratchExamples } = await import("./helpers/workspace.mjs");
  const { breakFragment, fixFragment } = await import("./helpers/broken-fragment.mjs");
  const p = scratchExamples("basic");
  try {
    const cli = breakFragment(p);
    const transform = (relative) => {
      const file = p.path("basic", relative);
      return babel.transformSync(readFileSync(file, "utf8"), {
        filename: file,
        babelrc: false,
        configFile: false,
        plugins: [fizzBabel],
        presets: [require.resolve("@babel/preset-typescript")],
      });
    };
    // The operation's file: no output with the definition call and the composer import.
    assert.throws(
      () => transform("src/pages/user-page.ts"),
      (error) => {
        // Babel's `loc` is a position in the file it transforms: not set for another file's.
        assert.equal(error.loc, undefined);
        assert.equal(error.code, cli.code);
        assert.ok(error.message.includes("src/pages/user-page.ts is not transformed"), error.message);
        assert.ok(error.message.includes(`${cli.text} error ${cli.code}`), error.message);
        return true;
      },
    );
    // The fragment's own file: Babel's error at the position, with Babel's code frame.
    assert.throws(
      () => transform(cli.file),
      (error) => {
        assert.deepEqual(error.loc, { line: cli.line, column: cli.column - 1 });
        assert.ok(error.message.includes(`${cli.text} error ${cli.code}`), error.message);
        // Babel colours its frame when it thinks a terminal or a CI log reads it (`CI` set).
        assert.match(stripVTControlCharacters(error.message), new RegExp(`> +${cli.line} \\|`), "Babel's code frame");
        return true;
      },
    );
    // Fixed: the host re-runs Babel on the edited file first (that file is always checked;
    // other files' edits are seen by a stat sweep at most once a second), then its users.
    fixFragment(p);
    assert.doesNotMatch(transform(cli.file).code, /gql\.default|graphql-system/);
    assert.doesNotMatch(transform("src/pages/user-page.ts").code, /gql\.default|graphql-system/);
  } finally {
    registry.release();
    p.cleanup();
  }
});
