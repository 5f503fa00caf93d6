//! fizz-core: the napi-free builder core of fizz-gql.
//!
//! Pipeline: config → discovery → analysis → resolution and graphs → composition →
//! artifact. See `docs/ARCHITECTURE.md`.

pub mod analysis;
pub mod code_frame;
pub mod diagnostic;
pub mod graphql;
pub mod line_index;
