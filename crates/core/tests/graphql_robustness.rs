//! No input makes the GraphQL layer panic: truncated corpus documents, deep nesting.

use std::fs;
use std::path::Path;

use fizz_core::document_json_string;
use fizz_core::load_schema;
use fizz_core::parse_document;
use fizz_core::parse_template;
use fizz_core::TemplateSource;

fn template(text: &str) -> TemplateSource {
    TemplateSource {
        text: text.to_owned(),
        interpolations: Vec::new(),
        offset_map: Vec::new(),
    }
}

#[test]
fn deep_nesting_is_an_error_or_a_value() {
    // Nesting up to the limit parses (within a 2 MiB test thread, in a debug build).
    let ok = format!("{}a{}", "{ a ".repeat(250), " }".repeat(250));
    assert!(parse_template(&template(&ok)).is_ok());
    assert!(document_json_string(&ok).is_ok());
    for depth in [10, 100, 255, 256, 257, 500, 2000] {
        let selections = format!("{}a{}", "{ a ".repeat(depth), " }".repeat(depth));
        let _ = parse_template(&template(&selections));
        let _ = document_json_string(&selections);
        let list = format!("{{ f(a: {}1{}) }}", "[".repeat(depth), "]".repeat(depth));
        let _ = parse_template(&template(&list));
        let object = format!("{{ f(a: {}1{}) }}", "{a: ".repeat(depth), "}".repeat(depth));
        let _ = document_json_string(&object);
        let ty = format!(
            "($a: {}Int{}) {{ a }}",
            "[".repeat(depth),
            "]!".repeat(depth)
        );
        let _ = parse_template(&template(&ty));
    }
}

#[test]
fn prefixes_of_the_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/graphql/print");
    let mut checked = 0;
    for entry in fs::read_dir(dir).expect("corpus") {
        let path = entry.expect("entry").path();
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        if !path.to_string_lossy().ends_with(".graphql") {
            continue;
        }
        // About 150 cut points per document keep this test fast in a debug build.
        let step = (text.len() / 150).max(1);
        for (i, _) in text.char_indices().step_by(step) {
            let prefix = &text[..i];
            let _ = parse_document(prefix);
            let _ = parse_template(&template(prefix));
            let files = [("s.graphql".to_owned(), prefix.to_owned())];
            let _ = load_schema(&files);
            checked += 1;
        }
    }
    assert!(checked > 800, "{checked}");
}
