//! Building a `Schema`'s tables from parsed SDL documents: definitions first, then
//! extensions, then root types, then a check that every referenced type exists.

use std::sync::OnceLock;

use apollo_parser::cst::{self, CstNode};
use apollo_parser::{Parser, SyntaxKind, SyntaxNode};
use indexmap::IndexMap;
use rustc_hash::FxBuildHasher;

use super::ast::OperationType;
use super::cst_convert::convert_type;
use super::schema::{root_index, InputField, SchemaError, TypeDef, TypeKind};
use super::suggest::{did_you_mean, suggestion_list};

/// The types graphql-js adds to every schema for introspection (fields only: that is all
/// the builder checks selections against).
const INTROSPECTION_SDL: &str = "
type __Schema { description: String types: [__Type!]! queryType: __Type! mutationType: __Type
  subscriptionType: __Type directives: [__Directive!]! }
type __Type { kind: __TypeKind! name: String description: String specifiedByURL: String
  fields: [__Field!] interfaces: [__Type!] possibleTypes: [__Type!] enumValues: [__EnumValue!]
  inputFields: [__InputValue!] ofType: __Type isOneOf: Boolean }
enum __TypeKind { SCALAR OBJECT INTERFACE UNION ENUM INPUT_OBJECT LIST NON_NULL }
type __Field { name: String! description: String args: [__InputValue!]! type: __Type!
  isDeprecated: Boolean! deprecationReason: String }
type __InputValue { name: String! description: String type: __Type! defaultValue: String
  isDeprecated: Boolean! deprecationReason: String }
type __EnumValue { name: String! description: String isDeprecated: Boolean! deprecationReason: String }
type __Directive { name: String! description: String isRepeatable: Boolean!
  locations: [__DirectiveLocation!]! args: [__InputValue!]! isDeprecated: Boolean! deprecationReason: String }
enum __DirectiveLocation { QUERY MUTATION SUBSCRIPTION FIELD FRAGMENT_DEFINITION FRAGMENT_SPREAD
  INLINE_FRAGMENT VARIABLE_DEFINITION SCHEMA SCALAR OBJECT FIELD_DEFINITION ARGUMENT_DEFINITION
  INTERFACE UNION ENUM ENUM_VALUE INPUT_OBJECT INPUT_FIELD_DEFINITION }
";

/// The scalars every schema has.
const BUILT_IN_SCALARS: [&str; 5] = ["Int", "Float", "String", "Boolean", "ID"];

/// The tables a load produces: types, roots, problems.
pub(crate) type Loaded = (
    IndexMap<String, TypeDef, FxBuildHasher>,
    [Option<String>; 3],
    Vec<SchemaError>,
);

/// The state of one schema load.
pub(crate) struct Loader {
    types: IndexMap<String, TypeDef, FxBuildHasher>,
    errors: Vec<SchemaError>,
    /// Named type references `(name, file, offset)`, checked once everything is loaded.
    references: Vec<(String, String, u32)>,
    /// Root operation types from `schema { … }` and `extend schema { … }`.
    roots: [Option<String>; 3],
    /// Whether a `schema { … }` definition was seen.
    has_schema_definition: bool,
    /// Whether the SDL being read is the built-in introspection SDL (names may start `__`).
    built_in: bool,
}

impl Loader {
    /// A loader that already holds the built-in scalars and introspection types.
    pub(crate) fn new() -> Self {
        // The built-in types are the same for every schema: build them once per process.
        static BUILT_INS: OnceLock<IndexMap<String, TypeDef, FxBuildHasher>> = OnceLock::new();
        let types = BUILT_INS.get_or_init(|| {
            let mut loader = Loader::empty(true);
            for name in BUILT_IN_SCALARS {
                let scalar = TypeDef::new(TypeKind::Scalar);
                loader.types.insert(name.to_owned(), scalar);
            }
            let tree = Parser::new(INTROSPECTION_SDL).parse();
            loader.definitions("<introspection>", &tree.document());
            loader.types
        });
        Loader {
            types: types.clone(),
            ..Loader::empty(false)
        }
    }

    fn empty(built_in: bool) -> Self {
        Loader {
            types: IndexMap::default(),
            errors: Vec::new(),
            references: Vec::new(),
            roots: [None, None, None],
            has_schema_definition: false,
            built_in,
        }
    }

    /// Records a problem.
    pub(crate) fn error(&mut self, file: &str, offset: u32, message: String) {
        self.errors.push(SchemaError {
            file: file.to_owned(),
            offset,
            message,
        });
    }

    /// Loads the documents `(path, document)` and returns the tables.
    pub(crate) fn load(mut self, documents: &[(&str, &cst::Document)]) -> Loaded {
        for (file, document) in documents {
            self.definitions(file, document);
        }
        for (file, document) in documents {
            for definition in document.definitions() {
                self.extension(file, &definition);
            }
        }
        let first_file = documents.first().map_or("", |(file, _)| *file);
        self.resolve_roots(first_file);
        self.check_references();
        (self.types, self.roots, self.errors)
    }

    /// Pass 1: type and schema definitions.
    fn definitions(&mut self, file: &str, document: &cst::Document) {
        for definition in document.definitions() {
            let (kind, name) = match &definition {
                cst::Definition::ScalarTypeDefinition(d) => (TypeKind::Scalar, d.name()),
                cst::Definition::ObjectTypeDefinition(d) => (TypeKind::Object, d.name()),
                cst::Definition::InterfaceTypeDefinition(d) => (TypeKind::Interface, d.name()),
                cst::Definition::UnionTypeDefinition(d) => (TypeKind::Union, d.name()),
                cst::Definition::EnumTypeDefinition(d) => (TypeKind::Enum, d.name()),
                cst::Definition::InputObjectTypeDefinition(d) => (TypeKind::InputObject, d.name()),
                cst::Definition::SchemaDefinition(d) => {
                    if self.has_schema_definition {
                        let offset = offset_of(d.syntax());
                        self.error(
                            file,
                            offset,
                            "Must provide only one schema definition.".into(),
                        );
                    }
                    self.has_schema_definition = true;
                    self.root_operations(file, d.root_operation_type_definitions());
                    continue;
                }
                cst::Definition::OperationDefinition(_)
                | cst::Definition::FragmentDefinition(_) => {
                    let offset = offset_of(definition.syntax());
                    let message = format!(
                        "The {} definition is not allowed in a schema.",
                        definition.kind()
                    );
                    self.error(file, offset, message);
                    continue;
                }
                // Directive definitions do not affect what the builder checks; extensions
                // wait for pass 2.
                _ => continue,
            };
            let Some((name, offset)) = name_of(name) else {
                continue;
            };
            if !self.define(file, &name, offset, kind) {
                continue;
            }
            self.add_members(file, &name, &definition);
            self.add_values(&name, &definition);
        }
    }

    /// Adds a new type; reports a duplicate (a built-in scalar may be declared again).
    fn define(&mut self, file: &str, name: &str, offset: u32, kind: TypeKind) -> bool {
        if !self.built_in && name.starts_with("__") {
            let message = format!(
                "Name \"{name}\" must not begin with \"__\", which is reserved by GraphQL introspection."
            );
            self.error(file, offset, message);
            return false;
        }
        if let Some(existing) = self.types.get(name) {
            let built_in_scalar =
                BUILT_IN_SCALARS.contains(&name) && existing.kind == TypeKind::Scalar;
            if !(built_in_scalar && kind == TypeKind::Scalar) {
                self.error(
                    file,
                    offset,
                    format!("There can be only one type named \"{name}\"."),
                );
            }
            return false;
        }
        self.types.insert(name.to_owned(), TypeDef::new(kind));
        true
    }

    /// Pass 2: one extension, checked against the defined type's kind.
    fn extension(&mut self, file: &str, definition: &cst::Definition) {
        let (kind, name) = match definition {
            cst::Definition::ScalarTypeExtension(d) => (TypeKind::Scalar, d.name()),
            cst::Definition::ObjectTypeExtension(d) => (TypeKind::Object, d.name()),
            cst::Definition::InterfaceTypeExtension(d) => (TypeKind::Interface, d.name()),
            cst::Definition::UnionTypeExtension(d) => (TypeKind::Union, d.name()),
            cst::Definition::EnumTypeExtension(d) => (TypeKind::Enum, d.name()),
            cst::Definition::InputObjectTypeExtension(d) => (TypeKind::InputObject, d.name()),
            cst::Definition::SchemaExtension(d) => {
                self.root_operations(file, d.root_operation_type_definitions());
                return;
            }
            _ => return,
        };
        let Some((name, offset)) = name_of(name) else {
            return;
        };
        match self.types.get(&name).map(|t| t.kind) {
            None => {
                let message = format!("Cannot extend type \"{name}\" because it is not defined.");
                self.error(file, offset, message);
            }
            Some(existing) if existing != kind => {
                let message = format!("Cannot extend non-{} type \"{name}\".", existing.as_str());
                self.error(file, offset, message);
            }
            Some(_) => {
                self.add_members(file, &name, definition);
                self.add_values(&name, definition);
            }
        }
    }

    /// Adds the fields, interfaces or union members a definition or extension declares.
    fn add_members(&mut self, file: &str, name: &str, definition: &cst::Definition) {
        let (fields, interfaces, members) = match definition {
            cst::Definition::ObjectTypeDefinition(d) => {
                (d.fields_definition(), d.implements_interfaces(), None)
            }
            cst::Definition::ObjectTypeExtension(d) => {
                (d.fields_definition(), d.implements_interfaces(), None)
            }
            cst::Definition::InterfaceTypeDefinition(d) => {
                (d.fields_definition(), d.implements_interfaces(), None)
            }
            cst::Definition::InterfaceTypeExtension(d) => {
                (d.fields_definition(), d.implements_interfaces(), None)
            }
            cst::Definition::UnionTypeDefinition(d) => (None, None, d.union_member_types()),
            cst::Definition::UnionTypeExtension(d) => (None, None, d.union_member_types()),
            _ => (None, None, None),
        };
        let named = |types: cst::CstChildren<cst::NamedType>| -> Vec<(String, u32)> {
            types.filter_map(|t| name_of(t.name())).collect()
        };
        let interfaces = interfaces
            .map(|i| named(i.named_types()))
            .unwrap_or_default();
        let members = members.map(|m| named(m.named_types())).unwrap_or_default();
        for (type_name, offset) in interfaces.iter().chain(&members) {
            self.references
                .push((type_name.clone(), file.to_owned(), *offset));
        }
        let mut new_fields = Vec::new();
        for field in fields.iter().flat_map(|f| f.field_definitions()) {
            let (Some((field_name, offset)), Some(ty)) = (name_of(field.name()), field.ty()) else {
                continue;
            };
            let Some(converted) = convert_type(&ty) else {
                continue;
            };
            let type_offset = ident_offset(ty.syntax()).unwrap_or(offset);
            self.references
                .push((converted.named().to_owned(), file.to_owned(), type_offset));
            new_fields.push((field_name, offset, converted));
        }
        let mut duplicates = Vec::new();
        if let Some(def) = self.types.get_mut(name) {
            def.interfaces
                .extend(interfaces.into_iter().map(|(n, _)| n));
            def.members.extend(members.into_iter().map(|(n, _)| n));
            for (field_name, offset, ty) in new_fields {
                if def.fields.contains_key(&field_name) {
                    duplicates.push((field_name, offset));
                } else {
                    def.fields.insert(field_name, ty);
                }
            }
        }
        for (field_name, offset) in duplicates {
            self.error(
                file,
                offset,
                format!("Field \"{name}.{field_name}\" can only be defined once."),
            );
        }
    }

    /// Adds the values of an enum or the fields of an input object (what types are written
    /// from; the first declaration of a repeated name wins).
    fn add_values(&mut self, name: &str, definition: &cst::Definition) {
        let (values, inputs) = match definition {
            cst::Definition::EnumTypeDefinition(d) => (d.enum_values_definition(), None),
            cst::Definition::EnumTypeExtension(d) => (d.enum_values_definition(), None),
            cst::Definition::InputObjectTypeDefinition(d) => (None, d.input_fields_definition()),
            cst::Definition::InputObjectTypeExtension(d) => (None, d.input_fields_definition()),
            _ => return,
        };
        let Some(def) = self.types.get_mut(name) else {
            return;
        };
        for value in values.iter().flat_map(|v| v.enum_value_definitions()) {
            if let Some((value, _)) = value.enum_value().and_then(|v| name_of(v.name())) {
                if !def.enum_values.contains(&value) {
                    def.enum_values.push(value);
                }
            }
        }
        for field in inputs.iter().flat_map(|f| f.input_value_definitions()) {
            let (Some((field_name, _)), Some(ty)) = (name_of(field.name()), field.ty()) else {
                continue;
            };
            let Some(ty) = convert_type(&ty) else {
                continue;
            };
            let has_default = field.default_value().is_some();
            def.input_fields
                .entry(field_name)
                .or_insert(InputField { ty, has_default });
        }
    }

    /// `query: Q` entries of a schema definition or extension.
    fn root_operations(
        &mut self,
        file: &str,
        entries: cst::CstChildren<cst::RootOperationTypeDefinition>,
    ) {
        for entry in entries {
            let operation = match entry.operation_type() {
                Some(t) if t.query_token().is_some() => OperationType::Query,
                Some(t) if t.mutation_token().is_some() => OperationType::Mutation,
                Some(t) if t.subscription_token().is_some() => OperationType::Subscription,
                _ => continue,
            };
            let Some((type_name, offset)) = name_of(entry.named_type().and_then(|n| n.name()))
            else {
                continue;
            };
            let slot = &mut self.roots[root_index(operation)];
            if slot.is_some() {
                let message = format!(
                    "Type for {} already defined in the schema. It cannot be redefined.",
                    operation.as_str()
                );
                self.error(file, offset, message);
                continue;
            }
            *slot = Some(type_name.clone());
            self.references.push((type_name, file.to_owned(), offset));
        }
    }

    /// Applies the default root names and checks that every root is an object type.
    fn resolve_roots(&mut self, file: &str) {
        // Like graphql-js buildASTSchema: without a schema definition, types named Query,
        // Mutation and Subscription are the roots (over `extend schema` entries).
        if !self.has_schema_definition {
            for (index, name) in ["Query", "Mutation", "Subscription"]
                .into_iter()
                .enumerate()
            {
                if self.types.contains_key(name) {
                    self.roots[index] = Some(name.to_owned());
                }
            }
        }
        let labels = ["Query", "Mutation", "Subscription"];
        for (index, label) in labels.into_iter().enumerate() {
            let Some(name) = self.roots[index].clone() else {
                if index == 0 {
                    self.error(file, 0, "Query root type must be provided.".into());
                }
                continue;
            };
            match self.types.get(&name).map(|t| t.kind) {
                Some(TypeKind::Object) => {}
                // An unknown root type is reported with the other unknown references.
                None => self.roots[index] = None,
                Some(_) => {
                    let provided = if index == 0 { "" } else { " if provided" };
                    let message = format!(
                        "{label} root type must be Object type{provided}, it cannot be {name}."
                    );
                    self.error(file, 0, message);
                    self.roots[index] = None;
                }
            }
        }
    }

    /// Reports every referenced type name that is not defined.
    fn check_references(&mut self) {
        let references = std::mem::take(&mut self.references);
        let mut names: Option<Vec<&str>> = None;
        let mut unknown = Vec::new();
        for (name, file, offset) in &references {
            if self.types.contains_key(name) {
                continue;
            }
            let options =
                names.get_or_insert_with(|| self.types.keys().map(String::as_str).collect());
            let hint = did_you_mean(&suggestion_list(name, options));
            unknown.push((
                file.clone(),
                *offset,
                format!("Unknown type \"{name}\".{hint}"),
            ));
        }
        for (file, offset, message) in unknown {
            self.error(&file, offset, message);
        }
    }
}

/// A name's text and byte offset.
fn name_of(name: Option<cst::Name>) -> Option<(String, u32)> {
    let token = name?.ident_token()?;
    Some((
        token.text().to_owned(),
        u32::from(token.text_range().start()),
    ))
}

/// Byte offset of a node's first significant token.
fn offset_of(node: &SyntaxNode) -> u32 {
    match super::cst_convert::first_token(node) {
        Some(token) => u32::from(token.text_range().start()),
        None => u32::from(node.text_range().start()),
    }
}

/// Byte offset of the first name inside a node (the named type of `[T!]`).
fn ident_offset(node: &SyntaxNode) -> Option<u32> {
    node.descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .find(|t| t.kind() == SyntaxKind::IDENT)
        .map(|t| u32::from(t.text_range().start()))
}
