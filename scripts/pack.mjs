#!/usr/bin/env node
// `npm run pack:local [-- --out DIR] [--platform P…]`: the tarballs a release would publish,
// made from this checkout: `fizz-gql` and one `fizz-gql-<platform>` per addon built here.
//
// The release workflow gets the same result from `napi artifacts` (every target's `.node`
// into `npm/<platform>/`) and `napi pre-publish` (which writes `optionalDependencies` into
// package.json and publishes the platform packages). Here the root package is staged: the
// files `npm pack` would take from the checkout, with package.json given the
// `optionalDependencies` napi pre-publish would write: `<name>-<platform>` at the exact same
// version for every napi target. They are not kept in the repository's package.json because
// `npm ci` refuses a package.json whose dependencies the lockfile cannot hold, and a platform
// package that is not published yet cannot be locked.
//
// Writes DIR/*.tgz and DIR/packages.json (what `npm pack --json` said of each); default DIR
// is artifacts/packages. Platform addons come from the `--from` folders, by default the
// repository root (the host build) and artifacts/ (`npm run build:cross`); `--platform P`
// fails (exit 2) when P's is missing.
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { readNapiConfig } from "@napi-rs/cli";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** @typedef {{ name: string, version: string, filename: string, size: number, unpackedSize: number, entryCount: number, files: { path: string, size: number }[] }} PackResult */

/**
 * `npm pack --json` in `dir`.
 * @param {string} dir
 * @param {string[]} extra
 * @returns {PackResult}
 */
function npmPack(dir, extra) {
  const out = execFileSync("npm", ["pack", "--json", "--ignore-scripts", ...extra], { cwd: dir, encoding: "utf8" });
  return JSON.parse(out)[0];
}

/** @param {string[]} argv */
function parse(argv) {
  /** @type {{ out: string, platforms: string[], from: string[] }} */
  const options = { out: join(ROOT, "artifacts", "packages"), platforms: [], from: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") options.out = resolve(argv[++i] ?? "");
    else if (argv[i] === "--platform") options.platforms.push(argv[++i] ?? "");
    else if (argv[i] === "--from") options.from.push(resolve(argv[++i] ?? ""));
    else {
      console.error(`pack: unknown argument ${argv[i]}; usage: pack.mjs [--out DIR] [--platform P…] [--from DIR…]`);
      process.exit(2);
    }
  }
  if (options.from.length === 0) options.from.push(ROOT, join(ROOT, "artifacts"));
  return options;
}

const { out, platforms, from } = parse(process.argv.slice(2));
const stage = join(out, "stage");
rmSync(out, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });

const { targets, packageName } = await readNapiConfig(join(ROOT, "package.json"));
/** @type {Record<string, unknown>} */
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const version = /** @type {string} */ (manifest.version);

// The root package: exactly the files `npm pack` takes from the checkout.
const rootStage = join(stage, packageName);
for (const { path } of npmPack(ROOT, ["--dry-run"]).files) {
  mkdirSync(dirname(join(rootStage, path)), { recursive: true });
  cpSync(join(ROOT, path), join(rootStage, path));
  chmodSync(join(rootStage, path), statSync(join(ROOT, path)).mode);
}
const optionalDependencies = Object.fromEntries(
  targets.map((t) => `${packageName}-${t.platformArchABI}`).sort().map((name) => [name, version]),
);
writeFileSync(join(rootStage, "package.json"), `${JSON.stringify({ ...manifest, optionalDependencies }, null, 2)}\n`);

/** @type {PackResult[]} */
const packed = [npmPack(rootStage, ["--pack-destination", out])];

// The platform packages: copies of npm/<platform>/ filled by fill-platform-packages.
const npmStage = join(stage, "npm");
cpSync(join(ROOT, "npm"), npmStage, { recursive: true });
const fill = [join(ROOT, "scripts", "fill-platform-packages.mjs"), "--npm-dir", npmStage];
for (const p of platforms) fill.push("--require", p);
const filled = execFileSync(process.execPath, [...fill, ...from], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
for (const target of targets) {
  const dir = join(npmStage, target.platformArchABI);
  if (!filled.includes(`filled ${packageName}-${target.platformArchABI} `)) continue;
  packed.push(npmPack(dir, ["--pack-destination", out]));
}

writeFileSync(join(out, "packages.json"), `${JSON.stringify(packed, null, 2)}\n`);
for (const p of packed) {
  console.log(`${p.filename}  ${(p.size / 1024).toFixed(1)} kB packed, ${(p.unpackedSize / 1024).toFixed(1)} kB unpacked, ${p.entryCount} files`);
  for (const f of p.files) console.log(`  ${f.path}  ${f.size} B`);
}
