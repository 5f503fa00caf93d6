//! A valid config that still gets something wrong is a warning in every build (issue 15,
//! item 10): include globs that can never match, a cache folder outside the root, a
//! tsconfig that does not parse or whose `extends` chain loops. Before, each was accepted
//! without a word.

mod support;

use std::path::Path;

use fizz_core::{ResolvedConfig, Session};
use support::TempDir;

fn project(dir: &Path) {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/steps/basic/base");
    for file in support::steps::walk(&base) {
        let target = dir.join(file.strip_prefix(&base).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&file, target).unwrap();
    }
}

fn warnings(dir: &Path, extra: serde_json::Value) -> Vec<(String, String, String)> {
    let mut value = serde_json::json!({
        "include": ["src/**/*.ts"],
        "graphqlSystem": { "path": "./src/gql.ts" },
        "schemas": { "default": "./schema.graphql" },
    });
    for (k, v) in extra.as_object().unwrap() {
        value[k] = v.clone();
    }
    let mut config = ResolvedConfig::from_value(&value, dir, "fizz.config.json").unwrap();
    config.config_file = Some(dir.join("fizz.config.json"));
    let mut session = Session::new(config, false).unwrap();
    let result = session.build_initial();
    result
        .diagnostics
        .iter()
        .map(|d| (d.code.clone(), d.file.clone(), d.message.clone()))
        .collect()
}

#[test]
fn globs_that_cannot_match_and_a_cache_outside_the_root_are_warnings() {
    let outer = TempDir::new("config-warnings");
    let dir = outer.path().join("app");
    project(&dir);
    let found = warnings(
        &dir,
        serde_json::json!({
            "include": ["src/**/*.ts", "../shared/**/*.ts", "/abs/src/**/*.ts"],
            "cacheDir": "../cache",
        }),
    );
    let codes: Vec<(&str, &str)> = found
        .iter()
        .map(|(c, f, _)| (c.as_str(), f.as_str()))
        .collect();
    assert_eq!(
        codes,
        [("CONFIG_WARNING", "fizz.config.json"); 3],
        "{found:?}"
    );
    let text = format!("{found:?}");
    assert!(
        text.contains("\\\"../shared/**/*.ts\\\" has a \\\"..\\\" segment"),
        "{text}"
    );
    assert!(
        text.contains("\\\"/abs/src/**/*.ts\\\" is absolute"),
        "{text}"
    );
    assert!(
        text.contains("cacheDir") && text.contains("/cache is outside the root"),
        "{text}"
    );
}

#[test]
fn an_invalid_or_looping_tsconfig_is_a_warning() {
    let dir = TempDir::new("tsconfig-warnings");
    project(dir.path());
    std::fs::write(
        dir.path().join("tsconfig.json"),
        "{\n  // fine\n  \"compilerOptions\": { \"baseUrl\": \".\", },\n  oops\n}\n",
    )
    .unwrap();
    let found = warnings(
        dir.path(),
        serde_json::json!({ "tsconfig": "./tsconfig.json" }),
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0.as_str(), found[0].1.as_str()),
        ("TSCONFIG_INVALID", "tsconfig.json")
    );
    assert!(found[0].2.contains("line 4"), "{found:?}");

    std::fs::write(
        dir.path().join("tsconfig.json"),
        "{ \"extends\": \"./tsconfig.base.json\" }",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("tsconfig.base.json"),
        "{ \"extends\": \"./tsconfig\", }",
    )
    .unwrap();
    let found = warnings(
        dir.path(),
        serde_json::json!({ "tsconfig": "./tsconfig.json" }),
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .2
            .contains("tsconfig.json → tsconfig.base.json → tsconfig.json"),
        "{found:?}"
    );

    // A valid tsconfig (comments, trailing commas) says nothing.
    std::fs::write(
        dir.path().join("tsconfig.json"),
        "{ /* ok */ \"compilerOptions\": { \"strict\": true, }, }",
    )
    .unwrap();
    assert_eq!(
        warnings(
            dir.path(),
            serde_json::json!({ "tsconfig": "./tsconfig.json" })
        ),
        []
    );
}
