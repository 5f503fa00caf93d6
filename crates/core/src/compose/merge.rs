//! Field merging (dsl.md §5.2): inside each selection set, fields with one response key
//! merge into the first one's position, sub-selections merging the same way; inline
//! fragments stay where they are.

use rustc_hash::FxHashMap;

use crate::graphql::ast::{Argument, Field, Selection};

/// Two fields that share a response key but cannot be merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldConflict {
    pub response_key: String,
    pub reason: String,
}

/// Merges `selections` (and, recursively, every selection set inside them).
pub fn merge_selections(selections: Vec<Selection>) -> Result<Vec<Selection>, FieldConflict> {
    let mut out: Vec<Selection> = Vec::with_capacity(selections.len());
    let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
    for selection in selections {
        match selection {
            Selection::Field(field) => match by_key.get(field.response_key()) {
                Some(&at) => {
                    let Selection::Field(first) = &mut out[at] else {
                        unreachable!("index points at a field")
                    };
                    absorb(first, field)?;
                }
                None => {
                    by_key.insert(field.response_key().to_string(), out.len());
                    out.push(Selection::Field(field));
                }
            },
            other => out.push(other),
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

fn absorb(first: &mut Field, other: Field) -> Result<(), FieldConflict> {
    let key = first.response_key().to_string();
    let conflict = |reason: String| FieldConflict {
        response_key: key.clone(),
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
    if first.directives.len() != other.directives.len()
        || first
            .directives
            .iter()
            .zip(&other.directives)
            .any(|(a, b)| a.name != b.name || !same_arguments(&a.arguments, &b.arguments))
    {
        return Err(conflict("they have differing directives".into()));
    }
    match (&mut first.selection_set, other.selection_set) {
        (Some(set), Some(more)) => set.selections.extend(more.selections),
        (None, None) => {}
        _ => {
            return Err(conflict(
                "one selects subfields and the other does not".into(),
            ))
        }
    }
    Ok(())
}

/// Arguments are equal regardless of the order they are written in (as graphql-js compares them).
fn same_arguments(a: &[Argument], b: &[Argument]) -> bool {
    a.len() == b.len()
        && a.iter().all(|arg| {
            b.iter()
                .any(|other| other.name == arg.name && other.value == arg.value)
        })
}
