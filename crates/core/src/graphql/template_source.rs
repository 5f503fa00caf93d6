//! A definition's template as GraphQL text: the cooked quasis with each `${expr}` replaced
//! by a placeholder of the same byte length, plus the map from text offsets back to the
//! source file. Analysis builds it; template parsing and composition read it.

use serde::{Deserialize, Serialize};

use crate::diagnostic::Span;

/// A template, turned into GraphQL text that a GraphQL parser can read: each
/// interpolation `${expr}` is replaced by a placeholder name of exactly the same byte
/// length (`_` repeated), so offsets in `text` map back to the file simply.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TemplateSource {
    /// The template's cooked text with placeholders.
    pub text: String,
    /// Interpolations in source order.
    pub interpolations: Vec<Interpolation>,
    /// Segments `(text_offset, source_offset)`, sorted by `text_offset`: a text offset `t`
    /// maps to `source_offset + (t - text_offset)` of the last segment at or before `t`.
    pub offset_map: Vec<(u32, u32)>,
}

impl TemplateSource {
    /// Maps a byte offset in `text` to a byte offset in the source file.
    pub fn to_source_offset(&self, text_offset: u32) -> u32 {
        let i = self.offset_map.partition_point(|&(t, _)| t <= text_offset);
        match i.checked_sub(1).and_then(|i| self.offset_map.get(i)) {
            Some(&(t, s)) => s + (text_offset - t),
            None => text_offset,
        }
    }
}

/// One `${ref}` in a template (or one `frag.spread(…)` of the options-object path).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interpolation {
    /// Byte offset of the placeholder in `TemplateSource::text`.
    pub text_offset: u32,
    /// Placeholder length (equal to the `${…}` length in the source).
    pub text_len: u32,
    /// The reference as a member path: `ns.frag` → `["ns", "frag"]`. `None` when the
    /// expression is not an identifier or a non-computed member path (reported by the
    /// builder as `INVALID_INTERPOLATION`).
    pub path: Option<Vec<String>>,
    /// The expression's span in the source file.
    pub span: Span,
    /// For `frag.spread({ v: $.x, w: true })` (options-object path, or
    /// `${({ $ }) => frag.spread({…})}` in a template): the bindings of the fragment's
    /// variables as GraphQL arguments text, `(v: $x, w: true)`; `()` for `.spread()`.
    /// Composition substitutes them while inlining (compose/spread_bindings.rs); variables
    /// left unbound are omitted, as soda-gql omits `undefined` values. `None` for a plain
    /// `${frag}`, whose variables merge into the element's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bindings: Option<String>,
    /// For an entry `label: frag.spread(…)` of `$colocate({ … })`: the label, which
    /// prefixes the response key of each top-level field of the fragment (`label_key`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colocate_label: Option<String>,
}
