//! Shapes that cross the boundary as JSON (artifact, explanation, transform plan): declared
//! here so `index.d.ts` types and documents them. Never constructed in Rust.

#![allow(dead_code)]

use std::collections::HashMap;

use napi_derive::napi;

use crate::js_types::Diagnostic;

/// The artifact (docs/reference/artifact.md §1): elements keyed by canonical ID, sorted.
#[napi(object)]
pub struct Artifact {
    pub version: u32,
    pub elements: HashMap<String, ArtifactElement>,
    /// Sorted by file, line, column, code.
    pub diagnostics: Vec<Diagnostic>,
    /// The only part allowed to differ between two builds of the same inputs.
    pub report: ArtifactReport,
}

/// One operation or fragment of the artifact.
#[napi(object)]
pub struct ArtifactElement {
    /// The canonical ID, `<path>::<astPath>`.
    pub id: String,
    /// `"operation"` or `"fragment"`.
    #[napi(js_name = "type", ts_type = "'operation' | 'fragment'")]
    pub kind: String,
    #[napi(ts_type = "OperationPrebuild | FragmentPrebuild")]
    pub prebuild: serde_json::Value,
    /// The document text, exactly as graphql-js 16 `print()` gives it.
    pub text: String,
    /// sha256 of `text` (operations): the persisted-operation id.
    pub hash: Option<String>,
    /// Merged variable names (fragments).
    pub variable_names: Option<Vec<String>>,
    /// Canonical IDs of every fragment reached, transitively, sorted.
    pub dependencies: Vec<String>,
    pub metadata: ElementMetadata,
}

/// What an operation element carries for runtimes.
#[napi(object)]
pub struct OperationPrebuild {
    #[napi(ts_type = "'query' | 'mutation' | 'subscription'")]
    pub operation_type: String,
    pub operation_name: String,
    pub schema_label: String,
    /// graphql-js 16 `parse(text, { noLocation: true })` as JSON.
    pub document: serde_json::Value,
    /// Merged variable names, in order.
    pub variable_names: Vec<String>,
}

/// What a fragment element carries for runtimes.
#[napi(object)]
pub struct FragmentPrebuild {
    pub typename: String,
    pub key: String,
    pub schema_label: String,
}

/// Where an element comes from.
#[napi(object)]
pub struct ElementMetadata {
    pub source_path: String,
    /// Changes exactly when the element's `prebuild`, `text` or `variableNames` change.
    pub content_hash: String,
}

/// How the build went.
#[napi(object)]
pub struct ArtifactReport {
    pub duration_ms: f64,
    pub stats: ArtifactReportStats,
}

/// File counters of the build that wrote the artifact.
#[napi(object)]
pub struct ArtifactReportStats {
    pub hits: u32,
    pub misses: u32,
    pub skips: u32,
}

/// The object a definition becomes in transformed code (docs/reference/api.md §3), without `options`.
#[napi(object)]
pub struct ElementObject {
    #[napi(ts_type = "'operation' | 'fragment'")]
    pub kind: String,
    pub operation_type: Option<String>,
    pub operation_name: Option<String>,
    pub key: Option<String>,
    pub typename: Option<String>,
    pub schema_label: String,
    pub document: Option<serde_json::Value>,
    pub text: String,
    pub variable_names: Vec<String>,
    pub hash: Option<String>,
}

/// The replacements of one file, in UTF-16 offsets of the code given.
#[napi(object)]
pub struct TransformPlan {
    pub replacements: Vec<TransformReplacement>,
    /// `[start, end)` of composer import declarations to delete.
    #[napi(ts_type = "Array<[number, number]>")]
    pub removals: Vec<Vec<u32>>,
    /// A function declaration (soda-gql's element surface, shared by the file's objects,
    /// which call it) that takes the place of the first removal; absent when nothing is removed.
    pub helper: Option<String>,
}

/// One definition call and the object literal that replaces it.
#[napi(object)]
pub struct TransformReplacement {
    pub canonical_id: String,
    pub start: u32,
    pub end: u32,
    /// 1-based line of `start`.
    pub line: u32,
    /// 0-based UTF-16 column of `start`.
    pub column: u32,
    /// JS source of the object literal.
    pub code: String,
}

/// What a bundler's watcher should cover (`session.watchTargets()`), absolute paths with `/`.
#[napi(object)]
pub struct WatchTargets {
    /// The config root.
    pub root: String,
    /// The config file; `null` for an inline config.
    #[napi(ts_type = "string | null")]
    pub config_file: Option<String>,
    /// Every schema file of every label.
    pub schema_files: Vec<String>,
    /// The literal base folders of the include globs (where new source files can appear).
    pub source_dirs: Vec<String>,
}
