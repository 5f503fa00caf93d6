// The Vite plugin (Vite 6, 7 and 8): builds on buildStart, replaces definition calls in `transform`,
// and on a file change updates the shared session and hot-reloads exactly the modules whose
// transform output changed (`affectedFiles`) — a fragment edit reloads the operations in
// other files that spread it. Errors go to the dev overlay and fail `vite build`.
import { createRequire } from "node:module";
import { isAbsolute, resolve } from "node:path";

import { searchForWorkspaceRoot } from "vite";

const require = createRequire(import.meta.url);
const { acquire } = require("./registry.cjs");
const { formatDiagnostic, rollupError } = require("./plugin-errors.cjs");
const { SOURCE_MODULE_ID, isSourceFile } = require("./project-files.cjs");


/**
 * The fizz-gql Vite plugin.
 * @param {import("./registry.cjs").FizzOptions} [options] where the fizz config is (default:
 *   `fizz.config.json` in Vite's root); relative paths are relative to Vite's root
 * @returns {import("vite").Plugin}
 */
export default function fizz(options = {}) {
  /** @type {import("./registry.cjs").SharedSession} */
  let shared;
  let isBuild = false;
  // `vite build`: the errors of the modules that failed, reported together at buildEnd.
  // Rollup and Rolldown label an error thrown in `transform` with the transformed module's
  // id, whatever file the error names; from buildEnd it keeps the diagnostic's own file.
  /** @type {Set<import("../index.js").Diagnostic>} */
  const failed = new Set();
  /** @type {(() => boolean) | undefined} */
  let unsubscribe;
  // Per environment: root-relative files whose output changed since that environment last
  // hot-reloaded. Kept across failed updates, so the update after a fix reloads everything
  // that changed since the modules the browser runs were loaded.
  /** @type {Map<string, Set<string>>} */
  const pending = new Map();
  // One session update per watcher event, however many environments ask for it.
  /** @type {Map<string, Promise<unknown>>} */
  const updates = new Map();

  return {
    name: "fizz-gql",
    enforce: "pre",

    config(config) {
      const viteRoot = resolve(config.root ?? process.cwd());
      shared = acquire(options, viteRoot);
      // The composer's module (the runtime, which loads the native addon) is what the
      // transform removes: the dependency scanner still finds it and must not pre-bundle it.
      const extra = { optimizeDeps: { exclude: ["fizz-gql", "fizz-gql/runtime"] } };
      // The type files are for TypeScript, never imported: Vite's watcher need not see them,
      // and it re-reads their folder on every one the session renames into place (at 10k,
      // ~130 ms of each edit). Vite concatenates `ignored` with the user's.
      const typesOut = shared.session.typesOutDir();
      const watch = typesOut ? { watch: { ignored: [`${typesOut}/**`] } } : {};
      if (isInside(shared.root, viteRoot)) return { ...extra, server: watch };
      // Sources outside Vite's root (a fizz project shared with other apps) must be servable.
      const allow = config.server?.fs?.allow ? [shared.root] : [searchForWorkspaceRoot(viteRoot), shared.root];
      return { ...extra, server: { ...watch, fs: { allow } } };
    },

    configResolved(config) {
      isBuild = config.command === "build";
      unsubscribe?.();
      unsubscribe = shared.onBuild((result, kind) => {
        if (kind === "initial") return;
        for (const files of pending.values()) for (const f of result.affectedFiles) files.add(f);
      });
    },

    configureServer(server) {
      for (const name of Object.keys(server.environments)) pending.set(name, new Set());
      // New source files, schema and config edits must reach hotUpdate even when they live
      // outside Vite's root or are imported by no module.
      const { configFile, schemaFiles, sourceDirs } = shared.targets;
      server.watcher.add([configFile, ...schemaFiles, ...sourceDirs].filter((f) => f != null));
    },

    async buildStart() {
      failed.clear();
      await shared.build();
      // Schema and config problems belong to no module: fail the build here.
      const global = shared.errors().filter((d) => !isSourceFile(d.file));
      if (global.length && isBuild) this.error(rollupError(global, shared.root));
      for (const d of global) this.warn(formatDiagnostic(d));
    },

    transform: {
      // Module ids the transform looks at; the session then checks them against include/exclude.
      filter: { id: SOURCE_MODULE_ID },
      async handler(code, id) {
        const file = id.split("?")[0];
        // Vite before 6.3 runs the handler without looking at the filter.
        if (!SOURCE_MODULE_ID.test(id)) return null;
        if (id.startsWith("\0") || !isInside(file, shared.root) || !shared.session.tracks(file)) return null;
        await shared.idle();
        const errors = shared.blockingErrors(file);
        // Reported on the file each error is in (a broken fragment is not this module's
        // error), all of them in the message.
        if (errors.length && isBuild) {
          for (const d of errors) failed.add(d);
          // Left as written: the build fails at buildEnd and writes no bundle. (A stub
          // without the module's exports would fail Rollup's linking first, on its own error.)
          return null;
        }
        if (errors.length) this.error(rollupError(errors, shared.root));
        const out = shared.session.transform(file, code);
        return out && { code: out.code, map: out.map };
      },
    },

    async hotUpdate({ type, file, timestamp, modules }) {
      if (!shared.session.tracks(file)) return;
      const key = `${type}\0${file}\0${timestamp}`;
      if (!updates.has(key)) {
        updates.set(key, shared.update(changeSetFor(type, file)));
        setTimeout(() => updates.delete(key), 60_000).unref();
      }
      await updates.get(key);
      const env = this.environment;
      const changed = pending.get(env.name) ?? new Set();
      const errors = shared.errors().filter((d) => changed.has(d.file) || d.file === shared.relative(file) || !isSourceFile(d.file));
      if (errors.length) {
        // Keep the running modules and show the overlay; the update after the fix reloads.
        // The same error object as a cold load's, so the overlay reads the same either way.
        if (env.name === "client") {
          const { pluginCode, ...err } = rollupError(errors, shared.root);
          env.hot.send({ type: "error", err });
        }
        return [];
      }
      const reload = new Set(modules);
      for (const f of changed) for (const m of env.moduleGraph.getModulesByFile(shared.absolute(f)) ?? []) reload.add(m);
      changed.clear();
      return [...reload];
    },

    buildEnd() {
      if (failed.size) this.error(rollupError(sortDiagnostics([...failed]), shared.root));
      // Builds leave their type files to the session's writer thread: on disk when the build ends.
      for (const warning of shared.session.waitForWrites()) this.warn(`${warning.code}: ${warning.message}`);
      if (options.persist) for (const warning of shared.session.persist()) this.warn(`${warning.code}: ${warning.message}`);
    },

    closeBundle() {
      // The session outlives this server (others may share it); this plugin's listener not.
      if (!isBuild) unsubscribe?.();
    },
  };
}

/**
 * Diagnostics in file, line, column order (the order transforms ran in is not stable).
 * @param {import("../index.js").Diagnostic[]} list
 */
function sortDiagnostics(list) {
  return list.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

/**
 * @param {"create" | "update" | "delete"} type
 * @param {string} file
 * @returns {import("../index.js").ChangeSet}
 */
function changeSetFor(type, file) {
  if (type === "create") return { added: [file] };
  if (type === "delete") return { removed: [file] };
  return { updated: [file] };
}

/**
 * @param {string} file
 * @param {string} dir
 */
function isInside(file, dir) {
  return isAbsolute(file) && (file === dir || file.startsWith(dir.endsWith("/") ? dir : `${dir}/`));
}

export { fizz };
