//! Follows an interpolation `${ref}` to the definition it names (docs/reference/dsl.md §4): enclosing
//! scopes of the same file, then named/renamed/namespace/default imports, `export { x as y }`,
//! re-exports, `export *` and `export * as`, with nested member paths.

use rustc_hash::FxHashMap;

use crate::analysis::canonical_id::CanonicalId;
use crate::analysis::model::{Definition, DefinitionKind, ExportEntry, ImportKind};
use crate::diagnostic::{RawDiagnostic, Span};
use crate::sources::source_file::{SourceFile, Target};

/// Why a reference did not lead to a fragment of the right schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    Unresolved(String),
    Unknown(String),
    Invalid(String),
}

impl LinkError {
    /// The diagnostic for an interpolation at `span`.
    pub fn into_diagnostic(self, span: Span) -> RawDiagnostic {
        match self {
            LinkError::Unresolved(m) => RawDiagnostic::error("UNRESOLVED_IMPORT", m, span),
            LinkError::Unknown(m) => RawDiagnostic::error("UNKNOWN_FRAGMENT", m, span),
            LinkError::Invalid(m) => RawDiagnostic::error("INVALID_INTERPOLATION", m, span),
        }
    }
}

/// A resolved reference: the definition's canonical ID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub target: String,
}

/// The outcome of one lookup and every file it read (sorted), so a change to any of them
/// can invalidate it — a failed lookup too, since an edit can make it succeed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lookup {
    pub result: Result<Link, LinkError>,
    pub via: Vec<String>,
}

/// Reference lookups over one set of analysed files.
pub struct Linker<'a> {
    files: &'a FxHashMap<String, SourceFile>,
}

/// The longest re-export chain followed before giving up (guards `export *` loops).
const MAX_DEPTH: usize = 64;

impl<'a> Linker<'a> {
    pub fn new(files: &'a FxHashMap<String, SourceFile>) -> Self {
        Self { files }
    }

    /// Resolves `path` written in definition `def` of `file` to a fragment of `def`'s label.
    pub fn link(&self, file: &str, def: &Definition, path: &[String]) -> Lookup {
        let mut via = vec![file.to_string()];
        let result =
            self.lookup_in_scope(file, def, path, &mut via)
                .and_then(|(target_file, target)| {
                    check_fragment(def, target_file, target)?;
                    Ok(Link {
                        target: CanonicalId::new(target_file, &target.ast_path).into_string(),
                    })
                });
        via.sort();
        via.dedup();
        Lookup { result, via }
    }

    fn lookup_in_scope(
        &self,
        file: &str,
        def: &Definition,
        path: &[String],
        via: &mut Vec<String>,
    ) -> Result<(&'a str, &'a Definition), LinkError> {
        let source = self.file(file)?;
        // Innermost scope first. The whole stack counts: for `const f = gql…` its last
        // segment is the definition's own binding (nothing can be declared inside an
        // unwalked composer call, so that candidate never matches), but for a bare
        // `gql…;` statement in a function it is the function, where its siblings live.
        for depth in (0..=def.scope.len()).rev() {
            let candidate = join(&def.scope[..depth], path);
            if let Some(found) = find_definition(source, &candidate) {
                return Ok((&source.path, found));
            }
        }
        self.lookup_binding(source, &path[0], &path[1..], via, 0)
    }

    /// A top-level binding `name` of `source`, then the member path `rest`.
    fn lookup_binding(
        &self,
        source: &'a SourceFile,
        name: &str,
        rest: &[String],
        via: &mut Vec<String>,
        depth: usize,
    ) -> Result<(&'a str, &'a Definition), LinkError> {
        let full = join(&[name.to_string()], rest);
        if let Some(found) = find_definition(source, &full) {
            return Ok((&source.path, found));
        }
        let analysis = &source.analysis;
        if let Some(import) = analysis.imports.iter().find(|i| i.local == name) {
            let target = self.follow(source, &import.specifier, via)?;
            return match &import.kind {
                ImportKind::Named(imported) => {
                    self.lookup_export(target, imported, rest, via, depth + 1)
                }
                ImportKind::Default => self.lookup_export(target, "default", rest, via, depth + 1),
                ImportKind::Namespace => self.lookup_namespace(target, name, rest, via, depth + 1),
            };
        }
        if analysis
            .top_level_names
            .binary_search_by(|n| n.as_str().cmp(name))
            .is_ok()
        {
            return Err(LinkError::Invalid(format!(
                "`{full}` in {} is not a fragment definition",
                source.path
            )));
        }
        Err(LinkError::Unknown(format!(
            "`{full}` does not name a fragment definition in {}",
            source.path
        )))
    }

    fn lookup_namespace(
        &self,
        target: &'a SourceFile,
        name: &str,
        rest: &[String],
        via: &mut Vec<String>,
        depth: usize,
    ) -> Result<(&'a str, &'a Definition), LinkError> {
        match rest.split_first() {
            Some((first, rest)) => self.lookup_export(target, first, rest, via, depth),
            None => Err(LinkError::Invalid(format!(
                "`{name}` is the namespace of {}, not a fragment",
                target.path
            ))),
        }
    }

    /// Export `name` of `source`, then the member path `rest`.
    fn lookup_export(
        &self,
        source: &'a SourceFile,
        name: &str,
        rest: &[String],
        via: &mut Vec<String>,
        depth: usize,
    ) -> Result<(&'a str, &'a Definition), LinkError> {
        if depth > MAX_DEPTH {
            return Err(LinkError::Unknown(format!(
                "re-exports of `{name}` loop through {}",
                source.path
            )));
        }
        for export in &source.analysis.exports {
            match export {
                ExportEntry::Local { exported, local } if exported == name => {
                    return self.lookup_binding(source, local, rest, via, depth)
                }
                ExportEntry::Reexport {
                    exported,
                    imported,
                    specifier,
                } if exported == name => {
                    let target = self.follow(source, specifier, via)?;
                    return self.lookup_export(target, imported, rest, via, depth + 1);
                }
                ExportEntry::ReexportNamespace {
                    exported,
                    specifier,
                } if exported == name => {
                    let target = self.follow(source, specifier, via)?;
                    return self.lookup_namespace(target, name, rest, via, depth + 1);
                }
                _ => {}
            }
        }
        if name != "default" {
            for export in &source.analysis.exports {
                if let ExportEntry::ReexportAll { specifier } = export {
                    let Ok(target) = self.follow(source, specifier, via) else {
                        continue;
                    };
                    match self.lookup_export(target, name, rest, via, depth + 1) {
                        Err(LinkError::Unknown(_)) => continue,
                        other => return other,
                    }
                }
            }
        }
        Err(LinkError::Unknown(format!(
            "{} has no export `{name}`",
            source.path
        )))
    }

    fn follow(
        &self,
        source: &SourceFile,
        specifier: &str,
        via: &mut Vec<String>,
    ) -> Result<&'a SourceFile, LinkError> {
        match source.target(specifier) {
            Target::File(path) => {
                via.push(path.clone());
                self.file(path)
            }
            Target::Outside(path) => Err(LinkError::Unknown(format!(
                "\"{specifier}\" (imported by {}) resolves to {path}, which is not part of the build (see include)",
                source.path
            ))),
            Target::External => Err(LinkError::Unknown(format!(
                "\"{specifier}\" (imported by {}) is a package; fragments are only followed into source files of the build",
                source.path
            ))),
            Target::Unresolved => Err(LinkError::Unresolved(format!("cannot resolve \"{specifier}\" imported by {}", source.path))),
        }
    }

    fn file(&self, path: &str) -> Result<&'a SourceFile, LinkError> {
        self.files
            .get(path)
            .ok_or_else(|| LinkError::Unknown(format!("{path} is not part of the build")))
    }
}

fn check_fragment(from: &Definition, file: &str, target: &Definition) -> Result<(), LinkError> {
    let id = CanonicalId::new(file, &target.ast_path).into_string();
    if target.kind != DefinitionKind::Fragment {
        return Err(LinkError::Invalid(format!(
            "`{id}` is an operation; only fragments can be interpolated"
        )));
    }
    if target.label != from.label {
        return Err(LinkError::Invalid(format!(
            "`{id}` is a fragment of schema \"{}\", but this definition uses schema \"{}\"",
            target.label, from.label
        )));
    }
    Ok(())
}

fn find_definition<'s>(source: &'s SourceFile, ast_path: &str) -> Option<&'s Definition> {
    source
        .analysis
        .definitions
        .iter()
        .find(|d| d.ast_path == ast_path)
}

fn join(prefix: &[String], path: &[String]) -> String {
    prefix
        .iter()
        .chain(path)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(".")
}
