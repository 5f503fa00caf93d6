//! Finds how a file brings in the composer `gql` (docs/reference/dsl.md §1): named or renamed imports,
//! namespace imports (`sys.gql`), and the default import, which is only a warning.

use oxc_ast::ast::{ImportDeclaration, ImportDeclarationSpecifier, Statement};

use super::names::{module_export_name, to_span};
use crate::diagnostic::{RawDiagnostic, Span};

/// The name the graphql-system module exports the composer under.
const COMPOSER_EXPORT: &str = "gql";

/// The local names under which the composer can be reached in one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ComposerRefs {
    /// Local bindings of the composer itself (`gql`, `g`).
    pub locals: Vec<String>,
    /// Namespace bindings of the graphql-system module (`sys`, reached as `sys.gql`).
    pub namespaces: Vec<String>,
}

impl ComposerRefs {
    /// True when the file has no composer binding, so it has no definitions.
    pub fn is_empty(&self) -> bool {
        self.locals.is_empty() && self.namespaces.is_empty()
    }

    /// Whether `name` is a direct local binding of the composer.
    pub fn is_local(&self, name: &str) -> bool {
        self.locals.iter().any(|local| local == name)
    }

    /// Whether `name` is a namespace import of the graphql-system module.
    pub fn is_namespace(&self, name: &str) -> bool {
        self.namespaces.iter().any(|ns| ns == name)
    }

    /// The bindings as `FileAnalysis::composer_bindings` lists them: `gql`, `sys.gql`; sorted.
    pub fn binding_names(&self) -> Vec<String> {
        let namespaced = self
            .namespaces
            .iter()
            .map(|ns| format!("{ns}.{COMPOSER_EXPORT}"));
        let mut names: Vec<String> = self.locals.iter().cloned().chain(namespaced).collect();
        names.sort();
        names.dedup();
        names
    }
}

/// What the composer imports of one file amount to.
#[derive(Clone, Debug, Default)]
pub struct ComposerImports {
    /// How the composer can be referenced.
    pub refs: ComposerRefs,
    /// Spans of the whole import declarations that bring in a composer binding.
    pub import_spans: Vec<Span>,
    /// `DEFAULT_IMPORT` warnings.
    pub diagnostics: Vec<RawDiagnostic>,
}

/// Reads the composer imports among the top-level statements of a file.
pub fn find_composer_imports(
    body: &[Statement<'_>],
    is_composer_module: &dyn Fn(&str) -> bool,
) -> ComposerImports {
    let mut found = ComposerImports::default();
    for statement in body {
        if let Statement::ImportDeclaration(decl) = statement {
            // Type-only imports never count (docs/reference/dsl.md §1), whatever they name.
            // Resolving is the expensive part: only ask about declarations that could
            // bring a composer (or a default import to warn about).
            if !decl.import_kind.is_type()
                && could_bring_composer(decl)
                && is_composer_module(decl.source.value.as_str())
            {
                read_declaration(decl, &mut found);
            }
        }
    }
    found
}

fn could_bring_composer(decl: &ImportDeclaration<'_>) -> bool {
    decl.specifiers
        .iter()
        .flatten()
        .any(|specifier| match specifier {
            ImportDeclarationSpecifier::ImportSpecifier(spec) => {
                !spec.import_kind.is_type() && module_export_name(&spec.imported) == COMPOSER_EXPORT
            }
            ImportDeclarationSpecifier::ImportNamespaceSpecifier(_)
            | ImportDeclarationSpecifier::ImportDefaultSpecifier(_) => true,
        })
}

fn read_declaration(decl: &ImportDeclaration<'_>, found: &mut ComposerImports) {
    let mut brings_composer = false;
    for specifier in decl.specifiers.iter().flatten() {
        match specifier {
            ImportDeclarationSpecifier::ImportSpecifier(spec) => {
                if !spec.import_kind.is_type()
                    && module_export_name(&spec.imported) == COMPOSER_EXPORT
                {
                    found.refs.locals.push(spec.local.name.as_str().to_string());
                    brings_composer = true;
                }
            }
            ImportDeclarationSpecifier::ImportNamespaceSpecifier(spec) => {
                found
                    .refs
                    .namespaces
                    .push(spec.local.name.as_str().to_string());
                brings_composer = true;
            }
            ImportDeclarationSpecifier::ImportDefaultSpecifier(spec) => {
                found.diagnostics.push(default_import_warning(
                    spec.local.name.as_str(),
                    decl,
                    to_span(spec.span),
                ));
            }
        }
    }
    if brings_composer {
        found.import_spans.push(to_span(decl.span));
    }
}

fn default_import_warning(local: &str, decl: &ImportDeclaration<'_>, span: Span) -> RawDiagnostic {
    let specifier = decl.source.value.as_str();
    RawDiagnostic::warning(
        "DEFAULT_IMPORT",
        format!(
            "default import `{local}` of the graphql-system module \"{specifier}\" is not the composer; \
             use `import {{ gql }} from \"{specifier}\"`"
        ),
        span,
    )
}
