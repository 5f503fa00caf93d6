//! What a valid config may still get wrong, as warnings in every build's diagnostics: an
//! include glob that can never match (globs are matched against root-relative paths, which
//! never start with `/` or contain `..`), a cache folder outside the root, and a tsconfig
//! that does not parse or whose `extends` chain loops (module resolution would silently
//! ignore it, and `paths` aliases stop working without a word).

use std::path::{Path, PathBuf};

use crate::config::{normalize, relative, ResolvedConfig};
use crate::diagnostic::{Diagnostic, Severity};

/// The warnings of `config`, in a stable order.
pub fn config_warnings(config: &ResolvedConfig) -> Vec<Diagnostic> {
    let file = config
        .config_file
        .as_deref()
        .map(|f| relative(&config.root, f))
        .unwrap_or_default();
    let warn = |message: String| {
        Diagnostic::without_position("CONFIG_WARNING", Severity::Warning, message, &file)
    };
    let mut out = Vec::new();
    for glob in &config.include {
        if glob.starts_with('/') {
            out.push(warn(format!(
                "include glob {glob:?} is absolute; globs are matched against paths relative \
                 to the root, so it matches nothing"
            )));
        } else if glob.split('/').any(|segment| segment == "..") {
            out.push(warn(format!(
                "include glob {glob:?} has a \"..\" segment; globs are matched against paths \
                 inside the root, so it matches nothing (link the folder into the root and \
                 list it in \"allowOutsideRoot\")"
            )));
        }
    }
    if !config.cache_dir.starts_with(&config.root) {
        out.push(warn(format!(
            "cacheDir {} is outside the root: the builder writes there",
            config.cache_dir.display()
        )));
    }
    if let Some(tsconfig) = &config.tsconfig {
        out.extend(tsconfig_warning(&config.root, tsconfig));
    }
    out
}

/// A tsconfig that does not parse, or whose relative `extends` chain comes back to itself.
fn tsconfig_warning(root: &Path, first: &Path) -> Option<Diagnostic> {
    let mut chain: Vec<PathBuf> = Vec::new();
    let mut next = Some(first.to_path_buf());
    while let Some(path) = next.take() {
        let shown = relative(root, &path);
        let warn = |message: String| {
            Diagnostic::without_position("TSCONFIG_INVALID", Severity::Warning, message, &shown)
        };
        if chain.contains(&path) {
            let names: Vec<String> = chain.iter().map(|p| relative(root, p)).collect();
            return Some(warn(format!(
                "the tsconfig \"extends\" chain loops ({} → {shown}); its compilerOptions \
                 (paths, baseUrl) are ignored",
                names.join(" → ")
            )));
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            // A missing or unreadable base file is the resolver's to report; stop here.
            return None;
        };
        let value: serde_json::Value = match serde_json::from_str(&strip_jsonc(&text)) {
            Ok(value) => value,
            Err(e) => {
                return Some(warn(format!(
                    "the tsconfig is not valid JSON (line {}, column {}: {e}); its \
                     compilerOptions (paths, baseUrl) are ignored",
                    e.line(),
                    e.column()
                )))
            }
        };
        chain.push(path.clone());
        // Only relative `extends` are followed: package configs are not the project's.
        let extends = match value.get("extends") {
            Some(serde_json::Value::String(s)) => vec![s.clone()],
            Some(serde_json::Value::Array(items)) => items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
        let dir = path.parent().unwrap_or(Path::new("/"));
        next = extends
            .iter()
            .filter(|e| e.starts_with("./") || e.starts_with("../"))
            .map(|e| {
                let joined = normalize(&dir.join(e));
                match joined.extension() {
                    Some(_) => joined,
                    None => joined.with_extension("json"),
                }
            })
            .next();
    }
    None
}

/// JSON with comments and trailing commas (tsconfig's dialect) as plain JSON, offsets kept
/// line for line so an error's line and column still point into the file.
fn strip_jsonc(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                out.extend_from_slice(&bytes[start..i]);
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    out.push(b' ');
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |e| i + 2 + e + 2);
                for &b in &bytes[i..end] {
                    out.push(if b == b'\n' { b'\n' } else { b' ' });
                }
                i = end;
            }
            b',' => {
                let rest = bytes[i + 1..].iter().find(|b| !b.is_ascii_whitespace());
                out.push(if matches!(rest, Some(b'}' | b']')) {
                    b' '
                } else {
                    b','
                });
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::strip_jsonc;

    #[test]
    fn comments_and_trailing_commas_are_blanked() {
        let text = "{\n  // c\n  \"a\": [1, 2,], /* x\n y */ \"b\": \"//not\",\n}";
        let value: serde_json::Value = serde_json::from_str(&strip_jsonc(text)).unwrap();
        assert_eq!(value, serde_json::json!({ "a": [1, 2], "b": "//not" }));
        assert!(serde_json::from_str::<serde_json::Value>(&strip_jsonc("{ \"a\": }")).is_err());
    }
}
