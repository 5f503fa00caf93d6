#!/usr/bin/env node
// The end-to-end scenarios alone (benchmark/README.md "End to end"): Vite dev edit → HMR
// update applied in Chromium, for the edit-leaf and edit-hub edits.
//
//   node benchmark/e2e.mjs [--workloads 1k,10k] [--seed N] [--quick] [--no-build] [--stdout-json]
//                          [--ignore-generated]
//
// Writes `benchmark/results/<YYYY-MM-DD>-e2e.json` and prints the table; `--stdout-json`
// (what `run.mjs --e2e` uses) prints the results JSON on stdout instead and writes no file.
// `--ignore-generated` (a diagnostic, results in `<date>-e2e-ignore-generated.json`) keeps the
// type folder out of Vite's watcher.

import { execFileSync } from "node:child_process";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { ensureAddon } from "./lib/addon-build.mjs";
import { parseBenchArgs } from "./lib/args.mjs";
import { machineInfo } from "./lib/machine.mjs";
import { ensureProject } from "./lib/projects.mjs";
import { scenarioTable, verdict } from "./lib/report.mjs";
import { summarize } from "./lib/timing.mjs";
import { E2E_REPS, E2E_SCENARIOS, E2E_WARMUP, E2E_WORKLOADS, e2eUnavailable, openHmrPage, viteHmr } from "./lib/vite-hmr.mjs";

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, "..");

function parseArgs(argv) {
  const args = parseBenchArgs(argv, { workloads: E2E_WORKLOADS, flags: { "--stdout-json": "stdoutJson", "--ignore-generated": "ignoreGenerated" } });
  for (const w of args.workloads) if (!E2E_REPS[w]) throw new Error(`no e2e runs for workload ${w} (${E2E_WORKLOADS.join(", ")})`);
  return args;
}

function log(message) {
  process.stderr.write(`[bench e2e] ${message}\n`);
}

/** The async counterpart of run.mjs's `attempt`: ok with the summary, or error. */
async function attempt(fn) {
  try {
    const r = await fn();
    return { status: "ok", unit: "ms", ...summarize(r.samples), samples: r.samples, checks: r.checks, failures: r.failures };
  } catch (error) {
    return { status: "error", reason: String(error?.message ?? error).split("\n")[0], failures: [String(error?.stack ?? error)] };
  }
}

async function runWorkload(addon, name, project, { reps, ignoreGenerated }) {
  const ctx = { addon, dir: project.dir, manifest: project.manifest, configPath: join(project.dir, "fizz.config.json") };
  const scenarios = {};
  const unavailable = e2eUnavailable();
  if (unavailable) {
    for (const s of Object.keys(E2E_SCENARIOS)) scenarios[s] = { status: "n/a", reason: unavailable, failures: [] };
    return { dir: project.dir, counts: project.manifest.counts, scenarios };
  }
  const edits = Object.values(E2E_SCENARIOS).map((key) => project.manifest.scenarios[key]);
  let hmr = null;
  try {
    hmr = await openHmrPage(ctx, edits, { log: (m) => log(`${name}: ${m}`), ignoreGenerated });
  } catch (error) {
    const reason = `could not open the page: ${String(error?.message ?? error).split("\n")[0]}`;
    for (const s of Object.keys(E2E_SCENARIOS)) scenarios[s] = { status: "error", reason, failures: [String(error?.stack ?? error)] };
    return { dir: project.dir, counts: project.manifest.counts, scenarios };
  }
  try {
    for (const [scenario, key] of Object.entries(E2E_SCENARIOS)) {
      const edit = project.manifest.scenarios[key];
      scenarios[scenario] = await attempt(() => viteHmr({ ...ctx, hmr }, { warmup: E2E_WARMUP, reps, edit }));
      const r = scenarios[scenario];
      const v = verdict(name, scenario, r);
      log(`${name} ${scenario}: ${r.status === "ok" ? `median ${r.median.toFixed(1)} ms, p90 ${r.p90.toFixed(1)} ms over ${r.runs} runs (page: median ${r.checks.pageMs?.median.toFixed(1)} ms), ${v.text}` : `${r.status} (${r.reason})`}`);
    }
  } finally {
    await hmr.close();
  }
  return { dir: project.dir, counts: project.manifest.counts, scenarios };
}

/** The machine, with the Vite and Chromium this run drives. */
function e2eMachineInfo() {
  let chromium = null;
  try {
    chromium = execFileSync("/usr/bin/chromium", ["--version"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
  } catch {}
  return machineInfo(ROOT, { vite: createRequire(import.meta.url)("vite/package.json").version, chromium });
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${e.message}\nusage: node benchmark/e2e.mjs [--workloads 1k,10k] [--seed N] [--quick] [--no-build] [--stdout-json] [--ignore-generated]`);
    process.exit(2);
  }
  const startedAt = new Date();
  const machine = e2eMachineInfo();
  if (args.build) ensureAddon(ROOT, log);
  const addon = createRequire(import.meta.url)(join(ROOT, "index.js"));
  const results = {};
  for (const name of args.workloads) {
    const project = ensureProject(BENCH, name, args.seed, log);
    const reps = args.quick ? Math.max(5, Math.round(E2E_REPS[name] / 3)) : E2E_REPS[name];
    results[name] = await runWorkload(addon, name, project, { reps, ignoreGenerated: args.ignoreGenerated });
  }
  const table = scenarioTable(results);
  const finishedAt = new Date();
  machine.loadAverageAtEnd = os.loadavg();
  const date = startedAt.toISOString().slice(0, 10);
  const out = {
    date,
    startedAt: startedAt.toISOString(),
    durationS: Math.round((finishedAt - startedAt) / 100) / 10,
    options: { seed: args.seed, workloads: args.workloads, quick: args.quick, ignoreGenerated: !!args.ignoreGenerated },
    machine,
    workloads: results,
    table,
  };
  if (args.stdoutJson) {
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  const dir = join(BENCH, "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${date}-e2e${args.ignoreGenerated ? "-ignore-generated" : ""}.json`);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(out, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  console.log(table);
  console.log(`\nresults: ${file} (${out.durationS} s)`);
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error?.stack ?? error);
    process.exit(1);
  },
);
