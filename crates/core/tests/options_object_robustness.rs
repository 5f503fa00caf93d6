//! The options-object reader on pathological input: deep nesting of sub-selections and of
//! argument values is a diagnostic, never a stack overflow, on a 2 MiB thread.

use fizz_core::analyze;

fn analyse_on_small_stack(source: String) -> Vec<String> {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let analysis = analyze("deep.ts", &source, &|s| s == "./gql");
            analysis
                .diagnostics
                .iter()
                .map(|d| d.code.clone())
                .collect::<Vec<_>>()
        })
        .expect("thread")
        .join()
        .expect("no panic")
}

fn definition(fields: &str) -> String {
    format!(
        "import {{ gql }} from \"./gql\";\nexport const Q = gql.default(({{ query }}) => query(\"Q\")({{ fields: ({{ f }}) => ({{ {fields} }}) }})());\n"
    )
}

#[test]
fn deep_sub_selections_are_reported() {
    // (Beyond ~300 levels oxc's own recursion is the limit, whatever the definition form.)
    for depth in [50, 199, 260] {
        let open = "...f(\"a\")(({ f }) => ({ ".repeat(depth);
        let close = " }))".repeat(depth);
        let codes = analyse_on_small_stack(definition(&format!("{open}...f(\"id\")(){close}")));
        if depth < 199 {
            assert!(codes.is_empty(), "depth {depth}: {codes:?}");
        } else if depth > 200 {
            assert_eq!(codes, ["NESTING_TOO_DEEP"], "depth {depth}");
        }
    }
}

#[test]
fn deep_argument_values_are_reported() {
    let value = format!("{}1{}", "[".repeat(260), "]".repeat(260));
    let codes = analyse_on_small_stack(definition(&format!("...f(\"a\", {{ x: {value} }})()")));
    assert_eq!(codes, ["NESTING_TOO_DEEP"]);
}
