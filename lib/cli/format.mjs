// Text output of the CLI: diagnostics with code frames, operation listings, the summary
// line of a build and the one line of a watch update.

/** @typedef {import("../../index.js").Diagnostic} Diagnostic */
/** @typedef {import("../../index.js").Artifact} Artifact */

// One owner of a diagnostic's text: the plugins print exactly what the CLI prints.
export { formatDiagnostic } from "../plugin-errors.cjs";

/**
 * Every operation of an artifact with its name and document text.
 * @param {Artifact} artifact
 * @returns {string}
 */
export function formatOperations(artifact) {
  return Object.values(artifact.elements)
    .filter((e) => e.type === "operation")
    .map((e) => `# ${/** @type {import("../../index.js").OperationPrebuild} */ (e.prebuild).operationName} (${e.id})\n${e.text}`)
    .join("\n\n");
}

/**
 * One summary line of a build: what the artifact holds, errors and warnings, time; for an
 * incremental build also how many files were read and how many were unchanged (not read).
 * @param {{ artifact: Artifact, diagnostics: Diagnostic[], stats: import("../../index.js").BuildStats }} build
 * @param {{ incremental?: boolean }} [options]
 * @returns {string}
 */
export function formatSummary({ artifact, diagnostics, stats }, { incremental = false } = {}) {
  const elements = Object.values(artifact.elements);
  const operations = elements.filter((e) => e.type === "operation").length;
  const { errors, warnings } = countDiagnostics(diagnostics);
  const files = incremental ? `, ${plural(stats.misses, "file")} read, ${stats.hits} unchanged` : "";
  return `fizz: ${operations} operations, ${elements.length - operations} fragments, ${plural(errors, "error")}, ${plural(warnings, "warning")}${files} in ${stats.durationMs.toFixed(1)} ms`;
}

/**
 * The one line a watch update prints: files changed, elements added / updated / removed,
 * errors, and the milliseconds from the batch's arrival to rewritten outputs.
 * @param {{ files: number, delta: import("../../index.js").Delta, diagnostics: Diagnostic[], ms: number, rescan: boolean }} update
 * @returns {string}
 */
export function formatUpdate({ files, delta, diagnostics, ms, rescan }) {
  const { errors } = countDiagnostics(diagnostics);
  const what = rescan ? `rescanned, ${plural(files, "file")} read` : `${plural(files, "file")} changed`;
  return `fizz: ${what}: ${delta.added.length} added, ${delta.updated.length} updated, ${delta.removed.length} removed, ${plural(errors, "error")} in ${ms.toFixed(1)} ms`;
}

/**
 * Error and warning counts.
 * @param {Diagnostic[]} diagnostics
 * @returns {{ errors: number, warnings: number }}
 */
export function countDiagnostics(diagnostics) {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return { errors, warnings: diagnostics.length - errors };
}

/**
 * @param {number} n
 * @param {string} word
 */
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
