// Wall-clock sampling for the harness: high-resolution timers, warm-up runs that are
// thrown away, and the statistics the report quotes.

/** Milliseconds taken by `fn()` (which may return a value kept in `out`). */
export function time(fn) {
  const start = process.hrtime.bigint();
  const value = fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, value };
}

/** The median of a non-empty list of numbers. */
export function median(values) {
  const s = values.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Median, min, max and the 90th percentile of samples, rounded to microseconds. */
export function summarize(samples) {
  const s = samples.slice().sort((a, b) => a - b);
  const round = (x) => Math.round(x * 1000) / 1000;
  return {
    median: round(median(s)),
    min: round(s[0]),
    max: round(s[s.length - 1]),
    p90: round(s[Math.min(s.length - 1, Math.floor(s.length * 0.9))]),
    runs: s.length,
  };
}

/** `12.345 ms`, `0.084 ms`, `1.23 s` — what the table prints. */
export function formatMs(ms) {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}
