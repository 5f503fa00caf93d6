// Running the real `fizz` CLI in tests: once to completion, or as a long-running process
// (`--watch`) whose output lines are awaited with timeouts.
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { join } from "node:path";

import { ROOT } from "./addon.mjs";

const FIZZ = join(ROOT, "bin", "fizz.mjs");

/** Runs `fizz args…` in `cwd` to completion: `{ code, stdout, stderr }`. */
export function fizz(args, cwd = ROOT) {
  const run = spawnSync(process.execPath, [FIZZ, ...args], { cwd, encoding: "utf8" });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Starts `fizz args…` in `cwd` and collects its output lines. `next(stream, pattern)`
 * waits for the next line of `stream` ("out" or "err") after those already taken; it
 * fails when none comes within the timeout, or when that line does not match.
 */
export function startFizz(args, cwd) {
  const child = spawn(process.execPath, [FIZZ, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  const lines = { out: [], err: [] };
  const taken = { out: 0, err: 0 };
  const waiters = new Set();
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  for (const [name, stream] of [["out", child.stdout], ["err", child.stderr]]) {
    createInterface({ input: stream }).on("line", (line) => {
      lines[name].push(line);
      for (const check of waiters) check();
    });
  }
  const describe = () => `stdout:\n${lines.out.join("\n")}\nstderr:\n${lines.err.join("\n")}`;

  /** Resolves when `ready()` returns a value; rejects after `timeoutMs`. */
  function until(ready, what, timeoutMs) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = ready();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${describe()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  }

  return {
    child,
    lines,
    exited,
    describe,
    /** The next unread line of `stream`. */
    async next(stream, { timeoutMs = 15000 } = {}) {
      const line = await until(() => lines[stream][taken[stream]], `a line on std${stream}`, timeoutMs);
      taken[stream] += 1;
      return line;
    },
    /** Skips lines of `stream` up to and including the first that matches `pattern`. */
    async skipTo(stream, pattern, { timeoutMs = 15000 } = {}) {
      const index = await until(
        () => {
          const i = lines[stream].findIndex((l, i) => i >= taken[stream] && pattern.test(l));
          return i < 0 ? undefined : i;
        },
        `a line matching ${pattern} on std${stream}`,
        timeoutMs,
      );
      taken[stream] = index + 1;
      return lines[stream][index];
    },
    /** Sends SIGINT (Ctrl-C) and waits for the exit. */
    async interrupt() {
      child.kill("SIGINT");
      return exited;
    },
  };
}
