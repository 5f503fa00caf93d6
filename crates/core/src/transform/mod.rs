//! The native transform (docs/reference/api.md §3): every successfully built definition call replaced by
//! its element as a plain object literal, the composer import removed when nothing else
//! uses it, and a v3 source map. Calls with error diagnostics stay as written.

pub mod object_literal;
pub mod source_map;

use serde::Serialize;

use crate::analysis::canonical_id::CanonicalId;
use crate::analysis::model::FileAnalysis;
use crate::artifact::element::ElementMap;
use crate::diagnostic::Span;
use object_literal::{helper_declaration, object_literal, ELEMENT_HELPER, ELEMENT_SURFACE};
use source_map::MapBuilder;

/// One definition call to replace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Replacement {
    pub canonical_id: String,
    /// Byte span of the `G.<label>(…)` call in the source.
    pub span: Span,
    /// The object literal that replaces it.
    pub code: String,
}

/// What transforming one file does.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TransformPlan {
    pub replacements: Vec<Replacement>,
    /// Byte spans of composer import declarations to delete.
    pub removals: Vec<Span>,
    /// The declaration of the element helper (`object_literal::helper_declaration`) that
    /// takes the place of the first removal, when there is one; the replacements then call
    /// the helper.
    pub helper: Option<String>,
}

/// Transformed code and its source map (v3 JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TransformOutput {
    pub code: String,
    pub map: String,
}

/// Plans the transform of a file; `None` when it has no definitions.
pub fn plan(
    path: &str,
    source: &str,
    analysis: &FileAnalysis,
    elements: &ElementMap,
) -> Option<TransformPlan> {
    if analysis.definitions.is_empty() {
        return None;
    }
    let build = |surface: &str| -> Vec<Replacement> {
        let mut replacements: Vec<Replacement> = analysis
            .definitions
            .iter()
            .filter_map(|def| {
                let id = CanonicalId::new(path, &def.ast_path).into_string();
                let element = elements.get(&id)?;
                let text = |s: Span| source.get(s.start as usize..s.end as usize);
                let options = def.options_span.and_then(text);
                let options = match def.metadata_span.and_then(text) {
                    Some(metadata) => Some(format!(
                        "{{ ...({}), metadata: {metadata} }}",
                        options.unwrap_or("undefined")
                    )),
                    None => options.map(str::to_string),
                };
                // Naming the spread fragments keeps their modules in the bundle, so only a
                // metadata callback that reads `fragmentMetadata` gets them.
                let reads_fragments = options
                    .as_deref()
                    .is_some_and(|o| o.contains("fragmentMetadata"));
                let uses: Vec<String> = match reads_fragments {
                    true => def
                        .template
                        .interpolations
                        .iter()
                        .filter_map(|i| i.path.as_ref().map(|p| p.join(".")))
                        .collect(),
                    false => Vec::new(),
                };
                Some(Replacement {
                    code: object_literal(element, options.as_deref(), &uses, surface),
                    canonical_id: id,
                    span: def.call_span,
                })
            })
            .collect();
        replacements.sort_by_key(|r| r.span.start);
        replacements
    };
    let mut replacements = build(ELEMENT_HELPER);
    let removals = removable_imports(source, analysis, &replacements);
    // Where an import goes away, the helper takes its place and the objects call it;
    // elsewhere each object applies the surface inline.
    let helper = if removals.is_empty() {
        for r in &mut replacements {
            if let Some(rest) = r.code.strip_prefix(ELEMENT_HELPER) {
                r.code = format!("{ELEMENT_SURFACE}{rest}");
            }
        }
        None
    } else {
        Some(helper_declaration())
    };
    Some(TransformPlan {
        replacements,
        removals,
        helper,
    })
}

/// Composer imports that nothing uses once the calls are replaced, and that import
/// nothing else.
fn removable_imports(
    source: &str,
    analysis: &FileAnalysis,
    replacements: &[Replacement],
) -> Vec<Span> {
    let locals: Vec<&str> = analysis
        .composer_bindings
        .iter()
        .map(|b| b.split('.').next().unwrap_or(b))
        .collect();
    analysis
        .composer_import_spans
        .iter()
        .copied()
        .filter(|decl| {
            !analysis
                .imports
                .iter()
                .any(|i| inside(i.span, *decl) && !locals.contains(&i.local.as_str()))
        })
        .filter(|decl| {
            let skipped: Vec<Span> = replacements.iter().map(|r| r.span).chain([*decl]).collect();
            locals
                .iter()
                .all(|local| !is_referenced(source, local, &skipped))
        })
        .collect()
}

fn inside(span: Span, outer: Span) -> bool {
    span.start >= outer.start && span.end <= outer.end
}

/// Whether `name` appears as an identifier (not a property) outside `skipped` spans. Text
/// in strings and comments counts too: keeping an import is always safe.
fn is_referenced(source: &str, name: &str, skipped: &[Span]) -> bool {
    let bytes = source.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80;
    source.match_indices(name).any(|(at, _)| {
        let end = at + name.len();
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let standalone = !before.is_some_and(|b| is_ident(b) || b == b'.')
            && !bytes.get(end).is_some_and(|b| is_ident(*b));
        standalone
            && !skipped
                .iter()
                .any(|s| (at as u32) >= s.start && (end as u32) <= s.end)
    })
}

/// Applies a plan: the new code and a source map whose untouched code maps exactly.
pub fn apply(path: &str, source: &str, plan: &TransformPlan) -> TransformOutput {
    let helper = plan.helper.as_deref().unwrap_or("");
    let mut edits: Vec<(Span, &str)> = plan
        .replacements
        .iter()
        .map(|r| (r.span, r.code.as_str()))
        .chain(
            plan.removals
                .iter()
                .enumerate()
                .map(|(i, s)| (*s, if i == 0 { helper } else { "" })),
        )
        .collect();
    edits.sort_by_key(|(s, _)| s.start);
    let mut out = String::with_capacity(source.len());
    let mut map = MapBuilder::default();
    let mut original = Position::default();
    let mut cursor = 0usize;
    for (span, text) in edits {
        let (start, end) = (span.start as usize, span.end as usize);
        if start < cursor || end > source.len() {
            continue;
        }
        copy_mapped(&source[cursor..start], &mut out, &mut map, &mut original);
        if !text.is_empty() {
            map.map_here(original.line, original.column);
        }
        out.push_str(text);
        map.advance(text);
        original.advance(&source[start..end]);
        cursor = end;
    }
    copy_mapped(&source[cursor..], &mut out, &mut map, &mut original);
    let file = path.rsplit('/').next().unwrap_or(path);
    TransformOutput {
        map: map.finish(file, file, source),
        code: out,
    }
}

/// A line and UTF-16 column in the original text.
#[derive(Clone, Copy, Default)]
struct Position {
    line: u32,
    column: u32,
}

impl Position {
    fn advance(&mut self, text: &str) {
        for c in text.chars() {
            self.step(c);
        }
    }

    fn step(&mut self, c: char) {
        if c == '\n' {
            self.line += 1;
            self.column = 0;
        } else {
            self.column += c.len_utf16() as u32;
        }
    }
}

/// Copies untouched text, with a mapping at its start and at every token start.
fn copy_mapped(text: &str, out: &mut String, map: &mut MapBuilder, original: &mut Position) {
    let mut previous: Option<char> = None;
    for c in text.chars() {
        let starts_token = !c.is_whitespace()
            && (previous.is_none_or(|p| {
                p.is_whitespace() || class(p) != class(c) || class(c) == CharClass::Punct
            }));
        if starts_token {
            map.map_here(original.line, original.column);
        }
        out.push(c);
        map.advance_char(c);
        original.step(c);
        previous = if c == '\n' { None } else { Some(c) };
    }
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum CharClass {
    Word,
    Punct,
}

fn class(c: char) -> CharClass {
    if c.is_alphanumeric() || c == '_' || c == '$' {
        CharClass::Word
    } else {
        CharClass::Punct
    }
}
