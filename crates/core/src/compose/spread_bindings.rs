//! `frag.spread({ v: $.x, w: true })` (docs/reference/dsl.md, soda-compat §1): while a
//! fragment is inlined, each of its variables bound by the spread is replaced by the bound
//! value (an operation variable or a literal), and each one left unbound is omitted with
//! the argument, list item or object field that held it, as soda-gql omits `undefined`.
//! `$colocate({ label: frag.spread(…) })` then prefixes the response keys of the
//! fragment's top-level fields with `label_`, as soda-gql's `$colocate` does.

use crate::graphql::ast::{
    Argument, Directive, Field, InlineFragment, ObjectField, Selection, SelectionSet, Value,
    VariableDefinition,
};
use crate::graphql::template_parse::parse_template;
use crate::graphql::template_source::{Interpolation, TemplateSource};

/// How one interpolation is spread: plainly (`${frag}`), or with bindings and a label.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpreadCall {
    /// The bound values by fragment variable name; `None` for a plain interpolation.
    pub bindings: Option<Vec<Argument>>,
    /// The `$colocate` label.
    pub label: Option<String>,
}

impl SpreadCall {
    /// Reads the spread of `interpolation` (bindings text as analysis wrote it).
    pub fn of(interpolation: &Interpolation) -> SpreadCall {
        SpreadCall {
            bindings: interpolation.bindings.as_deref().map(parse_bindings),
            label: interpolation.colocate_label.clone(),
        }
    }

    /// Whether the fragment's own variables stay variables of the element (a plain
    /// interpolation), rather than being bound or omitted.
    pub fn merges_variables(&self) -> bool {
        self.bindings.is_none()
    }

    /// Whether inlining changes the fragment's selections (bindings or a label).
    pub fn rewrites(&self) -> bool {
        self.bindings.is_some() || self.label.is_some()
    }

    /// The fragment's selections as this spread inlines them.
    pub fn apply(
        &self,
        selections: &[Selection],
        variables: &[VariableDefinition],
    ) -> Vec<Selection> {
        let mut out = match &self.bindings {
            Some(bindings) => {
                let binder = Binder {
                    bindings,
                    variables,
                };
                selections.iter().map(|s| binder.selection(s)).collect()
            }
            None => selections.to_vec(),
        };
        if let Some(label) = &self.label {
            prefix(&mut out, label);
        }
        out
    }
}

/// `(v: $x, w: true)` → its arguments (analysis wrote the text, so it parses; anything
/// else binds nothing).
fn parse_bindings(text: &str) -> Vec<Argument> {
    if text.trim() == "()" {
        return Vec::new();
    }
    let source = TemplateSource {
        text: format!("{{ _{text} }}"),
        ..TemplateSource::default()
    };
    match parse_template(&source) {
        Ok(template) => match template.selection_set.selections.into_iter().next() {
            Some(Selection::Field(field)) => field.arguments,
            _ => Vec::new(),
        },
        Err(_) => Vec::new(),
    }
}

/// Substitutes the fragment variables `variables` in selections.
struct Binder<'a> {
    bindings: &'a [Argument],
    variables: &'a [VariableDefinition],
}

impl Binder<'_> {
    fn selection(&self, selection: &Selection) -> Selection {
        match selection {
            Selection::Field(field) => Selection::Field(Field {
                arguments: self.arguments(&field.arguments),
                directives: self.directives(&field.directives),
                selection_set: field.selection_set.as_ref().map(|set| self.set(set)),
                ..field.clone()
            }),
            Selection::InlineFragment(fragment) => Selection::InlineFragment(InlineFragment {
                directives: self.directives(&fragment.directives),
                selection_set: self.set(&fragment.selection_set),
                ..fragment.clone()
            }),
            Selection::Spread(spread) => Selection::Spread(spread.clone()),
        }
    }

    fn set(&self, set: &SelectionSet) -> SelectionSet {
        SelectionSet {
            selections: set.selections.iter().map(|s| self.selection(s)).collect(),
            offset: set.offset,
        }
    }

    fn directives(&self, directives: &[Directive]) -> Vec<Directive> {
        directives
            .iter()
            .map(|d| Directive {
                arguments: self.arguments(&d.arguments),
                ..d.clone()
            })
            .collect()
    }

    fn arguments(&self, arguments: &[Argument]) -> Vec<Argument> {
        arguments
            .iter()
            .filter_map(|a| {
                Some(Argument {
                    name: a.name.clone(),
                    value: self.value(&a.value)?,
                    offset: a.offset,
                    // Bindings are substituted after validation, and nothing downstream
                    // places a problem inside a value: a substituted value has no offsets.
                    value_offsets: Vec::new(),
                })
            })
            .collect()
    }

    /// The value with bindings substituted; `None` when it is an unbound fragment variable.
    fn value(&self, value: &Value) -> Option<Value> {
        match value {
            Value::Variable(name) => match self.bindings.iter().find(|b| &b.name == name) {
                Some(bound) => Some(bound.value.clone()),
                None if self.variables.iter().any(|v| &v.name == name) => None,
                None => Some(value.clone()),
            },
            Value::List(items) => Some(Value::List(
                items.iter().filter_map(|v| self.value(v)).collect(),
            )),
            Value::Object(fields) => Some(Value::Object(
                fields
                    .iter()
                    .filter_map(|f| {
                        Some(ObjectField {
                            name: f.name.clone(),
                            value: self.value(&f.value)?,
                            offset: f.offset,
                        })
                    })
                    .collect(),
            )),
            other => Some(other.clone()),
        }
    }
}

/// `label_` in front of the response key of every top-level field (looking through
/// top-level inline fragments, whose fields answer at the same level).
fn prefix(selections: &mut [Selection], label: &str) {
    for selection in selections {
        match selection {
            Selection::Field(field) => {
                field.alias = Some(format!("{label}_{}", field.response_key()));
            }
            Selection::InlineFragment(fragment) => {
                prefix(&mut fragment.selection_set.selections, label)
            }
            Selection::Spread(_) => {}
        }
    }
}
