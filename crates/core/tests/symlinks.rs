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
