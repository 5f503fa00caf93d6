//! `suggestion_list` and `did_you_mean` against graphql-js 16's `suggestionList` and
//! `didYouMean` (expected values in `tests/fixtures/graphql/suggest/expected.json`).

use std::path::Path;

use fizz_core::{did_you_mean, suggestion_list};

#[test]
fn suggestions_match_graphql_js() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/graphql/suggest/expected.json");
    let text = std::fs::read_to_string(path).expect("expected.json");
    let cases: Vec<serde_json::Value> = serde_json::from_str(&text).expect("json");
    assert!(cases.len() >= 10);
    for case in cases {
        let input = case["input"].as_str().expect("input");
        let options: Vec<&str> = case["options"]
            .as_array()
            .expect("options")
            .iter()
            .filter_map(|o| o.as_str())
            .collect();
        let expected: Vec<String> = case["suggestions"]
            .as_array()
            .expect("suggestions")
            .iter()
            .filter_map(|o| o.as_str().map(str::to_owned))
            .collect();
        let suggestions = suggestion_list(input, &options);
        assert_eq!(
            suggestions, expected,
            "suggestionList({input:?}, {options:?})"
        );
        assert_eq!(
            did_you_mean(&suggestions),
            case["didYouMean"].as_str().expect("didYouMean"),
            "{input:?}"
        );
    }
}

#[test]
fn did_you_mean_forms() {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(did_you_mean(&[]), "");
    assert_eq!(did_you_mean(&s(&["a"])), " Did you mean \"a\"?");
    assert_eq!(
        did_you_mean(&s(&["a", "b"])),
        " Did you mean \"a\" or \"b\"?"
    );
    assert_eq!(
        did_you_mean(&s(&["a", "b", "c"])),
        " Did you mean \"a\", \"b\", or \"c\"?"
    );
    assert_eq!(
        did_you_mean(&s(&["a", "b", "c", "d", "e", "f", "g"])),
        " Did you mean \"a\", \"b\", \"c\", \"d\", or \"e\"?"
    );
}
