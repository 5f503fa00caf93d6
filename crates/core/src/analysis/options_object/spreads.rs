//! Fragment spreads of the options-object path: `...frag.spread()` /
//! `...frag.spread({ v: $.x, w: true })` (the bindings are kept beside the placeholder and
//! substituted by composition), `$colocate({ label: frag.spread(…) })` (label-prefixed
//! response keys), and the same spread written as a template interpolation,
//! `${({ $ }) => frag.spread({ … })}`.

use oxc_ast::ast::{
    Argument, ArrowFunctionBody, BindingPattern, CallExpression, Expression, ObjectPropertyKind,
};

use super::{unsupported_near, Synth};
use crate::analysis::factory::FactoryParam;
use crate::analysis::names::{object_key_segment, span_of, to_span};
use crate::analysis::template_reader::member_path;
use crate::graphql::template_source::Interpolation;

const NEAREST_BINDINGS: &str =
    "`fragment.spread({ name: $.variable })` or `fragment.spread({ name: true })`";

impl Synth<'_, '_, '_> {
    /// Writes `...frag.spread(…)` when `call` is one; `false` when it is not a spread call.
    pub(super) fn spread(&mut self, call: &CallExpression<'_>) -> bool {
        self.spread_with_label(call, None)
    }

    fn spread_with_label(&mut self, call: &CallExpression<'_>, label: Option<&str>) -> bool {
        let Expression::StaticMemberExpression(member) = call.callee.without_parentheses() else {
            return false;
        };
        if member.property.name.as_str() != "spread" || member.optional {
            return false;
        }
        let Some(path) = member_path(&member.object) else {
            self.problem(unsupported_near(
                "a spread of a fragment that is not named by an identifier or member path",
                "`fragment.spread(…)` or `ns.fragment.spread(…)`",
                span_of(&member.object),
            ));
            return true;
        };
        let Some(bindings) = self.bindings(call) else {
            return true;
        };
        let span = span_of(&member.object);
        self.emit("...", call.span.start);
        let text_offset = self.out.text.len() as u32;
        let text_len = (call.span.end - call.span.start).max(1);
        self.emit(&"_".repeat(text_len as usize), call.span.start);
        self.emit(" ", call.span.end.saturating_sub(1));
        self.out.interpolations.push(Interpolation {
            text_offset,
            text_len,
            path: Some(path),
            span,
            bindings: Some(bindings),
            colocate_label: label.map(str::to_string),
        });
        true
    }

    /// The bindings text `(v: $x, …)` of a `.spread(…)` call (`()` without an argument).
    fn bindings(&mut self, call: &CallExpression<'_>) -> Option<String> {
        match call.arguments.as_slice() {
            [] => Some("()".to_string()),
            [Argument::ObjectExpression(object)] => {
                let before = self.problems.len();
                let text = self.detached(|synth| synth.arguments(object));
                (self.problems.len() == before).then(|| {
                    if text.is_empty() {
                        "()".to_string()
                    } else {
                        text
                    }
                })
            }
            _ => {
                self.problem(unsupported_near(
                    "spread bindings that are not one object literal",
                    NEAREST_BINDINGS,
                    to_span(call.span),
                ));
                None
            }
        }
    }

    /// `$colocate({ label: frag.spread(…), … })`.
    pub(super) fn colocate(&mut self, call: &CallExpression<'_>) {
        let [Argument::ObjectExpression(entries)] = call.arguments.as_slice() else {
            self.problem(unsupported_near(
                "`$colocate` without one object literal",
                "`$colocate({ label: fragment.spread({ … }) })`",
                to_span(call.span),
            ));
            return;
        };
        for property in &entries.properties {
            let entry = match property {
                ObjectPropertyKind::ObjectProperty(p) if !p.computed => {
                    object_key_segment(&p.key).map(|label| (label, &p.value))
                }
                _ => None,
            };
            let Some((label, value)) = entry else {
                self.problem(unsupported_near(
                    "a `$colocate` entry that is not `label: fragment.spread(…)`",
                    "`$colocate({ label: fragment.spread({ … }) })`",
                    to_span(entries.span),
                ));
                continue;
            };
            let done = match value.without_parentheses() {
                Expression::CallExpression(spread) => self.spread_with_label(spread, Some(label)),
                _ => false,
            };
            if !done {
                self.problem(unsupported_near(
                    "a `$colocate` value that is not a fragment spread",
                    "`label: fragment.spread({ … })`",
                    span_of(value),
                ));
            }
        }
    }
}

/// `${({ $ }) => frag.spread({ v: $.x })}` in a tagged template: the fragment's member path
/// and the bindings text, or `None` when `expr` is not that form.
pub fn read_arrow_spread(source: &str, expr: &Expression<'_>) -> Option<(Vec<String>, String)> {
    let Expression::ArrowFunctionExpression(arrow) = expr.without_parentheses() else {
        return None;
    };
    let dollar =
        match arrow.params.items.as_slice() {
            [] => None,
            [param] => match &param.pattern {
                BindingPattern::ObjectPattern(pattern) => pattern.properties.iter().find_map(|p| {
                    match (object_key_segment(&p.key), &p.value) {
                        (Some("$"), BindingPattern::BindingIdentifier(id)) => {
                            Some(id.name.as_str().to_string())
                        }
                        _ => None,
                    }
                }),
                _ => return None,
            },
            _ => return None,
        };
    let body = match &arrow.body {
        ArrowFunctionBody::FunctionBody(_) => return None,
        other => other.as_expression()?,
    };
    let Expression::CallExpression(call) = body.without_parentheses() else {
        return None;
    };
    let param = FactoryParam::Pattern(Vec::new());
    let mut synth = Synth::new(source, &param);
    synth.dollars.extend(dollar);
    if !synth.spread(call) || !synth.problems.is_empty() {
        return None;
    }
    let interpolation = synth.out.interpolations.pop()?;
    Some((interpolation.path?, interpolation.bindings?))
}
