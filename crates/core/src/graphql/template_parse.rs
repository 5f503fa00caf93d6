//! Parsing a definition template: optional variable definitions, then one selection set,
//! with interpolation placeholders turned into spreads (docs/reference/dsl.md §4).
//!
//! The text is parsed by apollo-parser as `query <text>`, so a template is exactly an
//! anonymous operation without directives; every offset is shifted back by the prefix.

use apollo_parser::cst::{self, CstNode};
use apollo_parser::Parser;

use super::ast::Template;
use super::cst_convert::Converter;
use super::string_value::decode_string_token;
use crate::graphql::template_source::TemplateSource;

/// A GraphQL syntax problem: a message and a byte range in the parsed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// What is wrong, in graphql-js's style and without its `Syntax Error: ` prefix
    /// (callers add it), e.g. `Expected Name, found "}".`
    pub message: String,
    /// Byte offset of the problem in the parsed text.
    pub offset: u32,
    /// Byte length of the offending text (0 at the end of the input).
    pub len: u32,
}

/// How deep selection sets, lists, objects and types may nest. apollo-parser's default
/// (500) lets the recursive conversion that follows overflow a 2 MiB thread stack in a
/// debug build; real documents nest a few dozen levels at most.
const RECURSION_LIMIT: usize = 256;

/// An apollo-parser `Parser` with this module's limits.
pub(crate) fn parser(text: &str) -> Parser<'_> {
    Parser::new(text).recursion_limit(RECURSION_LIMIT)
}

/// What the parser reads in front of the template so that it is a whole operation.
const PREFIX: &str = "query ";

/// The message for an interpolation that stands where no selection may stand.
const MISPLACED_INTERPOLATION: &str =
    "An interpolation may only stand where a selection may stand \
     (a fragment spread: `...${ref}` or `${ref}`, optionally with directives).";

/// Parses a template into its variable definitions and selection set.
///
/// Errors are sorted by offset. When apollo-parser finds a syntax error only the first is
/// returned: the ones after it are mostly the consequences of its recovery.
pub fn parse_template(source: &TemplateSource) -> Result<Template, Vec<SyntaxError>> {
    let text = format!("{PREFIX}{}", source.text);
    let tree = parser(&text).parse();
    let prefix = PREFIX.len() as u32;
    if let Some(first) = first_parser_error(&tree, prefix) {
        return Err(vec![first]);
    }

    let placeholders: Vec<(u32, u32)> = source
        .interpolations
        .iter()
        .map(|i| (i.text_offset, i.text_len))
        .collect();
    let mut cv = Converter::new(prefix, &placeholders);
    let mut definitions = tree.document().definitions();
    let template = match definitions.next() {
        Some(cst::Definition::OperationDefinition(op)) => convert_operation(&mut cv, &op),
        _ => None,
    };
    // Anything after the selection set parses as further definitions.
    if let Some(extra) = definitions.next() {
        let offset = cv.node_offset(extra.syntax());
        cv.errors.push(SyntaxError {
            message: "Unexpected text after the template's selection set.".into(),
            offset,
            len: 1,
        });
    }
    let unconsumed: Vec<usize> = cv.unconsumed().collect();
    for index in unconsumed {
        if let Some(interpolation) = source.interpolations.get(index) {
            cv.errors.push(SyntaxError {
                message: MISPLACED_INTERPOLATION.into(),
                offset: interpolation.text_offset,
                len: interpolation.text_len,
            });
        }
    }

    match template {
        Some(template) if cv.errors.is_empty() => Ok(template),
        _ => {
            let mut errors = cv.errors;
            if errors.is_empty() {
                errors.push(SyntaxError {
                    message: "Expected a selection set.".into(),
                    offset: 0,
                    len: 0,
                });
            }
            errors.sort_by_key(|e| e.offset);
            errors.dedup();
            Err(errors)
        }
    }
}

/// The template part of `query <text>`: rejects an operation name and directives.
fn convert_operation(cv: &mut Converter, op: &cst::OperationDefinition) -> Option<Template> {
    if let Some(name) = op.name() {
        let offset = cv.node_offset(name.syntax());
        cv.errors.push(SyntaxError {
            message: format!(
                "Unexpected name \"{}\": a template is optional variable definitions then a selection set.",
                name.syntax().text()
            ),
            offset,
            len: u32::from(name.syntax().text_range().len()),
        });
    }
    if let Some(directive) = op.directives().and_then(|d| d.directives().next()) {
        let offset = cv.node_offset(directive.syntax());
        cv.errors.push(SyntaxError {
            message: "A template takes no directives before its selection set.".into(),
            offset,
            len: 1,
        });
    }
    let variables = cv.variable_definitions(op.variable_definitions());
    let selection_set = cv.selection_set(op.syntax(), op.selection_set())?;
    Some(Template {
        variables,
        selection_set,
    })
}

/// apollo-parser's earliest error as a `SyntaxError` in the caller's text.
pub(crate) fn first_parser_error<T: CstNode>(
    tree: &apollo_parser::SyntaxTree<T>,
    prefix: u32,
) -> Option<SyntaxError> {
    let error = tree.errors().min_by_key(|e| e.index())?;
    let offset = (error.index() as u32).saturating_sub(prefix);
    let data = error.data();
    // apollo-parser reports a bad escape at the start of its string; graphql-js's
    // message and position (the escape itself) are more precise.
    if data.starts_with('"') {
        if let Err(e) = decode_string_token(data) {
            return Some(SyntaxError {
                message: e.message,
                offset: offset + e.offset as u32,
                len: 1,
            });
        }
    }
    let message = readable(error.message());
    let message = if error.is_eof() && !message.contains("EOF") {
        format!("{message}, found <EOF>.")
    } else if data.is_empty()
        || message.contains(", found ")
        || message.contains(&format!("\"{data}\""))
    {
        format!("{}.", message.trim_end_matches('.'))
    } else {
        format!("{message}, found \"{data}\".")
    };
    Some(SyntaxError {
        message,
        offset,
        len: data.len() as u32,
    })
}

/// apollo-parser's message in graphql-js's style: capitalized, with token kind names
/// (`R_PAREN`) shown as the punctuator they stand for and `got X` as `found "X"`.
pub(crate) fn readable(message: &str) -> String {
    const PUNCTUATORS: [(&str, &str); 13] = [
        ("L_PAREN", "("),
        ("R_PAREN", ")"),
        ("L_CURLY", "{"),
        ("R_CURLY", "}"),
        ("L_BRACK", "["),
        ("R_BRACK", "]"),
        ("COLON", ":"),
        ("EQ", "="),
        ("BANG", "!"),
        ("DOLLAR", "$"),
        ("AT", "@"),
        ("SPREAD", "..."),
        ("PIPE", "|"),
    ];
    let (head, got) = match message.split_once(", got ") {
        Some((head, "EOF")) => (head, Some("<EOF>".to_owned())),
        Some((head, got)) => (head, Some(format!("\"{got}\""))),
        None => (message, None),
    };
    let mut head = head.to_owned();
    for (kind, punctuator) in PUNCTUATORS {
        if let Some(rest) = head.strip_prefix("expected ") {
            if rest == kind {
                head = format!("expected \"{punctuator}\"");
            }
        }
    }
    let mut chars = head.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    if let Some(got) = got {
        out.push_str(", found ");
        out.push_str(&got);
    }
    out
}
