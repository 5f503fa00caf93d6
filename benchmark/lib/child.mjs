// Runs in a fresh Node process for the scenarios that need one:
//   node child.mjs cold <fizz.config.json>   one cold build
//   node child.mjs rss  <fizz.config.json>   peak resident memory after a cold build
//   node child.mjs warm <fizz.config.json>   restore the persisted snapshot, then update()
//   node child.mjs sync-loop <fizz.config.json>   RSS over 10,000 synchronous refreshes and
//                                          transforms of one file, through the calls the Babel
//                                          plugin makes per file (transformSync over many files)
//   node child.mjs sync-loop-raw <fizz.config.json>   the same with `session.update()`, whose
//                                          wrapped results Node frees only when the loop turns
// Prints one JSON object on stdout. Times are measured here, inside the child, so process
// start-up and loading the addon are not counted.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { artifactHash } from "./artifact-compare.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const addon = createRequire(import.meta.url)(join(ROOT, "index.js"));
const registry = createRequire(import.meta.url)(join(ROOT, "lib", "registry.cjs"));
const [mode, configPath] = process.argv.slice(2);

function ms(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Peak resident memory of this process in KB. On Linux `getrusage` (what
 * `process.resourceUsage().maxRSS` reads) keeps the parent's peak across fork and exec, so a
 * child of a big harness process would report the harness's peak; `VmHWM` belongs to this
 * process's own address space.
 */
function peakKb() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return { kb: Number(m[1]), source: "VmHWM" };
  } catch {}
  return { kb: process.resourceUsage().maxRSS, source: "maxRSS" };
}

if (mode === "cold") {
  const start = process.hrtime.bigint();
  const session = new addon.BuilderSession({ configPath });
  const result = session.buildInitial();
  const diagnostics = result.diagnostics;
  const elapsed = ms(start);
  const errors = diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.file}:${d.line} ${d.message}`);
  const elements = Object.keys(JSON.parse(result.artifactJson()).elements).length;
  process.stdout.write(JSON.stringify({ ms: elapsed, errors, elements, stats: result.stats }));
} else if (mode === "rss") {
  const baseline = peakKb();
  const session = new addon.BuilderSession({ configPath });
  const result = session.buildInitial();
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const peak = peakKb();
  process.stdout.write(JSON.stringify({ baselineKb: baseline.kb, peakKb: peak.kb, source: peak.source, errors }));
} else if (mode === "warm") {
  const start = process.hrtime.bigint();
  const session = new addon.BuilderSession({ configPath, persist: true });
  const initial = session.buildInitial();
  const restoreMs = ms(start);
  const afterRestore = process.hrtime.bigint();
  const update = session.update();
  update.affectedFiles;
  const updateMs = ms(afterRestore);
  const totalMs = ms(start);
  const initialStats = initial.stats;
  process.stdout.write(
    JSON.stringify({
      totalMs,
      restoreMs,
      updateMs,
      initialStats: { parsed: initialStats.parsed, misses: initialStats.misses, hits: initialStats.hits, phases: initialStats.phases },
      updateStats: { parsed: update.stats.parsed, misses: update.stats.misses, hits: update.stats.hits },
      transient: initial.diagnostics.filter((d) => d.severity === "warning").map((d) => `${d.code}: ${d.message}`).slice(0, 3),
      files: session.getSnapshot().files,
      delta: update.delta,
      hash: artifactHash(session.getArtifactJson()),
    }),
  );
} else if (mode === "sync-loop" || mode === "sync-loop-raw") {
  // The event loop never turns inside the loop: anything freed only by a deferred
  // finalizer piles up here.
  const root = dirname(configPath);
  const shared = registry.acquire({ configPath });
  const first = shared.buildSync();
  const file = Object.values(JSON.parse(first.artifactJson()).elements)[0]?.metadata.sourcePath;
  const absolute = join(root, file);
  const code = readFileSync(absolute, "utf8");
  const step =
    mode === "sync-loop"
      ? () => {
          shared.refreshSync(absolute); // what fizz-gql/babel does for each file …
          shared.session.transformPlan(absolute, code); // … then the plan it applies
        }
      : () => {
          shared.session.update({ updated: [file] });
          shared.session.transformPlan(absolute, code);
        };
  // 5,000 updates warm the allocator and the heap up; the 10,000 after them are measured.
  const rssAt = [];
  const warmUp = 5_000;
  const updates = warmUp + 10_000;
  for (let i = 0; i < updates; i++) {
    step();
    if (i === warmUp - 1 || i === updates - 1) {
      globalThis.gc?.();
      rssAt.push(process.memoryUsage().rss);
    }
  }
  const growthKb = (rssAt[1] - rssAt[0]) / 1024 / (updates - warmUp);
  process.stdout.write(JSON.stringify({ growthKb, rssMb: rssAt[1] / 1048576, file }));
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
