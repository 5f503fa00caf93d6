// Types of `fizz-gql/config`: finding and loading a fizz config for the JS entry points.
import type { FizzConfig } from "./config.js";

export type { FizzConfig, FizzPluginOptions } from "./config.js";

/** Config file names looked up in a root, in order. */
export declare const CONFIG_FILE_NAMES: readonly string[];

/** A config that cannot be loaded (the CLI exits with code 2). */
export declare class ConfigLoadError extends Error {
  constructor(message: string);
}

/**
 * `BuilderSession` options for a config path, or for the config found in `root`: a JSON
 * config is read natively (`configPath`), a module config is evaluated (`config`).
 */
export declare function sessionOptions(where?: {
  configPath?: string;
  root?: string;
}): Promise<{ root: string; configPath?: string; config?: FizzConfig }>;

/** The first config file in `root`, if any. */
export declare function findConfig(root: string): string | undefined;
