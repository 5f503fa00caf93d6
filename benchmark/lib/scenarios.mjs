// The scenarios of docs/reference/performance.md, run through the JS API on one generated project. Each
// returns samples (milliseconds, or MB for rss), the checks it made and any failures; a
// scenario whose API is not there yet throws NotAvailable and is reported as n/a.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { artifactHash, freshArtifact, incrementalEqualsFull } from "./artifact-compare.mjs";
import { summarize, time } from "./timing.mjs";

const CHILD = join(dirname(fileURLToPath(import.meta.url)), "child.mjs");

/** The scenario names, in the order they run and print. */
export const SCENARIOS = ["cold", "noop-changeset", "noop-sweep", "edit-leaf", "edit-hub", "edit-cutoff", "add-file", "remove-file", "warm-start", "rss"];

/** A scenario that cannot run because the API it needs is missing: reported as n/a. */
export class NotAvailable extends Error {}

/** The n/a reason of an error thrown by the addon, or null when it is a real failure. */
export function unavailableReason(error) {
  if (error instanceof NotAvailable) return error.message;
  if (/is not a function|not yet implemented|not implemented/i.test(error?.message ?? "")) return error.message.split("\n")[0];
  return null;
}

/** Calls `update` and reads `affectedFiles`, what an HMR plugin does on every change. */
function timedUpdate(session, changeSet) {
  if (typeof session.update !== "function") throw new NotAvailable("BuilderSession.update is not a function in this addon");
  return time(() => {
    const result = changeSet === undefined ? session.update() : session.update(changeSet);
    result.affectedFiles;
    return result;
  });
}

/** Milliseconds `waitForWrites()` took (null when the addon has no such method). */
function waitForWrites(session) {
  if (typeof session.waitForWrites !== "function") return null;
  return time(() => session.waitForWrites()).ms;
}

function deltaSize(delta) {
  return delta.added.length + delta.updated.length + delta.removed.length;
}

/**
 * "Chunk writes: 0 for unchanged chunks": a build may write at most one chunk per source
 * file whose elements changed (the files named by the delta's canonical IDs).
 */
function chunkCheck(result) {
  const d = result.delta;
  const files = new Set([...d.added, ...d.updated, ...d.removed].map((id) => id.split("::")[0]));
  const written = result.stats.chunksWritten;
  return written > files.size ? [`${written} chunks written for ${files.size} files with changed elements`] : [];
}

/** Runs `fn(i)` warmup + reps times and keeps the timings after the warm-up. */
function repeat(warmup, reps, fn) {
  const samples = [];
  for (let i = 0; i < warmup + reps; i++) {
    const ms = fn(i);
    if (i >= warmup) samples.push(ms);
  }
  return samples;
}

/**
 * cold: a new session, no snapshot on disk, `buildInitial()`; also checks diagnostics. Each
 * run is a fresh child process, timed inside it (as warm-start is): in one long synchronous
 * loop, the results of earlier sessions keep their artifacts alive until V8 runs their
 * finalizers, which needs the event loop, and every run would pay for the ones before.
 */
export function cold(ctx, { warmup, reps }) {
  let last = null;
  const samples = repeat(warmup, reps, () => {
    rmSync(ctx.cacheDir, { recursive: true, force: true });
    last = runChild("cold", ctx.configPath);
    return last.ms;
  });
  const errors = last.errors;
  const elements = last.elements;
  const failures = [];
  if (errors.length) failures.push(`${errors.length} error diagnostics, first: ${errors[0]}`);
  if (elements !== ctx.manifest.counts.definitions) failures.push(`${elements} elements, ${ctx.manifest.counts.definitions} definitions generated`);
  return {
    samples,
    checks: { errorDiagnostics: errors.length, elements, stats: last.stats },
    failures,
  };
}

/** noop-changeset and noop-sweep: `update({})` / `update()` with nothing changed. */
export function noop(ctx, session, { warmup, reps, sweep }) {
  const failures = [];
  let last = null;
  const samples = repeat(warmup, reps, () => {
    const { ms, value } = timedUpdate(session, sweep ? undefined : {});
    if (deltaSize(value.delta) || value.affectedFiles.length) failures.push(`non-empty delta or affected files on a no-op`);
    failures.push(...chunkCheck(value));
    last = value;
    return ms;
  });
  const stats = last.stats;
  if (sweep && stats.misses > 0) failures.push(`the sweep read ${stats.misses} files with nothing changed`);
  const equal = incrementalEqualsFull(ctx.addon, ctx.configPath, session, sweep ? "after the sweeps" : "after the empty change sets");
  if (equal) failures.push(equal);
  return { samples, checks: { hits: stats.hits, misses: stats.misses, parsed: stats.parsed }, failures: [...new Set(failures)] };
}

/**
 * edit-leaf / edit-hub / edit-cutoff: alternates a file between its generated text and the
 * manifest's edit (so every run is a real change), timing `update({ updated: [file] })`.
 * An odd number of runs ends on the edited text, where incremental = full is checked;
 * the file is then restored and the session updated.
 */
export function alternatingEdit(ctx, session, edit, { warmup, reps, verify }) {
  const path = join(ctx.dir, edit.file);
  const original = readFileSync(path, "utf8");
  const edited = original.replace(edit.from, edit.to);
  const failures = new Set();
  const observed = [];
  const writesMs = [];
  const total = warmup + reps + ((warmup + reps) % 2 === 0 ? 1 : 0);
  try {
    const samples = repeat(total - reps, reps, (i) => {
      const toEdited = i % 2 === 0;
      writeFileSync(path, toEdited ? edited : original);
      const { ms, value } = timedUpdate(session, { updated: [edit.file] });
      const seen = { delta: { added: value.delta.added.length, updated: value.delta.updated.length, removed: value.delta.removed.length }, affectedFiles: value.affectedFiles.length, chunksWritten: value.stats.chunksWritten, parsed: value.stats.parsed };
      observed.push(seen);
      for (const f of [...verify(value, seen), ...chunkCheck(value)]) failures.add(f);
      // An edit meets an idle session, as a user's edits do (they come seconds apart):
      // the writer thread's chunk and type-file writes of this update finish here, outside
      // the timed call, and their time is reported beside it instead of landing on the
      // next sample (on 2 cores the writer and the next update compete).
      const settled = waitForWrites(session);
      if (i >= total - reps) writesMs.push(settled);
      return ms;
    });
    const equal = incrementalEqualsFull(ctx.addon, ctx.configPath, session, `after editing ${edit.file}`);
    if (equal) failures.add(equal);
    const settled = writesMs.filter((ms) => ms !== null);
    const writes = settled.length ? { writesSettledMs: summarize(settled) } : {};
    return { samples, checks: { last: observed[observed.length - 1], runs: observed.length, ...writes }, failures: [...failures] };
  } finally {
    writeFileSync(path, original);
    if (typeof session.update === "function") session.update({ updated: [edit.file] });
  }
}

/**
 * add-file and remove-file: the manifest's page appears (`update({ added })`) and goes
 * away (`update({ removed })`), alternately. Incremental = full is checked in both states.
 */
export function addRemove(ctx, session, { warmup, reps }) {
  const spec = ctx.manifest.scenarios.addFile;
  const path = join(ctx.dir, spec.file);
  const add = [];
  const remove = [];
  const failures = { add: new Set(), remove: new Set() };
  try {
    for (let i = 0; i < warmup + reps; i++) {
      writeFileSync(path, spec.content);
      const a = timedUpdate(session, { added: [spec.file] });
      if (a.value.delta.added.length !== spec.definitions) failures.add.add(`delta.added has ${a.value.delta.added.length} IDs, the file has ${spec.definitions} definitions`);
      for (const f of chunkCheck(a.value)) failures.add.add(f);
      if (i === warmup + reps - 1) {
        const equal = incrementalEqualsFull(ctx.addon, ctx.configPath, session, `after adding ${spec.file}`);
        if (equal) failures.add.add(equal);
      }
      unlinkSync(path);
      const r = timedUpdate(session, { removed: [spec.file] });
      if (r.value.delta.removed.length !== spec.definitions) failures.remove.add(`delta.removed has ${r.value.delta.removed.length} IDs, the file had ${spec.definitions} definitions`);
      for (const f of chunkCheck(r.value)) failures.remove.add(f);
      if (i >= warmup) {
        add.push(a.ms);
        remove.push(r.ms);
      }
    }
    const equal = incrementalEqualsFull(ctx.addon, ctx.configPath, session, `after removing ${spec.file}`);
    if (equal) failures.remove.add(equal);
  } finally {
    if (existsSync(path)) {
      unlinkSync(path);
      if (typeof session.update === "function") session.update({ removed: [spec.file] });
    }
  }
  return {
    add: { samples: add, checks: { file: spec.file }, failures: [...failures.add] },
    remove: { samples: remove, checks: { file: spec.file }, failures: [...failures.remove] },
  };
}

function runChild(mode, configPath) {
  // `--expose-gc`: the sync loop collects the JS heap before each sample, so what it
  // measures is native memory (plain JS garbage is freed by the next collection anyway).
  const out = execFileSync(process.execPath, ["--expose-gc", CHILD, mode, configPath], { maxBuffer: 16 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  return JSON.parse(out.toString());
}

function findFile(dir, name) {
  if (!existsSync(dir)) return null;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, entry.name);
    if (entry.isFile() && entry.name === name) return full;
    if (entry.isDirectory()) {
      const found = findFile(full, name);
      if (found) return found;
    }
  }
  return null;
}

/**
 * warm-start: a session opened with `persist: true` builds and is disposed (which writes
 * `session.json`); then each run is a NEW process that restores the snapshot with
 * `buildInitial()` and runs `update()`, timed inside the child.
 */
export function warmStart(ctx, { warmup, reps }) {
  rmSync(ctx.cacheDir, { recursive: true, force: true });
  const session = new ctx.addon.BuilderSession({ configPath: ctx.configPath, persist: true });
  session.buildInitial();
  session.dispose();
  const failures = new Set();
  if (!findFile(ctx.cacheDir, "session.json")) {
    if (typeof ctx.addon.BuilderSession.prototype.persist !== "function") {
      throw new NotAvailable(`no session.json under ${ctx.manifest.cacheDir} after dispose() of a persist: true session, and no persist() (persistence not implemented yet)`);
    }
    // persist() exists but dispose() did not persist: a bug to report; measure anyway.
    failures.add("dispose() of a persist: true session wrote no session.json (persisted with persist() instead)");
    const again = new ctx.addon.BuilderSession({ configPath: ctx.configPath, persist: true });
    again.buildInitial();
    again.persist();
    again.dispose();
    if (!findFile(ctx.cacheDir, "session.json")) throw new NotAvailable(`neither dispose() nor persist() wrote session.json under ${ctx.manifest.cacheDir}`);
  }
  const full = artifactHash(freshArtifact(ctx.addon, ctx.configPath));
  let last = null;
  const samples = repeat(warmup, reps, () => {
    const out = runChild("warm", ctx.configPath);
    if (out.initialStats.parsed >= out.files) {
      throw new NotAvailable(`buildInitial() in a new process parsed all ${out.files} files: the snapshot was not restored${out.transient.length ? ` (${out.transient.join("; ")})` : ""}`);
    }
    if (out.hash !== full) failures.add("incremental ≠ full: the restored session's artifact differs from a fresh build");
    if (out.delta.added.length + out.delta.updated.length + out.delta.removed.length) failures.add("update() after a restore with nothing changed has a non-empty delta");
    last = out;
    return out.totalMs;
  });
  return { samples, checks: { restoreMs: last.restoreMs, updateMs: last.updateMs, initialStats: last.initialStats, updateStats: last.updateStats }, failures: [...failures] };
}

/** rss: peak resident memory (MB) of a child process after a cold build. */
/**
 * Native memory in a long synchronous loop: RSS growth per update (KB, the JS heap collected
 * before each sample) over 10,000 refreshes and transforms of one unchanged file after
 * 5,000 to warm up, through the Babel plugin's calls, in a fresh process (the event loop never
 * turns). `rawUpdateGrowthKb` is the same loop on
 * `session.update()`, for comparison.
 */
export function syncLoop(ctx, { reps }) {
  const runs = Array.from({ length: reps }, () => runChild("sync-loop", ctx.configPath));
  const raw = runChild("sync-loop-raw", ctx.configPath);
  return {
    samples: runs.map((r) => r.growthKb),
    checks: { rssMb: runs[0].rssMb, file: runs[0].file, rawUpdateGrowthKb: raw.growthKb },
    failures: [],
    unit: "KB/update",
  };
}

export function rss(ctx, { reps }) {
  rmSync(ctx.cacheDir, { recursive: true, force: true });
  const runs = Array.from({ length: reps }, () => runChild("rss", ctx.configPath));
  const failures = runs.some((r) => r.errors) ? ["error diagnostics in the cold build"] : [];
  return { samples: runs.map((r) => r.peakKb / 1024), checks: { baselineMb: runs[0].baselineKb / 1024, source: runs[0].source }, failures, unit: "MB" };
}
