// `fizz build`: one cold build of a project; writes the artifact and reports diagnostics.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

import { sessionOptions } from "../load-config.mjs";
import { formatDiagnostic, formatOperations, formatSummary } from "./format.mjs";

/**
 * Runs a build and returns the exit code (0 built, 1 error diagnostics).
 * @param {{ BuilderSession: any }} addon
 * @param {Record<string, string | boolean>} flags
 */
export async function buildCommand(addon, flags, io) {
  const options = await sessionOptions({ configPath: flags.config });
  const session = new addon.BuilderSession(options);
  const result = await session.buildInitialAsync();
  const artifactJson = result.artifactJson();
  if (flags.artifact) writeArtifact(resolve(flags.artifact), artifactJson);
  const artifact = JSON.parse(artifactJson);
  const hasErrors = result.diagnostics.some((d) => d.severity === "error");
  if (flags.json) {
    io.out(JSON.stringify({ generation: result.generation, delta: result.delta, diagnostics: result.diagnostics, stats: result.stats }, null, 2));
  } else {
    for (const d of result.diagnostics) io.err(formatDiagnostic(d));
    if (flags.print) io.out(formatOperations(artifact));
    io.err(formatSummary(result, artifact));
  }
  session.dispose();
  return hasErrors ? 1 : 0;
}

function writeArtifact(path, json) {
  mkdirSync(dirname(path), { recursive: true });
  const pretty = JSON.stringify(JSON.parse(json), null, 2) + "\n";
  writeFileSync(path, pretty);
}
