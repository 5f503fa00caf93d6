// The Babel plugin (@babel/core 7): replaces every built definition call with the same
// object the native transform writes, using the spans the session reports
// (`transformPlan`, UTF-16 offsets = Babel's node.start/end), and removes the composer
// imports. Synchronous, as Babel plugins are: the shared session is built on first use.
// A file whose definitions have errors, or use a broken definition in another file, fails
// (as under the Vite and webpack plugins): a Babel-only pipeline (Metro, babel-loader)
// would otherwise ship its definition calls and the composer import to a client bundle.
"use strict";

const { acquireForFile } = require("./registry.cjs");
const { babelError } = require("./plugin-errors.cjs");

/**
 * The fizz-gql Babel plugin. Options (all optional): `configPath` or `root` (relative to
 * Babel's cwd); without them the nearest `fizz.config.*` above each file (or
 * `FIZZ_CONFIG`) is used.
 * @param {import("@babel/core").ConfigAPI & { template: typeof import("@babel/core").template }} api
 *   Babel's plugin API
 * @param {import("./registry.cjs").FizzOptions} [options]
 * @returns {import("@babel/core").PluginObj}
 */
module.exports = function fizzBabelPlugin(api, options = {}) {
  api.assertVersion(7);
  return {
    name: "fizz-gql",
    visitor: {
      Program(path, state) {
        const file = state.filename;
        if (!file) return;
        const shared = acquireForFile(file, options, state.cwd);
        if (!shared || !shared.session.tracks(file)) return;
        shared.refreshSync(file);
        const errors = shared.blockingErrors(file);
        if (errors.length) {
          // At the position in this file with Babel's own frame; a root cause in another
          // file is named with its own location and frame.
          const atPosition = (/** @type {string} */ message, /** @type {{ line: number, column: number }} */ start) =>
            Object.assign(/** @type {any} */ (state.file).buildCodeFrameError({ loc: { start, end: start } }, message, Error), { loc: start });
          throw babelError(errors, shared.root, shared.relative(file), atPosition);
        }
        const plan = shared.session.transformPlan(file, state.file.code);
        if (!plan) return;
        // The object's OPTIONS part is user code: parse it with this file's syntax plugins.
        const parse = api.template.expression({
          plugins: state.file.opts.parserOpts?.plugins ?? [],
          placeholderPattern: false,
          preserveComments: true,
        });
        const calls = new Map(plan.replacements.map((r) => [r.start, r]));
        const removals = new Set(plan.removals.map(([start, end]) => `${start}:${end}`));
        // The element helper the objects call takes the place of the first removed import.
        const [first] = plan.removals;
        const helperAt = first && plan.helper ? `${first[0]}:${first[1]}` : undefined;
        path.traverse({
          CallExpression(call) {
            // Nodes inserted by other plugins have no position.
            const { start, end } = call.node;
            const r = start == null ? undefined : calls.get(start);
            if (!r || r.end !== end) return;
            call.replaceWith(parse.ast(r.code));
            call.skip();
          },
          ImportDeclaration(declaration) {
            const { start, end } = declaration.node;
            const at = `${start}:${end}`;
            if (at === helperAt && plan.helper) declaration.replaceWith(api.template.statement.ast(plan.helper));
            else if (removals.has(at)) declaration.remove();
          },
        });
      },
    },
  };
};
