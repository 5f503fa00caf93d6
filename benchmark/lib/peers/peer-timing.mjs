// How the peers benchmark times a process: one build (wall time from spawn to exit, and its
// peak resident memory from `/usr/bin/time`), and a watcher (a long-lived process: the time
// from writing an edit to the moment its outputs hold what that edit produces, and its peak
// resident memory from /proc/<pid>/status `VmHWM`).

import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, watch, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const TIME = "/usr/bin/time";

/**
 * Runs `cmd args` to completion. Returns `{ ms, peakMb, status, stdout, stderr }`: `ms` is
 * the wall time around the process, `peakMb` its maximum resident set (from GNU time's
 * `%M`, the largest of the process and the children it waited for), null without
 * /usr/bin/time.
 */
export function measuredRun(cmd, args, { cwd, env } = {}) {
  const withTime = existsSync(TIME);
  const tmp = withTime ? mkdtempSync(join(tmpdir(), "fizz-peer-time-")) : null;
  const out = tmp ? join(tmp, "rss") : null;
  const [file, argv] = withTime ? [TIME, ["-f", "%M", "-o", out, cmd, ...args]] : [cmd, args];
  const start = process.hrtime.bigint();
  const r = spawnSync(file, argv, { cwd, env: { ...process.env, ...env }, maxBuffer: 256 << 20, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  let peakMb = null;
  if (tmp) {
    const kb = Number(readFileSync(out, "utf8").trim().split("\n").pop());
    peakMb = Number.isFinite(kb) ? kb / 1024 : null;
    rmSync(tmp, { recursive: true, force: true });
  }
  if (r.error) throw r.error;
  return { ms, peakMb, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * sha1 of a file's content after `normalize(path, bytes)` (which drops what differs between
 * two writes of the same state, e.g. the timing report of fizz-gql's artifact); null when
 * the file is missing or does not normalize (a partial write).
 */
function digest(root, path, normalize) {
  try {
    const bytes = readFileSync(join(root, path));
    return createHash("sha1").update(normalize ? normalize(path, bytes) : bytes).digest("hex");
  } catch {
    return null;
  }
}

/** The digest of every file under `dirs` (root-relative to `root`), as a Map. */
export function snapshot(root, dirs, normalize) {
  const out = new Map();
  const walk = (rel) => {
    const full = join(root, rel);
    if (!existsSync(full)) return;
    for (const e of readdirSync(full, { withFileTypes: true })) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(r);
      else out.set(r, digest(root, r, normalize));
    }
  };
  for (const d of dirs) walk(d);
  return out;
}

/** Paths whose hash differs between two snapshots (either side may lack them). */
function changedPaths(a, b) {
  return [...new Set([...a.keys(), ...b.keys()])].filter((p) => a.get(p) !== b.get(p)).sort();
}

/** Peak and current resident memory of a live process (MB), from /proc. */
export function procMemory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
    return { peakMb: kb("VmHWM"), rssMb: kb("VmRSS") };
  } catch {
    return { peakMb: null, rssMb: null };
  }
}

/**
 * A watcher process: `start()` spawns it and waits until a line of its output matches
 * `ready` (then `settleMs` more, for its file watcher to be in place).
 */
export class Watcher {
  constructor({ cmd, args, cwd, env, ready, settleMs = 300, timeoutMs = 600_000 }) {
    Object.assign(this, { cmd, args, cwd, env, ready, settleMs, timeoutMs });
    this.log = [];
  }

  async start() {
    this.child = spawn(this.cmd, this.args, { cwd: this.cwd, env: { ...process.env, ...this.env }, stdio: ["ignore", "pipe", "pipe"] });
    this.exited = new Promise((resolve) => this.child.once("exit", (code, signal) => resolve({ code, signal })));
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.cmd} not ready after ${this.timeoutMs} ms: ${this.tail()}`)), this.timeoutMs);
      const onData = (chunk) => {
        for (const line of chunk.toString().split("\n")) {
          const clean = line.replace(/\x1b\[[0-9;]*m/g, "");
          this.log.push(clean);
          if (this.log.length > 200) this.log.shift();
          if (this.ready.test(clean)) {
            clearTimeout(timer);
            resolve();
          }
        }
      };
      this.child.stdout.on("data", onData);
      this.child.stderr.on("data", onData);
      this.exited.then(({ code }) => reject(new Error(`${this.cmd} exited (${code}) before it was ready: ${this.tail()}`)));
    });
    await sleep(this.settleMs);
  }

  tail() {
    return this.log.filter(Boolean).slice(-5).join(" | ");
  }

  /** Its peak resident memory so far (MB). */
  memory() {
    return procMemory(this.child.pid);
  }

  async stop() {
    if (this.child.exitCode === null) this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Polls `root`'s output `dirs` until they differ from `before` and stay put for `quietMs`. */
async function settledSnapshot(root, dirs, before, { normalize, quietMs = 1000, timeoutMs = 600_000 } = {}) {
  const started = Date.now();
  let last = snapshot(root, dirs, normalize);
  let stableSince = Date.now();
  for (;;) {
    await sleep(100);
    const now = snapshot(root, dirs, normalize);
    if (changedPaths(now, last).length) {
      last = now;
      stableSince = Date.now();
    } else if (changedPaths(now, before).length && Date.now() - stableSince >= quietMs) return now;
    if (Date.now() - started > timeoutMs) throw new Error(`outputs under ${dirs.join(", ")} did not change within ${timeoutMs} ms`);
  }
}

/**
 * Waits until every path of `targets` (root-relative path → sha1) holds that content;
 * returns the time (performance.now()) of the last file event on those paths, i.e. when
 * the output was last written.
 */
function waitForOutputs(root, targets, normalize, timeoutMs) {
  return new Promise((resolve, reject) => {
    const last = new Map();
    const watchers = [];
    let timer = null;
    const finish = (fn) => {
      for (const w of watchers) w.close();
      clearTimeout(deadline);
      clearTimeout(timer);
      fn();
    };
    const check = () => {
      const done = [...targets].every(([p, hash]) => (hash === undefined ? !existsSync(join(root, p)) : digest(root, p, normalize) === hash));
      if (done) finish(() => resolve(Math.max(...[...targets.keys()].map((p) => last.get(p) ?? performance.now()))));
    };
    const byDir = new Map();
    for (const p of targets.keys()) {
      if (!byDir.has(dirname(p))) byDir.set(dirname(p), new Set());
      byDir.get(dirname(p)).add(basename(p));
    }
    for (const [dir, names] of byDir) {
      watchers.push(
        watch(join(root, dir), (event, name) => {
          if (!names.has(name)) return;
          last.set(`${dir}/${name}`, performance.now());
          clearTimeout(timer);
          timer = setTimeout(check, 15);
        }),
      );
    }
    const deadline = setTimeout(() => finish(() => reject(new Error(`outputs not rewritten within ${timeoutMs} ms`))), timeoutMs);
  });
}

/**
 * The edit → outputs-rewritten latency of a running `watcher`: writes the edit (`from` →
 * `to` in `file`, both root-relative to `root`) and its undo alternately; `outputs` are the
 * folders (root-relative) the tool writes. A first edit and undo find which files each
 * state produces; then each of `reps` runs is timed from the write to the last event on
 * those files once they all hold that state's content (compared after `normalize`, see
 * `digest`). Returns samples (ms) and the files.
 */
export async function watchLatency(watcher, { root, file, from, to, outputs, reps, normalize, timeoutMs = 600_000 }) {
  const path = join(root, file);
  const original = readFileSync(path, "utf8");
  const edited = original.replace(from, to);
  if (edited === original) throw new Error(`edit anchor not found in ${file}`);
  const states = [snapshot(root, outputs, normalize)];
  try {
    writeFileSync(path, edited);
    states.push(await settledSnapshot(root, outputs, states[0], { normalize, timeoutMs }));
    writeFileSync(path, original);
    const back = await settledSnapshot(root, outputs, states[1], { normalize, timeoutMs });
    const files = changedPaths(states[0], states[1]);
    if (changedPaths(back, states[0]).some((p) => files.includes(p))) throw new Error("undoing the edit did not restore the outputs");
    const target = (i) => new Map(files.map((p) => [p, states[i % 2 === 0 ? 1 : 0].get(p)]));
    const samples = [];
    const runs = reps + (reps % 2); // even: the last run restores the original text
    for (let i = 0; i < runs; i++) {
      await sleep(150); // past every watcher's quiet window
      const waiting = waitForOutputs(root, target(i), normalize, timeoutMs);
      const start = performance.now();
      writeFileSync(path, i % 2 === 0 ? edited : original);
      const end = await waiting;
      if (i < reps) samples.push(end - start);
    }
    return { samples, files };
  } finally {
    writeFileSync(path, original);
  }
}
