// The webpack loader: replaces definition calls with their objects and declares as
// dependencies the files that hold the fragments its elements use (and the files its
// lookups read, such as barrels), so editing or deleting a fragment rebuilds its users.
// A file with errors fails its module with the diagnostics and their code frames.
"use strict";

const { acquire } = require("./registry.cjs");
const { diagnosticError, formatDiagnostic } = require("./plugin-errors.cjs");
const { fileOfCanonicalId } = require("./project-files.cjs");

/**
 * The fizz-gql webpack loader. Options: the plugin's (`configPath`, `root`), relative to
 * webpack's `context`. Without `FizzWebpackPlugin` it still works, checking its own file
 * for changes on every call.
 * @type {import("webpack").LoaderDefinitionFunction<import("./registry.cjs").FizzOptions>}
 */
module.exports = function fizzLoader(source, inputMap) {
  const callback = this.async();
  transform(this, source).then(
    (out) => (out ? callback(null, out.code, JSON.parse(out.map)) : callback(null, source, inputMap)),
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
  for (const dependency of dependenciesOf(shared, file)) loader.addDependency(dependency);
  const errors = shared.blockingErrors(file);
  if (errors.length) {
    const error = diagnosticError(errors[0], shared.root);
    error.message = `[fizz-gql] ${errors.map(formatDiagnostic).join("\n\n")}`;
    throw error;
  }
  return shared.session.transform(file, source);
}

/**
 * Other files this file's definitions depend on: fragment sources and files read by lookups.
 * @param {import("./registry.cjs").SharedSession} shared
 * @param {string} file absolute path
 * @returns {string[]} absolute paths
 */
function dependenciesOf(shared, file) {
  const relative = shared.relative(file);
  const files = new Set();
  for (const definition of shared.session.explain(relative).definitions) {
    for (const id of definition.transitiveDependencies) files.add(fileOfCanonicalId(id));
    for (const read of definition.readsFiles) files.add(read);
  }
  files.delete(relative);
  return [...files].map((f) => shared.absolute(f));
}
