// artifact-read and update+read: what a plugin or script that wants the artifact pays after a
// one-file edit. The session's artifact has been read once (as a dev server does on its
// first build); each run edits the leaf file (alternating, as edit-leaf does), calls
// `update()` and reads `result.artifact`. Checked on the way: a second read is the same
// object, the artifact equals `JSON.parse(result.artifactJson())`, and every element the
// update did not change is the very object the previous artifact held.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { time } from "./timing.mjs";

/** Elements of `next` that are not the objects of `previous` although the update kept them. */
function unshared(previous, next, changed) {
  let count = 0;
  for (const id of Object.keys(next.elements)) {
    if (!changed.has(id) && next.elements[id] !== previous.elements[id]) count++;
  }
  return count;
}

/**
 * Returns `{ read, updateAndRead }`, each a scenario result (samples in ms). The full
 * checks (deep equality, sharing) run on the last edit only: they cost O(artifact).
 */
export function artifactRead(ctx, session, edit, { warmup, reps }) {
  const path = join(ctx.dir, edit.file);
  const original = readFileSync(path, "utf8");
  const edited = original.replace(edit.from, edit.to);
  const failures = new Set();
  const read = [];
  const both = [];
  const first = time(() => session.getArtifact());
  let previous = first.value;
  const total = warmup + reps + ((warmup + reps) % 2 === 0 ? 1 : 0);
  try {
    for (let i = 0; i < total; i++) {
      writeFileSync(path, i % 2 === 0 ? edited : original);
      const update = time(() => session.update({ updated: [edit.file] }));
      const result = update.value;
      const reading = time(() => result.artifact);
      const artifact = reading.value;
      if (result.artifact !== artifact) failures.add("a second read of result.artifact gave another object");
      if (i >= total - reps) {
        read.push(reading.ms);
        both.push(update.ms + reading.ms);
      }
      if (i === total - 1) {
        if (JSON.stringify(artifact) !== result.artifactJson()) failures.add("result.artifact differs from JSON.parse(result.artifactJson())");
        const changed = new Set([...result.delta.added, ...result.delta.updated]);
        const fresh = unshared(previous, artifact, changed);
        if (fresh) failures.add(`${fresh} elements the update did not change are new objects`);
        if (changed.size === 0) failures.add("the edit changed no element");
      }
      previous = artifact;
    }
  } finally {
    writeFileSync(path, original);
    session.update({ updated: [edit.file] });
  }
  return {
    read: { samples: read, checks: { elements: Object.keys(previous.elements).length, firstReadMs: first.ms }, failures: [...failures] },
    updateAndRead: { samples: both, checks: {}, failures: [...failures] },
  };
}
