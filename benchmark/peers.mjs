#!/usr/bin/env node
// fizz-gql next to the compilers users would pick instead (docs/reference/performance.md
// "Peers, side by side in one run"): Relay's compiler and GraphQL Code Generator's client
// preset, on the same generated workloads.
//
//   node benchmark/peers.mjs [--workloads small,1k,10k] [--with-50k] [--seed N] [--quick] [--no-build]
//   npm run bench -- --peers          (the same, after the fizz-gql scenarios, into their results JSON)
//
// Per workload: generates the peers' projects from the generator's model, builds each peer
// once and checks its operation documents against fizz-gql's (a peer that is not
// equivalent is not timed), then times cold builds and the edit-leaf / edit-hub edits of
// every tool, with peak resident memory. Standalone, writes
// `benchmark/results/<YYYY-MM-DD>-peers.json` and prints the tables.

import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { ADDON_FILE, ensureAddon, staleReason } from "./lib/addon-build.mjs";
import { parseBenchArgs } from "./lib/args.mjs";
import { ensureProject } from "./lib/projects.mjs";
import { summarize } from "./lib/timing.mjs";
import { PEERS, checkEquivalence, cleanOutputs, ensurePeerProjects, peerBuild, projectSchemas } from "./lib/peers/peer-projects.mjs";
import { equivalenceLines, peerRatios, peersTable, rssTable } from "./lib/peers/peer-report.mjs";
import { Watcher, measuredRun, watchLatency } from "./lib/peers/peer-timing.mjs";

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, "..");
const FIZZ_CHILD = join(BENCH, "lib", "peers", "fizz-child.mjs");
const FIZZ_CLI = join(ROOT, "bin", "fizz.mjs");
const DEFAULT_WORKLOADS = ["small", "1k", "10k"];

/** Timed runs per tool (each tool also gets an untimed first run); `--quick`: 1 and 2. */
export const PEER_REPS = { cold: 3, edit: 5 };

/** How each incremental figure is taken (recorded in the results). */
export const DECISIONS = {
  fizzApi: "cold: new BuilderSession() + buildInitial() + reading result.artifact in a fresh process, cache and type folders deleted (validation and types on); edits: update({ updated: [file] }) + affectedFiles + result.artifact on a persist: true session. Where result.artifact throws `Exceeded maximum JSON value count` (napi's cap of 1,000,000 values), JSON.parse(result.artifactJson()) instead (artifactVia)",
  fizzCli: "cold: `fizz build --artifact` process wall time; edits: `fizz build --watch --artifact`, edit written → artifact file rewritten (native watcher, 50 ms quiet window)",
  relay: "cold: the relay-compiler npm package's native binary, non-watch, FORCE_NO_WATCHMAN=1, __generated__ deleted; edits: a non-watch rerun after the edit (process wall time). relay-compiler --watch needs watchman, and Debian bookworm's (4.9.0) rejects relay-compiler 21's queries (\"failed to parse query: must use [\\\"suffix\\\", \\\"suffixstring\\\"]\")",
  codegen: "cold: `graphql-codegen --config codegen.yml` process wall time, outputs deleted; edits: `graphql-codegen --watch` (@parcel/watcher, 100 ms debounce), edit written → every output file the edit changes holds its new content",
};

function parseArgs(argv) {
  return parseBenchArgs(argv, { workloads: DEFAULT_WORKLOADS, with50k: true });
}

/** Runs `fn` (which returns samples, or `{ samples, ... }`) into a summarized result. */
async function attempt(fn) {
  try {
    const r = await fn();
    const samples = Array.isArray(r) ? r : r.samples;
    return { status: "ok", ...summarize(samples), samples, ...(Array.isArray(r) ? {} : r.extra) };
  } catch (error) {
    return { status: "error", reason: String(error?.message ?? error).split("\n")[0] };
  }
}

function fizzChild(args) {
  const r = measuredRun(process.execPath, [FIZZ_CHILD, ...args]);
  if (r.status !== 0) throw new Error(`fizz child failed: ${r.stderr.split("\n").slice(0, 3).join(" | ")}`);
  return { ...JSON.parse(r.stdout), peakMb: r.peakMb, wallMs: r.ms };
}

/** fizz-gql's artifact file without `report` (timings), the part equal builds share. */
function withoutReport(path, bytes) {
  const { report, ...rest } = JSON.parse(bytes.toString("utf8"));
  return JSON.stringify(rest);
}

/** Alternates an edit and its undo, timing a non-watch run of `peer` after each. */
function rerunLatency(peer, project, edit, reps, rss) {
  const path = join(project.dir, edit.file);
  const original = readFileSync(path, "utf8");
  const edited = original.replace(edit.from, edit.to);
  const samples = [];
  try {
    const runs = 1 + reps + ((1 + reps) % 2); // the first is untimed; even, so it ends restored
    for (let i = 0; i < runs; i++) {
      writeFileSync(path, i % 2 === 0 ? edited : original);
      const r = peerBuild(peer, project.dir);
      rss.relayRerun = Math.max(rss.relayRerun ?? 0, r.peakMb ?? 0);
      if (i >= 1 && samples.length < reps) samples.push(r.ms);
    }
  } finally {
    writeFileSync(path, original);
  }
  return samples;
}

async function peersWorkload(addon, name, seed, reps, log) {
  const project = ensureProject(BENCH, name, seed, log);
  const configPath = join(project.dir, "fizz.config.json");
  const cacheDir = join(project.dir, project.manifest.cacheDir);
  const fizzOut = join(project.dir, ".fizz-out");
  const peers = ensurePeerProjects(join(BENCH, "projects"), name, seed, log);
  const schemas = projectSchemas(project.dir);
  const session = new addon.BuilderSession({ configPath });
  const built = session.buildInitial();
  // `artifact` would hit napi's cap of 1,000,000 JSON values on the big workloads.
  const artifact = JSON.parse(built.artifactJson());
  const typesDir = session.typesOutDir();
  const fizzErrors = built.diagnostics.filter((d) => d.severity === "error").length;
  session.dispose();
  const cleanFizz = () => {
    for (const d of [cacheDir, typesDir, fizzOut]) if (d) rmSync(d, { recursive: true, force: true });
  };
  const w = { counts: project.manifest.counts, fizzErrors, equivalence: {}, scenarios: { cold: {}, "edit-leaf": {}, "edit-hub": {} }, rss: {} };
  const equivalent = {};
  for (const peer of Object.keys(PEERS)) {
    let e;
    try {
      peerBuild(peer, peers[peer].dir, { clean: true, manifest: peers[peer].manifest });
      e = checkEquivalence(peer, peers[peer], artifact, schemas);
    } catch (error) {
      e = { ok: false, reason: error.message, problems: [] };
    }
    equivalent[peer] = e.ok;
    w.equivalence[peer] = { ...e, problems: e.problems.slice(0, 20), problemCount: e.problems.length };
    log(`${name} ${peer}: ${e.ok ? `equivalent (${e.operations} operations, ${e.paths} field paths)` : `NOT equivalent, not timed: ${e.reason ?? e.problems[0]}`}`);
  }
  const notTimed = (peer) => ({ status: "not equivalent", reason: w.equivalence[peer].reason ?? `${w.equivalence[peer].problemCount} differences` });
  const cold = w.scenarios.cold;
  const done = (scenario, tool) => {
    const r = w.scenarios[scenario][tool];
    log(`${name} ${scenario} ${tool}: ${r.status === "ok" ? `median ${r.median.toFixed(1)} ms over ${r.runs}` : `${r.status} (${r.reason})`}`);
  };
  // `warmup` untimed runs first (a peer's equivalence build is its warm-up run).
  const repeat = (warmup, n, fn) => Array.from({ length: warmup + n }, (_, i) => ({ i, v: fn() })).filter((x) => x.i >= warmup).map((x) => x.v);

  cold.fizzApi = await attempt(() => {
    const runs = repeat(1, reps.cold, () => (cleanFizz(), fizzChild(["cold", configPath])));
    if (runs.some((r) => r.errors.length)) throw new Error(`error diagnostics: ${runs[0].errors[0]}`);
    w.rss.fizzApiCold = Math.max(...runs.map((r) => r.peakMb ?? 0));
    return { samples: runs.map((r) => r.ms), extra: { withoutArtifact: { status: "ok", ...summarize(runs.map((r) => r.buildMs)) }, artifactVia: runs[0].via } };
  });
  done("cold", "fizzApi");
  cold.fizzCli = await attempt(() => {
    const runs = repeat(1, reps.cold, () => {
      cleanFizz();
      const r = measuredRun(process.execPath, [FIZZ_CLI, "build", "--config", configPath, "--artifact", join(fizzOut, "artifact.json")], { cwd: project.dir });
      if (r.status !== 0) throw new Error(`fizz build exited ${r.status}: ${r.stderr.split("\n")[0]}`);
      return r;
    });
    w.rss.fizzCliCold = Math.max(...runs.map((r) => r.peakMb ?? 0));
    return runs.map((r) => r.ms);
  });
  done("cold", "fizzCli");
  for (const peer of Object.keys(PEERS)) {
    cold[peer] = !equivalent[peer]
      ? notTimed(peer)
      : await attempt(() => {
          const runs = repeat(0, reps.cold, () => peerBuild(peer, peers[peer].dir, { clean: true, manifest: peers[peer].manifest }));
          w.rss[`${peer}Cold`] = Math.max(...runs.map((r) => r.peakMb ?? 0));
          return runs.map((r) => r.ms);
        });
    done("cold", peer);
  }

  const edits = { "edit-leaf": "editLeaf", "edit-hub": "editHub" };
  for (const [scenario, key] of Object.entries(edits)) {
    const s = w.scenarios[scenario];
    s.fizzApi = await attempt(() => {
      const file = join(project.dir, ".fizz-peer-edit.json");
      writeFileSync(file, JSON.stringify(project.manifest.scenarios[key]));
      try {
        const r = fizzChild(["edits", configPath, file, "2", String(reps.edit)]);
        if (r.errors.length) throw new Error(`error diagnostics: ${r.errors[0]}`);
        return { samples: r.withArtifact, extra: { withoutArtifact: { status: "ok", ...summarize(r.update) }, updatedIds: r.updated, artifactVia: r.via } };
      } finally {
        rmSync(file, { force: true });
      }
    });
    done(scenario, "fizzApi");
  }
  // fizz-gql's CLI watcher: one process for both edits.
  await withWatcher(
    new Watcher({ cmd: process.execPath, args: [FIZZ_CLI, "build", "--watch", "--config", configPath, "--artifact", join(fizzOut, "artifact.json")], cwd: project.dir, ready: /^fizz: watching /, settleMs: 300 }),
    (watcher) => (w.rss.fizzCliWatch = watcher.memory().peakMb),
    async (watcher) => {
      for (const [scenario, key] of Object.entries(edits)) {
        w.scenarios[scenario].fizzCli = await attempt(async () => {
          const r = await watchLatency(watcher, { root: project.dir, ...project.manifest.scenarios[key], outputs: [".fizz-out"], reps: reps.edit, normalize: withoutReport });
          return { samples: r.samples, extra: { files: r.files } };
        });
        done(scenario, "fizzCli");
      }
    },
    (error) => {
      for (const scenario of Object.keys(edits)) w.scenarios[scenario].fizzCli = { status: "error", reason: error.message.split("\n")[0] };
    },
  );
  for (const [scenario, key] of Object.entries(edits)) {
    w.scenarios[scenario].relay = !equivalent.relay ? notTimed("relay") : await attempt(() => rerunLatency("relay", peers.relay, peers.relay.manifest.scenarios[key], reps.edit, w.rss));
    done(scenario, "relay");
  }
  if (!equivalent.codegen) for (const scenario of Object.keys(edits)) w.scenarios[scenario].codegen = notTimed("codegen");
  else {
    const { cmd, args, env } = PEERS.codegen.command(["--watch"]);
    await withWatcher(
      new Watcher({ cmd, args, env, cwd: peers.codegen.dir, ready: /Watching for changes/, settleMs: 1000 }),
      (watcher) => (w.rss.codegenWatch = watcher.memory().peakMb),
      async (watcher) => {
        for (const [scenario, key] of Object.entries(edits)) {
          w.scenarios[scenario].codegen = await attempt(async () => {
            const r = await watchLatency(watcher, { root: peers.codegen.dir, ...peers.codegen.manifest.scenarios[key], outputs: peers.codegen.manifest.outputs, reps: reps.edit });
            return { samples: r.samples, extra: { files: r.files } };
          });
          done(scenario, "codegen");
        }
      },
      (error) => {
        for (const scenario of Object.keys(edits)) w.scenarios[scenario].codegen = { status: "error", reason: error.message.split("\n")[0] };
      },
    );
  }
  cleanFizz();
  for (const peer of Object.keys(PEERS)) cleanOutputs(peers[peer].dir, peers[peer].manifest);
  return w;
}

/** Starts `watcher`, runs `fn(watcher)`, reads its memory (`memory(watcher)`) and stops it. */
async function withWatcher(watcher, memory, fn, onError) {
  try {
    await watcher.start();
  } catch (error) {
    await watcher.stop().catch(() => {});
    onError(error);
    return;
  }
  try {
    await fn(watcher);
  } finally {
    memory(watcher);
    await watcher.stop();
  }
}

/**
 * Runs the peers benchmark on `workloads` with `addon` (the loaded package); returns the
 * `peers` object of the results JSON (tables included).
 */
export async function runPeers({ addon, workloads, seed = 1, quick = false, log = (m) => process.stderr.write(`[peers] ${m}\n`) }) {
  const reps = quick ? { cold: 1, edit: 2 } : { ...PEER_REPS };
  const started = Date.now();
  const loadAverageAtStart = os.loadavg();
  const results = {};
  for (const name of workloads) {
    try {
      results[name] = await peersWorkload(addon, name, seed, reps, log);
    } catch (error) {
      log(`${name}: failed: ${error?.stack ?? error}`);
      results[name] = { error: String(error?.message ?? error) };
    }
  }
  const table = `${peersTable(results)}\n\nPeak resident memory:\n\n${rssTable(results)}\n\nEquivalence (checked before timing):\n\n${equivalenceLines(results)}`;
  return {
    versions: Object.fromEntries(Object.entries(PEERS).map(([k, p]) => [k, p.version()])),
    reps,
    decisions: DECISIONS,
    loadAverageAtStart,
    loadAverageAtEnd: os.loadavg(),
    durationS: Math.round((Date.now() - started) / 100) / 10,
    workloads: results,
    ratios: peerRatios(results),
    table,
  };
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${e.message}\nusage: node benchmark/peers.mjs [--workloads a,b] [--with-50k] [--seed N] [--quick] [--no-build]`);
    process.exit(2);
  }
  const startedAt = new Date();
  if (args.build) ensureAddon(ROOT, (m) => process.stderr.write(`[peers] ${m}\n`));
  const addon = createRequire(import.meta.url)(join(ROOT, "index.js"));
  const peers = await runPeers({ addon, workloads: args.workloads, seed: args.seed, quick: args.quick });
  const date = startedAt.toISOString().slice(0, 10);
  const addonState = { file: ADDON_FILE, notReleaseOrStale: staleReason(ROOT) };
  const out = { date, startedAt: startedAt.toISOString(), options: { seed: args.seed, workloads: args.workloads, quick: args.quick }, machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version }, addon: addonState, peers };
  const dir = join(BENCH, "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${date}-peers.json`);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(out, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  console.log(peers.table);
  console.log(`\nresults: ${file} (${peers.durationS} s)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
