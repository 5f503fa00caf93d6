//! `explain(idOrPath)`: why something is in the build — a definition's dependencies and
//! dependents, the files its lookups read, and what the last build re-ran for it; or, for
//! a file, its definitions, where its imports lead and who imports it. "The last update"
//! is the last build that changed something, possibly in an earlier process (it is
//! persisted), so `fizz explain` after a watch session tells what its last batch re-ran.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::analysis::canonical_id::CanonicalId;
use crate::session::Session;
use crate::sources::source_file::Target;

/// The answer of `explain`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// What was asked for, as given.
    pub query: String,
    /// `"definition"`, `"file"`, or `"unknown"`.
    pub kind: String,
    /// The file concerned (root-relative), when known.
    pub file: Option<String>,
    pub definitions: Vec<DefinitionExplanation>,
    /// For a file: the source files its specifiers resolve to, sorted.
    pub imports: Vec<String>,
    /// For a file: the source files whose specifiers resolve to it, sorted.
    pub imported_by: Vec<String>,
    /// The last build that changed something.
    pub last_update: LastUpdateSummary,
}

/// The last build that changed something, in brief.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LastUpdateSummary {
    pub generation: u32,
    /// Files it parsed and analysed.
    pub analyzed: Vec<String>,
    /// How many definitions it composed.
    pub recomposed: u32,
}

/// What the last update did for one definition.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DefinitionUpdate {
    /// Its file was parsed and analysed again.
    pub file_analyzed: bool,
    /// It was composed again.
    pub recomposed: bool,
    /// `"added"`, `"updated"` or `"unchanged"`: what happened to its element.
    pub element: String,
}

/// One definition's place in the graph.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DefinitionExplanation {
    pub id: String,
    /// `query`, `mutation`, `subscription` or `fragment`.
    pub kind: String,
    pub name: String,
    pub schema_label: String,
    /// Whether it is in the artifact.
    pub built: bool,
    /// Fragments it interpolates directly.
    pub dependencies: Vec<String>,
    /// Every fragment it reaches.
    pub transitive_dependencies: Vec<String>,
    /// Definitions that interpolate it directly.
    pub dependents: Vec<String>,
    /// Every definition that reaches it.
    pub transitive_dependents: Vec<String>,
    /// Files its interpolation lookups read.
    pub reads_files: Vec<String>,
    /// Whether the last build composed it again.
    pub recomposed_last_build: bool,
    /// Codes of its diagnostics.
    pub diagnostics: Vec<String>,
    /// What the last build that changed something did for it.
    pub last_update: DefinitionUpdate,
    /// The type file that holds its entry (root-relative), when it is typed.
    pub types_file: Option<String>,
    /// Its key in `FizzRegistry`, when it is typed.
    pub types_key: Option<String>,
}

impl Session {
    /// Explains a canonical ID or a (root-relative or absolute) file path.
    pub fn explain(&self, query: &str) -> Explanation {
        let mut out = Explanation {
            query: query.to_string(),
            kind: "unknown".into(),
            last_update: LastUpdateSummary {
                generation: self.last_update.generation,
                analyzed: self.last_update.analyzed.clone(),
                recomposed: self.last_update.recomposed.len() as u32,
            },
            ..Explanation::default()
        };
        if self.derived.records.contains_key(query) {
            out.kind = "definition".into();
            out.file = CanonicalId::file_of(query).map(str::to_string);
            out.definitions.push(self.explain_definition(query));
            return out;
        }
        let path = crate::config::relative(
            &self.config.root,
            &crate::config::normalize(&self.config.root.join(query)),
        );
        let Some(file) = self.files.get(&path) else {
            return out;
        };
        out.kind = "file".into();
        out.file = Some(path.clone());
        out.definitions = file
            .definition_ids()
            .map(|id| self.explain_definition(&id))
            .collect();
        out.imports = file
            .targets
            .values()
            .filter_map(|t| {
                if let Target::File(f) = t {
                    Some(f.clone())
                } else {
                    None
                }
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut importers: Vec<String> = self
            .files
            .values()
            .filter(|f| f.targets.values().any(|t| *t == Target::File(path.clone())))
            .map(|f| f.path.clone())
            .collect();
        importers.sort();
        out.imported_by = importers;
        out
    }

    fn explain_definition(&self, id: &str) -> DefinitionExplanation {
        let Some(record) = self.derived.records.get(id) else {
            return DefinitionExplanation {
                id: id.into(),
                ..Default::default()
            };
        };
        let kind = record.kind_name().to_string();
        let dependencies: BTreeSet<String> = record.targets().cloned().collect();
        let typed = self
            .derived
            .types
            .get(id)
            .filter(|_| self.derived.elements.contains_key(id));
        DefinitionExplanation {
            id: id.to_string(),
            kind,
            name: record.name.clone(),
            schema_label: record.label.clone(),
            built: self.derived.elements.contains_key(id),
            dependencies: dependencies.iter().cloned().collect(),
            transitive_dependencies: self.walk(id, |_, r| r.targets().cloned().collect()),
            dependents: self
                .derived
                .dependents
                .get(id)
                .map(|s| s.iter().cloned().collect())
                .unwrap_or_default(),
            transitive_dependents: self.walk(id, |id, _| {
                self.derived
                    .dependents
                    .get(id)
                    .map(|s| s.iter().cloned().collect())
                    .unwrap_or_default()
            }),
            reads_files: record.via.clone(),
            recomposed_last_build: self.last_trace.recomposed.iter().any(|r| r == id),
            diagnostics: self
                .derived
                .diagnostics
                .get(id)
                .map(|d| d.iter().map(|d| d.code.clone()).collect())
                .unwrap_or_default(),
            last_update: self.definition_update(id, &record.file),
            types_file: typed
                .and_then(|_| self.type_file_of(&record.file))
                .map(|p| self.config.relative(&p)),
            types_key: typed.map(|e| e.key.clone()),
        }
    }

    fn definition_update(&self, id: &str, file: &str) -> DefinitionUpdate {
        let last = &self.last_update;
        let has =
            |list: &[String], item: &str| list.binary_search_by(|x| x.as_str().cmp(item)).is_ok();
        let element = if has(&last.delta.added, id) {
            "added"
        } else if has(&last.delta.updated, id) {
            "updated"
        } else {
            "unchanged"
        };
        DefinitionUpdate {
            file_analyzed: has(&last.analyzed, file),
            recomposed: has(&last.recomposed, id),
            element: element.into(),
        }
    }

    /// Every definition reachable from `start` through `next` (not `start` itself), sorted.
    fn walk(
        &self,
        start: &str,
        next: impl Fn(&str, &crate::derive::def_record::DefRecord) -> Vec<String>,
    ) -> Vec<String> {
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut stack = vec![start.to_string()];
        while let Some(id) = stack.pop() {
            let Some(record) = self.derived.records.get(&id) else {
                continue;
            };
            for n in next(&id, record) {
                if n != start && seen.insert(n.clone()) {
                    stack.push(n);
                }
            }
        }
        seen.into_iter().collect()
    }
}
