//! The scope-stack walk of docs/reference/dsl.md §3: visits the file in source pre-order, keeps the stack
//! of scope names that gives each definition its astPath, and hands every composer call it
//! meets to [`read_definition_form`]. Arguments of a composer call and of its method chain
//! are never walked, so nothing inside them is collected or counted.
//!
//! Method chains (`a.b().c()…`) are walked by a loop rather than by recursion, and nesting
//! beyond [`MAX_DEPTH`] is reported instead of walked, so no input can overflow the stack
//! of a worker thread.

use oxc_ast::ast::{
    AccessorProperty, ArrowFunctionExpression, BindingPattern, Class, Declaration, Expression,
    Function, MethodDefinition, ObjectProperty, Program, PropertyDefinition, PropertyKey,
    PropertyKind, Statement, VariableDeclarator,
};
use oxc_ast_visit::walk_js::{
    walk_arrow_function_expression, walk_expression, walk_function, walk_statement,
    walk_variable_declarator,
};
use oxc_ast_visit::VisitJs;
use oxc_span::GetSpan;
use oxc_syntax::scope::ScopeFlags;

use super::ast_paths::{AstPaths, Segment, SegmentKind};
use super::composer_call::{chain_inner, find_composer_call, ComposerCall};
use super::composer_imports::ComposerRefs;
use super::definition_form::{read_definition_form, DefinitionForm, ElementBody, ElementForm};
use super::model::Definition;
use super::names::{class_member_segment, object_key_segment, to_span};
use super::options_object::read_options_object;
use super::template_reader::build_template_source;
use crate::diagnostic::RawDiagnostic;

/// How deeply expressions and statements may nest before the walk stops descending. A
/// recursive walk needs stack for every level; this bound stays well inside the 2 MiB of
/// a worker thread even in debug builds, and far beyond code written by hand.
pub const MAX_DEPTH: u32 = 1000;

/// What the walk found in one file.
#[derive(Debug, Default)]
pub struct WalkResult {
    /// Definitions in walk order.
    pub definitions: Vec<Definition>,
    /// `CLASS_PROPERTY`, `NON_LITERAL_NAME`, `UNSUPPORTED_DEFINITION_FORM` and
    /// `NESTING_TOO_DEEP` diagnostics.
    pub diagnostics: Vec<RawDiagnostic>,
}

/// Walks `program` for definitions made with the composer `refs`.
pub fn walk_definitions(program: &Program<'_>, source: &str, refs: &ComposerRefs) -> WalkResult {
    let mut walker = ScopeWalker {
        source,
        refs,
        stack: Vec::new(),
        paths: AstPaths::default(),
        class_property_depth: 0,
        depth: 0,
        reported_too_deep: false,
        top_level_inits: top_level_inits(&program.body),
        result: WalkResult::default(),
    };
    walker.visit_program(program);
    walker.result
}

/// Addresses of the initialisers of top-level `const X = …` (also under `export`), with
/// their binding name: a definition that is exactly such an initialiser (method chain
/// included) has `top_level_binding` X.
fn top_level_inits<'a>(body: &[Statement<'a>]) -> Vec<(usize, &'a str)> {
    let declarations = body.iter().filter_map(|statement| match statement {
        Statement::VariableDeclaration(decl) => Some(&**decl),
        Statement::ExportDeclaration(export) => match &export.declaration {
            Declaration::VariableDeclaration(decl) => Some(&**decl),
            _ => None,
        },
        _ => None,
    });
    let mut inits = Vec::new();
    for declarator in declarations.flat_map(|decl| decl.declarations.iter()) {
        if let (BindingPattern::BindingIdentifier(id), Some(init)) =
            (&declarator.id, &declarator.init)
        {
            inits.push((address(init), id.name.as_str()));
        }
    }
    inits
}

/// Identity of an expression node, to recognise a top-level initialiser.
fn address(expr: &Expression<'_>) -> usize {
    std::ptr::from_ref(expr) as usize
}

struct ScopeWalker<'s, 'a> {
    source: &'s str,
    refs: &'s ComposerRefs,
    /// The scope stack.
    stack: Vec<Segment<'a>>,
    paths: AstPaths,
    /// How many class property initialisers enclose the current node.
    class_property_depth: u32,
    /// Current nesting of expressions and statements.
    depth: u32,
    reported_too_deep: bool,
    top_level_inits: Vec<(usize, &'a str)>,
    result: WalkResult,
}

impl<'a> ScopeWalker<'_, 'a> {
    /// Runs `walk` with `segment` pushed on the scope stack (nothing pushed for `None`).
    fn within(&mut self, segment: Option<Segment<'a>>, walk: impl FnOnce(&mut Self)) {
        let pushed = segment.is_some();
        self.stack.extend(segment);
        walk(self);
        if pushed {
            self.stack.pop();
        }
    }

    /// Runs `walk` one level deeper, or reports (once) that the code nests too deeply.
    fn nested(&mut self, span: oxc_span::Span, walk: impl FnOnce(&mut Self)) {
        if self.depth >= MAX_DEPTH {
            if !self.reported_too_deep {
                self.reported_too_deep = true;
                self.result.diagnostics.push(RawDiagnostic::warning(
                    "NESTING_TOO_DEEP",
                    format!(
                        "code nested more than {MAX_DEPTH} levels deep is not walked; \
                         definitions inside it are not collected"
                    ),
                    to_span(span),
                ));
            }
            return;
        }
        self.depth += 1;
        walk(self);
        self.depth -= 1;
    }

    /// Walks `expr`, unless it is a composer call or a method chain around one: that is a
    /// definition, and nothing inside it is walked.
    fn expression(&mut self, expr: &Expression<'a>) {
        let is_link = chain_inner(expr).is_some();
        if is_link
            || matches!(
                expr,
                Expression::CallExpression(_) | Expression::ChainExpression(_)
            )
        {
            if let Some(found) = find_composer_call(expr, self.refs) {
                self.on_composer_call(expr, &found);
                return;
            }
        }
        if is_link {
            self.walk_chain(expr);
        } else {
            walk_expression(self, expr);
        }
    }

    /// Walks a method chain with a loop: its root first, then the arguments of each call
    /// from the innermost out, which is the order of a recursive pre-order walk. The chain
    /// was just found not to lead to a composer call, so none of its links is one.
    fn walk_chain(&mut self, outer: &Expression<'a>) {
        let mut argument_lists = Vec::new();
        let mut current = outer;
        while let Some(inner) = chain_inner(current) {
            if let Expression::CallExpression(call) = current {
                argument_lists.push(&call.arguments);
            }
            current = inner;
        }
        self.visit_expression(current);
        for arguments in argument_lists.into_iter().rev() {
            self.visit_arguments(arguments);
        }
    }

    fn on_composer_call(&mut self, outer: &Expression<'a>, found: &ComposerCall<'_, 'a>) {
        if self.class_property_depth > 0 {
            self.result.diagnostics.push(RawDiagnostic::warning(
                "CLASS_PROPERTY",
                "a definition in a class property initialiser is not collected; \
                 move it to a module-level or function-level `const`",
                to_span(found.call.span),
            ));
            return;
        }
        // Every composer call met takes its astPath, even one that builds nothing, so
        // fixing or editing one definition never renames the others.
        let scope: Vec<String> = if self.stack.is_empty() {
            vec![self.paths.generated(SegmentKind::Anonymous).to_string()]
        } else {
            self.stack.iter().map(Segment::to_string).collect()
        };
        let ast_path = self.paths.claim(scope.join("."));
        let top_level_binding = self
            .top_level_inits
            .iter()
            .find(|(init, _)| *init == address(outer))
            .map(|(_, name)| name.to_string());
        match read_definition_form(found) {
            Ok(DefinitionForm::Element(element)) => {
                match self.definition(element, found, ast_path, scope, top_level_binding) {
                    Ok(definition) => self.result.definitions.push(definition),
                    Err(diagnostics) => self.result.diagnostics.extend(diagnostics),
                }
            }
            Ok(DefinitionForm::Define) => {}
            Err(diagnostics) => self.result.diagnostics.extend(diagnostics),
        }
    }

    fn definition(
        &self,
        element: ElementForm<'_, 'a>,
        found: &ComposerCall<'_, 'a>,
        ast_path: String,
        scope: Vec<String>,
        top_level_binding: Option<String>,
    ) -> Result<Definition, Vec<RawDiagnostic>> {
        let (template, metadata_span) = match &element.body {
            ElementBody::Template(template) => (build_template_source(self.source, template), None),
            ElementBody::Options(options, param) => {
                let read = read_options_object(self.source, options, param)?;
                (read.template, read.metadata_span)
            }
        };
        Ok(Definition {
            ast_path,
            scope,
            label: element.label.0.to_string(),
            label_span: element.label.1,
            kind: element.kind,
            name: element.name.0.to_string(),
            name_span: element.name.1,
            type_name: element.type_name.map(|(name, _)| name.to_string()),
            type_name_span: element.type_name.map(|(_, span)| span),
            options_object: matches!(element.body, ElementBody::Options(..)),
            template,
            call_span: to_span(found.call.span),
            options_span: element.options_span,
            metadata_span,
            top_level_binding,
        })
    }

    /// Walks a class property initialiser, where definitions are not collected.
    fn class_property(
        &mut self,
        key: &PropertyKey<'a>,
        computed: bool,
        value: Option<&Expression<'a>>,
    ) {
        let segment = member_segment(key, computed);
        if segment.is_none() {
            self.visit_property_key(key);
        }
        if let Some(value) = value {
            self.class_property_depth += 1;
            self.within(segment, |walker| walker.visit_expression(value));
            self.class_property_depth -= 1;
        }
    }

    /// Walks a method's function without a segment of its own: the member name stands for it.
    fn function_inside(&mut self, func: &Function<'a>) {
        walk_function(self, func, ScopeFlags::Function);
    }
}

/// The segment of a class member key: its name when not computed.
fn member_segment<'a>(key: &PropertyKey<'a>, computed: bool) -> Option<Segment<'a>> {
    if computed {
        return None;
    }
    class_member_segment(key)
}

impl<'a> VisitJs<'a> for ScopeWalker<'_, 'a> {
    fn visit_expression(&mut self, expr: &Expression<'a>) {
        self.nested(expr.span(), |walker| walker.expression(expr));
    }

    fn visit_statement(&mut self, statement: &Statement<'a>) {
        self.nested(statement.span(), |walker| walk_statement(walker, statement));
    }

    fn visit_variable_declarator(&mut self, declarator: &VariableDeclarator<'a>) {
        match (&declarator.id, &declarator.init) {
            (BindingPattern::BindingIdentifier(id), Some(init)) => {
                self.within(Some(Segment::Name(id.name.as_str())), |walker| {
                    walker.visit_expression(init)
                });
            }
            _ => walk_variable_declarator(self, declarator),
        }
    }

    fn visit_function(&mut self, func: &Function<'a>, flags: ScopeFlags) {
        // A body-less function (overload, `declare`) is type-only: it pushes and counts nothing.
        let segment = match (&func.id, &func.body) {
            (_, None) => None,
            (Some(id), _) => Some(Segment::Name(id.name.as_str())),
            (None, _) => Some(self.paths.generated(SegmentKind::Function)),
        };
        self.within(segment, |walker| walk_function(walker, func, flags));
    }

    fn visit_arrow_function_expression(&mut self, arrow: &ArrowFunctionExpression<'a>) {
        let segment = self.paths.generated(SegmentKind::Arrow);
        self.within(Some(segment), |walker| {
            walk_arrow_function_expression(walker, arrow)
        });
    }

    fn visit_class(&mut self, class: &Class<'a>) {
        let segment = match &class.id {
            Some(id) => Segment::Name(id.name.as_str()),
            None => self.paths.generated(SegmentKind::Class),
        };
        // Decorators stand before the class: they are outside its scope.
        self.visit_decorators(&class.decorators);
        self.within(Some(segment), |walker| {
            if let Some(heritage) = &class.heritage {
                walker.visit_class_heritage(heritage);
            }
            walker.visit_class_body(&class.body);
        });
    }

    fn visit_method_definition(&mut self, method: &MethodDefinition<'a>) {
        self.visit_decorators(&method.decorators);
        match member_segment(&method.key, method.computed) {
            Some(segment) => self.within(Some(segment), |walker| {
                walker.function_inside(&method.value)
            }),
            // Without a name, the method's function is an anonymous function like any other.
            None => {
                self.visit_property_key(&method.key);
                self.visit_function(&method.value, ScopeFlags::Function);
            }
        }
    }

    fn visit_property_definition(&mut self, property: &PropertyDefinition<'a>) {
        self.visit_decorators(&property.decorators);
        self.class_property(&property.key, property.computed, property.value.as_ref());
    }

    fn visit_accessor_property(&mut self, property: &AccessorProperty<'a>) {
        self.visit_decorators(&property.decorators);
        self.class_property(&property.key, property.computed, property.value.as_ref());
    }

    fn visit_object_property(&mut self, property: &ObjectProperty<'a>) {
        let segment = if property.computed {
            self.visit_property_key(&property.key);
            None
        } else {
            object_key_segment(&property.key).map(Segment::Name)
        };
        let is_method = property.method || property.kind != PropertyKind::Init;
        match &property.value {
            // Like a class method: the key names the function, which pushes nothing more.
            Expression::FunctionExpression(func) if is_method && segment.is_some() => {
                self.within(segment, |walker| walker.function_inside(func));
            }
            value => self.within(segment, |walker| walker.visit_expression(value)),
        }
    }
}
