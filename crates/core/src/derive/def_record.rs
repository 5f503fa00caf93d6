//! What the session remembers of every definition whatever else it keeps: its place in the
//! definition graph (links, the files its lookups read), whether it has errors, and a hash
//! of its composed form. Small and serialisable, so a restored session knows the whole graph
//! without preparing or composing anything until a change reaches it.

use serde::{Deserialize, Serialize};

use crate::analysis::model::DefinitionKind;
use crate::compose::prepare::Prepared;

/// One definition's record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DefRecord {
    pub file: String,
    pub kind: DefinitionKind,
    pub name: String,
    pub label: String,
    /// One per interpolation: the canonical ID it resolved to.
    pub links: Vec<Option<String>>,
    /// Files its interpolation lookups read.
    pub via: Vec<String>,
    /// Its own diagnostics include an error (it is never composed).
    pub has_errors: bool,
    /// Hash of its composed form (empty when it did not compose).
    #[serde(default)]
    pub composed_hash: String,
    /// Composition or validation across its fragments reported problems (a restored
    /// session composes it again before placing its diagnostics).
    #[serde(default)]
    pub has_problems: bool,
    /// Hash of what composition reads from its preparation (names, template text, links,
    /// parent type, errors): equal means composing it again would give the same result.
    pub inputs_hash: String,
}

impl DefRecord {
    /// The record of a fresh preparation (the composed hash is filled in by composition).
    pub fn of(prepared: &Prepared, composed_hash: String) -> Self {
        let def = prepared.def();
        Self {
            file: prepared.file.clone(),
            kind: def.kind,
            name: def.name.clone(),
            label: def.label.clone(),
            links: prepared
                .links
                .iter()
                .map(|l| l.as_ref().map(|l| l.target.clone()))
                .collect(),
            via: prepared.via.clone(),
            has_errors: prepared.has_errors(),
            composed_hash,
            has_problems: false,
            inputs_hash: inputs_hash(prepared),
        }
    }

    /// `query`, `mutation`, `subscription` or `fragment`.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            DefinitionKind::Operation(op) => op.as_str(),
            DefinitionKind::Fragment => "fragment",
        }
    }

    /// Canonical IDs of the fragments it interpolates.
    pub fn targets(&self) -> impl Iterator<Item = &String> {
        self.links.iter().flatten()
    }

    /// (label, name) when it is an operation that can be built: what duplicate names compare.
    pub fn operation_key(&self) -> Option<(String, String)> {
        (matches!(self.kind, DefinitionKind::Operation(_)) && !self.has_errors)
            .then(|| (self.label.clone(), self.name.clone()))
    }
}

fn inputs_hash(prepared: &Prepared) -> String {
    let def = prepared.def();
    let links: Vec<Option<&str>> = prepared
        .links
        .iter()
        .map(|l| l.as_ref().map(|l| l.target.as_str()))
        .collect();
    // Spread bindings and `$colocate` labels change the composed text without changing
    // the template text.
    let spreads: Vec<(&Option<String>, &Option<String>)> = def
        .template
        .interpolations
        .iter()
        .map(|i| (&i.bindings, &i.colocate_label))
        .collect();
    let key = serde_json::json!([
        def.kind,
        def.name,
        def.label,
        def.type_name,
        def.template.text,
        def.options_object,
        spreads,
        // Where the template sits in its file: validation places problems of dependents
        // through a fragment's own map, so a moved fragment composes again.
        def.template.offset_map,
        links,
        prepared.parent_type,
        prepared.has_errors()
    ]);
    crate::hashing::hash_hex(key.to_string().as_bytes())
}
