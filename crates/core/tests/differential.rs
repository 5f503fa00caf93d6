//! Differential test: seeded random sequences of edits on a generated project; after every
//! step the updated artifact must equal a fresh cold build of the same files, byte for byte
//! minus `report`, and so must `BuildResult.diagnostics` (code, file, line, column, end):
//! positions are derived state and move with edits. 10,200 steps over six seeds run in
//! parallel (about 40 s on two cores); `FIZZ_DIFF_STEPS` and `FIZZ_DIFF_SEED` replay or
//! lengthen a run (`FIZZ_DIFF_STEPS=100000` for the long one).

mod support;

use fizz_core::ChangeSet;
use fizz_core::Session;
use support::random_project::{Project, Rng};
use support::steps::config;
use support::TempDir;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What a fresh cold build of the same files gives: the artifact (minus `report`) and the
/// `BuildResult.diagnostics`, one line each, after checking that the type files of the
/// session under test equal the fresh build's.
fn fresh_build(root: &std::path::Path) -> (String, String) {
    let out = TempDir::new("fresh-types");
    let mut fresh_config = config(root);
    if let Some(types) = fresh_config.types.as_mut() {
        types.out_dir = out.path().to_path_buf();
    }
    let mut fresh = Session::new(fresh_config.clone(), false).expect("fresh session");
    let result = fresh.build_initial();
    fresh.wait_for_writes();
    assert_eq!(
        support::steps::type_files(&config(root)),
        support::steps::type_files(&fresh_config),
        "the type files differ from a fresh build's"
    );
    (
        fresh.artifact().comparable_json(),
        diagnostic_lines(&result),
    )
}

/// `BuildResult.diagnostics` as positions a user sees (code, file, line, column, end),
/// leaving out what only happened in this build (a snapshot discarded, a path ignored).
fn diagnostic_lines(result: &fizz_core::BuildResult) -> String {
    let transient = ["SNAPSHOT_DISCARDED", "PATH_IGNORED"];
    result
        .diagnostics
        .iter()
        .filter(|d| !transient.contains(&d.code.as_str()))
        .map(|d| {
            format!(
                "{} {}:{}:{}-{}:{} [{}] {}\n",
                d.code,
                d.file,
                d.line,
                d.column,
                d.end_line,
                d.end_column,
                d.canonical_id.as_deref().unwrap_or(""),
                d.message
            )
        })
        .collect()
}

#[test]
fn incremental_updates_equal_fresh_builds() {
    let steps = env_number("FIZZ_DIFF_STEPS", 10_200);
    let first = env_number("FIZZ_DIFF_SEED", 1);
    let seeds: Vec<u64> = (first..first + 6).collect();
    let per_seed = steps / seeds.len() as u64;
    std::thread::scope(|scope| {
        for &seed in &seeds {
            scope.spawn(move || run_seed(seed, per_seed));
        }
    });
}

fn run_seed(seed: u64, per_seed: u64) {
    {
        let dir = TempDir::new("diff");
        if std::env::var("FIZZ_DIFF_KEEP").is_ok() {
            eprintln!("dir {}", dir.path().display());
        }
        let mut rng = Rng::new(seed);
        let mut project = Project::generate(&mut rng);
        project.write_all(dir.path());
        let mut session = Session::new(config(dir.path()), true).expect("session");
        session.build_initial();
        session.wait_for_writes();
        assert_eq!(
            session.artifact().comparable_json(),
            fresh_build(dir.path()).0,
            "seed {seed}: cold build"
        );
        // The generated options-object definitions (odd operations, fragment 3) build, or
        // are held back by an error of their own file (random content may conflict): never
        // silently dropped.
        for id in ["src/pages/op1.ts::Op1", "src/frags/f3.ts::f3"] {
            let artifact = session.artifact();
            let file = id.split("::").next().unwrap_or(id);
            assert!(
                artifact.elements.contains_key(id)
                    || artifact
                        .diagnostics
                        .iter()
                        .any(|d| d.file == file && d.severity == fizz_core::Severity::Error),
                "seed {seed}: {id} (options-object form) is neither an element nor explained"
            );
        }
        assert!(
            support::steps::type_files(&config(dir.path())).len() > 1,
            "seed {seed}: the cold build wrote type files"
        );
        let (mut changed_steps, mut error_steps, mut elements_seen) = (0, 0, 0);
        for step in 0..per_seed {
            // Now and then the process "ends": the session is persisted, the edit happens
            // while nothing runs, and a new session restores and sweeps.
            let restart = rng.chance(4);
            if restart {
                session.persist().expect("persist");
            }
            let (added, updated, removed) = project.edit(&mut rng, dir.path());
            let changes = ChangeSet {
                added: added.clone(),
                updated: updated.clone(),
                removed: removed.clone(),
            };
            let sweep = rng.chance(20);
            let result = if restart {
                session = Session::new(config(dir.path()), true).expect("session");
                let result = session.build_initial();
                assert!(
                    result
                        .diagnostics
                        .iter()
                        .all(|d| d.code != "SNAPSHOT_DISCARDED"),
                    "seed {seed}, step {step}: the snapshot was discarded"
                );
                result
            } else {
                session.update(if sweep { None } else { Some(&changes) })
            };
            // The type files are compared with a fresh build's below: wait for the writer.
            session.wait_for_writes();
            changed_steps += usize::from(!result.delta.is_empty());
            if std::env::var("FIZZ_DIFF_DEBUG").is_ok() {
                eprintln!(
                    "{step}: +{:?} ~{:?} -{:?} delta {} errors {} elements {}",
                    added,
                    updated,
                    removed,
                    result.delta.added.len()
                        + result.delta.updated.len()
                        + result.delta.removed.len(),
                    result.diagnostics.len(),
                    session.artifact().elements.len()
                );
            }
            error_steps += usize::from(
                result
                    .diagnostics
                    .iter()
                    .any(|d| d.severity == fizz_core::Severity::Error),
            );
            elements_seen += session.artifact().elements.len();
            let (expected, expected_diagnostics) = fresh_build(dir.path());
            let actual_diagnostics = diagnostic_lines(&result);
            assert!(
                actual_diagnostics == expected_diagnostics,
                "seed {seed}, step {step} ({}): BuildResult.diagnostics differ; added {added:?} updated {updated:?} removed {removed:?}; recomposed {:?}\n{}",
                if restart { "restore" } else if sweep { "sweep" } else { "change set" },
                result.trace.recomposed,
                similar_asserts::SimpleDiff::from_str(&expected_diagnostics, &actual_diagnostics, "fresh", "incremental")
            );
            let actual = session.artifact().comparable_json();
            assert!(
                actual == expected,
                "seed {seed}, step {step} ({}): added {added:?} updated {updated:?} removed {removed:?}\n{}",
                if restart { "restore" } else if sweep { "sweep" } else { "change set" },
                similar_asserts::SimpleDiff::from_str(&expected, &actual, "fresh", "incremental")
            );
        }
        // The run must have exercised something: changes, errors, and a project with elements.
        let per_seed = per_seed as usize;
        assert!(
            changed_steps > per_seed / 4,
            "seed {seed}: only {changed_steps} steps changed the artifact"
        );
        assert!(
            error_steps > per_seed / 20,
            "seed {seed}: only {error_steps} steps had errors"
        );
        assert!(
            elements_seen > per_seed * 5,
            "seed {seed}: the artifact was nearly empty"
        );
        eprintln!("seed {seed}: {per_seed} steps, {changed_steps} changed the artifact, {error_steps} had errors, {} elements on average", elements_seen / per_seed);
    }
}
