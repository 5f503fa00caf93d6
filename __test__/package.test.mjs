// The packages as a user gets them: scripts/pack.mjs packs `fizz-gql` and this machine's
// platform package (`npm pack`), `npm install` puts both tarballs into an empty app, and
// there `require('fizz-gql')` builds a copy of examples/basic, `npx fizz build` prints the
// summary, `vite build` loads `fizz-gql/vite` from the installed package, and a mismatched or
// removed platform package gives one clear message and exit 2.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { ROOT } from "./helpers/addon.mjs";

const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
/** The platform of the addon this checkout built (`fizz-gql.<platform>.node` at the root). */
const HOST = readdirSync(ROOT)
  .map((f) => /^fizz-gql\.(.+)\.node$/.exec(f)?.[1])
  .find(Boolean);
const PLATFORM_PACKAGE = `fizz-gql-${HOST}`;
const skip = HOST ? false : "no addon built at the repository root (npm run build:test)";

/** The environment without npm's `npm_*` variables, so `npx` in the app acts as a user's. */
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

let tmp, app;

/** @param {string} command @param {string[]} args @param {string} [cwd] */
function run(command, args, cwd = app) {
  const result = spawnSync(command, args, { cwd, env: ENV, encoding: "utf8", timeout: 60_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A stack trace line, which a user-facing error must not print. */
const STACK_LINE = /^\s+at .+[(:]\d+/m;

before(() => {
  if (skip) return;
  tmp = mkdtempSync(join(tmpdir(), "fizz-package-"));
  const packs = join(tmp, "packs");
  const pack = run(process.execPath, [join(ROOT, "scripts", "pack.mjs"), "--out", packs, "--platform", HOST], ROOT);
  assert.equal(pack.code, 0, pack.stderr);
  app = join(tmp, "app");
  cpSync(join(ROOT, "examples", "basic"), join(app, "basic"), { recursive: true });
  cpSync(join(ROOT, "examples", "vite-app"), join(app, "vite-app"), {
    recursive: true,
    filter: (src) => !/\/(node_modules|dist)(\/|$)/.test(src),
  });
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "an-app", private: true, type: "module" }));
  // --offline: the other platforms' optional packages are skipped, as on a machine that cannot
  // install them, instead of being asked of the registry.
  const install = run("npm", [
    "install", "--no-audit", "--no-fund", "--offline",
    join(packs, `fizz-gql-${manifest.version}.tgz`),
    join(packs, `${PLATFORM_PACKAGE}-${manifest.version}.tgz`),
  ]);
  assert.equal(install.code, 0, install.stderr);
  // Vite (a peer dependency) from this checkout instead of the registry: it resolves its own
  // dependencies from where it really is.
  symlinkSync(join(ROOT, "node_modules", "vite"), join(app, "node_modules", "vite"), "dir");
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test("the tarballs hold what ships, the root one its platform packages at its exact version", { skip }, () => {
  const packed = JSON.parse(readFileSync(join(tmp, "packs", "packages.json"), "utf8"));
  const [root, platform] = packed;
  const paths = root.files.map((f) => f.path);
  for (const file of ["LICENSE", "README.md", "package.json", "index.js", "binding.js", "index.d.ts", "bin/fizz.mjs", "lib/vite-plugin.mjs"]) {
    assert.ok(paths.includes(file), `fizz-gql ships ${file}`);
  }
  assert.ok(!paths.some((p) => /\.node$|^(src|crates|__test__|scripts|npm|examples|benchmark)\//.test(p)), paths.join(", "));
  assert.deepEqual(platform.files.map((f) => f.path).sort(), ["LICENSE", "README.md", `fizz-gql.${HOST}.node`, "package.json"]);
  const installed = JSON.parse(readFileSync(join(app, "node_modules", "fizz-gql", "package.json"), "utf8"));
  const expected = Object.fromEntries(readdirSync(join(ROOT, "npm")).map((p) => [`fizz-gql-${p}`, manifest.version]));
  assert.deepEqual(installed.optionalDependencies, expected);
  assert.equal(Object.keys(expected).length, manifest.napi.targets.length, "one npm/<platform> folder per napi target");
});

test("require('fizz-gql') in the app builds a copy of examples/basic with the installed addon", { skip }, () => {
  const script = `
    const { BuilderSession } = require("fizz-gql");
    const { artifact, diagnostics } = new BuilderSession({ root: "basic" }).buildInitial();
    const addon = process.report.getReport().sharedObjects.find((s) => s.endsWith(".node"));
    console.log(JSON.stringify({
      entry: require.resolve("fizz-gql"),
      addon,
      operations: Object.values(artifact.elements).filter((e) => e.type === "operation").map((e) => e.prebuild.operationName).sort(),
      errors: diagnostics.filter((d) => d.severity === "error").length,
    }));`;
  const result = run(process.execPath, ["--input-type=commonjs", "-e", script]);
  assert.equal(result.code, 0, result.stderr);
  const built = JSON.parse(result.stdout);
  assert.equal(built.entry, join(app, "node_modules", "fizz-gql", "index.js"));
  assert.equal(built.addon, join(app, "node_modules", PLATFORM_PACKAGE, `fizz-gql.${HOST}.node`));
  assert.deepEqual(built.operations, ["Feed", "GetUser", "HomeViewer", "OnPostAdded", "Search", "UpdateUser"]);
  assert.equal(built.errors, 0);
});

test("npx fizz build prints the summary and exits 0", { skip }, () => {
  const result = run("npx", ["fizz", "build", "--config", "basic/fizz.config.json"]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /^fizz: 6 operations, 4 fragments, 0 errors, 0 warnings in [\d.]+ ms$/m);
});

test("vite build of the copy loads fizz-gql/vite from the installed package", { skip }, () => {
  const result = run(process.execPath, [join(app, "node_modules", "vite", "bin", "vite.js"), "build", "vite-app", "--logLevel", "warn"]);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  const assets = join(app, "vite-app", "dist", "assets");
  const code = readdirSync(assets)
    .filter((f) => f.endsWith(".js"))
    .map((f) => readFileSync(join(assets, f), "utf8"))
    .join("\n");
  assert.match(code, /query Feed\(\$first: Int, \$withBody: Boolean = true\)/);
  assert.doesNotMatch(code, /\bgql\.default\b|fizz-gql/, "every definition call replaced, no plugin code in the bundle");
});

test("a platform package of another version: one clear message, exit 2", { skip }, () => {
  const path = join(app, "node_modules", PLATFORM_PACKAGE, "package.json");
  const original = readFileSync(path, "utf8");
  writeFileSync(path, JSON.stringify({ ...JSON.parse(original), version: "0.0.9" }));
  try {
    const result = run("npx", ["fizz", "build", "--config", "basic/fizz.config.json"]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`package ${PLATFORM_PACKAGE} is version 0\\.0\\.9, and it must be ${manifest.version}`));
    assert.match(result.stderr, new RegExp(`Run: npm install ${PLATFORM_PACKAGE}@${manifest.version}`));
    assert.doesNotMatch(result.stderr, STACK_LINE);
  } finally {
    writeFileSync(path, original);
  }
});

test("a damaged or foreign addon in the platform package: one clear message, exit 2", { skip }, () => {
  const path = join(app, "node_modules", PLATFORM_PACKAGE, `fizz-gql.${HOST}.node`);
  const original = readFileSync(path);
  writeFileSync(path, "not an ELF file");
  try {
    const result = run("npx", ["fizz", "build", "--config", "basic/fizz.config.json"]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /^fizz: fizz-gql [\d.]+: the native addon for this platform \(.+\) is there but does not load: .+fizz-gql\..+\.node: /m);
    assert.match(result.stderr, new RegExp(`Reinstall it: npm install ${PLATFORM_PACKAGE}@${manifest.version}$`, "m"));
    assert.doesNotMatch(result.stderr, STACK_LINE);
  } finally {
    writeFileSync(path, original);
  }
});

test("without the platform package: the message names it, the platform and what to run; exit 2", { skip }, () => {
  rmSync(join(app, "node_modules", PLATFORM_PACKAGE), { recursive: true });
  const result = run("npx", ["fizz", "build", "--config", "basic/fizz.config.json"]);
  assert.equal(result.code, 2, result.stderr);
  const [first, second, third] = result.stderr.trim().split("\n");
  assert.match(first, new RegExp(`^fizz: fizz-gql ${manifest.version}: no native addon for this platform \\(${process.platform}-${process.arch}`));
  assert.match(second, new RegExp(`^Looked for the package ${PLATFORM_PACKAGE}, an optional dependency of fizz-gql`));
  assert.match(third, new RegExp(`^Run: npm install ${PLATFORM_PACKAGE}@${manifest.version} `));
  assert.doesNotMatch(result.stderr, STACK_LINE);
  assert.doesNotMatch(result.stderr, /npm has a bug/);
  // The library gives the same message as an error with a code a caller can test.
  const load = run(process.execPath, ["-e", `try { require("fizz-gql") } catch (e) { console.log(e.code); console.log(e.message) }`]);
  assert.equal(load.stdout.split("\n")[0], "FIZZ_NATIVE_BINDING");
  assert.equal(load.stdout.split("\n")[1], first.slice("fizz: ".length));
});
