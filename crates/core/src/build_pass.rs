//! One pass from source state (analysed files, schemas) to derived state (elements and
//! artifact diagnostics): prepare every definition in parallel, find cycles, compose,
//! print, and check operation names across the whole build.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::analysis::model::DefinitionKind;
use crate::compose::cycles::find_cycles;
use crate::compose::prepare::{prepare, Prepared};
use crate::compose::Composer;
use crate::diagnostic::{Diagnostic, RawDiagnostic, Related};
use crate::element::{build_element, Element};
use crate::graphql::schema::Schema;
use crate::line_index::LineIndex;
use crate::linker::Linker;
use crate::source_file::SourceFile;

/// What a pass derives.
#[derive(Default)]
pub struct PassOutput {
    pub elements: BTreeMap<String, Arc<Element>>,
    /// Diagnostics of definitions (not of analysis), located.
    pub diagnostics: Vec<Diagnostic>,
    pub prepared: FxHashMap<String, Prepared>,
}

/// Runs the pass over every definition of `files`.
pub fn run(files: &FxHashMap<String, SourceFile>, schemas: &BTreeMap<String, Schema>) -> PassOutput {
    let linker = Linker::new(files);
    let mut definitions: Vec<(&SourceFile, usize)> =
        files.values().flat_map(|f| (0..f.analysis.definitions.len()).map(move |i| (f, i))).collect();
    definitions.sort_by(|a, b| (&a.0.path, a.1).cmp(&(&b.0.path, b.1)));
    let prepared: FxHashMap<String, Prepared> = definitions
        .par_iter()
        .map(|(file, index)| prepare(&file.path, &file.analysis, *index, schemas, &linker))
        .map(|p| (p.id.clone(), p))
        .collect();
    let edges: FxHashMap<&str, Vec<&str>> = prepared
        .values()
        .filter(|p| !p.has_errors())
        .map(|p| (p.id.as_str(), p.links.iter().flatten().map(|l| l.target.as_str()).collect()))
        .collect();
    let cycles = find_cycles(&edges);
    let mut ids: Vec<&String> = prepared.keys().collect();
    ids.sort();
    let mut composer = Composer::new(&prepared, schemas, &cycles);
    let mut raw: Vec<(String, RawDiagnostic)> = Vec::new();
    let mut elements = BTreeMap::new();
    for id in &ids {
        let p = &prepared[*id];
        raw.extend(p.diagnostics.iter().map(|d| (id.to_string(), d.clone())));
        if let Some(chain) = cycles.get(id.as_str()) {
            raw.push((id.to_string(), cycle_diagnostic(p, chain)));
        }
        let Some(composed) = composer.compose(id) else { continue };
        match build_element(id, &p.file, p.def(), &composed) {
            Ok(element) => {
                elements.insert(id.to_string(), Arc::new(element));
            }
            Err(message) => raw.push((id.to_string(), RawDiagnostic::error("INTERNAL", message, p.def().name_span))),
        }
    }
    for (id, found) in std::mem::take(&mut composer.diagnostics) {
        raw.extend(found.into_iter().map(|d| (id.clone(), d)));
    }
    let mut diagnostics = locate_all(files, &prepared, raw);
    diagnostics.extend(duplicate_operation_names(files, &prepared, &mut elements));
    PassOutput { elements, diagnostics, prepared }
}

fn cycle_diagnostic(p: &Prepared, chain: &[String]) -> RawDiagnostic {
    let next = chain.get(1).map(String::as_str).unwrap_or_default();
    let at = p.links.iter().position(|l| l.as_ref().is_some_and(|l| l.target == next)).unwrap_or(0);
    let span = p.def().template.interpolations.get(at).map(|i| i.span).unwrap_or(p.def().name_span);
    RawDiagnostic::error("FRAGMENT_CYCLE", format!("Fragment cycle: {}", chain.join(" → ")), span)
}

fn locate_all(files: &FxHashMap<String, SourceFile>, prepared: &FxHashMap<String, Prepared>, raw: Vec<(String, RawDiagnostic)>) -> Vec<Diagnostic> {
    let mut indexes: FxHashMap<&str, LineIndex> = FxHashMap::default();
    raw.into_iter()
        .map(|(id, d)| {
            let file = &prepared[&id].file;
            let text = files.get(file).and_then(|f| f.text.as_deref()).unwrap_or("");
            let index = indexes.entry(file.as_str()).or_insert_with(|| LineIndex::new(text));
            let mut located = d.locate(file, text, index);
            located.canonical_id = Some(id);
            located
        })
        .collect()
}

/// Two operations of one schema label with one name: an error at both places, and
/// neither is built (a persisted-operation store keyed by name could not tell them apart).
fn duplicate_operation_names(
    files: &FxHashMap<String, SourceFile>,
    prepared: &FxHashMap<String, Prepared>,
    elements: &mut BTreeMap<String, Arc<Element>>,
) -> Vec<Diagnostic> {
    let mut by_name: BTreeMap<(&str, &str), Vec<&Prepared>> = BTreeMap::new();
    for p in prepared.values() {
        if matches!(p.def().kind, DefinitionKind::Operation(_)) && !p.has_errors() {
            by_name.entry((&p.def().label, &p.def().name)).or_default().push(p);
        }
    }
    let mut out = Vec::new();
    for ((label, name), mut places) in by_name.into_iter().filter(|(_, v)| v.len() > 1) {
        places.sort_by(|a, b| a.id.cmp(&b.id));
        let located: Vec<Diagnostic> = places
            .iter()
            .map(|p| {
                let text = files.get(&p.file).and_then(|f| f.text.as_deref()).unwrap_or("");
                let message = format!("Operation name \"{name}\" is used by {} operations of schema \"{label}\".", places.len());
                let mut d = RawDiagnostic::error("DUPLICATE_OPERATION_NAME", message, p.def().name_span).locate(&p.file, text, &LineIndex::new(text));
                d.canonical_id = Some(p.id.clone());
                d
            })
            .collect();
        for (i, d) in located.iter().enumerate() {
            let mut d = d.clone();
            d.related = located
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, o)| Related { file: o.file.clone(), line: o.line, column: o.column, message: format!("\"{name}\" is also defined here") })
                .collect();
            elements.remove(d.canonical_id.as_deref().unwrap_or_default());
            out.push(d);
        }
    }
    out
}
