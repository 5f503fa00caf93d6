//! The rules that read across a definition's interpolated fragments, run once every
//! fragment it reaches is valid on its own.

use crate::analysis::model::DefinitionKind;
use crate::graphql::ast::{OperationType, Selection, SelectionSet, SpreadTarget, Type};
use crate::graphql::schema::Schema;
use crate::validate::origin::{Origin, Problem};
use crate::validate::types::do_types_overlap;
use crate::validate::{introspection_depth, overlapping_fields, subscriptions, variables};

/// Checks `origin` (whose local rules passed) with its fragments; returns the problems,
/// one per place and message ([`merge_same`]), in the order found.
pub fn check_tree(schema: &Schema, origin: &Origin) -> Vec<Problem> {
    let mut out = Vec::new();
    spreads(
        schema,
        origin,
        &origin.template.selection_set,
        Some(&origin.parent_type),
        &mut out,
    );
    overlapping_fields::check(schema, origin, &mut out);
    let mut defs = Vec::new();
    variables::merged(origin, &mut defs);
    let mut uses = Vec::new();
    variables::usages(origin, &mut uses);
    let is_fragment = origin.kind == DefinitionKind::Fragment;
    variables::allowed_positions(schema, &defs, &uses, is_fragment, &mut out);
    introspection_depth::check(origin, &mut out);
    if let DefinitionKind::Operation(op) = origin.kind {
        variables::defined_and_used(origin, &defs, &uses, &mut out);
        if op == OperationType::Subscription {
            subscriptions::check(schema, origin, &mut out);
        }
    }
    merge_same(out)
}

/// One problem per code, message and place, in the order found. graphql-js reports a field
/// that conflicts with two fields of one response key twice, with one message and the same
/// first location; a user would see one diagnostic listed twice, so the second's other
/// sides become related places of the first.
fn merge_same(found: Vec<Problem>) -> Vec<Problem> {
    let mut merged: Vec<Problem> = Vec::with_capacity(found.len());
    for problem in found {
        let same = merged
            .iter_mut()
            .find(|p| p.code == problem.code && p.at == problem.at && p.message == problem.message);
        match same {
            Some(first) => {
                for related in problem.related {
                    if !first.related.contains(&related) {
                        first.related.push(related);
                    }
                }
            }
            None => merged.push(problem),
        }
    }
    merged
}

/// `PossibleFragmentSpreadsRule` for interpolated fragments.
fn spreads(
    schema: &Schema,
    origin: &Origin,
    set: &SelectionSet,
    parent: Option<&str>,
    out: &mut Vec<Problem>,
) {
    for selection in &set.selections {
        match selection {
            Selection::Field(field) => {
                if let Some(inner) = &field.selection_set {
                    let ty = parent.and_then(|p| schema.field_type(p, &field.name));
                    let named = ty.map(Type::named).filter(|n| schema.is_composite(n));
                    spreads(schema, origin, inner, named, out);
                }
            }
            Selection::InlineFragment(fragment) => {
                let inner = match &fragment.type_condition {
                    Some(c) => schema.is_composite(c).then_some(c.as_str()),
                    None => parent,
                };
                spreads(schema, origin, &fragment.selection_set, inner, out);
            }
            Selection::Spread(spread) => {
                let (SpreadTarget::Interpolation(i), Some(p)) = (&spread.target, parent) else {
                    continue;
                };
                let Some(child) = origin.children.get(*i) else {
                    continue;
                };
                let c = child.parent_type.as_str();
                if !do_types_overlap(schema, c, p) {
                    out.push(Problem::new(
                        "IMPOSSIBLE_SPREAD",
                        format!(
                            "Fragment \"{}\" cannot be spread here as objects of type \"{p}\" can never be of type \"{c}\".",
                            child.name
                        ),
                        origin.place(spread.offset, 3),
                    ));
                }
            }
        }
    }
}
