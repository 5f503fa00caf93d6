//! The JSON of graphql-js 16 `parse(text, { noLocation: true })` for an executable
//! document: the same keys, in the order graphql-js's parser creates them, with the keys
//! whose value is `undefined` left out (as `JSON.stringify` leaves them out). Written
//! straight into a string: a document is built for every operation, on the hot path of a
//! cold build, and a tree of JSON maps would cost more than the parse itself.

use super::ast::{
    Argument, Directive, OperationRef, Selection, SelectionSet, SpreadTarget, Type, Value,
    VariableDefinition,
};
use super::document::{parse_document, ExecutableDefinition};
use super::template_parse::SyntaxError;

/// `JSON.stringify(parse(text, { noLocation: true }))`: compact JSON text. Strings are
/// escaped exactly as `JSON.stringify` escapes valid Unicode text (`\"`, `\\`,
/// `\b \f \n \r \t`, other control characters as lowercase `\u00xx`, nothing else).
pub fn document_json_string(text: &str) -> Result<String, Vec<SyntaxError>> {
    let definitions = parse_document(text)?;
    let mut w = Writer {
        out: String::with_capacity(text.len() * 8),
    };
    w.open("Document");
    w.list("definitions", &definitions, Writer::definition);
    w.close();
    Ok(w.out)
}

/// The document JSON of an operation printed as `text`. When the operation holds no block
/// string, `parse(print(op))` is `op` itself, so the JSON is written from the AST without
/// parsing `text` again; a block string's value can change in that round trip (its
/// indentation is re-dedented), so then `text` is parsed, as graphql-js would.
pub fn operation_document_json(op: OperationRef, text: &str) -> Result<String, Vec<SyntaxError>> {
    if has_block_selections(op.selections)
        || op.variables.iter().any(|v| {
            v.default_value.as_ref().is_some_and(value_has_block)
                || v.directives.iter().any(directive_has_block)
        })
    {
        return document_json_string(text);
    }
    let mut w = Writer {
        out: String::with_capacity(text.len() * 8),
    };
    w.open("Document");
    w.key("definitions");
    w.out.push('[');
    w.open("OperationDefinition");
    w.string("operation", op.operation.as_str());
    w.name("name", op.name);
    w.list(
        "variableDefinitions",
        op.variables,
        Writer::variable_definition,
    );
    w.directives(&[]);
    w.selections("selectionSet", op.selections);
    w.close();
    w.out.push(']');
    w.close();
    Ok(w.out)
}

fn has_block_string(set: &SelectionSet) -> bool {
    has_block_selections(&set.selections)
}

fn has_block_selections(selections: &[Selection]) -> bool {
    selections.iter().any(|s| match s {
        Selection::Field(f) => {
            f.arguments.iter().any(|a| value_has_block(&a.value))
                || f.directives.iter().any(directive_has_block)
                || f.selection_set.as_ref().is_some_and(has_block_string)
        }
        Selection::InlineFragment(i) => {
            i.directives.iter().any(directive_has_block) || has_block_string(&i.selection_set)
        }
        Selection::Spread(s) => s.directives.iter().any(directive_has_block),
    })
}

fn directive_has_block(d: &Directive) -> bool {
    d.arguments.iter().any(|a| value_has_block(&a.value))
}

fn value_has_block(v: &Value) -> bool {
    match v {
        Value::String { block, .. } => *block,
        Value::List(values) => values.iter().any(value_has_block),
        Value::Object(fields) => fields.iter().any(|f| value_has_block(&f.value)),
        _ => false,
    }
}

struct Writer {
    out: String,
}

impl Writer {
    /// `{"kind":"…"`; every field after it starts with a comma.
    fn open(&mut self, kind: &str) {
        self.out.push_str("{\"kind\":\"");
        self.out.push_str(kind);
        self.out.push('"');
    }

    fn close(&mut self) {
        self.out.push('}');
    }

    fn key(&mut self, key: &str) {
        self.out.push_str(",\"");
        self.out.push_str(key);
        self.out.push_str("\":");
    }

    fn string(&mut self, key: &str, value: &str) {
        self.key(key);
        // Names and most values need no escape: written as they are, without a buffer.
        if !value.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
            self.out.push('"');
            self.out.push_str(value);
            self.out.push('"');
            return;
        }
        // serde_json's string escaping is JSON.stringify's for valid Unicode.
        self.out
            .push_str(&serde_json::to_string(value).unwrap_or_default());
    }

    fn list<T>(&mut self, key: &str, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        self.key(key);
        self.out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            each(self, item);
        }
        self.out.push(']');
    }

    fn name(&mut self, key: &str, value: &str) {
        self.key(key);
        self.open("Name");
        self.string("value", value);
        self.close();
    }

    fn named_type(&mut self, key: &str, value: &str) {
        self.key(key);
        self.open("NamedType");
        self.name("name", value);
        self.close();
    }

    fn definition(&mut self, definition: &ExecutableDefinition) {
        match definition {
            // graphql-js 16.15 also has `description` (before `name`), undefined here.
            ExecutableDefinition::Operation(op) => {
                self.open("OperationDefinition");
                self.string("operation", op.operation.as_str());
                if let Some(name) = &op.name {
                    self.name("name", name);
                }
                self.list(
                    "variableDefinitions",
                    &op.variables,
                    Writer::variable_definition,
                );
                self.directives(&op.directives);
                self.selection_set("selectionSet", &op.selection_set);
                self.close();
            }
            ExecutableDefinition::Fragment(fragment) => {
                self.open("FragmentDefinition");
                self.name("name", &fragment.name);
                self.named_type("typeCondition", &fragment.type_condition);
                self.directives(&fragment.directives);
                self.selection_set("selectionSet", &fragment.selection_set);
                self.close();
            }
        }
    }

    fn variable_definition(&mut self, def: &VariableDefinition) {
        self.open("VariableDefinition");
        self.variable("variable", &def.name);
        self.type_ref("type", &def.ty);
        if let Some(default) = &def.default_value {
            self.key("defaultValue");
            self.value(default);
        }
        self.directives(&def.directives);
        self.close();
    }

    fn variable(&mut self, key: &str, name: &str) {
        self.key(key);
        self.open("Variable");
        self.name("name", name);
        self.close();
    }

    fn type_ref(&mut self, key: &str, ty: &Type) {
        match ty {
            Type::Named(value) => self.named_type(key, value),
            Type::List(inner) | Type::NonNull(inner) => {
                self.key(key);
                self.open(if matches!(ty, Type::List(_)) {
                    "ListType"
                } else {
                    "NonNullType"
                });
                self.type_ref("type", inner);
                self.close();
            }
        }
    }

    fn directives(&mut self, directives: &[Directive]) {
        self.list("directives", directives, |w, d| {
            w.open("Directive");
            w.name("name", &d.name);
            w.arguments(&d.arguments);
            w.close();
        });
    }

    fn arguments(&mut self, arguments: &[Argument]) {
        self.list("arguments", arguments, |w, a| {
            w.open("Argument");
            w.name("name", &a.name);
            w.key("value");
            w.value(&a.value);
            w.close();
        });
    }

    fn selection_set(&mut self, key: &str, set: &SelectionSet) {
        self.selections(key, &set.selections);
    }

    fn selections(&mut self, key: &str, selections: &[Selection]) {
        self.key(key);
        self.open("SelectionSet");
        self.list("selections", selections, Writer::selection);
        self.close();
    }

    fn selection(&mut self, selection: &Selection) {
        match selection {
            Selection::Field(field) => {
                self.open("Field");
                if let Some(alias) = &field.alias {
                    self.name("alias", alias);
                }
                self.name("name", &field.name);
                self.arguments(&field.arguments);
                self.directives(&field.directives);
                if let Some(set) = &field.selection_set {
                    self.selection_set("selectionSet", set);
                }
                self.close();
            }
            Selection::InlineFragment(fragment) => {
                self.open("InlineFragment");
                if let Some(condition) = &fragment.type_condition {
                    self.named_type("typeCondition", condition);
                }
                self.directives(&fragment.directives);
                self.selection_set("selectionSet", &fragment.selection_set);
                self.close();
            }
            Selection::Spread(spread) => {
                // A parsed document only has named spreads.
                let target = match &spread.target {
                    SpreadTarget::Named(target) => std::borrow::Cow::Borrowed(target.as_str()),
                    SpreadTarget::Interpolation(index) => format!("__interpolation{index}").into(),
                };
                self.open("FragmentSpread");
                self.name("name", &target);
                self.directives(&spread.directives);
                self.close();
            }
        }
    }

    fn value(&mut self, v: &Value) {
        match v {
            Value::Variable(n) => {
                self.open("Variable");
                self.name("name", n);
            }
            Value::Int(text) => self.scalar("IntValue", text),
            Value::Float(text) => self.scalar("FloatValue", text),
            Value::String { value, block } => {
                self.open("StringValue");
                self.string("value", value);
                self.key("block");
                self.out.push_str(if *block { "true" } else { "false" });
            }
            Value::Boolean(b) => {
                self.open("BooleanValue");
                self.key("value");
                self.out.push_str(if *b { "true" } else { "false" });
            }
            Value::Null => self.open("NullValue"),
            Value::Enum(text) => self.scalar("EnumValue", text),
            Value::List(values) => {
                self.open("ListValue");
                self.list("values", values, Writer::value);
            }
            Value::Object(fields) => {
                self.open("ObjectValue");
                self.list("fields", fields, |w, f| {
                    w.open("ObjectField");
                    w.name("name", &f.name);
                    w.key("value");
                    w.value(&f.value);
                    w.close();
                });
            }
        }
        self.close();
    }

    fn scalar(&mut self, kind: &str, text: &str) {
        self.open(kind);
        self.string("value", text);
    }
}
