//! Variables across the tree: `NoUndefinedVariablesRule`, `NoUnusedVariablesRule` (for
//! operations) and `VariablesInAllowedPositionRule` (for every definition, against the
//! variables it declares itself or through its fragments, merged as composition merges them).

use crate::graphql::ast::Value;
use crate::graphql::ast::{Type, VariableDefinition};
use crate::graphql::print::print_type;
use crate::graphql::schema::Schema;
use crate::validate::origin::{Origin, Problem};
use crate::validate::types::{is_sub_type, nullable};
use crate::validate::values::Usage;

/// The variables of `origin` merged as composition merges them: its own in written order,
/// then each interpolated fragment's, depth first; the first declaration of a name wins.
pub fn merged<'a>(origin: &'a Origin, out: &mut Vec<(&'a VariableDefinition, &'a Origin)>) {
    for def in &origin.template.variables {
        if !out.iter().any(|(d, _)| d.name == def.name) {
            out.push((def, origin));
        }
    }
    for (at, i) in &origin.fragment_variables {
        out.push((&at.template.variables[*i], at));
    }
}

/// Every variable usage of the tree, with the definition it is written in.
pub fn usages<'a>(origin: &'a Origin, out: &mut Vec<(&'a Usage, &'a Origin)>) {
    out.extend(origin.usages.iter().map(|u| (u, origin)));
    out.extend(
        origin
            .fragment_usages
            .iter()
            .map(|(at, i)| (&at.usages[*i], &**at)),
    );
}

/// `VariablesInAllowedPositionRule` for the usages whose variable `defs` declares. With
/// `assume_default` (a fragment on its own), a nullable variable counts as having a default:
/// an operation may declare the same variable first, with a default, and make the position
/// allowed, so only what no operation can fix is the fragment's own error.
pub fn allowed_positions(
    schema: &Schema,
    defs: &[(&VariableDefinition, &Origin)],
    uses: &[(&Usage, &Origin)],
    assume_default: bool,
    out: &mut Vec<Problem>,
) {
    for (usage, at) in uses {
        let Some((def, def_at)) = defs.iter().find(|(d, _)| d.name == usage.name) else {
            continue;
        };
        if !schema.is_known_type(def.ty.named()) {
            continue;
        }
        let place = at.place(usage.offset, usage.name.len() + 1);
        let def_place = def_at.place(def.offset, def.name.len() + 1);
        if let Some(location) = &usage.ty {
            let has_default = assume_default
                || def
                    .default_value
                    .as_ref()
                    .is_some_and(|v| *v != Value::Null);
            if !allowed(
                schema,
                &def.ty,
                has_default,
                location,
                usage.location_default,
            ) {
                let message = format!(
                    "Variable \"${}\" of type \"{}\" used in position expecting type \"{}\".",
                    usage.name,
                    print_type(&def.ty),
                    print_type(location)
                );
                out.push(
                    Problem::new("VARIABLE_TYPE_MISMATCH", message, place.clone())
                        .with_related(def_place.clone(), "variable declared here"),
                );
            }
        }
        if let Some(one_of) = &usage.one_of_parent {
            if !matches!(def.ty, Type::NonNull(_)) {
                let message = format!(
                    "Variable \"${}\" is of type \"{}\" but must be non-nullable to be used for OneOf Input Object \"{one_of}\".",
                    usage.name,
                    print_type(&def.ty)
                );
                out.push(
                    Problem::new("VARIABLE_TYPE_MISMATCH", message, place)
                        .with_related(def_place, "variable declared here"),
                );
            }
        }
    }
}

fn allowed(
    schema: &Schema,
    var_type: &Type,
    has_default: bool,
    location: &Type,
    location_default: bool,
) -> bool {
    if matches!(location, Type::NonNull(_)) && !matches!(var_type, Type::NonNull(_)) {
        if !has_default && !location_default {
            return false;
        }
        return is_sub_type(schema, var_type, nullable(location));
    }
    is_sub_type(schema, var_type, location)
}

/// `NoUndefinedVariablesRule` and `NoUnusedVariablesRule` for an operation.
pub fn defined_and_used(
    operation: &Origin,
    defs: &[(&VariableDefinition, &Origin)],
    uses: &[(&Usage, &Origin)],
    out: &mut Vec<Problem>,
) {
    let name = &operation.name;
    let op_place = crate::validate::origin::Place {
        file: operation.file.clone(),
        span: operation.name_span,
    };
    for (usage, at) in uses {
        if !defs.iter().any(|(d, _)| d.name == usage.name) {
            let message = format!(
                "Variable \"${}\" is not defined by operation \"{name}\".",
                usage.name
            );
            out.push(
                Problem::new(
                    "UNDEFINED_VARIABLE",
                    message,
                    at.place(usage.offset, usage.name.len() + 1),
                )
                .with_related(op_place.clone(), "operation"),
            );
        }
    }
    for (def, at) in defs {
        if !uses.iter().any(|(u, _)| u.name == def.name) {
            let message = format!(
                "Variable \"${}\" is never used in operation \"{name}\".",
                def.name
            );
            out.push(Problem::new(
                "UNUSED_VARIABLE",
                message,
                at.place(def.offset, def.name.len() + 1),
            ));
        }
    }
}
