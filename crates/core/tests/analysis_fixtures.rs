//! Fixture tests of `analysis::analyze`: each `tests/fixtures/analysis/<case>/input.*` is
//! analysed and a readable JSON projection of the result is compared with the checked-in
//! `expected.json` (the expected files are reviewed by hand: they are the spec).
//! Regenerate with `UPDATE_EXPECT=1 cargo test -p fizz-core --test analysis_fixtures`.

use std::fs;
use std::path::{Path, PathBuf};

use fizz_core::analyze;
use fizz_core::LineIndex;
use fizz_core::Span;
use fizz_core::{Definition, DefinitionKind, ExportEntry, FileAnalysis, ImportKind};
use serde_json::{json, Map, Value};

fn is_composer_module(specifier: &str) -> bool {
    matches!(
        specifier,
        "@/graphql-system" | "./graphql-system" | "../graphql-system"
    )
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/analysis");
    let mut cases: Vec<PathBuf> = fs::read_dir(&root)
        .expect("fixture dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no fixtures found");
    let trials = cases
        .into_iter()
        .map(|case| {
            let name = case.file_name().unwrap().to_string_lossy().to_string();
            libtest_mimic::Trial::test(name, move || check_case(&case).map_err(Into::into))
        })
        .collect();
    libtest_mimic::run(&libtest_mimic::Arguments::from_args(), trials).exit()
}

fn check_case(case: &Path) -> Result<(), String> {
    let update = std::env::var_os("UPDATE_EXPECT").is_some_and(|v| v == "1");
    let name = case.file_name().unwrap().to_string_lossy().to_string();
    let input = input_file(case);
    let source = fs::read_to_string(&input).expect("input");
    let path = format!(
        "src/{name}/{}",
        input.file_name().unwrap().to_string_lossy()
    );
    let analysis = analyze(&path, &source, &is_composer_module);
    check_offsets(&name, &source, &analysis);
    let actual = serde_json::to_string_pretty(&project(&source, &analysis)).unwrap() + "\n";
    let expected_path = case.join("expected.json");
    if update {
        fs::write(&expected_path, &actual).expect("write expected");
        return Ok(());
    }
    let expected = fs::read_to_string(&expected_path).unwrap_or_default();
    if expected == actual {
        return Ok(());
    }
    let diff = similar_asserts::SimpleDiff::from_str(&expected, &actual, "expected", "actual");
    Err(format!("fixture `{name}` differs:\n{diff}"))
}

fn input_file(case: &Path) -> PathBuf {
    fs::read_dir(case)
        .expect("case dir")
        .map(|e| e.expect("entry").path())
        .find(|p| p.file_stem().is_some_and(|s| s == "input"))
        .unwrap_or_else(|| panic!("no input.* in {}", case.display()))
}

/// Every placeholder must map to the `${` of its interpolation in the source.
fn check_offsets(name: &str, source: &str, analysis: &FileAnalysis) {
    for definition in &analysis.definitions {
        for interpolation in &definition.template.interpolations {
            let at = definition
                .template
                .to_source_offset(interpolation.text_offset) as usize;
            assert_eq!(
                source.get(at..at + 2),
                Some("${"),
                "{name}: placeholder of {:?} maps to {at}",
                interpolation.path
            );
            assert!(
                interpolation.span.start as usize >= at + 2,
                "{name}: expression starts inside `${{`"
            );
        }
    }
}

fn project(source: &str, analysis: &FileAnalysis) -> Value {
    let index = LineIndex::new(source);
    let pos = |offset: u32| {
        let (line, column) = index.line_col(source, offset);
        format!("{line}:{column}")
    };
    let range = |span: Span| format!("{}-{}", pos(span.start), pos(span.end));
    json!({
        "definitions": analysis.definitions.iter().map(|d| project_definition(source, d, &pos, &range)).collect::<Vec<_>>(),
        "composerBindings": analysis.composer_bindings,
        "composerImports": analysis.composer_import_spans.iter().map(|s| range(*s)).collect::<Vec<_>>(),
        "imports": analysis.imports.iter().map(|i| {
            let kind = match &i.kind {
                ImportKind::Named(name) => name.to_string(),
                ImportKind::Namespace => "*".to_string(),
                ImportKind::Default => "default".to_string(),
            };
            format!("{} = {kind} from {:?} @ {}", i.local, i.specifier, pos(i.span.start))
        }).collect::<Vec<_>>(),
        "exports": analysis.exports.iter().map(project_export).collect::<Vec<_>>(),
        "topLevelNames": analysis.top_level_names,
        "diagnostics": analysis.diagnostics.iter().map(|d| {
            let located = d.locate("input", source, &index);
            format!("{} {}:{} {}", d.code, located.line, located.column, d.message)
        }).collect::<Vec<_>>(),
    })
}

fn project_definition(
    source: &str,
    d: &Definition,
    pos: &dyn Fn(u32) -> String,
    range: &dyn Fn(Span) -> String,
) -> Value {
    let mut out = Map::new();
    out.insert("astPath".into(), json!(d.ast_path));
    let plain_scope: Vec<&str> = d.ast_path.split('.').collect();
    if d.scope != plain_scope {
        out.insert("scope".into(), json!(d.scope));
    }
    let kind = match d.kind {
        DefinitionKind::Operation(op) => op.as_str(),
        DefinitionKind::Fragment => "fragment",
    };
    out.insert("kind".into(), json!(kind));
    out.insert("label".into(), json!(d.label));
    out.insert("name".into(), json!(d.name));
    if let Some(type_name) = &d.type_name {
        out.insert("typeName".into(), json!(type_name));
    }
    if let Some(binding) = &d.top_level_binding {
        out.insert("topLevelBinding".into(), json!(binding));
    }
    out.insert("call".into(), json!(range(d.call_span)));
    if let Some(options) = d.options_span {
        out.insert(
            "options".into(),
            json!(&source[options.start as usize..options.end as usize]),
        );
    }
    out.insert("text".into(), json!(d.template.text));
    let interpolations: Vec<String> = d
        .template
        .interpolations
        .iter()
        .map(|i| {
            let path = i
                .path
                .as_ref()
                .map_or("<not a path>".to_string(), |p| p.join("."));
            format!(
                "{path} @ {}",
                pos(d.template.to_source_offset(i.text_offset))
            )
        })
        .collect();
    if !interpolations.is_empty() {
        out.insert("interpolations".into(), json!(interpolations));
    }
    out.insert("offsets".into(), json!(offset_check(source, d)));
    Value::Object(out)
}

/// Counts text bytes (outside placeholders) that map to a different source byte: zero
/// for templates without escapes or CR line breaks.
fn offset_check(source: &str, d: &Definition) -> String {
    let text = d.template.text.as_bytes();
    let in_placeholder = |t: u32| {
        d.template
            .interpolations
            .iter()
            .any(|i| t >= i.text_offset && t < i.text_offset + i.text_len)
    };
    let differing = (0..text.len() as u32)
        .filter(|&t| !in_placeholder(t))
        .filter(|&t| {
            source
                .as_bytes()
                .get(d.template.to_source_offset(t) as usize)
                != Some(&text[t as usize])
        })
        .count();
    if differing == 0 {
        "exact".to_string()
    } else {
        format!("{differing} text bytes differ from their source byte")
    }
}

fn project_export(entry: &ExportEntry) -> String {
    match entry {
        ExportEntry::Local { exported, local } => format!("{exported} = local {local}"),
        ExportEntry::Reexport {
            exported,
            imported,
            specifier,
        } => format!("{exported} = {imported} from {specifier:?}"),
        ExportEntry::ReexportNamespace {
            exported,
            specifier,
        } => format!("{exported} = * from {specifier:?}"),
        ExportEntry::ReexportAll { specifier } => format!("* from {specifier:?}"),
    }
}
