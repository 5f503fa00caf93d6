#!/usr/bin/env node
// The typed-definitions costs of performance.md / types.md §4, on one generated workload:
//   node benchmark/types.mjs [--workload 10k] [--seed 1] [--reps 9] [--no-build]
// - cold with types (the type folder deleted first, as in a fresh clone) against cold with
//   `types: false`, alternating, each run a fresh child process (benchmark/lib/child.mjs);
// - edit-leaf with types: update({ updated: [file] }) alternating the manifest's leaf edit;
// - edit-cutoff: the type files it writes (must be 0);
// - the size of the type folder.
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { ensureAddon } from "./lib/addon-build.mjs";
import { ensureProject } from "./lib/projects.mjs";
import { median } from "./lib/timing.mjs";

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, "..");
const CHILD = join(BENCH, "lib", "child.mjs");
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const log = (s) => console.error(s);
const workload = flag("workload", "10k");
const seed = Number(flag("seed", "1"));
const reps = Number(flag("reps", "9"));

if (!args.includes("--no-build")) ensureAddon(ROOT, log);
const addon = createRequire(import.meta.url)(join(ROOT, "index.js"));
const { dir, manifest } = ensureProject(BENCH, workload, seed, log);
const withTypes = join(dir, "fizz.config.json");
const config = JSON.parse(readFileSync(withTypes, "utf8"));
const withoutTypes = join(dir, "fizz.no-types.config.json");
writeFileSync(withoutTypes, JSON.stringify({ ...config, types: false }));
const cacheDir = join(dir, manifest.cacheDir);
const probe = new addon.BuilderSession({ configPath: withTypes });
const outDir = probe.typesOutDir();
probe.dispose();

/** One cold build in a fresh process; `firstBuild` also deletes the type folder (a fresh clone). */
function coldRun(configPath, firstBuild = false) {
  rmSync(cacheDir, { recursive: true, force: true });
  if (firstBuild) rmSync(outDir, { recursive: true, force: true });
  const out = execFileSync(process.execPath, [CHILD, "cold", configPath], { maxBuffer: 64 << 20 });
  const run = JSON.parse(out.toString());
  if (run.errors.length) throw new Error(`cold build has errors: ${run.errors[0]}`);
  return run;
}

// Cold as the benchmark defines it (the cache folder deleted; the project, type folder
// included, as it is), and the first build of a fresh clone (no type folder either).
const cold = { on: [], off: [], first: [] };
const phases = { on: [], off: [], first: [] };
for (let i = 0; i < reps + 2; i++) {
  const first = coldRun(withTypes, true);
  const on = coldRun(withTypes);
  const off = coldRun(withoutTypes);
  if (i < 2) continue; // warm-up
  cold.on.push(on.ms);
  cold.off.push(off.ms);
  cold.first.push(first.ms);
  phases.on.push(on.stats.phases);
  phases.off.push(off.stats.phases);
  phases.first.push(first.stats.phases);
}
const medianPhases = (list) => Object.fromEntries(Object.keys(list[0]).map((k) => [k, median(list.map((p) => p[k] ?? 0))]));

// The type folder after a cold build with types.
coldRun(withTypes, true);
const files = readdirSync(outDir);
const bytes = files.reduce((sum, f) => sum + statSync(join(outDir, f)).size, 0);

function alternate(edit, runs) {
  const session = new addon.BuilderSession({ configPath: withTypes });
  session.buildInitial();
  const path = join(dir, edit.file);
  const original = readFileSync(path, "utf8");
  const edited = original.replace(edit.from, edit.to);
  const samples = [];
  const typesWritten = [];
  try {
    for (let i = 0; i < runs + 4; i++) {
      writeFileSync(path, i % 2 === 0 ? edited : original);
      const start = process.hrtime.bigint();
      const result = session.update({ updated: [edit.file] });
      result.affectedFiles;
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (i >= 4) {
        samples.push(ms);
        typesWritten.push(result.stats.typesWritten);
      }
    }
  } finally {
    writeFileSync(path, original);
    session.update({ updated: [edit.file] });
    session.dispose();
  }
  return { median: median(samples), typesWritten };
}

const leaf = alternate(manifest.scenarios.editLeaf, 41);
const cutoff = alternate(manifest.scenarios.editCutoff, 21);
const result = {
  workload: `${workload}-${seed}`,
  coldWithTypesMs: median(cold.on),
  coldWithoutTypesMs: median(cold.off),
  ratio: median(cold.on) / median(cold.off),
  firstBuildWithTypesMs: median(cold.first),
  firstBuildRatio: median(cold.first) / median(cold.off),
  phases: { withTypes: medianPhases(phases.on), withoutTypes: medianPhases(phases.off), firstBuild: medianPhases(phases.first) },
  editLeafWithTypesMs: leaf.median,
  editLeafTypesWritten: Math.max(...leaf.typesWritten),
  editCutoffTypesWritten: Math.max(...cutoff.typesWritten),
  typeFiles: files.length,
  typeBytes: bytes,
};
console.log(JSON.stringify(result, null, 2));
const ok = result.ratio <= 1.15 && result.editLeafWithTypesMs <= 2 && result.editCutoffTypesWritten === 0;
console.error(`first build (no type folder) ${result.firstBuildWithTypesMs.toFixed(1)} ms = ${result.firstBuildRatio.toFixed(3)}x; cold ${result.coldWithTypesMs.toFixed(1)} ms with types / ${result.coldWithoutTypesMs.toFixed(1)} ms without = ${result.ratio.toFixed(3)} (target <= 1.15); edit-leaf ${result.editLeafWithTypesMs.toFixed(3)} ms (<= 2); edit-cutoff type files written ${result.editCutoffTypesWritten} (0); ${files.length} type files, ${(bytes / 1024).toFixed(0)} KiB — ${ok ? "targets met" : "TARGET MISSED"}`);
