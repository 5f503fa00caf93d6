//! What bundler plugins ask a session: the transform of a file, the replacement spans a
//! Babel plugin applies itself (in UTF-16 offsets, as JavaScript sees them), and the
//! element object of one definition for the runtime.

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::analysis::model::FileAnalysis;
use crate::config::relative;
use crate::discovery::fingerprint::{Fingerprint, Stat};
use crate::session::Session;
use crate::transform::object_literal::object_json;
use crate::transform::{apply, plan, TransformOutput, TransformPlan};

/// A replacement in UTF-16 offsets: what a Babel plugin needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsReplacement {
    pub canonical_id: String,
    pub start: u32,
    pub end: u32,
    /// 1-based line and 0-based column (UTF-16) of `start`, as Babel's `loc` counts.
    pub line: u32,
    pub column: u32,
    pub code: String,
}

/// Every replacement of a file plus the composer imports to delete, in UTF-16 offsets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsPlan {
    pub replacements: Vec<JsReplacement>,
    pub removals: Vec<(u32, u32)>,
    /// The element helper's declaration, which takes the place of the first removal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub helper: Option<String>,
}

impl Session {
    /// The root-relative form of a path given absolute or relative to the root.
    pub fn relative_path(&self, path: &str) -> String {
        relative(
            &self.config.root,
            &crate::config::under_root(&self.config.root, Path::new(path)),
        )
    }

    /// Transforms a file (docs/reference/api.md §3); `None` when it has no definitions or is not a source
    /// of the build. `code` is the text the bundler holds (default: the file on disk).
    pub fn transform(&self, path: &str, code: Option<&str>) -> Option<TransformOutput> {
        let (relative, source, plan) = self.plan_for(path, code)?;
        Some(apply(&relative, &source, &plan))
    }

    /// The replacements a Babel plugin applies, in UTF-16 offsets.
    pub fn js_plan(&self, path: &str, code: Option<&str>) -> Option<JsPlan> {
        let (_, source, plan) = self.plan_for(path, code)?;
        let offsets = Utf16Offsets::new(&source);
        Some(JsPlan {
            replacements: plan
                .replacements
                .into_iter()
                .map(|r| {
                    let (line, column) = offsets.line_column(r.span.start);
                    JsReplacement {
                        canonical_id: r.canonical_id,
                        start: offsets.at(r.span.start),
                        end: offsets.at(r.span.end),
                        line,
                        column,
                        code: r.code,
                    }
                })
                .collect(),
            removals: plan
                .removals
                .iter()
                .map(|s| (offsets.at(s.start), offsets.at(s.end)))
                .collect(),
            helper: plan.helper,
        })
    }

    /// The element object of a definition (everything but `options`), as the transform
    /// writes it: what the runtime returns for code that is not transformed.
    pub fn element_object(&self, canonical_id: &str) -> Option<serde_json::Value> {
        self.derived
            .elements
            .get(canonical_id)
            .map(|e| object_json(e))
    }

    fn plan_for(&self, path: &str, code: Option<&str>) -> Option<(String, String, TransformPlan)> {
        let relative = self.relative_path(path);
        if !self.discovery.matches(&relative) {
            return None;
        }
        let source = match code {
            Some(code) => code.to_string(),
            None => std::fs::read_to_string(self.config.root.join(&relative)).ok()?,
        };
        let analysis = self.analysis_of(&relative, &source);
        let plan = plan(&relative, &source, &analysis, &self.derived.elements)?;
        Some((relative, source, plan))
    }

    /// The session's analysis when `source` is the text it analysed, else a fresh one.
    fn analysis_of(&self, relative: &str, source: &str) -> Arc<FileAnalysis> {
        let hash = xxhash_rust::xxh3::xxh3_64(source.as_bytes());
        match self.files.get(relative) {
            Some(file) if file.fingerprint.hash == hash => file.analysis.arc().clone(),
            _ => {
                let stat = Stat {
                    size: source.len() as u64,
                    mtime_ms: 0.0,
                };
                self.loader()
                    .analyze_text(
                        relative,
                        Fingerprint::new(stat, source.as_bytes()),
                        source.to_string(),
                    )
                    .analysis
                    .arc()
                    .clone()
            }
        }
    }
}

/// Byte offset → UTF-16 offset and line/column, for one text.
struct Utf16Offsets<'a> {
    source: &'a str,
}

impl<'a> Utf16Offsets<'a> {
    fn new(source: &'a str) -> Self {
        Self { source }
    }

    fn at(&self, byte: u32) -> u32 {
        self.source[..(byte as usize).min(self.source.len())]
            .chars()
            .map(|c| c.len_utf16() as u32)
            .sum()
    }

    fn line_column(&self, byte: u32) -> (u32, u32) {
        let before = &self.source[..(byte as usize).min(self.source.len())];
        let line = before.matches('\n').count() as u32 + 1;
        let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        (
            line,
            before[line_start..]
                .chars()
                .map(|c| c.len_utf16() as u32)
                .sum(),
        )
    }
}
