#!/usr/bin/env node
// The `fizz` command line: parses arguments, runs the command, maps failures to exit codes
// (0 built, 1 error diagnostics, 2 bad usage or config, or no native addon for this platform;
// 3 an internal error, a bug: never 1, which scripts read as "the sources have errors").
import { createRequire } from "node:module";

import { parseArgs, USAGE, UsageError } from "../lib/cli/args.mjs";
import { buildCommand } from "../lib/cli/build.mjs";
import { explainCommand } from "../lib/cli/explain.mjs";
import { graphCommand } from "../lib/cli/graph.mjs";
import { typesCommand } from "../lib/cli/types.mjs";
import { ConfigLoadError } from "../lib/load-config.mjs";

const require = createRequire(import.meta.url);
/** Exit code of a bug in fizz itself. */
const INTERNAL_ERROR = 3;
/** @type {import("../lib/cli/args.mjs").Io} */
const io = { out: (s) => console.log(s), err: (s) => console.error(s), stderr: process.stderr };
/** @type {Record<string, import("../lib/cli/args.mjs").Command>} */
const COMMANDS = { build: buildCommand, types: typesCommand, graph: graphCommand, explain: explainCommand };

/** @param {string[]} argv */
async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`fizz: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.command === "help") {
    io.out(USAGE);
    return 0;
  }
  let addon;
  try {
    addon = require("../index.js");
  } catch (/** @type {any} */ error) {
    // A missing or mismatched platform package: its message says what to run.
    if (error?.code !== "FIZZ_NATIVE_BINDING") throw error;
    io.err(`fizz: ${error.message}`);
    return 2;
  }
  try {
    return await COMMANDS[parsed.command](addon, parsed.flags, io, parsed.positionals);
  } catch (/** @type {any} */ error) {
    // Config problems are thrown by the loader or the addon (napi status InvalidArg).
    if (error instanceof UsageError || error instanceof ConfigLoadError || error?.code === "InvalidArg") {
      io.err(`fizz: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    io.err(`fizz: internal error (please report it): ${error?.stack ?? error}`);
    process.exit(INTERNAL_ERROR);
  },
);
