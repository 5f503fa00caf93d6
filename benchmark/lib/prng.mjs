// A small seeded PRNG (mulberry32) and the draws the generator needs. Math.random is never
// used: the same seed must give the same project, byte for byte, on every machine.

/**
 * A deterministic random source seeded by a 32-bit integer (or a string, hashed).
 * `fork(label)` derives an independent stream, so adding draws in one part of the
 * generator does not shift every later part.
 */
export class Rng {
  constructor(seed) {
    this.seed = typeof seed === "string" ? hashString(seed) : seed >>> 0;
    this.state = this.seed;
  }

  /** A float in [0, 1). */
  next() {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max] (both included). */
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p) {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Up to `n` distinct elements, in the order drawn. */
  sample(items, n) {
    const copy = items.slice();
    const out = [];
    while (out.length < n && copy.length > 0) {
      out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]);
    }
    return out;
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle(items) {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  /** An independent stream derived from this seed and a label. */
  fork(label) {
    return new Rng((this.seed ^ hashString(label)) >>> 0);
  }
}

/** FNV-1a over UTF-16 code units: a stable 32-bit hash for seeds and labels. */
export function hashString(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
