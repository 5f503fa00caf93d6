//! Which files take part: include/exclude globs matched against root-relative paths, and a
//! directory walk limited to the globs' literal base folders.

pub mod change_set;
pub mod dir_cache;
pub mod fingerprint;

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use crate::discovery::dir_cache::{DirCache, WalkRules};

use crate::config::{ConfigError, ResolvedConfig};

/// Folders never walked into: dependencies and tool caches are not sources.
const SKIPPED_DIRS: [&str; 2] = ["node_modules", ".git"];

/// The compiled include/exclude globs of one config.
#[derive(Clone, Debug)]
pub struct Discovery {
    root: PathBuf,
    include: GlobSet,
    exclude: GlobSet,
    bases: Vec<String>,
    /// `types.outDir`, root-relative with a trailing `/`: the builder's own output is never
    /// a source, even where the include globs match it.
    out_dir: Option<String>,
}

impl Discovery {
    pub fn new(config: &ResolvedConfig) -> Result<Self, ConfigError> {
        let file = config
            .config_file
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "config".into());
        let (positive, negated) = split_negated(&config.include);
        let include_error = |message| ConfigError {
            file: file.clone(),
            key: Some("include".into()),
            message,
        };
        if positive.is_empty() {
            return Err(include_error(
                "must list at least one glob that is not negated with `!`".into(),
            ));
        }
        let include = glob_set(&positive).map_err(include_error)?;
        // `!glob` in include excludes what it matches, as `exclude` does.
        let exclude: Vec<&str> = config
            .exclude
            .iter()
            .map(String::as_str)
            .chain(negated)
            .collect();
        let exclude = glob_set(&exclude).map_err(|m| ConfigError {
            file: file.clone(),
            key: Some("exclude".into()),
            message: m,
        })?;
        let mut bases: Vec<String> = positive.iter().map(|g| literal_base(g)).collect();
        bases.sort();
        bases.dedup();
        // A base inside another base would be walked twice.
        let bases = bases
            .iter()
            .filter(|b| !bases.iter().any(|o| o != *b && is_inside(b, o)))
            .cloned()
            .collect();
        let out_dir = config
            .types
            .as_ref()
            .map(|t| format!("{}/", crate::config::relative(&config.root, &t.out_dir)));
        Ok(Self {
            root: config.root.clone(),
            include,
            exclude,
            bases,
            out_dir,
        })
    }

    /// Whether a root-relative path is a source file of the build.
    pub fn matches(&self, relative: &str) -> bool {
        self.include.is_match(relative)
            && !self.exclude.is_match(relative)
            && !self
                .out_dir
                .as_deref()
                .is_some_and(|dir| relative.starts_with(dir))
    }

    /// The literal base folders of the include globs, root-relative (`""` is the root).
    pub fn bases(&self) -> &[String] {
        &self.bases
    }

    /// Every matching file under the root, as sorted root-relative paths.
    pub fn walk(&self) -> Vec<String> {
        self.walk_cached(&mut DirCache::default())
    }

    /// Like `walk`, reusing the folders of `cache` whose mtime did not change.
    pub fn walk_cached(&self, cache: &mut DirCache) -> Vec<String> {
        let bases: Vec<PathBuf> = self
            .bases
            .iter()
            .map(|b| {
                if b.is_empty() {
                    self.root.clone()
                } else {
                    self.root.join(b)
                }
            })
            .collect();
        cache.walk_all(&bases, self)
    }
}

impl WalkRules for Discovery {
    fn enter(&self, name: &str) -> bool {
        !is_skipped_dir(name)
    }

    fn keep(&self, path: &Path) -> Option<String> {
        let relative = crate::config::relative(&self.root, path);
        self.matches(&relative).then_some(relative)
    }
}

/// Folders never walked into (or watched): `node_modules`, `.git` and other dot folders.
pub fn is_skipped_dir(name: &str) -> bool {
    SKIPPED_DIRS.contains(&name) || (name.starts_with('.') && name.len() > 1 && name != "..")
}

/// Include globs split into the matching ones and the `!`-negated ones (without the `!`).
fn split_negated(patterns: &[String]) -> (Vec<&str>, Vec<&str>) {
    let mut positive = Vec::new();
    let mut negated = Vec::new();
    for pattern in patterns {
        match pattern.strip_prefix('!') {
            Some(rest) => negated.push(rest),
            None => positive.push(pattern.as_str()),
        }
    }
    (positive, negated)
}

fn glob_set(patterns: &[&str]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = GlobBuilder::new(strip_dot_slash(pattern))
            .literal_separator(true)
            .build()
            .map_err(|e| format!("invalid glob {pattern:?}: {e}"))?;
        builder.add(glob);
    }
    builder.build().map_err(|e| e.to_string())
}

fn strip_dot_slash(pattern: &str) -> &str {
    pattern.strip_prefix("./").unwrap_or(pattern)
}

/// The folder part of a glob before its first wildcard segment (`src/**/*.ts` → `src`).
fn literal_base(pattern: &str) -> String {
    let segments: Vec<&str> = strip_dot_slash(pattern).split('/').collect();
    let literal: Vec<&str> = segments[..segments.len().saturating_sub(1)]
        .iter()
        .take_while(|s| !s.contains(['*', '?', '[', '{']))
        .copied()
        .collect();
    literal.join("/")
}

fn is_inside(path: &str, base: &str) -> bool {
    base.is_empty() || path.starts_with(&format!("{base}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negated_includes_are_split_off_without_their_bang() {
        let patterns = ["src/**/*.ts".to_string(), "!src/legacy/**".to_string()];
        assert_eq!(
            split_negated(&patterns),
            (vec!["src/**/*.ts"], vec!["src/legacy/**"])
        );
    }

    #[test]
    fn a_negated_include_excludes_what_it_matches_everywhere_includes_are_matched() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/build/negated-include-globs");
        let config =
            ResolvedConfig::from_file(&dir.join("fizz.config.json"), None).expect("config");
        let discovery = Discovery::new(&config).expect("globs compile");
        // `matches` is what the walk, the watcher and `tracks()` (the plugins) ask.
        assert!(discovery.matches("src/app/user.ts"));
        assert!(!discovery.matches("src/legacy/user.ts"));
        assert_eq!(discovery.bases(), ["src".to_string()]);
        assert_eq!(discovery.walk(), ["src/app/user.ts".to_string()]);
    }

    #[test]
    fn only_negated_includes_are_a_config_error() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/build/negated-include-globs");
        let mut config =
            ResolvedConfig::from_file(&dir.join("fizz.config.json"), None).expect("config");
        config.include = vec!["!src/legacy/**".into()];
        let error = Discovery::new(&config).expect_err("no positive include");
        assert_eq!(error.key.as_deref(), Some("include"));
    }

    #[test]
    fn literal_base_stops_at_the_first_wildcard() {
        assert_eq!(literal_base("src/**/*.ts"), "src");
        assert_eq!(literal_base("./src/app/*.{ts,tsx}"), "src/app");
        assert_eq!(literal_base("**/*.ts"), "");
        assert_eq!(literal_base("index.ts"), "");
    }
}
