#!/usr/bin/env node
// Seeded project generator for the benchmark (docs/reference/performance.md "Workloads").
//
//   node benchmark/generate.mjs --workload 10k --seed 1 --out DIR [--force] [--check]
//
// The same workload and seed always give the same bytes: randomness comes from a seeded
// PRNG, file contents never depend on the clock or on directory listing order, and files
// are written in sorted path order.

import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { buildProject } from "./lib/project.mjs";
import { WORKLOADS } from "./lib/workloads.mjs";

export { buildProject } from "./lib/project.mjs";
export { WORKLOADS } from "./lib/workloads.mjs";

/**
 * Generates workload `name` from `seed` into `outDir` (which must be absent or empty).
 * Returns the manifest (also written as `bench-manifest.json`).
 */
export function generateProject({ name, seed, outDir }) {
  if (existsSync(outDir) && readdirSync(outDir).length > 0) throw new Error(`${outDir} is not empty`);
  const { files, manifest } = buildProject(name, seed);
  const made = new Set();
  for (const path of [...files.keys()].sort()) {
    const full = join(outDir, path);
    const dir = dirname(full);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(full, files.get(path));
  }
  return manifest;
}

function parseArgs(argv) {
  const args = { workload: null, seed: 1, out: null, force: false, check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--workload") args.workload = argv[++i];
    else if (a === "--seed") args.seed = Number(argv[++i]);
    else if (a === "--out") args.out = argv[++i];
    else if (a === "--force") args.force = true;
    else if (a === "--check") args.check = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.workload || !WORKLOADS[args.workload]) throw new Error(`--workload must be one of ${Object.keys(WORKLOADS).join(", ")}`);
  if (!Number.isInteger(args.seed)) throw new Error("--seed must be an integer");
  if (!args.out) throw new Error("--out DIR is required");
  return args;
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${e.message}\nusage: node benchmark/generate.mjs --workload <${Object.keys(WORKLOADS).join("|")}> --seed N --out DIR [--force] [--check]`);
    process.exit(2);
  }
  const out = resolve(args.out);
  if (args.force) rmSync(out, { recursive: true, force: true });
  const manifest = generateProject({ name: args.workload, seed: args.seed, outDir: out });
  const c = manifest.counts;
  console.log(`${args.workload} seed ${args.seed} → ${out}: ${c.sourceFiles} source files, ${c.filesWithDefinitions} with definitions, ${c.definitions} definitions (${c.fragments} fragments, ${c.operations} operations)`);
  if (args.check) {
    const { checkModel } = await import("./lib/check.mjs");
    const { model, schemas } = buildProject(args.workload, args.seed);
    const problems = checkModel(model, schemas);
    for (const p of problems.slice(0, 20)) console.error(p);
    console.log(problems.length === 0 ? "graphql-js: every definition is valid" : `graphql-js: ${problems.length} problems`);
    if (problems.length) process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
