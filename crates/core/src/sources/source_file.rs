//! One source file as the session holds it: fingerprint, analysis, resolved specifiers,
//! and (for files with definitions) the text, needed to place composition diagnostics.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::analysis::canonical_id::CanonicalId;
use crate::analysis::model::FileAnalysis;
use crate::diagnostic::Diagnostic;
use crate::discovery::fingerprint::Fingerprint;
use crate::sources::lazy_analysis::LazyAnalysis;

/// Where an import or re-export specifier of a file leads.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Target {
    /// A source file of the build (root-relative path).
    File(String),
    /// A file that exists but is not part of the build (not matched by include).
    Outside(String),
    /// A package, never followed.
    External,
    /// Names no file.
    Unresolved,
}

/// A source file after discovery and analysis.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Root-relative path with `/` separators.
    pub path: String,
    pub fingerprint: Fingerprint,
    pub analysis: LazyAnalysis,
    /// Specifier → target for the specifiers the definition graph may follow (files with
    /// definitions or re-exports); empty for other files.
    pub targets: BTreeMap<String, Target>,
    /// Analysis diagnostics, located.
    pub diagnostics: Vec<Diagnostic>,
    /// The text, kept only for files with definitions.
    pub text: Option<Arc<str>>,
}

impl SourceFile {
    /// Whether the definition graph may pass through this file.
    pub fn is_linkable(analysis: &FileAnalysis) -> bool {
        use crate::analysis::model::ExportEntry;
        !analysis.definitions.is_empty()
            || analysis.exports.iter().any(|e| match e {
                // `import { x } from "./a"; export { x }` passes a fragment through.
                ExportEntry::Local { local, .. } => {
                    analysis.imports.iter().any(|i| &i.local == local)
                }
                _ => true,
            })
    }

    /// The target of a specifier used in this file.
    pub fn target(&self, specifier: &str) -> &Target {
        self.targets.get(specifier).unwrap_or(&Target::Unresolved)
    }
}

impl SourceFile {
    /// Whether another file's interpolation lookups could see a difference between these
    /// two versions: imports, exports, top-level names, which definitions exist (and what
    /// kind and label), and where specifiers lead. Spans do not count.
    pub fn same_link_surface(&self, other: &SourceFile) -> bool {
        let (a, b) = (&self.analysis, &other.analysis);
        a.exports == b.exports
            && a.top_level_names == b.top_level_names
            && a.imports.len() == b.imports.len()
            && a.imports
                .iter()
                .zip(&b.imports)
                .all(|(x, y)| x.local == y.local && x.specifier == y.specifier && x.kind == y.kind)
            && a.definitions.len() == b.definitions.len()
            && a.definitions
                .iter()
                .zip(&b.definitions)
                .all(|(x, y)| x.ast_path == y.ast_path && x.kind == y.kind && x.label == y.label)
            && self.targets == other.targets
    }

    /// Canonical IDs of this file's definitions.
    pub fn definition_ids(&self) -> impl Iterator<Item = String> + '_ {
        self.analysis
            .definitions
            .iter()
            .map(move |d| CanonicalId::new(&self.path, &d.ast_path).into_string())
    }
}

/// The text of a file with definitions: kept in memory after a cold build, read back from
/// disk after a restore (only ever needed to place a diagnostic).
pub(crate) fn source_text(
    files: &rustc_hash::FxHashMap<String, SourceFile>,
    root: &std::path::Path,
    path: &str,
) -> Arc<str> {
    match files.get(path).and_then(|f| f.text.clone()) {
        Some(text) => text,
        None => Arc::from(std::fs::read_to_string(root.join(path)).unwrap_or_default()),
    }
}
