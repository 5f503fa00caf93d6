// fizz-gql's side of the peers table, in a fresh Node process (times measured here, so
// process start-up and loading the addon are not counted; the CLI figures are):
//   node fizz-child.mjs cold <fizz.config.json>
//     new BuilderSession() + buildInitial() + reading `result.artifact` (the artifact in JS
//     hands; see readArtifact), with the project's config: validation and type files on.
//   node fizz-child.mjs edits <fizz.config.json> <edit.json> <warmup> <reps>
//     a `persist: true` session (as a dev server keeps) builds once; then the edit of
//     edit.json (`{ file, from, to }`) and its undo alternate, each timed as
//     update({ updated: [file] }) + reading `affectedFiles`, and then + reading `artifact`.
// Prints one JSON object on stdout.

import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const addon = createRequire(import.meta.url)(join(ROOT, "index.js"));
const [mode, configPath, ...rest] = process.argv.slice(2);
const now = () => process.hrtime.bigint();
const since = (t) => Number(process.hrtime.bigint() - t) / 1e6;
/**
 * Reads the artifact into JS and returns how long that took: `result.artifact`, or, where
 * napi's JSON conversion gives up (`Exceeded maximum JSON value count`: over 1,000,000
 * values, e.g. at 10k), `JSON.parse(result.artifactJson())`, timed alone and recorded.
 */
let tooBig = false;
function readArtifact(result) {
  if (!tooBig) {
    const start = now();
    try {
      const artifact = result.artifact;
      return { artifact, ms: since(start), via: "artifact" };
    } catch (error) {
      if (!/maximum JSON value count/.test(String(error?.message))) throw error;
      tooBig = true; // it would fail the same way on every later result
    }
  }
  const start = now();
  const artifact = JSON.parse(result.artifactJson());
  return { artifact, ms: since(start), via: "artifactJson" };
}
const errorsOf = (result) => result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.file}:${d.line} ${d.message}`);

if (mode === "cold") {
  const start = now();
  const session = new addon.BuilderSession({ configPath });
  const result = session.buildInitial();
  const buildMs = since(start);
  const read = readArtifact(result);
  const ms = buildMs + read.ms;
  process.stdout.write(JSON.stringify({ ms, buildMs, via: read.via, elements: Object.keys(read.artifact.elements).length, errors: errorsOf(result), typesWritten: result.stats.typesWritten }));
} else if (mode === "edits") {
  const edit = JSON.parse(readFileSync(rest[0], "utf8"));
  const [warmup, reps] = rest.slice(1).map(Number);
  const session = new addon.BuilderSession({ configPath, persist: true });
  const first = session.buildInitial();
  const errors = errorsOf(first);
  const path = join(dirname(configPath), edit.file);
  const original = readFileSync(path, "utf8");
  const edited = original.replace(edit.from, edit.to);
  const update = [];
  const withArtifact = [];
  let updated = 0;
  let via = null;
  try {
    // Even run count: the last run restores the original text.
    const runs = warmup + reps + ((warmup + reps) % 2);
    for (let i = 0; i < runs; i++) {
      writeFileSync(path, i % 2 === 0 ? edited : original);
      const start = now();
      const result = session.update({ updated: [edit.file] });
      result.affectedFiles;
      const updateMs = since(start);
      const read = readArtifact(result);
      via = read.via;
      const totalMs = updateMs + read.ms;
      updated = Math.max(updated, result.delta.updated.length);
      if (i >= warmup && update.length < reps) {
        update.push(updateMs);
        withArtifact.push(totalMs);
      }
    }
  } finally {
    writeFileSync(path, original);
    session.update({ updated: [edit.file] });
    session.dispose();
  }
  process.stdout.write(JSON.stringify({ update, withArtifact, updated, via, errors }));
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
