//! What a build reports (docs/reference/api.md §2): generation, delta, affected files, diagnostics,
//! stats — and the trace of what it re-ran, for tests and `explain`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::analysis::canonical_id::CanonicalId;
use crate::artifact::element::{Element, ElementMap};

/// Canonical IDs that a build added, updated and removed, each sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delta {
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub removed: Vec<String>,
}

impl Delta {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.updated.is_empty() && self.removed.is_empty()
    }
}

/// Counters of one build.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BuildStats {
    /// Files whose fingerprint matched: not read.
    pub hits: u32,
    /// Files read (new, or their stat changed).
    pub misses: u32,
    /// Files read whose content hash was unchanged: not re-analysed.
    pub skips: u32,
    /// Files parsed and analysed.
    pub parsed: u32,
    pub chunks_written: u32,
    pub chunks_reused: u32,
    /// Type files written (types on; only those whose bytes changed).
    pub types_written: u32,
    pub duration_ms: f64,
    /// Milliseconds per phase (`discover`, `scan`, `analyze`, `compose`, `chunks`, …).
    pub phases: BTreeMap<String, f64>,
}

/// What a build re-ran, by name: the proof that an update touched only what it had to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BuildTrace {
    /// Files read from disk.
    pub read: Vec<String>,
    /// Files parsed and analysed.
    pub analyzed: Vec<String>,
    /// Definitions composed.
    pub recomposed: Vec<String>,
    /// Source files whose chunk was written.
    pub chunks_written: Vec<String>,
    /// Source files whose chunk was deleted.
    pub chunks_deleted: Vec<String>,
    /// Source files whose type file was written (its bytes changed).
    pub types_written: Vec<String>,
    /// Source files whose type file was removed.
    pub types_deleted: Vec<String>,
}

/// What the last build that changed something re-ran. Kept in `session.json`, so that
/// `fizz explain` in a later process can tell what the last (watch) update did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LastUpdate {
    pub generation: u32,
    /// Files parsed and analysed, sorted.
    pub analyzed: Vec<String>,
    /// Definitions composed, sorted.
    pub recomposed: Vec<String>,
    pub delta: Delta,
}

/// The result of one build.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BuildResult {
    /// The output revision: it grows by one with each build that changed the artifact
    /// (elements or diagnostics), so a consumer that saw generation `g` has seen every
    /// output up to it. A build that changes nothing keeps it. (Unlike salsa's revision, it
    /// counts outputs, not inputs.)
    pub generation: u32,
    pub delta: Delta,
    /// Source files whose transform output changed: what HMR must reload.
    pub affected_files: Vec<String>,
    /// The artifact's diagnostics plus what happened in this build only.
    pub diagnostics: Vec<crate::diagnostic::Diagnostic>,
    pub stats: BuildStats,
    pub trace: BuildTrace,
}

/// The delta between two element sets, looking only at the elements of `files`.
pub fn delta_for_files(before: &ElementMap, after: &ElementMap, files: &BTreeSet<String>) -> Delta {
    let mut out = Delta::default();
    for file in files {
        let prefix = CanonicalId::file_prefix(file);
        let old: BTreeMap<&String, &Arc<Element>> = before
            .range(prefix.clone()..)
            .take_while(|(id, _)| id.starts_with(&prefix))
            .collect();
        let new: BTreeMap<&String, &Arc<Element>> = after
            .range(prefix.clone()..)
            .take_while(|(id, _)| id.starts_with(&prefix))
            .collect();
        for (id, element) in &new {
            match old.get(id) {
                None => out.added.push((*id).clone()),
                Some(previous) if !same_element(previous, element) => {
                    out.updated.push((*id).clone())
                }
                Some(_) => {}
            }
        }
        out.removed.extend(
            old.keys()
                .filter(|id| !new.contains_key(*id))
                .map(|id| (*id).clone()),
        );
    }
    for list in [&mut out.added, &mut out.updated, &mut out.removed] {
        list.sort();
    }
    out
}

fn same_element(a: &Element, b: &Element) -> bool {
    a.metadata.content_hash == b.metadata.content_hash && a.dependencies == b.dependencies
}

/// The files of a delta's IDs, sorted.
pub fn affected_files(delta: &Delta) -> Vec<String> {
    let files: BTreeSet<String> = delta
        .added
        .iter()
        .chain(&delta.updated)
        .chain(&delta.removed)
        .filter_map(|id| CanonicalId::file_of(id).map(str::to_string))
        .collect();
    files.into_iter().collect()
}
