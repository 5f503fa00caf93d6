// Command-line parsing for `fizz`: every flag is declared once; an unknown flag or a
// missing value is a usage error that names the flag (exit code 2).

/** A usage error: the CLI prints it with the usage text and exits 2. */
export class UsageError extends Error {
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
}

/** Flags per command: `true` takes a value, `false` is a switch. */
export const COMMANDS = {
  build: {
    "--config": true,
    "--artifact": true,
    "--print": false,
    "--json": false,
  },
};

export const USAGE = `Usage:
  fizz build [--config F] [--artifact OUT.json] [--print] [--json]

  --config F         the config file (default: fizz.config.json in the current folder)
  --artifact OUT     write the artifact JSON to OUT
  --print            print each operation's name and document
  --json             print the build result as JSON instead of text

Exit codes: 0 built, 1 error diagnostics, 2 bad usage or config.`;

/**
 * Parses `argv` (without node and script) into `{ command, flags, positionals }`.
 * @param {string[]} argv
 */
export function parseArgs(argv) {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h") throw new UsageError("a command is required");
  const spec = COMMANDS[command];
  if (!spec) throw new UsageError(`unknown command "${command}"`);
  const flags = {};
  const positionals = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.split(/=(.*)/s, 2);
    if (!(name in spec)) throw new UsageError(`unknown flag ${name} for "fizz ${command}"`);
    if (!spec[name]) {
      flags[name.slice(2)] = true;
      continue;
    }
    const value = inline ?? rest[++i];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`${name} needs a value`);
    flags[name.slice(2)] = value;
  }
  return { command, flags, positionals };
}
