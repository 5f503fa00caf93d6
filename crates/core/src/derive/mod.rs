//! Derived state: everything computed from the analysed files and the schemas — the
//! definition graph (a `DefRecord` per definition: links, files each lookup read, errors,
//! composed hash), reverse edges, cycles, and, lazily, preparations and composed forms;
//! the elements and their diagnostics. `refresh` patches it in place for a set of dirty
//! definitions; a cold build is a refresh with every definition dirty. A restored session
//! starts with records and elements only and prepares or composes a definition when a
//! change first reaches it (or a definition that needs it).
//!
//! Two stops keep an update proportional to what changed (the names are salsa's):
//! - *early cutoff*: a definition prepared again whose composition inputs hash the same
//!   (`DefRecord::inputs_hash`) is not composed again;
//! - *backdating*: a definition composed again whose composed form hashes the same
//!   (`DefRecord::composed_hash`, which covers the template tree validation walks too:
//!   `Composed::tree_hash`) keeps its old revision, so its dependents are not composed
//!   again.

pub mod def_record;
pub mod duplicate_names;
pub mod publish;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::analysis::canonical_id::CanonicalId;
use crate::artifact::element::{build_element, Element, ElementMap};
use crate::compose::cycles::find_cycles;
use crate::compose::linker::Linker;
use crate::compose::prepare::{prepare, Prepared};
use crate::compose::{compose_one, Composed, CompositionMemo};
use crate::derive::def_record::DefRecord;
use crate::derive::duplicate_names::DuplicateNames;
use crate::diagnostic::{Diagnostic, RawDiagnostic};
use crate::graphql::ast::{OperationRef, OperationType};
use crate::graphql::print::print_operation_ref;
use crate::graphql::schema::Schema;
use crate::hashing::hash_hex;
use crate::sources::source_file::SourceFile;
use crate::types::{type_entry, TypeEntry, TypeOptions};

/// Below this many definitions, preparing in parallel costs more than it saves.
const PARALLEL_PREPARE_MIN: usize = 32;

/// How many preparations a session keeps between refreshes. Editing a fragment recomposes
/// every operation that spreads it, and re-parsing and re-checking their unchanged
/// templates was a third of such an edit; the next edit of that fragment reuses them. Past
/// this many (a cold build, a schema edit) they are dropped, as a cold build's peak memory
/// is what counts there.
const WARM_PREPARED_MAX: usize = 2048;

/// What the definitions of the build have become.
#[derive(Default)]
pub struct DerivedState {
    /// Every definition of the build.
    pub records: FxHashMap<String, DefRecord>,
    /// Preparations made in this process (every definition after a cold build; after a
    /// restore, only those a change reached).
    pub prepared: FxHashMap<String, Prepared>,
    /// Fragment ID → the definitions that interpolate it directly.
    pub dependents: FxHashMap<String, BTreeSet<String>>,
    /// File → the definitions whose interpolation lookups read it.
    pub readers: FxHashMap<String, FxHashSet<String>>,
    pub cycles: FxHashMap<String, Vec<String>>,
    pub memo: CompositionMemo,
    /// Every element that composed, including operations held back by a duplicate name.
    built: FxHashMap<String, Arc<Element>>,
    /// The artifact's elements.
    pub elements: ElementMap,
    /// Located diagnostics per definition (its own, composition's, cycles).
    pub diagnostics: FxHashMap<String, Vec<Diagnostic>>,
    pub duplicates: DuplicateNames,
    /// Typed definitions on (config `types`): the options every entry is computed with.
    pub type_options: Option<TypeOptions>,
    /// Every built definition's type entry (types on), computed with its element.
    pub types: FxHashMap<String, Arc<TypeEntry>>,
    /// Source files whose entries changed since the type files were last written.
    pub types_dirty: BTreeSet<String>,
    /// Fragment registry key → the definitions that have it. A key held by more than one
    /// fragment is ambiguous: each of them is written as `unknown` (one declaration merged
    /// from several files must have one type).
    fragment_keys: FxHashMap<String, BTreeSet<String>>,
}

/// A composed definition's element, its composed hash (fragments), and its type entry.
type Built = (String, Arc<Element>, Option<Arc<TypeEntry>>);

/// What one refresh did.
#[derive(Debug, Default)]
pub struct Refresh {
    /// Definitions prepared again.
    pub prepared: Vec<String>,
    /// Definitions composed again.
    pub recomposed: Vec<String>,
    /// Element IDs whose artifact entry was added, changed or removed.
    pub touched: BTreeSet<String>,
    /// Definitions composed without any diagnostic: their preparations were dropped at
    /// once (nothing to place), which keeps a cold build's peak memory down.
    pub clean: FxHashSet<String>,
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

/// What a refresh reads: the files, the schemas, and a linker over the files.
pub struct Inputs<'a> {
    pub root: &'a std::path::Path,
    pub files: &'a FxHashMap<String, SourceFile>,
    pub schemas: &'a BTreeMap<String, Schema>,
    pub linker: Linker<'a>,
    /// Whether definitions are validated (see [`validation_enabled`]).
    pub validate: bool,
}

/// Validation (dsl.md §5.5) is always on, except when the environment variable
/// `FIZZ_SKIP_VALIDATION` is `1` when a session refreshes: a hook for the graphql-js parity
/// test (which needs the documents of invalid operations to ask graphql-js about them) and
/// for measuring what validation costs. It is not a user option: a session keeps results
/// across refreshes, so the variable must not change during a session's life.
pub fn validation_enabled() -> bool {
    std::env::var_os("FIZZ_SKIP_VALIDATION").is_none_or(|v| v != "1")
}

/// The part of the derived state a snapshot keeps.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct DerivedSnapshot {
    pub records: BTreeMap<String, DefRecord>,
    pub cycles: BTreeMap<String, Vec<String>>,
    pub diagnostics: BTreeMap<String, Vec<Diagnostic>>,
    /// Composition's conflicts (at the definition's name): a restored definition that is
    /// located again without being composed again keeps them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub composition: BTreeMap<String, Vec<crate::validate::Problem>>,
    /// Type entries (types on); a snapshot without them restores none.
    #[serde(default)]
    pub types: BTreeMap<String, TypeEntry>,
}

impl DerivedState {
    /// Brings the state up to date with `files` for the `dirty` definitions.
    pub fn refresh(
        &mut self,
        root: &std::path::Path,
        files: &FxHashMap<String, SourceFile>,
        schemas: &BTreeMap<String, Schema>,
        mut dirty: Dirty,
    ) -> Refresh {
        let inputs = Inputs {
            root,
            files,
            schemas,
            linker: Linker::new(files),
            validate: validation_enabled(),
        };
        let mut out = Refresh::default();
        // A kept preparation is valid until its file, a file its lookups read, or its
        // schema changes: exactly the definitions `dirty` names.
        for id in dirty
            .prepare
            .iter()
            .chain(&dirty.force)
            .chain(&dirty.removed)
        {
            self.prepared.remove(id);
        }
        let mut changed: FxHashSet<String> = dirty.force.clone();
        let mut links_changed = !dirty.removed.is_empty();
        for id in &dirty.removed {
            dirty
                .prepare
                .extend(self.dependents.get(id).into_iter().flatten().cloned());
            self.drop_definition(id);
            changed.insert(id.clone());
            out.touched.insert(id.clone());
        }
        let mut ids: Vec<&String> = dirty
            .prepare
            .iter()
            .filter(|id| !dirty.removed.contains(*id))
            .collect();
        ids.sort();
        for prepared in prepare_all(&inputs, &ids) {
            let id = prepared.id.clone();
            let old_hash = self
                .records
                .get(&id)
                .map(|r| r.composed_hash.clone())
                .unwrap_or_default();
            let mut record = DefRecord::of(&prepared, old_hash);
            record.has_problems = self.records.get(&id).is_some_and(|r| r.has_problems);
            let same = self
                .records
                .get(&id)
                .is_some_and(|old| old.inputs_hash == record.inputs_hash);
            if !same {
                links_changed |= self.records.get(&id).is_none_or(|old| {
                    old.links != record.links || old.has_errors != record.has_errors
                });
                changed.insert(id.clone());
            }
            self.set_record(&id, record);
            out.prepared.push(id.clone());
            self.prepared.insert(id, prepared);
        }
        // A definition whose problems point into a file prepared again is placed again (its
        // line, column and code frame read that file's text). It is composed again only when
        // the tree it validates across changed, which backdating sees (`Composed::tree_hash`).
        let mut relocate: BTreeSet<String> = out.prepared.iter().cloned().collect();
        relocate.extend(self.placed_in(&out.prepared));
        if links_changed {
            let moved = self.refresh_cycles();
            relocate.extend(moved.iter().cloned());
            changed.extend(moved);
        }
        self.recompose(&inputs, &changed, &mut out);
        out.recomposed.sort();
        relocate.extend(out.recomposed.iter().cloned());
        for id in self.duplicates.take_changed() {
            self.ensure_built(&inputs, &id);
            out.touched.insert(id);
        }
        self.publish(&inputs, &out.touched, &relocate, &out.clean);
        // Preparations are large to keep in bulk: the records carry what later refreshes
        // compare, and the memo keeps the composed fragments dependents need.
        if self.prepared.len() > WARM_PREPARED_MAX {
            self.prepared.clear();
        }
        out
    }

    /// A state that knows the graph, the elements and the diagnostics of a snapshot, and
    /// prepares or composes nothing until a change reaches it.
    pub fn restore(snapshot: DerivedSnapshot, elements: ElementMap) -> Self {
        let mut state = DerivedState {
            cycles: snapshot.cycles.into_iter().collect(),
            diagnostics: snapshot.diagnostics.into_iter().collect(),
            types: snapshot
                .types
                .into_iter()
                .map(|(id, e)| (id, Arc::new(e)))
                .collect(),
            ..Self::default()
        };
        state.memo.diagnostics = snapshot.composition.into_iter().collect();
        for (id, record) in snapshot.records {
            state.set_record(&id, record);
        }
        let typed: Vec<(String, String)> = state
            .types
            .iter()
            .map(|(id, e)| (id.clone(), e.key.clone()))
            .collect();
        for (id, key) in typed {
            state.index_key(&id, &key, true);
        }
        state.duplicates.take_changed();
        state.built = elements
            .iter()
            .map(|(id, e)| (id.clone(), e.clone()))
            .collect();
        state.elements = elements;
        state
    }

    /// What a snapshot keeps of this state.
    pub fn snapshot(&self) -> DerivedSnapshot {
        DerivedSnapshot {
            records: self
                .records
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            cycles: self
                .cycles
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            diagnostics: self
                .diagnostics
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            composition: self
                .memo
                .diagnostics
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            types: self
                .types
                .iter()
                .map(|(k, v)| (k.clone(), v.as_ref().clone()))
                .collect(),
        }
    }

    fn drop_definition(&mut self, id: &str) {
        if let Some(old) = self.records.remove(id) {
            self.unindex(id, &old);
        }
        self.prepared.remove(id);
        self.memo.forget(id);
        self.built.remove(id);
        self.diagnostics.remove(id);
        self.duplicates.update(id, None);
        self.set_type_entry(id, None);
    }

    /// Replaces a definition's type entry; a change marks its file's type file dirty.
    fn set_type_entry(&mut self, id: &str, entry: Option<Arc<TypeEntry>>) {
        let new_key = entry.as_ref().map(|e| e.key.clone());
        let old = match entry {
            Some(entry) => self.types.insert(id.to_string(), entry),
            None => self.types.remove(id),
        };
        let changed = match (&old, self.types.get(id)) {
            (Some(old), Some(new)) => old != new,
            (None, None) => false,
            _ => true,
        };
        if !changed {
            return;
        }
        self.mark_types_dirty(id);
        if let Some(old) = old {
            self.index_key(id, &old.key, false);
        }
        if let Some(key) = new_key {
            self.index_key(id, &key, true);
        }
    }

    fn mark_types_dirty(&mut self, id: &str) {
        if let Some(file) = CanonicalId::file_of(id) {
            self.types_dirty.insert(file.to_string());
        }
    }

    /// Adds or removes `id` as a holder of a fragment key; when the key turns ambiguous or
    /// stops being so, every holder's type file changes.
    fn index_key(&mut self, id: &str, key: &str, add: bool) {
        if !key.contains(":fragment:") {
            return;
        }
        let holders = self.fragment_keys.entry(key.to_string()).or_default();
        let was_ambiguous = holders.len() > 1;
        if add {
            holders.insert(id.to_string());
        } else {
            holders.remove(id);
        }
        let is_ambiguous = holders.len() > 1;
        let affected: Vec<String> = if was_ambiguous != is_ambiguous {
            holders.iter().cloned().collect()
        } else {
            Vec::new()
        };
        if holders.is_empty() {
            self.fragment_keys.remove(key);
        }
        for holder in affected {
            self.mark_types_dirty(&holder);
        }
    }

    /// Whether more than one fragment has this registry key.
    pub fn is_ambiguous(&self, key: &str) -> bool {
        self.fragment_keys.get(key).is_some_and(|h| h.len() > 1)
    }

    /// Replaces a definition's record and its edges.
    fn set_record(&mut self, id: &str, record: DefRecord) {
        if let Some(old) = self.records.remove(id) {
            self.unindex(id, &old);
        }
        for target in record.targets() {
            self.dependents
                .entry(target.clone())
                .or_default()
                .insert(id.to_string());
        }
        for file in &record.via {
            self.readers
                .entry(file.clone())
                .or_default()
                .insert(id.to_string());
        }
        self.duplicates.update(id, record.operation_key());
        self.records.insert(id.to_string(), record);
    }

    fn unindex(&mut self, id: &str, record: &DefRecord) {
        for target in record.targets() {
            if let Some(set) = self.dependents.get_mut(target) {
                set.remove(id);
                if set.is_empty() {
                    self.dependents.remove(target);
                }
            }
        }
        for file in &record.via {
            if let Some(set) = self.readers.get_mut(file) {
                set.remove(id);
                if set.is_empty() {
                    self.readers.remove(file);
                }
            }
        }
    }

    /// Recomputes cycles on the whole graph; returns the definitions whose membership changed.
    fn refresh_cycles(&mut self) -> Vec<String> {
        let edges: FxHashMap<&str, Vec<&str>> = self
            .records
            .iter()
            .filter(|(_, r)| !r.has_errors)
            .map(|(id, r)| (id.as_str(), r.targets().map(String::as_str).collect()))
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

    /// Definitions in other files with a diagnostic placed in a file of `prepared` (a
    /// problem found across fragments, written in a fragment's file): placed again so that
    /// the diagnostic follows the text it points at.
    fn placed_in(&self, prepared: &[String]) -> Vec<String> {
        let files: FxHashSet<&str> = prepared
            .iter()
            .filter_map(|id| CanonicalId::split(id).map(|(file, _)| file))
            .collect();
        if files.is_empty() {
            return Vec::new();
        }
        self.diagnostics
            .iter()
            .filter(|(id, _)| CanonicalId::split(id).is_some_and(|(f, _)| !files.contains(f)))
            .filter(|(_, list)| {
                list.iter().any(|d| {
                    files.contains(d.file.as_str())
                        || d.related.iter().any(|r| files.contains(r.file.as_str()))
                })
            })
            .map(|(id, _)| id.clone())
            .filter(|id| self.records.contains_key(id))
            .collect()
    }

    /// The preparation of `id`, made now if this process has not made it yet.
    pub(crate) fn ensure_prepared(&mut self, inputs: &Inputs, id: &str) -> bool {
        if self.prepared.contains_key(id) {
            return true;
        }
        let Some(prepared) = prepare_all(inputs, &[&id.to_string()]).pop() else {
            return false;
        };
        self.prepared.insert(id.to_string(), prepared);
        true
    }

    /// The composed form of `id` in the memo, composing it (and what it needs) now if this
    /// process has not yet. Changes no element: the definition is unchanged.
    pub(crate) fn ensure_composed(
        &mut self,
        inputs: &Inputs,
        id: &str,
        visiting: &mut FxHashSet<String>,
    ) {
        if self.memo.composed.contains_key(id) || !visiting.insert(id.to_string()) {
            return;
        }
        if self.cycles.contains_key(id) || !self.ensure_prepared(inputs, id) {
            self.memo.composed.insert(id.to_string(), None);
            return;
        }
        let targets: Vec<String> = self
            .records
            .get(id)
            .map(|r| r.targets().cloned().collect())
            .unwrap_or_default();
        for target in &targets {
            self.ensure_composed(inputs, target, visiting);
        }
        let result = compose_one(
            &self.prepared[id],
            inputs.schemas,
            &self.cycles,
            &self.memo.composed,
        );
        match result {
            Ok(composed) => self.memo.composed.insert(id.to_string(), Some(composed)),
            Err(problems) => {
                if !problems.is_empty() {
                    self.memo.diagnostics.insert(id.to_string(), problems);
                }
                self.memo.composed.insert(id.to_string(), None)
            }
        };
    }

    /// An operation released from a duplicate name that this process never composed.
    fn ensure_built(&mut self, inputs: &Inputs, id: &str) {
        if self.built.contains_key(id) || self.records.get(id).is_none_or(|r| r.has_errors) {
            return;
        }
        self.ensure_composed(inputs, id, &mut FxHashSet::default());
        let Some(Some(composed)) = self.memo.composed.get(id).cloned() else {
            return;
        };
        let prepared = &self.prepared[id];
        if let Ok(element) = build_element(id, &prepared.file, prepared.def(), &composed) {
            let entry = self.type_of(inputs, prepared, &composed);
            self.built.insert(id.to_string(), Arc::new(element));
            if let Some(entry) = entry {
                self.set_type_entry(id, Some(entry));
            }
        }
    }

    /// Composes again `changed` and every dependent whose inputs then changed, level by
    /// level in dependency order (each level in parallel); a definition whose composed form
    /// hashes the same as before is backdated and its dependents are not composed again.
    fn recompose(&mut self, inputs: &Inputs, changed: &FxHashSet<String>, out: &mut Refresh) {
        let levels = self.levels(changed);
        let warm = levels.iter().map(Vec::len).sum::<usize>() <= WARM_PREPARED_MAX;
        let mut not_backdated: FxHashSet<String> = FxHashSet::default();
        for level in levels {
            let due: Vec<String> = level
                .into_iter()
                .filter(|id| {
                    changed.contains(id) || self.targets(id).any(|t| not_backdated.contains(t))
                })
                .filter(|id| self.records.contains_key(id))
                .collect();
            // The level's missing preparations at once (in parallel when there are many).
            let missing: Vec<&String> = due
                .iter()
                .filter(|id| !self.prepared.contains_key(*id))
                .collect();
            for prepared in prepare_all(inputs, &missing) {
                self.prepared.insert(prepared.id.clone(), prepared);
            }
            for id in &due {
                let targets: Vec<String> = self.targets(id).cloned().collect();
                for target in targets {
                    self.ensure_composed(inputs, &target, &mut FxHashSet::default());
                }
            }
            let (prepared, cycles, composed) = (&self.prepared, &self.cycles, &self.memo.composed);
            let this = &*self;
            let work = |id: &String| {
                let p = prepared.get(id)?;
                let result = compose_one(p, inputs.schemas, cycles, composed);
                // Only fragments are read by other compositions: an operation's element is
                // all that can change for it.
                let is_fragment = p.def().kind == crate::analysis::model::DefinitionKind::Fragment;
                let built = match &result {
                    Ok(c) => build_element(id, &p.file, p.def(), c).map(|e| {
                        (
                            if is_fragment {
                                composed_hash(c)
                            } else {
                                String::new()
                            },
                            Arc::new(e),
                            this.type_of(inputs, p, c),
                        )
                    }),
                    Err(_) => Err(String::new()),
                };
                // An operation's composed form is dropped here rather than after the whole
                // level: a cold build's last level holds thousands of them at once.
                let result = result.map(|c| is_fragment.then_some(c));
                Some((id.clone(), result, built))
            };
            let results: Vec<_> = if due.len() >= PARALLEL_PREPARE_MIN {
                due.par_iter().filter_map(work).collect()
            } else {
                due.iter().filter_map(work).collect()
            };
            for (id, result, built) in results {
                out.recomposed.push(id.clone());
                if self.settle(&id, result, built, out) {
                    not_backdated.insert(id.clone());
                }
                let clean = self
                    .prepared
                    .get(&id)
                    .is_some_and(|p| p.diagnostics.is_empty())
                    && !self.memo.diagnostics.contains_key(&id)
                    && !self.cycles.contains_key(&id);
                if clean {
                    if !warm {
                        self.prepared.remove(&id);
                    }
                    out.clean.insert(id);
                }
            }
        }
    }

    /// Records one composition; returns whether its composed form changed (`false`: it is
    /// backdated).
    fn settle(
        &mut self,
        id: &str,
        result: Result<Option<Arc<Composed>>, Vec<crate::validate::Problem>>,
        built: Result<Built, String>,
        out: &mut Refresh,
    ) -> bool {
        self.memo.forget(id);
        let mut entry = None;
        let (composed, element, hash) = match (result, built) {
            (Ok(c), Ok((hash, element, typed))) => {
                entry = typed;
                (c, Some(element), hash)
            }
            (Ok(_), Err(message)) => {
                let prepared = &self.prepared[id];
                let raw = RawDiagnostic::error("INTERNAL", message, prepared.def().name_span);
                let problem = crate::validate::Problem::from_raw(raw, &prepared.file);
                self.memo.diagnostics.insert(id.to_string(), vec![problem]);
                (None, None, String::new())
            }
            (Err(problems), _) => {
                if !problems.is_empty() {
                    self.memo.diagnostics.insert(id.to_string(), problems);
                }
                (None, None, String::new())
            }
        };
        let record = self
            .records
            .get_mut(id)
            .expect("a composed definition has a record");
        // Only fragments are ever read by another composition.
        if record.kind == crate::analysis::model::DefinitionKind::Fragment {
            self.memo.composed.insert(id.to_string(), composed);
        }
        record.has_problems = self.memo.diagnostics.contains_key(id);
        let differs = record.composed_hash != hash;
        record.composed_hash = hash;
        self.set_type_entry(id, entry);
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
        self.records.get(id).into_iter().flat_map(|r| r.targets())
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
}

impl DerivedState {
    pub(crate) fn built_element(&self, id: &str) -> Option<&Arc<Element>> {
        self.built.get(id)
    }

    /// The type entry of a composed definition, when types are on.
    fn type_of(
        &self,
        inputs: &Inputs,
        prepared: &Prepared,
        composed: &Composed,
    ) -> Option<Arc<TypeEntry>> {
        let options = self.type_options.as_ref()?;
        let schema = inputs.schemas.get(&prepared.def().label)?;
        let own = prepared
            .template
            .as_ref()
            .map_or(&[][..], |t| t.variables.as_slice());
        Some(Arc::new(type_entry(
            prepared.def(),
            composed,
            own,
            schema,
            options,
        )))
    }
}

fn prepare_all(inputs: &Inputs, ids: &[&String]) -> Vec<Prepared> {
    let one = |id: &&String| {
        let (file, ast_path) = CanonicalId::split(id)?;
        let source = inputs.files.get(file)?;
        let index = source
            .analysis
            .definitions
            .iter()
            .position(|d| d.ast_path == ast_path)?;
        Some(prepare(
            file,
            source.analysis.arc(),
            index,
            inputs.schemas,
            &inputs.linker,
            inputs.validate,
        ))
    };
    if ids.len() >= PARALLEL_PREPARE_MIN {
        ids.par_iter().filter_map(one).collect()
    } else {
        ids.iter().filter_map(one).collect()
    }
}

/// A hash of everything a dependent's composition reads from a composed definition,
/// validation's template tree included (see [`Composed::tree_hash`]).
fn composed_hash(composed: &Composed) -> String {
    let printed = print_operation_ref(OperationRef {
        operation: OperationType::Query,
        name: "_",
        variables: &composed.variables,
        selections: &composed.selections,
    });
    let deps: Vec<&str> = composed.dependencies.iter().map(String::as_str).collect();
    hash_hex(
        format!(
            "{}\0{printed}\0{}\0{}",
            composed.parent_type,
            deps.join("\0"),
            composed.tree_hash
        )
        .as_bytes(),
    )
}
