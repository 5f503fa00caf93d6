//! The `variables` option: a template literal (or string) of GraphQL variable definitions,
//! `($id: ID!, $limit: Int = 10)`, copied into the template text with exact offsets.

use std::borrow::Cow;

use oxc_ast::ast::Expression;

use super::{unsupported_near, Synth};
use crate::analysis::names::{span_of, to_span};
use crate::analysis::template_reader::{normalise_line_breaks, push_quasi};

const NEAREST: &str =
    "a template literal of GraphQL variable definitions, ``variables: `($id: ID!)` ``";

impl Synth<'_, '_, '_> {
    /// Writes the variable definitions of the `variables` option.
    pub(super) fn variables(&mut self, value: &Expression<'_>) {
        match value.without_parentheses() {
            Expression::TemplateLiteral(template) if template.expressions.is_empty() => {
                let quasi = &template.quasis[0];
                let (start, end) = (quasi.span.start, quasi.span.end);
                let quasi_source = self.source.get(start as usize..end as usize).unwrap_or("");
                let (text, escapes) = match &quasi.value.cooked {
                    Some(cooked) => (Cow::Borrowed(cooked.as_str()), true),
                    None => (normalise_line_breaks(quasi.value.raw.as_str()), false),
                };
                push_quasi(&mut self.out, &text, quasi_source, start, escapes);
                self.emit(" ", end);
            }
            Expression::StringLiteral(literal) => {
                self.emit(literal.value.as_str(), literal.span.start + 1);
                self.emit(" ", literal.span.end);
            }
            Expression::TemplateLiteral(template) => self.problem(unsupported_near(
                "an interpolation in the `variables` template",
                NEAREST,
                to_span(template.span),
            )),
            other => self.problem(unsupported_near(
                "`variables` that is not a template literal (e.g. `$var(…)` builders)",
                NEAREST,
                span_of(other),
            )),
        }
    }
}
