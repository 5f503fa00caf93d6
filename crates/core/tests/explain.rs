//! `explain`: a definition's dependencies and dependents, and what the last build that
//! changed something re-ran for it — also in a later process, since it is persisted.

mod support;

use std::path::Path;

use fizz_core::ChangeSet;
use fizz_core::Session;
use support::TempDir;

fn project() -> TempDir {
    support::steps::copy_base("basic", "explain")
}

fn open(root: &Path) -> Session {
    Session::new(support::steps::config(root), true).expect("session opens")
}

#[test]
fn a_definition_is_explained_by_its_dependencies_and_dependents() {
    let project = project();
    let mut session = open(project.path());
    session.build_initial();
    let e = session.explain("src/fragments/user.ts::userFields");
    assert_eq!(e.kind, "definition");
    let d = &e.definitions[0];
    assert_eq!(
        (d.kind.as_str(), d.name.as_str(), d.built),
        ("fragment", "UserFields", true)
    );
    assert!(d.dependencies.is_empty());
    assert_eq!(
        d.dependents,
        ["src/fragments/post.ts::postFields", "src/pages/b.ts::B"]
    );
    assert_eq!(
        d.transitive_dependents,
        [
            "src/fragments/post.ts::postFields",
            "src/pages/a.ts::A",
            "src/pages/b.ts::B"
        ]
    );
    let f = session.explain("src/fragments/index.ts");
    assert_eq!(f.kind, "file");
    assert_eq!(
        f.imports,
        ["src/fragments/post.ts", "src/fragments/user.ts"]
    );
    assert_eq!(f.imported_by, ["src/pages/a.ts", "src/pages/b.ts"]);
    assert_eq!(session.explain("src/nope.ts::x").kind, "unknown");
}

#[test]
fn the_last_update_is_remembered_across_processes() {
    let project = project();
    let mut session = open(project.path());
    session.build_initial();
    support::steps::settle();
    let user = project.path().join("src/fragments/user.ts");
    let text = std::fs::read_to_string(&user).unwrap();
    std::fs::write(&user, text.replace("{ id name }", "{ id name email }")).unwrap();
    let changes = ChangeSet {
        updated: vec!["src/fragments/user.ts".into()],
        ..ChangeSet::default()
    };
    let result = session.update(Some(&changes));
    let generation = result.generation;
    session.persist().unwrap();
    drop(session);
    support::steps::settle();

    let mut later = open(project.path());
    let restored = later.build_initial();
    assert_eq!(
        restored.generation, generation,
        "a restore that finds nothing new is no new generation"
    );
    assert_eq!(restored.stats.parsed, 0);
    let e = later.explain("src/fragments/user.ts::userFields");
    assert_eq!(e.last_update.generation, generation);
    assert_eq!(e.last_update.analyzed, ["src/fragments/user.ts"]);
    let d = &e.definitions[0].last_update;
    assert!(d.file_analyzed && d.recomposed);
    assert_eq!(d.element, "updated");
    let a = &later.explain("src/pages/a.ts::A").definitions[0].last_update;
    assert!(!a.file_analyzed && a.recomposed);
    assert_eq!(a.element, "updated");
}
