// Types of `fizz-gql/vite`.
import type { Plugin } from "vite";
import type { FizzPluginOptions } from "./config.js";

export type { FizzConfig, FizzPluginOptions } from "./config.js";

/**
 * The fizz-gql Vite plugin: builds on `buildStart`, transforms definition calls, keeps the
 * session (and the type files) current on every change and hot-reloads what changed.
 */
declare function fizz(options?: FizzPluginOptions): Plugin;

export default fizz;
export { fizz };
