// Text output of the CLI: diagnostics with code frames, and operation listings.

/** A diagnostic as a terminal block: `file:line:column CODE message` plus its frame. */
export function formatDiagnostic(d) {
  const head = `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`;
  const related = (d.related ?? []).map((r) => `    ${r.file}:${r.line}:${r.column} ${r.message}`);
  return [head, ...related, d.frame ? indent(d.frame) : ""].filter(Boolean).join("\n");
}

/** Every operation of an artifact with its name and document text. */
export function formatOperations(artifact) {
  return Object.values(artifact.elements)
    .filter((e) => e.type === "operation")
    .map((e) => `# ${e.prebuild.operationName} (${e.id})\n${e.text}`)
    .join("\n\n");
}

/** One summary line of a build. */
export function formatSummary(result, artifact) {
  const elements = Object.values(artifact.elements);
  const operations = elements.filter((e) => e.type === "operation").length;
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = result.diagnostics.length - errors;
  return `fizz: ${operations} operations, ${elements.length - operations} fragments, ${errors} errors, ${warnings} warnings in ${result.stats.durationMs.toFixed(1)} ms`;
}

function indent(text) {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}
