// Opening a session for the commands that query a project (`graph`, `explain`): restored
// from the persisted snapshot when there is a valid one (else built cold), swept for
// changes, and persisted again on `dispose()`.
import { sessionOptions } from "../load-config.mjs";
import { startProgress } from "./progress.mjs";

/**
 * A built session over the project of `flags.config`, with persistence on.
 * @param {import("./args.mjs").Addon} addon
 * @param {import("./args.mjs").Flags} flags
 * @param {import("./args.mjs").Io} io
 * @returns {Promise<import("../../index.js").BuilderSession>}
 */
export async function openPersisted(addon, flags, io) {
  const options = await sessionOptions({ configPath: flags.config });
  const session = new addon.BuilderSession({ ...options, persist: true });
  const progress = startProgress(io.stderr, { enabled: !flags.json });
  try {
    await session.buildInitialAsync();
  } finally {
    progress.stop();
  }
  return session;
}
