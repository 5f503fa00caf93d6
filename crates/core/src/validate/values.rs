//! Value literals against their input types (graphql-js `ValuesOfCorrectTypeRule` and
//! `UniqueInputFieldNamesRule`), and the variable usages inside them with the type, default
//! and `@oneOf` parent each position gives (what `getVariableUsages` reports).

use crate::graphql::ast::{Type, Value};
use crate::graphql::print::{print_type, print_value};
use crate::graphql::schema::{Schema, TypeKind};
use crate::graphql::suggest::{did_you_mean, suggestion_list};
use crate::validate::types::nullable;

/// A problem at a template offset of the definition being checked.
#[derive(Clone, Debug)]
pub struct Found {
    pub code: &'static str,
    pub message: String,
    pub offset: u32,
    pub len: usize,
    /// Other places (offset, length, message).
    pub related: Vec<(u32, usize, String)>,
}

impl Found {
    pub fn new(code: &'static str, message: String, offset: u32, len: usize) -> Self {
        Found {
            code,
            message,
            offset,
            len,
            related: Vec::new(),
        }
    }
}

/// One `$name` in a value, with what its position expects.
#[derive(Clone, Debug)]
pub struct Usage {
    pub name: String,
    /// The position's input type (`None` where graphql-js knows none).
    pub ty: Option<Type>,
    /// Whether the position (argument or input field) has a default value.
    pub location_default: bool,
    /// The `@oneOf` input object whose field the variable is, when it is one.
    pub one_of_parent: Option<String>,
    pub offset: u32,
}

/// Walks values, reporting problems (when `report`) and collecting variable usages.
pub struct ValueWalk<'a> {
    pub schema: &'a Schema,
    pub report: bool,
    pub found: Vec<Found>,
    pub usages: Vec<Usage>,
}

impl<'a> ValueWalk<'a> {
    pub fn new(schema: &'a Schema, report: bool) -> Self {
        ValueWalk {
            schema,
            report,
            found: Vec::new(),
            usages: Vec::new(),
        }
    }

    /// A value in a position of type `ty` (with a default value or not); `offsets` are the
    /// value's node offsets in pre-order.
    pub fn value(
        &mut self,
        value: &Value,
        ty: Option<&Type>,
        location_default: bool,
        offsets: &[u32],
    ) {
        let mut next = 0;
        self.walk(value, ty, location_default, None, offsets, &mut next);
    }

    fn walk(
        &mut self,
        value: &Value,
        ty: Option<&Type>,
        location_default: bool,
        parent_input: Option<&str>,
        offsets: &[u32],
        next: &mut usize,
    ) {
        let offset = offsets
            .get(*next)
            .copied()
            .unwrap_or_else(|| offsets.last().copied().unwrap_or(0));
        *next += 1;
        match value {
            Value::Variable(name) => {
                let one_of_parent = parent_input
                    .filter(|p| self.schema.inputs().is_one_of(p))
                    .map(str::to_string);
                self.usages.push(Usage {
                    name: name.clone(),
                    ty: ty.cloned(),
                    location_default,
                    one_of_parent,
                    offset,
                });
            }
            Value::Null => {
                if let Some(ty @ Type::NonNull(_)) = ty {
                    self.report(
                        format!("Expected value of type \"{}\", found null.", print_type(ty)),
                        offset,
                        4,
                    );
                }
            }
            Value::List(items) => {
                let item_ty = match ty.map(nullable) {
                    Some(Type::List(item)) => Some(item.as_ref()),
                    other => {
                        // graphql-js checks a list in a non-list position as one value of
                        // the position's nullable type, and does not look inside.
                        if let Some(item) = other {
                            self.leaf(value, item, offset);
                        }
                        other
                    }
                };
                let check = self.report;
                let is_list = matches!(ty.map(nullable), Some(Type::List(_)));
                self.report &= is_list;
                for item in items {
                    self.walk(item, item_ty, false, None, offsets, next);
                }
                self.report = check;
            }
            Value::Object(fields) => self.object(value, fields, ty, offset, offsets, next),
            _ => {
                if let Some(ty) = ty {
                    self.leaf(value, ty, offset);
                }
            }
        }
    }

    fn object(
        &mut self,
        value: &Value,
        fields: &[crate::graphql::ast::ObjectField],
        ty: Option<&Type>,
        offset: u32,
        offsets: &[u32],
        next: &mut usize,
    ) {
        let named = ty.map(Type::named);
        let input = named
            .and_then(|n| (self.schema.type_kind(n) == Some(TypeKind::InputObject)).then_some(n));
        let Some(type_name) = input else {
            if let Some(ty) = ty {
                self.leaf(value, ty, offset);
            }
            let check = std::mem::replace(&mut self.report, false);
            for field in fields {
                self.walk(&field.value, None, false, None, offsets, next);
            }
            self.report = check;
            return;
        };
        let defs = self.schema.inputs().input_fields(type_name);
        if let Some(defs) = defs {
            for (name, def) in defs {
                if def.is_required() && !fields.iter().any(|f| &f.name == name) {
                    self.report(
                        format!(
                            "Field \"{type_name}.{name}\" of required type \"{}\" was not provided.",
                            print_type(&def.ty)
                        ),
                        offset,
                        1,
                    );
                }
            }
        }
        if self.schema.inputs().is_one_of(type_name) {
            let mut keys: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
            keys.dedup();
            keys.sort_unstable();
            keys.dedup();
            if keys.len() != 1 {
                self.report(
                    format!("OneOf Input Object \"{type_name}\" must specify exactly one key."),
                    offset,
                    1,
                );
            } else if fields
                .iter()
                .rev()
                .find(|f| f.name == keys[0])
                .is_some_and(|f| f.value == Value::Null)
            {
                self.report(
                    format!("Field \"{type_name}.{}\" must be non-null.", keys[0]),
                    offset,
                    1,
                );
            }
        }
        for (i, field) in fields.iter().enumerate() {
            if let Some(first) = fields[..i].iter().find(|f| f.name == field.name) {
                if self.report {
                    let mut found = Found::new(
                        "DUPLICATE_INPUT_FIELD",
                        format!(
                            "There can be only one input field named \"{}\".",
                            field.name
                        ),
                        field.offset,
                        field.name.len(),
                    );
                    found
                        .related
                        .push((first.offset, first.name.len(), "first used here".into()));
                    self.found.push(found);
                }
            }
            let def = defs.and_then(|d| d.get(&field.name));
            if def.is_none() && self.report {
                let names: Vec<&str> = defs
                    .map(|d| d.keys().map(String::as_str).collect())
                    .unwrap_or_default();
                self.found.push(Found::new(
                    "INVALID_VALUE",
                    format!(
                        "Field \"{}\" is not defined by type \"{type_name}\".{}",
                        field.name,
                        did_you_mean(&suggestion_list(&field.name, &names))
                    ),
                    field.offset,
                    field.name.len(),
                ));
            }
            self.walk(
                &field.value,
                def.map(|d| &d.ty),
                def.is_some_and(|d| d.has_default),
                Some(type_name),
                offsets,
                next,
            );
        }
    }

    /// graphql-js `isValidValueNode`: a literal in a leaf (or wrongly non-leaf) position.
    fn leaf(&mut self, value: &Value, ty: &Type, offset: u32) {
        let named = ty.named();
        let printed = print_value(value);
        let message = match self.schema.type_kind(named) {
            Some(TypeKind::Enum) => {
                let values = self.schema.inputs().enum_values_of(named);
                match value {
                    Value::Enum(name) if values.iter().any(|v| v == name) => None,
                    Value::Enum(_) => Some(format!(
                        "Value \"{printed}\" does not exist in \"{named}\" enum.{}",
                        enum_suggestion(&printed, values)
                    )),
                    _ => Some(format!(
                        "Enum \"{named}\" cannot represent non-enum value: {printed}.{}",
                        enum_suggestion(&printed, values)
                    )),
                }
            }
            Some(TypeKind::Scalar) => scalar_problem(named, value, &printed),
            None => None,
            Some(_) => Some(format!(
                "Expected value of type \"{}\", found {printed}.",
                print_type(ty)
            )),
        };
        if let Some(message) = message {
            let len = printed.len();
            self.report(message, offset, len);
        }
    }

    fn report(&mut self, message: String, offset: u32, len: usize) {
        if self.report {
            self.found
                .push(Found::new("INVALID_VALUE", message, offset, len));
        }
    }
}

fn enum_suggestion(printed: &str, values: &[String]) -> String {
    let names: Vec<&str> = values.iter().map(String::as_str).collect();
    did_you_mean(&suggestion_list(printed, &names)).replacen(
        " Did you mean ",
        " Did you mean the enum value ",
        1,
    )
}

/// The built-in scalars' `parseLiteral` messages; custom scalars accept any literal.
fn scalar_problem(scalar: &str, value: &Value, printed: &str) -> Option<String> {
    match (scalar, value) {
        ("Int", Value::Int(text)) => {
            let n: f64 = text.parse().unwrap_or(f64::INFINITY);
            (n > i32::MAX as f64 || n < i32::MIN as f64)
                .then(|| format!("Int cannot represent non 32-bit signed integer value: {text}"))
        }
        ("Int", _) => Some(format!("Int cannot represent non-integer value: {printed}")),
        ("Float", Value::Int(_) | Value::Float(_)) => None,
        ("Float", _) => Some(format!(
            "Float cannot represent non numeric value: {printed}"
        )),
        ("String", Value::String { .. }) => None,
        ("String", _) => Some(format!(
            "String cannot represent a non string value: {printed}"
        )),
        ("Boolean", Value::Boolean(_)) => None,
        ("Boolean", _) => Some(format!(
            "Boolean cannot represent a non boolean value: {printed}"
        )),
        ("ID", Value::String { .. } | Value::Int(_)) => None,
        ("ID", _) => Some(format!(
            "ID cannot represent a non-string and non-integer value: {printed}"
        )),
        _ => None,
    }
}
