// docs/reference/performance.md "Targets", as checks the report applies to one scenario's result.

/** Targets on a scenario's median in one workload: `{ max (ms), text }`. */
export const MEDIAN_TARGETS = {
  cold: { "10k": { max: 300, text: "≤ 300 ms" }, "50k": { max: 1500, text: "≤ 1.5 s" } },
  "noop-sweep": { "10k": { max: 15, text: "≤ 15 ms" } },
  "noop-changeset": { "*": { max: 0.2, text: "≤ 0.2 ms" } },
  "edit-leaf": { "10k": { max: 2, text: "≤ 2 ms" } },
  "edit-hub": { "10k": { max: 10, text: "≤ 10 ms" } },
  rss: { "10k": { maxMb: 150, text: "≤ 150 MB" } },
  // Reading `result.artifact` after a one-element update (issue 16).
  "artifact-read": { "10k": { max: 1, text: "≤ 1 ms" }, "20k": { max: 1, text: "≤ 1 ms" } },
  // Native memory per update in a synchronous loop (KB): flat, within measurement noise.
  "sync-loop-rss": { "1k": { max: 0.1, text: "≤ 0.1 KB/update (flat)" } },
};

/** The median target of `scenario` in `workload`, or null. */
export function medianTarget(scenario, workload) {
  const t = MEDIAN_TARGETS[scenario];
  return t ? (t[workload] ?? t["*"] ?? null) : null;
}

/** Ratio targets, computed from two medians of the same run. */
export const RATIO_TARGETS = {
  targetedRebuild: { max: 0.01, text: "≤ 1% (original design: ≤ 35%)" },
  warmStart: { max: 0.25, text: "≤ 25%" },
  leafScaling: { max: 2, text: "≤ 2x" },
};
