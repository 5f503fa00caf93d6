//! Type comparisons of graphql-js (`isTypeSubTypeOf`, `doTypesOverlap`, `doTypesConflict`)
//! over the AST's type references.

use crate::graphql::ast::Type;
use crate::graphql::schema::{Schema, TypeKind};

/// `isTypeSubTypeOf(schema, maybe_sub, sup)`.
pub fn is_sub_type(schema: &Schema, maybe_sub: &Type, sup: &Type) -> bool {
    if maybe_sub == sup {
        return true;
    }
    match (maybe_sub, sup) {
        (Type::NonNull(sub), Type::NonNull(sup)) => is_sub_type(schema, sub, sup),
        (_, Type::NonNull(_)) => false,
        (Type::NonNull(sub), sup) => is_sub_type(schema, sub, sup),
        (Type::List(sub), Type::List(sup)) => is_sub_type(schema, sub, sup),
        (_, Type::List(_)) | (Type::List(_), _) => false,
        (Type::Named(sub), Type::Named(sup)) => {
            schema.is_abstract(sup)
                && matches!(
                    schema.type_kind(sub),
                    Some(TypeKind::Object | TypeKind::Interface)
                )
                && is_possible_sub_type(schema, sup, sub)
        }
    }
}

/// `schema.isSubType(abstract, maybe_sub)`: a union member, or an object or interface
/// implementing the interface.
pub fn is_possible_sub_type(schema: &Schema, abstract_type: &str, maybe_sub: &str) -> bool {
    match schema.type_kind(abstract_type) {
        Some(TypeKind::Union) => schema
            .union_members(abstract_type)
            .iter()
            .any(|m| m == maybe_sub),
        Some(TypeKind::Interface) => schema
            .interfaces(maybe_sub)
            .iter()
            .any(|i| i == abstract_type),
        _ => false,
    }
}

/// `doTypesOverlap(schema, a, b)` on named composite types.
pub fn do_types_overlap(schema: &Schema, a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    match (schema.is_abstract(a), schema.is_abstract(b)) {
        (true, true) => schema
            .possible_types(a)
            .into_iter()
            .any(|t| is_possible_sub_type(schema, b, t)),
        (true, false) => is_possible_sub_type(schema, a, b),
        (false, true) => is_possible_sub_type(schema, b, a),
        (false, false) => false,
    }
}

/// `doTypesConflict`: two output types that could not apply to one value.
pub fn do_types_conflict(schema: &Schema, a: &Type, b: &Type) -> bool {
    match (a, b) {
        (Type::List(a), Type::List(b)) => do_types_conflict(schema, a, b),
        (Type::List(_), _) | (_, Type::List(_)) => true,
        (Type::NonNull(a), Type::NonNull(b)) => do_types_conflict(schema, a, b),
        (Type::NonNull(_), _) | (_, Type::NonNull(_)) => true,
        (Type::Named(a), Type::Named(b)) => (schema.is_leaf(a) || schema.is_leaf(b)) && a != b,
    }
}

/// The type without its outer `!`.
pub fn nullable(ty: &Type) -> &Type {
    match ty {
        Type::NonNull(inner) => inner,
        other => other,
    }
}
