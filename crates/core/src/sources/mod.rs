//! Source files: loading, scanning, lazy analysis, module resolution.

pub mod file_loader;
pub mod file_scan;
pub mod lazy_analysis;
pub mod resolver;
pub mod source_file;
