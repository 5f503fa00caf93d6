//! The options-object path of docs/reference/dsl.md (soda-gql's callback builders), read
//! statically: `query("Name")({ variables, fields: ({ f, $ }) => ({ … }) })(…)` and
//! `fragment("Key", "Type")({ … })(…)` become GraphQL template text, exactly the text a
//! tagged template with the same selections would have, plus the offset map back to the
//! TypeScript nodes. The text then goes through the template pipeline unchanged
//! (parsing, schema checks, composition, printing), so positions of every later
//! diagnostic land on the node that produced the token.
//!
//! One file per concern: [`variables`] (the `variables` option), [`field_calls`]
//! (`f(…)(…)` and sub-selections), [`argument_values`] (literal and `$.var` values) and
//! [`spreads`] (`frag.spread(…)`, `$colocate`). Anything outside the subset is an
//! `UNSUPPORTED_DEFINITION_FORM` at that node naming the nearest supported form.

mod argument_values;
mod field_calls;
mod spreads;
mod variables;

use oxc_ast::ast::{Expression, ObjectExpression, ObjectPropertyKind};

pub use spreads::read_arrow_spread;

use super::factory::FactoryParam;
use super::names::{object_key_segment, span_of, to_span};
use crate::diagnostic::{RawDiagnostic, Span};
use crate::graphql::template_source::TemplateSource;

/// What the options object of one definition gives.
pub struct OptionsObject {
    /// The synthesized template (variable definitions then the selection set).
    pub template: TemplateSource,
    /// The `metadata` option, kept as run-time code.
    pub metadata_span: Option<Span>,
}

/// An `UNSUPPORTED_DEFINITION_FORM` inside an options object: what was found, and the
/// nearest form the builder reads.
pub fn unsupported_near(found: &str, nearest: &str, span: Span) -> RawDiagnostic {
    RawDiagnostic::error(
        "UNSUPPORTED_DEFINITION_FORM",
        format!(
            "unsupported definition form: {found}. The options-object path is read without \
             running code; the nearest supported form is {nearest}. This definition is left untouched"
        ),
        span,
    )
}

/// Reads the options object of a definition. `param` is the factory's parameter (for
/// `$dir` and `$colocate`).
pub fn read_options_object(
    source: &str,
    options: &ObjectExpression<'_>,
    param: &FactoryParam<'_>,
) -> Result<OptionsObject, Vec<RawDiagnostic>> {
    let mut synth = Synth::new(source, param);
    let mut variables = None;
    let mut fields = None;
    let mut metadata_span = None;
    for property in &options.properties {
        let ObjectPropertyKind::ObjectProperty(property) = property else {
            synth.problem(unsupported_near(
                "a spread `...x` in the options object",
                "`{ variables, fields, metadata }` written out",
                to_span(property_span(property)),
            ));
            continue;
        };
        let key = (!property.computed)
            .then(|| object_key_segment(&property.key))
            .flatten();
        match key {
            Some("variables") => variables = Some(&property.value),
            Some("fields") => fields = Some(&property.value),
            Some("metadata") => metadata_span = Some(span_of(&property.value)),
            _ => synth.problem(unsupported_near(
                "an option other than `variables`, `fields` and `metadata`",
                "`{ variables: `($id: ID!)`, fields: ({ f, $ }) => ({ … }) }`",
                to_span(property.span),
            )),
        }
    }
    if let Some(value) = variables {
        synth.variables(value);
    }
    match fields {
        Some(value) => synth.fields_option(value),
        None => synth.problem(unsupported_near(
            "an options object without `fields`",
            "`fields: ({ f }) => ({ ...f(\"id\")() })`",
            to_span(options.span),
        )),
    }
    synth.finish().map(|template| OptionsObject {
        template,
        metadata_span,
    })
}

fn property_span(property: &ObjectPropertyKind<'_>) -> oxc_span::Span {
    use oxc_span::GetSpan;
    property.span()
}

/// The text being written, the names in scope, and the problems found.
pub(crate) struct Synth<'s, 'p, 'a> {
    source: &'s str,
    param: &'p FactoryParam<'a>,
    out: TemplateSource,
    /// Local names of the field builder `f`, innermost last.
    field_builders: Vec<String>,
    /// Local names of the variable references `$` in scope.
    dollars: Vec<String>,
    /// How deeply selections and values nest here (bounded: see [`MAX_NESTING`]).
    depth: u32,
    problems: Vec<RawDiagnostic>,
}

/// How deeply selections and values may nest. The template parser accepts 256 levels; the
/// bound keeps the recursive reading well inside a worker thread's stack.
const MAX_NESTING: u32 = 200;

impl<'s, 'p, 'a> Synth<'s, 'p, 'a> {
    pub(crate) fn new(source: &'s str, param: &'p FactoryParam<'a>) -> Self {
        Synth {
            source,
            param,
            out: TemplateSource::default(),
            field_builders: Vec::new(),
            dollars: Vec::new(),
            depth: 0,
            problems: Vec::new(),
        }
    }

    /// Runs `read` one level deeper; past [`MAX_NESTING`] reports the node instead.
    pub(crate) fn nested(&mut self, span: Span, read: impl FnOnce(&mut Self)) {
        if self.depth >= MAX_NESTING {
            if !self.problems.iter().any(|p| p.code == "NESTING_TOO_DEEP") {
                self.problems.push(RawDiagnostic::error(
                    "NESTING_TOO_DEEP",
                    format!("selections or values nested more than {MAX_NESTING} levels deep are not read"),
                    span,
                ));
            }
            return;
        }
        self.depth += 1;
        read(self);
        self.depth -= 1;
    }

    /// Appends `text`, whose first byte stands for the source byte `source_offset`.
    pub(crate) fn emit(&mut self, text: &str, source_offset: u32) {
        if text.is_empty() {
            return;
        }
        let at = self.out.text.len() as u32;
        match self.out.offset_map.last_mut() {
            Some(last) if last.0 == at => last.1 = source_offset,
            _ => self.out.offset_map.push((at, source_offset)),
        }
        self.out.text.push_str(text);
    }

    pub(crate) fn problem(&mut self, diagnostic: RawDiagnostic) {
        self.problems.push(diagnostic);
    }

    /// Whether `expr` is the factory helper `name` (`$dir`, `$colocate`): a local of the
    /// factory's object pattern, or `b.$dir` for an identifier parameter.
    pub(crate) fn is_helper(&self, expr: &Expression<'_>, name: &str) -> bool {
        match expr.without_parentheses() {
            Expression::Identifier(id) => self.param.key_of_local(id.name.as_str()) == Some(name),
            Expression::StaticMemberExpression(member) => {
                member.property.name.as_str() == name && self.param.is_param(&member.object)
            }
            _ => false,
        }
    }

    /// Runs `write` into a fresh buffer and returns the text it wrote (for bindings, which
    /// are stored beside the template rather than in it).
    pub(crate) fn detached(&mut self, write: impl FnOnce(&mut Self)) -> String {
        let saved = std::mem::take(&mut self.out);
        write(self);
        std::mem::replace(&mut self.out, saved).text
    }

    fn finish(self) -> Result<TemplateSource, Vec<RawDiagnostic>> {
        match self.problems.is_empty() {
            true => Ok(self.out),
            false => Err(self.problems),
        }
    }
}
