// What a build hands to the user: its outputs (narrowed by `--graph-filter` when given)
// and the files `--artifact` and `--write-delta` ask for. The artifact stays JSON text
// from the addon to the file (indented there, not parsed and re-printed here): on a big
// project parsing and printing it again in JS would cost more than the update itself.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

import { writeDelta } from "./delta.mjs";
import { writeAtomically } from "./files.mjs";

/** @typedef {import("../../index.js").Diagnostic} Diagnostic */
/** @typedef {{ artifactJson: string, delta: import("../../index.js").Delta, diagnostics: Diagnostic[] }} Outputs */

/**
 * The artifact JSON (indented when `pretty`), delta and diagnostics of `result`, narrowed
 * by `filter` when it is given.
 * @param {import("../../index.js").BuilderSession} session
 * @param {import("../../index.js").BuildResult} result
 * @param {string | undefined} filter
 * @param {{ pretty?: boolean }} [options]
 * @returns {Outputs}
 */
export function outputsOf(session, result, filter, { pretty = false } = {}) {
  if (filter === undefined) {
    return { artifactJson: result.artifactJson(pretty), delta: result.delta, diagnostics: result.diagnostics };
  }
  return session.filterResult(result, filter, pretty);
}

/**
 * Writes the `--artifact` and `--write-delta` files of one build. `artifactJson` must be
 * indented (`pretty`) when `--artifact` is given; it is parsed only for `--write-delta`.
 * @param {import("./args.mjs").Flags} flags
 * @param {{ generation: number, artifactJson: string, delta: import("../../index.js").Delta, artifact?: import("../../index.js").Artifact }} build
 */
export function writeOutputs(flags, { generation, artifactJson, delta, artifact }) {
  if (flags.artifact) {
    const path = resolve(flags.artifact);
    mkdirSync(dirname(path), { recursive: true });
    writeAtomically(path, artifactJson + "\n");
  }
  if (flags["write-delta"]) {
    const { elements } = artifact ?? JSON.parse(artifactJson);
    writeDelta(resolve(flags["write-delta"]), { generation, delta, elements });
  }
}

/**
 * Whether any diagnostic is an error.
 * @param {Diagnostic[]} diagnostics
 */
export function hasErrors(diagnostics) {
  return diagnostics.some((d) => d.severity === "error");
}
