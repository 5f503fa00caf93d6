//! soda-gql writes enum argument values as JS strings (`f("tasks", { status: "OPEN" })`);
//! its document has the enum value `OPEN` where the argument's schema type is an enum
//! (docs/reference/soda-compat §1). This turns such strings into enum values, looking the
//! types up in the schema: applied to options-object definitions before they are checked,
//! and to the composed selections of a definition whose spreads bind literals.

use crate::graphql::ast::{Selection, Type, Value};
use crate::graphql::schema::{Schema, TypeKind};

/// Coerces the string values of enum-typed arguments in `selections` (selected on `parent`).
pub fn coerce_enum_strings(selections: &mut [Selection], parent: &str, schema: &Schema) {
    for selection in selections {
        match selection {
            Selection::Field(field) => {
                for argument in &mut field.arguments {
                    if let Some(ty) = schema.argument_type(parent, &field.name, &argument.name) {
                        coerce_value(&mut argument.value, ty, schema);
                    }
                }
                if let Some(set) = &mut field.selection_set {
                    let ty = schema
                        .field_type(parent, &field.name)
                        .map(|t| t.named().to_string())
                        .unwrap_or_default();
                    coerce_enum_strings(&mut set.selections, &ty, schema);
                }
            }
            Selection::InlineFragment(fragment) => {
                let ty = fragment
                    .type_condition
                    .clone()
                    .unwrap_or_else(|| parent.to_string());
                coerce_enum_strings(&mut fragment.selection_set.selections, &ty, schema);
            }
            Selection::Spread(_) => {}
        }
    }
}

fn coerce_value(value: &mut Value, ty: &Type, schema: &Schema) {
    match (ty, value) {
        (Type::NonNull(inner), value) => coerce_value(value, inner, schema),
        (Type::List(inner), Value::List(items)) => {
            for item in items {
                coerce_value(item, inner, schema);
            }
        }
        // A single value where a list is expected is a list of one (input coercion).
        (Type::List(inner), value) => coerce_value(value, inner, schema),
        (Type::Named(name), value) => match (schema.type_kind(name), value) {
            (Some(TypeKind::Enum), value @ Value::String { .. }) => {
                if let Value::String { value: text, .. } = value {
                    if is_enum_value_name(text) {
                        *value = Value::Enum(std::mem::take(text));
                    }
                }
            }
            (Some(TypeKind::InputObject), Value::Object(fields)) => {
                for field in fields {
                    if let Some(ty) = schema.input_field_type(name, &field.name) {
                        coerce_value(&mut field.value, ty, schema);
                    }
                }
            }
            _ => {}
        },
    }
}

/// A GraphQL name that can be an enum value (not `true`, `false` or `null`); anything else
/// stays a string, for validation to report.
fn is_enum_value_name(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
        && !matches!(text, "true" | "false" | "null")
}
