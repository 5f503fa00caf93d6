// The peers tables: per workload and scenario, fizz-gql (JS API and CLI) next to each peer
// with the ratios peer / fizz-gql, and the peak resident memory of every process, all from
// one run.

import { formatMs } from "../timing.mjs";

/** The scenario rows, and which measurement of each tool fills them. */
export const PEER_SCENARIOS = ["cold", "edit-leaf", "edit-hub"];

function cell(r) {
  if (!r) return "—";
  if (r.status !== "ok") return `${r.status} (${r.reason})`;
  return `${formatMs(r.median)} [${formatMs(r.min)}–${formatMs(r.p90)}]${r.artifactVia === "artifactJson" ? " †" : ""}`;
}

/** The footnote of cells marked †. */
const DAGGER = "† `result.artifact` throws `Exceeded maximum JSON value count` (napi's cap of 1,000,000 values): the artifact is read as `JSON.parse(result.artifactJson())`.";

function ratio(peer, fizz) {
  return peer?.status === "ok" && fizz?.status === "ok" && fizz.median > 0 ? peer.median / fizz.median : null;
}

function ratioText(peer, api, cli) {
  const a = ratio(peer, api);
  const c = ratio(peer, cli);
  const f = (x) => (x === null ? "—" : x >= 100 ? `${x.toFixed(0)}×` : x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`);
  return `${f(a)} · ${f(c)}`;
}

/** Ratios of every peer row: peer median / fizz-gql API median, and / CLI median. */
export function peerRatios(workloads) {
  const out = [];
  for (const [workload, w] of Object.entries(workloads)) {
    for (const scenario of PEER_SCENARIOS) {
      const s = w.scenarios?.[scenario];
      if (!s) continue;
      for (const peer of ["relay", "codegen"]) out.push({ workload, scenario, peer, overApi: ratio(s[peer], s.fizzApi), overCli: ratio(s[peer], s.fizzCli) });
    }
  }
  return out;
}

/**
 * The Markdown table of the timings, median [min–p90], and the ratios peer / fizz-gql
 * (API, with the artifact read · CLI). "without artifact read" is the same API run before
 * `result.artifact` is read.
 */
export function peersTable(workloads) {
  const rows = [
    "| workload | scenario | fizz-gql API | fizz-gql API without artifact read | fizz-gql CLI | relay | codegen | relay / fizz-gql (API · CLI) | codegen / fizz-gql (API · CLI) |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  let dagger = false;
  for (const [workload, w] of Object.entries(workloads)) {
    if (w.error) rows.push(`| ${workload} | — | error (${w.error.split("\n")[0]}) | | | | | | |`);
    for (const scenario of PEER_SCENARIOS) {
      const s = w.scenarios?.[scenario];
      if (!s) continue;
      dagger ||= s.fizzApi?.artifactVia === "artifactJson";
      rows.push(`| ${workload} | ${scenario} | ${cell(s.fizzApi)} | ${cell(s.fizzApi?.withoutArtifact)} | ${cell(s.fizzCli)} | ${cell(s.relay)} | ${cell(s.codegen)} | ${ratioText(s.relay, s.fizzApi, s.fizzCli)} | ${ratioText(s.codegen, s.fizzApi, s.fizzCli)} |`);
    }
  }
  return `${rows.join("\n")}${dagger ? `\n\n${DAGGER}` : ""}`;
}

const mb = (x) => (typeof x === "number" && Number.isFinite(x) ? `${x.toFixed(0)} MB` : "—");

/** The Markdown table of peak resident memory (MB, the largest of the runs) per process. */
export function rssTable(workloads) {
  const rows = [
    "| workload | fizz-gql cold (API child) | fizz-gql CLI cold | fizz-gql CLI --watch | relay cold | relay rerun | codegen cold | codegen --watch |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const [workload, w] of Object.entries(workloads)) {
    const r = w.rss ?? {};
    rows.push(`| ${workload} | ${mb(r.fizzApiCold)} | ${mb(r.fizzCliCold)} | ${mb(r.fizzCliWatch)} | ${mb(r.relayCold)} | ${mb(r.relayRerun)} | ${mb(r.codegenCold)} | ${mb(r.codegenWatch)} |`);
  }
  return rows.join("\n");
}

/** The equivalence lines: per workload and peer, what was compared and the verdict. */
export function equivalenceLines(workloads) {
  const out = [];
  for (const [workload, w] of Object.entries(workloads)) {
    for (const [peer, e] of Object.entries(w.equivalence ?? {})) {
      out.push(e.ok ? `- ${workload} ${peer}: equivalent (${e.operations} operations, ${e.paths} field paths)` : `- ${workload} ${peer}: NOT equivalent, not timed: ${e.problems.length ? e.problems[0] : e.reason} (${e.problems.length} problems)`);
    }
  }
  return out.join("\n");
}
