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

/// graphql-js `FieldsOnCorrectTypeRule`'s message: on an abstract type, the types that
/// have the field ("Did you mean to use an inline fragment on …?"); else close field names.
fn unknown_field_message(schema: &Schema, parent: &str, field: &str) -> String {
    let types = suggested_type_names(schema, parent, field);
    let hint = if types.is_empty() {
        did_you_mean(&suggestion_list(field, &schema.field_names(parent)))
    } else {
        did_you_mean(&types).replacen(
            " Did you mean ",
            " Did you mean to use an inline fragment on ",
            1,
        )
    };
    format!("Cannot query field \"{field}\" on type \"{parent}\".{hint}")
}

/// graphql-js `getSuggestedTypeNames`: the possible types of an abstract type that have the
/// field, and their interfaces that have it, most used first.
fn suggested_type_names(schema: &Schema, parent: &str, field: &str) -> Vec<String> {
    if !schema.is_abstract(parent) {
        return Vec::new();
    }
    let has = |ty: &str| schema.field_names(ty).contains(&field);
    let mut usage: Vec<(String, usize)> = Vec::new();
    let mut bump = |name: &str| match usage.iter_mut().find(|(n, _)| n == name) {
        Some((_, count)) => *count += 1,
        None => usage.push((name.to_string(), 1)),
    };
    for possible in schema.possible_types(parent) {
        if !has(possible) {
            continue;
        }
        bump(possible);
        for interface in schema.interfaces(possible) {
            if has(interface) {
                bump(interface);
            }
        }
    }
    let is_interface =
        |n: &str| schema.type_kind(n) == Some(crate::graphql::schema::TypeKind::Interface);
    usage.sort_by(|(a, ca), (b, cb)| {
        cb.cmp(ca)
            .then_with(|| {
                if is_interface(a) && schema.interfaces(b).iter().any(|i| i == a) {
                    std::cmp::Ordering::Less
                } else if is_interface(b) && schema.interfaces(a).iter().any(|i| i == b) {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .then_with(|| crate::graphql::suggest::natural_compare(a, b))
    });
    usage.into_iter().map(|(n, _)| n).collect()
}

/// A span in the source file for `len` bytes at `offset` of the template text.
pub fn text_span(source: &TemplateSource, offset: u32, len: usize) -> Span {
    let start = source.to_source_offset(offset);
    Span::new(start, start + len as u32)
}
