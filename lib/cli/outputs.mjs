// What a build hands to the user: its outputs (narrowed by `--graph-filter` when given)
// and the files `--artifact` and `--write-delta` ask for.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

import { writeDelta } from "./delta.mjs";
import { writeAtomically } from "./files.mjs";

/**
 * The artifact JSON, delta and diagnostics of `result`, filtered when `filter` is given.
 * @returns {{ artifactJson: string, delta: { added: string[], updated: string[], removed: string[] }, diagnostics: object[] }}
 */
export function outputsOf(session, result, filter) {
  if (filter === undefined) {
    return { artifactJson: result.artifactJson(), delta: result.delta, diagnostics: result.diagnostics };
  }
  return session.filterResult(result, filter);
}

/**
 * Writes `--artifact` and `--write-delta` files for one build.
 * @param {Record<string, string | boolean>} flags
 * @param {{ generation: number, artifact: { elements: Record<string, object> }, delta: object }} build
 */
export function writeOutputs(flags, { generation, artifact, delta }) {
  if (flags.artifact) {
    const path = resolve(flags.artifact);
    mkdirSync(dirname(path), { recursive: true });
    writeAtomically(path, JSON.stringify(artifact, null, 2) + "\n");
  }
  if (flags["write-delta"]) writeDelta(resolve(flags["write-delta"]), { generation, delta, elements: artifact.elements });
}

/** Whether any diagnostic is an error. */
export function hasErrors(diagnostics) {
  return diagnostics.some((d) => d.severity === "error");
}
