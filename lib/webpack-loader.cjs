// The webpack loader: replaces definition calls with their objects and declares as
// dependencies the files that hold the fragments its elements use (and the files its
// lookups read, such as barrels), so editing or deleting a fragment rebuilds its users.
// A file with errors fails its module: each diagnostic is reported on its own file with a
// webpack location (`ERROR in ./src/a.ts 10:4`), and the module's code is replaced so that
// nothing of it (no definition call, no composer import) reaches the bundle. Works under
// webpack 5 and rspack.
"use strict";

const { acquire } = require("./registry.cjs");
const { readFileSync } = require("node:fs");

const { dependencyMessage, failedModuleCode, plainError, rspackDiagnostic, webpackErrors } = require("./plugin-errors.cjs");

/**
 * The fizz-gql webpack loader. Options: the plugin's (`configPath`, `root`), relative to
 * webpack's `context`. Without `FizzWebpackPlugin` it still works, checking its own file
 * for changes on every call.
 * @type {import("webpack").LoaderDefinitionFunction<import("./registry.cjs").FizzOptions>}
 */
module.exports = function fizzLoader(source, inputMap) {
  const callback = this.async();
  transform(this, source).then(
    (out) => (out ? callback(null, out.code, out.map ? JSON.parse(out.map) : undefined) : callback(null, source, inputMap)),
    (error) => callback(error),
  );
};

/**
 * The transformed module, or null when the file has no definitions or is not a source file.
 * @param {import("webpack").LoaderContext<import("./registry.cjs").FizzOptions>} loader
 * @param {string} source
 * @returns {Promise<import("../index.js").TransformResult | null>}
 */
async function transform(loader, source) {
  const shared = acquire(loader.getOptions(), loader.rootContext);
  const file = loader.resourcePath;
  if (!shared.session.tracks(file)) return null;
  await (shared.watched ? shared.idle() : shared.update({ updated: [file] }));
  for (const dependency of shared.dependencyFiles(file)) loader.addDependency(dependency);
  const errors = shared.blockingErrors(file);
  if (errors.length) {
    // Run again on every rebuild until fixed: what fixes it (a file that comes back, an
    // import that resolves again) need not be among this module's dependencies.
    loader.cacheable(false);
    reportErrors(loader, shared, errors);
    return { code: failedModuleCode(shared.relative(file)), map: "" };
  }
  return shared.session.transform(file, source);
}

/**
 * Reports the errors that stop this module. Its own diagnostics are module errors with a
 * location: with webpack's error class and the module at hand they are added as they are
 * (webpack keeps `loc` only on errors it did not wrap); elsewhere (rspack) through
 * `emitError`, with `loc` on the error. The root causes in other files are one error that
 * names them; their own modules report them located.
 * @param {import("webpack").LoaderContext<import("./registry.cjs").FizzOptions>} loader
 * @param {import("./registry.cjs").SharedSession} shared
 * @param {import("../index.js").Diagnostic[]} errors
 */
function reportErrors(loader, shared, errors) {
  const relative = shared.relative(loader.resourcePath);
  const own = errors.filter((d) => d.file === relative);
  const causes = errors.filter((d) => d.file !== relative);
  const WebpackError = loader._compiler?.webpack?.WebpackError;
  const module = /** @type {{ addError?: (e: Error) => void } | undefined} */ (loader._module);
  if (WebpackError && typeof module?.addError === "function") {
    const add = module.addError.bind(module);
    for (const error of webpackErrors(own, shared.root, WebpackError)) add(error);
    if (causes.length) {
      const error = new WebpackError(dependencyMessage(causes, relative));
      error.hideStack = true;
      add(error);
    }
    return;
  }
  // rspack: a located diagnostic with its own code frame, then the module's error.
  const experiments = /** @type {{ emitDiagnostic?: (d: object) => void } | undefined} */ (
    /** @type {any} */ (loader).experiments
  );
  if (typeof experiments?.emitDiagnostic === "function") {
    for (const d of own) experiments.emitDiagnostic(rspackDiagnostic(d, readFileSync(loader.resourcePath, "utf8")));
  } else {
    for (const d of own) loader.emitError(plainError([d], shared.root));
  }
  if (causes.length) {
    const error = new Error(dependencyMessage(causes, relative));
    error.stack = error.message;
    loader.emitError(error);
  }
}
