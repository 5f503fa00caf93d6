// Types of `fizz-gql/metro`.
import type { FizzPluginOptions } from "./config.js";

/**
 * Wraps a Metro config (as `getDefaultConfig` / `mergeConfig` give it) for fizz-gql: the
 * configured Babel transformer and transform worker are wrapped so definition calls become
 * finished objects, the cache stores treat a result built from an older state of its
 * fragments as a miss, and the dev server re-transforms the files a fragment edit reaches.
 */
export declare function withFizz<C extends Record<string, any>>(config: C, options?: FizzPluginOptions): C;

/**
 * For a Metro server made through the API (`Metro.runServer`): reports the files whose
 * transform output an edit changed to Metro's watcher as changed too.
 */
export declare function watchDependents(
  metroServer: { getBundler(): { getBundler(): unknown } },
  options?: FizzPluginOptions,
  projectRoot?: string,
): void;

/** The environment variable that carries the wrapped transformers to Metro's workers. */
export declare const UPSTREAM_ENV: "FIZZ_METRO_UPSTREAM";

/** What the workers wrap and with which plugin options (set by `withFizz`). */
export declare function upstream(): {
  babelTransformerPath?: string;
  transformerPath?: string;
  options?: FizzPluginOptions;
};

/** The shared session of a source file, brought up to date for it and its dependencies. */
export declare function refresh(file: string, options?: FizzPluginOptions): { session: import("../index.js").BuilderSession } | undefined;

/** The stamp of a file's transform (a hash of its output as the session builds it now). */
export declare function stampOf(file: string, options?: FizzPluginOptions): { file: string; hash: string } | undefined;

/** A cache store whose `get` misses for a result built from definitions that changed. */
export declare function validatingStore<S extends { get(key: Buffer): unknown; set(key: Buffer, value: unknown): unknown; clear?(): unknown }>(store: S): S;

export { withFizz as default };
export type { FizzPluginOptions };
