//! Persistence in Rust: a second session restores the first one's `session.json` (every
//! unchanged file a hit, the artifact equal to a cold build), and a snapshot that cannot be
//! trusted is discarded with a warning.

mod support;

use std::path::Path;

use fizz_core::Session;
use support::steps::config;
use support::TempDir;

fn project() -> TempDir {
    support::steps::copy_base("basic", "persist")
}

fn persisted(dir: &Path) -> String {
    let mut session = Session::new(config(dir), true).unwrap();
    session.build_initial();
    session.persist().unwrap();
    session.artifact().comparable_json()
}

#[test]
fn a_new_session_restores_without_reading_unchanged_files() {
    let dir = project();
    let artifact = persisted(dir.path());
    let mut restored = Session::new(config(dir.path()), true).unwrap();
    let result = restored.build_initial();
    assert_eq!(result.stats.hits, 7);
    assert_eq!(result.stats.parsed, 0);
    assert!(result.delta.is_empty());
    assert!(result.diagnostics.is_empty());
    assert_eq!(restored.artifact().comparable_json(), artifact);
}

#[test]
fn a_damaged_snapshot_means_a_cold_build_and_a_warning() {
    let dir = project();
    let artifact = persisted(dir.path());
    let snapshot = dir.path().join(".cache/session.json");
    let text = std::fs::read_to_string(&snapshot).unwrap();
    std::fs::write(&snapshot, &text[..text.len() / 3]).unwrap();
    let mut restored = Session::new(config(dir.path()), true).unwrap();
    let result = restored.build_initial();
    assert_eq!(result.stats.parsed, 7);
    assert_eq!(
        result
            .diagnostics
            .iter()
            .filter(|d| d.code == "SNAPSHOT_DISCARDED")
            .count(),
        1
    );
    assert_eq!(restored.artifact().comparable_json(), artifact);
}
