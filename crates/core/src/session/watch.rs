//! What a bundler's watcher must watch for one session, and which changed paths are worth a
//! change set: plugins ask this instead of re-implementing the include/exclude globs in JS.

use std::path::Path;

use serde::Serialize;

use crate::config::normalize;
use crate::session::Session;

/// Absolute paths a watcher should cover.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WatchTargets {
    /// The config root.
    pub root: String,
    /// The config file, when the config came from one.
    pub config_file: Option<String>,
    /// Every schema file of every label.
    pub schema_files: Vec<String>,
    /// The literal base folders of the include globs (where new source files can appear).
    pub source_dirs: Vec<String>,
}

impl Session {
    /// The config file, schema files and source folders of this session (absolute).
    pub fn watch_targets(&self) -> WatchTargets {
        let show = |p: &Path| p.to_string_lossy().replace('\\', "/");
        WatchTargets {
            root: show(&self.config.root),
            config_file: self.config.config_file.as_deref().map(show),
            schema_files: self
                .config
                .schemas
                .values()
                .flatten()
                .map(|p| show(p))
                .collect(),
            source_dirs: self
                .discovery
                .bases()
                .iter()
                .map(|b| show(&self.config.root.join(b)))
                .collect(),
        }
    }

    /// Whether a change to `path` (absolute or root-relative) matters to this session: the
    /// config file, a schema file, a source file the globs match, or a file it knows.
    pub fn tracks(&self, path: &str) -> bool {
        let absolute = normalize(&self.config.root.join(Path::new(path)));
        if self.config.config_file.as_ref() == Some(&absolute)
            || self
                .config
                .schemas
                .values()
                .flatten()
                .any(|s| *s == absolute)
        {
            return true;
        }
        if !absolute.starts_with(&self.config.root) {
            return false;
        }
        let relative = self.relative_path(path);
        self.discovery.matches(&relative) || self.files.contains_key(&relative)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::ResolvedConfig;
    use crate::session::Session;

    fn example() -> Session {
        let file =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/basic/fizz.config.json");
        let config =
            ResolvedConfig::from_file(&crate::config::normalize(&file), None).expect("config");
        Session::new(config, false).expect("session")
    }

    #[test]
    fn watch_targets_name_the_config_schemas_and_source_folders() {
        let session = example();
        let targets = session.watch_targets();
        assert!(targets
            .config_file
            .as_deref()
            .is_some_and(|f| f.ends_with("examples/basic/fizz.config.json")));
        assert_eq!(targets.schema_files.len(), 1);
        assert!(targets.schema_files[0].ends_with("examples/basic/schema.graphql"));
        assert_eq!(targets.source_dirs, vec![format!("{}/src", targets.root)]);
    }

    #[test]
    fn tracks_sources_schemas_and_the_config_only() {
        let session = example();
        let root = session.watch_targets().root;
        assert!(session.tracks("src/pages/feed.ts"));
        assert!(session.tracks(&format!("{root}/src/new-file.ts")));
        assert!(session.tracks("schema.graphql"));
        assert!(session.tracks("fizz.config.json"));
        assert!(!session.tracks("src/pages/feed.test.ts"), "excluded");
        assert!(!session.tracks("index.html"));
        assert!(
            !session.tracks("../vite-app/src/main.ts"),
            "outside the root"
        );
    }
}
