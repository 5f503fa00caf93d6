//! Plain objects crossing the boundary, with the doc comments that become `index.d.ts`.

use std::collections::HashMap;

use napi_derive::napi;

/// How to open a session: a config file, an inline config, or a root holding `fizz.config.json`.
#[napi(object)]
pub struct SessionOptions {
    /// The config root (defaults to the config file's folder, else the current directory).
    pub root: Option<String>,
    /// Path of `fizz.config.json` (a `.mjs`/`.js` config is loaded by the JS layer and passed as `config`).
    pub config_path: Option<String>,
    /// The config object itself (docs/reference/api.md §1), instead of a file.
    pub config: Option<serde_json::Value>,
    /// Persist the session (`session.json` and chunks) on `persist()`/`dispose()`.
    pub persist: Option<bool>,
}

/// Transformed code and its v3 source map (JSON text).
#[napi(object)]
pub struct TransformResult {
    pub code: String,
    pub map: String,
}

/// Paths that changed since the last build, absolute or root-relative (docs/reference/api.md §2).
#[napi(object)]
pub struct ChangeSet {
    pub added: Option<Vec<String>>,
    pub updated: Option<Vec<String>>,
    pub removed: Option<Vec<String>>,
}

impl From<ChangeSet> for fizz_core::ChangeSet {
    fn from(c: ChangeSet) -> Self {
        Self {
            added: c.added.unwrap_or_default(),
            updated: c.updated.unwrap_or_default(),
            removed: c.removed.unwrap_or_default(),
        }
    }
}

/// A problem found in a source file, schema or config (docs/reference/dsl.md §6).
#[napi(object)]
pub struct Diagnostic {
    /// Stable UPPER_SNAKE_CASE identifier, e.g. `GRAPHQL_SYNTAX`.
    pub code: String,
    /// `"error"` or `"warning"`.
    pub severity: String,
    pub message: String,
    /// Root-relative path with `/` separators.
    pub file: String,
    /// 1-based line in the source file.
    pub line: u32,
    /// 1-based column (UTF-16 code units, as editors count).
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// The canonical ID of the definition concerned, when there is one.
    pub canonical_id: Option<String>,
    /// Other places involved (the other duplicate, …).
    pub related: Vec<RelatedLocation>,
    /// A short code frame with a caret under the problem.
    pub frame: String,
}

/// Another place a diagnostic refers to.
#[napi(object)]
pub struct RelatedLocation {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// Canonical IDs a build added, updated and removed, each sorted.
#[napi(object)]
pub struct Delta {
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub removed: Vec<String>,
}

/// Counters and timings of one build.
#[napi(object)]
pub struct BuildStats {
    /// Files whose size and mtime matched their fingerprint: not read.
    pub hits: u32,
    /// Files read (new, or their stat changed).
    pub misses: u32,
    /// Files read whose content hash was unchanged: not re-analysed.
    pub skips: u32,
    /// Files parsed and analysed.
    pub parsed: u32,
    pub chunks_written: u32,
    pub chunks_reused: u32,
    /// Type files written (only those whose bytes changed).
    pub types_written: u32,
    pub duration_ms: f64,
    /// Milliseconds per phase.
    pub phases: HashMap<String, f64>,
}

/// What the session holds (docs/reference/api.md §2).
#[napi(object)]
pub struct SessionSnapshot {
    pub generation: u32,
    /// Source files known to the session.
    pub files: u32,
    /// Definitions found in them.
    pub definitions: u32,
    /// Resolved import edges between source files of the module graph.
    pub module_adjacency_size: u32,
    /// Interpolation edges between definitions.
    pub definition_adjacency_size: u32,
    pub metadata: SnapshotMetadata,
}

/// What a persisted snapshot is validated against.
#[napi(object)]
pub struct SnapshotMetadata {
    pub analyzer_version: String,
    pub config_hash: String,
    /// Schema label → hash of its SDL files.
    pub schema_hashes: HashMap<String, String>,
}

impl From<fizz_core::Diagnostic> for Diagnostic {
    fn from(d: fizz_core::Diagnostic) -> Self {
        Self {
            code: d.code,
            severity: match d.severity {
                fizz_core::Severity::Error => "error".into(),
                fizz_core::Severity::Warning => "warning".into(),
            },
            message: d.message,
            file: d.file,
            line: d.line,
            column: d.column,
            end_line: d.end_line,
            end_column: d.end_column,
            canonical_id: d.canonical_id,
            related: d
                .related
                .into_iter()
                .map(|r| RelatedLocation {
                    file: r.file,
                    line: r.line,
                    column: r.column,
                    message: r.message,
                })
                .collect(),
            frame: d.frame,
        }
    }
}

impl From<fizz_core::Delta> for Delta {
    fn from(d: fizz_core::Delta) -> Self {
        Self {
            added: d.added,
            updated: d.updated,
            removed: d.removed,
        }
    }
}

impl From<fizz_core::BuildStats> for BuildStats {
    fn from(s: fizz_core::BuildStats) -> Self {
        Self {
            hits: s.hits,
            misses: s.misses,
            skips: s.skips,
            parsed: s.parsed,
            chunks_written: s.chunks_written,
            chunks_reused: s.chunks_reused,
            types_written: s.types_written,
            duration_ms: s.duration_ms,
            phases: s.phases.into_iter().collect(),
        }
    }
}

/// One coalesced batch of file changes from `session.watch()`: paths as a change set
/// takes them (root-relative, or absolute outside the root), each list sorted.
#[napi(object)]
pub struct WatchBatch {
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub removed: Vec<String>,
    /// Events were lost: sweep with `update()` (no change set) instead of trusting the lists.
    pub rescan: bool,
    /// Why events were lost, when they were.
    pub warning: Option<String>,
}

impl From<fizz_core::WatchBatch> for WatchBatch {
    fn from(b: fizz_core::WatchBatch) -> Self {
        Self {
            added: b.added,
            updated: b.updated,
            removed: b.removed,
            rescan: b.rescan,
            warning: b.warning,
        }
    }
}

/// How `session.watch()` coalesces events into batches.
#[napi(object)]
pub struct WatchOptions {
    /// A batch that touched one file ends after this many quiet milliseconds (default 50).
    pub quiet_ms: Option<u32>,
    /// A batch that touched several files ends after this many quiet milliseconds (default 200).
    pub burst_quiet_ms: Option<u32>,
    /// A batch ends at the latest this many milliseconds after its first event (default 5000).
    pub max_wait_ms: Option<u32>,
}

/// A build's outputs narrowed by a graph filter (`session.filterResult()`).
#[napi(object)]
pub struct FilteredResult {
    /// The filtered artifact as JSON text: matching elements, what they depend on, and
    /// the diagnostics about them.
    pub artifact_json: String,
    /// The delta restricted to the filtered artifact (removed IDs: those that match).
    pub delta: Delta,
    /// The build's diagnostics about the kept files and definitions, and those not about
    /// a source file (schemas, config, cache).
    pub diagnostics: Vec<Diagnostic>,
}
