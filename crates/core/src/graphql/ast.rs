//! The GraphQL syntax the builder composes: a template (variable definitions plus a
//! selection set) and the values, types and directives inside it. Offsets are byte offsets
//! into the template text that was parsed (see `template_text`), so a problem can be mapped
//! back into the TypeScript file.

/// The kind of an operation.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum OperationType {
    Query,
    Mutation,
    Subscription,
}

impl OperationType {
    pub fn as_str(self) -> &'static str {
        match self {
            OperationType::Query => "query",
            OperationType::Mutation => "mutation",
            OperationType::Subscription => "subscription",
        }
    }
}

/// A parsed definition template: `($a: T = d @dir, …) { selections }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    pub variables: Vec<VariableDefinition>,
    pub selection_set: SelectionSet,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VariableDefinition {
    /// The name without `$`.
    pub name: String,
    pub ty: Type,
    pub default_value: Option<Value>,
    pub directives: Vec<Directive>,
    /// Offset of the `$` in the template text.
    pub offset: u32,
    /// Offset of the type's named type (`User` of `[User!]`).
    pub type_offset: u32,
    /// Offsets of the default value's nodes, in pre-order (see `Argument::value_offsets`).
    pub default_offsets: Vec<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Named(String),
    List(Box<Type>),
    NonNull(Box<Type>),
}

impl Type {
    /// The innermost named type (`[User!]!` → `User`).
    pub fn named(&self) -> &str {
        match self {
            Type::Named(name) => name,
            Type::List(inner) | Type::NonNull(inner) => inner.named(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Variable(String),
    Int(String),
    Float(String),
    /// `value` is the string's semantic value (escapes resolved, block strings dedented).
    String {
        value: String,
        block: bool,
    },
    Boolean(bool),
    Null,
    Enum(String),
    List(Vec<Value>),
    Object(Vec<ObjectField>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ObjectField {
    pub name: String,
    pub value: Value,
    /// Offset of the field name.
    pub offset: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Argument {
    pub name: String,
    pub value: Value,
    /// Offset of the argument name.
    pub offset: u32,
    /// Offsets of every node of `value`, in pre-order (the value itself, then a list's
    /// items or an object's field values, each followed by its own nodes): validation
    /// points at the exact nested value that is wrong, while `Value` stays position-free
    /// so that values compare by content.
    pub value_offsets: Vec<u32>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Directive {
    pub name: String,
    pub arguments: Vec<Argument>,
    pub offset: u32,
}

/// An operation made of borrowed parts: what printing and the document writer read, so a
/// composed operation (whose selections live in a shared `Composed`) is printed without
/// copying its tree into an [`OperationDefinition`] first.
#[derive(Clone, Copy, Debug)]
pub struct OperationRef<'a> {
    pub operation: OperationType,
    pub name: &'a str,
    pub variables: &'a [VariableDefinition],
    pub selections: &'a [Selection],
}

impl OperationDefinition {
    /// This operation as borrowed parts.
    pub fn as_ref(&self) -> OperationRef<'_> {
        OperationRef {
            operation: self.operation,
            name: &self.name,
            variables: &self.variables,
            selections: &self.selection_set.selections,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct SelectionSet {
    pub selections: Vec<Selection>,
    /// Offset of the `{`.
    pub offset: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Selection {
    Field(Field),
    InlineFragment(InlineFragment),
    /// A fragment spread. In a template it is either an interpolation (`...${ref}` or
    /// `${ref}`) or a plain-text `...Name` (which the builder rejects as `NAMED_SPREAD`).
    Spread(Spread),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub alias: Option<String>,
    pub name: String,
    pub arguments: Vec<Argument>,
    pub directives: Vec<Directive>,
    pub selection_set: Option<SelectionSet>,
    /// Offset of the field's first token (the alias when there is one).
    pub offset: u32,
    /// Offset of the field name itself.
    pub name_offset: u32,
}

impl Field {
    /// The response key: the alias when there is one, else the name.
    pub fn response_key(&self) -> &str {
        self.alias.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct InlineFragment {
    pub type_condition: Option<String>,
    pub directives: Vec<Directive>,
    pub selection_set: SelectionSet,
    pub offset: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Spread {
    pub target: SpreadTarget,
    pub directives: Vec<Directive>,
    /// Offset of the spread (the `...`, or the placeholder for a bare `${ref}`).
    pub offset: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SpreadTarget {
    /// The template's interpolation with this index (0-based, in source order).
    Interpolation(usize),
    /// A named spread written as text: `...Name`.
    Named(String),
}

/// A finished operation, ready to print: what the artifact's `text` is printed from.
#[derive(Clone, Debug, PartialEq)]
pub struct OperationDefinition {
    pub operation: OperationType,
    pub name: String,
    pub variables: Vec<VariableDefinition>,
    pub selection_set: SelectionSet,
}

/// A finished fragment, ready to print (`fragment Key on Type { … }`; its variables are
/// listed separately in the artifact, never printed).
#[derive(Clone, Debug, PartialEq)]
pub struct FragmentDefinition {
    pub name: String,
    pub type_condition: String,
    pub selection_set: SelectionSet,
}
