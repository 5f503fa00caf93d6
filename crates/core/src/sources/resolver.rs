//! Module resolution (docs/reference/dsl.md §4) on top of oxc_resolver: relative specifiers with
//! `.js`→`.ts` mapping and index files, tsconfig `paths`/`baseUrl`/`extends`. Bare package
//! specifiers are external and never followed.

use std::path::{Path, PathBuf};

use oxc_resolver::{
    ResolveOptions, Resolver, TsconfigDiscovery, TsconfigOptions, TsconfigReferences,
};

use crate::config::ResolvedConfig;
use crate::config::SOURCE_EXTENSIONS;

/// What a specifier means for the build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// A file (absolute path).
    File(PathBuf),
    /// A package import, never followed.
    External,
    /// A relative or mapped specifier that names no file.
    Unresolved,
}

/// Resolves specifiers from files of one project. Thread-safe; caches file-system lookups.
pub struct ModuleResolver {
    resolver: Resolver,
    has_tsconfig: bool,
}

impl ModuleResolver {
    pub fn new(config: &ResolvedConfig) -> Self {
        let options = ResolveOptions {
            tsconfig: config.tsconfig.as_ref().map(|file| {
                TsconfigDiscovery::Manual(TsconfigOptions {
                    config_file: file.clone(),
                    references: TsconfigReferences::Disabled,
                })
            }),
            extensions: SOURCE_EXTENSIONS.map(|ext| format!(".{ext}")).to_vec(),
            extension_alias: vec![
                (
                    ".js".into(),
                    vec![".ts".into(), ".tsx".into(), ".js".into()],
                ),
                (".jsx".into(), vec![".tsx".into(), ".jsx".into()]),
                (".mjs".into(), vec![".mts".into(), ".mjs".into()]),
                (".cjs".into(), vec![".cts".into(), ".cjs".into()]),
            ],
            condition_names: vec!["import".into(), "default".into()],
            main_files: vec!["index".into()],
            symlinks: false,
            ..ResolveOptions::default()
        };
        Self {
            resolver: Resolver::new(options),
            has_tsconfig: config.tsconfig.is_some(),
        }
    }

    /// Resolves `specifier` as imported from a file in `dir`.
    pub fn resolve(&self, dir: &Path, specifier: &str) -> Resolution {
        let relative = is_relative(specifier);
        if !relative && !self.has_tsconfig {
            return Resolution::External;
        }
        match self.resolver.resolve(dir, specifier) {
            Ok(found) if is_dependency(found.path()) => Resolution::External,
            Ok(found) => Resolution::File(crate::config::normalize(&found.full_path())),
            Err(_) if relative => Resolution::Unresolved,
            // A bare specifier that tsconfig paths do not map is a package.
            Err(_) => Resolution::External,
        }
    }

    /// Forgets cached file-system lookups (files were added or removed).
    pub fn clear_cache(&self) {
        self.resolver.clear_cache();
    }
}

fn is_relative(specifier: &str) -> bool {
    specifier == "."
        || specifier == ".."
        || specifier.starts_with("./")
        || specifier.starts_with("../")
        || specifier.starts_with('/')
}

fn is_dependency(path: &Path) -> bool {
    path.components().any(|c| c.as_os_str() == "node_modules")
}
