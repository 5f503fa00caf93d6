// Progress for long builds: one updating line on stderr, shown only on a terminal and only
// once a build has run for `delayMs` (short builds, pipes and `--json` stay quiet).

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const TICK_MS = 100;

/**
 * A stream the progress line is written to (stderr).
 * @typedef {{ isTTY?: boolean, write(text: string): unknown }} ProgressStream
 */

/**
 * Starts showing progress on `stream` until `stop()` is called.
 * @param {ProgressStream} stream
 * @param {{ enabled?: boolean, delayMs?: number, label?: string, now?: () => number }} [options]
 * @returns {{ stop(): void }}
 */
export function startProgress(stream, { enabled = true, delayMs = 500, label = "building", now = Date.now } = {}) {
  if (!enabled || !stream?.isTTY) return { stop() {} };
  const started = now();
  let frame = 0;
  let shown = false;
  const timer = setInterval(() => {
    const elapsed = now() - started;
    if (elapsed < delayMs) return;
    shown = true;
    frame = (frame + 1) % FRAMES.length;
    stream.write(`\r${FRAMES[frame]} fizz: ${label}… ${(elapsed / 1000).toFixed(1)} s\x1b[K`);
  }, TICK_MS);
  // Progress alone must never keep the process alive.
  timer.unref?.();
  return {
    stop() {
      clearInterval(timer);
      if (shown) stream.write("\r\x1b[K");
      shown = false;
    },
  };
}
