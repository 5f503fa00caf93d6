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
        let mut out = String::with_capacity(256);
        self.object_type(parent, &[(selections, false)], &mut out);
        out
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

    /// Writes the type of `parts` selected on `parent` (types are written into one buffer:
    /// a result is as large as its document, and building it from nested strings would
    /// copy every level again).
    fn object_type(&self, parent: &str, parts: &[Part], out: &mut String) {
        match self.schema.type_kind(parent) {
            Some(TypeKind::Object) => self.fields(Context::Object(parent), parts, out),
            Some(TypeKind::Interface | TypeKind::Union) => {
                if !parts.iter().any(|(s, _)| narrows(s, parent)) {
                    return self.fields(Context::Whole(parent), parts, out);
                }
                let mut members: Vec<String> = Vec::new();
                for object in self.schema.possible_types(parent) {
                    let mut member = String::new();
                    self.fields(Context::Object(object), parts, &mut member);
                    if !members.contains(&member) {
                        members.push(member);
                    }
                }
                if members.is_empty() {
                    out.push_str("never");
                } else {
                    out.push_str(&members.join(" | "));
                }
            }
            _ => out.push_str("unknown"),
        }
    }

    /// Writes the object type of every field that applies in `context`, by response key.
    fn fields(&self, context: Context, parts: &[Part], out: &mut String) {
        let mut occurrences: Vec<(&Field, bool)> = Vec::new();
        for (selections, conditional) in parts {
            self.collect(context, selections, *conditional, &mut occurrences);
        }
        // Selection sets are small: a linear search beats hashing every key.
        let mut groups: Vec<(&str, Vec<(&Field, bool)>)> = Vec::new();
        for (field, conditional) in occurrences {
            let key = field.response_key();
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, group)) => group.push((field, conditional)),
                None => groups.push((key, vec![(field, conditional)])),
            }
        }
        if groups.is_empty() {
            out.push_str("{}");
            return;
        }
        out.push_str("{ ");
        for (key, group) in &groups {
            let optional = group.iter().all(|(_, c)| *c);
            out.push_str(key);
            out.push_str(if optional { "?: " } else { ": " });
            self.field_type(context, group, out);
            out.push_str("; ");
        }
        out.push('}');
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

    /// Writes the type of one response key: `__typename`'s literals, a leaf, or the object
    /// type of every occurrence's sub-selections merged.
    fn field_type(&self, context: Context, group: &[(&Field, bool)], out: &mut String) {
        let first = group[0].0;
        if first.name == "__typename" {
            match context {
                Context::Object(object) => out.push_str(&string_literal(object)),
                Context::Whole(parent) => {
                    let literals: Vec<String> = self
                        .schema
                        .possible_types(parent)
                        .into_iter()
                        .map(string_literal)
                        .collect();
                    if literals.is_empty() {
                        out.push_str("never");
                    } else {
                        out.push_str(&literals.join(" | "));
                    }
                }
            }
            return;
        }
        let Some(ty) = self.schema.field_type(context.type_name(), &first.name) else {
            out.push_str("unknown");
            return;
        };
        let named = ty.named();
        if let Some(leaf) = leaf_type(self.schema, named, self.scalars) {
            return write_wrapped(ty, out, &mut |out| out.push_str(&leaf));
        }
        // Sub-fields are optional only where they come from conditional occurrences of a
        // key that is also selected unconditionally; a key selected only conditionally is
        // optional itself, and whole when present.
        let mixed = group.iter().any(|(_, c)| !*c);
        let parts: Vec<Part> = group
            .iter()
            .filter_map(|(f, c)| {
                f.selection_set
                    .as_ref()
                    .map(|s| (s.selections.as_slice(), *c && mixed))
            })
            .collect();
        write_wrapped(ty, out, &mut |out| self.object_type(named, &parts, out));
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

/// Whether a selection set (through inline fragments on `parent` itself or without a
/// condition) holds an inline fragment whose type condition is not `parent`: then the type
/// splits per object type.
fn narrows(selections: &[Selection], parent: &str) -> bool {
    selections.iter().any(|s| match s {
        Selection::InlineFragment(f) => match &f.type_condition {
            Some(t) if t != parent => true,
            _ => narrows(&f.selection_set.selections, parent),
        },
        _ => false,
    })
}

fn is_conditional(directives: &[Directive]) -> bool {
    directives
        .iter()
        .any(|d| d.name == "include" || d.name == "skip")
}

/// Writes `inner` with the list and null wrappers of `ty` around it.
fn write_wrapped(ty: &Type, out: &mut String, inner: &mut dyn FnMut(&mut String)) {
    match ty {
        Type::NonNull(t) => write_non_null(t, out, inner),
        t => {
            write_non_null(t, out, inner);
            out.push_str(" | null");
        }
    }
}

fn write_non_null(ty: &Type, out: &mut String, inner: &mut dyn FnMut(&mut String)) {
    match ty {
        Type::Named(_) => inner(out),
        Type::List(item) => {
            out.push('(');
            write_wrapped(item, out, inner);
            out.push_str(")[]");
        }
        Type::NonNull(t) => write_non_null(t, out, inner),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphql::schema::load_schema;
    use crate::graphql::template_parse::parse_template;
    use crate::graphql::template_source::TemplateSource;

    const SDL: &str = "
        enum Role { ADMIN MEMBER }
        interface Node { id: ID! }
        type User implements Node { id: ID! name: String! role: Role tags: [String] }
        type Post implements Node { id: ID! title: String! }
        union Result = User | Post
        input Filter { name: String! next: Filter limit: Int = 3 }
        type Query { node: Node results: [Result!]! user: User }
    ";

    fn map(parent: &str, template: &str) -> (String, String, BTreeMap<String, String>) {
        let (schema, errors) = load_schema(&[("s.graphql".into(), SDL.into())]);
        assert!(errors.is_empty(), "{errors:?}");
        let source = TemplateSource {
            text: template.into(),
            ..TemplateSource::default()
        };
        let template = parse_template(&source).expect("template parses");
        let scalars = BTreeMap::new();
        let mapper = Mapper {
            schema: &schema,
            scalars: &scalars,
            alias_prefix: "In_".into(),
        };
        let mut aliases = BTreeMap::new();
        let variables = mapper.variables_type(&template.variables, &mut aliases);
        let result = mapper.result_type(parent, &template.selection_set.selections);
        (result, variables, aliases)
    }

    #[test]
    fn leaves_lists_and_nullability() {
        let (result, variables, _) = map("Query", "{ user { id role tags } }");
        assert_eq!(
            result,
            "{ user: { id: string; role: \"ADMIN\" | \"MEMBER\" | null; tags: (string | null)[] | null; } | null; }"
        );
        assert_eq!(variables, "{}");
    }

    #[test]
    fn abstract_types_split_only_where_narrowed() {
        let (whole, _, _) = map("Query", "{ node { __typename id } }");
        assert_eq!(
            whole,
            "{ node: { __typename: \"User\" | \"Post\"; id: string; } | null; }"
        );
        let (split, _, _) = map("Query", "{ results { __typename ... on User { name } } }");
        assert_eq!(
            split,
            "{ results: ({ __typename: \"User\"; name: string; } | { __typename: \"Post\"; })[]; }"
        );
        // A narrowing fragment inside a fragment on the abstract type itself splits too.
        let (nested, _, _) = map(
            "Query",
            "{ node { ... on Node { id ... on Post { title } } } }",
        );
        assert_eq!(
            nested,
            "{ node: { id: string; } | { id: string; title: string; } | null; }"
        );
    }

    #[test]
    fn conditional_fields_are_optional() {
        let (result, _, _) = map(
            "Query",
            "($a: Boolean!) { user @include(if: $a) { id } user { name } }",
        );
        assert_eq!(result, "{ user: { id?: string; name: string; } | null; }");
    }

    #[test]
    fn variables_and_recursive_input_objects() {
        let (_, variables, aliases) = map(
            "Query",
            "($f: Filter!, $n: Int = 1, $m: [Int!]) { user { id } }",
        );
        assert_eq!(
            variables,
            "{ f: In_Filter; n?: number | null; m?: (number)[] | null; }"
        );
        assert_eq!(
            aliases["In_Filter"],
            "{ name: string; next?: In_Filter | null; limit?: number | null; }"
        );
    }
}
