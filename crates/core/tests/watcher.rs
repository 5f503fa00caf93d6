//! The native watcher on a real file system: one batch per burst (1,000 writes included),
//! edits / additions / deletions / folder moves classified from what is on disk, ignored
//! folders never reported, and batches fed to a session as change sets.

mod support;

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use fizz_core::Discovery;
use fizz_core::ResolvedConfig;
use fizz_core::Session;
use fizz_core::{FileWatcher, WatchBatch, WatchOptions, WatchScope};
use support::TempDir;

const FRAGMENT: &str = r#"import { gql } from "./graphql-system";
export const userFields = gql.default(({ fragment }) => fragment("UserFields", "User")`{ id }`());
"#;

fn project() -> TempDir {
    let dir = TempDir::new("watch");
    let root = dir.path();
    write(
        root,
        "schema.graphql",
        "type Query { user: User }\ntype User { id: ID! name: String }\n",
    );
    write(
        root,
        "src/graphql-system.ts",
        "export const gql: any = {};\n",
    );
    write(root, "src/user.ts", FRAGMENT);
    write(
        root,
        "fizz.config.json",
        r#"{ "include": ["src/**/*.ts"], "graphqlSystem": { "path": "./src/graphql-system.ts" },
             "schemas": { "default": "./schema.graphql" }, "cacheDir": "src/.cache" }"#,
    );
    dir
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn config(root: &Path) -> ResolvedConfig {
    ResolvedConfig::from_file(&root.join("fizz.config.json"), None).expect("valid config")
}

struct Watching {
    _watcher: FileWatcher,
    batches: mpsc::Receiver<WatchBatch>,
}

fn watch(root: &Path) -> Watching {
    let config = config(root);
    let scope = WatchScope::new(&config, Discovery::new(&config).unwrap());
    let (tx, batches) = mpsc::channel();
    let watcher = FileWatcher::start(scope, WatchOptions::default(), move |b| {
        let _ = tx.send(b);
    })
    .expect("watcher starts");
    Watching {
        _watcher: watcher,
        batches,
    }
}

impl Watching {
    fn next(&self) -> WatchBatch {
        self.batches
            .recv_timeout(Duration::from_secs(10))
            .expect("a batch within 10 s")
    }

    /// No batch arrives for well over the quiet period.
    fn assert_quiet(&self) {
        if let Ok(batch) = self.batches.recv_timeout(Duration::from_millis(400)) {
            panic!("unexpected batch: {batch:?}");
        }
    }
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_burst_of_1000_writes_is_one_batch() {
    let dir = project();
    let w = watch(dir.path());
    let started = Instant::now();
    for i in 0..1000 {
        write(
            dir.path(),
            &format!("src/gen/f{i:04}.ts"),
            "export const x = 1;\n",
        );
    }
    let written = started.elapsed();
    let batch = w.next();
    let delivered = started.elapsed();
    assert_eq!(batch.added.len(), 1000, "{batch:?}");
    assert!(batch.updated.is_empty() && batch.removed.is_empty());
    assert_eq!(batch.added[0], "src/gen/f0000.ts");
    w.assert_quiet();
    eprintln!("1,000 writes in {written:?}; one batch {delivered:?} after the first write");
}

#[test]
fn edits_additions_and_deletions_are_told_apart() {
    let dir = project();
    let w = watch(dir.path());
    write(
        dir.path(),
        "src/user.ts",
        &FRAGMENT.replace("{ id }", "{ id name }"),
    );
    assert_eq!(w.next().updated, names(&["src/user.ts"]));
    write(dir.path(), "src/post.ts", "export const p = 1;\n");
    assert_eq!(w.next().added, names(&["src/post.ts"]));
    std::fs::remove_file(dir.path().join("src/post.ts")).unwrap();
    assert_eq!(w.next().removed, names(&["src/post.ts"]));
    std::fs::rename(
        dir.path().join("src/user.ts"),
        dir.path().join("src/person.ts"),
    )
    .unwrap();
    let batch = w.next();
    assert_eq!(
        (batch.added, batch.removed),
        (names(&["src/person.ts"]), names(&["src/user.ts"]))
    );
}

#[test]
fn a_file_written_many_times_or_created_and_deleted_in_one_burst_counts_once_or_not_at_all() {
    let dir = project();
    let w = watch(dir.path());
    for i in 0..20 {
        write(dir.path(), "src/user.ts", &format!("{FRAGMENT}// {i}\n"));
    }
    write(dir.path(), "src/tmp.ts", "export {};\n");
    std::fs::remove_file(dir.path().join("src/tmp.ts")).unwrap();
    let batch = w.next();
    assert_eq!(batch.updated, names(&["src/user.ts"]));
    assert!(
        batch.added.is_empty() && batch.removed.is_empty(),
        "{batch:?}"
    );
}

#[test]
fn folders_created_moved_and_deleted_report_their_files() {
    let dir = project();
    let w = watch(dir.path());
    write(dir.path(), "src/feature/a.ts", "export {};\n");
    write(dir.path(), "src/feature/deep/b.ts", "export {};\n");
    assert_eq!(
        w.next().added,
        names(&["src/feature/a.ts", "src/feature/deep/b.ts"])
    );
    std::fs::rename(dir.path().join("src/feature"), dir.path().join("src/moved")).unwrap();
    let batch = w.next();
    assert_eq!(
        batch.added,
        names(&["src/moved/a.ts", "src/moved/deep/b.ts"])
    );
    assert_eq!(
        batch.removed,
        names(&["src/feature/a.ts", "src/feature/deep/b.ts"])
    );
    // The moved folder is watched at its new place.
    write(dir.path(), "src/moved/deep/b.ts", "export const b = 2;\n");
    assert_eq!(w.next().updated, names(&["src/moved/deep/b.ts"]));
    std::fs::remove_dir_all(dir.path().join("src/moved")).unwrap();
    assert_eq!(
        w.next().removed,
        names(&["src/moved/a.ts", "src/moved/deep/b.ts"])
    );
}

#[test]
fn ignored_folders_and_unrelated_files_are_never_reported() {
    let dir = project();
    let w = watch(dir.path());
    write(dir.path(), "src/node_modules/pkg/index.ts", "export {};\n");
    write(dir.path(), "src/.hidden/a.ts", "export {};\n");
    write(
        dir.path(),
        "src/.cache/modules/x.mjs",
        "export default {};\n",
    );
    write(dir.path(), "src/notes.md", "# notes\n");
    write(dir.path(), "docs/a.ts", "export {};\n");
    // Reading a file (as the builder does) is no change either.
    let _ = std::fs::read_to_string(dir.path().join("src/user.ts")).unwrap();
    w.assert_quiet();
}

#[test]
fn schema_and_config_files_are_reported() {
    let dir = project();
    let w = watch(dir.path());
    write(
        dir.path(),
        "schema.graphql",
        "type Query { user: User }\ntype User { id: ID! }\n",
    );
    assert_eq!(w.next().updated, names(&["schema.graphql"]));
    let config = std::fs::read_to_string(dir.path().join("fizz.config.json")).unwrap();
    write(
        dir.path(),
        "fizz.config.json",
        &config.replace("src/**/*.ts", "src/**/*.{ts,tsx}"),
    );
    assert_eq!(w.next().updated, names(&["fizz.config.json"]));
}

#[test]
fn batches_fed_to_a_session_keep_it_equal_to_a_fresh_build() {
    let dir = project();
    let mut session = Session::new(config(dir.path()), false).unwrap();
    let w = {
        let (tx, batches) = mpsc::channel();
        let watcher = FileWatcher::for_session(&session, WatchOptions::default(), move |b| {
            let _ = tx.send(b);
        })
        .unwrap();
        Watching {
            _watcher: watcher,
            batches,
        }
    };
    session.build_initial();
    write(
        dir.path(),
        "src/user.ts",
        &FRAGMENT.replace("{ id }", "{ id name }"),
    );
    write(
        dir.path(),
        "src/query.ts",
        "import { gql } from \"./graphql-system\";\nimport { userFields } from \"./user\";\nexport const Q = gql.default(({ query }) => query(\"Q\")`{ user { ...${userFields} } }`());\n",
    );
    let batch = w.next();
    let result = session.update(Some(&batch.change_set()));
    assert_eq!(result.delta.added, names(&["src/query.ts::Q"]));
    assert_eq!(result.delta.updated, names(&["src/user.ts::userFields"]));
    let mut fresh = Session::new(config(dir.path()), false).unwrap();
    fresh.build_initial();
    assert_eq!(
        session.artifact().comparable_json(),
        fresh.artifact().comparable_json()
    );
}
