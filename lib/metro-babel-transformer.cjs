// Metro's Babel transformer for fizz-gql (`transformer.babelTransformerPath`, set by
// `withFizz`): runs the configured transformer (Expo's, React Native's or
// metro-babel-transformer) with the fizz Babel plugin first, after bringing the session up
// to date for the file and the definitions it depends on (a worker has no watcher). A file
// with errors, or one that uses a broken definition, throws the Babel plugin's error: Metro
// prints it with the file, line and column of the diagnostic.
"use strict";

const { resolve } = require("node:path");

const fizzBabelPlugin = require("./babel-plugin.cjs");
const { refresh, upstream } = require("./metro.cjs");

/** @returns {{ transform: (args: any) => any, getCacheKey?: (...args: any[]) => string }} */
function wrapped() {
  const path = upstream().babelTransformerPath ?? require.resolve("metro-babel-transformer", { paths: [process.cwd()] });
  return require(path);
}

/**
 * @param {{ filename: string, src: string, options: { projectRoot: string } & Record<string, unknown>, plugins?: unknown[] }} args
 */
function transform(args) {
  const file = resolve(args.options.projectRoot, args.filename);
  // The plugin then finds the session current for this file and what it depends on.
  refresh(file);
  const plugins = [[fizzBabelPlugin, upstream().options ?? {}], ...(args.plugins ?? [])];
  return wrapped().transform({ ...args, plugins });
}

/** @param {unknown[]} args */
function getCacheKey(...args) {
  const inner = wrapped().getCacheKey?.(...args) ?? "";
  return `fizz-gql@${require("../package.json").version}$${inner}`;
}

module.exports = { transform, getCacheKey };
