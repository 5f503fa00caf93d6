//! Composition (docs/reference/dsl.md §5): every definition's template with its interpolated fragments
//! inlined, fields merged and variables merged, memoised per canonical ID.

pub mod cycles;
pub mod enum_coercion;
pub mod linker;
pub mod merge;
pub mod output_size;
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
use crate::validate::{check_composed, check_tree, Origin, Problem};
use merge::merge_selections;
use output_size::{OutputSize, MAX_OUTPUT_BYTES};
use prepare::Prepared;
use spread_bindings::SpreadCall;
use variables::merge_variables;

/// A definition with every interpolation inlined.
#[derive(Clone, Debug)]
pub struct Composed {
    /// The type the selections are selected on: a fragment's type condition, an operation's root type.
    pub parent_type: String,
    pub selections: Vec<Selection>,
    pub variables: Vec<VariableDefinition>,
    /// Canonical IDs of every fragment reached, transitively.
    pub dependencies: BTreeSet<String>,
    /// Its template tree, as validation walks it (what dependents validate across).
    pub origin: Arc<Origin>,
    /// A hash of what validating a dependent reads from `origin`: the definition, its type
    /// condition, template text and place in its file, and its fragments' tree hashes. Two
    /// templates can compose to the same selections (fields merge) and still validate
    /// differently in a dependent, and a dependent's problems are placed through the origins
    /// of the fragments it reaches, so backdating compares this too.
    pub tree_hash: String,
    /// How large `selections` print.
    pub size: OutputSize,
    /// Whether it reaches a spread with bindings or a `$colocate` label: then it and its
    /// dependents are validated on their inlined document (`validate::check_composed`).
    pub rewrites_spreads: bool,
}

/// Results of composition that live across builds: the composed form of every definition
/// (`None` when it or a fragment it reaches is broken) and the problems composition and
/// validation found.
#[derive(Default)]
pub struct CompositionMemo {
    pub composed: FxHashMap<String, Option<Arc<Composed>>>,
    pub diagnostics: FxHashMap<String, Vec<Problem>>,
}

impl CompositionMemo {
    /// Forgets `id`, so the next `compose` computes it again.
    pub fn forget(&mut self, id: &str) {
        self.composed.remove(id);
        self.diagnostics.remove(id);
    }
}

/// Composes one definition whose interpolated fragments are already in `composed` (a
/// fragment missing there, or composed to `None`, makes this one fail silently — an empty
/// error: its own diagnostic is the root cause). Validation across fragments runs here,
/// before selections merge. Pure, so independent definitions compose in parallel.
pub fn compose_one(
    prepared: &Prepared,
    schemas: &BTreeMap<String, Schema>,
    cycles: &FxHashMap<String, Vec<String>>,
    composed: &FxHashMap<String, Option<Arc<Composed>>>,
) -> Result<Arc<Composed>, Vec<Problem>> {
    if prepared.has_errors() || cycles.contains_key(&prepared.id) {
        return Err(Vec::new());
    }
    let (Some(template), Some(parent)) = (prepared.template.as_ref(), prepared.parent_type.clone())
    else {
        return Err(Vec::new());
    };
    let schema = schemas.get(&prepared.def().label).ok_or_else(Vec::new)?;
    let mut targets = Vec::with_capacity(prepared.links.len());
    for link in &prepared.links {
        let target = link
            .as_ref()
            .and_then(|l| composed.get(&l.target).cloned().flatten())
            .ok_or_else(Vec::new)?;
        targets.push(target);
    }
    let def = prepared.def();
    let name_span = def.name_span;
    let own_error = |code: &str, message: String| {
        vec![Problem::from_raw(
            RawDiagnostic::error(code, message, name_span),
            &prepared.file,
        )]
    };
    if OutputSize::inlined(&template.selection_set, &targets).too_large() {
        let message = format!(
            "the document of this definition, with its fragments inlined, would print more \
             than {} KiB; it is not built",
            MAX_OUTPUT_BYTES >> 10
        );
        return Err(own_error("OUTPUT_TOO_LARGE", message));
    }
    let spreads: Vec<SpreadCall> = def
        .template
        .interpolations
        .iter()
        .map(SpreadCall::of)
        .collect();
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
            own_error("VARIABLE_CONFLICT", message)
        })?;
    }
    let origin = Arc::new(
        Origin {
            file: prepared.file.clone(),
            kind: def.kind,
            name: def.name.clone(),
            name_span,
            analysis: prepared.analysis.clone(),
            index: prepared.index,
            template: template.clone(),
            parent_type: parent.clone(),
            children: targets.iter().map(|t| t.origin.clone()).collect(),
            usages: prepared.usages.clone(),
            fragment_variables: Vec::new(),
            fragment_usages: Vec::new(),
        }
        .with_fragment_tables(),
    );
    let rewrites_spreads =
        spreads.iter().any(SpreadCall::rewrites) || targets.iter().any(|t| t.rewrites_spreads);
    if prepared.validate && !rewrites_spreads {
        let problems = check_tree(schema, &origin);
        if !problems.is_empty() {
            return Err(problems);
        }
    }
    let mut selections = Inliner {
        schema,
        targets: &targets,
        spreads: &spreads,
    }
    .inline(&template.selection_set, &parent);
    // Literals bound by `.spread({ v: "X" })` land in the fragment's selections only now.
    if spreads.iter().any(|s| !s.merges_variables()) {
        enum_coercion::coerce_enum_strings(&mut selections, &parent, schema);
    }
    if prepared.validate && rewrites_spreads {
        let problems = check_composed(schema, &origin, &variables, &selections);
        if !problems.is_empty() {
            return Err(problems);
        }
    }
    // Validation has rejected every conflict graphql-js rejects; this stays as a guard.
    let selections = merge_selections(selections).map_err(|conflict| {
        let message = format!(
            "Fields \"{}\" conflict because {}.",
            conflict.response_key, conflict.reason
        );
        own_error("FIELD_CONFLICT", message)
    })?;
    let tree_hash = tree_hash(prepared, &parent, &targets);
    Ok(Arc::new(Composed {
        tree_hash,
        parent_type: parent,
        size: OutputSize::of(&selections),
        selections,
        variables,
        dependencies,
        origin,
        rewrites_spreads,
    }))
}

/// See [`Composed::tree_hash`].
fn tree_hash(prepared: &Prepared, parent: &str, targets: &[Arc<Composed>]) -> String {
    let template = &prepared.def().template;
    let mut key = format!(
        "{}\0{parent}\0{}\0{:?}",
        prepared.id, template.text, template.offset_map
    );
    for target in targets {
        key.push('\0');
        key.push_str(&target.tree_hash);
    }
    crate::hashing::hash_hex(key.as_bytes())
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
