//! The dependency graph (`session.graph()`) and explanations (`session.explain()`) as JS
//! objects, with the doc comments that become `index.d.ts`.

use napi_derive::napi;

/// The module graph and the definition graph (`fizz graph`), nodes sorted.
#[napi(object)]
pub struct DependencyGraph {
    pub modules: Vec<ModuleNode>,
    pub definitions: Vec<DefinitionNode>,
}

/// A source file of the module graph.
#[napi(object)]
pub struct ModuleNode {
    /// Root-relative path.
    pub path: String,
    /// Source files of the build its imports and re-exports resolve to, sorted.
    pub imports: Vec<String>,
    /// Canonical IDs of its definitions, sorted.
    pub definitions: Vec<String>,
}

/// A definition of the definition graph.
#[napi(object)]
pub struct DefinitionNode {
    pub id: String,
    /// `query`, `mutation`, `subscription` or `fragment`.
    pub kind: String,
    pub name: String,
    pub schema_label: String,
    /// Whether it is in the artifact.
    pub built: bool,
    /// The fragments it interpolates directly, sorted.
    pub dependencies: Vec<String>,
}

impl From<fizz_core::DependencyGraph> for DependencyGraph {
    fn from(g: fizz_core::DependencyGraph) -> Self {
        Self {
            modules: g
                .modules
                .into_iter()
                .map(|m| ModuleNode {
                    path: m.path,
                    imports: m.imports,
                    definitions: m.definitions,
                })
                .collect(),
            definitions: g
                .definitions
                .into_iter()
                .map(|d| DefinitionNode {
                    id: d.id,
                    kind: d.kind,
                    name: d.name,
                    schema_label: d.schema_label,
                    built: d.built,
                    dependencies: d.dependencies,
                })
                .collect(),
        }
    }
}

/// Why something is in the build (`session.explain()`).
#[napi(object)]
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
    /// The last build that changed something (possibly in an earlier process).
    pub last_update: LastUpdateSummary,
}

/// One definition's place in the graph.
#[napi(object)]
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
    /// Whether the last build (of this process) composed it again.
    pub recomposed_last_build: bool,
    /// Codes of its diagnostics.
    pub diagnostics: Vec<String>,
    /// What the last build that changed something did for it.
    pub last_update: DefinitionUpdate,
    /// The type file that holds its entry (root-relative), when it is typed.
    pub types_file: Option<String>,
    /// Its key in `FizzRegistry` (`fizz-gql/runtime`), when it is typed.
    pub types_key: Option<String>,
}

/// The last build that changed something, in brief.
#[napi(object)]
pub struct LastUpdateSummary {
    pub generation: u32,
    /// Files it parsed and analysed.
    pub analyzed: Vec<String>,
    /// How many definitions it composed.
    pub recomposed: u32,
}

/// What the last build that changed something did for one definition.
#[napi(object)]
pub struct DefinitionUpdate {
    /// Its file was parsed and analysed again.
    pub file_analyzed: bool,
    /// It was composed again.
    pub recomposed: bool,
    /// `"added"`, `"updated"` or `"unchanged"`: what happened to its element.
    pub element: String,
}

impl From<fizz_core::Explanation> for Explanation {
    fn from(e: fizz_core::Explanation) -> Self {
        Self {
            query: e.query,
            kind: e.kind,
            file: e.file,
            definitions: e.definitions.into_iter().map(Into::into).collect(),
            imports: e.imports,
            imported_by: e.imported_by,
            last_update: LastUpdateSummary {
                generation: e.last_update.generation,
                analyzed: e.last_update.analyzed,
                recomposed: e.last_update.recomposed,
            },
        }
    }
}

impl From<fizz_core::DefinitionExplanation> for DefinitionExplanation {
    fn from(d: fizz_core::DefinitionExplanation) -> Self {
        Self {
            id: d.id,
            kind: d.kind,
            name: d.name,
            schema_label: d.schema_label,
            built: d.built,
            dependencies: d.dependencies,
            transitive_dependencies: d.transitive_dependencies,
            dependents: d.dependents,
            transitive_dependents: d.transitive_dependents,
            reads_files: d.reads_files,
            recomposed_last_build: d.recomposed_last_build,
            diagnostics: d.diagnostics,
            last_update: DefinitionUpdate {
                file_analyzed: d.last_update.file_analyzed,
                recomposed: d.last_update.recomposed,
                element: d.last_update.element,
            },
            types_file: d.types_file,
            types_key: d.types_key,
        }
    }
}
