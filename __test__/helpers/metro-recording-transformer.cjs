// A Babel transformer for Metro tests: metro-babel-transformer (the test's upstream), plus a
// line in FIZZ_TEST_METRO_LOG for every file it transforms, so tests can tell which files a
// build re-transformed (Metro's workers are separate processes).
"use strict";

const { appendFileSync } = require("node:fs");

const upstream = require(process.env.FIZZ_TEST_METRO_UPSTREAM ?? "metro-babel-transformer");

module.exports = {
  transform(args) {
    if (process.env.FIZZ_TEST_METRO_LOG) appendFileSync(process.env.FIZZ_TEST_METRO_LOG, `${args.filename}\n`);
    return upstream.transform(args);
  },
  getCacheKey: (...args) => upstream.getCacheKey?.(...args) ?? "",
};
