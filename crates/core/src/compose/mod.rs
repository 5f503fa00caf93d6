//! Composition (docs/reference/dsl.md §5): every definition's template with its interpolated fragments
//! inlined, fields merged and variables merged, memoised per canonical ID.

pub mod cycles;
pub mod enum_coercion;
pub mod linker;
pub mod merge;
pub mod prepare;
pub mod spread_bindings;
pub mod validate;
pub mod variables;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::diagnostic::RawDiagnostic;
use crate::graphql::ast::{
    InlineFragment, Selection, SelectionSet, SpreadTarget, VariableDefinition,
};
use crate::graphql::schema::Schema;
use merge::merge_selections;
use prepare::Prepared;
use spread_bindings::SpreadCall;
use variables::merge_variables;

/// A definition with every interpolation inlined.
#[derive(Clone, Debug, PartialEq)]
pub struct Composed {
    /// The type the selections are selected on: a fragment's type condition, an operation's root type.
    pub parent_type: String,
    pub selections: Vec<Selection>,
    pub variables: Vec<VariableDefinition>,
    /// Canonical IDs of every fragment reached, transitively.
    pub dependencies: BTreeSet<String>,
}

/// Results of composition that live across builds: the composed form of every definition
/// (`None` when it or a fragment it reaches is broken) and the conflicts composition found.
#[derive(Default)]
pub struct CompositionMemo {
    pub composed: FxHashMap<String, Option<Arc<Composed>>>,
    pub diagnostics: FxHashMap<String, RawDiagnostic>,
}

impl CompositionMemo {
    /// Forgets `id`, so the next `compose` computes it again.
    pub fn forget(&mut self, id: &str) {
        self.composed.remove(id);
        self.diagnostics.remove(id);
    }
}

/// Composes one definition whose interpolated fragments are already in `composed` (a
/// fragment missing there, or composed to `None`, makes this one fail silently: its own
/// diagnostic is the root cause). Pure, so independent definitions compose in parallel.
pub fn compose_one(
    prepared: &Prepared,
    schemas: &BTreeMap<String, Schema>,
    cycles: &FxHashMap<String, Vec<String>>,
    composed: &FxHashMap<String, Option<Arc<Composed>>>,
) -> Result<Arc<Composed>, Option<RawDiagnostic>> {
    if prepared.has_errors() || cycles.contains_key(&prepared.id) {
        return Err(None);
    }
    let (Some(template), Some(parent)) = (prepared.template.as_ref(), prepared.parent_type.clone())
    else {
        return Err(None);
    };
    let schema = schemas.get(&prepared.def().label).ok_or(None)?;
    let mut targets = Vec::with_capacity(prepared.links.len());
    for link in &prepared.links {
        let target = link
            .as_ref()
            .and_then(|l| composed.get(&l.target).cloned().flatten())
            .ok_or(None)?;
        targets.push(target);
    }
    let name_span = prepared.def().name_span;
    let spreads: Vec<SpreadCall> = prepared
        .def()
        .template
        .interpolations
        .iter()
        .map(SpreadCall::of)
        .collect();
    let selections = Inliner {
        schema,
        targets: &targets,
        spreads: &spreads,
    }
    .inline(&template.selection_set, &parent);
    let mut selections = merge_selections(selections).map_err(|conflict| {
        let message = format!(
            "Fields \"{}\" conflict because {}.",
            conflict.response_key, conflict.reason
        );
        Some(RawDiagnostic::error("FIELD_CONFLICT", message, name_span))
    })?;
    // Literals bound by `.spread({ v: "X" })` land in the fragment's selections only now.
    if spreads.iter().any(|s| !s.merges_variables()) {
        enum_coercion::coerce_enum_strings(&mut selections, &parent, schema);
    }
    let mut variables = template.variables.clone();
    let mut dependencies = BTreeSet::new();
    let linked = targets.iter().zip(prepared.links.iter().flatten());
    for ((target, link), spread) in linked.zip(&spreads) {
        dependencies.insert(link.target.clone());
        dependencies.extend(target.dependencies.iter().cloned());
        if !spread.merges_variables() {
            continue;
        }
        merge_variables(&mut variables, &target.variables).map_err(|conflict| {
            let message = format!(
                "Variable \"${}\" is declared as \"{}\" and as \"{}\" (in {}).",
                conflict.name, conflict.first, conflict.second, link.target
            );
            Some(RawDiagnostic::error(
                "VARIABLE_CONFLICT",
                message,
                name_span,
            ))
        })?;
    }
    Ok(Arc::new(Composed {
        parent_type: parent,
        selections,
        variables,
        dependencies,
    }))
}

/// Replaces interpolation spreads by the selections of the fragments they name.
struct Inliner<'a> {
    schema: &'a Schema,
    targets: &'a [Arc<Composed>],
    /// How each interpolation spreads its fragment (bindings, `$colocate` label).
    spreads: &'a [SpreadCall],
}

impl Inliner<'_> {
    fn inline(&self, set: &SelectionSet, parent: &str) -> Vec<Selection> {
        let mut out = Vec::with_capacity(set.selections.len());
        for selection in &set.selections {
            match selection {
                Selection::Field(field) => {
                    let mut field = field.clone();
                    if let Some(inner) = &field.selection_set {
                        let ty = self
                            .schema
                            .field_type(parent, &field.name)
                            .map(|t| t.named().to_string())
                            .unwrap_or_default();
                        field.selection_set = Some(SelectionSet {
                            selections: self.inline(inner, &ty),
                            offset: inner.offset,
                        });
                    }
                    out.push(Selection::Field(field));
                }
                Selection::InlineFragment(fragment) => {
                    let ty = fragment.type_condition.as_deref().unwrap_or(parent);
                    let selections = self.inline(&fragment.selection_set, ty);
                    out.push(Selection::InlineFragment(InlineFragment {
                        selection_set: SelectionSet {
                            selections,
                            offset: fragment.selection_set.offset,
                        },
                        ..fragment.clone()
                    }));
                }
                Selection::Spread(spread) => {
                    let SpreadTarget::Interpolation(i) = spread.target else {
                        continue;
                    };
                    let target = &self.targets[i];
                    let selections = match self.spreads.get(i) {
                        Some(call) => call.apply(&target.selections, &target.variables),
                        None => target.selections.clone(),
                    };
                    let condition =
                        (target.parent_type != parent).then(|| target.parent_type.clone());
                    if condition.is_none() && spread.directives.is_empty() {
                        out.extend(selections);
                    } else {
                        out.push(Selection::InlineFragment(InlineFragment {
                            type_condition: condition,
                            directives: spread.directives.clone(),
                            selection_set: SelectionSet {
                                selections,
                                offset: spread.offset,
                            },
                            offset: spread.offset,
                        }));
                    }
                }
            }
        }
        out
    }
}
