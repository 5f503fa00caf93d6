//! `fizz graph` and `--graph-filter` on the `steps/basic` project: the module and
//! definition graphs as text and dot, narrowed by a glob (matching definitions plus what
//! they depend on), and a build's outputs narrowed the same way.

mod support;

use std::path::{Path, PathBuf};

use fizz_core::GraphFilter;
use fizz_core::Session;
use support::TempDir;

fn base() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/steps/basic/base")
}

fn built(root: &Path) -> Session {
    // The base fixture is built in place: no type files in the source tree.
    let mut config = support::steps::config(root);
    config.types = None;
    let mut session = Session::new(config, false).expect("session opens");
    session.build_initial();
    session
}

fn filter(pattern: &str) -> GraphFilter {
    GraphFilter::new(pattern).expect("valid glob")
}

#[test]
fn the_whole_graph_as_text() {
    let session = built(&base());
    assert_eq!(
        session.graph(None).to_text(),
        "\
modules (7, 10 imports)
  src/fragments/index.ts -> src/fragments/post.ts, src/fragments/user.ts
  src/fragments/post.ts -> src/fragments/user.ts, src/gql.ts
  src/fragments/user.ts -> src/gql.ts
  src/gql.ts
  src/pages/a.ts -> src/fragments/index.ts, src/gql.ts
  src/pages/b.ts -> src/fragments/index.ts, src/gql.ts, src/util.ts
  src/util.ts
definitions (4, 3 dependencies)
  src/fragments/post.ts::postFields (fragment PostFields) -> src/fragments/user.ts::userFields
  src/fragments/user.ts::userFields (fragment UserFields)
  src/pages/a.ts::A (query A) -> src/fragments/post.ts::postFields
  src/pages/b.ts::B (query B) -> src/fragments/user.ts::userFields
"
    );
}

#[test]
fn a_filter_keeps_matching_definitions_and_what_they_depend_on() {
    let session = built(&base());
    let graph = session.graph(Some(&filter("src/pages/a.ts")));
    let ids: Vec<&str> = graph.definitions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "src/fragments/post.ts::postFields",
            "src/fragments/user.ts::userFields",
            "src/pages/a.ts::A"
        ]
    );
    let modules: Vec<&str> = graph.modules.iter().map(|m| m.path.as_str()).collect();
    assert_eq!(
        modules,
        [
            "src/fragments/index.ts",
            "src/fragments/post.ts",
            "src/fragments/user.ts",
            "src/gql.ts",
            "src/pages/a.ts"
        ]
    );
    let graph = session.graph(Some(&filter("**/*::B")));
    let ids: Vec<&str> = graph.definitions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        ["src/fragments/user.ts::userFields", "src/pages/b.ts::B"]
    );
    assert!(session
        .graph(Some(&filter("nothing/**")))
        .definitions
        .is_empty());
}

#[test]
fn the_graph_as_dot() {
    let session = built(&base());
    let dot = session.graph(Some(&filter("**/*::B"))).to_dot();
    assert!(dot.starts_with("digraph fizz {\n"), "{dot}");
    assert!(
        dot.contains("    \"src/pages/b.ts\" -> \"src/util.ts\";\n"),
        "{dot}"
    );
    assert!(
        dot.contains("    \"src/pages/b.ts::B\" [label=\"query B\\nsrc/pages/b.ts::B\"];\n"),
        "{dot}"
    );
    assert!(
        dot.contains("    \"src/pages/b.ts::B\" -> \"src/fragments/user.ts::userFields\";\n"),
        "{dot}"
    );
    assert!(dot.ends_with("  }\n}\n"));
}

#[test]
fn a_filtered_build_keeps_matching_elements_their_fragments_and_their_diagnostics() {
    let project = TempDir::new("graph-filter");
    for file in support::steps::walk(&base()) {
        let target = project.path().join(file.strip_prefix(base()).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&file, &target).unwrap();
    }
    std::fs::write(
        project.path().join("src/pages/c.ts"),
        "import { gql } from \"../gql\";\nexport const C = gql.default(({ query }) => query(\"C\")`{ nope }`());\n",
    )
    .unwrap();
    let mut session = Session::new(support::steps::config(project.path()), false).unwrap();
    let result = session.build_initial();
    assert_eq!(result.diagnostics.len(), 1, "{:?}", result.diagnostics);

    let a = session.filter_build(&filter("src/pages/a.ts"), &result);
    let ids: Vec<&String> = a.artifact.elements.keys().collect();
    assert_eq!(
        ids,
        [
            "src/fragments/post.ts::postFields",
            "src/fragments/user.ts::userFields",
            "src/pages/a.ts::A"
        ]
    );
    assert!(a.artifact.diagnostics.is_empty());
    assert!(a.diagnostics.is_empty());
    assert_eq!(
        a.delta.added,
        ids.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    );

    let c = session.filter_build(&filter("src/pages/c.ts"), &result);
    assert!(c.artifact.elements.is_empty());
    assert_eq!(c.artifact.diagnostics.len(), 1);
    assert_eq!(c.diagnostics[0].file, "src/pages/c.ts");
}
