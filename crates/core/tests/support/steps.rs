//! Running a step fixture: a temporary copy of the base project, one session kept across
//! the steps, and a fresh session per step to compare against.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fizz_core::BuildResult;
use fizz_core::ChangeSet;
use fizz_core::ResolvedConfig;
use fizz_core::Session;

use super::{render_diagnostic, TempDir};

/// Runs every step of a case and renders what each did.
pub fn run_case(case: &Path) -> String {
    let project = TempDir::new("steps");
    copy_tree(&case.join("base"), project.path());
    let mut session = Session::new(config(project.path()), true).expect("session opens");
    settle();
    let mut out = String::new();
    render_step(&mut out, "cold", &session.build_initial());
    for step in step_dirs(case) {
        let name = step.file_name().unwrap().to_string_lossy().to_string();
        let changes = apply_step(&step, project.path());
        settle();
        let result = session.update(changes.as_ref());
        // The session's writer thread writes the type files; they are compared below.
        assert_eq!(
            session.wait_for_writes(),
            Vec::new(),
            "{name}: no write failed"
        );
        render_step(&mut out, &name, &result);
        let (fresh, fresh_types, fresh_diagnostics) = fresh_build(project.path());
        if fresh != session.artifact().comparable_json() {
            out.push_str("!! the updated artifact differs from a fresh build\n");
        }
        if fresh_diagnostics != lasting_diagnostics(&result) {
            out.push_str("!! the diagnostics differ from a fresh build's\n");
        }
        if fresh_types != type_files(&config(project.path())) {
            out.push_str("!! the updated type files differ from a fresh build's\n");
        }
    }
    out
}

/// A fresh cold build of `root`: its artifact (comparable JSON), its type files, written
/// into a folder of their own so they never mix with the session under test's, and its
/// diagnostics (rendered, see [`lasting_diagnostics`]).
pub fn fresh_build(root: &Path) -> (String, BTreeMap<String, String>, String) {
    let out = TempDir::new("fresh-types");
    let mut config = config(root);
    if let Some(types) = config.types.as_mut() {
        types.out_dir = out.path().to_path_buf();
    }
    let mut session = Session::new(config.clone(), false).expect("fresh session opens");
    let result = session.build_initial();
    session.wait_for_writes();
    (
        session.artifact().comparable_json(),
        type_files(&config),
        lasting_diagnostics(&result),
    )
}

/// A build's diagnostics as rendered, minus those about only this build (a snapshot
/// discarded, a path ignored): what an update and a fresh build must agree on.
fn lasting_diagnostics(result: &BuildResult) -> String {
    let transient = ["SNAPSHOT_DISCARDED", "PATH_IGNORED"];
    result
        .diagnostics
        .iter()
        .filter(|d| !transient.contains(&d.code.as_str()))
        .map(render_diagnostic)
        .collect()
}

/// The files of a config's type folder: name → text (empty when types are off).
pub fn type_files(config: &ResolvedConfig) -> BTreeMap<String, String> {
    let Some(types) = &config.types else {
        return BTreeMap::new();
    };
    let Ok(entries) = std::fs::read_dir(&types.out_dir) else {
        return BTreeMap::new();
    };
    entries
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().to_string(),
                std::fs::read_to_string(e.path()).unwrap_or_default(),
            )
        })
        .collect()
}

/// Waits out the racy-fingerprint window, so what a step re-reads does not depend on timing.
pub fn settle() {
    std::thread::sleep(std::time::Duration::from_millis(60));
}

/// The project's config with its cache inside the project.
pub fn config(root: &Path) -> ResolvedConfig {
    let mut value: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("fizz.config.json")).expect("config"),
    )
    .expect("json");
    value["cacheDir"] = serde_json::json!(".cache");
    let mut config =
        ResolvedConfig::from_value(&value, root, "fizz.config.json").expect("valid config");
    config.config_file = Some(root.join("fizz.config.json"));
    config
}

fn step_dirs(case: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(case)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && p.file_name().unwrap() != "base")
        .collect();
    dirs.sort();
    dirs
}

/// Writes a step's files into the project; returns its change set (`None` for a sweep).
fn apply_step(step: &Path, project: &Path) -> Option<ChangeSet> {
    let mut changes = ChangeSet::default();
    let mut sweep = false;
    for file in walk(step) {
        let rel = file
            .strip_prefix(step)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "_sweep" {
            sweep = true;
        } else if let Some(target) = rel.strip_suffix(".remove") {
            std::fs::remove_file(project.join(target)).expect("file to remove exists");
            changes.removed.push(target.to_string());
        } else {
            let target = project.join(&rel);
            let existed = target.exists();
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(&target, std::fs::read(&file).unwrap()).unwrap();
            if existed {
                changes.updated.push(rel)
            } else {
                changes.added.push(rel)
            }
        }
    }
    (!sweep).then_some(changes)
}

fn render_step(out: &mut String, name: &str, result: &BuildResult) {
    let list = |items: &[String]| {
        if items.is_empty() {
            "-".to_string()
        } else {
            items.join(", ")
        }
    };
    out.push_str(&format!("== {name}\n"));
    out.push_str(&format!("added: {}\n", list(&result.delta.added)));
    out.push_str(&format!("updated: {}\n", list(&result.delta.updated)));
    out.push_str(&format!("removed: {}\n", list(&result.delta.removed)));
    out.push_str(&format!(
        "affected files: {}\n",
        list(&result.affected_files)
    ));
    out.push_str(&format!("read: {}\n", list(&result.trace.read)));
    out.push_str(&format!("analyzed: {}\n", list(&result.trace.analyzed)));
    out.push_str(&format!("recomposed: {}\n", list(&result.trace.recomposed)));
    out.push_str(&format!(
        "chunks written: {}\n",
        list(&result.trace.chunks_written)
    ));
    out.push_str(&format!(
        "chunks deleted: {}\n",
        list(&result.trace.chunks_deleted)
    ));
    out.push_str(&format!(
        "types written: {}\n",
        list(&result.trace.types_written)
    ));
    out.push_str(&format!(
        "types deleted: {}\n",
        list(&result.trace.types_deleted)
    ));
    let s = &result.stats;
    out.push_str(&format!(
        "stats: hits {} misses {} skips {} parsed {}\n",
        s.hits, s.misses, s.skips, s.parsed
    ));
    for d in &result.diagnostics {
        out.push_str(&render_diagnostic(d));
    }
}

/// A temporary copy of a step fixture's `base/` folder (`steps/<case>/base`), settled so
/// that its files are not racy.
pub fn copy_base(case: &str, prefix: &str) -> TempDir {
    let dir = TempDir::new(prefix);
    let base = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/steps")
        .join(case)
        .join("base");
    copy_tree(&base, dir.path());
    settle();
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    for file in walk(from) {
        let target = to.join(file.strip_prefix(from).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&file, &target).unwrap();
    }
}

/// Every file under `dir`, sorted.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p)
            } else {
                out.push(p)
            }
        }
    }
    out.sort();
    out
}
