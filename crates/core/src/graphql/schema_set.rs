//! The schemas of a config: one SDL schema per label, loaded from one or more files, with
//! a hash per label (a changed hash invalidates everything built against it).

use std::collections::BTreeMap;

use crate::config::ResolvedConfig;
use crate::diagnostic::line_index::LineIndex;
use crate::diagnostic::{Diagnostic, RawDiagnostic, Severity, Span};
use crate::graphql::schema::{load_schema, Schema};
use crate::hashing::hash_hex;

/// Every schema of the config.
#[derive(Default)]
pub struct SchemaSet {
    pub schemas: BTreeMap<String, Schema>,
    /// Label → hash of its SDL files' contents.
    pub hashes: BTreeMap<String, String>,
    /// SDL problems, located in the schema files.
    pub diagnostics: Vec<Diagnostic>,
}

impl SchemaSet {
    pub fn load(config: &ResolvedConfig) -> Self {
        let mut set = SchemaSet {
            schemas: BTreeMap::new(),
            hashes: BTreeMap::new(),
            diagnostics: Vec::new(),
        };
        for (label, paths) in &config.schemas {
            let mut files = Vec::new();
            for path in paths {
                let relative = config.relative(path);
                match std::fs::read_to_string(path) {
                    Ok(text) => files.push((relative, text)),
                    Err(e) => set.diagnostics.push(Diagnostic::without_position(
                        "SCHEMA_UNREADABLE",
                        Severity::Error,
                        format!("cannot read the schema of \"{label}\": {e}"),
                        &relative,
                    )),
                }
            }
            set.hashes.insert(label.clone(), label_hash(&files));
            let (schema, errors) = load_schema(&files);
            for error in errors {
                let text = files
                    .iter()
                    .find(|(p, _)| *p == error.file)
                    .map(|(_, t)| t.as_str())
                    .unwrap_or("");
                let raw = RawDiagnostic::error(
                    "SCHEMA_SYNTAX",
                    error.message,
                    Span::new(error.offset, error.offset + 1),
                );
                set.diagnostics
                    .push(raw.locate(&error.file, text, &LineIndex::new(text)));
            }
            set.schemas.insert(label.clone(), schema);
        }
        set
    }
}

impl SchemaSet {
    /// The hash of every label's SDL as it is on disk now (a missing file hashes as empty).
    pub fn hashes_of(config: &ResolvedConfig) -> BTreeMap<String, String> {
        let read = |path: &std::path::PathBuf| {
            (
                config.relative(path),
                std::fs::read_to_string(path).unwrap_or_default(),
            )
        };
        config
            .schemas
            .iter()
            .map(|(label, paths)| {
                (
                    label.clone(),
                    label_hash(&paths.iter().map(read).collect::<Vec<_>>()),
                )
            })
            .collect()
    }
}

fn label_hash(files: &[(String, String)]) -> String {
    let joined: String = files.iter().map(|(p, t)| format!("{p}\0{t}\0")).collect();
    hash_hex(joined.as_bytes())
}
