//! Field merging (docs/reference/dsl.md §5.2): inside each selection set, fields with one response key
//! merge into the first one's position, sub-selections merging the same way; inline
//! fragments stay where they are. Fields with one response key must select the same field
//! with the same arguments (as graphql-js validation requires); where their directives
//! differ they stay separate fields, each merging with its own kind.

use rustc_hash::FxHashMap;

use crate::graphql::ast::{Argument, Directive, Field, Selection};

/// Two fields that share a response key but cannot be merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldConflict {
    pub response_key: String,
    pub reason: String,
}

/// Below this many selections, a set finds a field's earlier twins by scanning what it has
/// kept (no key strings, no hashing); larger sets index response keys.
const SCAN_MAX: usize = 64;

/// Merges `selections` (and, recursively, every selection set inside them).
pub fn merge_selections(selections: Vec<Selection>) -> Result<Vec<Selection>, FieldConflict> {
    let mut out: Vec<Selection> = Vec::with_capacity(selections.len());
    // Response key → positions in `out` of its fields (one per distinct set of directives);
    // only for large sets.
    let mut by_key: Option<FxHashMap<String, Vec<usize>>> =
        (selections.len() > SCAN_MAX).then(FxHashMap::default);
    for selection in selections {
        let Selection::Field(field) = selection else {
            out.push(selection);
            continue;
        };
        let positions: Vec<usize> = match &by_key {
            Some(map) => map.get(field.response_key()).cloned().unwrap_or_default(),
            None => out
                .iter()
                .enumerate()
                .filter(|(_, s)| {
                    matches!(s, Selection::Field(f) if f.response_key() == field.response_key())
                })
                .map(|(at, _)| at)
                .collect(),
        };
        if let Some(Selection::Field(first)) = positions.first().map(|&at| &out[at]) {
            check_same_field(first, &field)?;
        }
        let twin = positions.iter().copied().find(|&at| matches!(&out[at], Selection::Field(f) if same_directives(&f.directives, &field.directives)));
        match twin.map(|at| &mut out[at]) {
            Some(Selection::Field(existing)) => absorb(existing, field)?,
            _ => {
                if let Some(map) = &mut by_key {
                    map.entry(field.response_key().to_string())
                        .or_default()
                        .push(out.len());
                }
                out.push(Selection::Field(field));
            }
        }
    }
    for selection in &mut out {
        merge_inside(selection)?;
    }
    Ok(out)
}

fn merge_inside(selection: &mut Selection) -> Result<(), FieldConflict> {
    let set = match selection {
        Selection::Field(field) => match &mut field.selection_set {
            Some(set) => set,
            None => return Ok(()),
        },
        Selection::InlineFragment(fragment) => &mut fragment.selection_set,
        Selection::Spread(_) => return Ok(()),
    };
    set.selections = merge_selections(std::mem::take(&mut set.selections))?;
    Ok(())
}

fn check_same_field(first: &Field, other: &Field) -> Result<(), FieldConflict> {
    let conflict = |reason: String| FieldConflict {
        response_key: first.response_key().to_string(),
        reason,
    };
    if first.name != other.name {
        return Err(conflict(format!(
            "\"{}\" and \"{}\" are different fields",
            first.name, other.name
        )));
    }
    if !same_arguments(&first.arguments, &other.arguments) {
        return Err(conflict("they have differing arguments".into()));
    }
    Ok(())
}

/// Merges `other` (same field, arguments and directives) into `first`.
fn absorb(first: &mut Field, other: Field) -> Result<(), FieldConflict> {
    match (&mut first.selection_set, other.selection_set) {
        (Some(set), Some(more)) => set.selections.extend(more.selections),
        (None, None) => {}
        _ => {
            let reason = "one selects subfields and the other does not".to_string();
            return Err(FieldConflict {
                response_key: first.response_key().to_string(),
                reason,
            });
        }
    }
    Ok(())
}

fn same_directives(a: &[Directive], b: &[Directive]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.name == y.name && same_arguments(&x.arguments, &y.arguments))
}

/// Arguments are equal regardless of the order they are written in, input object fields
/// too (as graphql-js compares them).
fn same_arguments(a: &[Argument], b: &[Argument]) -> bool {
    crate::validate::same_arguments(a, b)
}
