//! Reads, fingerprints and analyses one source file, and resolves the specifiers the
//! definition graph may follow. Runs in parallel, one file per task.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::analysis::analyze;
use crate::config::ResolvedConfig;
use crate::config::SOURCE_EXTENSIONS;
use crate::diagnostic::line_index::LineIndex;
use crate::diagnostic::{Diagnostic, Severity};
use crate::discovery::fingerprint::{Fingerprint, Stat};
use crate::discovery::Discovery;
use crate::sources::lazy_analysis::LazyAnalysis;
use crate::sources::resolver::{ModuleResolver, Resolution};
use crate::sources::source_file::{SourceFile, Target};

/// What a loader needs from the session: config, globs and resolver.
pub struct FileLoader<'a> {
    pub config: &'a ResolvedConfig,
    pub discovery: &'a Discovery,
    pub resolver: &'a ModuleResolver,
}

impl FileLoader<'_> {
    /// Loads `path` (root-relative). A file that cannot be read is a diagnostic.
    pub fn load(&self, path: &str) -> Result<SourceFile, Box<Diagnostic>> {
        let absolute = self.config.root.join(path);
        let read = Stat::of(&absolute)
            .and_then(|stat| std::fs::read(&absolute).map(|bytes| (stat, bytes)));
        let (stat, bytes) = read.map_err(|e| Box::new(unreadable(path, &e)))?;
        let fingerprint = Fingerprint::new(stat, &bytes);
        let text = String::from_utf8(bytes).map_err(|_| {
            Box::new(Diagnostic::without_position(
                "FILE_UNREADABLE",
                Severity::Error,
                "the file is not valid UTF-8",
                path,
            ))
        })?;
        Ok(self.analyze_text(path, fingerprint, text))
    }

    /// Analyses text already read (also used when the content hash shows the text unchanged).
    pub fn analyze_text(&self, path: &str, fingerprint: Fingerprint, text: String) -> SourceFile {
        let dir = self.config.root.join(path);
        let dir = dir.parent().unwrap_or(Path::new("/"));
        let is_composer = |specifier: &str| self.is_composer_module(dir, specifier);
        let analysis = analyze(path, &text, &is_composer);
        // Most files have no diagnostics: index their lines only when one must be placed.
        let diagnostics = match analysis.diagnostics.is_empty() {
            true => Vec::new(),
            false => {
                let index = LineIndex::new(&text);
                analysis
                    .diagnostics
                    .iter()
                    .map(|d| d.locate(path, &text, &index))
                    .collect()
            }
        };
        let targets = if SourceFile::is_linkable(&analysis) {
            self.targets(dir, &analysis)
        } else {
            BTreeMap::new()
        };
        let keep_text = !analysis.definitions.is_empty();
        SourceFile {
            path: path.to_string(),
            fingerprint,
            analysis: LazyAnalysis::new(Arc::new(analysis)),
            targets,
            diagnostics,
            text: keep_text.then(|| Arc::from(text)),
        }
    }

    fn is_composer_module(&self, dir: &Path, specifier: &str) -> bool {
        if self.config.aliases.iter().any(|a| a == specifier) {
            return true;
        }
        // A relative specifier names the module by its last segment: `../gql`, `./system/index.js`.
        if specifier.starts_with('.') && !could_name(specifier, &self.config.graphql_system) {
            return false;
        }
        matches!(self.resolver.resolve(dir, specifier), Resolution::File(file) if file == self.config.graphql_system)
    }

    /// Where the specifiers of `path` lead now.
    pub fn targets_of(
        &self,
        path: &str,
        analysis: &crate::analysis::model::FileAnalysis,
    ) -> BTreeMap<String, Target> {
        let file = self.config.root.join(path);
        self.targets(file.parent().unwrap_or(Path::new("/")), analysis)
    }

    fn targets(
        &self,
        dir: &Path,
        analysis: &crate::analysis::model::FileAnalysis,
    ) -> BTreeMap<String, Target> {
        use crate::analysis::model::ExportEntry;
        let from_exports = analysis.exports.iter().filter_map(|e| match e {
            ExportEntry::Local { .. } => None,
            ExportEntry::Reexport { specifier, .. }
            | ExportEntry::ReexportNamespace { specifier, .. }
            | ExportEntry::ReexportAll { specifier } => Some(specifier),
        });
        let specifiers = analysis
            .imports
            .iter()
            .map(|i| &i.specifier)
            .chain(from_exports);
        specifiers
            .map(|s| (s.to_string(), self.target(dir, s)))
            .collect()
    }

    fn target(&self, dir: &Path, specifier: &str) -> Target {
        match self.resolver.resolve(dir, specifier) {
            Resolution::File(file) => {
                let relative = self.config.relative(&file);
                if file.starts_with(&self.config.root) && self.discovery.matches(&relative) {
                    Target::File(relative)
                } else {
                    Target::Outside(relative)
                }
            }
            Resolution::External => Target::External,
            Resolution::Unresolved => Target::Unresolved,
        }
    }
}

/// Whether a relative specifier's last segment can name `module` (its file stem, or its
/// folder when it is an index file, with or without an extension).
fn could_name(specifier: &str, module: &Path) -> bool {
    let tail = specifier
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(specifier);
    let tail = SOURCE_EXTENSIONS
        .iter()
        .find_map(|ext| tail.strip_suffix(ext)?.strip_suffix('.'))
        .unwrap_or(tail);
    let tail = if tail == "." || tail == ".." {
        ""
    } else {
        tail
    };
    let stem = module
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let folder = module
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    tail == stem || (stem == "index" && (tail == folder || tail.is_empty()))
}

fn unreadable(path: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::without_position(
        "FILE_UNREADABLE",
        Severity::Error,
        format!("cannot read the file: {error}"),
        path,
    )
}
