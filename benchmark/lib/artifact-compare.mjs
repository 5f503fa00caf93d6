// "Incremental = full" (docs/reference/performance.md): the session's artifact minus `report` must equal,
// byte for byte, the artifact of a fresh `buildInitial()` over the same files.

import { createHash } from "node:crypto";

/** Artifact JSON text without `report`. */
export function comparable(artifactJson) {
  const { report, ...rest } = JSON.parse(artifactJson);
  return JSON.stringify(rest);
}

/** sha256 of a comparable artifact (what child processes report instead of the text). */
export function artifactHash(artifactJson) {
  return createHash("sha256").update(comparable(artifactJson)).digest("hex");
}

/** The comparable artifact of a new session's cold build of `configPath`. */
export function freshArtifact(addon, configPath) {
  const session = new addon.BuilderSession({ configPath });
  try {
    return comparable(session.buildInitial().artifactJson());
  } finally {
    session.dispose();
  }
}

/** Where two comparable artifacts first differ, in a line a report can hold. */
export function describeDifference(incremental, full) {
  const a = JSON.parse(incremental);
  const b = JSON.parse(full);
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (JSON.stringify(a[key]) === JSON.stringify(b[key])) continue;
    if (key === "elements" && a.elements && b.elements) {
      const ids = [...new Set([...Object.keys(a.elements), ...Object.keys(b.elements)])].sort();
      const differing = ids.filter((id) => JSON.stringify(a.elements[id]) !== JSON.stringify(b.elements[id]));
      return `elements differ: ${differing.slice(0, 3).join(", ")}${differing.length > 3 ? ` and ${differing.length - 3} more` : ""}`;
    }
    return `"${key}" differs`;
  }
  return "key order differs";
}

/**
 * Compares `session`'s artifact with a fresh build; returns null when equal, else a
 * failure message naming `when`.
 */
export function incrementalEqualsFull(addon, configPath, session, when) {
  const incremental = comparable(session.getArtifactJson());
  const full = freshArtifact(addon, configPath);
  return incremental === full ? null : `incremental ≠ full ${when}: ${describeDifference(incremental, full)}`;
}
