// The case every bundler test checks: a GraphQL syntax error in a fragment file that an
// operation in another file spreads. The CLI says where it is; each bundler must name the
// same file, line and column (in its own column convention).
import { readFileSync } from "node:fs";

import { fizz } from "./cli.mjs";

/** The fragment file of examples/basic that user-page.ts, search.ts and others spread. */
export const FRAGMENT = "src/fragments/user.ts";

/**
 * Breaks the fragment in a scratch copy of examples/basic (`p` from scratchExamples) and
 * returns where the CLI reports the error: `{ file, line, column, code, text, absolute }`
 * (`text` is the CLI's `file:line:column`, 1-based).
 * @param {{ path: (...parts: string[]) => string, write: Function }} p
 * @param {string} [basic] the folder of the example inside the scratch copy
 */
export function breakFragment(p, basic = "basic") {
  rewrite(p, `${basic}/${FRAGMENT}`, /avatarUrl\(size: (\d+)\)/, "avatarUrl(size: $1");
  return cliError(p, basic);
}

/** Undoes `breakFragment`. */
export function fixFragment(p, basic = "basic") {
  rewrite(p, `${basic}/${FRAGMENT}`, /avatarUrl\(size: (\d+)\n/, "avatarUrl(size: $1)\n");
}

function rewrite(p, file, pattern, replacement) {
  const text = readFileSync(p.path(file), "utf8");
  if (!pattern.test(text)) throw new Error(`${file} does not match ${pattern}`);
  p.write(file, text.replace(pattern, replacement));
}

/** The first error the CLI reports for the scratch example. */
export function cliError(p, basic = "basic") {
  const { stderr } = fizz(["build", "--config", p.path(basic, "fizz.config.json")]);
  const found = /^(\S+):(\d+):(\d+) error (\w+)/m.exec(stderr);
  if (!found) throw new Error(`the CLI reported no error:\n${stderr}`);
  const [, file, line, column, code] = found;
  return { file, line: Number(line), column: Number(column), code, text: `${file}:${line}:${column}`, absolute: p.path(basic, file) };
}
