//! A change set (docs/reference/api.md §2): paths added, updated and removed, absolute or root-relative.
//! Normalising it sorts each path into what the session must do with it.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::{relative, under_root, ResolvedConfig};
use crate::diagnostic::{Diagnostic, Severity};
use crate::discovery::Discovery;

/// What changed, as a bundler or watcher reports it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeSet {
    #[serde(default)]
    pub added: Vec<String>,
    #[serde(default)]
    pub updated: Vec<String>,
    #[serde(default)]
    pub removed: Vec<String>,
}

/// A change set sorted by what each path means for the build.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct NormalizedChanges {
    /// Root-relative source paths to look at (added or updated; they may turn out removed).
    pub check: Vec<String>,
    /// Root-relative source paths reported removed (looked at too: a file can come back).
    pub removed: Vec<String>,
    /// A schema file changed.
    pub schema_changed: bool,
    /// The config file changed.
    pub config_changed: bool,
    /// Paths ignored, each with a warning (outside the root, or not matched by include).
    pub ignored: Vec<Diagnostic>,
}

impl ChangeSet {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.updated.is_empty() && self.removed.is_empty()
    }

    /// Sorts every path; `is_known` tells whether a path is a source file of the session.
    pub fn normalize(
        &self,
        config: &ResolvedConfig,
        discovery: &Discovery,
        is_known: impl Fn(&str) -> bool,
    ) -> NormalizedChanges {
        let mut out = NormalizedChanges::default();
        let changed = self.added.iter().chain(&self.updated).map(|p| (p, false));
        for (path, removed) in changed.chain(self.removed.iter().map(|p| (p, true))) {
            let absolute = under_root(&config.root, Path::new(path));
            if config.config_file.as_ref() == Some(&absolute) {
                out.config_changed = true;
                continue;
            }
            if config.schemas.values().flatten().any(|s| *s == absolute) {
                out.schema_changed = true;
                continue;
            }
            if !absolute.starts_with(&config.root) {
                out.ignored
                    .push(ignored(path, "is outside the config root"));
                continue;
            }
            // Through a symlink (of the file or a folder on its way) to outside the root:
            // never read.
            let real = crate::config::canonical(&absolute);
            if !config.may_read(&real) {
                let rel = relative(&config.root, &absolute);
                out.ignored.push(crate::discovery::refused_link(
                    &rel,
                    &real.to_string_lossy(),
                ));
                continue;
            }
            let rel = relative(&config.root, &absolute);
            if !discovery.matches(&rel) && !is_known(&rel) {
                out.ignored
                    .push(ignored(&rel, "is not matched by include (or is excluded)"));
                continue;
            }
            if removed {
                out.removed.push(rel)
            } else {
                out.check.push(rel)
            }
        }
        for list in [&mut out.check, &mut out.removed] {
            list.sort();
            list.dedup();
        }
        out
    }
}

fn ignored(path: &str, why: &str) -> Diagnostic {
    Diagnostic::without_position(
        "PATH_IGNORED",
        Severity::Warning,
        format!("ignored change to {path}: it {why}"),
        path,
    )
}
