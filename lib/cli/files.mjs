// Writing output files so that no reader (a dev server, a deploy step) sees half of one.
import { renameSync, writeFileSync } from "node:fs";

/**
 * Writes `text` to `path` through a temporary file in the same folder, then renames it.
 * @param {string} path
 * @param {string} text
 */
export function writeAtomically(path, text) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}
