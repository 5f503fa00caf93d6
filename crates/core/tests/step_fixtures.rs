//! Step fixtures: `tests/fixtures/steps/<case>/base/` is a project; each folder
//! `tests/fixtures/steps/<case>/NN-name/` is one step whose files are written over the
//! project (`path.remove` deletes `path`; a `_sweep` file means `update()` without a change
//! set). `expected.txt` records, for the cold build and every step, the delta, the affected
//! files, what was read, analysed, recomposed and rewritten, and the diagnostics; after
//! every step the artifact must equal a fresh cold build of the same files.

mod support;

use std::path::Path;

use support::{check_expected, run_fixture_tests};

mod steps {
    pub use super::support::steps::*;
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/steps");
    run_fixture_tests(&root, |dir| {
        check_expected(&dir.join("expected.txt"), &steps::run_case(dir))
    })
}
