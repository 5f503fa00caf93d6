//! Analysis of one TypeScript/JavaScript file with oxc: composer imports, definitions and
//! their canonical IDs, templates, imports and exports.

pub mod ast_paths;
pub mod composer_imports;
pub mod cooked_alignment;
pub mod imports_exports;
pub mod model;
pub mod names;
pub mod template_source;
