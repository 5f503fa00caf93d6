//! The end of a refresh: the artifact's elements (copied on write) and the located
//! diagnostics of every definition that was prepared, composed or moved in or out of a cycle.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::artifact::element::Element;
use crate::compose::prepare::Prepared;
use crate::derive::{DerivedState, Inputs};
use crate::diagnostic::line_index::LineIndex;
use crate::diagnostic::{Diagnostic, RawDiagnostic, Related};
use crate::sources::source_file::{source_text, SourceFile};
use crate::validate::Problem;

impl DerivedState {
    pub(crate) fn publish(
        &mut self,
        inputs: &Inputs,
        touched: &BTreeSet<String>,
        relocate: &BTreeSet<String>,
        clean: &rustc_hash::FxHashSet<String>,
    ) {
        let publishable = |id: &String| {
            self.built_element(id)
                .filter(|_| !self.duplicates.is_duplicate(id))
        };
        let unchanged = touched
            .iter()
            .all(|id| match (publishable(id), self.elements.get(id)) {
                (Some(new), Some(old)) => Arc::ptr_eq(new, old),
                (None, None) => true,
                _ => false,
            });
        // Copy-on-write: results of earlier builds still share the map; copy it only for a real change.
        if !unchanged {
            let updates: Vec<(String, Option<Arc<Element>>)> = touched
                .iter()
                .map(|id| (id.clone(), publishable(id).cloned()))
                .collect();
            let elements = &mut self.elements;
            for (id, element) in updates {
                match element {
                    Some(element) => elements.insert(id, element),
                    None => elements.remove(&id),
                };
            }
        }
        for id in relocate {
            if clean.contains(id) {
                self.diagnostics.remove(id);
            } else if self.records.contains_key(id) && self.ensure_prepared(inputs, id) {
                // Problems found while composing live in the memo: a restored session
                // composes the definition again to place them.
                let composed_here =
                    self.memo.composed.contains_key(id) || self.memo.diagnostics.contains_key(id);
                if !composed_here && self.records[id].has_problems {
                    self.ensure_composed(inputs, id, &mut rustc_hash::FxHashSet::default());
                }
                self.locate(inputs.files, inputs.root, id);
            }
        }
    }

    fn locate(&mut self, files: &FxHashMap<String, SourceFile>, root: &Path, id: &str) {
        let prepared = &self.prepared[id];
        let mut raw: Vec<RawDiagnostic> = prepared.diagnostics.clone();
        if let Some(chain) = self.cycles.get(id) {
            raw.push(cycle_diagnostic(prepared, chain));
        }
        let problems = self.memo.diagnostics.get(id);
        if raw.is_empty() && problems.is_none_or(Vec::is_empty) {
            self.diagnostics.remove(id);
            return;
        }
        let mut texts = SourceTexts::new(files, root);
        let mut located: Vec<Diagnostic> = raw
            .iter()
            .map(|d| {
                let (text, index) = texts.get(&prepared.file);
                let mut located = d.locate(&prepared.file, text, index);
                located.canonical_id = Some(id.to_string());
                located
            })
            .collect();
        for problem in problems.into_iter().flatten() {
            let mut diagnostic = texts.locate(problem);
            diagnostic.canonical_id = Some(id.to_string());
            located.push(diagnostic);
        }
        self.diagnostics.insert(id.to_string(), located);
    }

    /// Every diagnostic of the definitions, unsorted.
    pub fn all_diagnostics(
        &self,
        files: &FxHashMap<String, SourceFile>,
        root: &Path,
    ) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self.diagnostics.values().flatten().cloned().collect();
        out.extend(self.duplicates.diagnostics(files, root));
        out
    }
}

/// Source texts with their line indexes, read once per file for one definition's
/// diagnostics (validation places problems in the files of interpolated fragments too).
struct SourceTexts<'a> {
    files: &'a FxHashMap<String, SourceFile>,
    root: &'a Path,
    loaded: FxHashMap<String, (String, LineIndex)>,
}

impl<'a> SourceTexts<'a> {
    fn new(files: &'a FxHashMap<String, SourceFile>, root: &'a Path) -> Self {
        SourceTexts {
            files,
            root,
            loaded: FxHashMap::default(),
        }
    }

    fn get(&mut self, file: &str) -> (&str, &LineIndex) {
        let (files, root) = (self.files, self.root);
        let (text, index) = self.loaded.entry(file.to_string()).or_insert_with(|| {
            let text = source_text(files, root, file).to_string();
            let index = LineIndex::new(&text);
            (text, index)
        });
        (text.as_str(), index)
    }

    fn locate(&mut self, problem: &Problem) -> Diagnostic {
        let raw = RawDiagnostic::error(&problem.code, problem.message.clone(), problem.at.span);
        let (text, index) = self.get(&problem.at.file);
        let mut diagnostic = raw.locate(&problem.at.file, text, index);
        for (place, message) in &problem.related {
            let (text, index) = self.get(&place.file);
            let (line, column) = index.line_col(text, place.span.start);
            diagnostic.related.push(Related {
                file: place.file.clone(),
                line,
                column,
                message: message.clone(),
            });
        }
        diagnostic
    }
}

fn cycle_diagnostic(p: &Prepared, chain: &[String]) -> RawDiagnostic {
    let next = chain.get(1).map(String::as_str).unwrap_or_default();
    let at = p
        .links
        .iter()
        .position(|l| l.as_ref().is_some_and(|l| l.target == next))
        .unwrap_or(0);
    let span = p
        .def()
        .template
        .interpolations
        .get(at)
        .map(|i| i.span)
        .unwrap_or(p.def().name_span);
    RawDiagnostic::error(
        "FRAGMENT_CYCLE",
        format!("Fragment cycle: {}", chain.join(" → ")),
        span,
    )
}
