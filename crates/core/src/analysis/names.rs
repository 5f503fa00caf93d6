//! Small helpers that read names out of oxc nodes: module export names, property keys,
//! binding patterns. Kept apart so the import/export pass and the scope walk agree on
//! what "the name" of a node is.

use oxc_ast::ast::{BindingPattern, Expression, ModuleExportName, PropertyKey};

use super::ast_paths::Segment;
use crate::diagnostic::Span;

/// The name of an import/export specifier part (`a`, `default`, or `"string name"`).
pub fn module_export_name<'a>(name: &ModuleExportName<'a>) -> &'a str {
    match name {
        ModuleExportName::IdentifierName(id) => id.name.as_str(),
        ModuleExportName::IdentifierReference(id) => id.name.as_str(),
        ModuleExportName::StringLiteral(lit) => lit.value.as_str(),
    }
}

/// The segment a non-computed object-literal key gives: an identifier, a string (its
/// value) or a number (its source text, so `0x10` stays `0x10`). Other keys give none.
pub fn object_key_segment<'a>(key: &PropertyKey<'a>) -> Option<&'a str> {
    match key {
        PropertyKey::StaticIdentifier(id) => Some(id.name.as_str()),
        PropertyKey::StringLiteral(lit) => Some(lit.value.as_str()),
        PropertyKey::NumericLiteral(num) => num.raw.map(|raw| raw.as_str()),
        _ => None,
    }
}

/// The segment a non-computed class member key gives: like an object key, plus private
/// names, which keep their `#` so `#load` and `load` stay distinct.
pub fn class_member_segment<'a>(key: &PropertyKey<'a>) -> Option<Segment<'a>> {
    match key {
        PropertyKey::PrivateIdentifier(id) => Some(Segment::Private(id.name.as_str())),
        _ => object_key_segment(key).map(Segment::Name),
    }
}

/// Pushes every name a binding pattern binds (`a`, `{ b, c: d }`, `[e = 1, ...f]`).
pub fn push_bound_names(pattern: &BindingPattern<'_>, out: &mut Vec<super::model::Name>) {
    for id in pattern.get_binding_identifiers() {
        out.push(super::model::Name::new(id.name.as_str()));
    }
}

/// The span of an expression, in the crate's own span type.
pub fn span_of(expr: &Expression<'_>) -> Span {
    use oxc_span::GetSpan;
    to_span(expr.span())
}

/// Converts an oxc span.
pub fn to_span(span: oxc_span::Span) -> Span {
    Span::new(span.start, span.end)
}
