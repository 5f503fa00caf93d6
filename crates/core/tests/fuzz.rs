//! A seeded, deterministic mutation fuzzer (no nightly toolchain here, so no cargo-fuzz):
//! the corpus in `tests/fixtures/fuzz/corpus/` mutated byte- and token-wise, plus
//! deep-nesting and long-chain mutations, through three targets:
//!
//! - analysis (`analyze`): never panics, never `INTERNAL_ERROR`, every span inside the file;
//! - template parsing (`parse_template`): never panics, error offsets inside the text;
//! - composition (a whole `Session` over mutated files): never panics, and an update after
//!   a further mutation equals a fresh build.
//!
//! CI runs a short round (a few seconds); `FIZZ_FUZZ_ITERATIONS=<n>` scales every target
//! (the analysis target runs `n` inputs), `FIZZ_FUZZ_SEED` starts elsewhere. A failure
//! names its seed and iteration and writes the input to `target/fuzz-failure.*`.

mod support;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use fizz_core::{analyze, parse_template, ResolvedConfig, Session, TemplateSource};
use support::random_project::Rng;
use support::TempDir;

const TOKENS: [&str; 24] = [
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "`",
    "${",
    "...${",
    "'",
    "\"",
    "/",
    "*/",
    "/*",
    "//",
    "\n",
    "gql.default(",
    "({ query }) => query(\"X\")`",
    "({ fragment }) => fragment(\"F\", \"User\")`",
    "`()",
    ")",
    "=>",
    "\u{feff}",
    "\u{2028}",
];

const GRAPHQL_TOKENS: [&str; 16] = [
    "{",
    "}",
    "(",
    ")",
    "$a: Int",
    "...",
    " on User ",
    "@include(if: true)",
    "\"",
    "\"\"\"",
    "# c\n",
    "a: ",
    "[",
    "]",
    "__typename",
    "\\u{",
];

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn corpus() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz/corpus");
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            (name, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// One mutation of `text` (on char boundaries, so the result stays a string).
fn mutate(rng: &mut Rng, text: &str, tokens: &[&str]) -> String {
    let boundaries: Vec<usize> = (0..=text.len())
        .filter(|i| text.is_char_boundary(*i))
        .collect();
    let at = boundaries[rng.below(boundaries.len())];
    let to = boundaries[rng.below(boundaries.len())].max(at);
    let (head, tail) = (&text[..at], &text[at..]);
    match rng.below(8) {
        0 => format!("{head}{}{tail}", tokens[rng.below(tokens.len())]),
        1 => format!("{head}{}", &text[to..]),
        2 => format!("{head}{}{tail}", &text[at..to]),
        3 => {
            // Deep nesting: brackets around the rest, around and past the limit.
            let depth = [10, 500, 999, 1000, 1001, 3000][rng.below(6)];
            let (open, close) = [("(", ")"), ("[", "]"), ("{a:", "}"), ("${`", "`}")][rng.below(4)];
            format!("{head}{}{tail}{}", open.repeat(depth), close.repeat(depth))
        }
        4 => {
            // Deep unbracketed recursion: prefix operators and right-associative chains.
            let chain = ["!", "- ", "x => ", "a = ", "a ? b : ", "new ", "typeof "][rng.below(7)];
            format!("{head}{}{tail}", chain.repeat(1 + rng.below(20_000)))
        }
        5 => format!(
            "{head}{}{tail}",
            char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{fffd}')
        ),
        6 => tail.to_string() + head,
        _ => text.replacen(tokens[rng.below(tokens.len())], "", 1),
    }
}

/// Runs `check` on `input`; on a panic or a failed check, saves the input and fails.
fn guarded(what: &str, seed: u64, i: u64, input: &str, check: impl FnOnce() -> Result<(), String>) {
    let outcome = catch_unwind(AssertUnwindSafe(check));
    let problem = match outcome {
        Ok(Ok(())) => return,
        Ok(Err(message)) => message,
        Err(_) => "panicked".to_string(),
    };
    let saved =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../target/fuzz-failure.{what}"));
    let _ = std::fs::write(&saved, input);
    panic!(
        "{what}: seed {seed}, iteration {i}: {problem} (input saved to {})",
        saved.display()
    );
}

#[test]
fn analysis_never_panics_and_keeps_spans_inside_the_file() {
    let iterations = env_number("FIZZ_FUZZ_ITERATIONS", 2000);
    let seed = env_number("FIZZ_FUZZ_SEED", 1);
    let corpus = corpus();
    let mut rng = Rng::new(seed);
    let started = std::time::Instant::now();
    for i in 0..iterations {
        let (name, base) = &corpus[rng.below(corpus.len())];
        let mut text = base.clone();
        for _ in 0..1 + rng.below(4) {
            text = mutate(&mut rng, &text, &TOKENS);
        }
        guarded("analysis.ts", seed, i, &text, || {
            let analysis = analyze(name, &text, &|s| s == "../gql" || s == "@/gql");
            for d in &analysis.diagnostics {
                if d.code == "INTERNAL_ERROR" {
                    return Err(format!("INTERNAL_ERROR: {}", d.message));
                }
                if d.span.end as usize > text.len() || d.span.start > d.span.end {
                    return Err(format!(
                        "{} span {:?} outside {} bytes",
                        d.code,
                        d.span,
                        text.len()
                    ));
                }
            }
            Ok(())
        });
    }
    eprintln!("analysis: {iterations} inputs in {:?}", started.elapsed());
}

#[test]
fn template_parsing_never_panics() {
    let iterations = env_number("FIZZ_FUZZ_ITERATIONS", 2000);
    let seed = env_number("FIZZ_FUZZ_SEED", 1);
    let bases = [
        "{ viewer { id name friend { id } } }",
        "($id: ID!, $n: Int = 3) { user(id: $id) { friends(first: $n) { ... on User { id } } } }",
        "{ a(b: [1, 2.5, \"s\", \"\"\"block\"\"\", {c: $d}, ENUM, null, true]) @skip(if: $x) }",
    ];
    let mut rng = Rng::new(seed ^ 0x5eed);
    let started = std::time::Instant::now();
    for i in 0..iterations {
        let mut text = bases[rng.below(bases.len())].to_string();
        for _ in 0..1 + rng.below(4) {
            text = mutate(&mut rng, &text, &GRAPHQL_TOKENS);
        }
        guarded("template.graphql", seed, i, &text, || {
            let source = TemplateSource {
                text: text.clone(),
                ..Default::default()
            };
            if let Err(errors) = fizz_core::on_build_pool(|| parse_template(&source)) {
                for e in errors {
                    if e.offset as usize > text.len() {
                        return Err(format!("offset {} outside {} bytes", e.offset, text.len()));
                    }
                }
            }
            Ok(())
        });
    }
    eprintln!("templates: {iterations} inputs in {:?}", started.elapsed());
}

const SCHEMA: &str = "type Query { viewer: User user(id: ID!): User }\ntype Mutation { rename(name: String): User }\ntype User { id: ID! name: String friend: User friends(first: Int): [User!]! }\n";

/// A chain file: `length` fragments, each spreading the next (nested or flat), some
/// spreading back (cycles), and an operation at the head.
fn chain_file(rng: &mut Rng) -> String {
    let length = 1 + rng.below(300);
    let mut out = String::from("import { gql } from \"../gql\";\n");
    for i in 0..length {
        let next = match rng.below(10) {
            _ if i + 1 == length => String::new(),
            0 => format!(" ...${{c{}}}", rng.below(length)),
            1..=4 => format!(" friend {{ ...${{c{}}} }}", i + 1),
            _ => format!(" ...${{c{}}}", i + 1),
        };
        out.push_str(&format!(
            "export const c{i} = gql.default(({{ fragment }}) => fragment(\"C{i}\", \"User\")`{{ id{next} }}`());\n"
        ));
    }
    out.push_str("export const Head = gql.default(({ query }) => query(\"Head\")`{ viewer { ...${c0} } }`());\n");
    out
}

#[test]
fn composition_never_panics_and_updates_equal_fresh_builds() {
    let iterations = env_number("FIZZ_FUZZ_ITERATIONS", 2000) / 100;
    let seed = env_number("FIZZ_FUZZ_SEED", 1);
    let corpus = corpus();
    let mut rng = Rng::new(seed ^ 0xc0de);
    let started = std::time::Instant::now();
    for i in 0..iterations.max(1) {
        let dir = TempDir::new("fuzz");
        let src = dir.path().join("src");
        std::fs::create_dir_all(&src).unwrap();
        std::fs::write(dir.path().join("schema.graphql"), SCHEMA).unwrap();
        std::fs::write(dir.path().join("gql.ts"), "export const gql: any = {};\n").unwrap();
        let write_all = |rng: &mut Rng| {
            for (name, base) in &corpus {
                let text = match rng.below(3) {
                    0 => base.clone(),
                    _ => mutate(rng, base, &TOKENS),
                };
                std::fs::write(src.join(name), text).unwrap();
            }
            std::fs::write(src.join("chain.ts"), chain_file(rng)).unwrap();
        };
        write_all(&mut rng);
        let config = || {
            let value = serde_json::json!({
                "include": ["src/**/*.{ts,tsx}"],
                "graphqlSystem": { "path": "./gql.ts", "aliases": ["@/gql"] },
                "schemas": { "default": "./schema.graphql" },
            });
            ResolvedConfig::from_value(&value, dir.path(), "fizz.config.json").unwrap()
        };
        let label = format!("project {}", dir.path().display());
        if std::env::var("FIZZ_FUZZ_DEBUG").is_ok() {
            eprintln!("iteration {i}: {label}");
        }
        guarded("project", seed, i, &label, || {
            let mut session = Session::new(config(), false).map_err(|e| e.to_string())?;
            session.build_initial();
            std::thread::sleep(std::time::Duration::from_millis(60));
            write_all(&mut rng);
            session.update(None);
            let mut fresh = Session::new(config(), false).map_err(|e| e.to_string())?;
            fresh.build_initial();
            match session.artifact().comparable_json() == fresh.artifact().comparable_json() {
                true => Ok(()),
                false => Err("the updated artifact differs from a fresh build".into()),
            }
        });
    }
    eprintln!(
        "composition: {} projects in {:?}",
        iterations.max(1),
        started.elapsed()
    );
}

/// Found by this fuzzer (seed 7): 20,000 unknown fields in one template on one 140 KB line
/// gave 20,000 diagnostics whose code frames each held the whole line, over 6 GB. Frames
/// now show a window of the line around the caret.
#[test]
fn many_diagnostics_on_one_long_line_keep_frames_small() {
    let dir = TempDir::new("long-line");
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::write(dir.path().join("schema.graphql"), SCHEMA).unwrap();
    std::fs::write(dir.path().join("gql.ts"), "export const gql: any = {};\n").unwrap();
    let fields = "typeof ".repeat(5_000);
    let source = format!(
        "import {{ gql }} from \"../gql\";\nexport const Q = gql.default(({{ query }}) => query(\"Q\")`{{ viewer {{ {fields} }} }}`());\n"
    );
    std::fs::write(dir.path().join("src/q.ts"), source).unwrap();
    let value = serde_json::json!({
        "include": ["src/**/*.ts"],
        "graphqlSystem": { "path": "./gql.ts" },
        "schemas": { "default": "./schema.graphql" },
    });
    let config = ResolvedConfig::from_value(&value, dir.path(), "fizz.config.json").unwrap();
    let mut session = Session::new(config, false).unwrap();
    let result = session.build_initial();
    let frames: usize = result.diagnostics.iter().map(|d| d.frame.len()).sum();
    assert!(
        result.diagnostics.len() >= 5_000,
        "{}",
        result.diagnostics.len()
    );
    // Whole-line frames would be 5,000 × 35 KB = 175 MB.
    assert!(frames < 5_000 * 1024, "{frames} bytes of frames");
}
