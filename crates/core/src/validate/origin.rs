//! Where validated nodes come from: each definition's template with its file, and the
//! problems validation finds, placed in the file where they are written.

use std::sync::Arc;

use crate::analysis::model::{DefinitionKind, FileAnalysis};
use crate::diagnostic::{RawDiagnostic, Span};
use crate::graphql::ast::Template;
use crate::graphql::template_source::TemplateSource;
use crate::validate::values::Usage;

/// One definition's template as validation walks it: the node tree of the composed
/// document, one template per definition, each with the file its offsets map into.
#[derive(Debug)]
pub struct Origin {
    pub file: String,
    pub kind: DefinitionKind,
    /// Operation name or fragment key.
    pub name: String,
    pub name_span: Span,
    /// The file's analysis and the definition's index in it: where its `TemplateSource`
    /// (the map back to file offsets) lives.
    pub analysis: Arc<FileAnalysis>,
    pub index: usize,
    pub template: Arc<Template>,
    /// The type its top-level selections are selected on.
    pub parent_type: String,
    /// One per interpolation (in interpolation order): the fragment it names.
    pub children: Vec<Arc<Origin>>,
    /// The variable usages of its own template.
    pub usages: Vec<Usage>,
    /// The variables its fragments declare that it does not, merged as composition merges
    /// them (interpolation order, depth first, the first declaration of a name wins): the
    /// fragment and the index in its template's variables.
    pub fragment_variables: Vec<(Arc<Origin>, usize)>,
    /// The variable usages of its fragments, transitively: the fragment and the index in
    /// its `usages`.
    pub fragment_usages: Vec<(Arc<Origin>, usize)>,
}

impl Origin {
    /// Fills `fragment_variables` and `fragment_usages` from the children (computed once
    /// per composed definition, so validating a dependent never walks the whole tree).
    pub fn with_fragment_tables(mut self) -> Self {
        let mut variables: Vec<(Arc<Origin>, usize)> = Vec::new();
        let mut usages: Vec<(Arc<Origin>, usize)> = Vec::new();
        let own = &self.template.variables;
        for child in &self.children {
            let theirs = (0..child.template.variables.len())
                .map(|i| (child.clone(), i))
                .chain(child.fragment_variables.iter().cloned());
            for (at, i) in theirs {
                let name = &at.template.variables[i].name;
                let known = own.iter().any(|v| &v.name == name)
                    || variables
                        .iter()
                        .any(|(o, j)| &o.template.variables[*j].name == name);
                if !known {
                    variables.push((at, i));
                }
            }
            usages.extend((0..child.usages.len()).map(|i| (child.clone(), i)));
            usages.extend(child.fragment_usages.iter().cloned());
        }
        self.fragment_variables = variables;
        self.fragment_usages = usages;
        self
    }

    /// The template's text and its map back to the file.
    pub fn source(&self) -> &TemplateSource {
        &self.analysis.definitions[self.index].template
    }

    /// A place in this definition's file for `len` bytes at `offset` of its template text.
    pub fn place(&self, offset: u32, len: usize) -> Place {
        let start = self.source().to_source_offset(offset);
        Place {
            file: self.file.clone(),
            span: Span::new(start, start + len.max(1) as u32),
        }
    }
}

/// A span in a named file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Place {
    pub file: String,
    pub span: Span,
}

/// A problem found across definitions: located where it is written (possibly in an
/// interpolated fragment's file), with the other side of a conflict as related places.
/// Kept in the session snapshot with the composition results it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    pub code: String,
    pub message: String,
    pub at: Place,
    pub related: Vec<(Place, String)>,
}

impl Problem {
    pub fn new(code: &str, message: impl Into<String>, at: Place) -> Self {
        Problem {
            code: code.to_string(),
            message: message.into(),
            at,
            related: Vec::new(),
        }
    }

    /// A problem of the definition itself, in its own file.
    pub fn from_raw(raw: RawDiagnostic, file: &str) -> Self {
        let place = |span| Place {
            file: file.to_string(),
            span,
        };
        Problem {
            code: raw.code,
            message: raw.message,
            at: place(raw.span),
            related: raw
                .related
                .into_iter()
                .map(|(s, m)| (place(s), m))
                .collect(),
        }
    }

    pub fn with_related(mut self, at: Place, message: impl Into<String>) -> Self {
        self.related.push((at, message.into()));
        self
    }
}
