//! Leaf types (types.md §2): the built-in scalars, custom scalars through config `scalars`,
//! enums as unions of string literals.

use std::collections::BTreeMap;

use crate::graphql::schema::{Schema, TypeKind};

/// The TypeScript type of a built-in scalar, or of a custom one named in `scalars`
/// (`unknown` when the config does not name it).
pub fn scalar_type(name: &str, scalars: &BTreeMap<String, String>) -> String {
    match name {
        "ID" | "String" => "string".into(),
        "Int" | "Float" => "number".into(),
        "Boolean" => "boolean".into(),
        _ => scalars
            .get(name)
            .cloned()
            .unwrap_or_else(|| "unknown".into()),
    }
}

/// The union of an enum's values as string literals, in schema order (`never` when empty).
pub fn enum_type(schema: &Schema, name: &str) -> String {
    let values = schema.enum_values(name);
    if values.is_empty() {
        return "never".into();
    }
    values
        .iter()
        .map(|v| string_literal(v))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The type of a leaf (scalar or enum); `None` for any other kind.
pub fn leaf_type(
    schema: &Schema,
    name: &str,
    scalars: &BTreeMap<String, String>,
) -> Option<String> {
    match schema.type_kind(name)? {
        TypeKind::Scalar => Some(scalar_type(name, scalars)),
        TypeKind::Enum => Some(enum_type(schema, name)),
        _ => None,
    }
}

/// A TypeScript string literal type.
pub fn string_literal(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_ins_and_custom_scalars() {
        let scalars: BTreeMap<String, String> =
            [("DateTime".to_string(), "string".to_string())].into();
        assert_eq!(scalar_type("ID", &scalars), "string");
        assert_eq!(scalar_type("Float", &scalars), "number");
        assert_eq!(scalar_type("Boolean", &scalars), "boolean");
        assert_eq!(scalar_type("DateTime", &scalars), "string");
        assert_eq!(scalar_type("JSON", &scalars), "unknown");
    }
}
