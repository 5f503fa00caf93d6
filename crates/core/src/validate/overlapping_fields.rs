//! `OverlappingFieldsCanBeMergedRule`: fields with one response key must be the same field
//! with the same arguments (unless their parents are distinct object types) and must have
//! shapes that merge (no conflicting return types, recursively through sub-selections).
//!
//! Fields are collected as the composed document holds them: inline fragments flattened,
//! and an interpolated fragment's selections in its type condition's scope. Each selection
//! set of the definition's own template is checked "within"; conflicting pairs with
//! sub-selections are compared "between", as graphql-js does.

use crate::graphql::ast::{Argument, Field, Selection, SelectionSet, Type, Value};
use crate::graphql::print::print_type;
use crate::graphql::schema::{Schema, TypeKind};
use crate::validate::origin::{Origin, Place, Problem};
use crate::validate::types::do_types_conflict;

/// One collected field.
#[derive(Clone, Copy)]
struct FieldRef<'a> {
    origin: &'a Origin,
    field: &'a Field,
    parent: Option<&'a str>,
    /// The field's declared type (`None` for meta-fields and unknown fields, as in graphql-js).
    def: Option<&'a Type>,
}

impl FieldRef<'_> {
    fn place(&self) -> Place {
        let f = self.field;
        self.origin
            .place(f.offset, (f.name_offset - f.offset) as usize + f.name.len())
    }

    fn is_simple_leaf(&self) -> bool {
        self.field.arguments.is_empty() && self.field.selection_set.is_none()
    }
}

/// Collected fields by response key: one flat list (one allocation per selection set, the
/// hot path), stably sorted by key once collected, so that each key's fields are a run in
/// document order.
#[derive(Default)]
struct Collected<'a> {
    fields: Vec<(&'a str, FieldRef<'a>)>,
}

impl<'a> Collected<'a> {
    fn push(&mut self, key: &'a str, field: FieldRef<'a>) {
        self.fields.push((key, field));
    }

    fn sort(&mut self) {
        self.fields.sort_by(|a, b| a.0.cmp(b.0));
    }

    /// Runs of one key (after `sort`).
    fn groups(&self) -> impl Iterator<Item = (&'a str, &[(&'a str, FieldRef<'a>)])> {
        self.fields
            .chunk_by(|a, b| a.0 == b.0)
            .map(|run| (run[0].0, run))
    }
}

struct Conflict {
    key: String,
    reason: String,
    /// `FIELD_CONFLICT` (different fields or arguments) or `FIELDS_CONFLICT` (shapes).
    code: &'static str,
    fields1: Vec<Place>,
    fields2: Vec<Place>,
}

/// Every conflict in the selection sets of `origin`'s own template.
pub fn check(schema: &Schema, origin: &Origin, out: &mut Vec<Problem>) {
    let checker = Checker { schema };
    let mut visit = |set: &SelectionSet, parent: Option<&str>| {
        let mut collected = Collected::default();
        checker.collect(origin, set, parent, &mut collected);
        collected.sort();
        for conflict in checker.within(&collected) {
            out.push(problem(conflict));
        }
    };
    visit_sets(
        schema,
        &origin.template.selection_set,
        Some(&origin.parent_type),
        &mut visit,
    );
}

/// Calls `visit` for the set and every field's selection set under it (inline fragments
/// are part of their enclosing set, as in graphql-js).
fn visit_sets(
    schema: &Schema,
    set: &SelectionSet,
    parent: Option<&str>,
    visit: &mut dyn FnMut(&SelectionSet, Option<&str>),
) {
    visit(set, parent);
    fields_below(schema, set, parent, visit);
}

fn fields_below(
    schema: &Schema,
    set: &SelectionSet,
    parent: Option<&str>,
    visit: &mut dyn FnMut(&SelectionSet, Option<&str>),
) {
    for selection in &set.selections {
        match selection {
            Selection::Field(field) => {
                if let Some(inner) = &field.selection_set {
                    let ty = parent.and_then(|p| schema.field_type(p, &field.name));
                    let named = ty.map(Type::named).filter(|n| schema.is_composite(n));
                    visit_sets(schema, inner, named, visit);
                }
            }
            Selection::InlineFragment(fragment) => {
                let inner = match &fragment.type_condition {
                    Some(c) => schema.is_composite(c).then_some(c.as_str()),
                    None => parent,
                };
                fields_below(schema, &fragment.selection_set, inner, visit);
            }
            Selection::Spread(_) => {}
        }
    }
}

fn problem(conflict: Conflict) -> Problem {
    let message = format!(
        "Fields \"{}\" conflict because {}. Use different aliases on the fields to fetch both if this was intentional.",
        conflict.key, conflict.reason
    );
    let mut places = conflict.fields1.into_iter().chain(conflict.fields2);
    let first = places.next().expect("a conflict has two fields");
    let mut problem = Problem::new(conflict.code, message, first);
    for place in places {
        problem = problem.with_related(place, "conflicting field");
    }
    problem
}

struct Checker<'s> {
    schema: &'s Schema,
}

impl<'s> Checker<'s> {
    fn collect<'a>(
        &self,
        origin: &'a Origin,
        set: &'a SelectionSet,
        parent: Option<&'a str>,
        out: &mut Collected<'a>,
    ) where
        's: 'a,
    {
        for selection in &set.selections {
            match selection {
                Selection::Field(field) => {
                    let def = match parent {
                        Some(p) if !field.name.starts_with("__") => {
                            self.schema.field_type(p, &field.name)
                        }
                        _ => None,
                    };
                    out.push(
                        field.response_key(),
                        FieldRef {
                            origin,
                            field,
                            parent,
                            def,
                        },
                    );
                }
                Selection::InlineFragment(fragment) => {
                    let inner = match &fragment.type_condition {
                        Some(c) => self.schema.type_kind(c).map(|_| c.as_str()),
                        None => parent,
                    };
                    self.collect(origin, &fragment.selection_set, inner, out);
                }
                Selection::Spread(spread) => {
                    if let crate::graphql::ast::SpreadTarget::Interpolation(i) = spread.target {
                        if let Some(child) = origin.children.get(i) {
                            let child: &'a Origin = child;
                            self.collect(
                                child,
                                &child.template.selection_set,
                                Some(child.parent_type.as_str()),
                                out,
                            );
                        }
                    }
                }
            }
        }
    }

    fn within(&self, collected: &Collected) -> Vec<Conflict> {
        let mut conflicts = Vec::new();
        for (key, fields) in collected.groups() {
            for i in 0..fields.len() {
                for j in i + 1..fields.len() {
                    if let Some(c) = self.find_conflict(false, key, &fields[i].1, &fields[j].1) {
                        conflicts.push(c);
                    }
                }
            }
        }
        conflicts
    }

    /// Conflicts between the fields of two sorted collections with one response key.
    fn between(&self, exclusive: bool, a: &Collected, b: &Collected) -> Vec<Conflict> {
        let mut conflicts = Vec::new();
        let mut rest = b.fields.as_slice();
        for (key, fields1) in a.groups() {
            let start = rest.partition_point(|(k, _)| *k < key);
            rest = &rest[start..];
            let len = rest.partition_point(|(k, _)| *k == key);
            for (_, f1) in fields1 {
                for (_, f2) in &rest[..len] {
                    if let Some(c) = self.find_conflict(exclusive, key, f1, f2) {
                        conflicts.push(c);
                    }
                }
            }
        }
        conflicts
    }

    fn is_object(&self, name: Option<&str>) -> bool {
        name.is_some_and(|n| self.schema.type_kind(n) == Some(TypeKind::Object))
    }

    fn find_conflict(
        &self,
        parents_exclusive: bool,
        key: &str,
        f1: &FieldRef,
        f2: &FieldRef,
    ) -> Option<Conflict> {
        let exclusive = parents_exclusive
            || (f1.parent != f2.parent && self.is_object(f1.parent) && self.is_object(f2.parent));
        let (n1, n2) = (&f1.field.name, &f2.field.name);
        if f1.is_simple_leaf() && f2.is_simple_leaf() && f1.def == f2.def && n1 == n2 {
            return None;
        }
        let conflict = |reason: String, code| Conflict {
            key: key.to_string(),
            reason,
            code,
            fields1: vec![f1.place()],
            fields2: vec![f2.place()],
        };
        if !exclusive {
            if n1 != n2 {
                let reason = format!("\"{n1}\" and \"{n2}\" are different fields");
                return Some(conflict(reason, "FIELD_CONFLICT"));
            }
            if !same_arguments(&f1.field.arguments, &f2.field.arguments) {
                return Some(conflict(
                    "they have differing arguments".into(),
                    "FIELD_CONFLICT",
                ));
            }
        }
        if let (Some(t1), Some(t2)) = (f1.def, f2.def) {
            if do_types_conflict(self.schema, t1, t2) {
                let reason = format!(
                    "they return conflicting types \"{}\" and \"{}\"",
                    print_type(t1),
                    print_type(t2)
                );
                return Some(conflict(reason, "FIELDS_CONFLICT"));
            }
        }
        let (Some(set1), Some(set2)) = (&f1.field.selection_set, &f2.field.selection_set) else {
            return None;
        };
        let mut c1 = Collected::default();
        let mut c2 = Collected::default();
        self.collect(f1.origin, set1, f1.def.map(Type::named), &mut c1);
        self.collect(f2.origin, set2, f2.def.map(Type::named), &mut c2);
        c1.sort();
        c2.sort();
        let subs = self.between(exclusive, &c1, &c2);
        if subs.is_empty() {
            return None;
        }
        let reason = subs
            .iter()
            .map(|s| format!("subfields \"{}\" conflict because {}", s.key, s.reason))
            .collect::<Vec<_>>()
            .join(" and ");
        let code = subs[0].code;
        let mut fields1 = vec![f1.place()];
        let mut fields2 = vec![f2.place()];
        for s in subs {
            fields1.extend(s.fields1);
            fields2.extend(s.fields2);
        }
        Some(Conflict {
            key: key.to_string(),
            reason,
            code,
            fields1,
            fields2,
        })
    }
}

/// Arguments are the same when they have the same names with the same values, in any
/// order (graphql-js compares them by name).
pub fn same_arguments(a: &[Argument], b: &[Argument]) -> bool {
    a.len() == b.len()
        && a.iter().all(|arg| {
            b.iter()
                .find(|other| other.name == arg.name)
                .is_some_and(|other| same_value(&arg.value, &other.value))
        })
}

/// Values compare as graphql-js's `stringifyValue` does: input object fields in any order
/// (sorted by name), everything else structurally (a block string differs from a plain one).
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_value(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            if x.len() != y.len() {
                return false;
            }
            let mut x: Vec<_> = x.iter().collect();
            let mut y: Vec<_> = y.iter().collect();
            x.sort_by(|p, q| p.name.cmp(&q.name));
            y.sort_by(|p, q| p.name.cmp(&q.name));
            x.iter()
                .zip(&y)
                .all(|(p, q)| p.name == q.name && same_value(&p.value, &q.value))
        }
        _ => a == b,
    }
}
