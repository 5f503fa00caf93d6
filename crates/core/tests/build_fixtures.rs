//! Project fixtures: each folder under `tests/fixtures/build/` is a small project; its
//! `expected.txt` records every element (ID, kind, variables, dependencies, text) and every
//! diagnostic (code, position, message, frame). `UPDATE_EXPECT=1` rewrites the files; they
//! are reviewed by hand, the expected output is the spec.

mod support;

use std::path::Path;

use support::{build_fixture, fixture_dirs, render_build};

#[test]
fn build_fixtures_match_their_expected_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/build");
    let mut failures = Vec::new();
    for dir in fixture_dirs(&root) {
        let session = build_fixture(&dir);
        let actual = render_build(&session);
        if let Err(message) = support::check_expected(&dir.join("expected.txt"), &actual) {
            failures.push(message);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
