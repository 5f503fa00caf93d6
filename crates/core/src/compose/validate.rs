//! Schema checks on one definition's own template (docs/reference/dsl.md §5.5): type conditions name
//! composite types, fields exist on their parent type, with close-name suggestions.
//! Plain-text named spreads are rejected here too (`NAMED_SPREAD`).

use crate::diagnostic::{RawDiagnostic, Span};
use crate::graphql::ast::{Selection, SelectionSet, SpreadTarget};
use crate::graphql::schema::Schema;
use crate::graphql::suggest::{did_you_mean, suggestion_list};
use crate::graphql::template_source::TemplateSource;

/// Walks a selection set whose parent type is `parent` and reports every problem.
pub fn check_selection_set(
    set: &SelectionSet,
    parent: &str,
    schema: &Schema,
    source: &TemplateSource,
    out: &mut Vec<RawDiagnostic>,
) {
    for selection in &set.selections {
        match selection {
            Selection::Field(field) => {
                let span = text_span(source, field.name_offset, field.name.len());
                match schema.field_type(parent, &field.name) {
                    Some(ty) => {
                        let named = ty.named().to_string();
                        if let Some(inner) = &field.selection_set {
                            if schema.is_composite(&named) {
                                check_selection_set(inner, &named, schema, source, out);
                            }
                        }
                    }
                    None => out.push(RawDiagnostic::error(
                        "UNKNOWN_FIELD",
                        unknown_field_message(schema, parent, &field.name),
                        span,
                    )),
                }
            }
            Selection::InlineFragment(fragment) => {
                let inner = match &fragment.type_condition {
                    Some(condition) => {
                        let span = text_span(source, fragment.offset, 3);
                        match check_type_condition(schema, condition, span) {
                            Ok(()) => condition.as_str(),
                            Err(diagnostic) => {
                                out.push(diagnostic);
                                continue;
                            }
                        }
                    }
                    None => parent,
                };
                check_selection_set(&fragment.selection_set, inner, schema, source, out);
            }
            Selection::Spread(spread) => {
                if let SpreadTarget::Named(name) = &spread.target {
                    let span = text_span(source, spread.offset, 3 + name.len());
                    out.push(RawDiagnostic::error(
                        "NAMED_SPREAD",
                        format!("Named spread \"...{name}\" is not allowed: reference a fragment by interpolation (...${{fragment}})"),
                        span,
                    ));
                }
            }
        }
    }
}

/// A type condition must be an object, interface or union of the schema.
pub fn check_type_condition(schema: &Schema, name: &str, span: Span) -> Result<(), RawDiagnostic> {
    if schema.is_composite(name) {
        return Ok(());
    }
    let message = if schema.type_kind(name).is_some() {
        format!("Fragment cannot condition on non composite type \"{name}\".")
    } else {
        let names: Vec<&str> = schema
            .type_names()
            .filter(|n| schema.is_composite(n))
            .collect();
        format!(
            "Unknown type \"{name}\".{}",
            did_you_mean(&suggestion_list(name, &names))
        )
    };
    Err(RawDiagnostic::error("UNKNOWN_TYPE", message, span))
}

fn unknown_field_message(schema: &Schema, parent: &str, field: &str) -> String {
    let names = schema.field_names(parent);
    format!(
        "Cannot query field \"{field}\" on type \"{parent}\".{}",
        did_you_mean(&suggestion_list(field, &names))
    )
}

/// A span in the source file for `len` bytes at `offset` of the template text.
pub fn text_span(source: &TemplateSource, offset: u32, len: usize) -> Span {
    let start = source.to_source_offset(offset);
    Span::new(start, start + len as u32)
}
