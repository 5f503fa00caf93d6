//! Decides what a composer call builds (docs/reference/dsl.md §2): a tagged-template element
//! (``query("Name")`…`(OPTIONS?)``, ``fragment("Key", "Type")`…`(OPTIONS?)``), an
//! options-object element (`query("Name")({ variables, fields })(OPTIONS?)`, read by
//! `options_object`), nothing (`define(…)`), or an error naming the unsupported form.

use oxc_ast::ast::{
    Argument, CallExpression, Expression, ObjectExpression, TaggedTemplateExpression,
    TemplateLiteral,
};
use oxc_span::GetSpan;

use super::composer_call::{ComposerCall, ComposerCallee};
use super::factory::{read_factory, unsupported, FactoryParam};
use super::model::DefinitionKind;
use super::names::{span_of, to_span};
use super::options_object::unsupported_near;
use crate::diagnostic::{RawDiagnostic, Span};
use crate::graphql::ast::OperationType;

/// What a definition call builds.
pub enum DefinitionForm<'b, 'a> {
    /// A tagged-template element.
    Element(ElementForm<'b, 'a>),
    /// `define(…)`: not an element, left alone without a diagnostic.
    Define,
}

/// What holds an element's selections.
pub enum ElementBody<'b, 'a> {
    /// ``query("Name")`…` ``: the template.
    Template(&'b TemplateLiteral<'a>),
    /// `query("Name")({ … })`: the options object, and the factory parameter (for `$dir`
    /// and `$colocate`).
    Options(&'b ObjectExpression<'a>, FactoryParam<'a>),
}

/// The parts of an element definition.
pub struct ElementForm<'b, 'a> {
    /// Schema label and its span.
    pub label: (&'a str, Span),
    /// Operation type or fragment.
    pub kind: DefinitionKind,
    /// Operation name or fragment key, and the span of its string literal.
    pub name: (&'a str, Span),
    /// Fragment type condition and the span of its string literal.
    pub type_name: Option<(&'a str, Span)>,
    /// The template or options object.
    pub body: ElementBody<'b, 'a>,
    /// The OPTIONS argument of the final call.
    pub options_span: Option<Span>,
}

/// Reads a composer call. Errors are `UNSUPPORTED_DEFINITION_FORM` or `NON_LITERAL_NAME`.
pub fn read_definition_form<'b, 'a>(
    found: &ComposerCall<'b, 'a>,
) -> Result<DefinitionForm<'b, 'a>, Vec<RawDiagnostic>> {
    let call = found.call;
    let callee_span = span_of(&call.callee);
    let label = match found.callee {
        _ if found.optional => {
            return Err(vec![unsupported(
                "optional chaining on the callee",
                callee_span,
            )])
        }
        ComposerCallee::Computed => {
            return Err(vec![unsupported("a computed callee `gql[…]`", callee_span)])
        }
        ComposerCallee::Label { name, span } => (name, span),
    };
    let factory = match call.arguments.as_slice() {
        [argument] => read_factory(argument).map_err(|diagnostic| vec![diagnostic])?,
        arguments => return Err(vec![argument_count_problem(arguments, to_span(call.span))]),
    };
    read_element(factory.body, &factory.param, label)
}

fn argument_count_problem(arguments: &[Argument<'_>], call_span: Span) -> RawDiagnostic {
    match arguments.iter().find(|argument| argument.is_spread()) {
        Some(spread) => unsupported("spread arguments", to_span(spread.span())),
        None => {
            let form = format!(
                "a definition call with {} (expects one factory function)",
                count(arguments.len())
            );
            unsupported(&form, call_span)
        }
    }
}

/// How an expression in the factory body refers to a builder of the factory parameter.
enum Builder<'a> {
    /// `query`, `b.query`: the builder key.
    Key(&'a str),
    /// `query.compat`, `b.query.compat`: a member of a builder.
    Member(&'a str, &'a str),
    /// `b["query"]`, `query[x]`.
    Computed,
    /// `b?.query`, `query?.(…)`.
    Optional,
    /// Not a builder at all.
    None,
}

fn builder_of<'a>(expr: &Expression<'a>, param: &FactoryParam<'a>) -> Builder<'a> {
    match expr.without_parentheses() {
        Expression::Identifier(id) => param
            .key_of_local(id.name.as_str())
            .map_or(Builder::None, Builder::Key),
        Expression::StaticMemberExpression(member) => {
            let property = member.property.name.as_str();
            match (
                param.is_param(&member.object),
                builder_of(&member.object, param),
            ) {
                (true, _) | (_, Builder::Key(_)) if member.optional => Builder::Optional,
                (true, _) => Builder::Key(property),
                (false, Builder::Key(key)) => Builder::Member(key, property),
                (false, Builder::Optional) => Builder::Optional,
                _ => Builder::None,
            }
        }
        Expression::ComputedMemberExpression(member) => match builder_of(&member.object, param) {
            _ if param.is_param(&member.object) => Builder::Computed,
            Builder::Key(_) => Builder::Computed,
            _ => Builder::None,
        },
        Expression::ChainExpression(_) => Builder::Optional,
        _ => Builder::None,
    }
}

fn element_kind(key: &str) -> Option<DefinitionKind> {
    match key {
        "query" => Some(DefinitionKind::Operation(OperationType::Query)),
        "mutation" => Some(DefinitionKind::Operation(OperationType::Mutation)),
        "subscription" => Some(DefinitionKind::Operation(OperationType::Subscription)),
        "fragment" => Some(DefinitionKind::Fragment),
        _ => None,
    }
}

/// Reads the factory's returned expression.
fn read_element<'b, 'a>(
    body: &'b Expression<'a>,
    param: &FactoryParam<'a>,
    label: (&'a str, Span),
) -> Result<DefinitionForm<'b, 'a>, Vec<RawDiagnostic>> {
    let expr = without_erasable(body);
    let span = span_of(expr);
    match expr {
        Expression::CallExpression(call) => match call.callee.without_parentheses() {
            Expression::TaggedTemplateExpression(tagged) => {
                read_tagged(tagged, Some(call), param, label)
            }
            Expression::CallExpression(options_call) if is_options_call(options_call, param) => {
                read_options_path(options_call, call, param, label)
            }
            Expression::CallExpression(inner) if is_element_builder(&inner.callee, param) => {
                Err(vec![unsupported_near(
                    "the options-object builder `query(\"X\")({ … })` without the final call",
                    "`query(\"X\")({ … })()` (or `({ … })({})`, as soda-gql writes it)",
                    span,
                )])
            }
            callee => match builder_of(callee, param) {
                Builder::Key("define") => Ok(DefinitionForm::Define),
                Builder::Key(key) if element_kind(key).is_some() => Err(vec![unsupported(
                    &format!("`{key}(…)` without a tagged template"),
                    span,
                )]),
                builder => Err(vec![builder_problem(builder, span)]),
            },
        },
        Expression::TaggedTemplateExpression(tagged) => read_tagged(tagged, None, param, label),
        Expression::ChainExpression(_) => {
            Err(vec![unsupported("optional chaining on the callee", span)])
        }
        _ => Err(vec![builder_problem(Builder::None, span)]),
    }
}

/// Looks through what TypeScript erases around the body: `(x)`, `x as T`, `x satisfies T`, `x!`.
fn without_erasable<'b, 'a>(mut expr: &'b Expression<'a>) -> &'b Expression<'a> {
    loop {
        expr = match expr {
            Expression::ParenthesizedExpression(e) => &e.expression,
            Expression::TSAsExpression(e) => &e.expression,
            Expression::TSSatisfiesExpression(e) => &e.expression,
            Expression::TSNonNullExpression(e) => &e.expression,
            _ => return expr,
        }
    }
}

/// `query("X")({ … })`: a call of a name call of an element builder.
fn is_options_call(call: &CallExpression<'_>, param: &FactoryParam<'_>) -> bool {
    matches!(call.callee.without_parentheses(), Expression::CallExpression(name_call) if is_element_builder(&name_call.callee, param))
}

/// Reads `query("Name")({ … })(OPTIONS?)`.
fn read_options_path<'b, 'a>(
    options_call: &'b CallExpression<'a>,
    final_call: &'b CallExpression<'a>,
    param: &FactoryParam<'a>,
    label: (&'a str, Span),
) -> Result<DefinitionForm<'b, 'a>, Vec<RawDiagnostic>> {
    let Expression::CallExpression(name_call) = options_call.callee.without_parentheses() else {
        return Err(vec![builder_problem(
            Builder::None,
            to_span(options_call.span),
        )]);
    };
    let Builder::Key(key) = builder_of(&name_call.callee, param) else {
        return Err(vec![builder_problem(
            Builder::None,
            to_span(name_call.span),
        )]);
    };
    let kind = element_kind(key)
        .ok_or_else(|| vec![builder_problem(Builder::Key(key), to_span(name_call.span))])?;
    let (name, type_name) = read_names(key, kind, name_call)?;
    let options = match options_call.arguments.as_slice() {
        [Argument::ObjectExpression(object)] => object,
        _ => {
            return Err(vec![unsupported_near(
                "an options-object call without one object literal",
                "`query(\"X\")({ variables, fields })()`",
                to_span(options_call.span),
            )])
        }
    };
    let options_span = read_options(final_call)?;
    Ok(DefinitionForm::Element(ElementForm {
        label,
        kind,
        name,
        type_name,
        body: ElementBody::Options(options, param.clone()),
        options_span,
    }))
}

fn is_element_builder(callee: &Expression<'_>, param: &FactoryParam<'_>) -> bool {
    matches!(builder_of(callee, param), Builder::Key(key) if element_kind(key).is_some())
}

fn builder_problem(builder: Builder<'_>, span: Span) -> RawDiagnostic {
    let form = match builder {
        Builder::Key("extend") => "`extend(…)`".to_string(),
        Builder::Key("define") => "`define` used as a tag".to_string(),
        Builder::Key(key) => format!("an unknown builder `{key}`"),
        Builder::Member(key, property) => format!("`{key}.{property}`"),
        Builder::Computed => "a computed builder access `b[…]`".to_string(),
        Builder::Optional => "optional chaining on the callee".to_string(),
        Builder::None => "a factory body that is not a tagged-template definition".to_string(),
    };
    unsupported(&form, span)
}

/// Reads ``tag`…` `` and its final call: the tag must be a name call of an element builder.
fn read_tagged<'b, 'a>(
    tagged: &'b TaggedTemplateExpression<'a>,
    final_call: Option<&'b CallExpression<'a>>,
    param: &FactoryParam<'a>,
    label: (&'a str, Span),
) -> Result<DefinitionForm<'b, 'a>, Vec<RawDiagnostic>> {
    let tag = tagged.tag.without_parentheses();
    let (name_call, builder) = match tag {
        Expression::CallExpression(call) => (Some(&**call), builder_of(&call.callee, param)),
        other => (None, builder_of(other, param)),
    };
    let (key, kind) = match builder {
        Builder::Key(key) => match element_kind(key) {
            Some(kind) => (key, kind),
            None => return Err(vec![builder_problem(builder, span_of(tag))]),
        },
        other => return Err(vec![builder_problem(other, span_of(tag))]),
    };
    let Some(name_call) = name_call else {
        return Err(vec![unsupported(
            &format!("`{key}` used as a tag without a name call"),
            span_of(tag),
        )]);
    };
    let Some(final_call) = final_call else {
        return Err(vec![unsupported(
            "a tagged template without the final call `(…)`",
            to_span(tagged.span),
        )]);
    };
    let (name, type_name) = read_names(key, kind, name_call)?;
    let options_span = read_options(final_call)?;
    Ok(DefinitionForm::Element(ElementForm {
        label,
        kind,
        name,
        type_name,
        body: ElementBody::Template(&tagged.quasi),
        options_span,
    }))
}

type Names<'a> = ((&'a str, Span), Option<(&'a str, Span)>);

/// Reads `query("Name")` / `fragment("Key", "TypeName")`: string literals only.
fn read_names<'a>(
    key: &str,
    kind: DefinitionKind,
    call: &CallExpression<'a>,
) -> Result<Names<'a>, Vec<RawDiagnostic>> {
    let (expected, expects): (&[&str], &str) = match kind {
        DefinitionKind::Fragment => (
            &["fragment key", "fragment type name"],
            "a key and a type name",
        ),
        DefinitionKind::Operation(_) => (&["operation name"], "a name"),
    };
    if let Some(spread) = call.arguments.iter().find(|argument| argument.is_spread()) {
        return Err(vec![unsupported(
            "spread arguments",
            to_span(spread.span()),
        )]);
    }
    if call.arguments.len() != expected.len() {
        let form = format!(
            "`{key}(…)` with {} (expects {expects})",
            count(call.arguments.len())
        );
        return Err(vec![unsupported(&form, to_span(call.span))]);
    }
    let mut literals = Vec::new();
    let mut problems = Vec::new();
    for (argument, what) in call.arguments.iter().zip(expected) {
        match argument {
            Argument::StringLiteral(lit) => literals.push((lit.value.as_str(), to_span(lit.span))),
            other => problems.push(RawDiagnostic::error(
                "NON_LITERAL_NAME",
                format!("the {what} must be a string literal: the builder reads it without running code"),
                to_span(other.span()),
            )),
        }
    }
    match (problems.is_empty(), literals.as_slice()) {
        (true, [name]) => Ok((*name, None)),
        (true, [name, type_name]) => Ok((*name, Some(*type_name))),
        _ => Err(problems),
    }
}

/// Reads the final call `(OPTIONS?)`.
fn read_options(call: &CallExpression<'_>) -> Result<Option<Span>, Vec<RawDiagnostic>> {
    match call.arguments.as_slice() {
        [] => Ok(None),
        [argument] if !argument.is_spread() => Ok(Some(to_span(argument.span()))),
        arguments => Err(vec![
            match arguments.iter().find(|argument| argument.is_spread()) {
                Some(spread) => unsupported("spread arguments", to_span(spread.span())),
                None => unsupported(
                    &format!(
                        "a final call with {} (expects at most one OPTIONS object)",
                        count(arguments.len())
                    ),
                    to_span(call.span),
                ),
            },
        ]),
    }
}

/// `1 argument`, `2 arguments`.
fn count(arguments: usize) -> String {
    match arguments {
        1 => "1 argument".to_string(),
        n => format!("{n} arguments"),
    }
}
