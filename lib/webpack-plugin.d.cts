// Types of `fizz-gql/webpack`.
import type { Compiler } from "webpack";
import type { FizzPluginOptions } from "./config.js";

/**
 * The fizz-gql webpack plugin (use it with `fizz-gql/webpack/loader`): builds before the
 * first compilation and updates the session (and the type files) on every watch run.
 */
declare class FizzWebpackPlugin {
  constructor(options?: FizzPluginOptions);
  options: FizzPluginOptions;
  apply(compiler: Compiler): void;
}

declare namespace FizzWebpackPlugin {
  export { FizzWebpackPlugin, FizzWebpackPlugin as default };
  export type { FizzPluginOptions };
}

export = FizzWebpackPlugin;
