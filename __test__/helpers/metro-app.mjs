// A small Metro app over a scratch copy of examples/basic: Metro's default config with
// `withFizz`, TypeScript and CommonJS through a project Babel config, the `@/` alias of the
// example's tsconfig, a cache folder of its own, and a Babel transformer that records every
// file Metro transforms (a log file, since Metro's workers are other processes).
import { appendFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const { getDefaultConfig, mergeConfig } = require("metro-config");
const { FileStore } = require(require.resolve("metro-cache", { paths: [require.resolve("metro")] }));
const { withFizz } = require("../../lib/metro.cjs");

/** The recording Babel transformer (wraps metro-babel-transformer). */
const RECORDER = require.resolve("./metro-recording-transformer.cjs");

/**
 * The Metro config of the app in `p.path("basic")`, entry `src/entry.ts`.
 * @param {{ path: (...parts: string[]) => string, write: Function }} p a scratch copy
 * @param {{ maxWorkers?: number, port?: number }} [options]
 */
export async function metroConfig(p, { maxWorkers = 2, port = 0 } = {}) {
  const root = p.path("basic");
  p.write(
    "basic/src/entry.ts",
    ['export * from "./pages/user-page";', 'export * from "./pages/feed";', 'export * from "./mutations/update-user";', ""].join("\n"),
  );
  p.write(
    "basic/babel.config.js",
    `module.exports = { presets: [${JSON.stringify(require.resolve("@babel/preset-typescript"))}], plugins: [${JSON.stringify(require.resolve("@babel/plugin-transform-modules-commonjs"))}] };\n`,
  );
  const defaults = await getDefaultConfig(root);
  process.env.FIZZ_TEST_METRO_LOG = p.path("metro-transforms.log");
  process.env.FIZZ_TEST_METRO_UPSTREAM = defaults.transformer.babelTransformerPath;
  const config = mergeConfig(defaults, {
    projectRoot: root,
    // Metro only reads files it watches: the app and the runtime it prepends (not the
    // whole repository, whose target/ folder is large).
    watchFolders: [root, dirname(require.resolve("metro-runtime/package.json"))],
    maxWorkers,
    cacheStores: [new FileStore({ root: p.path(".metro-cache") })],
    reporter: { update() {} },
    resolver: {
      useWatchman: false,
      resolveRequest: (context, name, platform) =>
        context.resolveRequest(context, name.startsWith("@/") ? join(root, "src", name.slice(2)) : name, platform),
    },
    transformer: { babelTransformerPath: RECORDER, enableBabelRCLookup: true },
    server: { port },
  });
  return withFizz(config);
}

/** The files Metro transformed since the last call, root-relative, sorted, once each. */
export function transformedSince(p) {
  const log = p.path("metro-transforms.log");
  if (!existsSync(log)) return [];
  const files = readFileSync(log, "utf8").split("\n").filter(Boolean);
  rmSync(log);
  return [...new Set(files)].sort();
}

export { appendFileSync };
