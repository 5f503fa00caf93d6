//! The mapping of types.md §2: a composed selection set on a schema type → the TypeScript
//! type of its result; variable definitions → the type of the variables. Types are written
//! flat (object literal types, no intersections, no `readonly`); input objects become
//! file-local aliases so that recursive input types stay finite.

use std::collections::BTreeMap;

use crate::graphql::ast::{Directive, Field, Selection, Type, VariableDefinition};
use crate::graphql::schema::{Schema, TypeKind};
use crate::types::scalars::{leaf_type, string_literal};

/// What a mapping reads: the schema of the definition's label and the configured scalars.
pub struct Mapper<'a> {
    pub schema: &'a Schema,
    pub scalars: &'a BTreeMap<String, String>,
    /// Prefix of the aliases of input object types (one per schema label).
    pub alias_prefix: String,
}

/// Where fields are looked up: one object type (a split member, or an object parent), or
/// an abstract type taken whole.
#[derive(Clone, Copy)]
enum Context<'a> {
    Object(&'a str),
    Whole(&'a str),
}

impl Context<'_> {
    fn type_name(&self) -> &str {
        match self {
            Context::Object(name) | Context::Whole(name) => name,
        }
    }
}

/// One selection set taking part in an object type, and whether it is selected only
/// conditionally (under `@include`/`@skip`).
type Part<'s> = (&'s [Selection], bool);

impl Mapper<'_> {
    /// The result type of `selections` selected on `parent`.
    pub fn result_type(&self, parent: &str, selections: &[Selection]) -> String {
        self.object_type(parent, &[(selections, false)])
    }

    /// The variables type (`{}` when there are none) and the input object aliases it uses.
    pub fn variables_type(
        &self,
        variables: &[VariableDefinition],
        aliases: &mut BTreeMap<String, String>,
    ) -> String {
        let props: Vec<String> = variables
            .iter()
            .map(|v| self.input_property(&v.name, &v.ty, v.default_value.is_some(), aliases))
            .collect();
        object_literal(&props)
    }

    fn object_type(&self, parent: &str, parts: &[Part]) -> String {
        match self.schema.type_kind(parent) {
            Some(TypeKind::Object) => self.fields(Context::Object(parent), parts),
            Some(TypeKind::Interface | TypeKind::Union) => {
                if !parts.iter().any(|(s, _)| narrows(s, parent)) {
                    return self.fields(Context::Whole(parent), parts);
                }
                let mut members: Vec<String> = Vec::new();
                for object in self.schema.possible_types(parent) {
                    let member = self.fields(Context::Object(object), parts);
                    if !members.contains(&member) {
                        members.push(member);
                    }
                }
                if members.is_empty() {
                    "never".into()
                } else {
                    members.join(" | ")
                }
            }
            _ => "unknown".into(),
        }
    }

    /// The object type of every field that applies in `context`, by response key.
    fn fields(&self, context: Context, parts: &[Part]) -> String {
        let mut occurrences: Vec<(&Field, bool)> = Vec::new();
        for (selections, conditional) in parts {
            self.collect(context, selections, *conditional, &mut occurrences);
        }
        let mut keys: Vec<&str> = Vec::new();
        let mut groups: BTreeMap<&str, Vec<(&Field, bool)>> = BTreeMap::new();
        for (field, conditional) in occurrences {
            let key = field.response_key();
            if !groups.contains_key(key) {
                keys.push(key);
            }
            groups.entry(key).or_default().push((field, conditional));
        }
        let props: Vec<String> = keys
            .iter()
            .map(|key| {
                let group = &groups[key];
                let optional = group.iter().all(|(_, c)| *c);
                let ty = self.field_type(context, group);
                format!("{key}{}: {ty}", if optional { "?" } else { "" })
            })
            .collect();
        object_literal(&props)
    }

    /// Fields of `selections` that apply in `context`, with inline fragments flattened.
    fn collect<'s>(
        &self,
        context: Context,
        selections: &'s [Selection],
        conditional: bool,
        out: &mut Vec<(&'s Field, bool)>,
    ) {
        for selection in selections {
            match selection {
                Selection::Field(field) => {
                    out.push((field, conditional || is_conditional(&field.directives)))
                }
                Selection::InlineFragment(fragment) => {
                    let applies = match (&fragment.type_condition, context) {
                        (None, _) => true,
                        (Some(t), Context::Whole(parent)) => t == parent,
                        (Some(t), Context::Object(object)) => {
                            self.schema.is_possible_type(t, object)
                        }
                    };
                    if applies {
                        let conditional = conditional || is_conditional(&fragment.directives);
                        self.collect(
                            context,
                            &fragment.selection_set.selections,
                            conditional,
                            out,
                        );
                    }
                }
                // Composition inlines every spread; one left here is a broken definition's.
                Selection::Spread(_) => {}
            }
        }
    }

    /// The type of one response key: `__typename`'s literals, a leaf, or the object type of
    /// every occurrence's sub-selections merged.
    fn field_type(&self, context: Context, group: &[(&Field, bool)]) -> String {
        let first = group[0].0;
        if first.name == "__typename" {
            return match context {
                Context::Object(object) => string_literal(object),
                Context::Whole(parent) => {
                    let literals: Vec<String> = self
                        .schema
                        .possible_types(parent)
                        .into_iter()
                        .map(string_literal)
                        .collect();
                    if literals.is_empty() {
                        "never".into()
                    } else {
                        literals.join(" | ")
                    }
                }
            };
        }
        let Some(ty) = self.schema.field_type(context.type_name(), &first.name) else {
            return "unknown".into();
        };
        let named = ty.named();
        let inner = match leaf_type(self.schema, named, self.scalars) {
            Some(leaf) => leaf,
            None => {
                // Sub-fields are optional only where they come from conditional occurrences
                // of a key that is also selected unconditionally; a key selected only
                // conditionally is optional itself, and whole when present.
                let mixed = group.iter().any(|(_, c)| !*c);
                let parts: Vec<Part> = group
                    .iter()
                    .filter_map(|(f, c)| {
                        f.selection_set
                            .as_ref()
                            .map(|s| (s.selections.as_slice(), *c && mixed))
                    })
                    .collect();
                self.object_type(named, &parts)
            }
        };
        wrap(ty, &inner)
    }

    /// One property of a variables or input object type (types.md §2, operation variables).
    fn input_property(
        &self,
        name: &str,
        ty: &Type,
        has_default: bool,
        aliases: &mut BTreeMap<String, String>,
    ) -> String {
        let inner = self.input_named(ty.named(), aliases);
        match ty {
            Type::NonNull(_) if has_default => format!("{name}?: {}", wrap(ty, &inner)),
            Type::NonNull(_) => format!("{name}: {}", wrap(ty, &inner)),
            _ => format!("{name}?: {}", wrap(ty, &inner)),
        }
    }

    /// A named input type: a leaf, or the alias of an input object (written once per file).
    fn input_named(&self, name: &str, aliases: &mut BTreeMap<String, String>) -> String {
        if let Some(leaf) = leaf_type(self.schema, name, self.scalars) {
            return leaf;
        }
        if self.schema.type_kind(name) != Some(TypeKind::InputObject) {
            return "unknown".into();
        }
        let alias = format!("{}{name}", self.alias_prefix);
        if !aliases.contains_key(&alias) {
            // Placeholder first: a recursive input type refers to its own alias.
            aliases.insert(alias.clone(), String::new());
            let fields: Vec<(String, Type, bool)> = self
                .schema
                .input_fields(name)
                .map(|(n, f)| (n.to_string(), f.ty.clone(), f.has_default))
                .collect();
            let props: Vec<String> = fields
                .iter()
                .map(|(n, ty, d)| self.input_property(n, ty, *d, aliases))
                .collect();
            aliases.insert(alias.clone(), object_literal(&props));
        }
        alias
    }
}

/// Whether a selection set (through inline fragments without a condition) holds an inline
/// fragment whose type condition is not `parent`: then the type splits per object type.
fn narrows(selections: &[Selection], parent: &str) -> bool {
    selections.iter().any(|s| match s {
        Selection::InlineFragment(f) => match &f.type_condition {
            Some(t) => t != parent,
            None => narrows(&f.selection_set.selections, parent),
        },
        _ => false,
    })
}

fn is_conditional(directives: &[Directive]) -> bool {
    directives
        .iter()
        .any(|d| d.name == "include" || d.name == "skip")
}

/// `inner` with the list and null wrappers of `ty` applied (`[T]` → `(T | null)[] | null`).
fn wrap(ty: &Type, inner: &str) -> String {
    match ty {
        Type::NonNull(t) => wrap_non_null(t, inner),
        t => format!("{} | null", wrap_non_null(t, inner)),
    }
}

fn wrap_non_null(ty: &Type, inner: &str) -> String {
    match ty {
        Type::Named(_) => inner.to_string(),
        Type::List(item) => format!("({})[]", wrap(item, inner)),
        Type::NonNull(t) => wrap_non_null(t, inner),
    }
}

fn object_literal(props: &[String]) -> String {
    if props.is_empty() {
        "{}".into()
    } else {
        format!("{{ {}; }}", props.join("; "))
    }
}
