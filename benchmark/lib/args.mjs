// The command-line flags the benchmark's entry points share (run.mjs, peers.mjs, e2e.mjs).

/**
 * Parses `--workloads a,b`, `--seed N`, `--quick`, `--no-build`, `--with-50k` (where the
 * caller allows it) and the caller's own boolean `flags` (flag → key). Throws on anything
 * else; the caller checks the workloads it can run.
 * @param {string[]} argv
 * @param {{ workloads: string[], with50k?: boolean, flags?: Record<string, string> }} options
 */
export function parseBenchArgs(argv, { workloads, with50k = false, flags = {} }) {
  /** @type {Record<string, any>} */
  const args = { workloads: workloads.slice(), seed: 1, quick: false, build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--workloads") args.workloads = argv[++i].split(",").map((s) => s.trim()).filter(Boolean);
    else if (a === "--seed") args.seed = Number(argv[++i]);
    else if (a === "--quick") args.quick = true;
    else if (a === "--no-build") args.build = false;
    else if (a === "--with-50k" && with50k) args.with50k = true;
    else if (Object.hasOwn(flags, a)) args[flags[a]] = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (args.with50k && !args.workloads.includes("50k")) args.workloads.push("50k");
  return args;
}
