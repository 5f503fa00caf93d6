//! Analysis of one TypeScript/JavaScript file with oxc: composer imports, definitions and
//! their canonical IDs, templates, imports and exports.

pub mod model;
pub mod analyze;
pub use analyze::analyze;
