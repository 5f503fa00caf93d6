//! The entry point: one parse of one file, then the module facts read from the top-level
//! statements, and the scope walk only when the file imports the composer.

use std::panic::{catch_unwind, AssertUnwindSafe};

use oxc_allocator::Allocator;
use oxc_parser::Parser;
use oxc_span::SourceType;

use super::composer_imports::find_composer_imports;
use super::imports_exports::read_module_facts;
use super::model::FileAnalysis;
use super::names::to_span;
use super::nesting_scan::{first_too_deep, MAX_BRACKET_DEPTH};
use super::scope_walker::walk_definitions;
use crate::deep_stack;
use crate::diagnostic::{RawDiagnostic, Span};

/// Analyses one file: definitions with their canonical astPaths, composer imports, value
/// imports, exports, top-level names and diagnostics.
///
/// `path` picks the syntax from its extension (`.ts .tsx .mts .cts .js .jsx .mjs .cjs`);
/// `is_composer_module(specifier)` tells whether an import specifier means the
/// graphql-system module. Never panics and never overflows the stack: every problem is a
/// diagnostic. Brackets nested deeper than [`MAX_BRACKET_DEPTH`] are `NESTING_TOO_DEEP`
/// and the file is not parsed; the parse runs on a thread whose stack fits the file (see
/// [`crate::deep_stack`]). Safe to call from many threads at once (nothing is shared).
pub fn analyze(
    path: &str,
    source: &str,
    is_composer_module: &(dyn Fn(&str) -> bool + Sync),
) -> FileAnalysis {
    if let Some(span) = first_too_deep(source, MAX_BRACKET_DEPTH) {
        return too_deep(span);
    }
    let guarded = || analyze_guarded(path, source, is_composer_module);
    deep_stack::with_stack(deep_stack::stack_for_input(source.len()), guarded).unwrap_or_else(
        |_| FileAnalysis {
            diagnostics: vec![RawDiagnostic::error(
                "INTERNAL_ERROR",
                "no thread with a stack large enough to parse this file could be started",
                Span::default(),
            )],
            ..FileAnalysis::default()
        },
    )
}

/// The whole file is not parsed: only this diagnostic, at the first bracket past the limit.
fn too_deep(span: Span) -> FileAnalysis {
    FileAnalysis {
        diagnostics: vec![RawDiagnostic::error(
            "NESTING_TOO_DEEP",
            format!(
                "brackets nested more than {MAX_BRACKET_DEPTH} levels deep; this file is \
                 not analysed and its definitions are not collected"
            ),
            span,
        )],
        ..FileAnalysis::default()
    }
}

fn analyze_guarded(
    path: &str,
    source: &str,
    is_composer_module: &dyn Fn(&str) -> bool,
) -> FileAnalysis {
    // oxc is not expected to panic, but a bug there must not take the whole build down.
    catch_unwind(AssertUnwindSafe(|| {
        analyze_unguarded(path, source, is_composer_module)
    }))
    .unwrap_or_else(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        FileAnalysis {
            diagnostics: vec![RawDiagnostic::error(
                "INTERNAL_ERROR",
                format!("analysis of this file failed unexpectedly: {detail}"),
                Span::default(),
            )],
            ..FileAnalysis::default()
        }
    })
}

fn analyze_unguarded(
    path: &str,
    source: &str,
    is_composer_module: &dyn Fn(&str) -> bool,
) -> FileAnalysis {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, source_type_of(path)).parse();
    let syntax_errors = parsed.diagnostics.iter().map(|error| {
        let span = error.labels.first().map(|label| label.span());
        syntax_diagnostic(&error.message, span)
    });
    let mut analysis = FileAnalysis {
        diagnostics: syntax_errors.collect(),
        ..FileAnalysis::default()
    };
    // After an unrecoverable error the program is empty: there is nothing more to read.
    if parsed.panicked {
        return analysis;
    }
    let body = &parsed.program.body;
    let facts = read_module_facts(body);
    let composer = find_composer_imports(body, is_composer_module);
    analysis.diagnostics.extend(composer.diagnostics);
    if !composer.refs.is_empty() {
        let walked = walk_definitions(&parsed.program, source, &composer.refs);
        analysis.definitions = walked.definitions;
        analysis.diagnostics.extend(walked.diagnostics);
    }
    analysis.imports = facts.imports;
    analysis.exports = facts.exports;
    analysis.top_level_names = facts.top_level_names;
    analysis.composer_bindings = composer.refs.binding_names();
    analysis.composer_import_spans = composer.import_spans;
    // Stable: diagnostics at one position keep the order they were found in.
    analysis
        .diagnostics
        .sort_by_key(|diagnostic| diagnostic.span.start);
    analysis.shrink_to_fit();
    analysis
}

/// The syntax of a file from its extension. JSX is allowed in plain `.js`/`.mjs`/`.cjs`
/// files too: JavaScript has no `<T>x` casts, so JSX only makes more files parse, and
/// React projects commonly write JSX in `.js`. Unknown extensions are read as TypeScript.
pub fn source_type_of(path: &str) -> SourceType {
    match SourceType::from_path(path) {
        Ok(source_type) if source_type.is_javascript() => source_type.with_jsx(true),
        Ok(source_type) => source_type,
        Err(_) => SourceType::ts(),
    }
}

/// A `TS_SYNTAX` error at the parser error's first label.
fn syntax_diagnostic(message: &str, span: Option<oxc_span::Span>) -> RawDiagnostic {
    RawDiagnostic::error("TS_SYNTAX", message, span.map_or(Span::default(), to_span))
}

#[cfg(test)]
mod tests {
    use super::analyze;
    use crate::analysis::MAX_BRACKET_DEPTH;

    fn composer(specifier: &str) -> bool {
        specifier == "@/graphql-system"
    }

    const HEAD: &str = "import { gql } from \"@/graphql-system\";\n";
    const DEFINITION: &str = "gql.default(({ query }) => query(\"Q\")`{ a }`())";

    #[test]
    fn odd_inputs_give_diagnostics_not_panics() {
        let inputs = [
            "",
            "\u{feff}",
            "`",
            "}",
            "gql.default(",
            "import { gql } from \"@/graphql-system\"; gql.default(({ query }) => query(\"Q\")`{ ${",
            "import { gql } from \"@/graphql-system\"; gql.default(({ query }) => query(\"Q\")`\\u{110000}`())",
            "import { gql } from \"@/graphql-system\"; class { x = gql.default() }",
            "\0\u{1}\u{2028}",
        ];
        for input in inputs {
            for path in ["a.ts", "a.tsx", "a.js", "a.unknown"] {
                let analysis = analyze(path, input, &composer);
                assert!(
                    analysis
                        .diagnostics
                        .iter()
                        .all(|d| d.code != "INTERNAL_ERROR"),
                    "{input:?} in {path}"
                );
            }
        }
    }

    #[test]
    fn unknown_extension_reads_typescript() {
        let source = format!("{HEAD}export const q = ({DEFINITION}) as unknown;");
        let analysis = analyze("a.graphql.txt", &source, &composer);
        assert_eq!(analysis.definitions.len(), 1);
        assert!(
            analysis.diagnostics.is_empty(),
            "{:?}",
            analysis.diagnostics
        );
    }

    #[test]
    fn deep_nesting_is_reported_not_overflowing() {
        let sum = " + 1".repeat(3000);
        let source = format!("{HEAD}const sum = 1{sum};\nexport const after = {DEFINITION};\n");
        let analysis = analyze("a.ts", &source, &composer);
        assert_eq!(
            analysis
                .definitions
                .iter()
                .map(|d| d.ast_path.as_str())
                .collect::<Vec<_>>(),
            ["after"]
        );
        let codes: Vec<&str> = analysis
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert_eq!(codes, ["NESTING_TOO_DEEP"]);
    }

    #[test]
    fn brackets_past_the_limit_are_located_before_the_parse() {
        let open = "(".repeat(4586);
        let source = format!("{HEAD}export const d = {open}1{};\n", ")".repeat(4586));
        let analysis = analyze("a.ts", &source, &composer);
        let deep: Vec<(&str, u32)> = analysis
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.span.start))
            .collect();
        let at = (HEAD.len() + "export const d = ".len() + MAX_BRACKET_DEPTH) as u32;
        assert_eq!(deep, [("NESTING_TOO_DEEP", at)]);
    }

    #[test]
    fn unbracketed_recursion_parses_on_a_large_stack() {
        // Each of these recursed in oxc past the 2 MiB of this test thread.
        for chain in ["!", "- ", "x => ", "a = ", "a ? b : ", "new "] {
            let source = format!(
                "{HEAD}export const d = {}1;\nexport const q = {DEFINITION};\n",
                chain.repeat(40_000)
            );
            let analysis = analyze("a.ts", &source, &composer);
            assert_eq!(analysis.definitions.len(), 1, "{chain:?}");
        }
    }

    #[test]
    fn long_method_chains_are_walked_without_recursion() {
        let links: String = (0..5000).map(|i| format!(".m{i}(() => {i})")).collect();
        let source = format!(
            "{HEAD}const x = a{links};\nexport const q = {DEFINITION}{};\n",
            ".attach(1)".repeat(5000)
        );
        let analysis = analyze("a.ts", &source, &composer);
        let paths: Vec<&str> = analysis
            .definitions
            .iter()
            .map(|d| d.ast_path.as_str())
            .collect();
        assert_eq!(paths, ["q"]);
        assert_eq!(
            analysis.definitions[0].top_level_binding.as_deref(),
            Some("q")
        );
        assert!(
            analysis.diagnostics.is_empty(),
            "{:?}",
            analysis.diagnostics
        );
    }
}
