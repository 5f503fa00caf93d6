//! What analysis extracts from one source file: the data every later stage works from.
//! It is pure source data (no resolution, no schema), so it can be cached per file
//! fingerprint and compared to decide whether a re-analysed file changed anything.

use serde::{Deserialize, Serialize};

/// A name or specifier of the module facts (imports, exports, top-level bindings). Short
/// ones (up to 24 bytes, nearly every identifier) are stored inline instead of allocated:
/// a session keeps the facts of every file it has read.
pub type Name = compact_str::CompactString;

use crate::diagnostic::{RawDiagnostic, Span};
use crate::graphql::ast::OperationType;
use crate::graphql::template_source::TemplateSource;

/// Everything the builder needs from one file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FileAnalysis {
    /// Definitions in source order (pre-order walk), each with its unique astPath.
    pub definitions: Vec<Definition>,
    /// Value imports (type-only imports are dropped), in source order.
    pub imports: Vec<ImportBinding>,
    /// Export entries, in source order.
    pub exports: Vec<ExportEntry>,
    /// Names of the file's top-level value bindings that are not imports
    /// (`const`, `let`, `var`, functions, classes, enums), sorted.
    pub top_level_names: Vec<Name>,
    /// The composer's local name(s) in this file, e.g. `gql`, `g`, or `sys.gql` for a
    /// namespace import; sorted.
    pub composer_bindings: Vec<String>,
    /// Byte spans of the import declarations that bring in the composer (for the transform,
    /// which removes them when nothing else uses the binding).
    pub composer_import_spans: Vec<Span>,
    /// Problems found while analysing (`DEFAULT_IMPORT`, `NON_LITERAL_NAME`,
    /// `UNSUPPORTED_DEFINITION_FORM`, `CLASS_PROPERTY`, and oxc syntax errors as
    /// `TS_SYNTAX`; in pathological files also `NESTING_TOO_DEEP` and `INTERNAL_ERROR`),
    /// in source order.
    pub diagnostics: Vec<RawDiagnostic>,
}

impl FileAnalysis {
    /// Drops the spare capacity the vectors grew while the file was read. A session keeps
    /// one analysis per source file for its whole life, and at 10,000 files the slack of
    /// the import and export lists alone was about 10 MB of a cold build's peak.
    pub fn shrink_to_fit(&mut self) {
        self.definitions.shrink_to_fit();
        for definition in &mut self.definitions {
            definition.scope.shrink_to_fit();
            definition.template.text.shrink_to_fit();
            definition.template.interpolations.shrink_to_fit();
            definition.template.offset_map.shrink_to_fit();
        }
        self.imports.shrink_to_fit();
        self.exports.shrink_to_fit();
        self.top_level_names.shrink_to_fit();
        self.composer_bindings.shrink_to_fit();
        self.composer_import_spans.shrink_to_fit();
        self.diagnostics.shrink_to_fit();
    }
}

/// A value import binding: `import { a as b } from "s"` gives local `b`, `Named("a")`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportBinding {
    pub local: Name,
    pub specifier: Name,
    pub kind: ImportKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportKind {
    Named(Name),
    Namespace,
    Default,
}

/// One export entry of a module.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportEntry {
    /// `export const X`, `export function X`, `export { x as X }`, `export default x`
    /// (exported `"default"`, local `x`): `exported` names the local binding `local`.
    Local { exported: Name, local: Name },
    /// `export { a as X } from "s"` (also `export { default as X } from "s"`).
    Reexport {
        exported: Name,
        imported: Name,
        specifier: Name,
    },
    /// `export * as ns from "s"`.
    ReexportNamespace { exported: Name, specifier: Name },
    /// `export * from "s"`.
    ReexportAll { specifier: Name },
}

/// What a definition builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DefinitionKind {
    Operation(OperationType),
    Fragment,
}

/// One `G.<label>(factory)` definition call.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Definition {
    /// The unique astPath within the file (with `$N` when needed): the canonical ID is
    /// `<path>::<ast_path>`.
    pub ast_path: String,
    /// The scope segments that enclosed the call (the astPath before any `$N` suffix,
    /// split on `.`). Used to resolve interpolations through enclosing scopes.
    pub scope: Vec<String>,
    /// The schema label (`default`, `admin`, …) as written; not checked against the config here.
    pub label: String,
    pub label_span: Span,
    pub kind: DefinitionKind,
    /// Operation name, or fragment key.
    pub name: String,
    pub name_span: Span,
    /// Fragment type condition (`fragment("Key", "TypeName")`); `None` for operations.
    pub type_name: Option<String>,
    pub type_name_span: Option<Span>,
    pub template: TemplateSource,
    /// Whether the template was synthesized from soda-gql's options-object path (its
    /// string values for enum-typed arguments become enum values while preparing).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub options_object: bool,
    /// The span of the `G.<label>(…)` call after unwrapping method chains: what the transform replaces.
    pub call_span: Span,
    /// The OPTIONS expression of the final call, when present (kept as runtime code).
    pub options_span: Option<Span>,
    /// The `metadata` option of the options-object path (`query("X")({ metadata, … })`),
    /// kept as run-time code like the OPTIONS expression.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_span: Option<Span>,
    /// The top-level binding name when the call is `const X = G.<label>(…)` at depth 1.
    pub top_level_binding: Option<String>,
}
