//! Project fixtures: each folder under `tests/fixtures/build/` is a small project; its
//! `expected.txt` records every element (ID, kind, variables, dependencies, text) and every
//! diagnostic (code, position, message, frame). `UPDATE_EXPECT=1` rewrites the files; they
//! are reviewed by hand, the expected output is the spec.

mod support;

use std::path::Path;

use support::{build_fixture, render_build, run_fixture_tests};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/build");
    run_fixture_tests(&root, check_fixture)
}

fn check_fixture(dir: &Path) -> Result<(), String> {
    let session = build_fixture(dir);
    let mut failures = Vec::new();
    check_documents_reparse(&session, &mut failures);
    let actual = render_build(&session);
    if let Err(message) = support::check_expected(&dir.join("expected.txt"), &actual) {
        failures.push(message);
    }
    match failures.is_empty() {
        true => Ok(()),
        false => Err(failures.join("\n\n")),
    }
}

/// Every operation's document is what parsing its printed text gives (the builder writes
/// it from the AST when it safely can).
fn check_documents_reparse(session: &fizz_core::Session, failures: &mut Vec<String>) {
    for element in session.artifact().elements.values() {
        if let fizz_core::Prebuild::Operation(op) = &element.prebuild {
            let reparsed =
                fizz_core::document_json_string(&element.text).expect("printed text parses");
            if reparsed != op.document.get() {
                failures.push(format!("{}: document differs from parse(text)", element.id));
            }
        }
    }
}
