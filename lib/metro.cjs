// The Metro integration (React Native / Expo): `withFizz(config)` wraps a Metro config so
// that Babel's transform replaces definition calls (the fizz Babel plugin, run by a
// transformer that wraps the configured one), and so that a fragment edit re-transforms the
// files that spread it. Metro caches a transform by the file's own content: a cached result
// here carries a stamp of what it was built from (a hash of the file's transform output,
// which changes exactly when a definition it uses does), and the cache stores treat a result
// whose stamp is no longer current as a miss. The dev server's watcher reports only the
// edited file; `watchDependents` (wired through `server.enhanceMiddleware`) reports the
// files whose output the edit changed (the session's `affectedFiles`) as changed too.
"use strict";

const { createHash } = require("node:crypto");
const { existsSync, statSync } = require("node:fs");
const { join, relative, resolve } = require("node:path");

const { acquireForFile } = require("./registry.cjs");

/** The environment variable that carries the wrapped transformers to Metro's workers. */
const UPSTREAM_ENV = "FIZZ_METRO_UPSTREAM";

/**
 * What the workers wrap and with which plugin options (set by `withFizz` in the main
 * process; worker processes inherit the environment).
 * @returns {{ babelTransformerPath?: string, transformerPath?: string, options?: import("./registry.cjs").FizzOptions }}
 */
function upstream() {
  return JSON.parse(process.env[UPSTREAM_ENV] ?? "{}");
}

/**
 * The shared session of a source file, brought up to date for the file and the files it
 * depends on; undefined for a file no fizz config tracks.
 * @param {string} file absolute path
 * @param {import("./registry.cjs").FizzOptions} [options]
 */
function refresh(file, options = upstream().options) {
  const shared = acquireForFile(file, options);
  if (!shared || !shared.session.tracks(file)) return undefined;
  shared.refreshClosure(file);
  return shared;
}

/**
 * The stamp of a source file's transform: `{ file, hash }`, the hash of its transformed
 * code as the session builds it now; undefined for a file no fizz config tracks. The
 * session is first brought up to date for the file and the files it depends on.
 * @param {string} file absolute path
 * @param {import("./registry.cjs").FizzOptions} [options]
 * @returns {{ file: string, hash: string } | undefined}
 */
function stampOf(file, options = upstream().options) {
  const shared = refresh(file, options);
  if (!shared) return undefined;
  const out = shared.session.transform(file);
  const errors = shared.blockingErrors(file).map((d) => [d.file, d.line, d.column, d.code, d.message]);
  const hash = createHash("sha256")
    .update(JSON.stringify([out?.code ?? null, errors]))
    .digest("hex");
  return { file, hash };
}

/**
 * A cache store whose `get` misses for a fizz result built from definitions that changed.
 * @template {{ get: (key: Buffer) => unknown, set: (key: Buffer, value: unknown) => unknown, clear?: () => unknown }} S
 * @param {S} store
 * @returns {S}
 */
function validatingStore(store) {
  // Stores keep private state: call their methods on themselves, not on a wrapper.
  return /** @type {S} */ ({
    async get(/** @type {Buffer} */ key) {
      const value = /** @type {{ fizz?: { file: string, hash: string } } | null} */ (await store.get(key));
      const stamp = value?.fizz;
      if (stamp && stampOf(stamp.file)?.hash !== stamp.hash) return null;
      return value;
    },
    set: (/** @type {Buffer} */ key, /** @type {unknown} */ value) => store.set(key, value),
    clear: () => store.clear?.(),
  });
}

/**
 * Reports to Metro, after each change its watcher sees, the source files whose transform
 * output that change altered (a fragment edit: the files that spread the fragment), as
 * changed too, so the dev server and HMR re-transform exactly those.
 * @param {{ getBundler: () => { getBundler: () => MetroBundler } }} metroServer
 * @param {import("./registry.cjs").FizzOptions} [options]
 * @param {string} [projectRoot] Metro's project root: the session of the fizz config found
 *   from there is built now, so the first edit has a state to compare with (the transforms
 *   run in worker processes, each with a session of its own)
 */
function watchDependents(metroServer, options = upstream().options, projectRoot = undefined) {
  if (projectRoot) acquireForFile(join(projectRoot, "metro.config.js"), options)?.buildSync();
  const bundler = metroServer.getBundler().getBundler();
  keyByStamp(bundler);
  const watcher = bundler.getWatcher();
  const ours = new WeakSet();
  watcher.on("change", (/** @type {MetroChangeEvent} */ event) => {
    if (ours.has(event)) return;
    const { changes, rootDir } = event;
    /** @type {Map<import("./registry.cjs").SharedSession, { updated: string[], added: string[], removed: string[] }>} */
    const sets = new Map();
    const add = (/** @type {"updated" | "added" | "removed"} */ kind, /** @type {string} */ canonical) => {
      const file = join(rootDir, canonical);
      const shared = acquireForFile(file, options);
      if (!shared || !shared.session.tracks(file)) return;
      if (!sets.has(shared)) sets.set(shared, { updated: [], added: [], removed: [] });
      sets.get(shared)?.[kind].push(file);
    };
    for (const [canonical] of changes.modifiedFiles) add("updated", canonical);
    for (const [canonical] of changes.addedFiles) add("added", canonical);
    for (const [canonical] of changes.removedFiles) add("removed", canonical);
    /** @type {Map<string, object>} */
    const dependents = new Map();
    for (const [shared, changeSet] of sets) {
      if (!shared.last) {
        shared.buildSync(); // first seen now: the state before this change is unknown
        continue;
      }
      const changed = new Set([...changeSet.updated, ...changeSet.added, ...changeSet.removed]);
      for (const f of shared.updateSync(changeSet).affectedFiles) {
        const file = shared.absolute(f);
        if (changed.has(file) || !existsSync(file)) continue;
        dependents.set(relative(rootDir, file), { modifiedTime: statSync(file).mtimeMs, isSymlink: false });
      }
    }
    if (!dependents.size) return;
    const synthetic = {
      ...event,
      changes: {
        addedDirectories: new Set(),
        removedDirectories: new Set(),
        addedFiles: [],
        modifiedFiles: [...dependents],
        removedFiles: [],
      },
    };
    ours.add(synthetic);
    watcher.emit("change", synthetic);
  });
}

/**
 * Makes the key Metro's graph compares transform results by (the file's content) include
 * the stamp: a module re-transformed because a fragment it uses changed is otherwise taken
 * as unchanged, and the graph keeps its old output.
 * @param {MetroBundler} bundler
 */
function keyByStamp(bundler) {
  const marked = /** @type {any} */ (bundler);
  if (marked[STAMPED]) return;
  marked[STAMPED] = true;
  const transformFile = bundler.transformFile.bind(bundler);
  bundler.transformFile = async (...args) => {
    const result = await transformFile(...args);
    if (!result.fizz || result.unstable_transformResultKey == null) return result;
    return { ...result, unstable_transformResultKey: `${result.unstable_transformResultKey}\0fizz:${result.fizz.hash}` };
  };
}

const STAMPED = Symbol.for("fizz-gql.metro.stamped");

/**
 * What this module uses of Metro's `Bundler`.
 * @typedef {{ getWatcher: () => import("node:events").EventEmitter, transformFile: (...args: any[]) => Promise<{ unstable_transformResultKey?: string, fizz?: { hash: string } }> }} MetroBundler
 */

/**
 * A change event of Metro's file map: each list iterates `[canonicalPath, metadata]` pairs,
 * paths relative to `rootDir`.
 * @typedef {{ rootDir: string, logger?: unknown, changes: { addedFiles: Iterable<[string, object]>, modifiedFiles: Iterable<[string, object]>, removedFiles: Iterable<[string, object]> } }} MetroChangeEvent
 */

/**
 * Wraps a Metro config (as `getDefaultConfig` / `mergeConfig` give it) for fizz-gql: the
 * configured Babel transformer and transform worker are wrapped, the cache stores check
 * stamps, and the dev server reports dependents of an edit.
 * @template {Record<string, any>} C
 * @param {C} config
 * @param {import("./registry.cjs").FizzOptions} [options] the Babel plugin's options
 *   (`configPath` / `root`; default: the nearest `fizz.config.*` above each file)
 * @returns {C}
 */
function withFizz(config, options = {}) {
  const transformer = config.transformer ?? {};
  const base = config.projectRoot ?? process.cwd();
  const at = (/** @type {string | undefined} */ p) => (p ? resolve(base, p) : undefined);
  const resolvedOptions = {
    ...options,
    ...(options.configPath ? { configPath: at(options.configPath) } : {}),
    ...(options.root ? { root: at(options.root) } : {}),
  };
  process.env[UPSTREAM_ENV] = JSON.stringify({
    babelTransformerPath: transformer.babelTransformerPath,
    transformerPath: config.transformerPath,
    options: resolvedOptions,
  });
  const stores = config.cacheStores;
  const cacheStores =
    typeof stores === "function"
      ? (/** @type {unknown} */ metroCache) => stores(metroCache).map(validatingStore)
      : (stores ?? []).map(validatingStore);
  const server = config.server ?? {};
  return {
    ...config,
    transformerPath: require.resolve("./metro-worker.cjs"),
    transformer: { ...transformer, babelTransformerPath: require.resolve("./metro-babel-transformer.cjs") },
    cacheStores,
    server: {
      ...server,
      enhanceMiddleware(/** @type {unknown} */ middleware, /** @type {any} */ metroServer) {
        watchDependents(metroServer, resolvedOptions, base);
        return server.enhanceMiddleware ? server.enhanceMiddleware(middleware, metroServer) : middleware;
      },
    },
  };
}

module.exports = { withFizz, watchDependents, validatingStore, stampOf, refresh, upstream, UPSTREAM_ENV };
module.exports.default = withFizz;
