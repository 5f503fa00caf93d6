//! Validation of a document composed through soda-gql spread bindings
//! (`frag.spread({ v: $.x })`) or `$colocate` labels. Those spreads rewrite the fragment's
//! selections while inlining (variables substituted or omitted, response keys prefixed), so
//! the template tree no longer shows what the composed document holds; such a definition
//! is validated on the inlined document itself, with every rule, and its problems are
//! placed at the definition's name (the nodes come from several templates). Each fragment
//! was still validated on its own template first, with exact positions.

use std::sync::Arc;

use crate::diagnostic::RawDiagnostic;
use crate::graphql::ast::{Selection, SelectionSet, Template, VariableDefinition};
use crate::graphql::schema::Schema;
use crate::graphql::template_source::TemplateSource;
use crate::validate::origin::{Origin, Place, Problem};
use crate::validate::{check_local, check_tree};

/// Validates the inlined `selections` with `variables` as the definition `tree` would
/// print them; problems are placed at `tree`'s name.
pub fn check_composed(
    schema: &Schema,
    tree: &Origin,
    variables: &[VariableDefinition],
    selections: &[Selection],
) -> Vec<Problem> {
    let template = Arc::new(Template {
        variables: variables.to_vec(),
        selection_set: SelectionSet {
            selections: selections.to_vec(),
            offset: 0,
        },
    });
    // Offsets are meaningless across templates: every problem is re-placed below.
    let (local, usages) = check_local(
        &template,
        Some(&tree.parent_type),
        schema,
        &TemplateSource::default(),
    );
    let at_name = || Place {
        file: tree.file.clone(),
        span: tree.name_span,
    };
    let mut out: Vec<Problem> = local
        .into_iter()
        .map(|raw: RawDiagnostic| Problem::new(&raw.code, raw.message, at_name()))
        .collect();
    if out.is_empty() {
        let whole = Origin {
            file: tree.file.clone(),
            kind: tree.kind,
            name: tree.name.clone(),
            name_span: tree.name_span,
            analysis: tree.analysis.clone(),
            index: tree.index,
            template,
            parent_type: tree.parent_type.clone(),
            children: Vec::new(),
            usages,
            fragment_variables: Vec::new(),
            fragment_usages: Vec::new(),
        };
        out.extend(check_tree(schema, &whole).into_iter().map(|p| Problem {
            at: at_name(),
            related: Vec::new(),
            ..p
        }));
    }
    let mut unique: Vec<Problem> = Vec::with_capacity(out.len());
    for problem in out {
        if !unique.contains(&problem) {
            unique.push(problem);
        }
    }
    unique
}
