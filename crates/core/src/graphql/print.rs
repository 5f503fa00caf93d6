//! Printing operations and fragments byte-identically to graphql-js 16 `print()`.
//!
//! Each function mirrors one rule of graphql-js's printer (`printDocASTReducer`). Instead of
//! building nested strings and re-indenting them (graphql-js `indent`), output is written
//! once with the indentation of its nesting depth, which gives the same bytes. Lengths that
//! decide line wrapping are UTF-16 lengths, as in JavaScript.

use super::ast::{
    Argument, Directive, FragmentDefinition, OperationDefinition, OperationRef, OperationType,
    Selection, SelectionSet, SpreadTarget, Type, Value, VariableDefinition,
};
use super::print_string::{print_block_string, print_string, utf16_len};

/// graphql-js `MAX_LINE_LENGTH`: a field whose `alias: name(args)` is longer puts each
/// argument on its own line.
const MAX_LINE_LENGTH: usize = 80;

/// `operationType Name(variables) { selections }`, as graphql-js 16 prints it. An empty
/// `name` is an anonymous operation (a variable-less anonymous query prints as `{ … }`).
pub fn print_operation(op: &OperationDefinition) -> String {
    print_operation_ref(op.as_ref())
}

/// [`print_operation`] of an operation made of borrowed parts.
pub fn print_operation_ref(op: OperationRef) -> String {
    let mut out = String::with_capacity(256);
    let shorthand =
        op.operation == OperationType::Query && op.name.is_empty() && op.variables.is_empty();
    if !shorthand {
        out.push_str(op.operation.as_str());
        if !op.name.is_empty() || !op.variables.is_empty() {
            out.push(' ');
        }
        out.push_str(op.name);
        let var_defs: Vec<String> = op.variables.iter().map(print_variable_definition).collect();
        if !var_defs.is_empty() {
            // graphql-js 16.15 puts variable definitions on separate lines (not indented)
            // as soon as one of them spans several lines (a block string default value).
            let multiline = var_defs.iter().any(|v| v.contains('\n'));
            out.push_str(if multiline { "(\n" } else { "(" });
            out.push_str(&var_defs.join(if multiline { "\n" } else { ", " }));
            out.push_str(if multiline { "\n)" } else { ")" });
        }
        // graphql-js joins the prefix and the selection set with a space even when the
        // selection set prints as nothing.
        out.push(' ');
    }
    write_selections(&mut out, op.selections, 0);
    out
}

/// `fragment Name on Type { selections }`, as graphql-js 16 prints it. The fragment's
/// variables are never printed.
pub fn print_fragment(fragment: &FragmentDefinition) -> String {
    print_fragment_parts(
        &fragment.name,
        &fragment.type_condition,
        &fragment.selection_set.selections,
    )
}

/// [`print_fragment`] of a fragment made of borrowed parts.
pub fn print_fragment_parts(name: &str, type_condition: &str, selections: &[Selection]) -> String {
    let mut out = String::with_capacity(256);
    out.push_str("fragment ");
    out.push_str(name);
    out.push_str(" on ");
    out.push_str(type_condition);
    out.push(' ');
    write_selections(&mut out, selections, 0);
    out
}

fn print_variable_definition(def: &VariableDefinition) -> String {
    let mut out = format!("${}: {}", def.name, print_type(&def.ty));
    if let Some(default) = &def.default_value {
        out.push_str(" = ");
        out.push_str(&print_value(default));
    }
    if !def.directives.is_empty() {
        out.push(' ');
        out.push_str(&print_directives(&def.directives));
    }
    out
}

/// graphql-js `block()` at nesting `depth`: `{`, the selections on their own lines
/// indented one level deeper, `}`; nothing at all for an empty selection set.
fn write_selection_set(out: &mut String, set: &SelectionSet, depth: usize) {
    write_selections(out, &set.selections, depth);
}

fn write_selections(out: &mut String, selections: &[Selection], depth: usize) {
    if selections.is_empty() {
        return;
    }
    out.push('{');
    for selection in selections {
        newline(out, depth + 1);
        write_selection(out, selection, depth + 1);
    }
    newline(out, depth);
    out.push('}');
}

/// A line break followed by the indentation of `depth`.
fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// Writes `text` at nesting `depth`: graphql-js indents every line of nested output,
/// the continuation lines of block strings included.
fn write_indented(out: &mut String, text: &str, depth: usize) {
    let mut lines = text.split('\n');
    if let Some(first) = lines.next() {
        out.push_str(first);
    }
    for line in lines {
        newline(out, depth);
        out.push_str(line);
    }
}

fn write_selection(out: &mut String, selection: &Selection, depth: usize) {
    match selection {
        Selection::Field(field) => {
            let prefix_start = out.len();
            if let Some(alias) = &field.alias {
                out.push_str(alias);
                out.push_str(": ");
            }
            out.push_str(&field.name);
            if !field.arguments.is_empty() {
                let prefix_len = utf16_len(&out[prefix_start..]);
                write_arguments(out, prefix_len, &field.arguments, depth);
            }
            if !field.directives.is_empty() {
                out.push(' ');
                write_indented(out, &print_directives(&field.directives), depth);
            }
            if let Some(set) = field
                .selection_set
                .as_ref()
                .filter(|s| !s.selections.is_empty())
            {
                out.push(' ');
                write_selection_set(out, set, depth);
            }
        }
        Selection::InlineFragment(fragment) => {
            out.push_str("...");
            if let Some(condition) = &fragment.type_condition {
                out.push_str(" on ");
                out.push_str(condition);
            }
            if !fragment.directives.is_empty() {
                out.push(' ');
                write_indented(out, &print_directives(&fragment.directives), depth);
            }
            if !fragment.selection_set.selections.is_empty() {
                out.push(' ');
                write_selection_set(out, &fragment.selection_set, depth);
            }
        }
        Selection::Spread(spread) => {
            out.push_str("...");
            // A composed definition has no interpolation left; one that slipped through
            // prints as a visibly unresolved spread rather than vanishing.
            match &spread.target {
                SpreadTarget::Named(name) => out.push_str(name),
                SpreadTarget::Interpolation(index) => {
                    out.push_str(&format!("__interpolation{index}"));
                }
            }
            if !spread.directives.is_empty() {
                out.push(' ');
                write_indented(out, &print_directives(&spread.directives), depth);
            }
        }
    }
}

/// graphql-js `wrappedLineAndArgs`: the arguments inline, or one per line (one level
/// deeper) when `prefix(a: 1, b: 2)` would be longer than `MAX_LINE_LENGTH`.
fn write_arguments(out: &mut String, prefix_len: usize, args: &[Argument], depth: usize) {
    let args: Vec<String> = args.iter().map(print_argument).collect();
    let joined_len: usize = args.iter().map(|a| utf16_len(a)).sum::<usize>() + 2 * (args.len() - 1);
    if prefix_len + joined_len + 2 > MAX_LINE_LENGTH {
        out.push('(');
        for arg in &args {
            newline(out, depth + 1);
            write_indented(out, arg, depth + 1);
        }
        newline(out, depth);
        out.push(')');
    } else {
        out.push('(');
        write_indented(out, &args.join(", "), depth);
        out.push(')');
    }
}

fn print_argument(arg: &Argument) -> String {
    format!("{}: {}", arg.name, print_value(&arg.value))
}

fn print_directives(directives: &[Directive]) -> String {
    let printed: Vec<String> = directives
        .iter()
        .map(|d| {
            let args: Vec<String> = d.arguments.iter().map(print_argument).collect();
            if args.is_empty() {
                format!("@{}", d.name)
            } else {
                format!("@{}({})", d.name, args.join(", "))
            }
        })
        .collect();
    printed.join(" ")
}

/// A value literal as graphql-js prints it.
pub fn print_value(value: &Value) -> String {
    match value {
        Value::Variable(name) => format!("${name}"),
        Value::Int(text) | Value::Float(text) | Value::Enum(text) => text.clone(),
        Value::String { value, block: true } => print_block_string(value),
        Value::String {
            value,
            block: false,
        } => print_string(value),
        Value::Boolean(b) => b.to_string(),
        Value::Null => "null".to_owned(),
        Value::List(values) => {
            let values: Vec<String> = values.iter().map(print_value).collect();
            format!("[{}]", values.join(", "))
        }
        Value::Object(fields) => {
            let fields: Vec<String> = fields
                .iter()
                .map(|f| format!("{}: {}", f.name, print_value(&f.value)))
                .collect();
            format!("{{{}}}", fields.join(", "))
        }
    }
}

/// A type reference: `Name`, `[T]`, `T!`.
pub fn print_type(ty: &Type) -> String {
    match ty {
        Type::Named(name) => name.clone(),
        Type::List(inner) => format!("[{}]", print_type(inner)),
        Type::NonNull(inner) => format!("{}!", print_type(inner)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphql::ast::{Field, InlineFragment, Spread};

    fn field(name: &str, selection_set: Option<SelectionSet>) -> Selection {
        Selection::Field(Field {
            alias: None,
            name: name.into(),
            arguments: Vec::new(),
            directives: Vec::new(),
            selection_set,
            offset: 0,
            name_offset: 0,
        })
    }

    fn inline(type_condition: Option<&str>) -> Selection {
        Selection::InlineFragment(InlineFragment {
            type_condition: type_condition.map(str::to_owned),
            directives: Vec::new(),
            selection_set: SelectionSet::default(),
            offset: 0,
        })
    }

    fn operation(operation: OperationType, name: &str, selections: Vec<Selection>) -> String {
        print_operation(&OperationDefinition {
            operation,
            name: name.into(),
            variables: Vec::new(),
            selection_set: SelectionSet {
                selections,
                offset: 0,
            },
        })
    }

    /// Expected values printed by graphql-js 16.15 from hand-built ASTs (a parsed document
    /// cannot hold an empty selection set).
    #[test]
    fn empty_selection_sets_print_like_graphql_js() {
        assert_eq!(operation(OperationType::Query, "Q", vec![]), "query Q ");
        assert_eq!(operation(OperationType::Query, "", vec![]), "");
        let selections = vec![
            field("a", Some(SelectionSet::default())),
            inline(Some("T")),
            inline(None),
        ];
        assert_eq!(
            operation(OperationType::Mutation, "", selections),
            "mutation {\n  a\n  ... on T\n  ...\n}"
        );
        let fragment = FragmentDefinition {
            name: "F".into(),
            type_condition: "T".into(),
            selection_set: SelectionSet::default(),
        };
        assert_eq!(print_fragment(&fragment), "fragment F on T ");
    }

    #[test]
    fn an_unresolved_interpolation_stays_visible() {
        let spread = Selection::Spread(Spread {
            target: SpreadTarget::Interpolation(2),
            directives: Vec::new(),
            offset: 0,
        });
        assert_eq!(
            operation(OperationType::Query, "Q", vec![spread]),
            "query Q {\n  ...__interpolation2\n}"
        );
    }
}
