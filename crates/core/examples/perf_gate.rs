//! One scenario of the performance regression gate (`npm run perf-gate`,
//! scripts/perf-gate.mjs), run under callgrind, which counts the instructions of the
//! measured part only:
//!
//! ```sh
//! valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*perf_gate::measured_*' \
//!   target/x86_64-unknown-linux-gnu/fastrel/examples/perf_gate cold|edit-leaf DIR
//! ```
//!
//! `DIR` is a project made by `benchmark/generate.mjs` (its `bench-manifest.json` says what
//! edit-leaf edits). Everything outside the `measured_*` functions — loading the config,
//! opening the session, edit-leaf's initial build and the edit itself — is not counted.
//!
//! The count is made deterministic here:
//! - one build thread (`RAYON_NUM_THREADS=1`, set before the build pool exists), and the
//!   measured call runs on that thread (`on_build_pool`), so no work-stealing, no
//!   hand-off between threads and no idle spinning is counted;
//! - the gate generates the project afresh for each run, at a fixed path (the build hashes
//!   and copies absolute paths: a longer one costs more, about 1% for 20 more bytes), and
//!   sets every file's and folder's mtime far in the past, so none is
//!   "racy" (modified within the last 50 ms, whose stat the builder does not trust), and
//!   edit-leaf gives the file it edits a fixed mtime rather than the clock's;
//! - the builder's maps hash with fxhash (no random seed);
//! - edit-leaf measures an update in the steady state the benchmark times, after a warm-up
//!   round: the first update after a cold build also frees the cold build's trace, and how
//!   much that costs swings with glibc's heap state (by 14% between two folder names of
//!   the same length, through `malloc_consolidate`; the steady-state update by 0.1%).
//!
//! Prints one JSON line with what the build did, which the gate checks (a scenario that
//! stopped doing its work would look like an improvement).

use std::fs::File;
use std::path::Path;
use std::time::Duration;

use fizz_core::{BuildResult, ChangeSet, ResolvedConfig, Session, Severity};
use serde_json::{json, Value};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(scenario), Some(dir)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: perf_gate cold|edit-leaf PROJECT_DIR");
        std::process::exit(2);
    };
    // Before anything starts the build pool, which reads it once.
    std::env::set_var("RAYON_NUM_THREADS", "1");
    let root = Path::new(dir);
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("bench-manifest.json")).expect("bench-manifest.json"),
    )
    .expect("manifest JSON");
    let config = ResolvedConfig::from_file(&root.join("fizz.config.json"), None).expect("config");
    let report = match scenario.as_str() {
        "cold" => cold(config),
        "edit-leaf" => edit_leaf(config, root, &manifest["scenarios"]["editLeaf"]),
        other => {
            eprintln!("unknown scenario {other} (cold, edit-leaf)");
            std::process::exit(2);
        }
    };
    println!("{report}");
}

/// A new session (no persistence, as the benchmark's cold), `build_initial()`.
fn cold(config: ResolvedConfig) -> Value {
    let mut session = Session::new(config, false).expect("session");
    let result = fizz_core::on_build_pool(|| measured_cold(&mut session));
    summary("cold", &result)
}

#[inline(never)]
fn measured_cold(session: &mut Session) -> BuildResult {
    session.build_initial()
}

/// A persisted session (as the benchmark's update scenarios, so an update writes the
/// edited file's chunk) builds; then, as the benchmark alternates the file between its
/// generated text and the manifest's edit-leaf edit, one round of warm-up (edit, update,
/// revert, update: the first update after a cold build also drops the cold build's trace,
/// which no later one does) and the measured `update({ updated: [file] })` after the edit.
fn edit_leaf(config: ResolvedConfig, root: &Path, edit: &Value) -> Value {
    let file = edit["file"].as_str().expect("editLeaf.file");
    let from = edit["from"].as_str().expect("editLeaf.from");
    let to = edit["to"].as_str().expect("editLeaf.to");
    let mut session = Session::new(config, true).expect("session");
    let initial = session.build_initial();
    assert!(
        !initial.delta.added.is_empty(),
        "the initial build found no definitions"
    );
    drop(initial);
    let path = root.join(file);
    let original = std::fs::read_to_string(&path).expect("edited file");
    assert_eq!(
        original.matches(from).count(),
        1,
        "editLeaf.from must occur once in {file}"
    );
    let edited = original.replacen(from, to, 1);
    let generated = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("mtime");
    let changes = ChangeSet {
        updated: vec![file.to_string()],
        ..ChangeSet::default()
    };
    let mut round = 0;
    let mut write = |text: &str| {
        round += 1;
        std::fs::write(&path, text).expect("write the edit");
        // A fixed mtime, not the clock's: the stat then never falls in the racy window.
        File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(generated + Duration::from_secs(round)))
            .expect("set the edited file's mtime");
    };
    write(&edited);
    let warm_up = session.update(Some(&changes));
    assert_eq!(
        warm_up.delta.updated.len(),
        1,
        "the warm-up edit updated one element"
    );
    drop(warm_up);
    write(&original);
    drop(session.update(Some(&changes)));
    write(&edited);
    let result = fizz_core::on_build_pool(|| measured_update(&mut session, &changes));
    let mut out = summary("edit-leaf", &result);
    out["operation"] = json!(edit["operation"]);
    out
}

#[inline(never)]
fn measured_update(session: &mut Session, changes: &ChangeSet) -> BuildResult {
    session.update(Some(changes))
}

fn summary(scenario: &str, result: &BuildResult) -> Value {
    let errors: Vec<String> = result
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{} {}: {}", d.code, d.file, d.message))
        .collect();
    json!({
        "scenario": scenario,
        "threads": rayon_threads(),
        "added": result.delta.added.len(),
        "updated": result.delta.updated,
        "removed": result.delta.removed.len(),
        "parsed": result.stats.parsed,
        "chunksWritten": result.stats.chunks_written,
        "typesWritten": result.stats.types_written,
        "errors": errors,
    })
}

/// The build pool's thread count, seen from inside it.
fn rayon_threads() -> usize {
    fizz_core::on_build_pool(rayon::current_num_threads)
}
