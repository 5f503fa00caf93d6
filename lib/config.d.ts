// The config object (api.md §1) and the options every plugin takes: shared by the
// declarations of `fizz-gql/vite`, `/webpack`, `/webpack/loader`, `/babel` and `/config`.

/** `fizz.config.json` (or the default export of `fizz.config.mjs` / `.js`). */
export interface FizzConfig {
  /** Globs of the source files, relative to the root (required). */
  include: string[];
  exclude?: string[];
  /** The module that exports `gql`, and the specifiers that also mean it. */
  graphqlSystem: { path: string; aliases?: string[] };
  /** Schema label → SDL file(s). */
  schemas: { [label: string]: string | string[] };
  /** A tsconfig whose `paths` / `baseUrl` resolve imports. */
  tsconfig?: string;
  cacheDir?: string;
  /**
   * Typed definitions (types.md): where the type files go (a folder inside the root;
   * default `./src/graphql-system/__generated__`) and the TypeScript type of each custom
   * scalar; `false` turns them off.
   */
  types?: false | { outDir?: string; scalars?: { [scalar: string]: string } };
}

/** Where a plugin finds the config; relative paths are relative to the bundler's root. */
export interface FizzPluginOptions {
  /** A config file (`fizz.config.json`, `.mjs`, `.js`). */
  configPath?: string;
  /** The config root (default: the bundler's root), or the folder holding the config. */
  root?: string;
  /** An inline config (with `root`). */
  config?: FizzConfig;
  /** Keep the session on disk (`cacheDir`) across processes. */
  persist?: boolean;
}
