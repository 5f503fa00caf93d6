// Diagnostics as the errors bundlers show: a message that names the file, line and column,
// the code frame, and the `id`/`loc`/`frame` fields Rollup, Vite's overlay and webpack read.
"use strict";

const { resolve } = require("node:path");

/**
 * One diagnostic as text: `file:line:column CODE message` and its code frame.
 * @param {import("../index.js").Diagnostic} d
 * @returns {string}
 */
function formatDiagnostic(d) {
  const head = `${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`;
  return d.frame ? `${head}\n${d.frame}` : head;
}

/**
 * A diagnostic as an Error with the fields bundlers read: `id` (absolute file), `loc`
 * ({ file, line, column }, column 0-based as Rollup counts), `frame` and `plugin`.
 * @param {import("../index.js").Diagnostic} d
 * @param {string} root the session's root, to make the file absolute
 * @returns {Error & { id: string, loc: { file: string, line: number, column: number }, frame: string, plugin: string, code: string }}
 */
function diagnosticError(d, root) {
  const file = resolve(root, d.file);
  const error = new Error(`[fizz-gql] ${formatDiagnostic(d)}`);
  // The frame is in the message already; bundlers that print `frame` too would show it twice.
  error.stack = "";
  return Object.assign(error, {
    id: file,
    loc: { file, line: d.line, column: Math.max(0, d.column - 1) },
    frame: d.frame,
    plugin: "fizz-gql",
    code: d.code,
  });
}

module.exports = { formatDiagnostic, diagnosticError };
