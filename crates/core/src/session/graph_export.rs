//! `fizz graph`: the module graph (source files and the build files their specifiers
//! resolve to) and the definition graph (definitions and the fragments they interpolate),
//! from the session's state, optionally narrowed by a [`GraphFilter`]; printed as text or
//! as Graphviz dot.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::analysis::canonical_id::CanonicalId;
use crate::session::graph_filter::GraphFilter;
use crate::session::Session;
use crate::sources::source_file::Target;

/// Both graphs, nodes sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DependencyGraph {
    pub modules: Vec<ModuleNode>,
    pub definitions: Vec<DefinitionNode>,
}

/// A source file of the module graph.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModuleNode {
    /// Root-relative path.
    pub path: String,
    /// Source files of the build its imports and re-exports resolve to, sorted.
    pub imports: Vec<String>,
    /// Canonical IDs of its definitions, sorted.
    pub definitions: Vec<String>,
}

/// A definition of the definition graph.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DefinitionNode {
    pub id: String,
    /// `query`, `mutation`, `subscription` or `fragment`.
    pub kind: String,
    pub name: String,
    pub schema_label: String,
    /// Whether it is in the artifact (false: it has errors, or depends on a broken fragment).
    pub built: bool,
    /// The fragments it interpolates directly, sorted.
    pub dependencies: Vec<String>,
}

impl Session {
    /// The module and definition graphs. With a filter: the definitions whose ID or file
    /// matches plus everything they depend on, and the modules that match or hold one of
    /// those definitions plus everything they import (transitively).
    pub fn graph(&self, filter: Option<&GraphFilter>) -> DependencyGraph {
        let definitions = self.definition_nodes();
        let modules = self.module_nodes();
        let Some(filter) = filter else {
            return DependencyGraph {
                modules: modules.into_values().collect(),
                definitions: definitions.into_values().collect(),
            };
        };
        let seeds = definitions.keys().filter(|id| filter.matches(id)).cloned();
        let kept_defs = closure(seeds, |id| {
            definitions
                .get(id)
                .map(|d| d.dependencies.clone())
                .unwrap_or_default()
        });
        let seeds = modules.keys().filter(|p| filter.matches(p)).cloned().chain(
            kept_defs
                .iter()
                .filter_map(|id| CanonicalId::file_of(id).map(str::to_string)),
        );
        let kept_modules = closure(seeds, |path| {
            modules
                .get(path)
                .map(|m| m.imports.clone())
                .unwrap_or_default()
        });
        DependencyGraph {
            modules: modules
                .into_iter()
                .filter(|(p, _)| kept_modules.contains(p))
                .map(|(_, mut m)| {
                    m.definitions.retain(|id| kept_defs.contains(id));
                    m
                })
                .collect(),
            definitions: definitions
                .into_iter()
                .filter(|(id, _)| kept_defs.contains(id))
                .map(|(_, d)| d)
                .collect(),
        }
    }

    fn definition_nodes(&self) -> BTreeMap<String, DefinitionNode> {
        self.derived
            .records
            .iter()
            .map(|(id, r)| {
                let dependencies: BTreeSet<String> = r.targets().cloned().collect();
                let node = DefinitionNode {
                    id: id.clone(),
                    kind: r.kind_name().to_string(),
                    name: r.name.clone(),
                    schema_label: r.label.clone(),
                    built: self.derived.elements.contains_key(id),
                    dependencies: dependencies.into_iter().collect(),
                };
                (id.clone(), node)
            })
            .collect()
    }

    /// Files with definitions, and every file at either end of an import between build
    /// files (files the definition graph cannot pass through have no resolved imports).
    fn module_nodes(&self) -> BTreeMap<String, ModuleNode> {
        let imports_of = |path: &String| -> Vec<String> {
            let targets: BTreeSet<&String> = self.files[path]
                .targets
                .values()
                .filter_map(|t| match t {
                    Target::File(f) if self.files.contains_key(f) => Some(f),
                    _ => None,
                })
                .collect();
            targets.into_iter().cloned().collect()
        };
        let mut paths: BTreeSet<&String> = BTreeSet::new();
        for (path, file) in &self.files {
            let imports = imports_of(path);
            if !imports.is_empty() || !file.analysis.definitions.is_empty() {
                paths.insert(path);
                paths.extend(
                    imports
                        .iter()
                        .filter_map(|i| self.files.get_key_value(i))
                        .map(|(k, _)| k),
                );
            }
        }
        paths
            .into_iter()
            .map(|path| {
                let mut definitions: Vec<String> = self.files[path].definition_ids().collect();
                definitions.sort();
                let node = ModuleNode {
                    path: path.clone(),
                    imports: imports_of(path),
                    definitions,
                };
                (path.clone(), node)
            })
            .collect()
    }
}

/// `seeds` plus everything reachable from them through `next`.
fn closure(
    seeds: impl IntoIterator<Item = String>,
    next: impl Fn(&str) -> Vec<String>,
) -> BTreeSet<String> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut stack: Vec<String> = seeds.into_iter().collect();
    while let Some(item) = stack.pop() {
        if seen.insert(item.clone()) {
            stack.extend(next(&item).into_iter().filter(|n| !seen.contains(n)));
        }
    }
    seen
}

impl DependencyGraph {
    /// One line per node: `path -> imports` for modules, `id (kind name) -> dependencies`
    /// for definitions, under a header with the counts.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let imports: usize = self.modules.iter().map(|m| m.imports.len()).sum();
        out.push_str(&format!(
            "modules ({}, {imports} imports)\n",
            self.modules.len()
        ));
        for m in &self.modules {
            out.push_str(&format!("  {}", m.path));
            if !m.imports.is_empty() {
                out.push_str(&format!(" -> {}", m.imports.join(", ")));
            }
            out.push('\n');
        }
        let deps: usize = self.definitions.iter().map(|d| d.dependencies.len()).sum();
        out.push_str(&format!(
            "definitions ({}, {deps} dependencies)\n",
            self.definitions.len()
        ));
        for d in &self.definitions {
            out.push_str(&format!("  {} ({} {}", d.id, d.kind, d.name));
            if !d.built {
                out.push_str(", not built");
            }
            out.push(')');
            if !d.dependencies.is_empty() {
                out.push_str(&format!(" -> {}", d.dependencies.join(", ")));
            }
            out.push('\n');
        }
        out
    }

    /// Graphviz: one cluster per graph; definitions are labelled with kind and name.
    pub fn to_dot(&self) -> String {
        let mut out = String::from(
            "digraph fizz {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n",
        );
        out.push_str("  subgraph cluster_modules {\n    label=\"modules\";\n");
        for m in &self.modules {
            out.push_str(&format!("    {};\n", quote(&m.path)));
        }
        for m in &self.modules {
            for target in &m.imports {
                out.push_str(&format!("    {} -> {};\n", quote(&m.path), quote(target)));
            }
        }
        out.push_str("  }\n  subgraph cluster_definitions {\n    label=\"definitions\";\n");
        for d in &self.definitions {
            let style = if d.built { "" } else { ", style=dashed" };
            let label = format!("{} {}\n{}", d.kind, d.name, d.id);
            out.push_str(&format!(
                "    {} [label={}{style}];\n",
                quote(&d.id),
                quote(&label)
            ));
        }
        for d in &self.definitions {
            for target in &d.dependencies {
                out.push_str(&format!("    {} -> {};\n", quote(&d.id), quote(target)));
            }
        }
        out.push_str("  }\n}\n");
        out
    }
}

/// A dot string literal.
fn quote(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    format!("\"{escaped}\"")
}
