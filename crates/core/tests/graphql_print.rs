//! The printer and the document JSON against graphql-js 16, on the checked-in corpus
//! `tests/fixtures/graphql/` (expected outputs made by `gen-expected.mjs`).

use std::fs;
use std::path::{Path, PathBuf};

use fizz_core::document_json_string;
use fizz_core::{parse_document, ExecutableDefinition};
use fizz_core::{print_fragment, print_operation};

fn fixture_dir(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/graphql")
        .join(kind)
}

/// The corpus documents of one folder (`<case>.graphql`), sorted, without extension.
fn cases(kind: &str) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(fixture_dir(kind))
        .expect("fixture folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_owned();
            let stem = name.strip_suffix(".graphql")?;
            (!stem.ends_with(".printed")).then(|| p.with_file_name(stem))
        })
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no cases in {kind}");
    cases
}

fn read(base: &Path, ext: &str) -> String {
    let path = PathBuf::from(format!("{}{ext}", base.display()));
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Prints a parsed document the way graphql-js prints a Document: definitions joined by a
/// blank line.
fn print_document(text: &str) -> String {
    let definitions = parse_document(text).unwrap_or_else(|e| panic!("parse failed: {e:?}"));
    let printed: Vec<String> = definitions
        .iter()
        .map(|d| match d {
            ExecutableDefinition::Operation(op) => print_operation(
                &op.to_operation_definition()
                    .expect("no operation directives"),
            ),
            ExecutableDefinition::Fragment(f) => {
                print_fragment(&f.to_fragment_definition().expect("no fragment directives"))
            }
        })
        .collect();
    printed.join("\n\n")
}

#[test]
fn print_matches_graphql_js() {
    for base in cases("print") {
        let printed = print_document(&read(&base, ".graphql"));
        similar_asserts::assert_eq!(
            printed,
            read(&base, ".printed.graphql"),
            "print {}",
            base.display()
        );
    }
}

#[test]
fn document_json_of_printed_text_matches_graphql_js() {
    for base in cases("print") {
        let json =
            document_json_string(&read(&base, ".printed.graphql")).expect("printed text parses");
        similar_asserts::assert_eq!(json, read(&base, ".json"), "json {}", base.display());
    }
}

#[test]
fn document_json_of_source_matches_graphql_js() {
    for base in cases("print") {
        let source_json = PathBuf::from(format!("{}.source.json", base.display()));
        let expected = if source_json.exists() {
            read(&base, ".source.json")
        } else {
            read(&base, ".json")
        };
        let json = document_json_string(&read(&base, ".graphql")).expect("source parses");
        similar_asserts::assert_eq!(json, expected, "source json {}", base.display());
    }
    for base in cases("json") {
        let json = document_json_string(&read(&base, ".graphql")).expect("document parses");
        similar_asserts::assert_eq!(json, read(&base, ".json"), "json {}", base.display());
    }
}

#[test]
fn documents_graphql_js_rejects_are_rejected() {
    for base in cases("errors") {
        let text = read(&base, ".graphql");
        let result = parse_document(&text);
        assert!(
            result.is_err(),
            "{} parsed, graphql-js says: {}",
            base.display(),
            read(&base, ".error.txt")
        );
        assert!(document_json_string(&text).is_err());
    }
}

#[test]
fn printing_is_stable() {
    // print(parse(print(x))) == print(x): the printed text is a fixed point.
    for base in cases("print") {
        let printed = read(&base, ".printed.graphql");
        similar_asserts::assert_eq!(
            print_document(&printed),
            printed,
            "reprint {}",
            base.display()
        );
    }
}
