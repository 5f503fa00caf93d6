// The one place where a fizz diagnostic becomes what a bundler shows: the CLI's text
// (`file:line:column severity CODE: message`, related places, code frame) and each bundler's
// error object, with the location in that bundler's own convention. Diagnostics are 1-based
// (line and column, as the CLI and editors count); Rollup/Vite, webpack and Babel count
// columns from 0, so `loc.column` is `column - 1` and all of them point at the character the
// CLI names. Every error names the file the diagnostic is in, never the module that
// happened to import it. A module with several errors gets one error object (bundlers show
// one per module): the first error's location and frame, and every error in its message.
"use strict";

const { readFileSync } = require("node:fs");
const { resolve } = require("node:path");

/** @typedef {import("../index.js").Diagnostic} Diagnostic */

const PLUGIN = "fizz-gql";

/**
 * The CLI's text of one diagnostic: `file:line:column severity CODE: message`, its related
 * places, and its code frame (indented).
 * @param {Diagnostic} d
 * @returns {string}
 */
function formatDiagnostic(d) {
  const where = !d.file ? "fizz:" : d.line ? `${d.file}:${d.line}:${d.column}` : `${d.file}:`;
  const head = `${where} ${d.severity} ${d.code}: ${d.message}`;
  const related = (d.related ?? []).map((r) => `    ${r.file}:${r.line}:${r.column} ${r.message}`);
  return [head, ...related, d.frame ? indent(d.frame) : ""].filter(Boolean).join("\n");
}

/** @param {string} text */
function indent(text) {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}

/**
 * The message of one error standing for `diagnostics` (at least one): the first in full
 * but without its frame when `frameApart` (the bundler prints `frame` itself), then
 * "and N more" with each of the others in full.
 * @param {Diagnostic[]} diagnostics
 * @param {{ frameApart?: boolean, prefix?: string }} [options]
 * @returns {string}
 */
function messageOf(diagnostics, { frameApart = false, prefix = "" } = {}) {
  const [first, ...rest] = diagnostics;
  const head = frameApart ? formatDiagnostic({ ...first, frame: "" }) : formatDiagnostic(first);
  const more = rest.length ? `\n\n…and ${rest.length} more:\n\n${rest.map(formatDiagnostic).join("\n\n")}` : "";
  return `${prefix}${head}${more}`;
}

/**
 * Where a diagnostic is, in the 0-based-column convention of Rollup, Vite, webpack and Babel.
 * @param {Diagnostic} d
 * @param {string} root the session root (diagnostic files are relative to it)
 * @returns {{ file: string, line: number, column: number, endLine: number, endColumn: number }}
 */
function zeroBased(d, root) {
  return {
    file: resolve(root, d.file),
    line: d.line,
    column: Math.max(0, d.column - 1),
    endLine: d.endLine || d.line,
    endColumn: Math.max(0, (d.endColumn || d.column) - 1),
  };
}

/**
 * A Rollup/Vite plugin error for `this.error(…)`: `id` and `loc.file` are the diagnostic's
 * file (so Vite prints and links that file, not the module being transformed), `loc.column`
 * 0-based. `pluginCode` is that file's text: Vite's dev server then takes `loc` as given
 * instead of mapping it through the transformed module's source map.
 * @param {Diagnostic[]} diagnostics at least one
 * @param {string} root
 * @returns {{ message: string, id: string, loc: { file: string, line: number, column: number }, frame: string, plugin: string, code: string, pluginCode: string, stack: string }}
 */
function rollupError(diagnostics, root) {
  const first = diagnostics[0];
  const { file, line, column } = zeroBased(first, root);
  return {
    message: messageOf(diagnostics, { frameApart: true }),
    id: file,
    loc: { file, line, column },
    frame: first.frame,
    plugin: PLUGIN,
    code: first.code,
    pluginCode: readOr(file, ""),
    stack: "",
  };
}

/**
 * Diagnostics as webpack errors, one per diagnostic: `loc` is webpack's
 * `{ start: { line, column }, end }` (line 1-based, column 0-based, as webpack's own parser
 * errors), so the stats print `ERROR in ./src/a.ts 10:4`. The caller attaches them to the
 * module of their file (`module.addError`); a diagnostic about a file that is not a module
 * (a schema) gets `file`, which the stats print instead.
 * @param {Diagnostic[]} diagnostics
 * @param {string} root
 * @param {typeof import("webpack").WebpackError} WebpackError the compiler's own class
 * @param {{ withFile?: boolean }} [options]
 * @returns {import("webpack").WebpackError[]}
 */
function webpackErrors(diagnostics, root, WebpackError, { withFile = false } = {}) {
  return diagnostics.map((d) => {
    const error = new WebpackError(`[${PLUGIN}] ${formatDiagnostic(d)}`);
    error.name = "FizzDiagnostic";
    error.hideStack = true;
    if (d.line) {
      const at = zeroBased(d, root);
      error.loc = { start: { line: at.line, column: at.column }, end: { line: at.endLine, column: at.endColumn } };
    }
    if (withFile) error.file = resolve(root, d.file);
    return error;
  });
}

/**
 * A diagnostic as rspack's loader diagnostic (`this.experiments.emitDiagnostic`): rspack
 * draws the code frame from `sourceCode` and `location`, whose column is 0-based and counted
 * in UTF-8 bytes (the diagnostic's is 1-based, in UTF-16 code units), like its length.
 * @param {Diagnostic} d a diagnostic of the module's own file (its name is the module's)
 * @param {string} sourceCode the text of the diagnostic's file
 * @returns {{ message: string, sourceCode: string, location?: { line: number, column: number, length: number }, severity: "error" }}
 */
function rspackDiagnostic(d, sourceCode) {
  const message = `[${PLUGIN}] ${formatDiagnostic({ ...d, frame: "" })}`;
  const lineText = sourceCode.split("\n")[d.line - 1];
  if (!d.line || lineText === undefined) return { message, sourceCode, severity: "error" };
  const bytes = (/** @type {number} */ units) => Buffer.byteLength(lineText.slice(0, units));
  const start = bytes(d.column - 1);
  const end = d.endLine === d.line && d.endColumn > d.column ? bytes(d.endColumn - 1) : start + 1;
  return { message, sourceCode, location: { line: d.line, column: start, length: end - start }, severity: "error" };
}

/**
 * A plain Error for hosts without a location convention of their own (a webpack loader
 * without the compiler's error class, Metro): the full text of every diagnostic, and the
 * first one's `loc` (0-based column) and `frame`.
 * @param {Diagnostic[]} diagnostics at least one
 * @param {string} root
 * @param {string} [prefix] before the first diagnostic's text
 * @returns {Error & { loc: { file: string, line: number, column: number }, frame: string, code: string, plugin: string, fileName: string, lineNumber: number, column: number }}
 */
function plainError(diagnostics, root, prefix = "") {
  const first = diagnostics[0];
  const { file, line, column } = zeroBased(first, root);
  const error = new Error(messageOf(diagnostics, { prefix: `[${PLUGIN}] ${prefix}` }));
  // The message holds everything; a stack of this module's frames would only hide it.
  error.stack = error.message;
  return Object.assign(error, {
    loc: { file, line, column },
    frame: first.frame,
    code: first.code,
    plugin: PLUGIN,
    // Metro's and React Native's error reporters read these.
    fileName: file,
    lineNumber: line,
    column,
  });
}

/**
 * A Babel plugin error. A diagnostic in the file Babel is transforming is thrown at its
 * position (`loc`, 0-based column) with Babel's own code frame (`buildCodeFrameError`); a
 * root cause in another file (a broken fragment the file spreads) is named in the message,
 * with its location and frame, and the error has no `loc`.
 * @param {Diagnostic[]} diagnostics at least one
 * @param {string} root
 * @param {string} relativeFile the transformed file, root-relative
 * @param {(message: string, loc: { line: number, column: number }) => Error} [atPosition]
 *   builds Babel's error at a position of the transformed file
 * @returns {Error}
 */
function babelError(diagnostics, root, relativeFile, atPosition) {
  const first = diagnostics[0];
  if (first.file === relativeFile && first.line && atPosition) {
    const { line, column } = zeroBased(first, root);
    const error = atPosition(`[${PLUGIN}] ${messageOf(diagnostics, { frameApart: true })}`, { line, column });
    return Object.assign(error, { code: first.code, plugin: PLUGIN });
  }
  if (first.file === relativeFile) return plainError(diagnostics, root);
  // Babel's `loc` (and Metro's `lineNumber`/`column`, read from it) is a position in the
  // file being transformed: a root cause in another file is named by the message alone.
  const error = Object.assign(new Error(dependencyMessage(diagnostics, relativeFile)), { code: first.code, plugin: PLUGIN });
  error.stack = error.message;
  return error;
}

/**
 * The code a module that did not build is replaced with: its definition calls and the
 * composer import must not reach a bundle (they would pull the Node-only runtime in), and
 * the build has failed already, so the module only says so if it is ever run.
 * @param {string} relativeFile
 * @returns {string}
 */
function failedModuleCode(relativeFile) {
  return `throw new Error(${JSON.stringify(`fizz-gql: ${relativeFile} did not build (see the build errors)`)});\n`;
}

/**
 * The message of the error of a module whose own code is fine but whose definitions use
 * broken ones in other files: it names each root cause in full.
 * @param {Diagnostic[]} causes
 * @param {string} relativeFile
 */
function dependencyMessage(causes, relativeFile) {
  const noun = causes.length === 1 ? "a definition with an error" : "definitions with errors";
  return `[${PLUGIN}] ${relativeFile} is not transformed: it uses ${noun}:\n\n${causes.map(formatDiagnostic).join("\n\n")}`;
}

/**
 * @param {string} file
 * @param {string} fallback
 */
function readOr(file, fallback) {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return fallback;
  }
}

module.exports = {
  formatDiagnostic,
  messageOf,
  zeroBased,
  rollupError,
  webpackErrors,
  rspackDiagnostic,
  plainError,
  babelError,
  failedModuleCode,
  dependencyMessage,
};
