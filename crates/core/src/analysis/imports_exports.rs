//! Value imports, export entries and top-level names, read straight from the top-level
//! statements (no walk: module syntax only appears there). Type-only forms are dropped,
//! as they bind nothing at runtime and can never name a definition.

use oxc_ast::ast::{
    Declaration, ExportDefaultDeclarationKind, Expression, Function, ImportDeclaration,
    ImportDeclarationSpecifier, Statement, VariableDeclaration,
};

use super::model::{ExportEntry, ImportBinding, ImportKind, Name};
use super::names::{module_export_name, push_bound_names, to_span};

/// The ESM spec's local name for an anonymous default export (`export default 1 + 1`,
/// `export default function () {}`): there is a default export, but no binding behind it.
pub const ANONYMOUS_DEFAULT: &str = "*default*";

/// Module-level facts of one file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ModuleFacts {
    /// Value imports, in source order.
    pub imports: Vec<ImportBinding>,
    /// Export entries, in source order.
    pub exports: Vec<ExportEntry>,
    /// Top-level value binding names (not imports), sorted and deduplicated.
    pub top_level_names: Vec<Name>,
}

/// Collects imports, exports and top-level names from a program body.
pub fn read_module_facts(body: &[Statement<'_>]) -> ModuleFacts {
    let mut facts = ModuleFacts::default();
    for statement in body {
        read_statement(statement, &mut facts);
    }
    facts.top_level_names.sort();
    facts.top_level_names.dedup();
    facts
}

fn read_statement(statement: &Statement<'_>, facts: &mut ModuleFacts) {
    match statement {
        Statement::ImportDeclaration(decl) => read_import(decl, &mut facts.imports),
        Statement::ExportDeclaration(export) => {
            let mut names = Vec::new();
            declared_names(&export.declaration, &mut names);
            facts
                .exports
                .extend(names.iter().map(|name| local(name, name)));
            facts.top_level_names.extend(names);
        }
        Statement::ExportNamedDeclaration(export) if !export.export_kind.is_type() => {
            for spec in export
                .specifiers
                .iter()
                .filter(|spec| !spec.export_kind.is_type())
            {
                facts.exports.push(local(
                    module_export_name(&spec.exported),
                    module_export_name(&spec.local),
                ));
            }
        }
        Statement::ExportFromDeclaration(export) if !export.export_kind.is_type() => {
            let specifier = Name::new(export.source.value.as_str());
            for spec in export
                .specifiers
                .iter()
                .filter(|spec| !spec.export_kind.is_type())
            {
                facts.exports.push(ExportEntry::Reexport {
                    exported: Name::new(module_export_name(&spec.exported)),
                    imported: Name::new(module_export_name(&spec.local)),
                    specifier: specifier.clone(),
                });
            }
        }
        Statement::ExportAllDeclaration(export) if !export.export_kind.is_type() => {
            let specifier = Name::new(export.source.value.as_str());
            facts.exports.push(match &export.exported {
                Some(name) => ExportEntry::ReexportNamespace {
                    exported: Name::new(module_export_name(name)),
                    specifier,
                },
                None => ExportEntry::ReexportAll { specifier },
            });
        }
        Statement::ExportDefaultDeclaration(export) => {
            read_export_default(&export.declaration, facts)
        }
        _ => {
            if let Some(declaration) = statement.as_declaration() {
                declared_names(declaration, &mut facts.top_level_names);
            }
        }
    }
}

fn read_import(decl: &ImportDeclaration<'_>, imports: &mut Vec<ImportBinding>) {
    if decl.import_kind.is_type() {
        return;
    }
    let specifier = decl.source.value.as_str();
    for spec in decl.specifiers.iter().flatten() {
        let (local, kind, span) = match spec {
            ImportDeclarationSpecifier::ImportSpecifier(s) if s.import_kind.is_type() => continue,
            ImportDeclarationSpecifier::ImportSpecifier(s) => (
                &s.local,
                ImportKind::Named(Name::new(module_export_name(&s.imported))),
                s.span,
            ),
            ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                (&s.local, ImportKind::Default, s.span)
            }
            ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                (&s.local, ImportKind::Namespace, s.span)
            }
        };
        imports.push(ImportBinding {
            local: Name::new(local.name.as_str()),
            specifier: Name::new(specifier),
            kind,
            span: to_span(span),
        });
    }
}

fn read_export_default(declaration: &ExportDefaultDeclarationKind<'_>, facts: &mut ModuleFacts) {
    let name = match declaration {
        // An overload signature (`export default function f(): T;`) is a type only.
        ExportDefaultDeclarationKind::FunctionDeclaration(func) if func.body.is_none() => return,
        ExportDefaultDeclarationKind::FunctionDeclaration(func) => binding_of_function(func),
        ExportDefaultDeclarationKind::ClassDeclaration(class) => {
            class.id.as_ref().map(|id| id.name.as_str())
        }
        ExportDefaultDeclarationKind::TSInterfaceDeclaration(_) => return,
        // `export default x` re-exports the binding `x`; any other expression is anonymous.
        _ => match declaration.as_expression() {
            Some(Expression::Identifier(id)) => {
                facts.exports.push(local("default", id.name.as_str()));
                return;
            }
            _ => None,
        },
    };
    // A named default function or class also declares that name in the module scope.
    if let Some(name) = name {
        facts.top_level_names.push(Name::new(name));
    }
    facts
        .exports
        .push(local("default", name.unwrap_or(ANONYMOUS_DEFAULT)));
}

/// Names a top-level declaration binds at runtime; ambient (`declare`) and type-only
/// declarations bind nothing. Namespaces and `import x = require()` are left out.
fn declared_names(declaration: &Declaration<'_>, out: &mut Vec<Name>) {
    match declaration {
        Declaration::VariableDeclaration(decl) => variable_names(decl, out),
        Declaration::FunctionDeclaration(func) => {
            out.extend(binding_of_function(func).map(Name::new))
        }
        Declaration::ClassDeclaration(class) if !class.declare => {
            out.extend(class.id.as_ref().map(|id| Name::new(id.name.as_str())));
        }
        Declaration::TSEnumDeclaration(decl) if !decl.declare => {
            out.push(Name::new(decl.id.name.as_str()))
        }
        _ => {}
    }
}

fn variable_names(decl: &VariableDeclaration<'_>, out: &mut Vec<Name>) {
    if decl.declare {
        return;
    }
    for declarator in &decl.declarations {
        push_bound_names(&declarator.id, out);
    }
}

/// The name of a function with a body: overload signatures and `declare function` are
/// types, not bindings of their own.
fn binding_of_function<'a>(func: &Function<'a>) -> Option<&'a str> {
    if func.declare || func.body.is_none() {
        return None;
    }
    func.id.as_ref().map(|id| id.name.as_str())
}

fn local(exported: &str, local: &str) -> ExportEntry {
    ExportEntry::Local {
        exported: Name::new(exported),
        local: Name::new(local),
    }
}
