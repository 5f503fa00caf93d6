// Hostile input and a careless machine (issue 15): the host process never dies, a wrong
// artifact is never served, cache trouble is a warning. Process-level cases run the addon
// or the CLI in a child process, so a crash is an exit status here, not a dead test run.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { ROOT } from "./helpers/addon.mjs";
import { fizz } from "./helpers/cli.mjs";
import { tempDir } from "./helpers/workspace.mjs";

const SCHEMA = "type Query { viewer: User }\ntype User { id: ID! name: String! friend: User }\n";
const HEAD = 'import { gql } from "@/gql";\n';

/** A project in a temporary folder: `files` (root-relative path → text) plus config, schema and system. */
function project(files, config = {}) {
  const dir = tempDir("fizz-robust-");
  const all = {
    "fizz.config.json": JSON.stringify({
      include: ["src/**/*.ts"],
      graphqlSystem: { path: "./src/gql.ts", aliases: ["@/gql"] },
      schemas: { default: "./schema.graphql" },
      ...config,
    }),
    "schema.graphql": SCHEMA,
    "src/gql.ts": "export const gql: any = {};\n",
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Runs `source` (an ES module body with `addon` and `dir` in scope) in a child node process. */
function child(dir, source) {
  const script = `import { createRequire } from "node:module";
const addon = createRequire(${JSON.stringify(join(ROOT, "package.json"))})("./index.js");
const dir = ${JSON.stringify(dir)};
${source}`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 60_000 });
  return { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

const DEFINITION = 'export const q = gql.default(({ query }) => query("Q")`{ viewer { id } }`());\n';

// The reproductions of issue 15 item 1: each killed the process with SIGSEGV (exit 139).
const DEEP = {
  parens: `export const d = ${"(".repeat(4586)}1${")".repeat(4586)};\n`,
  arrays: `export const d = ${"[".repeat(4586)}1${"]".repeat(4586)};\n`,
  arrows: `export const d = ${"() => {".repeat(3903)}${"}".repeat(3903)};\n`,
  objects: `export const d = ${"{a:".repeat(4001)}1${"}".repeat(4001)};\n`,
  ifs: `declare const x: boolean;\n${"if (x) {".repeat(9465)}${"}".repeat(9465)}\n`,
  types: `export type D = ${"Array<".repeat(5562)}1${">".repeat(5562)};\n`,
};

test("deeply nested TypeScript is a located NESTING_TOO_DEEP, not a crash, on the JS thread and off it", () => {
  const files = {};
  for (const [name, text] of Object.entries(DEEP)) files[`src/${name}.ts`] = HEAD + text;
  files["src/ok.ts"] = HEAD + DEFINITION;
  const dir = project(files);
  const run = child(dir, `
const session = new addon.BuilderSession({ configPath: dir + "/fizz.config.json" });
const sync = session.buildInitial();
const asyncResult = await new addon.BuilderSession({ configPath: dir + "/fizz.config.json" }).buildInitialAsync();
const pick = (r) => r.diagnostics.map((d) => [d.file, d.code, d.line, d.column]);
console.log(JSON.stringify({ sync: pick(sync), async: pick(asyncResult), ids: Object.keys(JSON.parse(sync.artifactJson()).elements) }));`);
  assert.equal(run.signal, null, run.stderr);
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.deepEqual(out.sync, out.async);
  const deep = out.sync.filter(([, code]) => code === "NESTING_TOO_DEEP").map(([file]) => file);
  // Bracket nesting is cut off before the parse; type arguments parse fine on the large stack.
  assert.deepEqual(deep, ["src/arrays.ts", "src/arrows.ts", "src/ifs.ts", "src/objects.ts", "src/parens.ts"]);
  for (const [file, , line, column] of out.sync.filter(([, code]) => code === "NESTING_TOO_DEEP")) {
    assert.ok(line >= 2 && column > 1, `${file} is located: ${line}:${column}`);
  }
  assert.deepEqual(out.ids, ["src/ok.ts::q"]);

  const cli = fizz(["build", "--json"], dir);
  assert.equal(cli.code, 1, cli.stderr);
  assert.ok(JSON.parse(cli.stdout).diagnostics.some((d) => d.code === "NESTING_TOO_DEEP"));
});

test("cache folder trouble is a warning: the CLI never prints an internal error, dispose() never throws", () => {
  const dir = project({ "src/ok.ts": HEAD + DEFINITION }, { cacheDir: ".cache" });
  for (const [what, plant] of [
    ["session.json as a folder", () => mkdirSync(join(dir, ".cache/session.json/inner"), { recursive: true })],
    ["modules as a file", () => writeFileSync(join(dir, ".cache/modules"), "x")],
    ["session.json as a FIFO", () => spawnSync("mkfifo", [join(dir, ".cache/session.json")])],
    ["session.json -> /dev/zero", () => symlinkSync("/dev/zero", join(dir, ".cache/session.json"))],
  ]) {
    rmSync(join(dir, ".cache"), { recursive: true, force: true });
    mkdirSync(join(dir, ".cache"));
    plant();
    const started = Date.now();
    const cli = fizz(["build", "--incremental"], dir);
    assert.equal(cli.code, 0, `${what}: ${cli.stderr}`);
    assert.doesNotMatch(cli.stderr, /internal error/, what);
    assert.ok(Date.now() - started < 20_000, `${what}: no hang`);
    // The next run restores what this one saved over the damaged entry.
    const again = fizz(["build", "--incremental", "--json"], dir);
    assert.equal(again.code, 0, `${what}: ${again.stderr}`);
    const result = JSON.parse(again.stdout);
    assert.deepEqual(result.diagnostics, [], what);
    assert.equal(result.stats.parsed, 0, `${what}: restored`);
  }
  // A cache that cannot be written at all: dispose() returns the warning instead of throwing.
  const blocked = project({ "src/ok.ts": HEAD + DEFINITION }, { cacheDir: "blocked/cache" });
  writeFileSync(join(blocked, "blocked"), "a file where the cache folder's parent should be");
  const run = child(blocked, `
const session = new addon.BuilderSession({ configPath: dir + "/fizz.config.json", persist: true });
const built = session.buildInitial();
const warnings = session.dispose();
console.log(JSON.stringify({ build: built.diagnostics.map((d) => d.code), dispose: warnings.map((d) => [d.code, d.severity]) }));`);
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.deepEqual(out.build, ["CACHE_WRITE"]);
  assert.deepEqual(out.dispose, [["CACHE_WRITE", "warning"]]);
});

test("a project whose every file is unreadable reports FILE_UNREADABLE and exits 1", () => {
  const files = { "src/data/a.ts": Buffer.from([0xff, 0xfe, 0x00, 0x89]), "src/data/b.ts": Buffer.from("export const x = '\xc3\x28';", "latin1") };
  const dir = project(files, { include: ["src/data/**/*.ts"] });
  const cli = fizz(["build", "--json"], dir);
  assert.equal(cli.code, 1, cli.stderr);
  const codes = JSON.parse(cli.stdout).diagnostics.map((d) => [d.file, d.code]);
  assert.deepEqual(codes, [["src/data/a.ts", "FILE_UNREADABLE"], ["src/data/b.ts", "FILE_UNREADABLE"]]);
});

test("the Babel plugin and the runtime never look for a config inside node_modules", () => {
  const dir = project({ "src/ok.ts": HEAD + DEFINITION });
  const evil = join(dir, "node_modules", "evil");
  mkdirSync(evil, { recursive: true });
  const marker = join(dir, "evil-config-ran");
  writeFileSync(join(evil, "fizz.config.js"), `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran");\nmodule.exports = { include: ["*.ts"] };\n`);
  writeFileSync(join(evil, "index.ts"), "export const x: number = 1;\n");
  const run = child(dir, `
const require = createRequire(${JSON.stringify(join(ROOT, "package.json"))});
const babel = require("@babel/core");
const file = dir + "/node_modules/evil/index.ts";
const out = babel.transformSync(require("node:fs").readFileSync(file, "utf8"), {
  filename: file, cwd: dir, babelrc: false, configFile: false,
  presets: [require.resolve("@babel/preset-typescript")],
  plugins: [require.resolve("./lib/babel-plugin.cjs")],
});
const { findConfig } = require("./lib/project-files.cjs");
console.log(JSON.stringify({ code: out.code, found: findConfig(dir + "/node_modules/evil", true) }));`);
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.equal(existsSync(marker), false, "the dependency's config was executed");
  assert.equal(out.found, join(dir, "fizz.config.json"));
  assert.match(out.code, /export const x = 1;/);
});
