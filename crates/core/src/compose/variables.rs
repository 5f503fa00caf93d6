//! Variable merging (docs/reference/dsl.md §5.3): the element's own variables in written order, then each
//! interpolated fragment's, depth first; a name declared twice merges when the types match.

use crate::graphql::ast::{Type, VariableDefinition};

/// One name declared with two different types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariableConflict {
    pub name: String,
    pub first: String,
    pub second: String,
}

/// Appends `more` to `into`, merging same-name, same-type declarations (the first keeps its
/// default value and directives).
pub fn merge_variables(
    into: &mut Vec<VariableDefinition>,
    more: &[VariableDefinition],
) -> Result<(), VariableConflict> {
    for variable in more {
        match into.iter().find(|v| v.name == variable.name) {
            Some(existing) if existing.ty == variable.ty => {}
            Some(existing) => {
                return Err(VariableConflict {
                    name: variable.name.clone(),
                    first: type_text(&existing.ty),
                    second: type_text(&variable.ty),
                })
            }
            None => into.push(variable.clone()),
        }
    }
    Ok(())
}

/// A type as GraphQL writes it (`[ID!]!`).
pub fn type_text(ty: &Type) -> String {
    match ty {
        Type::Named(name) => name.clone(),
        Type::List(inner) => format!("[{}]", type_text(inner)),
        Type::NonNull(inner) => format!("{}!", type_text(inner)),
    }
}
