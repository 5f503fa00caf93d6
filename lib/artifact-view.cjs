// `result.artifact` and `session.getArtifact()`: the artifact as a JS object, made on first
// read, kept per result, and made from the one made before for the same session. The addon
// sends the difference (`artifactPatch`: the elements added or changed as JSON, the IDs
// removed); this file applies it to a persistent element tree, so a read after a
// one-element update parses one element and shares every other element object with the
// artifact read before. `artifact.elements` is a Proxy over that tree that behaves as the
// plain object of docs/reference/artifact.md §1 (keys in ID order, JSON.stringify, spread,
// `in`, Object.keys/entries); writing to it changes that artifact only.
"use strict";

const { inspect } = require("node:util");
const { ElementTree } = require("./element-tree.cjs");

/**
 * @typedef {{ token: number, base: number, same: boolean, version: number, upserts: string,
 *   removed: string[], diagnostics: string | null | undefined, report: string }} ArtifactPatch
 * @typedef {{ artifactPatch(known: number): ArtifactPatch }} PatchSource
 * @typedef {{ tree: ElementTree, diagnostics: unknown[], artifact: WeakRef<object> | null }} ViewState
 * @typedef {{ token: number, state: ViewState | null }} SessionView
 */

/**
 * Each session's view: the token and state of the artifact JS made last. Reached only from
 * the session and its results (weakly), so it goes when they do.
 * @type {WeakMap<object, SessionView>}
 */
const views = new WeakMap();
/** @type {WeakMap<object, object>} the artifact object of each result read */
const artifacts = new WeakMap();

/** The view of `owner` (a session or a result of one), made on first use. */
function viewOf(/** @type {object} */ owner) {
  let view = views.get(owner);
  if (!view) {
    view = { token: 0, state: null };
    views.set(owner, view);
  }
  return view;
}

/** Makes `result` share `session`'s view (it is that session's build). */
function adopt(/** @type {object} */ session, /** @type {object} */ result) {
  if (result && typeof result === "object") views.set(result, viewOf(session));
  return result;
}

/** Forgets `session`'s view (dispose): its results are then read whole. */
function forget(/** @type {object} */ session) {
  const view = views.get(session);
  if (view) {
    view.token = 0;
    view.state = null;
  }
}

/**
 * The artifact of `source` (a BuildResult, or a session for its current artifact), made from
 * the view's state by the addon's patch.
 * @param {PatchSource & object} source @param {SessionView} view
 */
function materialize(source, view) {
  const held = view.state;
  const patch = source.artifactPatch(held ? view.token : 0);
  if (patch.same && held) {
    const kept = held.artifact?.deref();
    if (kept) return kept;
  }
  const from = patch.base !== 0 && held ? held : null;
  if (patch.base !== 0 && !from) throw new Error(`fizz-gql: artifact patch against base ${patch.base}, which this process does not hold`);
  const upserts = JSON.parse(patch.upserts);
  const tree = from
    ? from.tree.with(upserts.map((/** @type {{ id: string }} */ e) => [e.id, e]), patch.removed)
    : ElementTree.fromSorted(upserts);
  const diagnostics = patch.diagnostics == null && from ? from.diagnostics : JSON.parse(patch.diagnostics ?? "[]");
  const artifact = { version: patch.version, elements: elementsObject(tree), diagnostics, report: JSON.parse(patch.report) };
  view.token = patch.token;
  view.state = { tree, diagnostics, artifact: new WeakRef(artifact) };
  return artifact;
}

/** `result.artifact`: made on first read, the same object on every later read. */
function resultArtifact(/** @type {PatchSource & object} */ result) {
  let artifact = artifacts.get(result);
  if (!artifact) {
    artifact = materialize(result, viewOf(result));
    artifacts.set(result, artifact);
  }
  return artifact;
}

/** `session.getArtifact()`: the same object as the last build's `artifact` when read already. */
function sessionArtifact(/** @type {PatchSource & object} */ session) {
  return materialize(session, viewOf(session));
}

/** A property descriptor of an element as a plain object's own property. */
function described(/** @type {unknown} */ value) {
  return { value, writable: true, enumerable: true, configurable: true };
}

/**
 * `artifact.elements`: a Proxy that reads through to `tree`. Writes replace this object's own
 * tree (copy on write), never the shared one.
 * @param {ElementTree} initial
 */
function elementsObject(initial) {
  let tree = initial;
  const isId = (/** @type {string | symbol} */ key) => typeof key === "string" && tree.has(key);
  const target = {};
  // util.inspect formats a Proxy's target, not what its traps report: show the elements.
  Object.defineProperty(target, inspect.custom, {
    value: (/** @type {number} */ depth, /** @type {object} */ options) => inspect(Object.fromEntries(tree.keys().map((k) => [k, tree.get(k)])), { ...options, depth }),
    configurable: true,
  });
  return new Proxy(target, {
    get: (t, key, receiver) => (isId(key) ? tree.get(/** @type {string} */ (key)) : Reflect.get(t, key, receiver)),
    has: (t, key) => isId(key) || Reflect.has(t, key),
    ownKeys: () => tree.keys().slice(),
    getOwnPropertyDescriptor: (t, key) => (isId(key) ? described(tree.get(/** @type {string} */ (key))) : undefined),
    set: (t, key, value) => {
      if (typeof key !== "string") return false;
      tree = tree.with([[key, value]], []);
      return true;
    },
    defineProperty: (t, key, descriptor) => {
      if (typeof key !== "string" || !("value" in descriptor)) return false;
      tree = tree.with([[key, descriptor.value]], []);
      return true;
    },
    deleteProperty: (t, key) => {
      if (isId(key)) tree = tree.with([], [/** @type {string} */ (key)]);
      return true;
    },
  });
}

/**
 * Gives the addon's classes their artifact readers: `BuildResult#artifact` and
 * `BuilderSession#getArtifact()` read through this file, and every build method tags its
 * result with the session's view (`dispose()` drops it).
 * @param {{ BuildResult: Function, BuilderSession: Function }} binding
 */
function install(binding) {
  const results = binding.BuildResult.prototype;
  const sessions = binding.BuilderSession.prototype;
  Object.defineProperty(results, "artifact", {
    get() {
      return resultArtifact(this);
    },
    enumerable: true,
    configurable: true,
  });
  for (const name of ["buildInitial", "update"]) {
    const build = sessions[name];
    sessions[name] = function (/** @type {unknown[]} */ ...args) {
      return adopt(this, build.apply(this, args));
    };
  }
  for (const name of ["buildInitialAsync", "updateAsync"]) {
    const build = sessions[name];
    sessions[name] = function (/** @type {unknown[]} */ ...args) {
      return build.apply(this, args).then((/** @type {object} */ result) => adopt(this, result));
    };
  }
  sessions.getArtifact = function () {
    return sessionArtifact(this);
  };
  const dispose = sessions.dispose;
  sessions.dispose = function (/** @type {unknown[]} */ ...args) {
    forget(this);
    return dispose.apply(this, args);
  };
  return binding;
}

module.exports = { install };
