//! What validation needs of a schema beyond type kinds and field types: field and directive
//! arguments, input object fields (and `@oneOf`), enum values, and directive definitions
//! with their locations. Read from the same SDL documents as the type tables, definitions
//! and extensions alike, plus graphql-js's specified directives and introspection arguments.

use std::sync::OnceLock;

use apollo_parser::cst::{self, CstNode};
use indexmap::IndexMap;
use rustc_hash::{FxBuildHasher, FxHashMap};

use super::ast::Type;
use super::cst_convert::convert_type;
use super::template_parse::parser;

/// An argument or input field definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputValueDef {
    pub ty: Type,
    /// Whether the definition has a default value (`= …`).
    pub has_default: bool,
}

impl InputValueDef {
    /// Required: non-null and without a default (graphql-js `isRequiredArgument`).
    pub fn is_required(&self) -> bool {
        matches!(self.ty, Type::NonNull(_)) && !self.has_default
    }
}

/// Arguments by name, in definition order.
pub type InputValues = IndexMap<String, InputValueDef, FxBuildHasher>;

/// A directive definition.
#[derive(Clone, Debug, Default)]
pub struct DirectiveDef {
    pub args: InputValues,
    /// Locations as GraphQL writes them (`FIELD`, `INLINE_FRAGMENT`, …).
    pub locations: Vec<String>,
    pub repeatable: bool,
}

/// The validation tables of one schema.
#[derive(Clone, Debug, Default)]
pub struct SchemaInputs {
    /// Type name → field name → arguments.
    field_args: FxHashMap<String, IndexMap<String, InputValues, FxBuildHasher>>,
    /// Input object name → fields.
    input_fields: FxHashMap<String, InputValues>,
    /// Input objects marked `@oneOf`.
    one_of: FxHashMap<String, ()>,
    /// Enum name → values, in definition order.
    enum_values: FxHashMap<String, Vec<String>>,
    /// Directive name → definition (the specified directives, replaced by SDL ones).
    directives: IndexMap<String, DirectiveDef, FxBuildHasher>,
    /// Built-in scalars nothing in the schema refers to: graphql-js's schema does not
    /// hold them, so an operation cannot name them.
    pub(crate) unreferenced: Vec<&'static str>,
}

/// graphql-js 16's specified directives.
const SPECIFIED_DIRECTIVES: &str = "
directive @include(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
directive @skip(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
directive @deprecated(reason: String = \"No longer supported\") on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE
directive @specifiedBy(url: String!) on SCALAR
directive @oneOf on INPUT_OBJECT
";

/// The arguments of the introspection fields (their types come from `schema_load`).
const INTROSPECTION_ARGS: &str = "
type __Type { fields(includeDeprecated: Boolean = false): [__Field!]
  enumValues(includeDeprecated: Boolean = false): [__EnumValue!]
  inputFields(includeDeprecated: Boolean = false): [__InputValue!] }
type __Field { args(includeDeprecated: Boolean = false): [__InputValue!]! }
type __Directive { args(includeDeprecated: Boolean = false): [__InputValue!]! }
enum __TypeKind { SCALAR OBJECT INTERFACE UNION ENUM INPUT_OBJECT LIST NON_NULL }
enum __DirectiveLocation { QUERY MUTATION SUBSCRIPTION FIELD FRAGMENT_DEFINITION FRAGMENT_SPREAD
  INLINE_FRAGMENT VARIABLE_DEFINITION SCHEMA SCALAR OBJECT FIELD_DEFINITION ARGUMENT_DEFINITION
  INTERFACE UNION ENUM ENUM_VALUE INPUT_OBJECT INPUT_FIELD_DEFINITION }
";

impl SchemaInputs {
    /// Reads the tables from parsed SDL documents.
    pub(crate) fn load(documents: &[&cst::Document]) -> Self {
        static BUILT_INS: OnceLock<SchemaInputs> = OnceLock::new();
        let mut inputs = BUILT_INS
            .get_or_init(|| {
                let mut inputs = SchemaInputs::default();
                for sdl in [SPECIFIED_DIRECTIVES, INTROSPECTION_ARGS] {
                    inputs.read(&parser(sdl).parse().document());
                }
                inputs
            })
            .clone();
        for document in documents {
            inputs.read(document);
        }
        inputs
    }

    fn read(&mut self, document: &cst::Document) {
        for definition in document.definitions() {
            match &definition {
                cst::Definition::ObjectTypeDefinition(d) => {
                    self.fields(name(d.name()), d.fields_definition())
                }
                cst::Definition::ObjectTypeExtension(d) => {
                    self.fields(name(d.name()), d.fields_definition())
                }
                cst::Definition::InterfaceTypeDefinition(d) => {
                    self.fields(name(d.name()), d.fields_definition())
                }
                cst::Definition::InterfaceTypeExtension(d) => {
                    self.fields(name(d.name()), d.fields_definition())
                }
                cst::Definition::InputObjectTypeDefinition(d) => {
                    self.input_object(name(d.name()), d.input_fields_definition(), d.directives())
                }
                cst::Definition::InputObjectTypeExtension(d) => {
                    self.input_object(name(d.name()), d.input_fields_definition(), d.directives())
                }
                cst::Definition::EnumTypeDefinition(d) => {
                    self.enum_values(name(d.name()), d.enum_values_definition())
                }
                cst::Definition::EnumTypeExtension(d) => {
                    self.enum_values(name(d.name()), d.enum_values_definition())
                }
                cst::Definition::DirectiveDefinition(d) => self.directive_definition(d),
                _ => {}
            }
        }
    }

    fn fields(&mut self, type_name: Option<String>, fields: Option<cst::FieldsDefinition>) {
        let (Some(type_name), Some(fields)) = (type_name, fields) else {
            return;
        };
        let table = self.field_args.entry(type_name).or_default();
        for field in fields.field_definitions() {
            let Some(field_name) = name(field.name()) else {
                continue;
            };
            let args = input_values(
                field
                    .arguments_definition()
                    .map(|a| a.input_value_definitions()),
            );
            table.entry(field_name).or_insert(args);
        }
    }

    fn input_object(
        &mut self,
        type_name: Option<String>,
        fields: Option<cst::InputFieldsDefinition>,
        directives: Option<cst::Directives>,
    ) {
        let Some(type_name) = type_name else { return };
        let one_of = directives
            .iter()
            .flat_map(|d| d.directives())
            .any(|d| name(d.name()).as_deref() == Some("oneOf"));
        if one_of {
            self.one_of.insert(type_name.clone(), ());
        }
        let table = self.input_fields.entry(type_name).or_default();
        for (field, def) in input_values(fields.map(|f| f.input_value_definitions())) {
            table.entry(field).or_insert(def);
        }
    }

    fn enum_values(
        &mut self,
        type_name: Option<String>,
        values: Option<cst::EnumValuesDefinition>,
    ) {
        let Some(type_name) = type_name else { return };
        let list = self.enum_values.entry(type_name).or_default();
        for value in values.iter().flat_map(|v| v.enum_value_definitions()) {
            if let Some(value) = name(value.enum_value().and_then(|v| v.name())) {
                if !list.contains(&value) {
                    list.push(value);
                }
            }
        }
    }

    fn directive_definition(&mut self, d: &cst::DirectiveDefinition) {
        let Some(directive_name) = name(d.name()) else {
            return;
        };
        let locations = d
            .directive_locations()
            .iter()
            .flat_map(|l| l.directive_locations())
            .map(|l| l.syntax().text().to_string().trim().to_string())
            .collect();
        let def = DirectiveDef {
            args: input_values(
                d.arguments_definition()
                    .map(|a| a.input_value_definitions()),
            ),
            locations,
            repeatable: d.repeatable_token().is_some(),
        };
        self.directives.insert(directive_name, def);
    }

    /// Every named type an argument, input field or directive argument refers to.
    pub(crate) fn referenced_types(&self) -> impl Iterator<Item = &str> {
        let args = self
            .field_args
            .values()
            .flat_map(|fields| fields.values())
            .chain(self.input_fields.values())
            .chain(self.directives.values().map(|d| &d.args));
        args.flat_map(|values| values.values().map(|v| v.ty.named()))
    }

    /// The arguments of `parent.field` (`None`: no such field).
    pub fn field_args(&self, parent: &str, field: &str) -> Option<&InputValues> {
        self.field_args.get(parent)?.get(field)
    }

    /// The fields of an input object type.
    pub fn input_fields(&self, name: &str) -> Option<&InputValues> {
        self.input_fields.get(name)
    }

    /// Whether an input object type is `@oneOf`.
    pub fn is_one_of(&self, name: &str) -> bool {
        self.one_of.contains_key(name)
    }

    /// The values of an enum type.
    pub fn enum_values_of(&self, name: &str) -> &[String] {
        self.enum_values.get(name).map_or(&[], Vec::as_slice)
    }

    /// A directive definition.
    pub fn directive(&self, name: &str) -> Option<&DirectiveDef> {
        self.directives.get(name)
    }
}

fn name(name: Option<cst::Name>) -> Option<String> {
    Some(name?.ident_token()?.text().to_owned())
}

fn input_values(defs: Option<cst::CstChildren<cst::InputValueDefinition>>) -> InputValues {
    let mut out = InputValues::default();
    for def in defs.into_iter().flatten() {
        let (Some(arg_name), Some(ty)) =
            (name(def.name()), def.ty().and_then(|t| convert_type(&t)))
        else {
            continue;
        };
        out.entry(arg_name).or_insert(InputValueDef {
            ty,
            has_default: def.default_value().is_some(),
        });
    }
    out
}
