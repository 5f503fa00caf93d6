//! Composition (dsl.md §5): every definition's template with its interpolated fragments
//! inlined, fields merged and variables merged, memoised per canonical ID.

pub mod cycles;
pub mod merge;
pub mod prepare;
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

/// Composes definitions on demand, remembering every result in a memo.
pub struct Composer<'a> {
    prepared: &'a FxHashMap<String, Prepared>,
    schemas: &'a BTreeMap<String, Schema>,
    cycles: &'a FxHashMap<String, Vec<String>>,
    memo: &'a mut CompositionMemo,
}

impl<'a> Composer<'a> {
    pub fn new(
        prepared: &'a FxHashMap<String, Prepared>,
        schemas: &'a BTreeMap<String, Schema>,
        cycles: &'a FxHashMap<String, Vec<String>>,
        memo: &'a mut CompositionMemo,
    ) -> Self {
        Self {
            prepared,
            schemas,
            cycles,
            memo,
        }
    }

    /// The composed form of `id`, or `None` when it or a fragment it reaches is broken.
    pub fn compose(&mut self, id: &str) -> Option<Arc<Composed>> {
        if let Some(done) = self.memo.composed.get(id) {
            return done.clone();
        }
        // Cycle members never compose, so the recursion below always ends.
        let result = if self.cycles.contains_key(id) {
            None
        } else {
            self.compose_fresh(id)
        };
        self.memo.composed.insert(id.to_string(), result.clone());
        result
    }

    fn compose_fresh(&mut self, id: &str) -> Option<Arc<Composed>> {
        let prepared = self.prepared.get(id)?;
        if prepared.has_errors() {
            return None;
        }
        let template = prepared.template.as_ref()?;
        let parent = prepared.parent_type.clone()?;
        let mut targets = Vec::with_capacity(prepared.links.len());
        for link in &prepared.links {
            targets.push(self.compose(&link.as_ref()?.target)?);
        }
        let schema = self.schemas.get(&prepared.def().label)?;
        let inliner = Inliner {
            schema,
            targets: &targets,
        };
        let selections = inliner.inline(&template.selection_set, &parent);
        let selections = match merge_selections(selections) {
            Ok(selections) => selections,
            Err(conflict) => {
                let message = format!(
                    "Fields \"{}\" conflict because {}.",
                    conflict.response_key, conflict.reason
                );
                return self.fail(
                    id,
                    RawDiagnostic::error("FIELD_CONFLICT", message, prepared.def().name_span),
                );
            }
        };
        let mut variables = template.variables.clone();
        let mut dependencies = BTreeSet::new();
        for (target, link) in targets.iter().zip(&prepared.links) {
            let link = link.as_ref()?;
            if let Err(conflict) = merge_variables(&mut variables, &target.variables) {
                let message = format!(
                    "Variable \"${}\" is declared as \"{}\" and as \"{}\" (in {}).",
                    conflict.name, conflict.first, conflict.second, link.target
                );
                return self.fail(
                    id,
                    RawDiagnostic::error("VARIABLE_CONFLICT", message, prepared.def().name_span),
                );
            }
            dependencies.insert(link.target.clone());
            dependencies.extend(target.dependencies.iter().cloned());
        }
        Some(Arc::new(Composed {
            parent_type: parent,
            selections,
            variables,
            dependencies,
        }))
    }

    fn fail(&mut self, id: &str, diagnostic: RawDiagnostic) -> Option<Arc<Composed>> {
        self.memo.diagnostics.insert(id.to_string(), diagnostic);
        None
    }
}

/// Replaces interpolation spreads by the selections of the fragments they name.
struct Inliner<'a> {
    schema: &'a Schema,
    targets: &'a [Arc<Composed>],
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
                    let condition =
                        (target.parent_type != parent).then(|| target.parent_type.clone());
                    if condition.is_none() && spread.directives.is_empty() {
                        out.extend(target.selections.iter().cloned());
                    } else {
                        out.push(Selection::InlineFragment(InlineFragment {
                            type_condition: condition,
                            directives: spread.directives.clone(),
                            selection_set: SelectionSet {
                                selections: target.selections.clone(),
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
