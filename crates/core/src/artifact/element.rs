//! One artifact element (docs/reference/artifact.md §1) and how a composed definition becomes one.

use serde::{Deserialize, Serialize};

use crate::analysis::model::{Definition, DefinitionKind};
use crate::compose::Composed;
use crate::graphql::ast::OperationRef;
use crate::graphql::document_json::operation_document_json;
use crate::graphql::print::{print_fragment_parts, print_operation_ref};
use crate::hashing::{hash128_hex, sha256_hex};

/// Canonical ID → element, in ID order. A persistent map: results of earlier builds share it
/// with the session, and an update copies only the path to what it changes, not 4,000 entries.
pub type ElementMap = im::OrdMap<String, std::sync::Arc<Element>>;

/// An element of the artifact, in the exact key order of docs/reference/artifact.md §1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Element {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: ElementType,
    pub prebuild: Prebuild,
    pub text: String,
    /// sha256 of `text` (operations only): the persisted-operation id.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub hash: Option<String>,
    /// Merged variable names (fragments only; operations carry them in `prebuild`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub variable_names: Option<Vec<String>>,
    /// Canonical IDs of every fragment reached, transitively, sorted.
    pub dependencies: Vec<String>,
    pub metadata: Metadata,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ElementType {
    Operation,
    Fragment,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Prebuild {
    Operation(OperationPrebuild),
    Fragment(FragmentPrebuild),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationPrebuild {
    pub operation_type: String,
    pub operation_name: String,
    pub schema_label: String,
    /// graphql-js 16 `parse(text, { noLocation: true })` as JSON.
    pub document: DocumentJson,
    pub variable_names: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FragmentPrebuild {
    pub typename: String,
    pub key: String,
    pub schema_label: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    pub source_path: String,
    /// Changes exactly when `prebuild`, `text` or `variableNames` change.
    pub content_hash: String,
}

/// The fields of either prebuild, for reading chunks back: an untagged enum would buffer
/// its input, and a raw JSON document cannot be read from a buffer.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PrebuildFields {
    operation_type: Option<String>,
    operation_name: Option<String>,
    schema_label: String,
    document: Option<DocumentJson>,
    variable_names: Option<Vec<String>>,
    typename: Option<String>,
    key: Option<String>,
}

impl<'de> Deserialize<'de> for Prebuild {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let f = PrebuildFields::deserialize(deserializer)?;
        match (
            f.operation_type,
            f.operation_name,
            f.document,
            f.variable_names,
            f.typename,
            f.key,
        ) {
            (
                Some(operation_type),
                Some(operation_name),
                Some(document),
                Some(variable_names),
                None,
                None,
            ) => Ok(Prebuild::Operation(OperationPrebuild {
                operation_type,
                operation_name,
                schema_label: f.schema_label,
                document,
                variable_names,
            })),
            (None, None, None, None, Some(typename), Some(key)) => {
                Ok(Prebuild::Fragment(FragmentPrebuild {
                    typename,
                    key,
                    schema_label: f.schema_label,
                }))
            }
            _ => Err(serde::de::Error::custom(
                "a prebuild is either an operation's or a fragment's",
            )),
        }
    }
}

/// A document's JSON text, kept as written (never a tree of maps: it is only ever copied
/// into the artifact, chunks and transformed code).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocumentJson(Box<serde_json::value::RawValue>);

impl DocumentJson {
    /// Wraps JSON text the document writer produced.
    pub fn from_trusted(json: String) -> Self {
        Self(
            serde_json::value::RawValue::from_string(json)
                .expect("the document writer emits valid JSON"),
        )
    }

    /// The JSON text.
    pub fn get(&self) -> &str {
        self.0.get()
    }
}

impl PartialEq for DocumentJson {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

/// Turns a composed definition into its element. Fails only if the printed text does not
/// parse again, which would be a printer bug (reported, never a panic).
pub fn build_element(
    id: &str,
    file: &str,
    def: &Definition,
    composed: &Composed,
) -> Result<Element, String> {
    let variable_names: Vec<String> = composed.variables.iter().map(|v| v.name.clone()).collect();
    let (kind, prebuild, text, hash, fragment_variables) = match def.kind {
        DefinitionKind::Operation(operation) => {
            let op = OperationRef {
                operation,
                name: &def.name,
                variables: &composed.variables,
                selections: &composed.selections,
            };
            let text = print_operation_ref(op);
            let document = operation_document_json(op, &text)
                .map(DocumentJson::from_trusted)
                .map_err(|errors| {
                    format!(
                        "internal error: the printed document does not parse again ({:?})",
                        errors.first().map(|e| &e.message)
                    )
                })?;
            let prebuild = Prebuild::Operation(OperationPrebuild {
                operation_type: operation.as_str().to_string(),
                operation_name: def.name.clone(),
                schema_label: def.label.clone(),
                document,
                variable_names,
            });
            let hash = sha256_hex(&text);
            (ElementType::Operation, prebuild, text, Some(hash), None)
        }
        DefinitionKind::Fragment => {
            let typename = def.type_name.clone().unwrap_or_default();
            let text = print_fragment_parts(&def.name, &typename, &composed.selections);
            let prebuild = Prebuild::Fragment(FragmentPrebuild {
                typename,
                key: def.name.clone(),
                schema_label: def.label.clone(),
            });
            (
                ElementType::Fragment,
                prebuild,
                text,
                None,
                Some(variable_names),
            )
        }
    };
    let content_hash = content_hash(&prebuild, &text, fragment_variables.as_deref());
    Ok(Element {
        id: id.to_string(),
        kind,
        prebuild,
        text,
        hash,
        variable_names: fragment_variables,
        dependencies: composed.dependencies.iter().cloned().collect(),
        metadata: Metadata {
            source_path: file.to_string(),
            content_hash,
        },
    })
}

/// xxh3-128 of every field of `prebuild`, `text` and `variable_names`, each
/// length-prefixed. An operation's document is left out: it is `parse(text)`, so it changes
/// only with `text` (hashing its JSON was a tenth of a cold build).
fn content_hash(prebuild: &Prebuild, text: &str, variable_names: Option<&[String]>) -> String {
    let mut payload = Vec::with_capacity(text.len() + 256);
    let mut field = |bytes: &[u8]| {
        payload.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        payload.extend_from_slice(bytes);
    };
    match prebuild {
        Prebuild::Operation(op) => {
            field(b"operation");
            field(op.operation_type.as_bytes());
            field(op.operation_name.as_bytes());
            field(op.schema_label.as_bytes());
            for name in &op.variable_names {
                field(name.as_bytes());
            }
        }
        Prebuild::Fragment(fragment) => {
            field(b"fragment");
            field(fragment.typename.as_bytes());
            field(fragment.key.as_bytes());
            field(fragment.schema_label.as_bytes());
        }
    }
    field(b"text");
    field(text.as_bytes());
    if let Some(names) = variable_names {
        field(b"variableNames");
        for name in names {
            field(name.as_bytes());
        }
    }
    hash128_hex(&payload)
}
