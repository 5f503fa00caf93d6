#!/usr/bin/env node
// `npm run perf-gate`: the performance regression gate (docs/PERFORMANCE.md "Regression
// gate"). Counts the instructions of a cold build and of an edit-leaf update on the 1k
// workload (seed 1) under callgrind — a figure that does not move with the machine's load —
// and compares them with `benchmark/perf-baseline.json`: exit code 1 past +5%.
//
//   npm run perf-gate                         build, measure, compare
//   npm run perf-gate -- --runs 2             each scenario twice (also checks the counts repeat)
//   npm run perf-gate -- --update-baseline --why "…"   write the baseline (commit it, saying why)
//   npm run perf-gate -- --no-build --scenarios cold --keep
//
// Each run measures one scenario in a fresh process (`crates/core/examples/perf_gate.rs`, one
// build thread) on a freshly generated project at a fixed path, every file's and folder's
// mtime set far in the past: counts then repeat to a few instructions. The path is fixed
// because the build hashes and copies absolute paths: a longer one costs more.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const BASELINE_PATH = join(ROOT, "benchmark", "perf-baseline.json");
/** Past this increase over the baseline the gate fails (performance.md: 5%). */
export const THRESHOLD = 0.05;
export const SCENARIOS = ["cold", "edit-leaf"];
export const WORKLOAD = "1k";
export const SEED = 1;
/** Where the project is generated: a fixed absolute path (see the header). */
export const PROJECT_DIR = `/tmp/fizz-perf-gate/${WORKLOAD}-${SEED}`;
/** Every generated file's and folder's mtime: far from the builder's 50 ms racy window. */
const MTIME = new Date("2020-01-01T00:00:00Z");
/** Runs that differ by more than this are reported: the count is meant to repeat. */
const SPREAD_WARNING = 0.001;

// ---------------------------------------------------------------------------------------
// Pure parts (tested by __test__/perf-gate.test.mjs).

/**
 * @typedef {{ instructions: number, workload: string, seed: number, workloadHash?: string,
 *   generatorVersion?: number, why: string, measuredAt?: string | null,
 *   toolchain?: Record<string, string | null> }} BaselineEntry
 * @typedef {Record<string, BaselineEntry>} Baseline
 * @typedef {{ name: string, seed: number, hash: string, generatorVersion?: number }} Workload
 * @typedef {"ok" | "regression" | "improvement" | "no-baseline" | "workload-changed"} Status
 * @typedef {{ scenario: string, baseline: number | null, now: number, delta: number | null,
 *   status: Status }} Row
 * @typedef {{ range: number, relative: number }} Spread
 */

/** @param {Status} status */
const fails = (status) => status === "regression" || status === "no-baseline" || status === "workload-changed";

/**
 * The total of event `event` (default `Ir`) in a callgrind output file: its `totals:` line
 * (or `summary:`, which older versions write), in the column the `events:` line gives.
 * @param {string} text @param {string} [event] @returns {number}
 */
export function parseCallgrindTotal(text, event = "Ir") {
  const eventsLine = /^events:\s*(.+)$/m.exec(text);
  if (!eventsLine) throw new Error("not a callgrind output: no `events:` line");
  const events = eventsLine[1].trim().split(/\s+/);
  const column = events.indexOf(event);
  if (column < 0) throw new Error(`callgrind output has no ${event} event (events: ${events.join(" ")})`);
  const line = /^totals:\s*(.+)$/m.exec(text) ?? /^summary:\s*(.+)$/m.exec(text);
  if (!line) throw new Error("callgrind output has no `totals:` or `summary:` line (did the program finish?)");
  const values = line[1].trim().split(/\s+/);
  // Trailing zero counts may be left out.
  const value = values[column] ?? "0";
  if (!/^\d+$/.test(value)) throw new Error(`callgrind total "${value}" is not a count`);
  return Number(value);
}

/**
 * Compares measured counts with the baseline: one row per scenario, with the baseline's
 * and the measured count, the relative delta, and a status — `regression` past
 * +threshold (the gate fails), `improvement` past −threshold (reported, the baseline can
 * be lowered), `ok`, `no-baseline`, or `workload-changed` (the baseline was measured on
 * other bytes: re-measure it). Both of the last fail too.
 * @param {Baseline | null | undefined} baseline
 * @param {Record<string, number>} measured
 * @param {{ threshold?: number, workload?: Workload }} [options]
 * @returns {{ rows: Row[], failed: boolean }}
 */
export function compare(baseline, measured, { threshold = THRESHOLD, workload } = {}) {
  /** @type {Row[]} */
  const rows = [];
  for (const [scenario, now] of Object.entries(measured)) {
    const base = baseline?.[scenario];
    if (!base || typeof base.instructions !== "number") {
      rows.push({ scenario, baseline: null, now, delta: null, status: "no-baseline" });
      continue;
    }
    const delta = (now - base.instructions) / base.instructions;
    /** @type {Status} */
    let status = "ok";
    if (workload && (base.workload !== workload.name || base.seed !== workload.seed || (base.workloadHash && base.workloadHash !== workload.hash))) {
      status = "workload-changed";
    } else if (delta > threshold) status = "regression";
    else if (delta < -threshold) status = "improvement";
    rows.push({ scenario, baseline: base.instructions, now, delta, status });
  }
  return { rows, failed: rows.some((r) => fails(r.status)) };
}

/** Spread of repeated counts: `max − min`, and that relative to `min`. @param {number[]} counts @returns {Spread} */
export function spread(counts) {
  const min = Math.min(...counts);
  const range = Math.max(...counts) - min;
  return { range, relative: min > 0 ? range / min : 0 };
}

/** The median of repeated counts (the lower middle one for an even number). @param {number[]} counts */
export function median(counts) {
  const sorted = [...counts].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** @param {number | null} n */
function formatCount(n) {
  return n == null ? "—" : n.toLocaleString("en-US");
}

/** @param {number | null} d */
function formatDelta(d) {
  if (d == null) return "—";
  const pct = (d * 100).toFixed(2);
  return pct === "-0.00" ? "+0.00%" : `${d >= 0 ? "+" : ""}${pct}%`;
}

/** The comparison as a Markdown table. @param {Row[]} rows @param {Record<string, Spread>} [spreads] */
export function formatTable(rows, spreads = {}) {
  const lines = ["| scenario | baseline (Ir) | now (Ir) | delta | run-to-run (max − min) | status |", "|---|---:|---:|---:|---:|---|"];
  for (const r of rows) {
    const s = spreads[r.scenario];
    lines.push(`| ${r.scenario} | ${formatCount(r.baseline)} | ${formatCount(r.now)} | ${formatDelta(r.delta)} | ${s == null ? "—" : `${formatCount(s.range)} (${(s.relative * 100).toFixed(4)}%)`} | ${r.status} |`);
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------
// Measuring.

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {{ runs: number, build: boolean, update: boolean, why: string | null, scenarios: string[], keep: boolean }} */
  const args = { runs: 1, build: true, update: false, why: null, scenarios: SCENARIOS, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--runs") args.runs = Number(argv[++i]);
    else if (a === "--no-build") args.build = false;
    else if (a === "--update-baseline") args.update = true;
    else if (a === "--why") args.why = argv[++i];
    else if (a === "--scenarios") args.scenarios = argv[++i].split(",");
    else if (a === "--keep") args.keep = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(args.runs) || args.runs < 1) throw new Error("--runs must be a positive integer");
  for (const s of args.scenarios) if (!SCENARIOS.includes(s)) throw new Error(`unknown scenario ${s} (${SCENARIOS.join(", ")})`);
  if (args.update && !args.why) throw new Error('--update-baseline needs --why "…": what changed the counts (the commit says it too)');
  if (args.update && args.scenarios.length !== SCENARIOS.length) throw new Error("--update-baseline measures every scenario");
  return args;
}

/** @param {string} command @param {string[]} args @param {import("node:child_process").SpawnSyncOptions} [options] */
function capture(command, args, options = {}) {
  const r = spawnSync(command, args, { ...options, encoding: "utf8" });
  if (r.error) throw r.error;
  return r;
}

function hostTriple() {
  const host = /^host: (.+)$/m.exec(capture("rustc", ["-vV"]).stdout ?? "")?.[1];
  if (!host) throw new Error("cannot tell the host target from `rustc -vV`");
  return host.trim();
}

/** @param {string} command @param {string[]} args */
function firstLine(command, args) {
  try {
    return (capture(command, args).stdout ?? "").split("\n")[0].trim() || null;
  } catch {
    return null;
  }
}

/** What the counts depend on besides the code: recorded with the baseline. @returns {Record<string, string | null>} */
function toolchain() {
  return {
    rustc: firstLine("rustc", ["-V"]),
    valgrind: firstLine("valgrind", ["--version"]),
    libc: firstLine("ldd", ["--version"]),
  };
}

function gitCommit() {
  const r = capture("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT });
  const dirty = capture("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: ROOT }).stdout.trim() !== "";
  return r.status === 0 ? `${r.stdout.trim()}${dirty ? " (with uncommitted changes)" : ""}` : null;
}

/** @param {string} host @param {boolean} build */
function buildBinary(host, build) {
  const targetDir = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(ROOT, "target");
  const binary = join(targetDir, host, "fastrel", "examples", "perf_gate");
  if (build) {
    console.log("== cargo build --profile fastrel --example perf_gate");
    const r = spawnSync("cargo", ["build", "--profile", "fastrel", "--target", host, "-p", "fizz-core", "--example", "perf_gate"], { cwd: ROOT, stdio: "inherit" });
    if (r.error) throw r.error;
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  if (!existsSync(binary)) throw new Error(`${binary} is missing (build it, or drop --no-build)`);
  return binary;
}

/**
 * One gate at a time per machine: the project path is fixed. Waits for a running gate
 * (up to 10 minutes); takes over the lock of a process that is gone.
 */
async function lock() {
  mkdirSync(dirname(PROJECT_DIR), { recursive: true });
  const path = `${dirname(PROJECT_DIR)}/.lock`;
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => {
        try {
          if (readFileSync(path, "utf8") === String(process.pid)) unlinkSync(path);
        } catch {}
      };
      process.on("exit", release);
      return;
    } catch (e) {
      if (/** @type {NodeJS.ErrnoException} */ (e).code !== "EEXIST") throw e;
    }
    let holder = 0;
    try {
      holder = Number(readFileSync(path, "utf8"));
    } catch {}
    // An empty lock is one being written: its holder is alive.
    let alive = !(Number.isInteger(holder) && holder > 0);
    if (!alive) {
      try {
        process.kill(holder, 0);
        alive = true;
      } catch (e) {
        alive = /** @type {NodeJS.ErrnoException} */ (e).code === "EPERM";
      }
    }
    if (!alive) {
      rmSync(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another perf gate (pid ${holder}) holds ${path}`);
    if (holder) console.log(`waiting for the perf gate of pid ${holder}…`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** Sets the mtime (and atime) of every entry under `dir`, and of `dir`. @param {string} dir @param {Date} time */
function ageTree(dir, time) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) ageTree(path, time);
    else utimesSync(path, time, time);
  }
  utimesSync(dir, time, time);
}

/**
 * A module of the benchmark, imported by a computed URL: tsc (`npm run typecheck` covers
 * scripts/) then does not type-check the benchmark's untyped JavaScript.
 * @param {string} path @returns {Promise<any>}
 */
function benchmarkModule(path) {
  return import(pathToFileURL(join(ROOT, "benchmark", path)).href);
}

/** The generated project's bytes, as one hash: the baseline is valid for these only. @returns {Promise<Workload>} */
export async function workloadInfo() {
  const { buildProject, GENERATOR_VERSION } = await benchmarkModule("lib/project.mjs");
  /** @type {{ files: Map<string, string | Buffer> }} */
  const { files } = buildProject(WORKLOAD, SEED);
  const hash = createHash("sha256");
  for (const path of [...files.keys()].sort()) hash.update(`${path}\0${files.get(path)}\0`);
  return { name: WORKLOAD, seed: SEED, hash: hash.digest("hex").slice(0, 16), generatorVersion: GENERATOR_VERSION };
}

async function freshProject() {
  const { generateProject } = await benchmarkModule("generate.mjs");
  rmSync(PROJECT_DIR, { recursive: true, force: true });
  const manifest = generateProject({ name: WORKLOAD, seed: SEED, outDir: PROJECT_DIR });
  ageTree(PROJECT_DIR, MTIME);
  return manifest;
}

/**
 * What a scenario's report must show, so that a scenario that stopped working fails.
 * @param {string} scenario
 * @param {{ threads: number, errors: string[], added: number, updated: string[], parsed: number }} report
 * @param {any} manifest the project's `bench-manifest.json`
 */
function checkReport(scenario, report, manifest) {
  /** @type {string[]} */
  const problems = [];
  if (report.threads !== 1) problems.push(`ran on ${report.threads} build threads, not 1`);
  if (report.errors.length) problems.push(`${report.errors.length} error diagnostics, first: ${report.errors[0]}`);
  if (scenario === "cold" && report.added !== manifest.counts.definitions) problems.push(`${report.added} elements for ${manifest.counts.definitions} definitions`);
  if (scenario === "edit-leaf") {
    const op = manifest.scenarios.editLeaf.operation;
    if (report.updated.length !== 1 || !report.updated[0].endsWith(`::${op}`)) problems.push(`updated ${JSON.stringify(report.updated)}, expected only ${op}`);
    if (report.parsed !== 1) problems.push(`parsed ${report.parsed} files, expected 1`);
  }
  return problems;
}

/** @param {string} binary @param {string} scenario @param {string} outFile */
async function measure(binary, scenario, outFile) {
  const manifest = await freshProject();
  const r = capture(
    "valgrind",
    ["--tool=callgrind", "--collect-atstart=no", "--toggle-collect=*perf_gate::measured_*", `--callgrind-out-file=${outFile}`, binary, scenario, PROJECT_DIR],
    { env: { ...process.env, RAYON_NUM_THREADS: "1" }, maxBuffer: 64 << 20 },
  );
  if (r.status !== 0) throw new Error(`valgrind ${scenario} exited with ${r.status}\n${r.stderr}`);
  const report = JSON.parse(r.stdout.trim().split("\n").pop() ?? "");
  const problems = checkReport(scenario, report, manifest);
  if (problems.length) throw new Error(`${scenario}: ${problems.join("; ")}`);
  const total = parseCallgrindTotal(readFileSync(outFile, "utf8"));
  // 0 when callgrind never entered a function the toggle names (renamed, or inlined).
  if (total < 10_000) throw new Error(`${scenario}: only ${total} instructions collected: is \`measured_*\` in perf_gate.rs still #[inline(never)]?`);
  return total;
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${/** @type {Error} */ (e).message}\nusage: npm run perf-gate -- [--runs N] [--scenarios cold,edit-leaf] [--no-build] [--keep] [--update-baseline --why "…"]`);
    process.exit(2);
  }
  const started = Date.now();
  if (capture("sh", ["-c", "command -v valgrind"]).status !== 0) {
    console.error("valgrind is not installed (Debian: apt-get install -y valgrind)");
    process.exit(2);
  }
  const binary = buildBinary(hostTriple(), args.build);
  await lock();
  const workload = await workloadInfo();
  const outDir = mkdtempSync(join(tmpdir(), "fizz-perf-gate-out-"));
  /** @type {Record<string, number[]>} */
  const counts = {};
  try {
    for (const scenario of args.scenarios) {
      counts[scenario] = [];
      for (let i = 0; i < args.runs; i++) {
        const t = Date.now();
        const ir = await measure(binary, scenario, join(outDir, `callgrind.out.${scenario}.${i + 1}`));
        counts[scenario].push(ir);
        console.log(`${scenario} run ${i + 1}/${args.runs}: ${formatCount(ir)} Ir (${((Date.now() - t) / 1000).toFixed(1)} s)`);
      }
    }
  } finally {
    rmSync(PROJECT_DIR, { recursive: true, force: true });
    if (args.keep) console.log(`callgrind outputs kept in ${outDir} (callgrind_annotate FILE)`);
    else rmSync(outDir, { recursive: true, force: true });
  }
  const measured = Object.fromEntries(Object.entries(counts).map(([s, c]) => [s, median(c)]));
  const spreads = Object.fromEntries(Object.entries(counts).filter(([, c]) => c.length > 1).map(([s, c]) => [s, spread(c)]));
  const tools = toolchain();

  if (args.update) {
    const commit = gitCommit();
    const baseline = Object.fromEntries(
      Object.entries(measured).map(([scenario, instructions]) => [
        scenario,
        { instructions, workload: workload.name, seed: workload.seed, workloadHash: workload.hash, generatorVersion: workload.generatorVersion, why: args.why, measuredAt: commit, toolchain: tools },
      ]),
    );
    writeFileSync(BASELINE_PATH, `${JSON.stringify(baseline, null, 2)}\n`);
    console.log(`\nwrote ${BASELINE_PATH}:`);
    for (const [s, n] of Object.entries(measured)) console.log(`  ${s}: ${formatCount(n)} Ir`);
    console.log("Commit it on its own, with a message that says why the counts changed.");
    return;
  }

  /** @type {Baseline} */
  const baseline = existsSync(BASELINE_PATH) ? JSON.parse(readFileSync(BASELINE_PATH, "utf8")) : {};
  const { rows, failed } = compare(baseline, measured, { workload });
  console.log(`\nInstructions (callgrind Ir), ${WORKLOAD} workload, seed ${SEED}, one build thread; fail past +${THRESHOLD * 100}%:\n`);
  console.log(formatTable(rows, spreads));
  for (const [s, v] of Object.entries(spreads)) {
    if (v.relative > SPREAD_WARNING) console.log(`\nwarning: ${s} counts differ by ${(v.relative * 100).toFixed(3)}% between runs (${counts[s].map(formatCount).join(", ")}): something in the build is not deterministic`);
  }
  const base = Object.values(baseline)[0];
  if (base?.toolchain) {
    const was = base.toolchain;
    const differs = Object.keys(tools).filter((k) => was[k] !== tools[k]);
    if (differs.length) console.log(`\nnote: the baseline was measured with another ${differs.map((k) => `${k} (${was[k]}; now ${tools[k]})`).join(", ")}: part of a difference may come from it.`);
  }
  const update = 'npm run perf-gate -- --update-baseline --why "<what changed the counts>"';
  const improved = rows.filter((r) => r.status === "improvement").map((r) => r.scenario);
  if (improved.length) console.log(`\n${improved.join(", ")}: more than ${THRESHOLD * 100}% fewer instructions than the baseline. If that is what a change meant to do, lower the baseline so the gate keeps the gain: \`${update}\`, committed on its own.`);
  if (rows.some((r) => r.status === "workload-changed")) console.log(`\nThe workload (generator version ${workload.generatorVersion}, hash ${workload.hash}) is not the one the baseline was measured on: re-measure it with \`${update}\`, committed with the generator change.`);
  if (rows.some((r) => r.status === "no-baseline")) console.log(`\nNo baseline for some scenarios: \`${update}\`.`);
  if (rows.some((r) => r.status === "regression")) {
    console.log(`\nPERF GATE FAILED: past +${THRESHOLD * 100}% instructions. Find where they go with \`npm run perf-gate -- --keep\` and callgrind_annotate (docs/PERFORMANCE.md). If the cost is intended (a feature that must do more work), update the baseline with \`${update}\` and commit benchmark/perf-baseline.json on its own, with a message that says why.`);
  }
  const bad = rows.filter((r) => fails(r.status)).length;
  console.log(`\nperf gate ${failed ? "failed" : "passed"} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`perf-gate: ${rows.length - bad} passed, ${bad} failed`);
  if (failed) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e.stack ?? e);
    process.exit(1);
  });
}
