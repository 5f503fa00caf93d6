//! Turns a definition's template literal into GraphQL text (docs/reference/dsl.md §4): the cooked quasis
//! with each `${expr}` replaced by `_` repeated to the byte length of the `${…}`, so a
//! GraphQL parser reads a placeholder name where a selection stands, and every text offset
//! maps back into the file.

use std::borrow::Cow;

use oxc_ast::ast::{Expression, TemplateLiteral};
use oxc_span::GetSpan;

use super::cooked_alignment::align;
use super::names::to_span;
use super::options_object::read_arrow_spread;
use crate::graphql::template_source::{Interpolation, TemplateSource};

/// Builds the [`TemplateSource`] of a template literal found in `source`.
pub fn build_template_source(source: &str, template: &TemplateLiteral<'_>) -> TemplateSource {
    let mut out = TemplateSource::default();
    for (index, quasi) in template.quasis.iter().enumerate() {
        let (start, end) = (quasi.span.start, quasi.span.end);
        let quasi_source = source.get(start as usize..end as usize).unwrap_or("");
        let (text, escapes) = match &quasi.value.cooked {
            Some(cooked) => (Cow::Borrowed(cooked.as_str()), true),
            // An invalid escape leaves no cooked value: the raw text is the best we have.
            None => (normalise_line_breaks(quasi.value.raw.as_str()), false),
        };
        push_quasi(&mut out, &text, quasi_source, start, escapes);
        if let Some(expr) = template.expressions.get(index) {
            let close = template
                .quasis
                .get(index + 1)
                .map_or(expr.span().end + 1, |next| next.span.start);
            push_placeholder(&mut out, source, expr, end, close);
        }
    }
    out
}

/// Appends one quasi's text with offset segments: exact everywhere when the text lines up
/// with the source (always, unless the cooked value is unusual), exact at the quasi start
/// otherwise.
pub(crate) fn push_quasi(
    out: &mut TemplateSource,
    text: &str,
    quasi_source: &str,
    source_start: u32,
    escapes: bool,
) {
    let text_start = out.text.len() as u32;
    if text == quasi_source {
        out.offset_map.push((text_start, source_start));
    } else {
        match align(text, quasi_source, escapes) {
            Some(segments) => {
                let shifted = segments
                    .into_iter()
                    .map(|(t, s)| (text_start + t, source_start + s));
                out.offset_map.extend(shifted);
            }
            None => out.offset_map.push((text_start, source_start)),
        }
    }
    out.text.push_str(text);
}

/// Appends the placeholder of the `${…}` spanning `dollar..close_end` in the source.
fn push_placeholder(
    out: &mut TemplateSource,
    source: &str,
    expr: &Expression<'_>,
    dollar: u32,
    close_end: u32,
) {
    let text_offset = out.text.len() as u32;
    let text_len = close_end.saturating_sub(dollar);
    out.offset_map.push((text_offset, dollar));
    out.text.extend(std::iter::repeat_n('_', text_len as usize));
    // `${({ $ }) => frag.spread({ … })}` binds the fragment's variables, as the
    // options-object path's `...frag.spread({ … })` does.
    let (path, bindings) = match read_arrow_spread(source, expr) {
        Some((path, bindings)) => (Some(path), Some(bindings)),
        None => (member_path(expr), None),
    };
    out.interpolations.push(Interpolation {
        text_offset,
        text_len,
        path,
        span: to_span(expr.span()),
        bindings,
        colocate_label: None,
    });
}

/// A template's raw value has CR and CRLF turned into LF (ECMAScript's TRV); oxc does not
/// always do that when the cooked value is missing, so it is done here.
pub(crate) fn normalise_line_breaks(raw: &str) -> Cow<'_, str> {
    if raw.contains('\r') {
        Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(raw)
    }
}

/// `frag` → `["frag"]`, `ns.frag` → `["ns", "frag"]`; `None` for anything else (calls,
/// computed or optional members, parenthesised expressions, …).
pub fn member_path(expr: &Expression<'_>) -> Option<Vec<String>> {
    let mut reversed = Vec::new();
    let mut current = expr;
    loop {
        match current {
            Expression::Identifier(id) => {
                reversed.push(id.name.as_str().to_string());
                reversed.reverse();
                return Some(reversed);
            }
            Expression::StaticMemberExpression(member) if !member.optional => {
                reversed.push(member.property.name.as_str().to_string());
                current = &member.object;
            }
            _ => return None,
        }
    }
}
