//! Derived state: everything computed from the analysed files and the schemas —
//! prepared definitions, the definition graph (links, dependents, files each lookup
//! read), cycles, composed forms, elements and their diagnostics. `refresh` patches it in
//! place for a set of dirty definitions; a cold build is a refresh with every definition dirty.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::analysis::model::DefinitionKind;
use crate::compose::cycles::find_cycles;
use crate::compose::prepare::{prepare, Prepared};
use crate::compose::{compose_one, Composed, CompositionMemo};
use crate::diagnostic::{Diagnostic, RawDiagnostic};
use crate::duplicate_names::DuplicateNames;
use crate::element::{build_element, Element};
use crate::graphql::ast::{OperationDefinition, OperationType, SelectionSet};
use crate::graphql::print::print_operation;
use crate::graphql::schema::Schema;
use crate::hashing::hash_hex;
use crate::line_index::LineIndex;
use crate::linker::Linker;
use crate::source_file::SourceFile;

/// Below this many definitions, preparing in parallel costs more than it saves.
const PARALLEL_PREPARE_MIN: usize = 32;

/// What the definitions of the build have become.
#[derive(Default)]
pub struct DerivedState {
    pub prepared: FxHashMap<String, Prepared>,
    /// Fragment ID → the definitions that interpolate it directly.
    pub dependents: FxHashMap<String, BTreeSet<String>>,
    /// File → the definitions whose interpolation lookups read it.
    pub readers: FxHashMap<String, FxHashSet<String>>,
    pub cycles: FxHashMap<String, Vec<String>>,
    pub memo: CompositionMemo,
    /// Per definition, a hash of its composed form (selections, variables with types, dependencies).
    composed_hashes: FxHashMap<String, String>,
    /// Every element that composed, including operations held back by a duplicate name.
    built: FxHashMap<String, Arc<Element>>,
    /// The artifact's elements.
    pub elements: Arc<BTreeMap<String, Arc<Element>>>,
    /// Located diagnostics per definition (its own, composition's, cycles).
    pub diagnostics: FxHashMap<String, Vec<Diagnostic>>,
    pub duplicates: DuplicateNames,
}

/// What one refresh did.
#[derive(Debug, Default)]
pub struct Refresh {
    /// Definitions prepared again.
    pub prepared: Vec<String>,
    /// Definitions composed again.
    pub recomposed: Vec<String>,
    /// Element IDs whose artifact entry was added, changed or removed.
    pub touched: BTreeSet<String>,
}

/// The definitions to refresh.
#[derive(Debug, Default)]
pub struct Dirty {
    /// Prepare again (their file changed, or a file their lookups read).
    pub prepare: FxHashSet<String>,
    /// Compose again even if their preparation is unchanged (their schema changed).
    pub force: FxHashSet<String>,
    /// Gone from the build.
    pub removed: FxHashSet<String>,
}

impl DerivedState {
    /// Brings the state up to date with `files` for the `dirty` definitions.
    pub fn refresh(
        &mut self,
        files: &FxHashMap<String, SourceFile>,
        schemas: &BTreeMap<String, Schema>,
        mut dirty: Dirty,
    ) -> Refresh {
        let mut out = Refresh::default();
        let mut changed: FxHashSet<String> = dirty.force.clone();
        for id in &dirty.removed {
            dirty
                .prepare
                .extend(self.dependents.get(id).into_iter().flatten().cloned());
            self.drop_definition(id);
            changed.insert(id.clone());
            out.touched.insert(id.clone());
        }
        let linker = Linker::new(files);
        let mut ids: Vec<&String> = dirty
            .prepare
            .iter()
            .filter(|id| !dirty.removed.contains(*id))
            .collect();
        ids.sort();
        let fresh = prepare_all(files, schemas, &linker, &ids);
        let mut links_changed = !dirty.removed.is_empty();
        for prepared in fresh {
            let id = prepared.id.clone();
            let same = self
                .prepared
                .get(&id)
                .is_some_and(|old| old.same_composition_inputs(&prepared));
            if !same {
                links_changed |= self
                    .prepared
                    .get(&id)
                    .is_none_or(|old| old.links != prepared.links);
                changed.insert(id.clone());
            }
            self.index_edges(&prepared);
            self.duplicates.update(&id, operation_key(&prepared));
            out.prepared.push(id.clone());
            self.prepared.insert(id, prepared);
        }
        let mut relocate: BTreeSet<String> = out.prepared.iter().cloned().collect();
        if links_changed {
            let moved = self.refresh_cycles();
            relocate.extend(moved.iter().cloned());
            changed.extend(moved);
        }
        self.recompose(schemas, &changed, &mut out);
        out.recomposed.sort();
        relocate.extend(out.recomposed.iter().cloned());
        for id in self.duplicates.take_changed() {
            out.touched.insert(id);
        }
        self.publish(files, &out.touched, &relocate);
        out
    }

    fn drop_definition(&mut self, id: &str) {
        if let Some(old) = self.prepared.remove(id) {
            self.unindex_edges(&old);
        }
        self.memo.forget(id);
        self.composed_hashes.remove(id);
        self.built.remove(id);
        self.diagnostics.remove(id);
        self.duplicates.update(id, None);
    }

    fn index_edges(&mut self, prepared: &Prepared) {
        if let Some(old) = self.prepared.get(&prepared.id).cloned() {
            self.unindex_edges(&old);
        }
        for link in prepared.links.iter().flatten() {
            self.dependents
                .entry(link.target.clone())
                .or_default()
                .insert(prepared.id.clone());
        }
        for file in &prepared.via {
            self.readers
                .entry(file.clone())
                .or_default()
                .insert(prepared.id.clone());
        }
    }

    fn unindex_edges(&mut self, prepared: &Prepared) {
        for link in prepared.links.iter().flatten() {
            if let Some(set) = self.dependents.get_mut(&link.target) {
                set.remove(&prepared.id);
                if set.is_empty() {
                    self.dependents.remove(&link.target);
                }
            }
        }
        for file in &prepared.via {
            if let Some(set) = self.readers.get_mut(file) {
                set.remove(&prepared.id);
                if set.is_empty() {
                    self.readers.remove(file);
                }
            }
        }
    }

    /// Recomputes cycles on the whole graph; returns the definitions whose membership changed.
    fn refresh_cycles(&mut self) -> Vec<String> {
        let edges: FxHashMap<&str, Vec<&str>> = self
            .prepared
            .values()
            .filter(|p| !p.has_errors())
            .map(|p| {
                (
                    p.id.as_str(),
                    p.links
                        .iter()
                        .flatten()
                        .map(|l| l.target.as_str())
                        .collect(),
                )
            })
            .collect();
        let cycles = find_cycles(&edges);
        let mut moved: Vec<String> = cycles
            .keys()
            .filter(|id| self.cycles.get(*id) != cycles.get(*id))
            .cloned()
            .collect();
        moved.extend(
            self.cycles
                .keys()
                .filter(|id| !cycles.contains_key(*id))
                .cloned(),
        );
        self.cycles = cycles;
        moved
    }

    /// Composes again `changed` and every dependent whose inputs then changed, level by
    /// level in dependency order (each level in parallel); a definition whose composed form
    /// hashes the same as before stops the wave.
    fn recompose(
        &mut self,
        schemas: &BTreeMap<String, Schema>,
        changed: &FxHashSet<String>,
        out: &mut Refresh,
    ) {
        let levels = self.levels(changed);
        let mut differs: FxHashSet<String> = FxHashSet::default();
        for level in levels {
            let due: Vec<&String> = level
                .iter()
                .filter(|id| changed.contains(*id) || self.targets(id).any(|t| differs.contains(t)))
                .filter(|id| self.prepared.contains_key(*id))
                .collect();
            let composed = &self.memo.composed;
            let (prepared, cycles) = (&self.prepared, &self.cycles);
            let work = |id: &&String| {
                let p = &prepared[*id];
                let result = compose_one(p, schemas, cycles, composed);
                let built = match &result {
                    Ok(c) => build_element(id, &p.file, p.def(), c)
                        .map(|e| (composed_hash(c), Arc::new(e))),
                    Err(_) => Err(String::new()),
                };
                ((*id).clone(), result, built)
            };
            let results: Vec<_> = if due.len() >= PARALLEL_PREPARE_MIN {
                due.par_iter().map(work).collect()
            } else {
                due.iter().map(work).collect()
            };
            for (id, result, built) in results {
                out.recomposed.push(id.clone());
                if self.settle(&id, result, built, out) {
                    differs.insert(id);
                }
            }
        }
    }

    /// Records one composition; returns whether its composed form changed.
    fn settle(
        &mut self,
        id: &str,
        result: Result<Arc<Composed>, Option<RawDiagnostic>>,
        built: Result<(String, Arc<Element>), String>,
        out: &mut Refresh,
    ) -> bool {
        self.memo.forget(id);
        let (composed, element, hash) = match (result, built) {
            (Ok(c), Ok((hash, element))) => (Some(c), Some(element), hash),
            (Ok(_), Err(message)) => {
                let span = self.prepared[id].def().name_span;
                self.memo.diagnostics.insert(
                    id.to_string(),
                    RawDiagnostic::error("INTERNAL", message, span),
                );
                (None, None, String::new())
            }
            (Err(diagnostic), _) => {
                if let Some(d) = diagnostic {
                    self.memo.diagnostics.insert(id.to_string(), d);
                }
                (None, None, String::new())
            }
        };
        self.memo.composed.insert(id.to_string(), composed);
        let differs = self.composed_hashes.get(id) != Some(&hash);
        self.composed_hashes.insert(id.to_string(), hash);
        let before = self.built.get(id).cloned();
        match element {
            Some(element) if before.as_deref() == Some(element.as_ref()) => {}
            Some(element) => {
                self.built.insert(id.to_string(), element);
                out.touched.insert(id.to_string());
            }
            None if before.is_some() => {
                self.built.remove(id);
                out.touched.insert(id.to_string());
            }
            None => {}
        }
        differs
    }

    fn targets<'s>(&'s self, id: &str) -> impl Iterator<Item = &'s String> + 's {
        self.prepared
            .get(id)
            .into_iter()
            .flat_map(|p| p.links.iter().flatten().map(|l| &l.target))
    }

    /// `changed` and their transitive dependents, grouped by depth: a definition comes after
    /// every fragment it interpolates. Cycle members (never composed) sit at depth 0.
    fn levels(&self, changed: &FxHashSet<String>) -> Vec<Vec<String>> {
        let mut affected: BTreeSet<String> = BTreeSet::new();
        let mut stack: Vec<String> = changed.iter().cloned().collect();
        while let Some(id) = stack.pop() {
            if affected.insert(id.clone()) {
                stack.extend(self.dependents.get(&id).into_iter().flatten().cloned());
            }
        }
        let mut depth: FxHashMap<String, usize> = FxHashMap::default();
        for id in &affected {
            self.depth_of(id, &affected, &mut depth);
        }
        let mut levels: Vec<Vec<String>> = Vec::new();
        for id in affected {
            let d = depth[&id];
            if levels.len() <= d {
                levels.resize(d + 1, Vec::new());
            }
            levels[d].push(id);
        }
        levels
    }

    fn depth_of(
        &self,
        id: &str,
        affected: &BTreeSet<String>,
        depth: &mut FxHashMap<String, usize>,
    ) -> usize {
        if let Some(&d) = depth.get(id) {
            return d;
        }
        // Provisional: a cycle reaching back here sees depth 0 and ends.
        depth.insert(id.to_string(), 0);
        let targets: Vec<String> = if self.cycles.contains_key(id) {
            Vec::new()
        } else {
            self.targets(id)
                .filter(|t| affected.contains(*t))
                .cloned()
                .collect()
        };
        let d = targets
            .iter()
            .map(|t| self.depth_of(t, affected, depth) + 1)
            .max()
            .unwrap_or(0);
        depth.insert(id.to_string(), d);
        d
    }

    /// Updates the artifact's elements and the located diagnostics of what was touched.
    fn publish(
        &mut self,
        files: &FxHashMap<String, SourceFile>,
        touched: &BTreeSet<String>,
        relocate: &BTreeSet<String>,
    ) {
        let publishable = |id: &String| {
            self.built
                .get(id)
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
            let elements = Arc::make_mut(&mut self.elements);
            for (id, element) in updates {
                match element {
                    Some(element) => elements.insert(id, element),
                    None => elements.remove(&id),
                };
            }
        }
        for id in relocate {
            if self.prepared.contains_key(id) {
                self.locate(files, id);
            }
        }
    }

    fn locate(&mut self, files: &FxHashMap<String, SourceFile>, id: &str) {
        let prepared = &self.prepared[id];
        let mut raw: Vec<RawDiagnostic> = prepared.diagnostics.clone();
        if let Some(chain) = self.cycles.get(id) {
            raw.push(cycle_diagnostic(prepared, chain));
        }
        raw.extend(self.memo.diagnostics.get(id).cloned());
        if raw.is_empty() {
            self.diagnostics.remove(id);
            return;
        }
        let text = files
            .get(&prepared.file)
            .and_then(|f| f.text.as_deref())
            .unwrap_or("");
        let index = LineIndex::new(text);
        let located = raw
            .iter()
            .map(|d| {
                let mut located = d.locate(&prepared.file, text, &index);
                located.canonical_id = Some(id.to_string());
                located
            })
            .collect();
        self.diagnostics.insert(id.to_string(), located);
    }

    /// Every diagnostic of the definitions, unsorted.
    pub fn all_diagnostics(&self, files: &FxHashMap<String, SourceFile>) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self.diagnostics.values().flatten().cloned().collect();
        out.extend(self.duplicates.diagnostics(&self.prepared, files));
        out
    }
}

fn prepare_all(
    files: &FxHashMap<String, SourceFile>,
    schemas: &BTreeMap<String, Schema>,
    linker: &Linker,
    ids: &[&String],
) -> Vec<Prepared> {
    let one = |id: &&String| {
        let (file, ast_path) = id.split_once("::")?;
        let source = files.get(file)?;
        let index = source
            .analysis
            .definitions
            .iter()
            .position(|d| d.ast_path == ast_path)?;
        Some(prepare(file, &source.analysis, index, schemas, linker))
    };
    if ids.len() >= PARALLEL_PREPARE_MIN {
        ids.par_iter().filter_map(one).collect()
    } else {
        ids.iter().filter_map(one).collect()
    }
}

fn operation_key(prepared: &Prepared) -> Option<(String, String)> {
    let def = prepared.def();
    (matches!(def.kind, DefinitionKind::Operation(_)) && !prepared.has_errors())
        .then(|| (def.label.clone(), def.name.clone()))
}

/// A hash of everything a dependent's composition reads from a composed definition.
fn composed_hash(composed: &Composed) -> String {
    let printed = print_operation(&OperationDefinition {
        operation: OperationType::Query,
        name: "_".into(),
        variables: composed.variables.clone(),
        selection_set: SelectionSet {
            selections: composed.selections.clone(),
            offset: 0,
        },
    });
    let deps: Vec<&str> = composed.dependencies.iter().map(String::as_str).collect();
    hash_hex(format!("{}\0{printed}\0{}", composed.parent_type, deps.join("\0")).as_bytes())
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
