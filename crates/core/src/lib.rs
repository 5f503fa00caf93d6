//! fizz-core: the napi-free builder core of fizz-gql.
//!
//! Pipeline: config → discovery → analysis → resolution and graphs → composition →
//! artifact. See `docs/ARCHITECTURE.md` for where each stage lives.

// The core is a library: output goes through results and diagnostics, never stdout.
#![warn(clippy::print_stdout)]

mod analysis;
mod artifact;
mod compose;
mod config;
mod deep_stack;
mod derive;
mod diagnostic;
mod discovery;
mod graphql;
mod hashing;
mod persist;
mod session;
mod sources;
mod transform;
mod types;
mod validate;
mod watch;

// The surface the binding crate and the tests use; everything else is internal.
pub use analysis::canonical_id::CanonicalId;
pub use analysis::model::{Definition, DefinitionKind, ExportEntry, FileAnalysis, ImportKind};
pub use analysis::{analyze, MAX_BRACKET_DEPTH};
pub use artifact::build_result::{BuildResult, BuildStats, Delta};
pub use artifact::element::{Element, Prebuild};
pub use artifact::Artifact;
pub use config::{
    absolute, is_soda_config, ResolvedConfig, TypesConfig, CONFIG_FILE_NAMES,
    SODA_CONFIG_FILE_NAMES, SOURCE_EXTENSIONS,
};
pub use deep_stack::run as on_build_pool;
pub use diagnostic::line_index::LineIndex;
pub use diagnostic::{Diagnostic, Severity, Span};
pub use discovery::change_set::ChangeSet;
pub use discovery::Discovery;
pub use graphql::ast as graphql_ast;
pub use graphql::document::{parse_document, ExecutableDefinition};
pub use graphql::document_json::document_json_string;
pub use graphql::print::{print_fragment, print_operation};
pub use graphql::schema::{load_schema, Schema, SchemaError, TypeKind};
pub use graphql::suggest::{did_you_mean, suggestion_list};
pub use graphql::template_parse::{parse_template, SyntaxError};
pub use graphql::template_source::{Interpolation, TemplateSource};
pub use session::explain::{DefinitionExplanation, Explanation};
pub use session::graph_export::DependencyGraph;
pub use session::graph_filter::GraphFilter;
pub use session::Session;
pub use watch::{FileWatcher, WatchBatch, WatchOptions, WatchScope};

/// The builder's version: part of every snapshot's validity check.
pub const BUILDER_VERSION: &str = env!("CARGO_PKG_VERSION");
