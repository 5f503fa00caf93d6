//! Helpers shared by the fixture tests: opening a fixture project, rendering what a user
//! would see, and comparing with (or rewriting) the checked-in expectation.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use fizz_core::Diagnostic;
use fizz_core::Prebuild;
use fizz_core::ResolvedConfig;
use fizz_core::Session;

/// Every fixture folder under `root` (folders starting with `_` hold shared files).
pub fn fixture_dirs(root: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("fixture root exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && !p.file_name().unwrap().to_string_lossy().starts_with('_'))
        .collect();
    dirs.sort();
    dirs
}

/// Runs one test per fixture folder under `root` (named by the folder, so `cargo test
/// <name>` runs one and a failure names its fixture), with `check` as the test body.
pub fn run_fixture_tests(root: &Path, check: fn(&Path) -> Result<(), String>) -> ! {
    let dirs = fixture_dirs(root);
    assert!(!dirs.is_empty(), "no fixtures in {}", root.display());
    let trials = dirs
        .into_iter()
        .map(|dir| {
            let name = dir.file_name().unwrap().to_string_lossy().to_string();
            libtest_mimic::Trial::test(name, move || check(&dir).map_err(Into::into))
        })
        .collect();
    libtest_mimic::run(&libtest_mimic::Arguments::from_args(), trials).exit()
}

/// The config of a fixture: its own `fizz.config.json`, or the shared default (every
/// `.ts`/`.tsx` file, the shared schemas, the alias `@/gql`).
pub fn fixture_config(dir: &Path) -> ResolvedConfig {
    let file = dir.join("fizz.config.json");
    if file.is_file() {
        return ResolvedConfig::from_file(&file, None).expect("fixture config is valid");
    }
    let value = serde_json::json!({
        "include": ["**/*.{ts,tsx}"],
        "graphqlSystem": { "path": "../_shared/graphql-system.ts", "aliases": ["@/gql"] },
        "schemas": { "default": "../_shared/schema.graphql", "admin": "../_shared/admin.graphql" },
        // Fixtures build in place: no type files in the source tree.
        "types": false,
    });
    ResolvedConfig::from_value(&value, dir, "fixture").expect("default fixture config is valid")
}

/// A session over a fixture, built cold.
pub fn build_fixture(dir: &Path) -> Session {
    let mut session = Session::new(fixture_config(dir), false).expect("session opens");
    session.build_initial();
    session
}

/// What a user sees of a build: elements and diagnostics.
pub fn render_build(session: &Session) -> String {
    let artifact = session.artifact();
    let mut out = String::from("== elements\n");
    for element in artifact.elements.values() {
        let (kind, label, variables) = match &element.prebuild {
            Prebuild::Operation(op) => (
                op.operation_type.as_str(),
                op.schema_label.as_str(),
                op.variable_names.clone(),
            ),
            Prebuild::Fragment(f) => (
                "fragment",
                f.schema_label.as_str(),
                element.variable_names.clone().unwrap_or_default(),
            ),
        };
        out.push_str(&format!("-- {} ({kind}, {label})\n", element.id));
        if !variables.is_empty() {
            out.push_str(&format!("variables: {}\n", variables.join(", ")));
        }
        if !element.dependencies.is_empty() {
            out.push_str(&format!(
                "dependencies: {}\n",
                element.dependencies.join(", ")
            ));
        }
        out.push_str(&element.text);
        out.push('\n');
    }
    out.push_str("== diagnostics\n");
    for d in artifact.diagnostics.iter() {
        out.push_str(&render_diagnostic(d));
    }
    out
}

/// One diagnostic as `severity CODE file:line:col-endLine:endCol [id] message` plus its frame.
pub fn render_diagnostic(d: &Diagnostic) -> String {
    let severity = match d.severity {
        fizz_core::Severity::Error => "error",
        fizz_core::Severity::Warning => "warning",
    };
    let id = d
        .canonical_id
        .as_deref()
        .map(|id| format!(" [{id}]"))
        .unwrap_or_default();
    let mut out = format!(
        "{severity} {} {}:{}:{}-{}:{}{id} {}\n",
        d.code, d.file, d.line, d.column, d.end_line, d.end_column, d.message
    );
    for r in &d.related {
        out.push_str(&format!(
            "  related {}:{}:{} {}\n",
            r.file, r.line, r.column, r.message
        ));
    }
    for line in d.frame.lines() {
        out.push_str(&format!("  |{line}\n"));
    }
    out
}

/// Compares `actual` with the file, or rewrites it when `UPDATE_EXPECT=1`.
pub fn check_expected(path: &Path, actual: &str) -> Result<(), String> {
    if std::env::var("UPDATE_EXPECT").as_deref() == Ok("1") {
        std::fs::write(path, actual).expect("expected file is writable");
        return Ok(());
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected == actual {
        return Ok(());
    }
    Err(format!(
        "{} differs:\n{}",
        path.display(),
        similar_asserts::SimpleDiff::from_str(&expected, actual, "expected", "actual")
    ))
}

pub mod random_project;
pub mod steps;

/// A temporary folder removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> Self {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("fizz-test-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Self(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
