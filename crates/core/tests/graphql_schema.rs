//! `load_schema`: several SDL files, extensions, root types, built-ins and errors.

use fizz_core::graphql_ast::{OperationType, Type};
use fizz_core::{load_schema, Schema, SchemaError, TypeKind};

fn load(files: &[(&str, &str)]) -> (Schema, Vec<SchemaError>) {
    let files: Vec<(String, String)> = files
        .iter()
        .map(|(p, s)| (p.to_string(), s.to_string()))
        .collect();
    load_schema(&files)
}

const A: &str = r#"
"The root"
type Query { me: User, node(id: ID!): Node }
interface Node { id: ID! }
type User implements Node { id: ID! name: String }
union SearchResult = User
enum Role { ADMIN USER }
input UserInput { name: String }
scalar DateTime
directive @auth(role: Role) on FIELD_DEFINITION
"#;

const B: &str = r#"
extend type User { role: Role @auth(role: ADMIN), friends(first: Int = 10): [User!]! }
extend union SearchResult = Post
type Post implements Node { id: ID! title: String }
extend type Query { search(q: String): [SearchResult] }
type Mutation { noop: Boolean }
extend enum Role { GUEST }
extend input UserInput { age: Int }
extend scalar DateTime @specifiedBy(url: "https://example.com")
extend interface Node { createdAt: DateTime }
"#;

fn named(n: &str) -> Type {
    Type::Named(n.into())
}

fn non_null(t: Type) -> Type {
    Type::NonNull(Box::new(t))
}

#[test]
fn two_files_with_extensions() {
    let (schema, errors) = load(&[("a.graphql", A), ("b.graphql", B)]);
    assert_eq!(errors, []);
    assert_eq!(schema.type_kind("Query"), Some(TypeKind::Object));
    assert_eq!(schema.type_kind("Node"), Some(TypeKind::Interface));
    assert_eq!(schema.type_kind("SearchResult"), Some(TypeKind::Union));
    assert_eq!(schema.type_kind("Role"), Some(TypeKind::Enum));
    assert_eq!(schema.type_kind("UserInput"), Some(TypeKind::InputObject));
    assert_eq!(schema.type_kind("DateTime"), Some(TypeKind::Scalar));
    assert_eq!(schema.type_kind("ID"), Some(TypeKind::Scalar));
    assert_eq!(schema.type_kind("__Type"), Some(TypeKind::Object));
    assert_eq!(schema.type_kind("Nope"), None);

    assert_eq!(schema.root_type(OperationType::Query), Some("Query"));
    assert_eq!(schema.root_type(OperationType::Mutation), Some("Mutation"));
    assert_eq!(schema.root_type(OperationType::Subscription), None);

    assert_eq!(schema.field_type("User", "role"), Some(&named("Role")));
    let friends = non_null(Type::List(Box::new(non_null(named("User")))));
    assert_eq!(schema.field_type("User", "friends"), Some(&friends));
    assert_eq!(
        schema.field_type("Query", "search").map(|t| t.named()),
        Some("SearchResult")
    );
    assert_eq!(
        schema.field_type("Node", "createdAt"),
        Some(&named("DateTime"))
    );
    assert_eq!(
        schema.field_names("User"),
        ["id", "name", "role", "friends"]
    );
    assert_eq!(schema.union_members("SearchResult"), ["User", "Post"]);
    assert_eq!(schema.interfaces("Post"), ["Node"]);

    // Meta-fields.
    let string = non_null(named("String"));
    assert_eq!(
        schema.field_type("SearchResult", "__typename"),
        Some(&string)
    );
    assert_eq!(schema.field_type("Node", "__typename"), Some(&string));
    assert_eq!(
        schema.field_type("Query", "__schema"),
        Some(&non_null(named("__Schema")))
    );
    assert_eq!(schema.field_type("Query", "__type"), Some(&named("__Type")));
    assert_eq!(schema.field_type("User", "__schema"), None);
    assert_eq!(schema.field_type("Role", "__typename"), None);
    assert_eq!(schema.field_type("SearchResult", "id"), None);
    assert_eq!(schema.field_type("UserInput", "name"), None);
    assert_eq!(
        schema.field_type("__Schema", "types").map(|t| t.named()),
        Some("__Type")
    );

    assert!(schema.is_composite("SearchResult"));
    assert!(schema.is_composite("Node"));
    assert!(!schema.is_composite("Role"));
    assert!(!schema.is_composite("Nope"));
    let names: Vec<&str> = schema.type_names().collect();
    for n in [
        "Int", "Float", "String", "Boolean", "ID", "Query", "Post", "__Schema",
    ] {
        assert!(names.contains(&n), "{n} in {names:?}");
    }
}

#[test]
fn extension_order_does_not_matter() {
    let (schema, errors) = load(&[("b.graphql", B), ("a.graphql", A)]);
    assert_eq!(errors, []);
    assert_eq!(
        schema.field_names("User"),
        ["id", "name", "role", "friends"]
    );
}

#[test]
fn schema_definition_and_extension() {
    let sdl =
        "schema { query: Root }\ntype Root { a: Int }\ntype Query { b: Int }\ntype M { c: Int }";
    let (schema, errors) = load(&[
        ("s.graphql", sdl),
        ("t.graphql", "extend schema { mutation: M }"),
    ]);
    assert_eq!(errors, []);
    assert_eq!(schema.root_type(OperationType::Query), Some("Root"));
    assert_eq!(schema.root_type(OperationType::Mutation), Some("M"));
    assert_eq!(
        schema.field_type("Root", "__schema").map(|t| t.named()),
        Some("__Schema")
    );
    assert_eq!(schema.field_type("Query", "__schema"), None);
}

fn messages(errors: &[SchemaError]) -> Vec<(&str, u32, &str)> {
    errors
        .iter()
        .map(|e| (e.file.as_str(), e.offset, e.message.as_str()))
        .collect()
}

#[test]
fn errors_name_the_file_and_offset() {
    let a = "type Query { a: Usr }\ntype User { id: ID }\nscalar String";
    let b = "type User { x: Int }\nextend type Nope { y: Int }\nextend enum User { Z }\nextend type Query { a: Int }\ntype __Mine { a: Int }";
    let (schema, errors) = load(&[("a.graphql", a), ("b.graphql", b)]);
    assert_eq!(
        messages(&errors),
        [
            ("b.graphql", 5, "There can be only one type named \"User\"."),
            ("b.graphql", 106, "Name \"__Mine\" must not begin with \"__\", which is reserved by GraphQL introspection."),
            ("b.graphql", 33, "Cannot extend type \"Nope\" because it is not defined."),
            ("b.graphql", 61, "Cannot extend non-object type \"User\"."),
            ("b.graphql", 92, "Field \"Query.a\" can only be defined once."),
            ("a.graphql", 16, "Unknown type \"Usr\". Did you mean \"User\"?"),
        ]
    );
    // What could be loaded is there: the first User, the first Query.a.
    assert_eq!(schema.field_names("User"), ["id"]);
    assert_eq!(schema.field_type("Query", "a"), Some(&named("Usr")));
}

#[test]
fn root_and_syntax_errors() {
    let (schema, errors) = load(&[
        (
            "a.graphql",
            "schema { query: Q }\nschema { query: Q }\nunion Q = X\ntype X { a: Int }",
        ),
        ("b.graphql", "type Broken {"),
    ]);
    let m = messages(&errors);
    assert!(
        m.iter()
            .any(|e| e.0 == "b.graphql" && e.2.starts_with("Syntax Error")),
        "{m:?}"
    );
    assert!(
        m.contains(&("a.graphql", 20, "Must provide only one schema definition.")),
        "{m:?}"
    );
    assert!(
        m.contains(&(
            "a.graphql",
            36,
            "Type for query already defined in the schema. It cannot be redefined."
        )),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|e| e.2 == "Query root type must be Object type, it cannot be Q."),
        "{m:?}"
    );
    assert_eq!(schema.root_type(OperationType::Query), None);

    let (_, errors) = load(&[("a.graphql", "type Foo { a: Int }")]);
    assert_eq!(
        messages(&errors),
        [("a.graphql", 0, "Query root type must be provided.")]
    );
}

#[test]
fn syntax_errors_end_with_one_period() {
    for sdl in ["", "#", "type Query {", "type Query { a: }", "{", "type"] {
        let (_, errors) = load(&[("a.graphql", sdl)]);
        assert!(!errors.is_empty(), "{sdl}");
        for error in errors {
            assert!(
                error.message.ends_with('.') && !error.message.ends_with(".."),
                "{sdl}: {}",
                error.message
            );
        }
    }
}
