//! N-API binding of fizz-gql: the `BuilderSession` and `Watcher` classes and the types JS sees. This is the
//! only crate that knows napi; every behaviour lives in `fizz-core`.

#![deny(clippy::all)]

mod artifact_view;
mod build_result;
mod builder_session;
mod graph_types;
mod js_types;
mod project_files;
mod ts_types;
mod watcher;

pub use build_result::BuildResult;
pub use builder_session::BuilderSession;
pub use watcher::Watcher;
