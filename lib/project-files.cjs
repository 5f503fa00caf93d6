// Which files of a project fizz-gql cares about by name, for every JS entry point (CLI,
// config loader, plugins, runtime): the config file names looked up in a folder, and which
// paths are JS/TS source files. CommonJS so that require() (Babel, webpack) and import
// (Vite, CLI) share one module. The native core keeps the same config list
// (`configFileNames()` of the addon; a test checks that the two agree).
"use strict";

const { existsSync } = require("node:fs");
const { basename, dirname, resolve, sep } = require("node:path");

/**
 * soda-gql's config file names: read statically by the native core (no evaluation), so an
 * app switching from soda-gql keeps its `soda-gql.config.ts`.
 * @type {readonly string[]}
 */
const SODA_CONFIG_FILE_NAMES = Object.freeze([
  "soda-gql.config.ts",
  "soda-gql.config.mts",
  "soda-gql.config.js",
  "soda-gql.config.mjs",
]);

/**
 * Config file names looked up in a folder when no config path is given, in order.
 * @type {readonly string[]}
 */
const CONFIG_FILE_NAMES = Object.freeze(["fizz.config.json", "fizz.config.mjs", "fizz.config.js", ...SODA_CONFIG_FILE_NAMES]);

/**
 * Whether the native core reads the config file itself (JSON, or a soda-gql config read
 * statically), rather than the JS entry points evaluating it (`fizz.config.{mjs,js}`).
 * @param {string} path
 * @returns {boolean}
 */
function isNativeConfig(path) {
  return path.endsWith(".json") || SODA_CONFIG_FILE_NAMES.includes(basename(path));
}

/**
 * Extensions (without the dot) of the source files the builder parses.
 * @type {readonly string[]}
 */
const SOURCE_EXTENSIONS = Object.freeze(["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"]);

const SOURCE_SUFFIX = `\\.(?:${SOURCE_EXTENSIONS.join("|")})`;

/** A source file's path. */
const SOURCE_FILE = new RegExp(`${SOURCE_SUFFIX}$`);

/**
 * A bundler module id of a source file: its path, optionally followed by a `?query`
 * (Vite's transform filter).
 */
const SOURCE_MODULE_ID = new RegExp(`${SOURCE_SUFFIX}(?:$|\\?)`);

/**
 * Whether `path` names a JS/TS source file by its extension (a diagnostic about any other
 * file is about the schema or the config, and belongs to no module).
 * @param {string} path
 * @returns {boolean}
 */
function isSourceFile(path) {
  return SOURCE_FILE.test(path);
}

/**
 * Finds the config file in `dir` or, with `walkUp`, the nearest one above it. Walking up
 * never looks inside `node_modules` (as Babel, which ignores config files there): for a
 * dependency's file the search starts at the folder that holds the outermost
 * `node_modules`, so a package cannot make the builder load (run) its own config.
 * @param {string} dir
 * @param {boolean} [walkUp]
 * @returns {string | undefined}
 */
function findConfig(dir, walkUp = false) {
  const start = walkUp ? outsideNodeModules(resolve(dir)) : resolve(dir);
  for (let at = start; ; at = dirname(at)) {
    const found = CONFIG_FILE_NAMES.map((name) => resolve(at, name)).find((p) => existsSync(p));
    if (found || !walkUp || dirname(at) === at) return found;
  }
}

/**
 * `dir`, or the folder above its outermost `node_modules` segment when it lies inside one.
 * @param {string} dir absolute
 * @returns {string}
 */
function outsideNodeModules(dir) {
  const parts = dir.split(sep);
  const at = parts.indexOf("node_modules");
  return at < 0 ? dir : parts.slice(0, at).join(sep) || sep;
}

/**
 * The root-relative file of a canonical ID (`<path>::<astPath>`, docs/reference/dsl.md §3);
 * the core's `CanonicalId` owns the format, this is its one reader in JS.
 * @param {string} id
 * @returns {string}
 */
function fileOfCanonicalId(id) {
  const at = id.indexOf("::");
  return at < 0 ? id : id.slice(0, at);
}

module.exports = {
  CONFIG_FILE_NAMES,
  SODA_CONFIG_FILE_NAMES,
  isNativeConfig,
  SOURCE_EXTENSIONS,
  SOURCE_MODULE_ID,
  isSourceFile,
  findConfig,
  fileOfCanonicalId,
};
