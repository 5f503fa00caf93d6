#!/usr/bin/env node
// Puts each built addon into its platform package, the local counterpart of `napi artifacts`
// (which the release workflow uses, and which fails unless every configured target is built).
//
//   node scripts/fill-platform-packages.mjs [--npm-dir DIR] [--require PLATFORM…] [SOURCE_DIR…]
//
// For every `npm/<platform>/package.json` it looks for the file that package's `main` names
// (`fizz-gql.<platform>.node`, as `napi build --platform` writes it) in the source folders
// (default: the repository root, where the host build lands; `artifacts/` for cross builds)
// and copies it, with the LICENSE, into the package. Prints what it filled and what it did
// not; exits 2 when a platform named by `--require` has no addon.
import { copyFileSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** @param {string[]} argv */
function parse(argv) {
  /** @type {{ npmDir: string, required: string[], sources: string[] }} */
  const options = { npmDir: join(ROOT, "npm"), required: [], sources: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--npm-dir") options.npmDir = resolve(argv[++i] ?? "");
    else if (arg === "--require") options.required.push(argv[++i] ?? "");
    else options.sources.push(resolve(arg));
  }
  if (options.sources.length === 0) options.sources.push(ROOT);
  return options;
}

const { npmDir, required, sources } = parse(process.argv.slice(2));
/** @type {string[]} */
const filled = [];
/** @type {string[]} */
const missing = [];
for (const platform of readdirSync(npmDir).sort()) {
  const manifestPath = join(npmDir, platform, "package.json");
  if (!existsSync(manifestPath)) continue;
  /** @type {{ name: string, main: string }} */
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const source = sources.map((dir) => join(dir, manifest.main)).find((file) => existsSync(file));
  if (!source) {
    missing.push(platform);
    continue;
  }
  copyFileSync(source, join(npmDir, platform, manifest.main));
  copyFileSync(join(ROOT, "LICENSE"), join(npmDir, platform, "LICENSE"));
  filled.push(platform);
  console.log(`filled ${manifest.name} from ${source}`);
}
if (missing.length > 0) console.log(`no addon built here for: ${missing.join(", ")}`);
const unmet = required.filter((p) => !filled.includes(p));
if (unmet.length > 0) {
  console.error(`fill-platform-packages: no addon for ${unmet.join(", ")} in ${sources.join(", ")}`);
  process.exit(2);
}
