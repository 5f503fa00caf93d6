//! Reads the factory of a definition call (docs/reference/dsl.md §2): an inline arrow or function
//! expression with one parameter, an object pattern (`({ query, fragment: f })`) or an
//! identifier (`(b) => b.query(…)`), whose body is one expression or a block that only
//! returns one. soda-gql's helpers may come as a second object pattern (`({ query }, { $dir })`).

use oxc_ast::ast::{
    Argument, ArrowFunctionBody, BindingPattern, Expression, FormalParameters, FunctionBody,
    ObjectPattern, Statement,
};
use oxc_span::GetSpan;

use super::names::{object_key_segment, span_of, to_span};
use crate::diagnostic::{RawDiagnostic, Span};

/// How the factory's parameter gives access to the builders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FactoryParam<'a> {
    /// `({ query, fragment: f })`: local name → builder key.
    Pattern(Vec<(&'a str, &'a str)>),
    /// `(b) => …`: builders are `b.<key>`.
    Identifier(&'a str),
}

impl<'a> FactoryParam<'a> {
    /// The builder key bound to the local `name` by an object pattern.
    pub fn key_of_local(&self, name: &str) -> Option<&'a str> {
        match self {
            FactoryParam::Pattern(bindings) => bindings
                .iter()
                .find(|(local, _)| *local == name)
                .map(|(_, key)| *key),
            FactoryParam::Identifier(_) => None,
        }
    }

    /// Whether `expr` is the identifier parameter itself.
    pub fn is_param(&self, expr: &Expression<'_>) -> bool {
        matches!((self, expr), (FactoryParam::Identifier(param), Expression::Identifier(id)) if id.name.as_str() == *param)
    }
}

/// A factory in the supported shape.
pub struct Factory<'b, 'a> {
    /// The parameter.
    pub param: FactoryParam<'a>,
    /// The one expression the factory returns.
    pub body: &'b Expression<'a>,
}

/// Builds an `UNSUPPORTED_DEFINITION_FORM` error naming `form`.
pub fn unsupported(form: &str, span: Span) -> RawDiagnostic {
    RawDiagnostic::error(
        "UNSUPPORTED_DEFINITION_FORM",
        format!(
            "unsupported definition form: {form}. Only tagged templates such as \
             query(\"Name\")`{{ … }}`() are built statically; this definition is left untouched"
        ),
        span,
    )
}

/// Reads the single factory argument of a definition call.
pub fn read_factory<'b, 'a>(argument: &'b Argument<'a>) -> Result<Factory<'b, 'a>, RawDiagnostic> {
    let Some(expr) = argument.as_expression() else {
        return Err(unsupported("spread arguments", to_span(argument.span())));
    };
    let (params, body) = match expr.without_parentheses() {
        Expression::ArrowFunctionExpression(arrow) if !arrow.r#async => {
            (&arrow.params, Body::Arrow(&arrow.body))
        }
        Expression::FunctionExpression(func) if !func.r#async && !func.generator => {
            match &func.body {
                Some(body) => (&func.params, Body::Block(body)),
                None => return Err(not_a_factory(expr)),
            }
        }
        Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_) => {
            return Err(unsupported("an async or generator factory", span_of(expr)));
        }
        _ => return Err(not_a_factory(expr)),
    };
    let param = read_param(params)?;
    let body = match body {
        Body::Block(block) => returned_expression(block)?,
        Body::Arrow(ArrowFunctionBody::FunctionBody(block)) => returned_expression(block)?,
        Body::Arrow(arrow_body) => arrow_body
            .as_expression()
            .ok_or_else(|| not_a_factory(expr))?,
    };
    Ok(Factory { param, body })
}

enum Body<'b, 'a> {
    Arrow(&'b ArrowFunctionBody<'a>),
    Block(&'b FunctionBody<'a>),
}

fn not_a_factory(expr: &Expression<'_>) -> RawDiagnostic {
    unsupported(
        "a factory that is not an inline arrow or function expression",
        span_of(expr),
    )
}

fn read_param<'a>(params: &FormalParameters<'a>) -> Result<FactoryParam<'a>, RawDiagnostic> {
    let problem = || {
        unsupported(
            "a factory parameter that is not one object pattern or identifier",
            to_span(params.span),
        )
    };
    if params.items.is_empty() || params.items.len() > 2 || params.rest.is_some() {
        return Err(problem());
    }
    // soda-gql also passes its helpers (`$dir`, `$colocate`, `$var`) as a second
    // parameter, `({ query }, { $dir }) => …`: its bindings join the first pattern's.
    let helpers = match params.items.get(1).map(|p| &p.pattern) {
        None => Vec::new(),
        Some(BindingPattern::ObjectPattern(pattern)) => pattern_bindings(pattern),
        Some(_) => return Err(problem()),
    };
    match &params.items[0].pattern {
        BindingPattern::BindingIdentifier(id) if helpers.is_empty() => {
            Ok(FactoryParam::Identifier(id.name.as_str()))
        }
        BindingPattern::ObjectPattern(pattern) => {
            let mut bindings = pattern_bindings(pattern);
            bindings.extend(helpers);
            Ok(FactoryParam::Pattern(bindings))
        }
        _ => Err(problem()),
    }
}

/// `{ query, fragment: f }` → `[("query", "query"), ("f", "fragment")]` (local, key).
fn pattern_bindings<'a>(pattern: &ObjectPattern<'a>) -> Vec<(&'a str, &'a str)> {
    pattern
        .properties
        .iter()
        .filter(|property| !property.computed)
        .filter_map(|property| {
            Some((
                local_name(&property.value)?,
                object_key_segment(&property.key)?,
            ))
        })
        .collect()
}

/// The local name of a pattern property's value: `q` in `{ query: q }` or `{ query: q = x }`.
fn local_name<'a>(value: &BindingPattern<'a>) -> Option<&'a str> {
    match value {
        BindingPattern::BindingIdentifier(id) => Some(id.name.as_str()),
        BindingPattern::AssignmentPattern(assign) => local_name(&assign.left),
        _ => None,
    }
}

/// The expression of a block whose only statement is `return <expr>`.
fn returned_expression<'b, 'a>(
    block: &'b FunctionBody<'a>,
) -> Result<&'b Expression<'a>, RawDiagnostic> {
    if let [Statement::ReturnStatement(ret)] = block.statements.as_slice() {
        if let Some(argument) = &ret.argument {
            return Ok(argument);
        }
    }
    Err(unsupported(
        "a factory body with statements other than one `return <definition>`",
        to_span(block.span),
    ))
}
