//! What the watcher looks at: which folders are watched and which files matter to the
//! build (include/exclude matches, schema files, the config file). `node_modules`, dot
//! folders and the cache dir are never watched: the builder writes its chunks there, and a
//! watcher that saw its own writes would loop.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::config::{normalize, relative, ResolvedConfig};
use crate::discovery::{is_skipped_dir, Discovery};
use crate::persist::cache_dir::CacheDir;

/// The folders and files one session cares about.
#[derive(Clone, Debug)]
pub struct WatchScope {
    root: PathBuf,
    discovery: Discovery,
    /// Absolute literal bases of the include globs: every source file lies under one.
    bases: Vec<PathBuf>,
    /// The config file and the schema files, watched wherever they are.
    files: BTreeSet<PathBuf>,
    /// Folders holding `files`: watched (not recursively) even when ignored otherwise.
    anchors: BTreeSet<PathBuf>,
    cache: CacheDir,
}

impl WatchScope {
    /// The scope of a config whose include globs `discovery` compiled.
    pub fn new(config: &ResolvedConfig, discovery: Discovery) -> Self {
        let bases = discovery
            .bases()
            .iter()
            .map(|b| normalize(&config.root.join(b)))
            .filter(|b| b.starts_with(&config.root))
            .collect();
        let files: BTreeSet<PathBuf> = config
            .schemas
            .values()
            .flatten()
            .cloned()
            .chain(config.config_file.clone())
            .collect();
        let anchors = files
            .iter()
            .filter_map(|f| f.parent().map(Path::to_path_buf))
            .collect();
        Self {
            root: config.root.clone(),
            discovery,
            bases,
            files,
            anchors,
            cache: CacheDir::new(config.cache_dir.clone()),
        }
    }

    /// Whether a symlinked folder whose real path is `real` is watched: the walk follows
    /// it (inside the root or `allowOutsideRoot`).
    pub fn follows_link_to(&self, real: &Path) -> bool {
        use crate::discovery::dir_cache::WalkRules;
        self.discovery.may_follow(real)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Folders outside the root that hold a schema or the config file (watched alone).
    pub fn outside_anchors(&self) -> impl Iterator<Item = &PathBuf> {
        self.anchors.iter().filter(|a| !a.starts_with(&self.root))
    }

    /// Whether a folder is watched: it lies under an include base, or on the way from
    /// the root to a base or to a schema/config file, and is not ignored.
    pub fn wants_dir(&self, dir: &Path) -> bool {
        if !dir.starts_with(&self.root) {
            return self.anchors.contains(dir);
        }
        if self.anchors.iter().any(|a| a.starts_with(dir)) {
            return true;
        }
        !self.is_ignored(dir)
            && self
                .bases
                .iter()
                .any(|b| dir.starts_with(b) || b.starts_with(dir))
    }

    /// Whether a change to this file matters to the build.
    pub fn wants_file(&self, path: &Path) -> bool {
        self.files.contains(path)
            || (path.starts_with(&self.root)
                && !self.is_ignored(path)
                && self.discovery.matches(&relative(&self.root, path)))
    }

    /// How a change set names the file: root-relative inside the root, else absolute.
    pub fn change_path(&self, path: &Path) -> String {
        if path.starts_with(&self.root) {
            relative(&self.root, path)
        } else {
            path.display().to_string()
        }
    }

    /// Inside the cache dir, or under a skipped folder (relative to the root, so a root
    /// that itself lives in a dot folder still works).
    fn is_ignored(&self, path: &Path) -> bool {
        if self.cache.contains(path) {
            return true;
        }
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        rel.components()
            .any(|c| is_skipped_dir(&c.as_os_str().to_string_lossy()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope(root: &Path) -> WatchScope {
        let config = ResolvedConfig {
            root: root.to_path_buf(),
            config_file: Some(root.join("fizz.config.json")),
            include: vec!["src/**/*.ts".into()],
            exclude: vec!["**/*.test.ts".into()],
            graphql_system: root.join("src/graphql-system.ts"),
            aliases: vec![],
            schemas: [(
                "default".to_string(),
                vec![root.join("schemas/main.graphql")],
            )]
            .into_iter()
            .collect(),
            tsconfig: None,
            cache_dir: root.join("src/.cache"),
            allow_outside_root: vec![],
            types: None,
            hash: String::new(),
            warnings: Vec::new(),
        };
        let discovery = Discovery::new(&config).expect("globs compile");
        WatchScope::new(&config, discovery)
    }

    #[test]
    fn folders_under_a_base_or_on_the_way_are_watched_and_ignored_ones_are_not() {
        let root = Path::new("/p");
        let s = scope(root);
        assert!(s.wants_dir(root));
        assert!(s.wants_dir(&root.join("src")));
        assert!(s.wants_dir(&root.join("src/a/b")));
        assert!(s.wants_dir(&root.join("schemas")));
        assert!(!s.wants_dir(&root.join("docs")));
        assert!(!s.wants_dir(&root.join("src/node_modules")));
        assert!(!s.wants_dir(&root.join("src/.git")));
        assert!(!s.wants_dir(&root.join("src/.cache/modules")));
        assert!(!s.wants_dir(Path::new("/elsewhere")));
    }

    #[test]
    fn only_sources_schemas_and_the_config_file_matter() {
        let root = Path::new("/p");
        let s = scope(root);
        assert!(s.wants_file(&root.join("src/a.ts")));
        assert!(!s.wants_file(&root.join("src/a.test.ts")));
        assert!(!s.wants_file(&root.join("src/a.json")));
        assert!(!s.wants_file(&root.join("src/node_modules/x/index.ts")));
        assert!(s.wants_file(&root.join("schemas/main.graphql")));
        assert!(s.wants_file(&root.join("fizz.config.json")));
        assert_eq!(s.change_path(&root.join("src/a.ts")), "src/a.ts");
    }
}
