// Makes sure the release addon exists and is newer than the Rust sources; builds it with
// `npx napi build --platform --release` otherwise (CARGO_TARGET_DIR is passed through).

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The addon file the package loads on this platform. */
export const ADDON_FILE = "fizz-gql.linux-x64-gnu.node";

function newestSource(dir, newest = 0) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "target" || entry.name.startsWith(".")) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) newest = newestSource(full, newest);
    else if (/\.rs$|Cargo\.toml$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * The reason the addon must be (re)built, or null when it is up to date: missing, not a
 * release build, or older than a `.rs` / `Cargo.toml` / `Cargo.lock` / `build.rs` of the
 * root crate or `crates/`.
 */
export function staleReason(root) {
  const addon = join(root, ADDON_FILE);
  if (!existsSync(addon)) return `${ADDON_FILE} is missing`;
  // Release builds are stripped (`strip = "symbols"`); the test profile (`fastrel`) keeps
  // its symbol table, and timing it would not measure what users run.
  if (readFileSync(addon).includes(".symtab")) return `${ADDON_FILE} is not a release build (it has a symbol table)`;
  const built = statSync(addon).mtimeMs;
  let newest = Math.max(newestSource(join(root, "src")), newestSource(join(root, "crates")));
  for (const f of ["Cargo.toml", "Cargo.lock", "build.rs"]) if (existsSync(join(root, f))) newest = Math.max(newest, statSync(join(root, f)).mtimeMs);
  return newest > built ? `${ADDON_FILE} is older than the Rust sources` : null;
}

/** Builds the release addon when `staleReason` says so; logs to stderr. */
export function ensureAddon(root, log) {
  const reason = staleReason(root);
  if (!reason) return { built: false };
  // The package's own build script: it also names the generated loader (`--js binding.js`),
  // which a bare `napi build` would write over the hand-written index.js.
  log(`${reason}: npm run build${process.env.CARGO_TARGET_DIR ? ` (CARGO_TARGET_DIR=${process.env.CARGO_TARGET_DIR})` : ""}`);
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  return { built: true, reason };
}
