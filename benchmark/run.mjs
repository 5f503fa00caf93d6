#!/usr/bin/env node
// The benchmark harness (docs/reference/performance.md): `npm run bench`.
//
//   node benchmark/run.mjs [--workloads small,medium,large,1k,10k,20k] [--with-50k] [--seed N]
//                          [--quick] [--no-build] [--peers] [--e2e]
//
// Builds the release addon when it is missing or older than the Rust sources, generates
// the workloads (once), runs every scenario through the JS API and writes
// `benchmark/results/<YYYY-MM-DD>.json` plus a Markdown table on stdout. `--peers` then
// runs the peers benchmark (peers.mjs) on the same workloads, into the same JSON (`peers`).

import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { ADDON_FILE, ensureAddon } from "./lib/addon-build.mjs";
import { artifactRead } from "./lib/artifact-read.mjs";
import { parseBenchArgs } from "./lib/args.mjs";
import { machineInfo } from "./lib/machine.mjs";
import { ensureProject } from "./lib/projects.mjs";
import { computeRatios, loadLine, ratioTable, scenarioTable, verdict, writesTable } from "./lib/report.mjs";
import { addRemove, alternatingEdit, cold, noop, rss, syncLoop, unavailableReason, warmStart } from "./lib/scenarios.mjs";
import { summarize } from "./lib/timing.mjs";
import { E2E_WORKLOADS, viteHmrScenarios } from "./lib/vite-hmr.mjs";

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, "..");
const DEFAULT_WORKLOADS = ["small", "medium", "large", "1k", "10k"];

/**
 * Timed runs per scenario and workload (warm-up runs come on top). Chosen so the whole run
 * takes a few minutes with 10k on the 2-core machine; `--quick` divides them by 5.
 */
const REPS = {
  small: { cold: 30, noop: 300, sweep: 100, edit: 41, addRemove: 20, warm: 5, rss: 3 },
  medium: { cold: 30, noop: 300, sweep: 100, edit: 41, addRemove: 20, warm: 5, rss: 3 },
  large: { cold: 30, noop: 300, sweep: 100, edit: 41, addRemove: 20, warm: 5, rss: 3 },
  "1k": { cold: 25, noop: 300, sweep: 60, edit: 61, addRemove: 25, warm: 7, rss: 3 },
  "10k": { cold: 15, noop: 300, sweep: 50, edit: 61, addRemove: 25, warm: 7, rss: 3 },
  "20k": { cold: 7, noop: 200, sweep: 20, edit: 41, addRemove: 11, warm: 3, rss: 1 },
  "50k": { cold: 5, noop: 200, sweep: 10, edit: 21, addRemove: 7, warm: 3, rss: 1 },
};

function parseArgs(argv) {
  const args = parseBenchArgs(argv, { workloads: DEFAULT_WORKLOADS, with50k: true, flags: { "--peers": "peers", "--e2e": "e2e" } });
  for (const w of args.workloads) if (!REPS[w]) throw new Error(`unknown workload ${w}`);
  return args;
}

function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Runs one scenario, turning its outcome into a result (ok, n/a with reason, or error). */
function attempt(name, fn) {
  try {
    const r = fn();
    return { status: "ok", unit: r.unit ?? "ms", ...summarize(r.samples), samples: r.samples, checks: r.checks, failures: r.failures };
  } catch (error) {
    const reason = unavailableReason(error);
    if (reason) return { status: "n/a", reason, failures: [] };
    return { status: "error", reason: String(error?.message ?? error).split("\n")[0], failures: [String(error?.stack ?? error)] };
  }
}

/**
 * Waits until files written just now are older than the builder's racy window (50 ms):
 * a file modified that close to being read is hashed again by the next sweep, which would
 * turn the no-change scenarios into re-reads.
 */
function settle() {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120);
}

function runWorkload(addon, name, project, reps) {
  settle();
  const ctx = { addon, dir: project.dir, manifest: project.manifest, configPath: join(project.dir, "fizz.config.json"), cacheDir: join(project.dir, project.manifest.cacheDir) };
  const scenarios = {};
  const done = (scenario) => {
    const r = scenarios[scenario];
    const v = verdict(name, scenario, r);
    log(`${name} ${scenario}: ${r.status === "ok" ? `median ${r.median.toFixed(3)} ${r.unit} over ${r.runs} runs, ${v.text}` : `${r.status} (${r.reason})`}`);
  };
  scenarios.cold = attempt("cold", () => cold(ctx, { warmup: name === "50k" ? 1 : 2, reps: reps.cold }));
  done("cold");
  // One long-lived session for the update scenarios, as a dev server keeps, with
  // persistence on: builds then keep the chunks current, which the chunk checks verify.
  let session = null;
  try {
    rmSync(ctx.cacheDir, { recursive: true, force: true });
    session = new addon.BuilderSession({ configPath: ctx.configPath, persist: true });
    session.buildInitial();
  } catch (error) {
    log(`${name}: could not open a session: ${error.message}`);
  }
  const withSession = (fn) => () => {
    if (!session) throw new Error("no session (cold build failed)");
    return fn();
  };
  const m = project.manifest.scenarios;
  scenarios["noop-changeset"] = attempt("noop-changeset", withSession(() => noop(ctx, session, { warmup: 20, reps: reps.noop, sweep: false })));
  done("noop-changeset");
  scenarios["noop-sweep"] = attempt("noop-sweep", withSession(() => noop(ctx, session, { warmup: 5, reps: reps.sweep, sweep: true })));
  done("noop-sweep");
  scenarios["edit-leaf"] = attempt("edit-leaf", withSession(() => alternatingEdit(ctx, session, m.editLeaf, {
    warmup: 4,
    reps: reps.edit,
    verify: (r, seen) => (seen.delta.updated === 0 ? ["the edited operation is not in delta.updated"] : []),
  })));
  done("edit-leaf");
  scenarios["edit-hub"] = attempt("edit-hub", withSession(() => alternatingEdit(ctx, session, m.editHub, {
    warmup: 4,
    reps: reps.edit,
    verify: (r, seen) => (seen.delta.updated < m.editHub.users.length + 1 ? [`delta.updated has ${seen.delta.updated} IDs; the hub and its ${m.editHub.users.length} users changed`] : []),
  })));
  done("edit-hub");
  scenarios["edit-cutoff"] = attempt("edit-cutoff", withSession(() => alternatingEdit(ctx, session, m.editCutoff, {
    warmup: 4,
    reps: reps.edit,
    verify: (r, seen) => [
      ...(seen.delta.added + seen.delta.updated + seen.delta.removed ? [`non-empty delta (${seen.delta.updated} updated)`] : []),
      ...(seen.chunksWritten ? [`${seen.chunksWritten} chunks written`] : []),
      ...(seen.affectedFiles ? [`${seen.affectedFiles} affected files`] : []),
    ],
  })));
  done("edit-cutoff");
  let updateAndRead = null;
  scenarios["artifact-read"] = attempt("artifact-read", withSession(() => {
    const r = artifactRead(ctx, session, m.editLeaf, { warmup: 4, reps: reps.edit });
    updateAndRead = r.updateAndRead;
    return r.read;
  }));
  scenarios["update+read"] = updateAndRead ? attempt("update+read", () => updateAndRead) : { ...scenarios["artifact-read"] };
  done("artifact-read");
  done("update+read");
  let removed = null;
  scenarios["add-file"] = attempt("add-file", withSession(() => {
    const r = addRemove(ctx, session, { warmup: 2, reps: reps.addRemove });
    removed = r.remove;
    return r.add;
  }));
  scenarios["remove-file"] = removed ? attempt("remove-file", () => removed) : { ...scenarios["add-file"] };
  done("add-file");
  done("remove-file");
  if (session) session.dispose();
  // The edits just rewrote files: let them age past the racy window before the
  // nothing-changed restore.
  settle();
  scenarios["warm-start"] = attempt("warm-start", () => warmStart(ctx, { warmup: 1, reps: reps.warm }));
  done("warm-start");
  scenarios.rss = attempt("rss", () => rss(ctx, { reps: reps.rss }));
  if (name === "1k") scenarios["sync-loop-rss"] = attempt("sync-loop-rss", () => syncLoop(ctx, { reps: 1 }));
  done("rss");
  return { dir: project.dir, counts: project.manifest.counts, scenarios };
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${e.message}\nusage: node benchmark/run.mjs [--workloads a,b] [--with-50k] [--seed N] [--quick] [--no-build] [--peers] [--e2e]`);
    process.exit(2);
  }
  const startedAt = new Date();
  const machine = machineInfo(ROOT, { rayonThreads: process.env.RAYON_NUM_THREADS ?? null });
  const build = args.build ? ensureAddon(ROOT, log) : { built: false };
  const addon = createRequire(import.meta.url)(join(ROOT, "index.js"));
  const results = {};
  for (const name of args.workloads) {
    const project = ensureProject(BENCH, name, args.seed, log);
    const reps = Object.fromEntries(Object.entries(REPS[name]).map(([k, v]) => [k, args.quick ? Math.max(3, Math.round(v / 5)) : v]));
    results[name] = runWorkload(addon, name, project, reps);
    // End to end (benchmark/lib/vite-hmr.mjs): Vite dev edit → HMR update applied in Chromium.
    if (args.e2e && E2E_WORKLOADS.includes(name)) Object.assign(results[name].scenarios, viteHmrScenarios(name, { seed: args.seed, quick: args.quick }));
  }
  const ratios = computeRatios(results);
  const peers = args.peers ? await (await import("./peers.mjs")).runPeers({ addon, workloads: args.workloads, seed: args.seed, quick: args.quick }) : undefined;
  const finishedAt = new Date();
  machine.loadAverageAtEnd = os.loadavg();
  const writes = writesTable(results);
  const table = `${scenarioTable(results)}\n\n${ratioTable(ratios)}${writes ? `\n\n${writes}` : ""}${peers ? `\n\n${peers.table}` : ""}\n\n${loadLine(machine)}`;
  const date = startedAt.toISOString().slice(0, 10);
  const out = {
    date,
    startedAt: startedAt.toISOString(),
    durationS: Math.round((finishedAt - startedAt) / 100) / 10,
    options: { seed: args.seed, workloads: args.workloads, quick: args.quick },
    machine,
    addon: { file: ADDON_FILE, modified: statSync(join(ROOT, ADDON_FILE)).mtime.toISOString(), builtThisRun: build.built },
    workloads: results,
    ratios,
    ...(peers ? { peers } : {}),
    table,
  };
  const dir = join(BENCH, "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${date}.json`);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(out, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  console.log(table);
  console.log(`\nresults: ${file} (${out.durationS} s)`);
}

await main();
