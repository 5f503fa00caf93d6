//! Turns apollo-parser's concrete syntax tree into the AST of `ast.rs`, shared by template
//! parsing, document parsing and schema loading.
//!
//! The conversion never panics: a piece missing from the CST (which only happens where
//! apollo-parser also reported an error) is recorded as a `SyntaxError` and skipped, so a
//! broken input can never be silently accepted.

use apollo_parser::cst::{self, CstNode};
use apollo_parser::{SyntaxKind, SyntaxNode, SyntaxToken};
use rustc_hash::FxHashMap;

use super::ast::{
    Argument, Directive, Field, InlineFragment, ObjectField, OperationType, Selection,
    SelectionSet, Spread, SpreadTarget, Type, Value, VariableDefinition,
};
use super::string_value::decode_string_token;
use super::template_parse::SyntaxError;

/// State of one conversion: where offsets start, which names are interpolation
/// placeholders, and the errors found so far.
pub(crate) struct Converter {
    /// Bytes of parsed text that precede the caller's text (the `query ` prefix of a
    /// template); subtracted from every offset.
    prefix: u32,
    /// Placeholder start offset (in the caller's text) → (interpolation index, length).
    placeholders: FxHashMap<u32, (usize, u32)>,
    /// Interpolations that became spreads.
    consumed: Vec<bool>,
    /// Problems found while converting, in the order found.
    pub(crate) errors: Vec<SyntaxError>,
    /// Offsets of the value nodes converted since the last `take_value_offsets`, in pre-order.
    value_offsets: Vec<u32>,
}

impl Converter {
    /// A converter for text parsed with `prefix` extra bytes in front, whose placeholders
    /// are `(text_offset, text_len)` in interpolation order.
    pub(crate) fn new(prefix: u32, placeholders: &[(u32, u32)]) -> Self {
        Converter {
            prefix,
            placeholders: placeholders
                .iter()
                .enumerate()
                .map(|(i, &(offset, len))| (offset, (i, len)))
                .collect(),
            consumed: vec![false; placeholders.len()],
            errors: Vec::new(),
            value_offsets: Vec::new(),
        }
    }

    /// Indices of the interpolations that did not become a spread.
    pub(crate) fn unconsumed(&self) -> impl Iterator<Item = usize> + '_ {
        self.consumed
            .iter()
            .enumerate()
            .filter(|(_, used)| !**used)
            .map(|(i, _)| i)
    }

    /// Offset of a token in the caller's text.
    pub(crate) fn token_offset(&self, token: &SyntaxToken) -> u32 {
        u32::from(token.text_range().start()).saturating_sub(self.prefix)
    }

    /// Offset of a node's first significant token (trivia and commas skipped).
    pub(crate) fn node_offset(&self, node: &SyntaxNode) -> u32 {
        match first_token(node) {
            Some(token) => self.token_offset(&token),
            None => u32::from(node.text_range().start()).saturating_sub(self.prefix),
        }
    }

    /// Records that `node` lacks a part it needs; apollo-parser reports the cause.
    fn missing(&mut self, node: &SyntaxNode, what: &str) {
        let offset = self.node_offset(node);
        self.errors.push(SyntaxError {
            message: format!("Expected {what}."),
            offset,
            len: 0,
        });
    }

    /// A name's text and offset.
    pub(crate) fn name(
        &mut self,
        parent: &SyntaxNode,
        name: Option<cst::Name>,
    ) -> Option<(String, u32)> {
        let token = name.as_ref().and_then(|n| n.ident_token());
        match token {
            Some(token) => Some((token.text().to_owned(), self.token_offset(&token))),
            None => {
                self.missing(parent, "a Name");
                None
            }
        }
    }

    /// The interpolation whose placeholder is exactly the name at `offset` of `len` bytes.
    fn placeholder(&mut self, offset: u32, len: usize) -> Option<usize> {
        let &(index, placeholder_len) = self.placeholders.get(&offset)?;
        if placeholder_len as usize != len {
            return None;
        }
        if let Some(used) = self.consumed.get_mut(index) {
            *used = true;
        }
        Some(index)
    }

    /// An operation's type keyword (`None`: the shorthand `{ … }` form, a query).
    pub(crate) fn operation_type(op: Option<cst::OperationType>) -> OperationType {
        match op {
            Some(t) if t.mutation_token().is_some() => OperationType::Mutation,
            Some(t) if t.subscription_token().is_some() => OperationType::Subscription,
            _ => OperationType::Query,
        }
    }

    /// `($a: T = v @d, …)`.
    pub(crate) fn variable_definitions(
        &mut self,
        defs: Option<cst::VariableDefinitions>,
    ) -> Vec<VariableDefinition> {
        let Some(defs) = defs else { return Vec::new() };
        defs.variable_definitions()
            .filter_map(|def| self.variable_definition(&def))
            .collect()
    }

    fn variable_definition(&mut self, def: &cst::VariableDefinition) -> Option<VariableDefinition> {
        let node = def.syntax();
        let Some(variable) = def.variable() else {
            self.missing(node, "a Variable");
            return None;
        };
        let offset = self.node_offset(variable.syntax());
        let (name, _) = self.name(variable.syntax(), variable.name())?;
        let Some(cst_ty) = def.ty() else {
            self.missing(node, "a Type");
            return None;
        };
        let Some(ty) = convert_type(&cst_ty) else {
            self.missing(node, "a Type");
            return None;
        };
        let type_offset = cst_ty
            .syntax()
            .descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .find(|t| t.kind() == SyntaxKind::IDENT)
            .map_or(offset, |t| self.token_offset(&t));
        self.value_offsets.clear();
        let default_value = match def.default_value() {
            Some(default) => match default.value() {
                Some(v) => Some(self.value(&v)?),
                None => {
                    self.missing(default.syntax(), "a Value");
                    return None;
                }
            },
            None => None,
        };
        let default_offsets = std::mem::take(&mut self.value_offsets);
        let directives = self.directives(def.directives());
        Some(VariableDefinition {
            name,
            ty,
            default_value,
            directives,
            offset,
            type_offset,
            default_offsets,
        })
    }

    /// `@a(x: 1) @b`.
    pub(crate) fn directives(&mut self, directives: Option<cst::Directives>) -> Vec<Directive> {
        let Some(directives) = directives else {
            return Vec::new();
        };
        directives
            .directives()
            .filter_map(|d| {
                let offset = self.node_offset(d.syntax());
                let (name, _) = self.name(d.syntax(), d.name())?;
                let arguments = self.arguments(d.arguments());
                Some(Directive {
                    name,
                    arguments,
                    offset,
                })
            })
            .collect()
    }

    fn arguments(&mut self, args: Option<cst::Arguments>) -> Vec<Argument> {
        let Some(args) = args else { return Vec::new() };
        args.arguments()
            .filter_map(|arg| {
                let (name, offset) = self.name(arg.syntax(), arg.name())?;
                let Some(value) = arg.value() else {
                    self.missing(arg.syntax(), "a Value");
                    return None;
                };
                self.value_offsets.clear();
                let value = self.value(&value)?;
                let value_offsets = std::mem::take(&mut self.value_offsets);
                Some(Argument {
                    name,
                    value,
                    offset,
                    value_offsets,
                })
            })
            .collect()
    }

    /// A value; strings are decoded to their semantic value.
    fn value(&mut self, value: &cst::Value) -> Option<Value> {
        let node = value.syntax();
        let offset = self.node_offset(node);
        self.value_offsets.push(offset);
        Some(match value {
            cst::Value::Variable(v) => Value::Variable(self.name(node, v.name())?.0),
            cst::Value::StringValue(_) => return self.string_value(node),
            cst::Value::FloatValue(_) => Value::Float(self.token_text(node, SyntaxKind::FLOAT)?),
            cst::Value::IntValue(_) => Value::Int(self.token_text(node, SyntaxKind::INT)?),
            cst::Value::BooleanValue(b) => Value::Boolean(b.true_token().is_some()),
            cst::Value::NullValue(_) => Value::Null,
            cst::Value::EnumValue(e) => Value::Enum(self.name(node, e.name())?.0),
            cst::Value::ListValue(list) => {
                let mut values = Vec::new();
                for v in list.values() {
                    values.push(self.value(&v)?);
                }
                Value::List(values)
            }
            cst::Value::ObjectValue(object) => {
                let mut fields = Vec::new();
                for field in object.object_fields() {
                    let (name, offset) = self.name(field.syntax(), field.name())?;
                    let Some(v) = field.value() else {
                        self.missing(field.syntax(), "a Value");
                        return None;
                    };
                    fields.push(ObjectField {
                        name,
                        value: self.value(&v)?,
                        offset,
                    });
                }
                Value::Object(fields)
            }
        })
    }

    fn string_value(&mut self, node: &SyntaxNode) -> Option<Value> {
        let Some(token) = child_token(node, SyntaxKind::STRING) else {
            self.missing(node, "a String");
            return None;
        };
        match decode_string_token(token.text()) {
            Ok((value, block)) => Some(Value::String { value, block }),
            Err(e) => {
                let offset = self.token_offset(&token) + e.offset as u32;
                self.errors.push(SyntaxError {
                    message: e.message,
                    offset,
                    len: 1,
                });
                None
            }
        }
    }

    fn token_text(&mut self, node: &SyntaxNode, kind: SyntaxKind) -> Option<String> {
        match child_token(node, kind) {
            Some(token) => Some(token.text().to_owned()),
            None => {
                self.missing(node, "a number");
                None
            }
        }
    }

    /// `{ … }`.
    pub(crate) fn selection_set(
        &mut self,
        parent: &SyntaxNode,
        set: Option<cst::SelectionSet>,
    ) -> Option<SelectionSet> {
        let Some(set) = set else {
            self.missing(parent, "a Selection Set");
            return None;
        };
        let offset = match set.l_curly_token() {
            Some(token) => self.token_offset(&token),
            None => self.node_offset(set.syntax()),
        };
        let selections = set
            .selections()
            .filter_map(|s| self.selection(&s))
            .collect();
        Some(SelectionSet { selections, offset })
    }

    fn selection(&mut self, selection: &cst::Selection) -> Option<Selection> {
        match selection {
            cst::Selection::Field(field) => self.field(field),
            cst::Selection::FragmentSpread(spread) => {
                let node = spread.syntax();
                let offset = self.node_offset(node);
                let (name, name_offset) =
                    self.name(node, spread.fragment_name().and_then(|f| f.name()))?;
                let target = match self.placeholder(name_offset, name.len()) {
                    Some(index) => SpreadTarget::Interpolation(index),
                    None => SpreadTarget::Named(name),
                };
                let directives = self.directives(spread.directives());
                Some(Selection::Spread(Spread {
                    target,
                    directives,
                    offset,
                }))
            }
            cst::Selection::InlineFragment(fragment) => {
                let node = fragment.syntax();
                let offset = self.node_offset(node);
                let type_condition = match fragment.type_condition() {
                    Some(condition) => {
                        let named = condition.named_type();
                        Some(
                            self.name(condition.syntax(), named.and_then(|n| n.name()))?
                                .0,
                        )
                    }
                    None => None,
                };
                let directives = self.directives(fragment.directives());
                let selection_set = self.selection_set(node, fragment.selection_set())?;
                Some(Selection::InlineFragment(InlineFragment {
                    type_condition,
                    directives,
                    selection_set,
                    offset,
                }))
            }
        }
    }

    fn field(&mut self, field: &cst::Field) -> Option<Selection> {
        let node = field.syntax();
        let offset = self.node_offset(node);
        let (name, name_offset) = self.name(node, field.name())?;
        let bare = field.alias().is_none()
            && field.arguments().is_none()
            && field.selection_set().is_none();
        // A bare `${ref}` (possibly with directives) is a spread of that interpolation.
        if bare {
            if let Some(index) = self.placeholder(name_offset, name.len()) {
                let directives = self.directives(field.directives());
                return Some(Selection::Spread(Spread {
                    target: SpreadTarget::Interpolation(index),
                    directives,
                    offset: name_offset,
                }));
            }
        }
        let alias = match field.alias() {
            Some(alias) => Some(self.name(alias.syntax(), alias.name())?.0),
            None => None,
        };
        let arguments = self.arguments(field.arguments());
        let directives = self.directives(field.directives());
        let selection_set = match field.selection_set() {
            Some(set) => Some(self.selection_set(node, Some(set))?),
            None => None,
        };
        Some(Selection::Field(Field {
            alias,
            name,
            arguments,
            directives,
            selection_set,
            offset,
            name_offset,
        }))
    }
}

/// A type reference (`[User!]!`); `None` where the CST is incomplete.
pub(crate) fn convert_type(ty: &cst::Type) -> Option<Type> {
    match ty {
        cst::Type::NamedType(named) => named_type(named),
        cst::Type::ListType(list) => Some(Type::List(Box::new(convert_type(&list.ty()?)?))),
        cst::Type::NonNullType(non_null) => {
            let inner = match (non_null.named_type(), non_null.list_type()) {
                (Some(named), _) => named_type(&named)?,
                (None, Some(list)) => Type::List(Box::new(convert_type(&list.ty()?)?)),
                (None, None) => return None,
            };
            Some(Type::NonNull(Box::new(inner)))
        }
    }
}

/// A named type's name.
pub(crate) fn named_type(named: &cst::NamedType) -> Option<Type> {
    let token = named.name()?.ident_token()?;
    Some(Type::Named(token.text().to_owned()))
}

/// The first token of `node` that is not whitespace, a comment or a comma.
pub(crate) fn first_token(node: &SyntaxNode) -> Option<SyntaxToken> {
    node.descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .find(|t| !t.kind().is_trivia() && t.kind() != SyntaxKind::COMMA)
}

/// The direct child token of `node` of this kind.
fn child_token(node: &SyntaxNode, kind: SyntaxKind) -> Option<SyntaxToken> {
    node.children_with_tokens()
        .filter_map(|e| e.into_token())
        .find(|t| t.kind() == kind)
}
