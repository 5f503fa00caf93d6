//! Field selections of the options-object path: the `fields` callback and the
//! sub-selection callbacks, whose bodies are object literals of spread entries
//! `...f("name", ARGS?, { alias?, directives? })()` (a leaf) or `(…)(callback)` (a
//! sub-selection) or `(…)({ Member: callback, __typename: true })` (union and interface
//! members), fragment spreads and `$colocate`.

use oxc_ast::ast::{
    Argument, ArrowFunctionBody, BindingPattern, CallExpression, Expression, FormalParameters,
    FunctionBody, ObjectExpression, ObjectPropertyKind, Statement,
};

use super::argument_values::is_undefined;
use super::{unsupported_near, Synth};
use crate::analysis::names::{object_key_segment, span_of, to_span};
use crate::diagnostic::Span;

const NEAREST_ENTRY: &str = "an entry `...f(\"field\", ARGS, { alias, directives })()`, \
     `...f(\"field\")(({ f }) => ({ … }))` or `...fragment.spread({ … })`";
const NEAREST_SELECTION: &str =
    "a callback returning an object literal, `({ f }) => ({ ...f(\"id\")() })`";

/// A callback's parameter names: the field builder `f` and the variables `$`.
struct CallbackParams {
    f: Option<String>,
    dollar: Option<String>,
}

impl Synth<'_, '_, '_> {
    /// The `fields` option: a callback whose body is the element's selection set.
    pub(super) fn fields_option(&mut self, value: &Expression<'_>) {
        self.selection_callback(value, true);
    }

    /// Writes `{ … }` for a callback `({ f, $ }) => ({ … })`.
    fn selection_callback(&mut self, value: &Expression<'_>, allow_colocate: bool) {
        let span = span_of(value);
        self.nested(span, |synth| {
            synth.selection_callback_inner(value, allow_colocate)
        });
    }

    fn selection_callback_inner(&mut self, value: &Expression<'_>, allow_colocate: bool) {
        let span = span_of(value);
        let Some((params, body)) = callback_parts(value) else {
            self.problem(unsupported_near(
                "a selection that is not an inline callback",
                NEAREST_SELECTION,
                span,
            ));
            return;
        };
        let params = match read_params(params) {
            Ok(params) => params,
            Err(at) => {
                self.problem(unsupported_near(
                    "a callback parameter other than `{ f, $ }` (renaming allowed: `{ f: t }`)",
                    NEAREST_SELECTION,
                    at,
                ));
                return;
            }
        };
        let Some(body) = body else {
            self.problem(unsupported_near(
                "a callback body with statements other than one `return { … }`",
                NEAREST_SELECTION,
                span,
            ));
            return;
        };
        let pushed_f = params.f.is_some();
        let pushed_dollar = params.dollar.is_some();
        self.field_builders.extend(params.f);
        self.dollars.extend(params.dollar);
        self.selection_body(body, allow_colocate);
        if pushed_f {
            self.field_builders.pop();
        }
        if pushed_dollar {
            self.dollars.pop();
        }
    }

    /// The body of a selection callback: `({ …entries })` or `$colocate({ … })`.
    fn selection_body(&mut self, body: &Expression<'_>, allow_colocate: bool) {
        let span = span_of(body);
        match body.without_parentheses() {
            Expression::ObjectExpression(object) => {
                self.emit("{ ", object.span.start);
                self.entries_of(object);
                self.emit("}", object.span.end.saturating_sub(1));
            }
            // `() => frag.spread(…)`: the callback returns the fragment's fields.
            Expression::CallExpression(call) if is_spread_call(call) => {
                self.emit("{ ", call.span.start);
                self.spread(call);
                self.emit("}", call.span.end.saturating_sub(1));
            }
            Expression::CallExpression(call) if self.is_helper(&call.callee, "$colocate") => {
                if !allow_colocate {
                    self.problem(unsupported_near(
                        "`$colocate` inside a sub-selection",
                        "`fields: ({ $ }) => $colocate({ … })` at the top of an operation",
                        span,
                    ));
                    return;
                }
                self.emit("{ ", call.span.start);
                self.colocate(call);
                self.emit("}", call.span.end.saturating_sub(1));
            }
            _ => self.problem(unsupported_near(
                "a field selection held in a variable or built by a helper call",
                "an object literal of entries, `({ ...f(\"id\")() })`",
                span,
            )),
        }
    }

    fn entries_of(&mut self, object: &ObjectExpression<'_>) {
        for property in &object.properties {
            match property {
                ObjectPropertyKind::SpreadProperty(spread) => self.entry(&spread.argument),
                ObjectPropertyKind::ObjectProperty(property) => {
                    let key = (!property.computed)
                        .then(|| object_key_segment(&property.key))
                        .flatten();
                    match (key, property.value.without_parentheses()) {
                        // soda-gql's shorthand for a leaf field: `id: true`.
                        (Some(name), Expression::BooleanLiteral(b)) if b.value => {
                            self.emit(name, key_offset(property));
                            self.emit(" ", property.span.end.saturating_sub(1));
                        }
                        _ => self.problem(unsupported_near(
                            "a keyed entry in a field selection other than the shorthand `field: true`",
                            NEAREST_ENTRY,
                            to_span(property.span),
                        )),
                    }
                }
            }
        }
    }

    /// One `...entry` of a selection object.
    fn entry(&mut self, expr: &Expression<'_>) {
        let span = span_of(expr);
        let Expression::CallExpression(call) = expr.without_parentheses() else {
            self.problem(unsupported_near(
                "a spread of something other than a field call or a fragment spread",
                NEAREST_ENTRY,
                span,
            ));
            return;
        };
        if let Expression::CallExpression(field_call) = call.callee.without_parentheses() {
            if self.is_field_builder(&field_call.callee) {
                self.field(field_call, call);
                return;
            }
        }
        if self.is_field_builder(&call.callee) {
            self.problem(unsupported_near(
                "a field call without its selection call",
                "`f(\"field\")()` for a leaf, `f(\"field\")(({ f }) => ({ … }))` for an object",
                span,
            ));
            return;
        }
        if self.is_helper(&call.callee, "$colocate") {
            self.colocate(call);
            return;
        }
        if !self.spread(call) {
            self.problem(unsupported_near(
                "a helper call in a field selection",
                NEAREST_ENTRY,
                span,
            ));
        }
    }

    fn is_field_builder(&self, callee: &Expression<'_>) -> bool {
        matches!(callee.without_parentheses(), Expression::Identifier(id) if self.field_builders.last().is_some_and(|f| f == id.name.as_str()))
    }

    /// `f("name", ARGS, EXTRA)` then `()` / `(callback)` / `({ Member: callback })`.
    fn field(&mut self, field_call: &CallExpression<'_>, selection: &CallExpression<'_>) {
        let args = &field_call.arguments;
        let Some(Argument::StringLiteral(name)) = args.first() else {
            let at = args.first().map_or(to_span(field_call.span), argument_span);
            self.problem(unsupported_near(
                "a field name that is not a string literal",
                "`f(\"field\")`",
                at,
            ));
            return;
        };
        if args.len() > 3 || args.iter().any(Argument::is_spread) {
            self.problem(unsupported_near(
                "a field call with more than three arguments or a spread argument",
                "`f(\"field\", ARGS, { alias, directives })`",
                to_span(field_call.span),
            ));
            return;
        }
        let extra = args.get(2).and_then(Argument::as_expression);
        let (alias, directives) = match extra.map(Expression::without_parentheses) {
            None => (None, None),
            Some(e) if is_nullish(e) => (None, None),
            Some(Expression::ObjectExpression(extra)) => self.read_extra(extra),
            Some(other) => {
                self.problem(unsupported_near(
                    "field options that are not an object literal",
                    "`{ alias: \"name\", directives: [$dir.skip({ if: $.x })] }`",
                    span_of(other),
                ));
                return;
            }
        };
        if let Some((alias, at)) = alias {
            self.emit(alias, at);
            self.emit(": ", at);
        }
        self.emit(name.value.as_str(), name.span.start + 1);
        match args
            .get(1)
            .and_then(Argument::as_expression)
            .map(Expression::without_parentheses)
        {
            None => {}
            Some(e) if is_nullish(e) => {}
            Some(Expression::ObjectExpression(object)) => self.arguments(object),
            Some(other) => self.problem(unsupported_near(
                "field arguments that are not an object literal",
                "`f(\"field\", { id: $.id })` or `f(\"field\", null)`",
                span_of(other),
            )),
        }
        if let Some(directives) = directives {
            self.directives(directives);
        }
        self.emit(" ", selection.span.end.saturating_sub(1));
        match selection.arguments.as_slice() {
            [] => {}
            [Argument::ObjectExpression(members)] => self.members(members),
            [argument] if argument.as_expression().is_some() => {
                let callback = argument.as_expression().expect("checked");
                self.selection_callback(callback, false);
                self.emit(" ", selection.span.end.saturating_sub(1));
            }
            _ => self.problem(unsupported_near(
                "a selection call with more than one argument",
                "`()` for a leaf or `(({ f }) => ({ … }))`",
                to_span(selection.span),
            )),
        }
    }

    /// `{ alias, directives }` of a field call: the alias text with its offset, and the
    /// directive list.
    #[allow(clippy::type_complexity)]
    fn read_extra<'b, 'c>(
        &mut self,
        extra: &'b ObjectExpression<'c>,
    ) -> (Option<(&'b str, u32)>, Option<&'b Expression<'c>>) {
        let (mut alias, mut directives) = (None, None);
        for property in &extra.properties {
            let ObjectPropertyKind::ObjectProperty(property) = property else {
                continue;
            };
            let key = (!property.computed)
                .then(|| object_key_segment(&property.key))
                .flatten();
            match (key, property.value.without_parentheses()) {
                (Some("alias"), Expression::StringLiteral(lit)) => {
                    alias = Some((lit.value.as_str(), lit.span.start + 1));
                }
                (Some("directives"), value) => directives = Some(value),
                (Some("alias"), value) if is_undefined(value) => {}
                _ => self.problem(unsupported_near(
                    "a field option other than a literal `alias` or `directives`",
                    "`{ alias: \"name\", directives: [$dir.skip({ if: $.x })] }`",
                    to_span(property.span),
                )),
            }
        }
        (alias, directives)
    }

    /// `[$dir.name({ … }), …]` → ` @name(…) …`.
    fn directives(&mut self, list: &Expression<'_>) {
        let Expression::ArrayExpression(array) = list else {
            self.problem(unsupported_near(
                "directives that are not an array literal",
                "`directives: [$dir.skip({ if: $.x })]`",
                span_of(list),
            ));
            return;
        };
        for element in &array.elements {
            let Some(Expression::CallExpression(call)) =
                element.as_expression().map(Expression::without_parentheses)
            else {
                self.problem(unsupported_near(
                    "a directive that is not a `$dir` call",
                    "`$dir.include({ if: $.x })`",
                    to_span(array.span),
                ));
                continue;
            };
            let Expression::StaticMemberExpression(member) = call.callee.without_parentheses()
            else {
                self.problem(unsupported_near(
                    "a directive that is not a `$dir` call",
                    "`$dir.include({ if: $.x })`",
                    to_span(call.span),
                ));
                continue;
            };
            if !self.is_helper(&member.object, "$dir") {
                self.problem(unsupported_near(
                    "a directive that is not a `$dir` call",
                    "`$dir.include({ if: $.x })`",
                    to_span(call.span),
                ));
                continue;
            }
            self.emit(" @", call.span.start);
            self.emit(member.property.name.as_str(), member.property.span.start);
            match call.arguments.as_slice() {
                [] => {}
                [Argument::ObjectExpression(args)] => self.arguments(args),
                _ => self.problem(unsupported_near(
                    "directive arguments that are not one object literal",
                    "`$dir.skip({ if: $.x })`",
                    to_span(call.span),
                )),
            }
        }
    }

    /// Union and interface members: `{ Article: ({ f }) => ({ … }), __typename: true }`.
    fn members(&mut self, members: &ObjectExpression<'_>) {
        self.emit("{ ", members.span.start);
        for property in &members.properties {
            let ObjectPropertyKind::ObjectProperty(property) = property else {
                self.problem(unsupported_near(
                    "a spread among union members",
                    "`{ Member: ({ f }) => ({ … }) }`",
                    to_span(members.span),
                ));
                continue;
            };
            let key = (!property.computed)
                .then(|| object_key_segment(&property.key))
                .flatten();
            match (key, property.value.without_parentheses()) {
                (Some("__typename"), Expression::BooleanLiteral(b)) if b.value => {
                    self.emit("__typename ", property.span.start);
                }
                (Some(member), _) => {
                    self.emit("... on ", property.span.start);
                    self.emit(member, property.span.start);
                    self.emit(" ", property.span.start);
                    self.selection_callback(&property.value, false);
                    self.emit(" ", property.span.end.saturating_sub(1));
                }
                (None, _) => self.problem(unsupported_near(
                    "a computed union member key",
                    "`{ Member: ({ f }) => ({ … }) }`",
                    to_span(property.span),
                )),
            }
        }
        self.emit("}", members.span.end.saturating_sub(1));
    }
}

/// `x.spread(…)`.
fn is_spread_call(call: &CallExpression<'_>) -> bool {
    matches!(call.callee.without_parentheses(), Expression::StaticMemberExpression(m) if m.property.name.as_str() == "spread")
}

/// Where a key's name starts: inside the quotes of a string key.
fn key_offset(property: &oxc_ast::ast::ObjectProperty<'_>) -> u32 {
    use oxc_span::GetSpan;
    let start = property.key.span().start;
    match &property.key {
        oxc_ast::ast::PropertyKey::StringLiteral(_) => start + 1,
        _ => start,
    }
}

fn is_nullish(expr: &Expression<'_>) -> bool {
    matches!(expr, Expression::NullLiteral(_)) || is_undefined(expr)
}

fn argument_span(argument: &Argument<'_>) -> Span {
    use oxc_span::GetSpan;
    to_span(argument.span())
}

/// The parameters and the returned expression of an inline callback (`None` body when a
/// block holds anything but one `return`).
fn callback_parts<'b, 'a>(
    expr: &'b Expression<'a>,
) -> Option<(&'b FormalParameters<'a>, Option<&'b Expression<'a>>)> {
    match expr.without_parentheses() {
        Expression::ArrowFunctionExpression(arrow) if !arrow.r#async => {
            let body = match &arrow.body {
                ArrowFunctionBody::FunctionBody(block) => returned(block),
                other => other.as_expression(),
            };
            Some((&arrow.params, body))
        }
        Expression::FunctionExpression(func) if !func.r#async && !func.generator => {
            Some((&func.params, func.body.as_ref().and_then(|b| returned(b))))
        }
        _ => None,
    }
}

fn returned<'b, 'a>(body: &'b FunctionBody<'a>) -> Option<&'b Expression<'a>> {
    match body.statements.as_slice() {
        [Statement::ReturnStatement(ret)] => ret.argument.as_ref(),
        _ => None,
    }
}

/// `()`, `({ f })`, `({ f: t, $ })`, `({ $: v })`: the names, or the span of what else was found.
fn read_params(params: &FormalParameters<'_>) -> Result<CallbackParams, Span> {
    let mut out = CallbackParams {
        f: None,
        dollar: None,
    };
    match params.items.as_slice() {
        [] if params.rest.is_none() => Ok(out),
        [param] if params.rest.is_none() => match &param.pattern {
            BindingPattern::ObjectPattern(pattern) if pattern.rest.is_none() => {
                for property in &pattern.properties {
                    let key = (!property.computed)
                        .then(|| object_key_segment(&property.key))
                        .flatten();
                    let BindingPattern::BindingIdentifier(local) = &property.value else {
                        return Err(to_span(property.span));
                    };
                    let local = local.name.as_str().to_string();
                    match key {
                        Some("f") => out.f = Some(local),
                        Some("$") => out.dollar = Some(local),
                        _ => return Err(to_span(property.span)),
                    }
                }
                Ok(out)
            }
            _ => Err(to_span(params.span)),
        },
        _ => Err(to_span(params.span)),
    }
}
