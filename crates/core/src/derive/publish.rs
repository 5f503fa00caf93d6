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
use crate::diagnostic::{Diagnostic, RawDiagnostic};
use crate::sources::source_file::{source_text, SourceFile};

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
        // Composition's conflicts are at the definition's name: placed at the name as the
        // file is now, so an unchanged definition that moved (a line inserted above it) is
        // located where it is, not where it was when it was last composed.
        let name_span = prepared.def().name_span;
        raw.extend(self.memo.diagnostics.get(id).cloned().map(|mut d| {
            d.span = name_span;
            d
        }));
        if raw.is_empty() {
            self.diagnostics.remove(id);
            return;
        }
        let text = source_text(files, root, &prepared.file);
        let index = LineIndex::new(&text);
        let located = raw
            .iter()
            .map(|d| {
                let mut located = d.locate(&prepared.file, &text, &index);
                located.canonical_id = Some(id.to_string());
                located
            })
            .collect();
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
