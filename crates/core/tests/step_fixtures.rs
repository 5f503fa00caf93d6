//! Step fixtures: `tests/fixtures/steps/<case>/base/` is a project; each folder
//! `tests/fixtures/steps/<case>/NN-name/` is one step whose files are written over the
//! project (`path.remove` deletes `path`; a `_sweep` file means `update()` without a change
//! set). `expected.txt` records, for the cold build and every step, the delta, the affected
//! files, what was read, analysed, recomposed and rewritten, and the diagnostics; after
//! every step the artifact must equal a fresh cold build of the same files.

mod support;

use std::path::Path;

use support::{check_expected, fixture_dirs};

mod steps {
    pub use super::support::steps::*;
}

#[test]
fn step_fixtures_match_their_expected_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/steps");
    let mut failures = Vec::new();
    for dir in fixture_dirs(&root) {
        let actual = steps::run_case(&dir);
        if let Err(message) = check_expected(&dir.join("expected.txt"), &actual) {
            failures.push(message);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
