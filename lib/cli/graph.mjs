// `fizz graph`: the module graph and the definition graph of a project, as text (one line
// per node) or Graphviz dot, optionally narrowed by `--filter` (matching definitions and
// modules plus everything they depend on). Reads the persisted session when there is one.
import { UsageError } from "./args.mjs";
import { openPersisted } from "./session.mjs";

/**
 * Prints the graph and returns the exit code (0).
 * @param {import("./args.mjs").Addon} addon
 * @param {import("./args.mjs").Flags} flags
 * @param {import("./args.mjs").Io} io
 * @returns {Promise<number>}
 */
export async function graphCommand(addon, flags, io) {
  if (flags.filter !== undefined) {
    try {
      addon.checkGraphFilter(flags.filter);
    } catch (error) {
      throw new UsageError(`--filter: ${/** @type {Error} */ (error).message}`);
    }
  }
  const session = await openPersisted(addon, flags, io);
  const text = session.renderGraph(flags.format ?? "text", flags.filter);
  session.dispose();
  io.out(text.replace(/\n$/, ""));
  return 0;
}
