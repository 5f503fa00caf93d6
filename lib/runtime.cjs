// The `gql` composer for code that is not transformed (unit tests under plain Node, scripts).
// It does not compose anything itself: each `gql.<label>(factory)` call finds its own call
// site in the stack, asks the shared session (the same native builder the plugins use) for
// the definition whose call span holds that position, and returns that element's object —
// so the runtime and the transform can never disagree. Only `options` comes from the call
// itself, as passed at run time.
//
// Config root: `FIZZ_CONFIG` (a config file path) when set, else the nearest
// `fizz.config.{json,mjs,js}` above the calling file.
"use strict";

const { readFileSync, statSync } = require("node:fs");
const { fileURLToPath } = require("node:url");

const { acquireForFile } = require("./registry.cjs");
const { formatDiagnostic } = require("./plugin-errors.cjs");
const { withElementSurface } = require("./element-surface.cjs");

/** @typedef {import("./registry.cjs").SharedSession} SharedSession */
/** @typedef {{ file: string, line: number, column: number }} CallSite */
/** @typedef {{ name: string | undefined, options: unknown, metadata?: unknown }} Recorded what a factory passed */

/**
 * Per file: its text's line starts (UTF-16 offsets), keyed by mtime.
 * @type {Map<string, { mtime: number, starts: number[] }>}
 */
const texts = new Map();

/**
 * Where the caller of the composer is: the first stack frame outside this file. Parsing
 * the `stack` string (not `prepareStackTrace`) keeps Node's source-map support, so code
 * compiled from TypeScript reports positions in the original file.
 * @returns {CallSite}
 */
function callSite() {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = limit;
  for (const frame of stack.split("\n").slice(1)) {
    const match = /\(?((?:file:\/\/)?\/[^()]*?|[A-Za-z]:\\[^()]*?):(\d+):(\d+)\)?\s*$/.exec(frame);
    if (!match) continue;
    const file = match[1].startsWith("file://") ? fileURLToPath(match[1]) : match[1];
    if (file === __filename) continue;
    return { file, line: Number(match[2]), column: Number(match[3]) };
  }
  throw new Error("fizz-gql runtime: cannot find the calling file in the stack trace");
}

/**
 * 1-based line and column → UTF-16 offset in the file as it is on disk.
 * @param {string} file
 * @param {number} line
 * @param {number} column
 * @returns {number}
 */
function offsetOf(file, line, column) {
  const mtime = statSync(file).mtimeMs;
  let entry = texts.get(file);
  if (entry?.mtime !== mtime) {
    const text = readFileSync(file, "utf8");
    const starts = [0];
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    entry = { mtime, starts };
    texts.set(file, entry);
  }
  return (entry.starts[line - 1] ?? Infinity) + column - 1;
}

/**
 * Runs the definition's factory with a builder that only records what the call passes:
 * the name (to recognise the definition when positions are not exact, e.g. transpiled
 * code without source maps) and the OPTIONS argument. For the options-object path
 * (`query("X")({ fields, metadata })(…)`) the first call gets the options object instead
 * of template strings; its `metadata` is kept (nothing else in it is run).
 * @param {unknown} factory
 * @returns {Recorded}
 */
function record(factory) {
  /** @type {Recorded} */
  const seen = { name: undefined, options: undefined };
  const kind = () => (/** @type {unknown} */ strings, /** @type {unknown[]} */ ..._values) => (/** @type {unknown} */ options) => {
    seen.options = options;
    if (strings && typeof strings === "object" && !Array.isArray(strings) && "metadata" in strings) {
      seen.metadata = /** @type {{ metadata: unknown }} */ (strings).metadata;
    }
    return seen;
  };
  const builder = Object.fromEntries(
    ["query", "mutation", "subscription", "fragment"].map((k) => [k, (/** @type {string} */ name) => ((seen.name = name), kind())]),
  );
  if (typeof factory === "function") factory(builder);
  return seen;
}

/**
 * The canonical ID of the definition called at `site` (by span, else by name).
 * @param {SharedSession} shared
 * @param {CallSite} site
 * @param {Recorded} seen
 * @returns {string | undefined}
 */
function definitionAt(shared, site, seen) {
  const plan = shared.session.transformPlan(site.file);
  const replacements = plan?.replacements ?? [];
  const offset = offsetOf(site.file, site.line, site.column);
  const bySpan = replacements.find((r) => r.start <= offset && offset < r.end);
  if (bySpan) return bySpan.canonicalId;
  const byName = replacements.filter((r) => {
    const element = shared.session.elementObject(r.canonicalId);
    return element && (element.operationName ?? element.key) === seen.name;
  });
  return byName.length === 1 ? byName[0].canonicalId : undefined;
}

/**
 * The element object for one `gql.<label>(factory)` call made at run time.
 * @param {string} label the schema label (`gql.default` → "default")
 * @param {Function} factory the definition's factory, as written
 * @param {CallSite} site
 * @returns {object}
 */
function define(label, factory, site) {
  const shared = acquireForFile(site.file);
  const where = `${site.file}:${site.line}:${site.column}`;
  if (!shared) throw new Error(`fizz-gql runtime: no fizz.config.* above ${site.file} (or set FIZZ_CONFIG)`);
  if (!shared.session.tracks(site.file)) {
    throw new Error(`fizz-gql runtime: ${where} is not a source file of the build rooted at ${shared.root}`);
  }
  shared.refreshSync(site.file);
  const seen = record(factory);
  const id = definitionAt(shared, site, seen);
  const element = id && shared.session.elementObject(id);
  if (!element) {
    const errors = shared.errors(site.file).map(formatDiagnostic);
    const why = errors.length ? `:\n${errors.join("\n\n")}` : " (no built definition there)";
    throw new Error(`fizz-gql runtime: gql.${label}(…) at ${where} is not built${why}`);
  }
  const options =
    "metadata" in seen ? { .../** @type {object | undefined} */ (seen.options), metadata: seen.metadata } : seen.options;
  return withElementSurface({ ...element, options });
}

/**
 * The composer: `gql.<schemaLabel>(factory)` returns the finished element object, the
 * same the build-time transform writes in place of the call.
 * @type {Record<string, (factory: Function) => object>}
 */
const gql = new Proxy(
  {},
  {
    get(_, label) {
      if (typeof label !== "string" || label === "then") return undefined;
      return function composer(/** @type {Function} */ factory) {
        return define(label, factory, callSite());
      };
    },
  },
);

exports.gql = gql;
