//! `--graph-filter PATTERN` / `fizz graph --filter PATTERN`: a glob matched against
//! canonical IDs and root-relative paths. A definition is selected when its ID or its
//! file matches; what it depends on comes along (transitively), since an operation is
//! useless without its fragments.

use std::collections::BTreeSet;
use std::sync::Arc;

use globset::{GlobBuilder, GlobMatcher};

use crate::analysis::canonical_id::CanonicalId;
use crate::artifact::build_result::{BuildResult, Delta};
use crate::artifact::Artifact;
use crate::diagnostic::Diagnostic;
use crate::session::Session;

/// A compiled filter pattern.
#[derive(Clone, Debug)]
pub struct GraphFilter {
    pattern: String,
    glob: GlobMatcher,
}

/// The outputs of a build, narrowed by a filter.
#[derive(Clone, Debug, PartialEq)]
pub struct FilteredBuild {
    pub artifact: Artifact,
    pub delta: Delta,
    pub diagnostics: Vec<Diagnostic>,
}

impl GraphFilter {
    /// Compiles `pattern` with the include globs' rules (`*` stops at `/`, `**` crosses
    /// folders). `Err` names what is wrong with it.
    pub fn new(pattern: &str) -> Result<Self, String> {
        let glob = GlobBuilder::new(pattern.strip_prefix("./").unwrap_or(pattern))
            .literal_separator(true)
            .build()
            .map_err(|e| format!("invalid glob {pattern:?}: {}", e.kind()))?;
        Ok(Self {
            pattern: pattern.to_string(),
            glob: glob.compile_matcher(),
        })
    }

    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// Whether a path, or a canonical ID or its file, matches.
    pub fn matches(&self, id_or_path: &str) -> bool {
        self.glob.is_match(id_or_path)
            || CanonicalId::file_of(id_or_path).is_some_and(|file| self.glob.is_match(file))
    }

    /// The matching elements of `artifact` plus every fragment they reach, and the
    /// diagnostics that concern them (see [`GraphFilter::keeps_diagnostic`]).
    pub fn artifact(&self, artifact: &Artifact, is_source: &dyn Fn(&str) -> bool) -> Artifact {
        let mut kept: BTreeSet<&String> = BTreeSet::new();
        for (id, element) in artifact.elements.iter() {
            if self.matches(id) {
                kept.insert(id);
                // An element's dependencies are already transitive (docs/reference/artifact.md §1).
                kept.extend(element.dependencies.iter());
            }
        }
        let elements = artifact
            .elements
            .iter()
            .filter(|(id, _)| kept.contains(id))
            .map(|(id, e)| (id.clone(), e.clone()))
            .collect();
        let mut filtered = Artifact {
            version: artifact.version,
            elements,
            diagnostics: Arc::default(),
            report: artifact.report.clone(),
        };
        filtered.diagnostics =
            Arc::new(self.diagnostics(&artifact.diagnostics, &filtered, is_source));
        filtered
    }

    /// The diagnostics about a kept element's file or a matching definition or file, and
    /// those not about a source file at all (a schema, the config, the cache): they
    /// concern every definition.
    pub fn diagnostics(
        &self,
        diagnostics: &[Diagnostic],
        filtered: &Artifact,
        is_source: &dyn Fn(&str) -> bool,
    ) -> Vec<Diagnostic> {
        let kept_files: BTreeSet<&str> = filtered
            .elements
            .values()
            .map(|e| e.metadata.source_path.as_str())
            .collect();
        diagnostics
            .iter()
            .filter(|d| {
                d.file.is_empty()
                    || !is_source(&d.file)
                    || kept_files.contains(d.file.as_str())
                    || self.matches(&d.file)
                    || d.canonical_id.as_deref().is_some_and(|id| self.matches(id))
            })
            .cloned()
            .collect()
    }

    /// The part of a delta that the filtered artifact shows: added and updated elements
    /// it keeps, and removed elements whose ID or file matches.
    pub fn delta(&self, delta: &Delta, filtered: &Artifact) -> Delta {
        let kept = |id: &&String| filtered.elements.contains_key(*id);
        Delta {
            added: delta.added.iter().filter(kept).cloned().collect(),
            updated: delta.updated.iter().filter(kept).cloned().collect(),
            removed: delta
                .removed
                .iter()
                .filter(|id| self.matches(id))
                .cloned()
                .collect(),
        }
    }
}

impl Session {
    /// `result`'s outputs narrowed by `filter`, against the session's current state (call
    /// it right after the build that produced `result`).
    pub fn filter_build(&self, filter: &GraphFilter, result: &BuildResult) -> FilteredBuild {
        let is_source = |file: &str| self.is_source_file(file);
        let artifact = filter.artifact(&self.artifact(), &is_source);
        let diagnostics = filter.diagnostics(&result.diagnostics, &artifact, &is_source);
        FilteredBuild {
            delta: filter.delta(&result.delta, &artifact),
            artifact,
            diagnostics,
        }
    }

    /// Whether `file` (root-relative) is a source file of the build, readable or not.
    pub fn is_source_file(&self, file: &str) -> bool {
        self.files.contains_key(file)
            || self.unreadable.contains_key(file)
            || self.discovery.matches(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_match_by_themselves_or_by_their_file() {
        let f = GraphFilter::new("src/pages/**").unwrap();
        assert!(f.matches("src/pages/user.ts"));
        assert!(f.matches("src/pages/user.ts::GetUser"));
        assert!(!f.matches("src/fragments/user.ts::userFields"));
        let f = GraphFilter::new("**/*::GetUser").unwrap();
        assert!(f.matches("src/pages/user.ts::GetUser"));
        assert!(!f.matches("src/pages/user.ts::GetUsers"));
        let f = GraphFilter::new("./src/*.ts").unwrap();
        assert!(f.matches("src/a.ts::x"));
        assert!(!f.matches("src/deep/a.ts::x"), "* stops at /");
    }

    #[test]
    fn a_bad_pattern_says_why() {
        let error = GraphFilter::new("src/[").unwrap_err();
        assert!(error.starts_with("invalid glob \"src/[\""), "{error}");
    }
}
