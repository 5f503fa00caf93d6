//! The JSON of graphql-js 16 `parse(text, { noLocation: true })` for an executable
//! document: the same keys, in the order graphql-js's parser creates them, with the keys
//! whose value is `undefined` left out (as `JSON.stringify` leaves them out).

use serde_json::{Map, Value as Json};

use super::ast::{
    Argument, Directive, Selection, SelectionSet, SpreadTarget, Type, Value, VariableDefinition,
};
use super::document::{parse_document, ExecutableDefinition};
use super::template_parse::SyntaxError;

/// `parse(text, { noLocation: true })` as a JSON value.
pub fn document_json(text: &str) -> Result<Json, Vec<SyntaxError>> {
    let definitions = parse_document(text)?;
    let definitions = definitions.iter().map(definition).collect();
    Ok(node(
        "Document",
        [("definitions", Json::Array(definitions))],
    ))
}

/// `JSON.stringify(parse(text, { noLocation: true }))`: compact JSON text. serde_json
/// escapes strings exactly as `JSON.stringify` does for valid Unicode text (`\"`, `\\`,
/// `\b \f \n \r \t`, other control characters as lowercase `\u00xx`, nothing else).
pub fn document_json_string(text: &str) -> Result<String, Vec<SyntaxError>> {
    document_json(text).map(|json| json.to_string())
}

/// An object `{ kind, …fields }` with the fields in the given order.
fn node<const N: usize>(kind: &str, fields: [(&str, Json); N]) -> Json {
    let mut map = Map::with_capacity(N + 1);
    map.insert("kind".to_owned(), Json::String(kind.to_owned()));
    for (key, value) in fields {
        map.insert(key.to_owned(), value);
    }
    Json::Object(map)
}

/// Like `node`, but a `None` field is left out (graphql-js sets it to `undefined`).
fn node_opt<const N: usize>(kind: &str, fields: [(&str, Option<Json>); N]) -> Json {
    let mut map = Map::with_capacity(N + 1);
    map.insert("kind".to_owned(), Json::String(kind.to_owned()));
    for (key, value) in fields {
        if let Some(value) = value {
            map.insert(key.to_owned(), value);
        }
    }
    Json::Object(map)
}

fn name(value: &str) -> Json {
    node("Name", [("value", Json::String(value.to_owned()))])
}

fn named_type(value: &str) -> Json {
    node("NamedType", [("name", name(value))])
}

fn definition(definition: &ExecutableDefinition) -> Json {
    match definition {
        // graphql-js 16.15 also has `description` (before `name`), undefined here.
        ExecutableDefinition::Operation(op) => node_opt(
            "OperationDefinition",
            [
                (
                    "operation",
                    Some(Json::String(op.operation.as_str().to_owned())),
                ),
                ("name", op.name.as_deref().map(name)),
                (
                    "variableDefinitions",
                    Some(Json::Array(
                        op.variables.iter().map(variable_definition).collect(),
                    )),
                ),
                ("directives", Some(directives(&op.directives))),
                ("selectionSet", Some(selection_set(&op.selection_set))),
            ],
        ),
        ExecutableDefinition::Fragment(fragment) => node(
            "FragmentDefinition",
            [
                ("name", name(&fragment.name)),
                ("typeCondition", named_type(&fragment.type_condition)),
                ("directives", directives(&fragment.directives)),
                ("selectionSet", selection_set(&fragment.selection_set)),
            ],
        ),
    }
}

fn variable_definition(def: &VariableDefinition) -> Json {
    node_opt(
        "VariableDefinition",
        [
            ("variable", Some(variable(&def.name))),
            ("type", Some(type_json(&def.ty))),
            ("defaultValue", def.default_value.as_ref().map(value)),
            ("directives", Some(directives(&def.directives))),
        ],
    )
}

fn variable(value: &str) -> Json {
    node("Variable", [("name", name(value))])
}

fn type_json(ty: &Type) -> Json {
    match ty {
        Type::Named(value) => named_type(value),
        Type::List(inner) => node("ListType", [("type", type_json(inner))]),
        Type::NonNull(inner) => node("NonNullType", [("type", type_json(inner))]),
    }
}

fn directives(directives: &[Directive]) -> Json {
    Json::Array(
        directives
            .iter()
            .map(|d| {
                node(
                    "Directive",
                    [
                        ("name", name(&d.name)),
                        ("arguments", arguments(&d.arguments)),
                    ],
                )
            })
            .collect(),
    )
}

fn arguments(arguments: &[Argument]) -> Json {
    Json::Array(
        arguments
            .iter()
            .map(|a| {
                node(
                    "Argument",
                    [("name", name(&a.name)), ("value", value(&a.value))],
                )
            })
            .collect(),
    )
}

fn selection_set(set: &SelectionSet) -> Json {
    let selections = set.selections.iter().map(selection).collect();
    node("SelectionSet", [("selections", Json::Array(selections))])
}

fn selection(selection: &Selection) -> Json {
    match selection {
        Selection::Field(field) => node_opt(
            "Field",
            [
                ("alias", field.alias.as_deref().map(name)),
                ("name", Some(name(&field.name))),
                ("arguments", Some(arguments(&field.arguments))),
                ("directives", Some(directives(&field.directives))),
                (
                    "selectionSet",
                    field.selection_set.as_ref().map(selection_set),
                ),
            ],
        ),
        Selection::InlineFragment(fragment) => node_opt(
            "InlineFragment",
            [
                (
                    "typeCondition",
                    fragment.type_condition.as_deref().map(named_type),
                ),
                ("directives", Some(directives(&fragment.directives))),
                ("selectionSet", Some(selection_set(&fragment.selection_set))),
            ],
        ),
        Selection::Spread(spread) => {
            // A parsed document only has named spreads.
            let target = match &spread.target {
                SpreadTarget::Named(target) => target.clone(),
                SpreadTarget::Interpolation(index) => format!("__interpolation{index}"),
            };
            node(
                "FragmentSpread",
                [
                    ("name", name(&target)),
                    ("directives", directives(&spread.directives)),
                ],
            )
        }
    }
}

fn value(v: &Value) -> Json {
    match v {
        Value::Variable(n) => variable(n),
        Value::Int(text) => node("IntValue", [("value", Json::String(text.clone()))]),
        Value::Float(text) => node("FloatValue", [("value", Json::String(text.clone()))]),
        Value::String { value, block } => node(
            "StringValue",
            [
                ("value", Json::String(value.clone())),
                ("block", Json::Bool(*block)),
            ],
        ),
        Value::Boolean(b) => node("BooleanValue", [("value", Json::Bool(*b))]),
        Value::Null => node("NullValue", []),
        Value::Enum(text) => node("EnumValue", [("value", Json::String(text.clone()))]),
        Value::List(values) => node(
            "ListValue",
            [("values", Json::Array(values.iter().map(value).collect()))],
        ),
        Value::Object(fields) => {
            let fields = fields
                .iter()
                .map(|f| {
                    node(
                        "ObjectField",
                        [("name", name(&f.name)), ("value", value(&f.value))],
                    )
                })
                .collect();
            node("ObjectValue", [("fields", Json::Array(fields))])
        }
    }
}
