// Reaching an example definition's value from its module's exports, by canonical ID.

/** Definitions that only exist once a function runs. */
const CALLED = {
  "loadFeed.q": (exports) => exports.loadFeed(10).query,
};

/** The value of the definition at `astPath` in a module's exports. */
export function pick(exports, astPath) {
  if (CALLED[astPath]) return CALLED[astPath](exports);
  return astPath.split(".").reduce((value, key) => value?.[key], exports);
}
