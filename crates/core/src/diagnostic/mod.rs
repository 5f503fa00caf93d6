//! Diagnostics are values: every problem the builder finds becomes one of these,
//! located in the source file with 1-based line/column and a code frame.

pub mod code_frame;
pub mod line_index;
mod span;

pub use span::Span;

use serde::{Deserialize, Serialize};

use crate::diagnostic::line_index::LineIndex;

/// How bad a diagnostic is: errors keep the element out of the artifact, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A problem found before it has been placed in a file: code, message and byte span.
/// Analysis and composition produce these; [`RawDiagnostic::locate`] turns one into a
/// [`Diagnostic`] once the file's text is at hand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawDiagnostic {
    pub code: String,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    /// Other places in the same file (the first of two duplicates), with what each is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<(Span, String)>,
}

impl RawDiagnostic {
    pub fn error(code: &str, message: impl Into<String>, span: Span) -> Self {
        Self {
            code: code.to_string(),
            severity: Severity::Error,
            message: message.into(),
            span,
            related: Vec::new(),
        }
    }

    pub fn warning(code: &str, message: impl Into<String>, span: Span) -> Self {
        Self {
            code: code.to_string(),
            severity: Severity::Warning,
            message: message.into(),
            span,
            related: Vec::new(),
        }
    }
}

/// A related location of a diagnostic (the other place of a duplicate, a cycle member).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Related {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// A located diagnostic, exactly the shape of docs/reference/dsl.md §6.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub code: String,
    pub severity: Severity,
    pub message: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical_id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub related: Vec<Related>,
    pub frame: String,
}

impl Diagnostic {
    /// Sort key of docs/reference/artifact.md §1: file, line, column, code (then the rest, for a total order).
    pub fn sort_key(&self) -> (&str, u32, u32, &str, &str, Option<&str>) {
        (
            &self.file,
            self.line,
            self.column,
            &self.code,
            &self.message,
            self.canonical_id.as_deref(),
        )
    }

    /// A diagnostic about a whole file or the configuration, without a source position.
    pub fn without_position(
        code: &str,
        severity: Severity,
        message: impl Into<String>,
        file: &str,
    ) -> Self {
        Self {
            code: code.to_string(),
            severity,
            message: message.into(),
            file: file.to_string(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            canonical_id: None,
            related: Vec::new(),
            frame: String::new(),
        }
    }
}

impl RawDiagnostic {
    /// Places this diagnostic in `file`, whose text is `source`.
    pub fn locate(&self, file: &str, source: &str, index: &LineIndex) -> Diagnostic {
        let (line, column) = index.line_col(source, self.span.start);
        let (end_line, end_column) = index.line_col(source, self.span.end.max(self.span.start));
        Diagnostic {
            code: self.code.clone(),
            severity: self.severity,
            message: self.message.clone(),
            file: file.to_string(),
            line,
            column,
            end_line,
            end_column,
            canonical_id: None,
            related: self
                .related
                .iter()
                .map(|(span, message)| {
                    let (line, column) = index.line_col(source, span.start);
                    Related {
                        file: file.to_string(),
                        line,
                        column,
                        message: message.clone(),
                    }
                })
                .collect(),
            frame: crate::diagnostic::code_frame::render(source, index, self.span),
        }
    }
}

/// Sorts diagnostics in artifact order and drops exact duplicates.
pub fn sort_diagnostics(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}
