// The webpack 5 plugin: builds the shared session before the first compilation and, on
// each watch run, turns `compiler.modifiedFiles` / `removedFiles` into one change set, so
// the loader transforms against an up-to-date graph. It also makes webpack watch what no
// module imports: the config, the schemas and the source folders (new files).
"use strict";

const { existsSync, statSync } = require("node:fs");

const { acquire } = require("./registry.cjs");
const { webpackErrors } = require("./plugin-errors.cjs");
const { isSourceFile } = require("./project-files.cjs");

const NAME = "fizz-gql";

/** The fizz-gql webpack plugin; use it with its `loader` (`fizz-gql/webpack/loader`). */
class FizzWebpackPlugin {
  /**
   * @param {import("./registry.cjs").FizzOptions} [options] where the fizz config is
   *   (default: `fizz.config.json` in webpack's `context`); relative to `context`
   */
  constructor(options = {}) {
    this.options = options;
    if (options.transformer !== undefined) {
      // soda-gql's plugin chooses its transformer; fizz-gql has one (native), so the option is a no-op.
      console.warn(`${NAME}: the soda-gql option \`transformer: ${JSON.stringify(options.transformer)}\` is ignored (fizz-gql always transforms natively)`);
    }
  }

  /** @param {import("webpack").Compiler} compiler */
  apply(compiler) {
    const shared = acquire(this.options, compiler.context);
    shared.watched = true;
    compiler.hooks.beforeRun.tapPromise(NAME, async () => {
      await shared.build();
    });
    compiler.hooks.watchRun.tapPromise(NAME, async (watching) => {
      const changeSet = changeSetOf(watching, shared);
      // No change set: the first run builds; `null`: only a folder was reported, sweep.
      await (changeSet === undefined ? shared.build() : shared.update(changeSet ?? undefined));
    });
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.finishModules.tap(NAME, () => {
        const { configFile, schemaFiles, sourceDirs } = shared.targets;
        compilation.fileDependencies.addAll([configFile, ...schemaFiles].filter((f) => f != null));
        compilation.contextDependencies.addAll(sourceDirs);
        // Schema and config problems belong to no module: reported on their file here.
        const global = shared.errors().filter((d) => !isSourceFile(d.file));
        const { WebpackError } = compiler.webpack;
        compilation.errors.push(...webpackErrors(global, shared.root, WebpackError, { withFile: true }));
      });
    });
    // Builds leave their type files to the session's writer thread: on disk when webpack
    // has emitted (a type checker run after the compilation sees them).
    compiler.hooks.afterEmit.tap(NAME, () => {
      for (const warning of shared.session.waitForWrites()) compiler.getInfrastructureLogger(NAME).warn(`${warning.code}: ${warning.message}`);
    });
    if (this.options.persist) compiler.hooks.shutdown.tap(NAME, () => {
      for (const warning of shared.session.persist()) compiler.getInfrastructureLogger(NAME).warn(`${warning.code}: ${warning.message}`);
    });
  }
}

/**
 * The change set of one watch run, with only paths the session tracks; `undefined` on the
 * first run; `null` when a watched folder changed: webpack reports a file that was missing
 * and came back (or a new file) as its folder, so the session sweeps by stat.
 * @param {import("webpack").Compiler} compiler
 * @param {import("./registry.cjs").SharedSession} shared
 * @returns {{ updated: string[], removed: string[] } | null | undefined}
 */
function changeSetOf(compiler, shared) {
  const { modifiedFiles, removedFiles } = compiler;
  if (!modifiedFiles && !removedFiles) return undefined;
  /** @type {string[]} */
  const updated = [];
  /** @type {string[]} */
  const removed = [];
  for (const file of modifiedFiles ?? []) {
    if (shared.targets.sourceDirs.some((dir) => file === dir || isFolder(file))) return null;
    if (shared.session.tracks(file)) (existsSync(file) ? updated : removed).push(file);
  }
  for (const file of removedFiles ?? []) if (shared.session.tracks(file)) removed.push(file);
  return { updated, removed };
}

/** @param {string} path */
function isFolder(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Absolute path of the loader, for `module.rules[].use`. */
FizzWebpackPlugin.loader = require.resolve("./webpack-loader.cjs");

module.exports = FizzWebpackPlugin;
module.exports.FizzWebpackPlugin = FizzWebpackPlugin;
module.exports.default = FizzWebpackPlugin;
