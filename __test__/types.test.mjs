// Typed definitions (types.md): a project built by the session, then compiled by a real
// `tsc --noEmit --strict` — TypeScript 5.9 and 7 — with one `Equal<>` per row of the mapping,
// negative cases that must fail with the expected error codes, urql's types inferring the
// data with no cast, and a fresh clone (no generated files) that type-checks as well.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { ROOT, addon, copyFixture } from "./helpers/addon.mjs";
import { scratchExamples } from "./helpers/workspace.mjs";

const TSC = {
  "5.9": join(ROOT, "node_modules", "typescript", "bin", "tsc"),
  "7": join(ROOT, "node_modules", "typescript7", "bin", "tsc"),
};

/** The fixture in a temporary folder, with `fizz-gql` and the client packages linked in. */
function project() {
  const dir = copyFixture("types");
  for (const name of ["fizz-gql", "@urql/core", "@graphql-typed-document-node/core"]) {
    const link = join(dir, "node_modules", name);
    mkdirSync(join(link, ".."), { recursive: true });
    symlinkSync(name === "fizz-gql" ? ROOT : join(ROOT, "node_modules", name), link, "dir");
  }
  return dir;
}

/** Runs `tsc -p <tsconfig>`: exit code and the errors as `file:line TScode`. */
function tsc(version, dir, tsconfig) {
  const run = spawnSync(process.execPath, [TSC[version], "-p", tsconfig, "--pretty", "false"], { cwd: dir, encoding: "utf8" });
  const errors = [...run.stdout.matchAll(/^(\S+?)\((\d+),\d+\): error (TS\d+)/gm)].map((m) => `${m[1]}:${m[2]} ${m[3]}`);
  return { code: run.status, errors, output: run.stdout + run.stderr };
}

/**
 * The `// @expect TSnnnn` markers of the negative cases: the line after each must fail with
 * that code (`ts7=TSmmmm` where TypeScript 7 reports the same mistake with another code).
 */
function expectedErrors(dir, version) {
  const out = [];
  for (const name of readdirSync(join(dir, "src", "negative")).sort()) {
    const file = `src/negative/${name}`;
    readFileSync(join(dir, file), "utf8")
      .split("\n")
      .forEach((line, i) => {
        const m = /\/\/ @expect (TS\d+)(?: ts7=(TS\d+))?/.exec(line);
        if (m) out.push(`${file}:${i + 2} ${version === "7" && m[2] ? m[2] : m[1]}`);
      });
  }
  return out.sort();
}

function build(dir) {
  const session = new addon.BuilderSession({ root: dir, configPath: join(dir, "fizz.config.json") });
  const result = session.buildInitial();
  // The type files are written by the session's writer thread: on disk after waitForWrites().
  assert.deepEqual(session.waitForWrites(), []);
  assert.deepEqual(result.diagnostics.map((d) => `${d.code} ${d.file}:${d.line} ${d.message}`), []);
  return { session, result };
}

test("every entry point of the package declares its types", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const entries = Object.entries(pkg.exports).filter(([name]) => name !== "./package.json");
  assert.deepEqual(entries.map(([name]) => name).sort(), [".", "./babel", "./config", "./metro", "./runtime", "./vite", "./webpack", "./webpack/loader"]);
  for (const [name, target] of entries) {
    assert.equal(typeof target.types, "string", `${name} has a types condition`);
    assert.ok(existsSync(join(ROOT, target.types)), `${name}: ${target.types} exists`);
    assert.equal(Object.keys(target)[0], "types", `${name}: types comes first`);
  }
});

const outDir = (dir) => join(dir, "src", "graphql-system", "__generated__");

test("a fresh clone type-checks before the first build (results are unknown)", () => {
  const dir = project();
  try {
    assert.equal(existsSync(outDir(dir)), false);
    for (const version of Object.keys(TSC)) {
      const run = tsc(version, dir, "tsconfig.fresh.json");
      assert.equal(run.code, 0, `TypeScript ${version}:\n${run.output}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("every row of the mapping holds under tsc --strict, TypeScript 5.9 and 7", () => {
  const dir = project();
  try {
    const { result } = build(dir);
    assert.ok(result.stats.typesWritten >= 2, "the type files were written");
    for (const version of Object.keys(TSC)) {
      const run = tsc(version, dir, "tsconfig.json");
      assert.equal(run.code, 0, `TypeScript ${version}:\n${run.output}`);
    }
    // The assertions can fail: an unbuilt project leaves every result unknown.
    rmSync(outDir(dir), { recursive: true });
    const unbuilt = tsc("5.9", dir, "tsconfig.json");
    assert.notEqual(unbuilt.code, 0);
    assert.ok(unbuilt.errors.some((e) => e.startsWith("src/type-tests.ts:")), unbuilt.output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("negative cases fail with the expected TypeScript errors, and only those", () => {
  const dir = project();
  try {
    build(dir);
    for (const version of Object.keys(TSC)) {
      const expected = expectedErrors(dir, version);
      assert.ok(expected.length >= 8);
      const run = tsc(version, dir, "tsconfig.negative.json");
      assert.deepEqual(run.errors.sort(), expected, `TypeScript ${version}:\n${run.output}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("update() rewrites only the type files whose types changed; a file without definitions loses its own", () => {
  const dir = project();
  try {
    const built = build(dir);
    const session = { update: (/** @type {any} */ changes) => {
      const result = built.session.update(changes);
      built.session.waitForWrites();
      return result;
    } };
    const files = () => Object.fromEntries(readdirSync(outDir(dir)).map((n) => [n, readFileSync(join(outDir(dir), n), "utf8")]));
    const before = files();
    assert.equal(Object.keys(before).length, 4); // three source files and the index
    // A document change that changes no type: nothing written.
    const ops = join(dir, "src", "defs", "operations.ts");
    writeFileSync(ops, readFileSync(ops, "utf8").replace("friends(first: 1)", "friends(first: 7)"));
    const same = session.update({ updated: [ops] });
    assert.deepEqual(same.delta.updated, ["src/defs/operations.ts::Aliases"]);
    assert.equal(same.stats.typesWritten, 0);
    assert.deepEqual(files(), before);
    // A selection change: that file's type file only, and tsc sees the new field.
    writeFileSync(ops, readFileSync(ops, "utf8").replace("query(\"Now\")`{\n    now\n  }`", "query(\"Now\")`{\n    now\n    later: now\n  }`"));
    const changed = session.update({ updated: [ops] });
    assert.equal(changed.stats.typesWritten, 1);
    const after = files();
    const differing = Object.keys(after).filter((n) => after[n] !== before[n]);
    assert.equal(differing.length, 1);
    assert.match(after[differing[0]], /"default:operation:Now": \{ result: \{ now: string; later: string; \}/);
    // The file goes: its type file goes.
    const gone = ["fragments.ts", "duplicates.ts"].map((f) => join(dir, "src", "defs", f)).concat(ops);
    for (const file of gone) rmSync(file);
    session.update({ removed: gone });
    assert.deepEqual(Object.keys(files()), ["index.d.ts"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("examples/basic is typed end to end: after a build it passes tsc --strict (5.9 and 7)", () => {
  const p = scratchExamples("basic");
  try {
    const dir = p.path("basic");
    rmSync(join(dir, "src", "graphql-system", "__generated__"), { recursive: true, force: true });
    build(dir);
    assert.match(readFileSync(join(dir, "src", "pages", "user-page.ts"), "utf8"), /ResultOf<typeof GetUser>/);
    for (const version of Object.keys(TSC)) {
      const run = tsc(version, dir, "tsconfig.json");
      assert.equal(run.code, 0, `TypeScript ${version}:\n${run.output}`);
    }
  } finally {
    p.cleanup();
  }
});
