// Scratch copies of the examples for tests that edit files, polling helpers, and the
// headless Chromium the browser tests drive.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { ROOT } from "./addon.mjs";

/**
 * Copies examples (by folder name under `examples/`) into a fresh folder inside the
 * repository (`.fizz-tmp/`, git-ignored), so `fizz-gql/*` imports resolve to this package.
 * @returns {{ dir: string, path: (...parts: string[]) => string, edit: Function, write: Function, cleanup: () => void }}
 */
export function scratchExamples(...names) {
  const base = join(ROOT, ".fizz-tmp");
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, "examples-"));
  for (const name of names) {
    cpSync(join(ROOT, "examples", name), join(dir, name), {
      recursive: true,
      filter: (src) => !/\/(node_modules|dist)(\/|$)/.test(src),
    });
  }
  const path = (...parts) => join(dir, ...parts);
  return {
    dir,
    path,
    /** Replaces `from` (which must be there) with `to` in a file. */
    edit(file, from, to) {
      const text = readFileSync(path(file), "utf8");
      if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
      this.write(file, text.replace(from, to));
    },
    write(file, text) {
      writeFileSync(path(file), text);
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A temporary folder outside the repository. */
export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Polls `check` until it returns a truthy value (returned) or `timeout` ms pass (throws
 * with the last value or error, and `what`).
 */
export async function waitFor(what, check, { timeout = 15_000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}; last: ${last?.stack ?? JSON.stringify(last)}`);
    await sleep(interval);
  }
}

/** The Debian Chromium package's binary (installed by `.ci/run`). */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Launches headless Chromium with a fresh profile; returns the persistent context and a
 * `close()` that also removes the profile.
 */
export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  const profile = tempDir("fizz-chromium-");
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
