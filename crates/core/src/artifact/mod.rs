//! The artifact (docs/reference/artifact.md §1): elements keyed by canonical ID in byte order, sorted
//! diagnostics, and the `report`, the only part allowed to differ between equal builds.

pub mod build_result;
pub mod element;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use im::ordmap::DiffItem;

use crate::artifact::element::{Element, ElementMap};
use crate::diagnostic::Diagnostic;

/// Format version of the artifact JSON.
pub const ARTIFACT_VERSION: u32 = 1;

/// The artifact of one build.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Artifact {
    pub version: u32,
    pub elements: ElementMap,
    pub diagnostics: Arc<Vec<Diagnostic>>,
    pub report: Report,
}

/// What [`Artifact::changes_since`] found.
#[derive(Debug, Default)]
pub struct ElementChanges<'a> {
    /// Elements added or changed, in ID order.
    pub upserts: Vec<&'a Arc<Element>>,
    /// IDs of the elements removed, in ID order.
    pub removed: Vec<&'a String>,
}

/// How the build went; never compared between builds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub duration_ms: f64,
    pub stats: ReportStats,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportStats {
    pub hits: u32,
    pub misses: u32,
    pub skips: u32,
}

impl Artifact {
    /// Compact JSON text of the whole artifact.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// JSON text of the whole artifact, indented by two spaces (the same text as
    /// `JSON.stringify(artifact, null, 2)`): what the CLI writes to `--artifact`.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The elements this artifact adds or changes against `base`, in ID order, and the IDs
    /// of `base`'s elements it no longer has. The element map is persistent: the diff skips
    /// the subtrees both share, so it costs what changed, not the size of the artifact.
    pub fn changes_since<'a>(&'a self, base: &'a Artifact) -> ElementChanges<'a> {
        let mut changes = ElementChanges::default();
        for item in base.elements.diff(&self.elements) {
            match item {
                DiffItem::Add(_, element)
                | DiffItem::Update {
                    new: (_, element), ..
                } => changes.upserts.push(element),
                DiffItem::Remove(id, _) => changes.removed.push(id),
            }
        }
        changes
    }

    /// Whether `other` is this very artifact (a second read of one build), not merely equal.
    pub fn is_same(&self, other: &Artifact) -> bool {
        self.elements.ptr_eq(&other.elements)
            && Arc::ptr_eq(&self.diagnostics, &other.diagnostics)
            && self.report == other.report
            && self.version == other.version
    }

    /// JSON text of everything but `report`: what two builds of the same inputs share byte for byte.
    pub fn comparable_json(&self) -> String {
        serde_json::to_string(&(&self.version, &self.elements, &self.diagnostics))
            .unwrap_or_default()
    }
}
