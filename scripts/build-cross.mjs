#!/usr/bin/env node
// `npm run build:cross [triple…]`: release builds of the addon for the Linux targets this
// machine can link, through zig (PyPI `ziglang`) and cargo-zigbuild, against glibc 2.17 / musl,
// then `fill-platform-packages` puts each `.node` into its `npm/<platform>/` package.
//
// Not part of `npm test`: a cold cross build takes minutes per target on 2 cores. Its output
// goes to `artifacts/` (the folder `napi artifacts` reads in the release workflow) and its
// cargo state to `target/cross/`, so it never holds the lock of the host build in `target/`.
// `scripts/check-cross.mjs` then checks what was built (ELF headers, loading under qemu).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const NAPI = join(ROOT, "node_modules", ".bin", "napi");

/** The tool versions this was checked with; pinned so a rerun links the same way. */
const PIP_TOOLS = ["ziglang==0.17.1", "cargo-zigbuild==0.24.1"];

/**
 * Each cross target and the spelling handed to cargo-zigbuild. The `.2.17` suffix asks zig
 * to link against glibc 2.17 symbols, the floor napi-rs's own prebuilt packages use, so the
 * addon loads on any glibc a supported Node runs on.
 * @type {{ triple: string, zigTarget: string }[]}
 */
const TARGETS = [
  // The host's own target too: the host build links against this machine's glibc (2.34
  // symbols on Debian 12), which Node 20's oldest supported Linux (glibc 2.28) lacks.
  { triple: "x86_64-unknown-linux-gnu", zigTarget: "x86_64-unknown-linux-gnu.2.17" },
  { triple: "aarch64-unknown-linux-gnu", zigTarget: "aarch64-unknown-linux-gnu.2.17" },
  { triple: "x86_64-unknown-linux-musl", zigTarget: "x86_64-unknown-linux-musl" },
];

/**
 * @param {string} command
 * @param {string[]} args
 * @param {import("node:child_process").SpawnSyncOptions} [options]
 */
function run(command, args, options = {}) {
  console.log(`$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", cwd: ROOT, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`build-cross: \`${command} ${args.join(" ")}\` exited ${result.status}`);
    process.exit(result.status ?? 3);
  }
}

/** @param {string} command @param {string[]} args */
function succeeds(command, args) {
  const result = spawnSync(command, args, { stdio: "ignore" });
  return !result.error && result.status === 0;
}

/** Installs what is missing: the Rust standard library of each target, zig and cargo-zigbuild. */
function ensureToolchain(/** @type {string[]} */ triples) {
  const installed = spawnSync("rustup", ["target", "list", "--installed"], { encoding: "utf8" }).stdout ?? "";
  const missing = triples.filter((t) => !installed.split("\n").includes(t));
  if (missing.length > 0) run("rustup", ["target", "add", ...missing]);
  if (!succeeds("cargo", ["help", "zigbuild"]) || !succeeds("python3", ["-m", "ziglang", "version"])) {
    run("python3", ["-m", "pip", "install", "--quiet", ...PIP_TOOLS]);
  }
}

const wanted = process.argv.slice(2);
const targets = wanted.length === 0 ? TARGETS : TARGETS.filter((t) => wanted.includes(t.triple));
if (targets.length !== Math.max(wanted.length, targets.length) || targets.length === 0) {
  console.error(`build-cross: known targets are ${TARGETS.map((t) => t.triple).join(", ")}`);
  process.exit(2);
}
if (!existsSync(NAPI)) {
  console.error("build-cross: run `npm ci` first (it installs @napi-rs/cli)");
  process.exit(2);
}
ensureToolchain(targets.map((t) => t.triple));
for (const { zigTarget } of targets) {
  // --no-js: the committed loader (binding.js) is the host build's; --dts stays inside artifacts/.
  run("nice", [
    "-n", "19", NAPI, "build", "--platform", "--release", "--cross-compile",
    "--target", zigTarget, "--target-dir", "target/cross", "--output-dir", "artifacts",
    "--no-js", "--dts", "index.d.ts",
  ]);
}
run(process.execPath, [join(ROOT, "scripts", "fill-platform-packages.mjs"), "artifacts"]);
