// `fizz types`: one build whose only output is the type files (types.md §3) — no artifact,
// no persisted session. Diagnostics print as for `fizz build`; definitions with errors get
// no entry (their results stay `unknown`), the others are typed.
import { sessionOptions } from "../load-config.mjs";
import { UsageError } from "./args.mjs";
import { formatDiagnostic } from "./format.mjs";
import { hasErrors } from "./outputs.mjs";

/**
 * Runs `fizz types` and returns the exit code (0 written, 1 error diagnostics).
 * @param {import("./args.mjs").Addon} addon
 * @param {import("./args.mjs").Flags} flags
 * @param {import("./args.mjs").Io} io
 * @returns {Promise<number>}
 */
export async function typesCommand(addon, flags, io) {
  const options = await sessionOptions({ configPath: flags.config });
  const session = new addon.BuilderSession({ ...options, persist: false });
  const outDir = session.typesOutDir();
  if (outDir === null) {
    session.dispose();
    throw new UsageError(`types are off in this config ("types": false)`);
  }
  const result = await session.buildInitialAsync();
  session.dispose();
  const diagnostics = result.diagnostics;
  if (flags.json) {
    io.out(JSON.stringify({ outDir, typesWritten: result.stats.typesWritten, diagnostics }, null, 2));
  } else {
    for (const d of diagnostics) io.err(formatDiagnostic(d));
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    const problems = errors ? `, ${errors} error${errors === 1 ? "" : "s"} (those definitions are untyped)` : "";
    io.err(`fizz: types in ${outDir}: ${result.stats.typesWritten} file${result.stats.typesWritten === 1 ? "" : "s"} written${problems}`);
  }
  return hasErrors(diagnostics) ? 1 : 0;
}
