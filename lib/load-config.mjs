// Finds and loads a fizz config for the JS entry points (CLI, plugins). JSON configs are
// read natively (so errors name the file and key); `.mjs`/`.js` configs are evaluated here
// and handed to the addon as an inline object with their folder as the root.
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import projectFiles from "./project-files.cjs";

/** Config file names looked up in a root, in order (owned by `project-files.cjs`). */
export const CONFIG_FILE_NAMES = projectFiles.CONFIG_FILE_NAMES;

/** A config that cannot be loaded: the CLI maps it to exit code 2. */
export class ConfigLoadError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "ConfigLoadError";
  }
}

/**
 * Returns `BuilderSession` options for a config path, or for the config found in `root`.
 * @param {{ configPath?: string, root?: string }} where
 * @returns {Promise<{ root: string, configPath?: string, config?: object }>}
 */
export async function sessionOptions({ configPath, root } = {}) {
  const path = configPath ? resolve(configPath) : findConfig(resolve(root ?? "."));
  if (!path) throw new ConfigLoadError(`${resolve(root ?? ".")}: no ${CONFIG_FILE_NAMES.join(" / ")} found`);
  if (!existsSync(path)) throw new ConfigLoadError(`${path}: config file not found`);
  const configRoot = root ? resolve(root) : dirname(path);
  if (projectFiles.isNativeConfig(path)) return { root: configRoot, configPath: path };
  let module;
  try {
    module = await import(pathToFileURL(path).href);
  } catch (error) {
    // A config module may throw anything, not only an Error.
    const why = error instanceof Error ? error.message : String(error);
    throw new ConfigLoadError(`${path}: cannot load the config: ${why}`);
  }
  const config = module.default;
  if (config === null || typeof config !== "object") {
    throw new ConfigLoadError(`${path}: the default export must be the config object`);
  }
  return { root: configRoot, config };
}

/**
 * The first config file in `root`, or undefined.
 * @param {string} root
 * @returns {string | undefined}
 */
export function findConfig(root) {
  return projectFiles.findConfig(root);
}
