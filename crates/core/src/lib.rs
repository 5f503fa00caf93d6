//! fizz-core: the napi-free builder core of fizz-gql.
//!
//! Pipeline: config → discovery → analysis → resolution and graphs → composition →
//! artifact. See `docs/ARCHITECTURE.md` for where each stage lives.

pub mod analysis;
pub mod artifact;
pub mod compose;
pub mod config;
pub mod derive;
pub mod diagnostic;
pub mod discovery;
pub mod graphql;
pub mod hashing;
pub mod persist;
pub mod session;
pub mod sources;
pub mod transform;
pub mod watch;

/// The builder's version: part of every snapshot's validity check.
pub const BUILDER_VERSION: &str = env!("CARGO_PKG_VERSION");
