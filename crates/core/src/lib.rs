//! fizz-core: the napi-free builder core of fizz-gql.
//!
//! Pipeline: config → discovery → analysis → resolution and graphs → composition →
//! artifact. See `docs/ARCHITECTURE.md` for where each stage lives.

pub mod analysis;
pub mod artifact;
pub mod build_result;
pub mod change_set;
pub mod chunk_writer;
pub mod code_frame;
pub mod compose;
pub mod config;
pub mod def_record;
pub mod derived;
pub mod derived_publish;
pub mod diagnostic;
pub mod dir_cache;
pub mod discovery;
pub mod duplicate_names;
pub mod element;
pub mod explain;
pub mod file_loader;
pub mod file_scan;
pub mod fingerprint;
pub mod graph_export;
pub mod graph_filter;
pub mod graphql;
pub mod hashing;
pub mod lazy_analysis;
pub mod line_index;
pub mod linker;
pub mod resolver;
pub mod schema_set;
pub mod session;
pub mod session_output;
pub mod session_persist;
pub mod session_transform;
pub mod session_watch;
pub mod snapshot;
pub mod source_file;
pub mod transform;
pub mod watch;

/// The builder's version: part of every snapshot's validity check.
pub const BUILDER_VERSION: &str = env!("CARGO_PKG_VERSION");
