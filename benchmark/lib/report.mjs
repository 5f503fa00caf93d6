// Turns scenario results into the Markdown tables the harness prints and the ratios
// docs/reference/performance.md asks for, all from one run.

import { RATIO_TARGETS, medianTarget } from "./targets.mjs";
import { formatMs } from "./timing.mjs";

const RATIO_WORKLOADS = ["1k", "10k", "50k"];
const CHECK_TARGETS = { "edit-cutoff": "empty delta, 0 chunks written, 0 affected files" };

/** The value a result's median prints as. */
function formatValue(result) {
  if (result.status === "n/a") return `n/a (${result.reason})`;
  if (result.status === "error") return `error (${result.reason})`;
  if (result.unit === "MB") return `${result.median.toFixed(1)} MB`;
  if (result.unit === "KB/update") return `${result.median.toFixed(3)} KB/update`;
  return formatMs(result.median);
}

/**
 * Target text and verdict of one scenario result: a failed check is always a miss;
 * otherwise the median target decides, or the checks alone when there is none.
 */
export function verdict(workload, scenario, result) {
  const target = medianTarget(scenario, workload);
  const targetText = target?.text ?? CHECK_TARGETS[scenario] ?? "—";
  if (result.status !== "ok") return { targetText, pass: null, text: "—" };
  if (result.failures.length) return { targetText, pass: false, text: `miss: ${result.failures[0]}` };
  if (target) {
    const pass = target.maxMb !== undefined ? result.median <= target.maxMb : result.median <= target.max;
    return { targetText, pass, text: pass ? "pass" : "miss" };
  }
  return { targetText, pass: true, text: CHECK_TARGETS[scenario] ? "pass" : "— (checks ok)" };
}

/** min / p90 of a result, in its unit, or "—" (one sample, or not run). */
function formatSpread(result) {
  if (result.status !== "ok" || result.runs < 2) return "—";
  const f = (/** @type {number} */ x) => formatValue({ ...result, median: x });
  return `${f(result.min)} / ${f(result.p90)} (${result.runs})`;
}

/**
 * The scenario table: workload | scenario | median | min / p90 (runs) | target | pass/miss.
 * The spread shows whether a pass is more than one lucky sample: the verdict is on the
 * median, and a p90 past the target is marked.
 */
export function scenarioTable(results) {
  const rows = ["| workload | scenario | median | min / p90 (runs) | target | pass/miss |", "|---|---|---|---|---|---|"];
  for (const [workload, w] of Object.entries(results)) {
    for (const [scenario, r] of Object.entries(w.scenarios)) {
      const v = verdict(workload, scenario, r);
      const target = medianTarget(scenario, workload);
      const limit = target?.maxMb ?? target?.max;
      const shaky = v.pass && limit !== undefined && r.p90 > limit ? " (p90 over)" : "";
      rows.push(`| ${workload} | ${scenario} | ${formatValue(r)} | ${formatSpread(r)} | ${v.targetText} | ${v.text}${shaky} |`);
    }
  }
  return rows.join("\n");
}

/**
 * The writer thread after each edit: how long `waitForWrites()` took once the timed
 * `update()` had returned (the chunk and type files of the edit going to disk), per edit
 * scenario. Empty when no scenario recorded it.
 */
export function writesTable(results) {
  const rows = [];
  for (const [workload, w] of Object.entries(results)) {
    for (const [scenario, r] of Object.entries(w.scenarios)) {
      const settled = r.checks?.writesSettledMs;
      if (!settled) continue;
      rows.push(`| ${workload} | ${scenario} | ${formatMs(settled.median)} | ${formatMs(settled.min)} / ${formatMs(settled.p90)} (${settled.runs}) |`);
    }
  }
  if (!rows.length) return "";
  return ["| workload | scenario | writes settled after update (median) | min / p90 (runs) |", "|---|---|---|---|", ...rows].join("\n");
}

/** The machine's load average (1, 5, 15 min) at the start and end of the run. */
export function loadLine(machine) {
  const f = (/** @type {number[] | undefined} */ l) => (l ? l.map((x) => x.toFixed(2)).join(", ") : "?");
  return `Load average (1, 5, 15 min): ${f(machine.loadAverageAtStart)} at start, ${f(machine.loadAverageAtEnd)} at end; ${machine.cores} cores.`;
}

function ratio(a, b) {
  return a?.status === "ok" && b?.status === "ok" && b.median > 0 ? a.median / b.median : null;
}

/** The ratios of docs/reference/performance.md computed from this run's medians. */
export function computeRatios(results) {
  const out = [];
  // The small fixtures are dominated by fixed costs; ratios are quoted for the app-sized
  // workloads, and the warm-start target is the 10k one (and 50k, where it is run).
  for (const [workload, w] of Object.entries(results)) {
    if (!RATIO_WORKLOADS.includes(workload)) continue;
    const s = w.scenarios;
    out.push({ name: "targeted rebuild (edit-leaf / cold)", key: "targetedRebuild", workload, value: ratio(s["edit-leaf"], s.cold), why: s["edit-leaf"]?.reason ?? s.cold?.reason });
    out.push({ name: "warm-start / cold", key: "warmStart", workload, value: ratio(s["warm-start"], s.cold), why: s["warm-start"]?.reason ?? s.cold?.reason, informative: workload === "1k" });
  }
  if (results["10k"] && results["1k"]) {
    out.push({ name: "edit-leaf at 10k / at 1k", key: "leafScaling", workload: "10k / 1k", value: ratio(results["10k"].scenarios["edit-leaf"], results["1k"].scenarios["edit-leaf"]) });
  }
  for (const r of out) {
    const t = RATIO_TARGETS[r.key];
    r.target = r.informative ? `— (target at 10k: ${t.text})` : t.text;
    r.pass = r.value === null || r.informative ? null : r.value <= t.max;
  }
  return out;
}

/** The ratio table: ratio | workload | value | target | pass/miss. */
export function ratioTable(ratios) {
  const rows = ["| ratio | workload | value | target | pass/miss |", "|---|---|---|---|---|"];
  if (ratios.length === 0) rows.push("| (ratios are computed for 1k, 10k and 50k, none of which ran) | | | | |");
  for (const r of ratios) {
    const value = r.value === null ? `n/a${r.why ? ` (${r.why})` : ""}` : r.key === "leafScaling" ? `${r.value.toFixed(2)}x` : `${(r.value * 100).toFixed(2)}%`;
    rows.push(`| ${r.name} | ${r.workload} | ${value} | ${r.target} | ${r.pass === null ? "—" : r.pass ? "pass" : "miss"} |`);
  }
  return rows.join("\n");
}
