// `fizz explain ID_OR_PATH`: why a definition (or every definition of a file) is in the
// build — what it depends on, what depends on it, which files its lookups read — and what
// the last update that changed something re-ran for it. The session is restored from
// disk (and persisted again), so after a watch session this tells what its last batch did.
import { existsSync } from "node:fs";
import { resolve } from "node:path";

import { UsageError } from "./args.mjs";
import { openPersisted } from "./session.mjs";

/**
 * Prints the explanation and returns the exit code (0; 2 when nothing is named so).
 * @param {import("./args.mjs").Addon} addon
 * @param {import("./args.mjs").Flags} flags
 * @param {import("./args.mjs").Io} io
 * @param {string[]} positionals `[ID_OR_PATH]`
 * @returns {Promise<number>}
 */
export async function explainCommand(addon, flags, io, [query]) {
  const session = await openPersisted(addon, flags, io);
  // A path that exists from here is taken as a path (made absolute); anything else is a
  // canonical ID or a root-relative path.
  const target = !query.includes("::") && existsSync(query) ? resolve(query) : query;
  const explanation = session.explain(target);
  session.dispose();
  if (explanation.kind === "unknown") {
    throw new UsageError(`"${query}" is neither a canonical ID nor a source file of the build`);
  }
  io.out(flags.json ? JSON.stringify(explanation, null, 2) : formatExplanation(explanation));
  return 0;
}

/**
 * The explanation as indented text.
 * @param {import("../../index.js").Explanation} e
 * @returns {string}
 */
export function formatExplanation(e) {
  const lines = [];
  const update = e.lastUpdate;
  if (e.kind === "file") {
    lines.push(`${e.file} (source file, ${e.definitions.length} definitions)`);
    lines.push(`  imports: ${list(e.imports)}`);
    lines.push(`  imported by: ${list(e.importedBy)}`);
    const analyzed = e.file !== undefined && update.analyzed.includes(e.file) ? "re-analysed" : "not read";
    lines.push(`  last update (generation ${update.generation}): ${analyzed}`);
  }
  for (const d of e.definitions) {
    const indent = e.kind === "file" ? "  " : "";
    lines.push(...formatDefinition(d, update).map((line) => indent + line));
  }
  return lines.join("\n");
}

/**
 * @param {import("../../index.js").DefinitionExplanation} d
 * @param {import("../../index.js").LastUpdateSummary} update
 * @returns {string[]}
 */
function formatDefinition(d, update) {
  const built = d.built ? "in the artifact" : "not in the artifact";
  const what = d.lastUpdate;
  const did = [what.fileAnalyzed ? "file re-analysed" : "file not read", what.recomposed ? "recomposed" : "not recomposed", `element ${what.element}`];
  return [
    `${d.id}: ${d.kind} ${d.name} (schema ${d.schemaLabel}), ${built}`,
    `  depends on: ${list(d.dependencies)}`,
    `  all dependencies: ${list(d.transitiveDependencies)}`,
    `  used by: ${list(d.dependents)}`,
    `  all dependents: ${list(d.transitiveDependents)}`,
    `  lookups read: ${list(d.readsFiles)}`,
    `  diagnostics: ${list(d.diagnostics)}`,
    `  types: ${d.typesFile ? `${d.typesKey} in ${d.typesFile}` : "(none)"}`,
    `  last update (generation ${update.generation}): ${did.join(", ")}`,
  ];
}

/** @param {string[]} items */
function list(items) {
  return items.length ? items.join(", ") : "(none)";
}
