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

fn main() {
    type Check = fn(&Path) -> Result<(), String>;
    let suites: [(&str, &str, Check); 5] = [
        ("print", "print", print_matches_graphql_js),
        (
            "json-of-printed",
            "print",
            document_json_of_printed_text_matches_graphql_js,
        ),
        (
            "json-of-source",
            "print",
            document_json_of_source_matches_graphql_js,
        ),
        ("json", "json", document_json_matches_graphql_js),
        (
            "rejected",
            "errors",
            documents_graphql_js_rejects_are_rejected,
        ),
    ];
    let mut trials = Vec::new();
    for (suite, kind, check) in suites {
        for base in cases(kind) {
            let name = format!("{suite}::{}", base.file_name().unwrap().to_string_lossy());
            trials.push(libtest_mimic::Trial::test(name, move || {
                check(&base).map_err(Into::into)
            }));
        }
    }
    for base in cases("print") {
        let name = format!("reprint::{}", base.file_name().unwrap().to_string_lossy());
        trials.push(libtest_mimic::Trial::test(name, move || {
            printing_is_stable(&base).map_err(Into::into)
        }));
    }
    libtest_mimic::run(&libtest_mimic::Arguments::from_args(), trials).exit()
}

/// `Err` with a readable diff when `actual` is not `expected`.
fn same(actual: &str, expected: &str, what: &str) -> Result<(), String> {
    if actual == expected {
        return Ok(());
    }
    let diff = similar_asserts::SimpleDiff::from_str(expected, actual, "expected", "actual");
    Err(format!("{what} differs:\n{diff}"))
}

fn print_matches_graphql_js(base: &Path) -> Result<(), String> {
    let printed = print_document(&read(base, ".graphql"));
    same(&printed, &read(base, ".printed.graphql"), "print")
}

fn document_json_of_printed_text_matches_graphql_js(base: &Path) -> Result<(), String> {
    let json = document_json_string(&read(base, ".printed.graphql"))
        .map_err(|e| format!("printed text does not parse: {e:?}"))?;
    same(&json, &read(base, ".json"), "json")
}

fn document_json_of_source_matches_graphql_js(base: &Path) -> Result<(), String> {
    let source_json = PathBuf::from(format!("{}.source.json", base.display()));
    let expected = if source_json.exists() {
        read(base, ".source.json")
    } else {
        read(base, ".json")
    };
    let json = document_json_string(&read(base, ".graphql"))
        .map_err(|e| format!("source does not parse: {e:?}"))?;
    same(&json, &expected, "source json")
}

fn document_json_matches_graphql_js(base: &Path) -> Result<(), String> {
    let json = document_json_string(&read(base, ".graphql"))
        .map_err(|e| format!("document does not parse: {e:?}"))?;
    same(&json, &read(base, ".json"), "json")
}

fn documents_graphql_js_rejects_are_rejected(base: &Path) -> Result<(), String> {
    let text = read(base, ".graphql");
    if parse_document(&text).is_ok() || document_json_string(&text).is_ok() {
        return Err(format!(
            "parsed, graphql-js says: {}",
            read(base, ".error.txt")
        ));
    }
    Ok(())
}

/// print(parse(print(x))) == print(x): the printed text is a fixed point.
fn printing_is_stable(base: &Path) -> Result<(), String> {
    let printed = read(base, ".printed.graphql");
    same(&print_document(&printed), &printed, "reprint")
}
