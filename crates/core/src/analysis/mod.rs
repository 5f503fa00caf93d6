//! Analysis of one TypeScript/JavaScript file with oxc: composer imports, definitions and
//! their canonical IDs, templates, imports and exports.
//!
//! [`analyze`] is the entry point; the other modules are its steps, public so that later
//! stages and tests can reuse them.

pub mod analyze;
pub mod ast_paths;
pub mod canonical_id;
pub mod composer_call;
pub mod composer_imports;
pub mod cooked_alignment;
pub mod definition_form;
pub mod factory;
pub mod imports_exports;
pub mod model;
pub mod names;
pub mod nesting_scan;
pub mod options_object;
pub mod scope_walker;
pub mod template_reader;

pub use analyze::analyze;
pub use nesting_scan::MAX_BRACKET_DEPTH;
