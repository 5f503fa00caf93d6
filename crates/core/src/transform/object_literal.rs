//! The object an element becomes in transformed code (docs/reference/api.md §3): a single-line plain
//! object literal, so the lines of the file around it do not move.

use crate::artifact::element::{Element, Prebuild};

/// soda-gql's element members besides the data (docs/reference/soda-compat §2), added
/// as non-enumerable properties (so spreading, comparing or cloning an element sees its
/// data only) to every object the transform writes; `lib/element-surface.cjs` adds the
/// same to the objects of `fizz-gql/runtime`:
/// - `metadata`: `options.metadata` when it is a value; a callback is called once, on the
///   first read, with what soda-gql passes it (`$` variable references, `document`, the
///   `$var` reference tools and `fragmentMetadata`: the metadata of every fragment spread,
///   nested ones included, in spread order, as soda-gql's default adapter aggregates it),
///   and the result kept. The spread fragments come from `uses`, a function returning the
///   element's interpolated fragments (called lazily, so declaration order does not matter).
/// - `attach(attachment | attachments[])`: for each `{ name, createValue }`, a
///   non-enumerable member `name` holding `createValue(element)` (created on first read, as
///   soda-gql's); returns the element.
/// - `$infer`: type-only, throws when read (as soda-gql's does).
///
/// It is a function expression applied to the object literal, on one line.
pub const ELEMENT_SURFACE: &str = "((e, uses) => Object.defineProperties(e, { [Symbol.for(\"gql-element.uses\")]: { value: uses || (() => []) }, metadata: { configurable: true, get() { const m = this.options == null ? undefined : this.options.metadata; const $ = Object.fromEntries((this.variableNames || []).map((n) => [n, { kind: \"variable\", name: n }])); const $var = { getName: (r) => r && r.name, getValue: (r) => r && r.value, getInner: (r) => r }; const used = (x) => (x && x[Symbol.for(\"gql-element.uses\")] ? x[Symbol.for(\"gql-element.uses\")]() : []).flatMap((f) => [f == null ? undefined : f.metadata, ...used(f)]); const v = typeof m === \"function\" ? m({ $, document: this.document, $var, fragmentMetadata: used(this) }) : m; Object.defineProperty(this, \"metadata\", { value: v, configurable: true }); return v; } }, attach: { configurable: true, writable: true, value(a) { for (const x of [].concat(a)) { let made = false, value; Object.defineProperty(this, x.name, { get: () => (made ? value : ((made = true), (value = x.createValue(this)))), configurable: true }); } return this; } }, $infer: { configurable: true, get() { throw new Error(\"This property is only for type meta. Do not access this property directly.\"); } } }))";

/// The name of the per-file helper that applies [`ELEMENT_SURFACE`]: where the transform
/// removes the composer import, it writes [`helper_declaration`] in its place (a hoisted
/// function declaration, so every definition of the file can call it, in any order), and
/// each object calls the helper instead of repeating the surface's code.
pub const ELEMENT_HELPER: &str = "__fizzGqlElement";

/// The helper's declaration, on one line.
pub fn helper_declaration() -> String {
    format!("function {ELEMENT_HELPER}(e, uses) {{ return {ELEMENT_SURFACE}(e, uses); }}")
}

/// JS source of the object for `element`; `options` is the OPTIONS expression as written
/// (for the options-object path, with its `metadata` option folded in); `uses` the source
/// text of the fragments it spreads, in order (`["frag", "ns.other"]`).
/// `surface` is what applies the element surface: [`ELEMENT_SURFACE`] itself, or
/// [`ELEMENT_HELPER`] when the file declares the helper.
pub fn object_literal(
    element: &Element,
    options: Option<&str>,
    uses: &[String],
    surface: &str,
) -> String {
    let uses = match uses {
        [] => String::new(),
        uses => format!(", () => [{}]", uses.join(", ")),
    };
    let options = options.unwrap_or("undefined");
    let names = |names: &[String]| {
        format!(
            "[{}]",
            names
                .iter()
                .map(|n| js_string(n))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    match &element.prebuild {
        Prebuild::Operation(op) => format!(
            "{surface}({{ kind: \"operation\", operationType: {}, operationName: {}, schemaLabel: {}, document: JSON.parse({}), text: {}, variableNames: {}, hash: {}, options: {options} }}{uses})",
            js_string(&op.operation_type),
            js_string(&op.operation_name),
            js_string(&op.schema_label),
            js_string(op.document.get()),
            js_string(&element.text),
            names(&op.variable_names),
            js_string(element.hash.as_deref().unwrap_or_default()),
        ),
        Prebuild::Fragment(f) => format!(
            "{surface}({{ kind: \"fragment\", key: {}, typename: {}, schemaLabel: {}, text: {}, variableNames: {}, options: {options} }}{uses})",
            js_string(&f.key),
            js_string(&f.typename),
            js_string(&f.schema_label),
            js_string(&element.text),
            names(element.variable_names.as_deref().unwrap_or_default()),
        ),
    }
}

/// The element's data as JSON (everything but `options`), for the runtime.
pub fn object_json(element: &Element) -> serde_json::Value {
    match &element.prebuild {
        Prebuild::Operation(op) => serde_json::json!({
            "kind": "operation", "operationType": op.operation_type, "operationName": op.operation_name,
            "schemaLabel": op.schema_label, "document": serde_json::from_str::<serde_json::Value>(op.document.get()).unwrap_or_default(), "text": element.text,
            "variableNames": op.variable_names, "hash": element.hash,
        }),
        Prebuild::Fragment(f) => serde_json::json!({
            "kind": "fragment", "key": f.key, "typename": f.typename, "schemaLabel": f.schema_label,
            "text": element.text, "variableNames": element.variable_names.clone().unwrap_or_default(),
        }),
    }
}

/// A JS string literal: JSON's, with the two line terminators JSON allows but old JS did not.
pub fn js_string(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_default()
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}
