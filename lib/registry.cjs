// One builder session per config root per process, shared by every plugin instance: the
// Vite client and SSR environments, several webpack compilers, Babel running per file and
// the runtime all read the same graph, so they can never disagree and the project is
// built once. CommonJS because Babel plugins and webpack loaders are loaded with require();
// the ESM Vite plugin imports this same file, so there is one module instance. The map also
// lives on globalThis in case a bundler inlines a second copy of this file.
"use strict";

const { dirname, isAbsolute, resolve } = require("node:path");

const { BuilderSession } = require("../index.js");
const { CONFIG_FILE_NAMES, findConfig, fileOfCanonicalId, isNativeConfig } = require("./project-files.cjs");

/** @typedef {import("../index.js").BuildResult} BuildResult */
/**
 * What a build reports: a `BuildResult` (initial and asynchronous builds) or, on the
 * synchronous update path, a plain `BuildReport` (the same fields, without the artifact).
 * @typedef {BuildResult | import("../index.js").BuildReport} Report
 */
/** @typedef {import("../index.js").ChangeSet} ChangeSet */
/** @typedef {import("../index.js").Diagnostic} Diagnostic */
/** @typedef {import("../index.js").SessionOptions} SessionOptions */

/** @type {Map<string, SharedSession>} */
const SESSIONS = (/** @type {any} */ (globalThis)[Symbol.for("fizz-gql.sessions")] ??= new Map());

/**
 * Where a plugin's config comes from: a config file, a folder holding one, or an inline
 * config with its root. Relative paths are resolved against `base`. soda-gql's plugin
 * options are accepted too: `configPath` (a `soda-gql.config.ts` is read statically),
 * `debug` (no effect: fizz-gql reports through diagnostics) and, for webpack,
 * `transformer` (ignored: fizz-gql always transforms natively; the plugin says so once).
 * @typedef {{ configPath?: string, root?: string, config?: object, persist?: boolean, debug?: boolean, transformer?: string }} FizzOptions
 */

/**
 * Turns plugin options into `BuilderSession` options and the registry key (the root plus
 * the config's identity: the same root with two inline configs gets two sessions).
 * @param {FizzOptions} options
 * @param {string} base folder that relative paths in `options` are relative to
 * @returns {{ key: string, sessionOptions: SessionOptions }}
 */
function sessionOptionsFor(options = {}, base = process.cwd()) {
  const at = (/** @type {string} */ p) => (isAbsolute(p) ? p : resolve(base, p));
  const persist = options.persist ?? false;
  if (options.config) {
    const root = at(options.root ?? ".");
    return { key: `${root}\0${JSON.stringify(options.config)}`, sessionOptions: { root, config: options.config, persist } };
  }
  const configPath = options.configPath ? at(options.configPath) : findConfig(at(options.root ?? "."));
  if (!configPath) throw new Error(`fizz-gql: no ${CONFIG_FILE_NAMES.join(" / ")} in ${at(options.root ?? ".")}`);
  const root = options.root ? at(options.root) : dirname(configPath);
  if (isNativeConfig(configPath)) return { key: `${root}\0${configPath}`, sessionOptions: { root, configPath, persist } };
  // `.mjs`/`.js` configs: require(esm) (Node ≥ 20.19) keeps this synchronous for Babel.
  const loaded = require(configPath);
  const config = loaded?.default ?? loaded;
  return { key: `${root}\0${configPath}`, sessionOptions: { root, config, persist } };
}

/**
 * A session shared by every plugin of one config root. Builds happen once; updates are
 * queued and run one at a time, and each finished build is announced to listeners (the
 * Vite plugin collects `affectedFiles` per environment this way).
 */
class SharedSession {
  /** @param {SessionOptions} sessionOptions options for the native `BuilderSession` */
  constructor(sessionOptions) {
    /** The native session. */
    this.session = new BuilderSession(sessionOptions);
    /** Absolute config root, config file, schema files and source folders. */
    this.targets = this.session.watchTargets();
    /** The root every path of the API is relative to. */
    this.root = this.targets.root;
    /**
     * The last build's report (undefined before the first build).
     * @type {Report | undefined}
     */
    this.last = undefined;
    /** Whether a webpack plugin feeds change sets (loaders then trust the session). */
    this.watched = false;
    this.#tail = Promise.resolve();
  }

  /** @type {Promise<BuildResult> | undefined} */
  #building = undefined;
  /** @type {Promise<unknown>} */
  #tail;
  /** @type {Set<(result: Report, kind: string) => void>} */
  #listeners = new Set();
  /** @type {{ result: Report | undefined, list: Diagnostic[] } | undefined} */
  #diagnostics = undefined;
  #swept = 0;

  /**
   * Builds once (off the JS thread); later calls return the same promise.
   * @returns {Promise<Report>}
   */
  build() {
    if (this.last) return Promise.resolve(this.last);
    this.#building ??= this.session.buildInitialAsync().then((result) => this.#finish(result, "initial"));
    return this.#building;
  }

  /**
   * Builds synchronously unless already built: for hosts that cannot wait (Babel, the
   * runtime). A build already running off-thread is not awaited; the native session
   * serialises the two and the second one is an unchanged rebuild.
   * @returns {Report}
   */
  buildSync() {
    return this.last ?? this.#finish(this.session.buildInitial(), "initial");
  }

  /**
   * Queues a change set (none: sweep every file by stat); builds run one after another,
   * each after the initial build.
   * @param {ChangeSet} [changeSet]
   * @returns {Promise<BuildResult>}
   */
  update(changeSet) {
    const run = this.#tail.then(async () => {
      await this.build();
      return this.#finish(await this.session.updateAsync(changeSet));
    });
    this.#tail = run.catch(() => {});
    return run;
  }

  /**
   * The synchronous form of `update` (Babel, the runtime, Metro). It returns a plain report:
   * a synchronous host may update thousands of times before its event loop turns, and Node
   * frees a wrapped `BuildResult` only then, so the loop's native memory would pile up.
   * @param {ChangeSet} [changeSet]
   * @returns {Report}
   */
  updateSync(changeSet) {
    this.buildSync();
    return this.#finish(this.session.updateReport(changeSet));
  }

  /**
   * Brings the session up to date for hosts without a watcher (Babel, the runtime): the
   * file itself is checked on every call (read and hashed; nothing else happens when it is
   * unchanged) and the whole project is swept by stat at most once per `sweepMs`, so an
   * edit to a fragment in another file is seen too. Sessions fed by a webpack plugin skip it.
   * @param {string} file absolute path
   * @param {number} [sweepMs]
   */
  refreshSync(file, sweepMs = 1000) {
    if (!this.last) {
      this.buildSync();
      this.#swept = Date.now();
    } else if (this.watched) {
      return;
    } else if (Date.now() - this.#swept > sweepMs) {
      this.#swept = Date.now();
      this.updateSync();
    } else {
      this.updateSync({ updated: [file] });
    }
  }

  /** Resolves when every queued build has finished: transforms wait for it. */
  async idle() {
    await this.build();
    await this.#tail;
  }

  /**
   * Calls `listener(result, kind)` after every build (`kind`: "initial" or "update");
   * returns the function that unsubscribes.
   * @param {(result: Report, kind: string) => void} listener
   * @returns {() => boolean}
   */
  onBuild(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Error diagnostics of the current state, optionally only those of one file.
   * @param {string} [file] absolute or root-relative
   * @returns {Diagnostic[]}
   */
  errors(file) {
    const relative = file === undefined ? undefined : this.relative(file);
    // The last result's diagnostics are the artifact's (the files as they are now) plus
    // this build's transient warnings; read once per result, not once per module.
    // (Before the first build there is no result, and no diagnostic.)
    if (!this.#diagnostics || this.#diagnostics.result !== this.last) {
      this.#diagnostics = { result: this.last, list: this.last?.diagnostics ?? [] };
    }
    return this.#diagnostics.list.filter((d) => d.severity === "error" && (relative === undefined || d.file === relative));
  }

  /**
   * What stops a file from being fully transformed: its own error diagnostics, and for each
   * of its definitions that is not built, the errors of the files it depends on (a
   * definition that spreads a broken fragment has no diagnostic of its own). Its calls would
   * otherwise stay as written and pull the runtime into a bundle.
   * @param {string} file absolute or root-relative
   * @returns {Diagnostic[]}
   */
  blockingErrors(file) {
    // No error anywhere (the usual state): nothing to look up. `explain` costs about 1 ms
    // at 10k, once per module transform, so a hub edit's 97 modules paid ~80 ms for it.
    if (this.errors().length === 0) return [];
    const own = this.errors(file);
    const files = this.filesReachedBy(this.relative(file), (definition) => !definition.built);
    const others = this.errors().filter((d) => files.has(d.file) && !own.includes(d));
    return [...own, ...others];
  }

  /**
   * Other files this file's definitions depend on: the files holding the fragments they
   * reach and the files their lookups read (barrels). What a bundler must rebuild the file
   * for, besides its own edits.
   * @param {string} file absolute or root-relative
   * @returns {string[]} absolute paths
   */
  dependencyFiles(file) {
    const relative = this.relative(file);
    const files = this.filesReachedBy(relative, () => true);
    files.delete(relative);
    return [...files].map((f) => this.absolute(f));
  }

  /**
   * The root-relative files that the chosen definitions of a file reach: those holding the
   * fragments they spread, transitively, and those their lookups read.
   * @param {string} relative root-relative file
   * @param {(definition: import("../index.js").DefinitionExplanation) => boolean} chosen
   * @returns {Set<string>}
   */
  filesReachedBy(relative, chosen) {
    const files = new Set();
    for (const definition of this.session.explain(relative).definitions) {
      if (!chosen(definition)) continue;
      for (const id of definition.transitiveDependencies) files.add(fileOfCanonicalId(id));
      for (const read of definition.readsFiles) files.add(read);
    }
    return files;
  }

  /**
   * Brings the session up to date for one file without a stat sweep (hosts without a
   * watcher that transform one file at a time, such as Metro's workers): the file, then the
   * files it depends on, until that set stops growing. Each is read and hashed; unchanged
   * ones cost nothing more.
   * @param {string} file absolute path
   */
  refreshClosure(file) {
    if (!this.last) {
      this.buildSync();
      return;
    }
    const seen = new Set();
    for (let next = [file]; next.length; next = this.dependencyFiles(file).filter((f) => !seen.has(f))) {
      for (const f of next) seen.add(f);
      this.updateSync({ updated: next });
    }
  }

  /**
   * A path relative to the root, with `/` separators (absolute outside the root).
   * @param {string} file absolute or root-relative
   * @returns {string}
   */
  relative(file) {
    const absolute = isAbsolute(file) ? file : resolve(this.root, file);
    return absolute.startsWith(this.root + "/") ? absolute.slice(this.root.length + 1).replaceAll("\\", "/") : absolute;
  }

  /**
   * An absolute path for a root-relative one.
   * @param {string} file
   * @returns {string}
   */
  absolute(file) {
    return resolve(this.root, file);
  }

  /**
   * @template {Report} R
   * @param {R} result
   * @param {string} [kind]
   * @returns {R}
   */
  #finish(result, kind = "update") {
    this.last = result;
    for (const listener of this.#listeners) listener(result, kind);
    return result;
  }
}

/**
 * The shared session for these options, created on first use (not yet built).
 * @param {FizzOptions} [options]
 * @param {string} [base] folder relative paths in `options` are resolved against
 * @returns {SharedSession}
 */
function acquire(options, base) {
  const { key, sessionOptions } = sessionOptionsFor(options, base);
  let shared = SESSIONS.get(key);
  if (!shared) {
    shared = new SharedSession(sessionOptions);
    SESSIONS.set(key, shared);
  }
  return shared;
}

/** @type {Map<string, string | null>} */
const nearest = new Map();

/**
 * The shared session for a source file: from explicit options when they name a config or
 * root, else from `FIZZ_CONFIG` (a config file path), else from the nearest config file
 * above the file (Babel and the runtime, which see one file at a time).
 * @param {string} file absolute path of the file being transformed or run
 * @param {FizzOptions} [options]
 * @param {string} [base] folder relative paths in `options` are resolved against
 * @returns {SharedSession | undefined} undefined when no config is found
 */
function acquireForFile(file, options = {}, base = process.cwd()) {
  if (options.configPath || options.root || options.config) return acquire(options, base);
  if (process.env.FIZZ_CONFIG) return acquire({ ...options, configPath: process.env.FIZZ_CONFIG }, base);
  const dir = dirname(file);
  if (!nearest.has(dir)) nearest.set(dir, findConfig(dir, true) ?? null);
  const configPath = nearest.get(dir);
  return configPath ? acquire({ ...options, configPath }, base) : undefined;
}

/**
 * Disposes every shared session (tests, and servers that shut down for good).
 * @param {SharedSession} [only] dispose just this one
 */
function release(only) {
  for (const [key, shared] of SESSIONS) {
    if (only && shared !== only) continue;
    SESSIONS.delete(key);
    shared.session.dispose();
  }
}

module.exports = { acquire, acquireForFile, release, findConfig, sessionOptionsFor, SharedSession, CONFIG_FILE_NAMES };
