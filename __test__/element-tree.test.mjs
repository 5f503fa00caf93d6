// The persistent element tree behind `artifact.elements` (lib/element-tree.cjs), against a
// Map kept in the artifact's order (UTF-8 byte order of the IDs), over seeded random changes:
// small edits, bulk changes, IDs with characters of every UTF-8 length, removals that empty it.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";

const { ElementTree, compareIds } = createRequire(import.meta.url)("../lib/element-tree.cjs");

/** mulberry32: a small seeded generator with good low bits. */
function rng(seed) {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const PIECES = ["a", "b", "z", "::", "/", "1", "é", "\uE000", "\uFFFF", "\u{1F600}", "\u{10FFFF}"];
const byteOrder = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));

test("compareIds is UTF-8 byte order, also across surrogates and U+E000–U+FFFF", () => {
  const ids = ["a", "\uE000", "\uFFFF", "\u{1F600}", "é", "a::b", "a:", "", "\u{10FFFF}", "z"];
  assert.deepEqual(ids.slice().sort(compareIds), ids.slice().sort(byteOrder));
});

test("the tree equals a sorted Map after every change, and never changes a tree it was made from", () => {
  for (const seed of [1, 2, 3]) {
    const r = rng(seed);
    const key = () => Array.from({ length: r(6) + 1 }, () => PIECES[r(PIECES.length)]).join("");
    const model = new Map();
    let tree = ElementTree.EMPTY;
    let largest = 0;
    for (let step = 0; step < 600; step++) {
      const seen = new Set();
      const entries = [];
      const removed = [];
      const count = step % 100 === 0 ? 2000 : r(12) + 1;
      const removing = step > 450 ? 3 : 1;
      for (let k = 0; k < count; k++) {
        const known = [...model.keys()];
        const id = known.length && r(2) ? known[r(known.length)] : key();
        if (seen.has(id)) continue;
        seen.add(id);
        if (r(4) < removing) removed.push(id);
        else entries.push([id, { id, step }]);
      }
      const before = tree;
      const beforeKeys = before.keys().slice();
      tree = tree.with(entries, removed);
      for (const [id, value] of entries) model.set(id, value);
      for (const id of removed) model.delete(id);
      assert.deepEqual(before.keys(), beforeKeys, "the earlier tree is unchanged");
      const expected = [...model.keys()].sort(byteOrder);
      assert.deepEqual(tree.keys(), expected, `keys after step ${step} (seed ${seed})`);
      assert.equal(tree.size, model.size);
      for (const id of expected) assert.equal(tree.get(id), model.get(id));
      assert.ok(tree.chunks.every((c) => c.keys.length > 0 && c.keys.length <= 128), "chunks are non-empty and bounded");
      largest = Math.max(largest, tree.size);
    }
    assert.ok(largest > 1000, `the tree grew to ${largest}`);
  }
});

test("a change copies only the chunks it falls in", () => {
  const ids = Array.from({ length: 5000 }, (_, i) => `src/f${String(i).padStart(5, "0")}.ts::Q`);
  const tree = ElementTree.fromSorted(ids.map((id) => ({ id })));
  const next = tree.with([[ids[2500], { id: ids[2500], v: 2 }]], []);
  const shared = next.chunks.filter((c, i) => c === tree.chunks[i]).length;
  assert.equal(shared, tree.chunks.length - 1);
  assert.equal(next.get(ids[2499]), tree.get(ids[2499]));
});
