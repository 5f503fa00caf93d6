// Types of `fizz-gql/babel`.
import type { ConfigAPI, PluginObj } from "@babel/core";
import type { FizzPluginOptions } from "./config.js";

/** The fizz-gql Babel plugin (@babel/core 7): replaces definition calls with their elements. */
declare function fizzBabelPlugin(api: ConfigAPI, options?: FizzPluginOptions): PluginObj;

export = fizzBabelPlugin;
