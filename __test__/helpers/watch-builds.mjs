// What the webpack and rspack tests share: the config of a Node bundle of a fixture app, a
// queue of the compilations a watcher reports, the CommonJS bundle they write, and the
// source modules a compilation built.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * A queue of watch results: `push(error, stats)` is the watcher's callback, `next()` the
 * next compilation's stats (or the one already waiting), rejecting after `timeout` ms.
 * @param {string} bundler named in the timeout message
 */
export function watchQueue(bundler) {
  const results = [];
  let wake = () => {};
  return {
    push(error, stats) {
      results.push(error ? { error } : stats);
      wake();
    },
    next(timeout = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${bundler} rebuild within the timeout`)), timeout);
        const take = () => {
          clearTimeout(timer);
          resolve(results.shift());
        };
        if (results.length) take();
        else wake = take;
      });
    },
  };
}

/**
 * Loads a bundle as a fresh module (commonjs2 in a `.cjs` file: the package is not ESM, but
 * a consumer's may be).
 * @param {string} path
 */
export function loadBundle(path) {
  delete require.cache[path];
  return require(path);
}

/** The project's source modules a compilation built (not served from its cache), as `src/…`. */
export function builtModules(stats) {
  return stats
    .toJson({ all: false, modules: true, cachedModules: false })
    .modules.map((m) => m.name)
    .filter((n) => n?.includes("/src/"))
    .map((n) => n.replace(/^\.\//, ""));
}

/** The TypeScript loader of a webpack test: Babel's preset, no config files read. */
export const BABEL_TS_LOADER = {
  loader: "babel-loader",
  options: { babelrc: false, configFile: false, presets: ["@babel/preset-typescript"] },
};

/**
 * A webpack-compatible config bundling `entry` of the app at `root` for Node as CommonJS,
 * its `.ts` files through `tsLoader` then the fizz loader (`@/` is `src/`).
 * @param {{ root: string, entry: string, outDir: string, filename?: string, mode?: string,
 *   tsLoader?: object, fizzLoader: object, plugins: object[], extra?: object }} options
 */
export function nodeBundleConfig({ root, entry, outDir, filename = "bundle.cjs", mode = "development", tsLoader = BABEL_TS_LOADER, fizzLoader, plugins, extra = {} }) {
  return {
    mode,
    devtool: false,
    target: "node",
    context: root,
    entry,
    output: { path: outDir, filename, library: { type: "commonjs2" } },
    resolve: { extensions: [".ts", ".js"], alias: { "@": `${root}/src` } },
    module: { rules: [{ test: /\.ts$/, use: [tsLoader, fizzLoader] }] },
    plugins,
    infrastructureLogging: { level: "error" },
    ...extra,
  };
}
