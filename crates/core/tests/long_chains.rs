//! Long fragment chains (issue 15, item 6): a chain of fragments each spreading the next
//! inside a field prints documents that grow with the square of the chain's length. Before,
//! 1,600 such fragments took 40 s and produced an artifact too large for a JS string; 5,000
//! did not finish in a minute. Now composition stops at the documented output limit with
//! `OUTPUT_TOO_LARGE` on the definitions past it, and the rest build quickly.

mod support;

use std::time::Instant;

use fizz_core::{ResolvedConfig, Session};
use support::TempDir;

const SCHEMA: &str =
    "type Query { viewer: User }\ntype User { id: ID! name: String bestFriend: User }\n";

/// A project with one file holding `length` fragments, `f{i}` spreading `f{i+1}`, nested in
/// `bestFriend` (`nested`) or on the same level.
fn chain(length: usize, nested: bool) -> (TempDir, Session) {
    let dir = TempDir::new("chain");
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::write(dir.path().join("schema.graphql"), SCHEMA).unwrap();
    std::fs::write(
        dir.path().join("src/gql.ts"),
        "export const gql: any = {};\n",
    )
    .unwrap();
    let mut source = String::from("import { gql } from \"./gql\";\n");
    for i in 0..length {
        let next = if i + 1 < length {
            if nested {
                format!(" bestFriend {{ ...${{f{}}} }}", i + 1)
            } else {
                format!(" ...${{f{}}}", i + 1)
            }
        } else {
            String::new()
        };
        source.push_str(&format!(
            "export const f{i} = gql.default(({{ fragment }}) => fragment(\"F{i}\", \"User\")`{{ id{next} }}`());\n"
        ));
    }
    source.push_str(
        "export const Q = gql.default(({ query }) => query(\"Q\")`{ viewer { ...${f0} } }`());\n",
    );
    std::fs::write(dir.path().join("src/chain.ts"), source).unwrap();
    let config = serde_json::json!({
        "include": ["src/**/*.ts"],
        "graphqlSystem": { "path": "./src/gql.ts" },
        "schemas": { "default": "./schema.graphql" },
    });
    let config = ResolvedConfig::from_value(&config, dir.path(), "fizz.config.json").unwrap();
    let session = Session::new(config, false).unwrap();
    (dir, session)
}

fn count(session: &Session, code: &str) -> usize {
    session
        .artifact()
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .count()
}

#[test]
fn a_nested_chain_of_5000_stops_at_the_output_limit() {
    let (_dir, mut session) = chain(5000, true);
    let started = Instant::now();
    session.build_initial();
    let took = started.elapsed();
    let artifact = session.artifact();
    let json = artifact.to_json();
    // The first definition whose document would print more than the limit is reported;
    // those that spread it are left out without a second diagnostic (its is the cause).
    let too_large = count(&session, "OUTPUT_TOO_LARGE");
    assert_eq!(too_large, 1);
    let built = artifact.elements.len();
    assert!(built > 100 && built < 1000, "{built}");
    assert!(artifact.elements.contains_key("src/chain.ts::f4999"));
    assert!(!artifact.elements.contains_key("src/chain.ts::f0"));
    assert!(!artifact.elements.contains_key("src/chain.ts::Q"));
    let largest = artifact
        .elements
        .values()
        .map(|e| e.text.len())
        .max()
        .unwrap();
    assert!(largest <= 256 << 10, "{largest}");
    assert!(
        json.len() < 512 << 20,
        "artifact of {} MiB",
        json.len() >> 20
    );
    assert!(took.as_secs() < 60, "{took:?}");
    eprintln!(
        "5000 nested: {took:?}, {built} built, artifact {} MiB",
        json.len() >> 20
    );
}

#[test]
fn a_flat_chain_of_1600_builds_every_definition() {
    let (_dir, mut session) = chain(1600, false);
    let started = Instant::now();
    session.build_initial();
    let took = started.elapsed();
    assert_eq!(count(&session, "OUTPUT_TOO_LARGE"), 0);
    assert_eq!(session.artifact().elements.len(), 1601);
    assert!(took.as_secs() < 30, "{took:?}");
    eprintln!("1600 flat: {took:?}");
}
