// `fizz build --watch`: the native watcher (started before the first build, so nothing
// written meanwhile is missed) delivers one batch per burst of changes; each batch becomes
// one `updateAsync(changeSet)`, one printed line, and rewritten outputs. Batches that
// arrive while an update runs are merged and applied next, so updates never overlap.
// Errors print with code frames and the watch goes on; Ctrl-C persists the session and
// exits 0.
import { isAbsolute, relative } from "node:path";

import { formatDiagnostic, formatUpdate } from "./format.mjs";
import { outputsOf, writeOutputs } from "./outputs.mjs";

/** @typedef {import("../../index.js").WatchBatch} WatchBatch */
/** @typedef {import("../../index.js").Diagnostic} Diagnostic */

export class WatchLoop {
  /**
   * Starts watching `session`'s files; batches wait until `run()` is called.
   * @param {import("../../index.js").BuilderSession} session opened with `persist: true`
   * @param {{ flags: import("./args.mjs").Flags, filter?: string, io: import("./args.mjs").Io, options: { root: string, configPath?: string } }} context
   */
  constructor(session, { flags, filter, io, options }) {
    this.session = session;
    this.flags = flags;
    this.filter = filter;
    this.io = io;
    this.root = options.root;
    // The watcher reports the config file root-relative; a change to it reloads the config,
    // and the watcher is restarted so that new include globs are watched.
    this.configPath = options.configPath && changeSetPath(options.root, options.configPath);
    /** @type {WatchBatch | null} batches merged while an update runs */
    this.pending = null;
    /** @type {Promise<void> | null} the update loop, while it runs */
    this.running = null;
    this.ready = false;
    this.stopping = false;
    /** @type {number | undefined} the last generation whose outputs were written (set by `run`) */
    this.generation = undefined;
    /** @type {string | undefined} what identifies the diagnostics printed last (set by `run`) */
    this.printed = undefined;
    // The promise executors run at once: these are replaced before anything calls them.
    /** @type {(code: number) => void} */
    this.exit = () => {};
    /** @type {Promise<number>} */
    this.exited = new Promise((resolve) => (this.exit = resolve));
    /** @type {() => void} */
    this.firstBuildDone = () => {};
    /** @type {Promise<void>} */
    this.firstBuild = new Promise((resolve) => (this.firstBuildDone = resolve));
    // Installed now: a Ctrl-C during the first build also saves the session and exits 0.
    process.once("SIGINT", () => this.stop());
    process.once("SIGTERM", () => this.stop());
    this.watcher = this.#watch();
  }

  /**
   * Applies batches from now on (the first build is done) until Ctrl-C; resolves to the
   * exit code.
   * @param {{ generation: number, diagnostics: Diagnostic[] }} first what the first build reported
   * @returns {Promise<number>}
   */
  run({ generation, diagnostics }) {
    this.generation = generation;
    this.printed = diagnosticsKey(diagnostics);
    this.ready = true;
    this.firstBuildDone();
    if (!this.stopping) {
      this.io.err(`fizz: watching ${this.root} (Ctrl-C to stop)`);
      this.#kick();
    }
    return this.exited;
  }

  /** Stops watching, lets the update in progress finish, persists the session. */
  async stop() {
    if (this.stopping) return;
    this.stopping = true;
    // A second Ctrl-C while the last update finishes leaves at once.
    process.once("SIGINT", () => process.exit(130));
    this.watcher.close();
    await this.firstBuild;
    await this.running;
    // Cache trouble is a warning: the session is simply not saved, and the next start builds cold.
    const warnings = this.session.dispose();
    for (const warning of warnings) this.io.err(formatDiagnostic(warning));
    this.io.err(warnings.length ? "fizz: stopped; session not saved" : "fizz: stopped; session saved");
    this.exit(0);
  }

  /** @returns {import("../../index.js").Watcher} */
  #watch() {
    return this.session.watch((batch) => {
      if (this.stopping) return;
      this.pending = merge(this.pending, batch);
      this.#kick();
    });
  }

  #kick() {
    if (this.ready && !this.running && this.pending) this.running = this.#drain();
  }

  async #drain() {
    while (this.pending && !this.stopping) {
      const batch = this.pending;
      this.pending = null;
      try {
        await this.#apply(batch);
      } catch (error) {
        this.io.err(`fizz: update failed: ${/** @type {Error | undefined} */ (error)?.stack ?? error}`);
      }
    }
    this.running = null;
  }

  /** @param {WatchBatch} batch */
  async #apply(batch) {
    const started = performance.now();
    if (batch.warning) this.io.err(`fizz: warning: ${batch.warning}; sweeping every file`);
    const changeSet = batch.rescan ? undefined : { added: batch.added, updated: batch.updated, removed: batch.removed };
    const result = await this.session.updateAsync(changeSet);
    const outputs = outputsOf(this.session, result, this.filter, { pretty: Boolean(this.flags.artifact) });
    // Outputs are rewritten when the update changed something (a new generation).
    if (result.generation !== this.generation) {
      this.generation = result.generation;
      writeOutputs(this.flags, { generation: result.generation, artifactJson: outputs.artifactJson, delta: outputs.delta });
    }
    if (this.configPath && [...batch.added, ...batch.updated].includes(this.configPath)) {
      this.watcher.close();
      this.watcher = this.#watch();
    }
    const ms = performance.now() - started;
    const files = batch.rescan ? result.stats.misses : batch.added.length + batch.updated.length + batch.removed.length;
    if (this.flags.json) {
      const { delta, diagnostics } = outputs;
      const line = { event: "update", files, changes: batch, generation: result.generation, delta, affectedFiles: result.affectedFiles, diagnostics, stats: result.stats, ms };
      this.io.out(JSON.stringify(line));
      return;
    }
    const key = diagnosticsKey(outputs.diagnostics);
    if (key !== this.printed) {
      for (const d of outputs.diagnostics) this.io.err(formatDiagnostic(d));
      this.printed = key;
    }
    this.io.out(formatUpdate({ files, delta: outputs.delta, diagnostics: outputs.diagnostics, ms, rescan: batch.rescan }));
  }
}

/**
 * Two batches as one. The update looks at every path on disk, so a union loses nothing;
 * a path named by both keeps the later batch's list, so it is looked at once.
 * @param {WatchBatch | null} a
 * @param {WatchBatch} b
 * @returns {WatchBatch}
 */
function merge(a, b) {
  if (!a) return { ...b };
  const later = new Set([...b.added, ...b.updated, ...b.removed]);
  const earlier = (/** @type {string[]} */ list) => list.filter((p) => !later.has(p));
  const sorted = (/** @type {string[]} */ x, /** @type {string[]} */ y) => [...x, ...y].sort();
  return {
    added: sorted(earlier(a.added), b.added),
    updated: sorted(earlier(a.updated), b.updated),
    removed: sorted(earlier(a.removed), b.removed),
    rescan: a.rescan || b.rescan,
    warning: b.warning ?? a.warning,
  };
}

/**
 * How a watch batch names a file: root-relative with `/`, or absolute outside the root.
 * @param {string} root
 * @param {string} path
 */
function changeSetPath(root, path) {
  const rel = relative(root, path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel.split("\\").join("/");
}

/**
 * What identifies a set of diagnostics, to print them again only when they change.
 * @param {Diagnostic[]} diagnostics
 */
function diagnosticsKey(diagnostics) {
  return JSON.stringify(diagnostics.map((d) => [d.file, d.line, d.column, d.code, d.message]));
}
