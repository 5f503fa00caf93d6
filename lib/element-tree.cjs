// A persistent map of artifact elements keyed by canonical ID, in the artifact's order (UTF-8
// byte order of the IDs). It is a sorted array cut into chunks: a change copies the array of
// chunks (a few hundred pointers at 20k elements) and the chunks it touches, and shares every
// other chunk, and so every unchanged element object, with the tree it was made from.
"use strict";

/** Marks a removal among the changes of one chunk. */
const REMOVED = Symbol("removed");

/** Entries per chunk made by a split; a chunk is split when it holds twice as many. */
const CHUNK = 64;

/**
 * The order of canonical IDs in the artifact: UTF-8 byte order. JS compares UTF-16 code
 * units, which agrees except between a surrogate (a character above U+FFFF, 4 bytes in
 * UTF-8) and U+E000–U+FFFF; those are moved so the astral characters sort last.
 * @param {string} a @param {string} b
 */
function compareIds(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return byteRank(x) - byteRank(y);
  }
  return a.length - b.length;
}

/** @param {number} unit a UTF-16 code unit */
function byteRank(unit) {
  if (unit < 0xd800) return unit;
  if (unit < 0xe000) return unit + 0x2000;
  return unit - 0x800;
}

/** @typedef {{ keys: string[], values: unknown[] }} Chunk */

/** Index of the first entry of `keys` not before `key` (keys.length when none). */
function lowerBound(/** @type {string[]} */ keys, /** @type {string} */ key) {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareIds(keys[mid], key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Cuts one sorted run of entries into chunks of CHUNK. */
function toChunks(/** @type {string[]} */ keys, /** @type {unknown[]} */ values) {
  /** @type {Chunk[]} */
  const chunks = [];
  for (let i = 0; i < keys.length; i += CHUNK) chunks.push({ keys: keys.slice(i, i + CHUNK), values: values.slice(i, i + CHUNK) });
  return chunks;
}

/** Immutable: every change returns a new tree. */
class ElementTree {
  /** @param {Chunk[]} chunks non-empty chunks in order @param {number} size */
  constructor(chunks, size) {
    this.chunks = chunks;
    this.size = size;
    /** @type {string[] | null} */
    this.keyList = null;
  }

  /** A tree of elements given in ID order, keyed by their `id`. */
  static fromSorted(/** @type {{ id: string }[]} */ elements) {
    return new ElementTree(toChunks(elements.map((e) => e.id), elements), elements.length);
  }

  /** Index of the chunk where `key` is or would be inserted. */
  chunkIndex(/** @type {string} */ key) {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const last = chunks[mid].keys;
      if (compareIds(last[last.length - 1], key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The chunk `key` is in and its index there, or null. */
  locate(/** @type {string} */ key) {
    if (this.size === 0) return null;
    const chunk = this.chunks[this.chunkIndex(key)];
    const i = lowerBound(chunk.keys, key);
    return i < chunk.keys.length && chunk.keys[i] === key ? { chunk, i } : null;
  }

  /** The element with ID `key`, or undefined. */
  get(/** @type {string} */ key) {
    const at = this.locate(key);
    return at ? at.chunk.values[at.i] : undefined;
  }

  /** Whether an element has ID `key`. */
  has(/** @type {string} */ key) {
    return this.locate(key) !== null;
  }

  /** Every ID in order (one array per tree, made on first use; do not modify it). */
  keys() {
    if (this.keyList === null) this.keyList = this.chunks.flatMap((c) => c.keys);
    return this.keyList;
  }

  /** Every element in ID order. */
  values() {
    return this.chunks.flatMap((c) => c.values);
  }

  /**
   * This tree with the `entries` ([ID, value]) set and the IDs `removed` deleted. Only the
   * chunks a change falls in are copied.
   * @param {Array<[string, unknown]>} entries @param {string[]} removed
   */
  with(entries, removed) {
    if (entries.length === 0 && removed.length === 0) return this;
    if (this.size === 0) {
      const sorted = entries.slice().sort((a, b) => compareIds(a[0], b[0]));
      return new ElementTree(toChunks(sorted.map((e) => e[0]), sorted.map((e) => e[1])), sorted.length);
    }
    /** @type {Map<number, Array<[string, unknown]>>} */
    const byChunk = new Map();
    const add = (/** @type {string} */ key, /** @type {unknown} */ value) => {
      const at = this.chunkIndex(key);
      const list = byChunk.get(at);
      if (list) list.push([key, value]);
      else byChunk.set(at, [[key, value]]);
    };
    for (const id of removed) add(id, REMOVED);
    for (const [key, value] of entries) add(key, value);
    const chunks = this.chunks.slice();
    let size = this.size;
    // Highest index first: splitting or dropping a chunk shifts only those after it.
    for (const at of [...byChunk.keys()].sort((a, b) => b - a)) {
      const keys = chunks[at].keys.slice();
      const values = chunks[at].values.slice();
      for (const [key, value] of /** @type {Array<[string, unknown]>} */ (byChunk.get(at))) {
        const i = lowerBound(keys, key);
        const present = i < keys.length && keys[i] === key;
        if (value === REMOVED) {
          if (present) {
            keys.splice(i, 1);
            values.splice(i, 1);
            size--;
          }
        } else if (present) {
          values[i] = value;
        } else {
          keys.splice(i, 0, key);
          values.splice(i, 0, value);
          size++;
        }
      }
      const replacement = keys.length > 2 * CHUNK ? toChunks(keys, values) : keys.length ? [{ keys, values }] : [];
      chunks.splice(at, 1, ...replacement);
    }
    return new ElementTree(chunks, size);
  }
}

/** The tree of no elements. */
ElementTree.EMPTY = new ElementTree([], 0);

module.exports = { ElementTree, compareIds };
