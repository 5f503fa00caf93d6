//! soda-gql's config (`soda-gql.config.{ts,mts,js,mjs}`, docs/reference/soda-compat §3),
//! read statically with oxc: the object literal passed to `defineConfig(…)` or exported as
//! default (directly, or through a top-level `const`), so `@soda-gql/config` need not be
//! installed and nothing runs. It is mapped to the fizz config object; every key or value
//! that cannot be mapped is one warning naming the key.

use std::path::Path;

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    ArrayExpressionElement, BindingPattern, Declaration, Expression, ObjectPropertyKind, Program,
    PropertyKey, Statement,
};
use oxc_parser::Parser;
use oxc_span::SourceType;
use serde_json::{json, Map, Value};

use super::ConfigError;

/// The soda-gql config file names, in soda-gql's lookup order.
pub const SODA_CONFIG_FILE_NAMES: [&str; 4] = [
    "soda-gql.config.ts",
    "soda-gql.config.mts",
    "soda-gql.config.js",
    "soda-gql.config.mjs",
];

/// Whether `path` is a soda-gql config file (by name).
pub fn is_soda_config(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| SODA_CONFIG_FILE_NAMES.contains(&n))
}

/// Keys soda-gql documents that change nothing in fizz-gql's output.
const IGNORED: [(&str, &str); 2] = [
    ("analyzer", "fizz-gql always analyses with oxc"),
    ("styles", "fizz-gql writes no generated code to style"),
];

/// The fizz config for a soda-gql config's text, and the warnings.
pub fn read_soda_config(
    file: &str,
    text: &str,
    root: &Path,
) -> Result<(Value, Vec<String>), ConfigError> {
    let error = |message: String| ConfigError {
        file: file.to_string(),
        key: None,
        message,
    };
    let allocator = Allocator::default();
    let source_type = SourceType::from_path(file).unwrap_or_else(|_| SourceType::ts());
    let parsed = Parser::new(&allocator, text, source_type).parse();
    if let Some(first) = parsed.diagnostics.first() {
        return Err(error(format!("cannot parse the soda-gql config: {first}")));
    }
    let object = default_export(&parsed.program).ok_or_else(|| {
        error(
            "the soda-gql config must `export default defineConfig({ … })` (or an object literal): \
             it is read without running it"
                .into(),
        )
    })?;
    let mut warnings = Vec::new();
    let soda = literal(object, "", &mut warnings)
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default();
    Ok((map_config(&soda, root, &mut warnings), warnings))
}

/// The object the module exports as default.
fn default_export<'b, 'a>(program: &'b Program<'a>) -> Option<&'b Expression<'a>> {
    let exported = program.body.iter().find_map(|statement| match statement {
        Statement::ExportDefaultDeclaration(export) => export.declaration.as_expression(),
        _ => None,
    })?;
    let mut expr = unwrap(exported);
    if let Expression::CallExpression(call) = expr {
        expr = unwrap(call.arguments.first()?.as_expression()?);
    }
    if let Expression::Identifier(id) = expr {
        expr = unwrap(top_level_const(program, id.name.as_str())?);
        if let Expression::CallExpression(call) = expr {
            expr = unwrap(call.arguments.first()?.as_expression()?);
        }
    }
    matches!(expr, Expression::ObjectExpression(_)).then_some(expr)
}

fn unwrap<'b, 'a>(mut expr: &'b Expression<'a>) -> &'b Expression<'a> {
    loop {
        expr = match expr {
            Expression::ParenthesizedExpression(e) => &e.expression,
            Expression::TSAsExpression(e) => &e.expression,
            Expression::TSSatisfiesExpression(e) => &e.expression,
            _ => return expr,
        }
    }
}

fn top_level_const<'b, 'a>(program: &'b Program<'a>, name: &str) -> Option<&'b Expression<'a>> {
    program.body.iter().find_map(|statement| {
        let decl = match statement {
            Statement::VariableDeclaration(decl) => &**decl,
            Statement::ExportDeclaration(export) => match &export.declaration {
                Declaration::VariableDeclaration(decl) => &**decl,
                _ => return None,
            },
            _ => return None,
        };
        decl.declarations
            .iter()
            .find_map(|d| match (&d.id, &d.init) {
                (BindingPattern::BindingIdentifier(id), Some(init)) if id.name.as_str() == name => {
                    Some(init)
                }
                _ => None,
            })
    })
}

/// A literal value as JSON; `None` (with a warning naming `key`) for anything computed.
fn literal(expr: &Expression<'_>, key: &str, warnings: &mut Vec<String>) -> Option<Value> {
    let value = match unwrap(expr) {
        Expression::StringLiteral(s) => Value::String(s.value.as_str().to_string()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => Value::String(
            t.quasis[0]
                .value
                .cooked
                .map_or("", |c| c.as_str())
                .to_string(),
        ),
        Expression::NumericLiteral(n) => json!(n.value),
        Expression::BooleanLiteral(b) => Value::Bool(b.value),
        Expression::NullLiteral(_) => Value::Null,
        Expression::ArrayExpression(array) => Value::Array(
            array
                .elements
                .iter()
                .enumerate()
                .filter_map(|(i, element)| match element {
                    ArrayExpressionElement::SpreadElement(_)
                    | ArrayExpressionElement::Elision(_) => {
                        warnings.push(format!(
                            "\"{key}[{i}]\": not a literal value; it is ignored"
                        ));
                        None
                    }
                    other => literal(other.as_expression()?, &format!("{key}[{i}]"), warnings),
                })
                .collect(),
        ),
        Expression::ObjectExpression(object) => {
            let mut map = Map::new();
            for property in &object.properties {
                let ObjectPropertyKind::ObjectProperty(property) = property else {
                    warnings.push(format!(
                        "\"{key}\": a spread `...x` is not read; it is ignored"
                    ));
                    continue;
                };
                let name = match (&property.key, property.computed) {
                    (PropertyKey::StaticIdentifier(id), false) => id.name.as_str().to_string(),
                    (PropertyKey::StringLiteral(s), false) => s.value.as_str().to_string(),
                    _ => {
                        warnings.push(format!(
                            "\"{key}\": a computed key is not read; it is ignored"
                        ));
                        continue;
                    }
                };
                let path = if key.is_empty() {
                    name.clone()
                } else {
                    format!("{key}.{name}")
                };
                if let Some(value) = literal(&property.value, &path, warnings) {
                    map.insert(name, value);
                }
            }
            Value::Object(map)
        }
        _ => {
            warnings.push(format!(
                "\"{key}\": not a literal value (the config is read without running it); it is ignored"
            ));
            return None;
        }
    };
    Some(value)
}

/// soda-gql's options → fizz-gql's config object.
fn map_config(soda: &Map<String, Value>, root: &Path, warnings: &mut Vec<String>) -> Value {
    let mut out = Map::new();
    let (mut include, mut exclude) = (Vec::new(), Vec::new());
    for (key, value) in soda {
        match (key.as_str(), value) {
            ("include", Value::Array(items)) => {
                for item in strings(items, key, warnings) {
                    // soda-gql's `!`-negated include entries are excludes.
                    match item.strip_prefix('!') {
                        Some(negated) => exclude.push(glob(negated)),
                        None => include.push(glob(&item)),
                    }
                }
            }
            ("exclude", Value::Array(items)) => {
                exclude.extend(strings(items, key, warnings).iter().map(|g| glob(g)));
            }
            ("outdir", Value::String(dir)) => {
                let system = out
                    .entry("graphqlSystem")
                    .or_insert_with(|| json!({}));
                system["path"] = Value::String(dir.clone());
            }
            ("graphqlSystemAliases", Value::Array(items)) => {
                let system = out
                    .entry("graphqlSystem")
                    .or_insert_with(|| json!({}));
                system["aliases"] = json!(strings(items, key, warnings));
            }
            ("tsconfigPaths", Value::String(path)) => {
                out.insert("tsconfig".into(), Value::String(path.clone()));
            }
            ("schemas", Value::Object(schemas)) => {
                out.insert("schemas".into(), map_schemas(schemas, warnings));
            }
            (key, _) => match IGNORED.iter().find(|(k, _)| *k == key) {
                Some((_, why)) => warnings.push(format!("\"{key}\": ignored ({why})")),
                None => warnings.push(format!(
                    "\"{key}\": not a soda-gql option fizz-gql maps (or not of the documented type); it is ignored"
                )),
            },
        }
    }
    out.insert("include".into(), json!(include));
    if !exclude.is_empty() {
        out.insert("exclude".into(), json!(exclude));
    }
    // soda-gql apps import the graphql system through tsconfig `paths` (`@/graphql-system`).
    if !out.contains_key("tsconfig") && root.join("tsconfig.json").is_file() {
        out.insert("tsconfig".into(), Value::String("tsconfig.json".into()));
    }
    Value::Object(out)
}

fn map_schemas(schemas: &Map<String, Value>, warnings: &mut Vec<String>) -> Value {
    let mut out = Map::new();
    for (label, entry) in schemas {
        let Value::Object(entry) = entry else {
            warnings.push(format!(
                "\"schemas.{label}\": must be an object {{ schema, inject }}; it is ignored"
            ));
            continue;
        };
        for (key, value) in entry {
            match (key.as_str(), value) {
                ("schema", Value::String(_) | Value::Array(_)) => {
                    out.insert(label.clone(), value.clone());
                }
                ("inject", _) => warnings.push(format!(
                    "\"schemas.{label}.inject\": not read (fizz-gql takes scalar and adapter types from the schema, not from an inject module); it is ignored"
                )),
                ("defaultInputDepth" | "inputDepthOverrides", _) => warnings.push(format!(
                    "\"schemas.{label}.{key}\": ignored (it tunes soda-gql's type inference, which fizz-gql does not generate)"
                )),
                _ => warnings.push(format!(
                    "\"schemas.{label}.{key}\": not a schema option fizz-gql maps; it is ignored"
                )),
            }
        }
    }
    Value::Object(out)
}

fn strings(items: &[Value], key: &str, warnings: &mut Vec<String>) -> Vec<String> {
    items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| match item.as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                warnings.push(format!("\"{key}[{i}]\": not a string; it is ignored"));
                None
            }
        })
        .collect()
}

/// soda-gql writes globs as `./src/**/*.ts`; fizz-gql's are root-relative without `./`.
fn glob(pattern: &str) -> String {
    pattern.strip_prefix("./").unwrap_or(pattern).to_string()
}

#[cfg(test)]
mod tests {
    use super::read_soda_config;
    use serde_json::json;
    use std::path::Path;

    fn read(text: &str) -> (serde_json::Value, Vec<String>) {
        read_soda_config("soda-gql.config.ts", text, Path::new("/nonexistent")).expect("reads")
    }

    #[test]
    fn define_config_maps_every_documented_key() {
        let (value, warnings) = read(
            r#"import { defineConfig } from "@soda-gql/config";
            export default defineConfig({
              outdir: "./src/graphql-system",
              graphqlSystemAliases: ["@/graphql-system"],
              include: ["./src/**/*.ts", "!./src/**/*.test.ts"],
              exclude: [`./gen/**`],
              schemas: { admin: { schema: ["./a.graphql", "./b.graphql"] } },
            } satisfies object);"#,
        );
        assert_eq!(
            value,
            json!({
                "graphqlSystem": { "path": "./src/graphql-system", "aliases": ["@/graphql-system"] },
                "include": ["src/**/*.ts"],
                "exclude": ["src/**/*.test.ts", "gen/**"],
                "schemas": { "admin": ["./a.graphql", "./b.graphql"] },
            })
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn an_exported_const_and_computed_values() {
        let (value, warnings) = read(
            "const base = './src';\nconst config = { outdir: base, include: [`${base}/**`], analyzer: 'swc' };\nexport default config;",
        );
        assert_eq!(value, json!({ "include": [] }));
        assert_eq!(
            warnings,
            [
                "\"outdir\": not a literal value (the config is read without running it); it is ignored",
                "\"include[0]\": not a literal value (the config is read without running it); it is ignored",
                "\"analyzer\": ignored (fizz-gql always analyses with oxc)",
            ]
        );
    }

    #[test]
    fn no_default_export_is_an_error() {
        let error = read_soda_config("soda-gql.config.ts", "export const x = {};", Path::new("."))
            .expect_err("no default export");
        assert!(
            error.message.contains("export default defineConfig"),
            "{}",
            error.message
        );
    }
}
