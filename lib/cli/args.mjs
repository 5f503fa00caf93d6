// Command-line parsing for `fizz`: every command's flags and arguments are declared once;
// an unknown flag, a missing or unexpected value, or a missing argument is a usage error
// that names it (exit code 2).

/**
 * The flags of a parsed command line, without their `--`: a switch is `true` when given,
 * a flag with a value holds it. Which ones a command accepts is in `COMMANDS`.
 * @typedef {{
 *   config?: string, artifact?: string, print?: boolean, json?: boolean, incremental?: boolean,
 *   "write-delta"?: string, "graph-filter"?: string, watch?: boolean,
 *   filter?: string, format?: "text" | "dot",
 * }} Flags
 */

/**
 * Where a command prints: `out` for results, `err` for diagnostics and messages, `stderr`
 * for the progress line.
 * @typedef {{ out(text: string): void, err(text: string): void, stderr: import("./progress.mjs").ProgressStream }} Io
 */

/** @typedef {typeof import("../../index.js")} Addon the native addon */

/**
 * A command: runs with the parsed flags and positionals, resolves to the exit code.
 * @typedef {(addon: Addon, flags: Flags, io: Io, positionals: string[]) => Promise<number>} Command
 */

/** A usage error: the CLI prints it (with the usage text when parsing failed) and exits 2. */
export class UsageError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Per command: `flags` maps a flag to `true` (takes a value), `false` (a switch) or a list
 * of the values it accepts; `positionals` names the arguments it requires, in order.
 * @type {Record<string, { flags: Record<string, boolean | string[]>, positionals: string[] }>}
 */
export const COMMANDS = {
  build: {
    flags: {
      "--config": true,
      "--artifact": true,
      "--print": false,
      "--json": false,
      "--incremental": false,
      "--write-delta": true,
      "--graph-filter": true,
      "--watch": false,
    },
    positionals: [],
  },
  types: {
    flags: { "--config": true, "--json": false },
    positionals: [],
  },
  graph: {
    flags: { "--config": true, "--filter": true, "--format": ["text", "dot"] },
    positionals: [],
  },
  explain: {
    flags: { "--config": true, "--json": false },
    positionals: ["ID_OR_PATH"],
  },
};

export const USAGE = `Usage:
  fizz build [--config F] [--artifact OUT.json] [--incremental] [--write-delta DIR]
             [--graph-filter PATTERN] [--watch] [--print] [--json]
  fizz types [--config F] [--json]
  fizz graph [--config F] [--filter PATTERN] [--format text|dot]
  fizz explain [--config F] [--json] ID_OR_PATH

  --config F               the config file (default: fizz.config.json in the current folder)
  --artifact OUT           write the artifact JSON to OUT (rewritten on every watch update)
  --incremental            restore the persisted session, update it, persist it again
  --write-delta DIR        write what this build added, updated and removed (implies --incremental)
  --graph-filter PATTERN   only definitions whose canonical ID or path matches the glob, and
                           what they depend on
  --watch                  watch the files and update on every change (implies --incremental);
                           Ctrl-C saves the session and exits
  --print                  print each operation's name and document
  --json                   print results as JSON (one line per build with --watch)
  --filter PATTERN         (graph) only matching definitions and modules, and what they depend on
  --format text|dot        (graph) plain text (default) or Graphviz dot

Exit codes: 0 built, 1 error diagnostics, 2 bad usage or config.`;

/**
 * Parses `argv` (without node and script) into `{ command, flags, positionals }`; `help`
 * is the command when `--help` / `-h` is asked for.
 * @param {string[]} argv
 * @returns {{ command: string, flags: Flags, positionals: string[] }}
 */
export function parseArgs(argv) {
  if (argv.includes("--help") || argv.includes("-h")) return { command: "help", flags: {}, positionals: [] };
  const [command, ...rest] = argv;
  if (!command) throw new UsageError("a command is required");
  const spec = COMMANDS[command];
  if (!spec) throw new UsageError(`unknown command "${command}"`);
  /** @type {Record<string, string | boolean>} */
  const flags = {};
  /** @type {string[]} */
  const positionals = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith("--")) {
      if (positionals.length === spec.positionals.length) {
        throw new UsageError(`unexpected argument "${arg}" for "fizz ${command}"`);
      }
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.split(/=(.*)/s, 2);
    if (!(name in spec.flags)) throw new UsageError(`unknown flag ${name} for "fizz ${command}"`);
    const kind = spec.flags[name];
    if (kind === false) {
      if (inline !== undefined) throw new UsageError(`${name} takes no value`);
      flags[name.slice(2)] = true;
      continue;
    }
    const value = inline ?? rest[++i];
    if (value === undefined || value === "" || value.startsWith("--")) throw new UsageError(`${name} needs a value`);
    if (Array.isArray(kind) && !kind.includes(value)) {
      throw new UsageError(`${name} must be one of ${kind.join(", ")} (got "${value}")`);
    }
    flags[name.slice(2)] = value;
  }
  if (positionals.length < spec.positionals.length) {
    throw new UsageError(`"fizz ${command}" needs ${spec.positionals[positionals.length]}`);
  }
  // `COMMANDS` declared each flag's kind, and `Flags` types them by name.
  return { command, flags: /** @type {Flags} */ (flags), positionals };
}
