//! A project opened through a symlinked folder builds exactly as through its real path
//! (resolution follows symlinks, so the root must too), and a change set naming files
//! through the symlink is understood.

mod support;

use std::path::Path;

use fizz_core::ChangeSet;
use fizz_core::Session;
use support::steps::{config, settle, walk};
use support::TempDir;

#[test]
fn a_symlinked_root_builds_like_the_real_one() {
    let real = TempDir::new("real");
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/steps/basic/base");
    for file in walk(&base) {
        let target = real.path().join(file.strip_prefix(&base).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&file, target).unwrap();
    }
    let links = TempDir::new("links");
    let link = links.path().join("project");
    std::os::unix::fs::symlink(real.path(), &link).unwrap();
    settle();

    let mut through_link = Session::new(config(&link), false).unwrap();
    let result = through_link.build_initial();
    assert!(result.diagnostics.is_empty(), "{:?}", result.diagnostics);
    let mut direct = Session::new(config(real.path()), false).unwrap();
    direct.build_initial();
    assert_eq!(
        through_link.artifact().comparable_json(),
        direct.artifact().comparable_json()
    );

    let user = link.join("src/fragments/user.ts");
    std::fs::write(
        &user,
        std::fs::read_to_string(&user)
            .unwrap()
            .replace("{ id name }", "{ id }"),
    )
    .unwrap();
    let changes = ChangeSet {
        updated: vec![user.display().to_string()],
        ..ChangeSet::default()
    };
    let update = through_link.update(Some(&changes));
    assert!(
        update
            .delta
            .updated
            .contains(&"src/fragments/user.ts::userFields".to_string()),
        "{:?}",
        update.delta
    );
}

/// A copy of the basic project in `dir`.
fn basic_project(dir: &Path) {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/steps/basic/base");
    for file in walk(&base) {
        let target = dir.join(file.strip_prefix(&base).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&file, target).unwrap();
    }
}

fn codes(result: &fizz_core::BuildResult) -> Vec<(String, String)> {
    result
        .diagnostics
        .iter()
        .map(|d| (d.code.clone(), d.file.clone()))
        .collect()
}

/// The artifact of the project without any of the links.
fn plain_artifact() -> String {
    let plain = TempDir::new("plain");
    basic_project(plain.path());
    let mut session = Session::new(config(plain.path()), false).unwrap();
    session.build_initial();
    session.artifact().comparable_json()
}

#[test]
fn links_back_into_the_tree_are_walked_once() {
    // Before: `l1 -> .` plus `l2 -> .` walked 2^40 paths (no result after 60 s); `loop ->
    // ../src` was followed 40 levels deep, every definition 40 times.
    let project = TempDir::new("loops");
    basic_project(project.path());
    let src = project.path().join("src");
    std::os::unix::fs::symlink(".", src.join("l1")).unwrap();
    std::os::unix::fs::symlink(".", src.join("l2")).unwrap();
    std::os::unix::fs::symlink("../src", src.join("loop")).unwrap();
    std::os::unix::fs::symlink("../fragments", src.join("pages/frags")).unwrap();
    settle();
    let started = std::time::Instant::now();
    let mut session = Session::new(config(project.path()), false).unwrap();
    let result = session.build_initial();
    assert!(started.elapsed().as_secs() < 10);
    assert_eq!(codes(&result), []);
    assert_eq!(session.artifact().comparable_json(), plain_artifact());
    let swept = session.update(None);
    assert!(swept.delta.is_empty() && swept.diagnostics.is_empty());
}

#[test]
fn links_out_of_the_root_are_refused_with_a_warning_and_never_read() {
    let project = TempDir::new("outside");
    basic_project(project.path());
    let src = project.path().join("src");
    std::os::unix::fs::symlink("/etc", src.join("etclink")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", src.join("passwd.ts")).unwrap();
    settle();
    let mut session = Session::new(config(project.path()), false).unwrap();
    let result = session.build_initial();
    assert_eq!(
        codes(&result),
        [
            (
                "SYMLINK_OUTSIDE_ROOT".to_string(),
                "src/etclink".to_string()
            ),
            (
                "SYMLINK_OUTSIDE_ROOT".to_string(),
                "src/passwd.ts".to_string()
            ),
        ]
    );
    assert!(result.diagnostics[1].message.contains("/etc/passwd"));
    assert!(result.diagnostics.iter().all(|d| d.frame.is_empty()));
    // The same elements as without the links; the diagnostics are the two warnings.
    let plain = TempDir::new("plain");
    basic_project(plain.path());
    let mut without = Session::new(config(plain.path()), false).unwrap();
    without.build_initial();
    assert_eq!(
        serde_json::to_string(&session.artifact().elements).unwrap(),
        serde_json::to_string(&without.artifact().elements).unwrap()
    );
    // A change set naming the link (or a file behind the linked folder) is not read either.
    let changes = ChangeSet {
        updated: vec!["src/passwd.ts".into(), "src/etclink/hostname".into()],
        ..ChangeSet::default()
    };
    let update = session.update(Some(&changes));
    assert_eq!(update.stats.misses, 0);
    assert!(update.diagnostics.iter().all(|d| d.frame.is_empty()));
}

#[test]
fn allow_outside_root_opts_a_linked_folder_in() {
    let outer = TempDir::new("monorepo");
    let project = outer.path().join("app");
    basic_project(&project);
    let shared = outer.path().join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::write(
        shared.join("extra.ts"),
        "import { gql } from \"../gql\";\nexport const extraFields = gql.default(({ fragment }) => fragment(\"ExtraFields\", \"User\")`{ id }`());\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("../../shared", project.join("src/shared")).unwrap();
    settle();
    let mut session = Session::new(config(&project), false).unwrap();
    let refused = session.build_initial();
    assert_eq!(
        codes(&refused),
        [("SYMLINK_OUTSIDE_ROOT".to_string(), "src/shared".to_string())]
    );
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(project.join("fizz.config.json")).unwrap())
            .unwrap();
    value["allowOutsideRoot"] = serde_json::json!(["../shared"]);
    let allowed =
        fizz_core::ResolvedConfig::from_value(&value, &project, "fizz.config.json").unwrap();
    let mut session = Session::new(allowed, false).unwrap();
    let result = session.build_initial();
    assert_eq!(codes(&result), []);
    assert!(session
        .artifact()
        .elements
        .contains_key("src/shared/extra.ts::extraFields"));
    // The key is validated like every other.
    value["allowOutsideRoot"] = serde_json::json!(["../missing"]);
    let error =
        fizz_core::ResolvedConfig::from_value(&value, &project, "fizz.config.json").unwrap_err();
    assert_eq!(error.key.as_deref(), Some("allowOutsideRoot"));
}
