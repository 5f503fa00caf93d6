//! A schema loaded from SDL files: the type kinds, fields and root types the builder checks
//! selections against. Lookups are hash-map lookups: the builder makes one per field.

use apollo_parser::cst;
use indexmap::IndexMap;
use rustc_hash::FxBuildHasher;

use super::ast::{OperationType, Type};
use super::schema_inputs::{InputValueDef, InputValues, SchemaInputs};
use super::schema_load::Loader;
use super::template_parse::{parser, readable};

/// The kind of a named type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TypeKind {
    /// `type X { … }`
    Object,
    /// `interface X { … }`
    Interface,
    /// `union X = A | B`
    Union,
    /// `scalar X` and the built-in scalars.
    Scalar,
    /// `enum X { … }`
    Enum,
    /// `input X { … }`
    InputObject,
}

impl TypeKind {
    /// The kind as graphql-js names it in messages (`object`, `input object`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            TypeKind::Object => "object",
            TypeKind::Interface => "interface",
            TypeKind::Union => "union",
            TypeKind::Scalar => "scalar",
            TypeKind::Enum => "enum",
            TypeKind::InputObject => "input object",
        }
    }
}

/// A problem in a schema's SDL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaError {
    /// The SDL file's path, as given to `load_schema`.
    pub file: String,
    /// Byte offset in that file.
    pub offset: u32,
    /// What is wrong (graphql-js wording where graphql-js has one).
    pub message: String,
}

/// One named type.
#[derive(Clone, Debug)]
pub(crate) struct TypeDef {
    pub(crate) kind: TypeKind,
    /// Fields of an object or interface type, in definition order (extensions last).
    pub(crate) fields: IndexMap<String, Type, FxBuildHasher>,
    /// Interfaces an object or interface type implements.
    pub(crate) interfaces: Vec<String>,
    /// Member types of a union.
    pub(crate) members: Vec<String>,
    /// Values of an enum, in definition order (extensions last).
    pub(crate) enum_values: Vec<String>,
    /// Fields of an input object, in definition order (extensions last).
    pub(crate) input_fields: IndexMap<String, InputField, FxBuildHasher>,
}

/// One field of an input object type.
#[derive(Clone, Debug, PartialEq)]
pub struct InputField {
    pub ty: Type,
    /// Whether the SDL gives it a default value (then it may be omitted even when non-null).
    pub has_default: bool,
}

impl TypeDef {
    pub(crate) fn new(kind: TypeKind) -> Self {
        TypeDef {
            kind,
            fields: IndexMap::default(),
            interfaces: Vec::new(),
            members: Vec::new(),
            enum_values: Vec::new(),
            input_fields: IndexMap::default(),
        }
    }
}

/// A loaded schema.
#[derive(Clone, Debug)]
pub struct Schema {
    /// Every named type: built-in scalars, introspection types, then the SDL's types.
    pub(crate) types: IndexMap<String, TypeDef, FxBuildHasher>,
    /// Root type names by `OperationType` (query, mutation, subscription).
    pub(crate) roots: [Option<String>; 3],
    /// `String!`, the type of `__typename`.
    typename_type: Type,
    /// `__Schema!`, the type of `__schema`.
    schema_type: Type,
    /// `__Type`, the type of `__type(name:)`.
    type_type: Type,
    /// Interface → the object types that implement it, in schema order (computed once:
    /// the type mapping asks for them per abstract selection).
    implementations: rustc_hash::FxHashMap<String, Vec<String>>,
    /// Arguments, input fields, enum values and directives (what validation reads).
    pub(crate) inputs: SchemaInputs,
}

/// Loads a schema from several SDL files `(path, sdl)`: definitions of every kind,
/// `extend …` of every kind (applied after all definitions, whatever the file order),
/// `schema { … }` / `extend schema { … }`, and the default root names `Query`, `Mutation`
/// and `Subscription` when there is no schema definition. Problems are returned next to
/// the schema, which holds whatever could be loaded.
pub fn load_schema(files: &[(String, String)]) -> (Schema, Vec<SchemaError>) {
    let mut loader = Loader::new();
    let documents: Vec<cst::Document> = files
        .iter()
        .map(|(path, sdl)| {
            let tree = parser(sdl).parse();
            for error in tree.errors() {
                loader.error(
                    path,
                    error.index() as u32,
                    format!(
                        "Syntax Error: {}.",
                        readable(error.message()).trim_end_matches('.')
                    ),
                );
            }
            tree.document()
        })
        .collect();
    let docs: Vec<(&str, &cst::Document)> = files
        .iter()
        .zip(&documents)
        .map(|((path, _), doc)| (path.as_str(), doc))
        .collect();
    let (types, roots, errors) = loader.load(&docs);
    let mut implementations: rustc_hash::FxHashMap<String, Vec<String>> = Default::default();
    for (name, def) in &types {
        if def.kind == TypeKind::Object {
            for interface in &def.interfaces {
                let list = implementations.entry(interface.clone()).or_default();
                if !list.contains(name) {
                    list.push(name.clone());
                }
            }
        }
    }
    let mut inputs = SchemaInputs::load(&documents.iter().collect::<Vec<_>>());
    inputs.unreferenced = ["Int", "Float", "ID"]
        .into_iter()
        .filter(|scalar| {
            let in_fields = types
                .values()
                .flat_map(|t| t.fields.values())
                .any(|ty| ty.named() == *scalar);
            !in_fields && !inputs.referenced_types().any(|n| n == *scalar)
        })
        .collect();
    let schema = Schema {
        implementations,
        inputs,
        types,
        roots,
        typename_type: Type::NonNull(Box::new(Type::Named("String".into()))),
        schema_type: Type::NonNull(Box::new(Type::Named("__Schema".into()))),
        type_type: Type::Named("__Type".into()),
    };
    (schema, errors)
}

impl Schema {
    /// The kind of a named type; `None` when the schema has no such type.
    pub fn type_kind(&self, name: &str) -> Option<TypeKind> {
        self.types.get(name).map(|t| t.kind)
    }

    /// The root type of an operation type, when the schema has one.
    pub fn root_type(&self, operation: OperationType) -> Option<&str> {
        self.roots[root_index(operation)].as_deref()
    }

    /// The type of `parent.field`. Besides the declared fields of objects and interfaces
    /// it answers the meta-fields: `__typename` (`String!`) on objects, interfaces and
    /// unions, and `__schema` / `__type` on the query root type.
    pub fn field_type(&self, parent: &str, field: &str) -> Option<&Type> {
        let def = self.types.get(parent)?;
        if field.starts_with("__") {
            let composite = matches!(
                def.kind,
                TypeKind::Object | TypeKind::Interface | TypeKind::Union
            );
            let is_query_root = self.roots[0].as_deref() == Some(parent);
            match field {
                "__typename" if composite => return Some(&self.typename_type),
                "__schema" if is_query_root => return Some(&self.schema_type),
                "__type" if is_query_root => return Some(&self.type_type),
                _ => {}
            }
        }
        match def.kind {
            TypeKind::Object | TypeKind::Interface => def.fields.get(field),
            _ => None,
        }
    }

    /// The declared field names of an object or interface type, in definition order (for
    /// suggestions; the meta-fields are not listed, as in graphql-js).
    pub fn field_names(&self, parent: &str) -> Vec<&str> {
        match self.types.get(parent) {
            Some(def) => def.fields.keys().map(String::as_str).collect(),
            None => Vec::new(),
        }
    }

    /// Every type name (built-in scalars and introspection types included).
    pub fn type_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.types.keys().map(String::as_str)
    }

    /// Whether `name` is an object, interface or union type.
    pub fn is_composite(&self, name: &str) -> bool {
        matches!(
            self.type_kind(name),
            Some(TypeKind::Object | TypeKind::Interface | TypeKind::Union)
        )
    }

    /// Whether `name` is an interface or union type.
    pub fn is_abstract(&self, name: &str) -> bool {
        matches!(
            self.type_kind(name),
            Some(TypeKind::Interface | TypeKind::Union)
        )
    }

    /// The interfaces an object or interface type declares it implements.
    pub fn interfaces(&self, name: &str) -> &[String] {
        self.types
            .get(name)
            .map_or(&[], |t| t.interfaces.as_slice())
    }

    /// The type of argument `arg` of `parent.field`.
    pub fn argument_type(&self, parent: &str, field: &str, arg: &str) -> Option<&Type> {
        self.inputs
            .field_args(parent, field)?
            .get(arg)
            .map(|a| &a.ty)
    }

    /// The type of field `field` of input object `input`.
    pub fn input_field_type(&self, input: &str, field: &str) -> Option<&Type> {
        self.inputs.input_fields(input)?.get(field).map(|f| &f.ty)
    }

    /// The member types of a union.
    pub fn union_members(&self, name: &str) -> &[String] {
        self.types.get(name).map_or(&[], |t| t.members.as_slice())
    }

    /// Whether the object type `object` is one of the possible types of `name` (itself, a
    /// union member, an implementation of the interface): two lookups, no scan.
    pub fn is_possible_type(&self, name: &str, object: &str) -> bool {
        match self.type_kind(name) {
            Some(TypeKind::Object) => name == object,
            Some(TypeKind::Union) => self.union_members(name).iter().any(|m| m == object),
            Some(TypeKind::Interface) => {
                self.type_kind(object) == Some(TypeKind::Object)
                    && self.interfaces(object).iter().any(|i| i == name)
            }
            _ => false,
        }
    }

    /// The values of an enum type, in schema order.
    pub fn enum_values(&self, name: &str) -> &[String] {
        self.types
            .get(name)
            .map_or(&[], |t| t.enum_values.as_slice())
    }

    /// The fields of an input object type, in schema order.
    pub fn input_fields(&self, name: &str) -> impl Iterator<Item = (&str, &InputField)> + '_ {
        self.types
            .get(name)
            .into_iter()
            .flat_map(|t| t.input_fields.iter().map(|(k, v)| (k.as_str(), v)))
    }

    /// The object types an abstract type may be at run time, in schema order: a union's
    /// members, an interface's implementing object types; an object type is itself.
    pub fn possible_types<'a>(&'a self, name: &'a str) -> Vec<&'a str> {
        match self.type_kind(name) {
            Some(TypeKind::Object) => vec![name],
            Some(TypeKind::Union) => self
                .union_members(name)
                .iter()
                .map(String::as_str)
                .collect(),
            Some(TypeKind::Interface) => self
                .implementations
                .get(name)
                .map(|list| list.iter().map(String::as_str).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}

impl Schema {
    /// The arguments of `parent.field`, the meta-field `__type(name: String!)` included;
    /// `None` when there is no such field.
    pub fn field_args(&self, parent: &str, field: &str) -> Option<&InputValues> {
        static NO_ARGS: std::sync::OnceLock<(InputValues, InputValues)> =
            std::sync::OnceLock::new();
        let (none, type_args) = NO_ARGS.get_or_init(|| {
            let mut type_args = InputValues::default();
            let string = Type::Named("String".into());
            type_args.insert(
                "name".into(),
                InputValueDef {
                    ty: Type::NonNull(Box::new(string)),
                    has_default: false,
                },
            );
            (InputValues::default(), type_args)
        });
        if field.starts_with("__") && self.field_type(parent, field).is_some() {
            return match field {
                "__type" => Some(type_args),
                "__typename" | "__schema" => Some(none),
                _ => self.inputs.field_args(parent, field).or(Some(none)),
            };
        }
        self.field_type(parent, field)?;
        Some(self.inputs.field_args(parent, field).unwrap_or(none))
    }

    /// Arguments, input fields, enum values, directives.
    pub fn inputs(&self) -> &SchemaInputs {
        &self.inputs
    }

    /// Whether an operation may name the type: graphql-js's schema holds every type the
    /// SDL defines and the built-in scalars something refers to.
    pub fn is_known_type(&self, name: &str) -> bool {
        self.types.contains_key(name) && !self.inputs.unreferenced.contains(&name)
    }

    /// Whether `name` is an input type (scalar, enum, input object).
    pub fn is_input_type(&self, name: &str) -> bool {
        matches!(
            self.type_kind(name),
            Some(TypeKind::Scalar | TypeKind::Enum | TypeKind::InputObject)
        )
    }

    /// Whether `name` is a leaf type (scalar or enum).
    pub fn is_leaf(&self, name: &str) -> bool {
        matches!(
            self.type_kind(name),
            Some(TypeKind::Scalar | TypeKind::Enum)
        )
    }
}

/// Index of an operation type in `Schema::roots`.
pub(crate) fn root_index(operation: OperationType) -> usize {
    match operation {
        OperationType::Query => 0,
        OperationType::Mutation => 1,
        OperationType::Subscription => 2,
    }
}
