// `--write-delta DIR`: what one build added, updated and removed, as JSON files a
// deployment step (a persisted-operation upload, a CDN purge) can act on without diffing
// artifacts itself.
//
//   DIR/added.json     { [canonicalId]: element }   elements new in this build
//   DIR/updated.json   { [canonicalId]: element }   elements whose content changed (new version)
//   DIR/removed.json   [canonicalId, …]             elements gone
//   DIR/delta.json     { version, generation, added: [ids], updated: [ids], removed: [ids] }
//
// Every file is written whole (temporary file, then rename); `delta.json` is written last,
// so a reader that sees a new `delta.json` sees the matching element files.
import { mkdirSync } from "node:fs";
import { join } from "node:path";

import { writeAtomically } from "./files.mjs";

/** Format version of `delta.json`. */
export const DELTA_VERSION = 1;

/**
 * Writes the delta of one build into `dir` (created when missing).
 * @param {string} dir
 * @param {{ generation: number, delta: import("../../index.js").Delta, elements: Record<string, object> }} build
 */
export function writeDelta(dir, { generation, delta, elements }) {
  mkdirSync(dir, { recursive: true });
  const pick = (/** @type {string[]} */ ids) => Object.fromEntries(ids.map((id) => [id, elements[id]]));
  const json = (/** @type {unknown} */ value) => JSON.stringify(value, null, 2) + "\n";
  writeAtomically(join(dir, "added.json"), json(pick(delta.added)));
  writeAtomically(join(dir, "updated.json"), json(pick(delta.updated)));
  writeAtomically(join(dir, "removed.json"), json(delta.removed));
  const summary = { version: DELTA_VERSION, generation, added: delta.added, updated: delta.updated, removed: delta.removed };
  writeAtomically(join(dir, "delta.json"), json(summary));
}
