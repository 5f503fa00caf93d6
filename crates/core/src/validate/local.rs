//! The rules that read one definition's own template and the schema, nothing else:
//! arguments (known, unique, required, values), directives, leaf and sub-selection rules
//! (`ScalarLeafsRule`), inline fragment type conditions (`PossibleFragmentSpreadsRule`),
//! and variable definitions (unique names, known input types, default values).
//! Field names and type conditions themselves are checked by `compose/validate.rs`.

use crate::diagnostic::RawDiagnostic;
use crate::graphql::ast::{Argument, Selection, SelectionSet, Template, Type};
use crate::graphql::print::print_type;
use crate::graphql::schema::Schema;
use crate::graphql::schema_inputs::InputValueDef;
use crate::graphql::suggest::{did_you_mean, suggestion_list};
use crate::graphql::template_source::TemplateSource;
use crate::validate::types::do_types_overlap;
use crate::validate::values::{Found, Usage, ValueWalk};

/// The walk over one template.
pub(crate) struct Local<'a> {
    pub(crate) schema: &'a Schema,
    /// Whether problems are collected (else only variable usages are).
    report: bool,
    pub(crate) found: Vec<Found>,
    pub(crate) usages: Vec<Usage>,
}

/// Checks a definition's own template; returns its problems (located in its file) and the
/// variable usages it contains (every `$x` with the type its position expects).
pub fn check_local(
    template: &Template,
    parent: Option<&str>,
    schema: &Schema,
    source: &TemplateSource,
) -> (Vec<RawDiagnostic>, Vec<Usage>) {
    let mut local = Local {
        schema,
        report: true,
        found: Vec::new(),
        usages: Vec::new(),
    };
    local.variable_definitions(template);
    local.selection_set(&template.selection_set, parent);
    let diagnostics = local
        .found
        .into_iter()
        .map(|f| {
            let span = |offset: u32, len: usize| {
                let start = source.to_source_offset(offset);
                crate::diagnostic::Span::new(start, start + len.max(1) as u32)
            };
            let mut raw = RawDiagnostic::error(f.code, f.message, span(f.offset, f.len));
            raw.related = f
                .related
                .into_iter()
                .map(|(offset, len, message)| (span(offset, len), message))
                .collect();
            raw
        })
        .collect();
    (diagnostics, local.usages)
}

impl Local<'_> {
    fn variable_definitions(&mut self, template: &Template) {
        for (i, def) in template.variables.iter().enumerate() {
            if let Some(first) = template.variables[..i].iter().find(|d| d.name == def.name) {
                let mut found = Found::new(
                    "DUPLICATE_VARIABLE",
                    format!("There can be only one variable named \"${}\".", def.name),
                    def.offset,
                    def.name.len() + 1,
                );
                found.related.push((
                    first.offset,
                    first.name.len() + 1,
                    "first declared here".into(),
                ));
                self.found.push(found);
            }
            let named = def.ty.named();
            let type_len = print_type(&def.ty).len();
            let kind = self
                .schema
                .type_kind(named)
                .filter(|_| self.schema.is_known_type(named));
            match kind {
                None => {
                    let names: Vec<&str> = self
                        .schema
                        .type_names()
                        .filter(|n| self.schema.is_known_type(n))
                        .collect();
                    self.found.push(Found::new(
                        "UNKNOWN_TYPE",
                        format!(
                            "Unknown type \"{named}\".{}",
                            did_you_mean(&suggestion_list(named, &names))
                        ),
                        def.type_offset,
                        named.len(),
                    ));
                }
                Some(_) if !self.schema.is_input_type(named) => {
                    self.found.push(Found::new(
                        "NON_INPUT_VARIABLE",
                        format!(
                            "Variable \"${}\" cannot be non-input type \"{}\".",
                            def.name,
                            print_type(&def.ty)
                        ),
                        def.type_offset,
                        type_len,
                    ));
                }
                Some(_) => {
                    if let Some(default) = &def.default_value {
                        let mut walk = ValueWalk::new(self.schema, self.report);
                        walk.value(default, Some(&def.ty), false, &def.default_offsets);
                        self.found.extend(walk.found);
                    }
                }
            }
            self.directives(&def.directives, "VARIABLE_DEFINITION");
        }
    }

    fn selection_set(&mut self, set: &SelectionSet, parent: Option<&str>) {
        for selection in &set.selections {
            match selection {
                Selection::Field(field) => {
                    let schema = self.schema;
                    let ty = parent.and_then(|p| schema.field_type(p, &field.name));
                    let field_len = (field.name_offset - field.offset) as usize + field.name.len();
                    let defs = parent.and_then(|p| schema.field_args(p, &field.name));
                    match (parent, defs) {
                        (Some(p), Some(defs)) => {
                            self.arguments(&field.arguments, Some(defs), |_| {
                                format!("on field \"{p}.{}\"", field.name)
                            });
                            for (name, arg) in defs {
                                if arg.is_required()
                                    && !field.arguments.iter().any(|a| &a.name == name)
                                {
                                    self.found.push(Found::new(
                                        "MISSING_REQUIRED_ARGUMENT",
                                        format!(
                                            "Field \"{}\" argument \"{name}\" of type \"{}\" is required, but it was not provided.",
                                            field.name,
                                            print_type(&arg.ty)
                                        ),
                                        field.offset,
                                        field_len,
                                    ));
                                }
                            }
                        }
                        _ => self.arguments(&field.arguments, None, |_| String::new()),
                    }
                    self.directives(&field.directives, "FIELD");
                    let inner_parent = ty.map(Type::named).filter(|n| schema.is_composite(n));
                    if let Some(ty) = ty {
                        self.leafs(field, ty, field_len);
                    }
                    if let Some(inner) = &field.selection_set {
                        self.selection_set(inner, inner_parent);
                    }
                }
                Selection::InlineFragment(fragment) => {
                    let inner = match &fragment.type_condition {
                        Some(condition) if self.schema.is_composite(condition) => {
                            if let Some(p) = parent {
                                if !do_types_overlap(self.schema, condition, p) {
                                    self.found.push(Found::new(
                                        "IMPOSSIBLE_SPREAD",
                                        format!("Fragment cannot be spread here as objects of type \"{p}\" can never be of type \"{condition}\"."),
                                        fragment.offset,
                                        3,
                                    ));
                                }
                            }
                            Some(condition.as_str())
                        }
                        Some(_) => None,
                        None => parent,
                    };
                    self.directives(&fragment.directives, "INLINE_FRAGMENT");
                    self.selection_set(&fragment.selection_set, inner);
                }
                // Composition wraps a spread's directives in an inline fragment.
                Selection::Spread(spread) => self.directives(&spread.directives, "INLINE_FRAGMENT"),
            }
        }
    }

    /// `ScalarLeafsRule`.
    fn leafs(&mut self, field: &crate::graphql::ast::Field, ty: &Type, field_len: usize) {
        let named = ty.named();
        let type_str = print_type(ty);
        let name = &field.name;
        if self.schema.is_leaf(named) {
            if let Some(set) = &field.selection_set {
                self.found.push(Found::new(
                    "LEAF_SELECTION",
                    format!("Field \"{name}\" must not have a selection since type \"{type_str}\" has no subfields."),
                    set.offset,
                    1,
                ));
            }
        } else if self.schema.type_kind(named).is_some() {
            match &field.selection_set {
                None => self.found.push(Found::new(
                    "MISSING_SELECTION",
                    format!("Field \"{name}\" of type \"{type_str}\" must have a selection of subfields. Did you mean \"{name} {{ ... }}\"?"),
                    field.offset,
                    field_len,
                )),
                Some(set) if set.selections.is_empty() => self.found.push(Found::new(
                    "MISSING_SELECTION",
                    format!("Field \"{name}\" of type \"{type_str}\" must have at least one field selected."),
                    field.offset,
                    field_len,
                )),
                Some(_) => {}
            }
        }
    }

    /// One argument's value, against its definition when known.
    pub(crate) fn argument_value(&mut self, arg: &Argument, def: Option<&InputValueDef>) {
        let mut walk = ValueWalk::new(self.schema, self.report);
        walk.value(
            &arg.value,
            def.map(|d| &d.ty),
            def.is_some_and(|d| d.has_default),
            &arg.value_offsets,
        );
        self.found.extend(walk.found);
        self.usages.extend(walk.usages);
    }
}
