// Types of `fizz-gql/webpack/loader`.
import type { LoaderDefinitionFunction } from "webpack";
import type { FizzPluginOptions } from "./config.js";

/** The fizz-gql webpack loader: replaces definition calls with their elements. */
declare const fizzLoader: LoaderDefinitionFunction<FizzPluginOptions>;

export = fizzLoader;
