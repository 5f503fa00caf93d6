//! `DUPLICATE_OPERATION_NAME` (docs/reference/dsl.md §5.6), kept up to date incrementally: operations are
//! grouped by (schema label, name); a group of two or more is an error at every member,
//! and none of them is built (a store keyed by name could not tell them apart).

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use std::path::Path;

use crate::analysis::canonical_id::CanonicalId;
use crate::diagnostic::line_index::LineIndex;
use crate::diagnostic::{Diagnostic, RawDiagnostic, Related};
use crate::sources::source_file::source_text;
use crate::sources::source_file::SourceFile;

type Key = (String, String);

/// Operations grouped by (label, name).
#[derive(Default)]
pub struct DuplicateNames {
    groups: BTreeMap<Key, BTreeSet<String>>,
    key_of: FxHashMap<String, Key>,
    /// Members of groups whose size changed since the last `take_changed`.
    changed: BTreeSet<String>,
}

impl DuplicateNames {
    /// Records that definition `id` is now the operation `key` (or not an operation).
    pub fn update(&mut self, id: &str, key: Option<Key>) {
        if self.key_of.get(id) == key.as_ref() {
            return;
        }
        if let Some(old) = self.key_of.remove(id) {
            self.leave(&old, id);
        }
        if let Some(key) = key {
            let group = self.groups.entry(key.clone()).or_default();
            group.insert(id.to_string());
            self.changed.extend(group.iter().cloned());
            self.key_of.insert(id.to_string(), key);
        }
    }

    fn leave(&mut self, key: &Key, id: &str) {
        if let Some(group) = self.groups.get_mut(key) {
            group.remove(id);
            self.changed.extend(group.iter().cloned());
            if group.is_empty() {
                self.groups.remove(key);
            }
        }
    }

    /// Whether `id` shares its name with another operation of its schema.
    pub fn is_duplicate(&self, id: &str) -> bool {
        self.key_of
            .get(id)
            .and_then(|k| self.groups.get(k))
            .is_some_and(|g| g.len() > 1)
    }

    /// The definitions whose duplicate status may have changed.
    pub fn take_changed(&mut self) -> BTreeSet<String> {
        std::mem::take(&mut self.changed)
    }

    /// The located diagnostics of every duplicate group.
    pub fn diagnostics(
        &self,
        files: &FxHashMap<String, SourceFile>,
        root: &Path,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for ((label, name), ids) in self.groups.iter().filter(|(_, g)| g.len() > 1) {
            let located: Vec<Diagnostic> = ids
                .iter()
                .filter_map(|id| {
                    let (file, ast_path) = CanonicalId::split(id)?;
                    let def = files
                        .get(file)?
                        .analysis
                        .definitions
                        .iter()
                        .find(|d| d.ast_path == ast_path)?;
                    let text = source_text(files, root, file);
                    let message = format!(
                        "Operation name \"{name}\" is used by {} operations of schema \"{label}\".",
                        ids.len()
                    );
                    let raw =
                        RawDiagnostic::error("DUPLICATE_OPERATION_NAME", message, def.name_span);
                    let mut d = raw.locate(file, &text, &LineIndex::new(&text));
                    d.canonical_id = Some(id.clone());
                    Some(d)
                })
                .collect();
            for (i, d) in located.iter().enumerate() {
                let mut d = d.clone();
                d.related = located
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, o)| Related {
                        file: o.file.clone(),
                        line: o.line,
                        column: o.column,
                        message: format!("\"{name}\" is also defined here"),
                    })
                    .collect();
                out.push(d);
            }
        }
        out
    }
}
