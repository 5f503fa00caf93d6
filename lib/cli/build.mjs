// `fizz build`: one build of a project — cold, or with `--incremental` / `--write-delta`
// restored from the persisted session and persisted again — then its outputs and report.
// `--watch` hands over to `watch.mjs` after the same first build.
import { sessionOptions } from "../load-config.mjs";
import { UsageError } from "./args.mjs";
import { formatDiagnostic, formatOperations, formatSummary } from "./format.mjs";
import { hasErrors, outputsOf, writeOutputs } from "./outputs.mjs";
import { startProgress } from "./progress.mjs";
import { WatchLoop } from "./watch.mjs";

/** @typedef {import("./args.mjs").Flags} Flags */
/** @typedef {import("./args.mjs").Io} Io */
/** @typedef {import("../../index.js").BuilderSession} BuilderSession */
/** @typedef {import("../../index.js").BuildResult} BuildResult */

/**
 * Runs `fizz build` and returns the exit code (0 built, 1 error diagnostics).
 * @param {import("./args.mjs").Addon} addon
 * @param {Flags} flags
 * @param {Io} io
 * @returns {Promise<number>}
 */
export async function buildCommand(addon, flags, io) {
  const filter = graphFilter(addon, flags["graph-filter"]);
  const incremental = Boolean(flags.incremental || flags["write-delta"] || flags.watch);
  const options = await sessionOptions({ configPath: flags.config });
  const session = new addon.BuilderSession({ ...options, persist: incremental });
  // Watching starts before the first build: a file written while it runs is not missed.
  const loop = flags.watch ? new WatchLoop(session, { flags, filter, io, options }) : null;
  const progress = startProgress(io.stderr, { enabled: !flags.json });
  let result;
  try {
    result = await session.buildInitialAsync();
  } finally {
    progress.stop();
  }
  const build = report(session, result, { flags, filter, incremental, io });
  if (loop) return loop.run({ generation: result.generation, diagnostics: build.diagnostics });
  // Cache trouble is a warning, never a failed build.
  for (const warning of session.dispose()) io.err(formatDiagnostic(warning));
  return hasErrors(build.diagnostics) ? 1 : 0;
}

/**
 * Checks `--graph-filter` before anything is built, so a bad glob is a usage error.
 * @param {import("./args.mjs").Addon} addon
 * @param {string | undefined} pattern
 * @returns {string | undefined}
 */
export function graphFilter(addon, pattern) {
  if (pattern === undefined) return undefined;
  try {
    addon.checkGraphFilter(pattern);
  } catch (error) {
    throw new UsageError(`--graph-filter: ${/** @type {Error} */ (error).message}`);
  }
  return pattern;
}

/**
 * Writes the outputs of the first build and reports it; returns what was reported.
 * @param {BuilderSession} session
 * @param {BuildResult} result
 * @param {{ flags: Flags, filter: string | undefined, incremental: boolean, io: Io }} context
 * @returns {{ artifact: import("../../index.js").Artifact, diagnostics: import("../../index.js").Diagnostic[] }}
 */
function report(session, result, { flags, filter, incremental, io }) {
  const outputs = outputsOf(session, result, filter, { pretty: Boolean(flags.artifact) });
  const artifact = JSON.parse(outputs.artifactJson);
  writeOutputs(flags, { generation: result.generation, artifactJson: outputs.artifactJson, delta: outputs.delta, artifact });
  if (flags.json) {
    const { delta, diagnostics } = outputs;
    const event = flags.watch ? { event: "build" } : {};
    const json = { ...event, generation: result.generation, delta, affectedFiles: result.affectedFiles, diagnostics, stats: result.stats };
    io.out(JSON.stringify(json, null, flags.watch ? undefined : 2));
  } else {
    for (const d of outputs.diagnostics) io.err(formatDiagnostic(d));
    if (flags.print) io.out(formatOperations(artifact));
    io.err(formatSummary({ artifact, diagnostics: outputs.diagnostics, stats: result.stats }, { incremental }));
  }
  return { artifact, diagnostics: outputs.diagnostics };
}
