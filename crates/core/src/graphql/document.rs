//! Parsing a whole executable document (operations and fragment definitions) into the AST
//! of `ast.rs`. The document JSON is produced from it, and tests use it to turn a corpus
//! document into the `OperationDefinition`/`FragmentDefinition` values the printer takes.

use apollo_parser::cst::{self, CstNode};

use super::ast::{
    Directive, FragmentDefinition, OperationDefinition, OperationType, SelectionSet,
    VariableDefinition,
};
use super::cst_convert::Converter;
use super::template_parse::{first_parser_error, parser, SyntaxError};

/// One definition of an executable document.
#[derive(Clone, Debug, PartialEq)]
pub enum ExecutableDefinition {
    /// `query Name($v: T) @d { … }` or the shorthand `{ … }`.
    Operation(DocumentOperation),
    /// `fragment Name on Type @d { … }`.
    Fragment(DocumentFragment),
}

/// An operation as written in a document: unlike `OperationDefinition` it may be anonymous
/// and carry directives.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentOperation {
    /// `query`, `mutation` or `subscription` (`query` for the shorthand form).
    pub operation: OperationType,
    /// The operation name; `None` when anonymous.
    pub name: Option<String>,
    /// Variable definitions in written order.
    pub variables: Vec<VariableDefinition>,
    /// Directives on the operation.
    pub directives: Vec<Directive>,
    /// The operation's selection set.
    pub selection_set: SelectionSet,
}

/// A fragment definition as written in a document (it may carry directives).
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentFragment {
    /// The fragment name.
    pub name: String,
    /// The type condition's name.
    pub type_condition: String,
    /// Directives on the fragment definition.
    pub directives: Vec<Directive>,
    /// The fragment's selection set.
    pub selection_set: SelectionSet,
}

impl DocumentOperation {
    /// The printable form; `None` when the operation has directives, which
    /// `OperationDefinition` cannot hold. An anonymous operation gets the empty name.
    pub fn to_operation_definition(&self) -> Option<OperationDefinition> {
        if !self.directives.is_empty() {
            return None;
        }
        Some(OperationDefinition {
            operation: self.operation,
            name: self.name.clone().unwrap_or_default(),
            variables: self.variables.clone(),
            selection_set: self.selection_set.clone(),
        })
    }
}

impl DocumentFragment {
    /// The printable form; `None` when the fragment has directives.
    pub fn to_fragment_definition(&self) -> Option<FragmentDefinition> {
        if !self.directives.is_empty() {
            return None;
        }
        Some(FragmentDefinition {
            name: self.name.clone(),
            type_condition: self.type_condition.clone(),
            selection_set: self.selection_set.clone(),
        })
    }
}

/// Parses an executable document. Type system definitions are errors. On a syntax error
/// only the first one is returned (the later ones mostly follow from it).
pub fn parse_document(text: &str) -> Result<Vec<ExecutableDefinition>, Vec<SyntaxError>> {
    let tree = parser(text).parse();
    if let Some(first) = first_parser_error(&tree, 0) {
        return Err(vec![first]);
    }
    let mut cv = Converter::new(0, &[]);
    let mut definitions = Vec::new();
    for definition in tree.document().definitions() {
        match definition {
            cst::Definition::OperationDefinition(op) => {
                let node = op.syntax();
                let name = match op.name() {
                    Some(name) => cv.name(node, Some(name)).map(|(n, _)| n),
                    None => None,
                };
                let operation = Converter::operation_type(op.operation_type());
                let variables = cv.variable_definitions(op.variable_definitions());
                let directives = cv.directives(op.directives());
                if let Some(selection_set) = cv.selection_set(node, op.selection_set()) {
                    definitions.push(ExecutableDefinition::Operation(DocumentOperation {
                        operation,
                        name,
                        variables,
                        directives,
                        selection_set,
                    }));
                }
            }
            cst::Definition::FragmentDefinition(fragment) => {
                let node = fragment.syntax();
                let name = cv.name(node, fragment.fragment_name().and_then(|f| f.name()));
                let condition = fragment
                    .type_condition()
                    .and_then(|c| c.named_type())
                    .and_then(|n| n.name());
                let type_condition = cv.name(node, condition);
                let directives = cv.directives(fragment.directives());
                let selection_set = cv.selection_set(node, fragment.selection_set());
                if let (Some((name, _)), Some((type_condition, _)), Some(selection_set)) =
                    (name, type_condition, selection_set)
                {
                    definitions.push(ExecutableDefinition::Fragment(DocumentFragment {
                        name,
                        type_condition,
                        directives,
                        selection_set,
                    }));
                }
            }
            other => {
                let offset = cv.node_offset(other.syntax());
                cv.errors.push(SyntaxError {
                    message: format!("{} is not an executable definition.", other.kind()),
                    offset,
                    len: 1,
                });
            }
        }
    }
    if cv.errors.is_empty() && definitions.is_empty() {
        // graphql-js requires at least one definition.
        cv.errors.push(SyntaxError {
            message: "Unexpected <EOF>.".into(),
            offset: text.len() as u32,
            len: 0,
        });
    }
    if cv.errors.is_empty() {
        Ok(definitions)
    } else {
        let mut errors = cv.errors;
        errors.sort_by_key(|e| e.offset);
        Err(errors)
    }
}
