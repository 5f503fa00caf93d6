//! Recognises a call on the composer (`G.<label>(…)`, also malformed ones such as
//! `G[x](…)` or `G?.label(…)`) and unwraps the method chains around it
//! (`G.label(…).attach(…)`, `G.label(…)!`, parentheses, `as` / `satisfies`).

use oxc_ast::ast::{CallExpression, ChainElement, Expression};

use super::composer_imports::ComposerRefs;
use super::names::to_span;
use crate::diagnostic::Span;

/// How the composer call names its schema label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComposerCallee<'a> {
    /// `G.<label>`: the label and its span.
    Label {
        /// The label as written (`default`, `admin`, …).
        name: &'a str,
        /// The span of the label identifier.
        span: Span,
    },
    /// `G[expr]`: a computed callee, which is never built.
    Computed,
}

/// A call whose callee is a member of the composer binding.
#[derive(Clone, Copy, Debug)]
pub struct ComposerCall<'b, 'a> {
    /// The call itself: its span is what the transform replaces.
    pub call: &'b CallExpression<'a>,
    /// The label part of the callee.
    pub callee: ComposerCallee<'a>,
    /// Whether optional chaining appears on the callee or the call (`G?.x(…)`, `G.x?.(…)`).
    pub optional: bool,
}

/// The composer call that `call` is, if its callee is a member of the composer.
pub fn as_composer_call<'b, 'a>(
    call: &'b CallExpression<'a>,
    refs: &ComposerRefs,
) -> Option<ComposerCall<'b, 'a>> {
    let (object, callee, member_optional) = match &call.callee {
        Expression::StaticMemberExpression(member) => {
            let label = ComposerCallee::Label {
                name: member.property.name.as_str(),
                span: to_span(member.property.span),
            };
            (&member.object, label, member.optional)
        }
        Expression::ComputedMemberExpression(member) => {
            (&member.object, ComposerCallee::Computed, member.optional)
        }
        _ => return None,
    };
    let reference_optional = composer_reference(object, refs)?;
    Some(ComposerCall {
        call,
        callee,
        optional: call.optional || member_optional || reference_optional,
    })
}

/// `Some(optional)` when `expr` is the composer: a local binding `gql`, or `sys.gql` for a
/// namespace import (`optional` tells whether that was written `sys?.gql`).
fn composer_reference(expr: &Expression<'_>, refs: &ComposerRefs) -> Option<bool> {
    match expr {
        Expression::Identifier(id) if refs.is_local(id.name.as_str()) => Some(false),
        Expression::StaticMemberExpression(member) if member.property.name.as_str() == "gql" => {
            match &member.object {
                Expression::Identifier(ns) if refs.is_namespace(ns.name.as_str()) => {
                    Some(member.optional)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The expression that a method-chain link wraps, which is also the child the walk visits
/// first: the callee of `x.m(…)`, the object of `x.m`, the inside of `(x)`, `x!`, `x as T`,
/// `x satisfies T`, `<T>x`, `x<T>`. `None` when `expr` is not a link.
pub fn chain_inner<'b, 'a>(expr: &'b Expression<'a>) -> Option<&'b Expression<'a>> {
    match expr {
        Expression::CallExpression(call)
            if matches!(call.callee, Expression::StaticMemberExpression(_)) =>
        {
            Some(&call.callee)
        }
        Expression::StaticMemberExpression(member) => Some(&member.object),
        Expression::ParenthesizedExpression(paren) => Some(&paren.expression),
        Expression::TSAsExpression(e) => Some(&e.expression),
        Expression::TSSatisfiesExpression(e) => Some(&e.expression),
        Expression::TSNonNullExpression(e) => Some(&e.expression),
        Expression::TSTypeAssertion(e) => Some(&e.expression),
        Expression::TSInstantiationExpression(e) => Some(&e.expression),
        _ => None,
    }
}

/// Follows the method chain down from `expr` to a composer call, if there is one.
pub fn find_composer_call<'b, 'a>(
    expr: &'b Expression<'a>,
    refs: &ComposerRefs,
) -> Option<ComposerCall<'b, 'a>> {
    let mut current = expr;
    loop {
        match current {
            Expression::CallExpression(call) => {
                if let Some(found) = as_composer_call(call, refs) {
                    return Some(found);
                }
            }
            Expression::ChainExpression(chain) => {
                return find_in_chain_element(&chain.expression, refs)
            }
            _ => {}
        }
        current = chain_inner(current)?;
    }
}

/// The same descent inside an optional chain `a?.b(…)`, whose elements are not expressions.
fn find_in_chain_element<'b, 'a>(
    element: &'b ChainElement<'a>,
    refs: &ComposerRefs,
) -> Option<ComposerCall<'b, 'a>> {
    match element {
        ChainElement::CallExpression(call) => {
            as_composer_call(call, refs).or_else(|| match &call.callee {
                Expression::StaticMemberExpression(_) => find_composer_call(&call.callee, refs),
                _ => None,
            })
        }
        ChainElement::StaticMemberExpression(member) => find_composer_call(&member.object, refs),
        ChainElement::TSNonNullExpression(e) => find_composer_call(&e.expression, refs),
        _ => None,
    }
}
