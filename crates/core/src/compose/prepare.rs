//! The per-definition half of composition, independent of every other definition's
//! result: parse the template, check it against the schema, link its interpolations.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::analysis::canonical_id::CanonicalId;
use crate::analysis::model::{Definition, DefinitionKind, FileAnalysis};
use crate::compose::enum_coercion::coerce_enum_strings;
use crate::compose::linker::{Link, Linker};
use crate::compose::validate::{check_selection_set, check_type_condition, text_span};
use crate::diagnostic::{RawDiagnostic, Severity, Span};
use crate::graphql::ast::Template;
use crate::graphql::schema::Schema;
use crate::graphql::suggest::{did_you_mean, suggestion_list};
use crate::graphql::template_parse::parse_template;
use crate::validate::{check_local, Usage};

/// One definition, parsed, checked and linked.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// Canonical ID.
    pub id: String,
    pub file: String,
    pub analysis: Arc<FileAnalysis>,
    pub index: usize,
    /// `None` when the template did not parse. Shared with the composed form's `Origin`.
    pub template: Option<Arc<Template>>,
    /// One per interpolation: the fragment it names, when that resolved.
    pub links: Vec<Option<Link>>,
    /// Problems of this definition alone.
    pub diagnostics: Vec<RawDiagnostic>,
    /// The type its top-level selections are selected on (fragment type / root type).
    pub parent_type: Option<String>,
    /// Every file its interpolation lookups read (sorted), successful or not.
    pub via: Vec<String>,
    /// The variable usages of its template (what validation across fragments reads).
    pub usages: Vec<Usage>,
    /// Whether it is validated (see `derive::validation_enabled`).
    pub validate: bool,
}

impl Prepared {
    pub fn def(&self) -> &Definition {
        &self.analysis.definitions[self.index]
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Parses, checks and links definition `index` of `file`.
pub fn prepare(
    file: &str,
    analysis: &Arc<FileAnalysis>,
    index: usize,
    schemas: &BTreeMap<String, Schema>,
    linker: &Linker,
    validate: bool,
) -> Prepared {
    let def = &analysis.definitions[index];
    let mut prepared = Prepared {
        id: CanonicalId::new(file, &def.ast_path).into_string(),
        file: file.to_string(),
        analysis: analysis.clone(),
        index,
        template: None,
        links: vec![None; def.template.interpolations.len()],
        diagnostics: Vec::new(),
        parent_type: None,
        via: Vec::new(),
        usages: Vec::new(),
        validate,
    };
    let Some(schema) = schemas.get(&def.label) else {
        prepared.diagnostics.push(unknown_label(def, schemas));
        return prepared;
    };
    let mut template = match parse_template(&def.template) {
        Ok(template) => template,
        Err(errors) => {
            prepared
                .diagnostics
                .extend(errors.into_iter().take(1).map(|e| {
                    let span = text_span(&def.template, e.offset, e.len.max(1) as usize);
                    RawDiagnostic::error(
                        "GRAPHQL_SYNTAX",
                        format!("Syntax Error: {}", e.message),
                        span,
                    )
                }));
            return prepared;
        }
    };
    prepared.parent_type = parent_type(def, schema, &mut prepared.diagnostics);
    if let (true, Some(parent)) = (def.options_object, &prepared.parent_type) {
        coerce_enum_strings(&mut template.selection_set.selections, parent, schema);
    }
    if let Some(parent) = &prepared.parent_type {
        check_selection_set(
            &template.selection_set,
            parent,
            schema,
            &def.template,
            &mut prepared.diagnostics,
        );
    }
    if validate {
        let (problems, usages) = check_local(
            &template,
            prepared.parent_type.as_deref(),
            schema,
            &def.template,
        );
        prepared.diagnostics.extend(problems);
        prepared.usages = usages;
    }
    for (i, interpolation) in def.template.interpolations.iter().enumerate() {
        let result = match &interpolation.path {
            Some(path) => {
                let lookup = linker.link(file, def, path);
                prepared.via.extend(lookup.via);
                lookup.result.map_err(|e| e.into_diagnostic(interpolation.span))
            }
            None => Err(RawDiagnostic::error(
                "INVALID_INTERPOLATION",
                "an interpolation must name a fragment definition (an identifier or a member path such as ns.fragment)",
                interpolation.span,
            )),
        };
        match result {
            Ok(link) => prepared.links[i] = Some(link),
            Err(diagnostic) => prepared.diagnostics.push(diagnostic),
        }
    }
    prepared.via.sort();
    prepared.via.dedup();
    prepared.template = Some(Arc::new(template));
    prepared
}

fn parent_type(def: &Definition, schema: &Schema, out: &mut Vec<RawDiagnostic>) -> Option<String> {
    match def.kind {
        DefinitionKind::Fragment => {
            let name = def.type_name.clone()?;
            let span = def.type_name_span.unwrap_or(def.name_span);
            match check_type_condition(schema, &name, span) {
                Ok(()) => Some(name),
                Err(diagnostic) => {
                    out.push(diagnostic);
                    None
                }
            }
        }
        DefinitionKind::Operation(operation) => match schema.root_type(operation) {
            Some(root) => Some(root.to_string()),
            None => {
                let message = format!(
                    "Schema \"{}\" has no {} type.",
                    def.label,
                    operation.as_str()
                );
                out.push(RawDiagnostic::error("UNKNOWN_TYPE", message, def.name_span));
                None
            }
        },
    }
}

fn unknown_label(def: &Definition, schemas: &BTreeMap<String, Schema>) -> RawDiagnostic {
    let labels: Vec<&str> = schemas.keys().map(String::as_str).collect();
    let message = format!(
        "Unknown schema label \"{}\" (the config defines {}).{}",
        def.label,
        labels
            .iter()
            .map(|l| format!("\"{l}\""))
            .collect::<Vec<_>>()
            .join(", "),
        did_you_mean(&suggestion_list(&def.label, &labels))
    );
    RawDiagnostic::error(
        "SCHEMA_NOT_FOUND",
        message,
        span_or(def.label_span, def.call_span),
    )
}

fn span_or(span: Span, fallback: Span) -> Span {
    if span == Span::default() {
        fallback
    } else {
        span
    }
}
