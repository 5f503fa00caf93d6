//! Argument values of the options-object path as GraphQL value text: literals, arrays,
//! nested objects and `$.name` variable references. `undefined` leaves the argument (or
//! list item, or object field) out, as soda-gql does. Strings stay strings here; where the
//! schema types an argument as an enum, composition turns them into enum values.

use oxc_ast::ast::{
    ArrayExpressionElement, Expression, ObjectExpression, ObjectPropertyKind, UnaryOperator,
};

use super::{unsupported_near, Synth};
use crate::analysis::names::{object_key_segment, span_of, to_span};

const NEAREST_VALUE: &str =
    "a literal, an array or object literal, or a variable reference `$.name`";

impl Synth<'_, '_, '_> {
    /// Writes `(name: value, …)` for an object literal of arguments; nothing when every
    /// value is `undefined` or the object is empty.
    pub(super) fn arguments(&mut self, args: &ObjectExpression<'_>) {
        self.entries(args, ("(", ")"), false);
    }

    /// Writes the entries of `object` between `open` and `close` (always for an input
    /// object value; only when there is an entry for arguments).
    fn entries(
        &mut self,
        object: &ObjectExpression<'_>,
        (open, close): (&str, &str),
        always: bool,
    ) {
        let mut first = true;
        if always {
            self.emit(open, object.span.start);
        }
        for property in &object.properties {
            let ObjectPropertyKind::ObjectProperty(property) = property else {
                self.problem(unsupported_near(
                    "a spread `...x` among the arguments",
                    "the entries written out, `{ id: $.id }`",
                    to_span(object.span),
                ));
                continue;
            };
            let Some(name) = (!property.computed)
                .then(|| object_key_segment(&property.key))
                .flatten()
            else {
                self.problem(unsupported_near(
                    "a computed key",
                    "a plain key, `{ id: $.id }`",
                    to_span(property.span),
                ));
                continue;
            };
            if is_undefined(&property.value) {
                continue;
            }
            match (first, always) {
                (true, false) => self.emit(open, property.span.start),
                (true, true) => {}
                (false, _) => self.emit(", ", property.span.start),
            }
            first = false;
            self.emit(name, key_start(property));
            self.emit(": ", span_of(&property.value).start);
            self.value(&property.value);
        }
        if always || !first {
            self.emit(close, object.span.end.saturating_sub(1));
        }
    }

    /// Writes one value.
    pub(crate) fn value(&mut self, expr: &Expression<'_>) {
        self.nested(span_of(expr), |synth| synth.value_inner(expr));
    }

    fn value_inner(&mut self, expr: &Expression<'_>) {
        let span = span_of(expr);
        match expr.without_parentheses() {
            Expression::StringLiteral(lit) => {
                self.emit(&graphql_string(lit.value.as_str()), lit.span.start);
            }
            Expression::TemplateLiteral(t) if t.expressions.is_empty() => {
                let text = t.quasis[0].value.cooked.map(|c| c.as_str()).unwrap_or("");
                self.emit(&graphql_string(text), t.span.start);
            }
            Expression::NumericLiteral(num) => {
                self.emit(
                    &number_text(num.value, num.raw.map(|r| r.as_str())),
                    span.start,
                );
            }
            Expression::UnaryExpression(unary)
                if unary.operator == UnaryOperator::UnaryNegation =>
            {
                match unary.argument.without_parentheses() {
                    Expression::NumericLiteral(num) => {
                        self.emit(&number_text(-num.value, None), span.start);
                    }
                    _ => self.problem(unsupported_near("a computed value", NEAREST_VALUE, span)),
                }
            }
            Expression::BooleanLiteral(b) => {
                self.emit(if b.value { "true" } else { "false" }, span.start)
            }
            Expression::NullLiteral(_) => self.emit("null", span.start),
            Expression::ArrayExpression(array) => {
                self.emit("[", span.start);
                let mut first = true;
                for element in &array.elements {
                    let Some(item) = element_expression(element) else {
                        self.problem(unsupported_near(
                            "a spread or hole in a list value",
                            "the items written out, `[1, 2]`",
                            span,
                        ));
                        continue;
                    };
                    if is_undefined(item) {
                        continue;
                    }
                    if !first {
                        self.emit(", ", span_of(item).start);
                    }
                    first = false;
                    self.value(item);
                }
                self.emit("]", span.end.saturating_sub(1));
            }
            Expression::ObjectExpression(object) => self.entries(object, ("{", "}"), true),
            Expression::StaticMemberExpression(member) if self.is_dollar(&member.object) => {
                self.emit("$", span_of(&member.object).start);
                self.emit(member.property.name.as_str(), member.property.span.start);
            }
            Expression::Identifier(id) if id.name.as_str() == "undefined" => {}
            Expression::Identifier(_) => self.problem(unsupported_near(
                "a value held in a variable",
                NEAREST_VALUE,
                span,
            )),
            Expression::CallExpression(_) => self.problem(unsupported_near(
                "a helper call as a value",
                NEAREST_VALUE,
                span,
            )),
            _ => self.problem(unsupported_near("a computed value", NEAREST_VALUE, span)),
        }
    }

    /// Whether `expr` is a `$` in scope.
    fn is_dollar(&self, expr: &Expression<'_>) -> bool {
        matches!(expr.without_parentheses(), Expression::Identifier(id) if self.dollars.iter().any(|d| d == id.name.as_str()))
    }
}

/// Where a key's name starts: inside the quotes of a string key.
fn key_start(property: &oxc_ast::ast::ObjectProperty<'_>) -> u32 {
    use oxc_span::GetSpan;
    let start = property.key.span().start;
    match &property.key {
        oxc_ast::ast::PropertyKey::StringLiteral(_) => start + 1,
        _ => start,
    }
}

fn element_expression<'b, 'a>(
    element: &'b ArrayExpressionElement<'a>,
) -> Option<&'b Expression<'a>> {
    match element {
        ArrayExpressionElement::SpreadElement(_) | ArrayExpressionElement::Elision(_) => None,
        other => other.as_expression(),
    }
}

/// `undefined` (also `void 0`): soda-gql leaves the entry out.
pub(super) fn is_undefined(expr: &Expression<'_>) -> bool {
    match expr.without_parentheses() {
        Expression::Identifier(id) => id.name.as_str() == "undefined",
        Expression::UnaryExpression(unary) => unary.operator == UnaryOperator::Void,
        _ => false,
    }
}

/// A GraphQL string literal for `value` (JSON's escapes are GraphQL's).
fn graphql_string(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "\"\"".to_string())
}

/// A JS number as GraphQL writes it: an Int when it is an integer (as soda-gql decides with
/// `Number.isInteger`), else a Float. Decimal integer literals keep their digits.
fn number_text(value: f64, raw: Option<&str>) -> String {
    if let Some(raw) = raw.filter(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit())) {
        let digits = raw.trim_start_matches('0');
        return if digits.is_empty() { "0" } else { digits }.to_string();
    }
    if value.fract() == 0.0 && value.abs() < 1e21 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}
