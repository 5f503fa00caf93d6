//! Typed definitions (types.md): each built definition's result and variables type, computed
//! from its composed document and the schema, and the type files the session writes into
//! `types.outDir`, which reach `gql` by declaration merging into `FizzRegistry` of
//! `fizz-gql/runtime`.

pub mod mapping;
pub mod out_dir;
pub mod render;
pub mod scalars;
pub mod writer;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::analysis::model::{Definition, DefinitionKind};
use crate::compose::Composed;
use crate::graphql::ast::VariableDefinition;
use crate::graphql::schema::Schema;
use mapping::Mapper;

/// What the type mapping reads from the config (`types.scalars`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TypeOptions {
    /// Custom scalar name → TypeScript type text.
    pub scalars: BTreeMap<String, String>,
}

/// One definition's entry in the registry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeEntry {
    /// The registry key: `<label>:operation:<name>` or `<label>:fragment:<key>`.
    pub key: String,
    pub result: String,
    pub variables: String,
    /// Input object aliases the variables use: alias → object type.
    pub aliases: BTreeMap<String, String>,
}

/// The registry key of an operation or fragment: what `gql.<label>` looks up by name.
pub fn registry_key(def: &Definition) -> String {
    let kind = match def.kind {
        DefinitionKind::Operation(_) => "operation",
        DefinitionKind::Fragment => "fragment",
    };
    format!("{}:{kind}:{}", def.label, def.name)
}

/// The entry of a composed definition. A fragment's variables are its own declared ones
/// (`own_variables`); an operation's are the merged ones.
pub fn type_entry(
    def: &Definition,
    composed: &Composed,
    own_variables: &[VariableDefinition],
    schema: &Schema,
    options: &TypeOptions,
) -> TypeEntry {
    let mapper = Mapper {
        schema,
        scalars: &options.scalars,
        alias_prefix: format!("In_{}_", identifier_part(&def.label)),
    };
    let variables = match def.kind {
        DefinitionKind::Operation(_) => composed.variables.as_slice(),
        DefinitionKind::Fragment => own_variables,
    };
    let mut aliases = BTreeMap::new();
    TypeEntry {
        key: registry_key(def),
        result: mapper.result_type(&composed.parent_type, &composed.selections),
        variables: mapper.variables_type(variables, &mut aliases),
        aliases,
    }
}

/// `text` with every character that cannot stand in an identifier replaced by `_`.
fn identifier_part(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}
