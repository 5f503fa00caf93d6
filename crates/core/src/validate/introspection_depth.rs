//! `MaxIntrospectionDepthRule` (graphql-js 16.15): below a `__schema` or `__type` field,
//! at most two nested `fields` / `interfaces` / `possibleTypes` / `inputFields` lists
//! (counted by field name, through inline fragments and interpolated fragments).

use crate::graphql::ast::{Selection, SelectionSet, SpreadTarget};
use crate::validate::origin::{Origin, Problem};

const MAX_LISTS_DEPTH: usize = 3;
const LIST_FIELDS: [&str; 4] = ["fields", "interfaces", "possibleTypes", "inputFields"];

/// Checks every `__schema` / `__type` field of `origin`'s own template.
pub fn check(origin: &Origin, out: &mut Vec<Problem>) {
    roots(origin, &origin.template.selection_set, out);
}

fn roots(origin: &Origin, set: &SelectionSet, out: &mut Vec<Problem>) {
    for selection in &set.selections {
        match selection {
            Selection::Field(field) => {
                if field.name == "__schema" || field.name == "__type" {
                    let exceeded = field
                        .selection_set
                        .as_ref()
                        .is_some_and(|s| too_deep(origin, s, 0));
                    if exceeded {
                        let len = (field.name_offset - field.offset) as usize + field.name.len();
                        out.push(Problem::new(
                            "INTROSPECTION_DEPTH",
                            "Maximum introspection depth exceeded",
                            origin.place(field.offset, len),
                        ));
                        continue;
                    }
                }
                if let Some(inner) = &field.selection_set {
                    roots(origin, inner, out);
                }
            }
            Selection::InlineFragment(fragment) => roots(origin, &fragment.selection_set, out),
            Selection::Spread(_) => {}
        }
    }
}

fn too_deep(origin: &Origin, set: &SelectionSet, depth: usize) -> bool {
    set.selections.iter().any(|selection| match selection {
        Selection::Field(field) => {
            let depth = depth + usize::from(LIST_FIELDS.contains(&field.name.as_str()));
            depth >= MAX_LISTS_DEPTH
                || field
                    .selection_set
                    .as_ref()
                    .is_some_and(|s| too_deep(origin, s, depth))
        }
        Selection::InlineFragment(fragment) => too_deep(origin, &fragment.selection_set, depth),
        Selection::Spread(spread) => match spread.target {
            SpreadTarget::Interpolation(i) => origin
                .children
                .get(i)
                .is_some_and(|child| too_deep(child, &child.template.selection_set, depth)),
            SpreadTarget::Named(_) => false,
        },
    })
}
