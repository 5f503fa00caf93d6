//! `SingleFieldSubscriptionsRule`: a subscription selects exactly one root field (fields
//! collected as execution collects them: `@skip` / `@include` with literal arguments
//! honoured, type conditions matched against the root type), and not an introspection field.

use indexmap::IndexMap;
use rustc_hash::FxBuildHasher;

use crate::graphql::ast::{Directive, Field, Selection, SelectionSet, SpreadTarget, Value};
use crate::graphql::schema::Schema;
use crate::validate::origin::{Origin, Place, Problem};
use crate::validate::types::is_possible_sub_type;

type Grouped<'a> = IndexMap<&'a str, Vec<(&'a Field, &'a Origin)>, FxBuildHasher>;

/// Checks a subscription operation.
pub fn check(schema: &Schema, operation: &Origin, out: &mut Vec<Problem>) {
    let root = operation.parent_type.as_str();
    let mut grouped = Grouped::default();
    collect(
        schema,
        root,
        operation,
        &operation.template.selection_set,
        &mut grouped,
    );
    let name = &operation.name;
    let place = |(field, origin): &(&Field, &Origin)| -> Place {
        origin.place(
            field.offset,
            (field.name_offset - field.offset) as usize + field.name.len(),
        )
    };
    if grouped.len() > 1 {
        let extra: Vec<Place> = grouped.values().skip(1).flatten().map(place).collect();
        let mut problem = Problem::new(
            "SUBSCRIPTION_ROOT_FIELDS",
            format!("Subscription \"{name}\" must select only one top level field."),
            extra[0].clone(),
        );
        for other in &extra[1..] {
            problem = problem.with_related(other.clone(), "another top level field");
        }
        out.push(problem);
    }
    for fields in grouped.values() {
        if fields[0].0.name.starts_with("__") {
            out.push(Problem::new(
                "SUBSCRIPTION_ROOT_FIELDS",
                format!(
                    "Subscription \"{name}\" must not select an introspection top level field."
                ),
                place(&fields[0]),
            ));
        }
    }
}

fn collect<'a>(
    schema: &Schema,
    root: &str,
    origin: &'a Origin,
    set: &'a SelectionSet,
    out: &mut Grouped<'a>,
) {
    for selection in &set.selections {
        match selection {
            Selection::Field(field) => {
                if included(&field.directives) {
                    out.entry(field.response_key())
                        .or_default()
                        .push((field, origin));
                }
            }
            Selection::InlineFragment(fragment) => {
                let matches = fragment
                    .type_condition
                    .as_deref()
                    .is_none_or(|c| c == root || is_possible_sub_type(schema, c, root));
                if included(&fragment.directives) && matches {
                    collect(schema, root, origin, &fragment.selection_set, out);
                }
            }
            Selection::Spread(spread) => {
                let SpreadTarget::Interpolation(i) = spread.target else {
                    continue;
                };
                let Some(child) = origin.children.get(i) else {
                    continue;
                };
                let c = child.parent_type.as_str();
                let matches = c == root || is_possible_sub_type(schema, c, root);
                if included(&spread.directives) && matches {
                    collect(schema, root, child, &child.template.selection_set, out);
                }
            }
        }
    }
}

/// `@skip(if: true)` and `@include(if: false)` exclude; a variable condition includes.
fn included(directives: &[Directive]) -> bool {
    !directives.iter().any(|d| {
        let literal = d
            .arguments
            .iter()
            .find(|a| a.name == "if")
            .and_then(|a| match a.value {
                Value::Boolean(b) => Some(b),
                _ => None,
            });
        matches!(
            (d.name.as_str(), literal),
            ("skip", Some(true)) | ("include", Some(false))
        )
    })
}
