//! The type folder across sessions: a restored session rewrites only the type files that
//! are not as it would write them (one deleted while no process ran), a cold build removes
//! files it did not write, and `types: false` writes none.

mod support;

use std::path::Path;

use fizz_core::Session;
use support::steps::{config, type_files};
use support::TempDir;

fn project() -> TempDir {
    support::steps::copy_base("types", "type-files")
}

fn out_dir(root: &Path) -> std::path::PathBuf {
    config(root).types.expect("types are on").out_dir
}

#[test]
fn a_restored_session_rewrites_only_a_missing_type_file() {
    let dir = project();
    let mut first = Session::new(config(dir.path()), true).unwrap();
    assert_eq!(first.build_initial().stats.types_written, 3);
    first.persist().unwrap();
    let expected = type_files(&config(dir.path()));
    assert_eq!(
        expected.len(),
        4,
        "three source files with definitions and the index"
    );
    let victim = expected
        .keys()
        .find(|n| *n != "index.d.ts")
        .unwrap()
        .clone();
    std::fs::remove_file(out_dir(dir.path()).join(&victim)).unwrap();
    let mut restored = Session::new(config(dir.path()), true).unwrap();
    let result = restored.build_initial();
    restored.wait_for_writes();
    assert_eq!(result.stats.parsed, 0, "restored, not rebuilt");
    assert_eq!(result.stats.types_written, 1);
    assert_eq!(type_files(&config(dir.path())), expected);
}

#[test]
fn a_cold_build_removes_what_it_did_not_write() {
    let dir = project();
    let out = out_dir(dir.path());
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("stale.d.ts"), "export {};\n").unwrap();
    let mut session = Session::new(config(dir.path()), false).unwrap();
    session.build_initial();
    session.wait_for_writes();
    let files = type_files(&config(dir.path()));
    assert!(!files.contains_key("stale.d.ts"));
    assert_eq!(files.len(), 4);
}

#[test]
fn types_false_writes_no_type_file() {
    let dir = project();
    let mut config = config(dir.path());
    let out = config.types.take().unwrap().out_dir;
    let mut session = Session::new(config, false).unwrap();
    let result = session.build_initial();
    assert_eq!(result.stats.types_written, 0);
    assert!(!out.exists());
}
