// Metro's transform worker for fizz-gql (`transformerPath`, set by `withFizz`): the
// configured worker (metro-transform-worker by default) does the work; a result for a file
// fizz tracks gets the stamp of the definitions it was built from, which the cache stores
// check before reusing it (lib/metro.cjs).
"use strict";

const { resolve } = require("node:path");

const { stampOf, upstream } = require("./metro.cjs");

/** @returns {{ transform: (...args: any[]) => Promise<object>, getCacheKey: (...args: any[]) => string }} */
function wrapped() {
  const path = upstream().transformerPath ?? require.resolve("metro-transform-worker", { paths: [require.resolve("metro")] });
  return require(path);
}

/**
 * @param {unknown} config
 * @param {string} projectRoot
 * @param {string} filename relative to projectRoot
 * @param {Buffer} data
 * @param {unknown} options
 */
async function transform(config, projectRoot, filename, data, options) {
  const result = await wrapped().transform(config, projectRoot, filename, data, options);
  const stamp = stampOf(resolve(projectRoot, filename));
  return stamp ? { ...result, fizz: stamp } : result;
}

/** @param {unknown[]} args */
function getCacheKey(...args) {
  return `fizz-gql@${require("../package.json").version}$${wrapped().getCacheKey(...args)}`;
}

module.exports = { transform, getCacheKey };
