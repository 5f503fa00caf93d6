//! `parse_template`: the template grammar, interpolation placeholders and error offsets.

use fizz_core::graphql_ast::{Selection, SpreadTarget, Template, Type, Value};
use fizz_core::Span;
use fizz_core::{parse_template, SyntaxError};
use fizz_core::{Interpolation, TemplateSource};

/// A template source from text where each `${…}` is an interpolation, replaced (as the
/// analysis does) by `_` of the same byte length.
fn source(text: &str) -> TemplateSource {
    let mut out = String::new();
    let mut interpolations = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let end = rest[start..]
            .find('}')
            .map(|e| start + e + 1)
            .expect("closed ${");
        out.push_str(&rest[..start]);
        let offset = out.len() as u32;
        let len = (end - start) as u32;
        out.push_str(&"_".repeat(end - start));
        let expr = &rest[start + 2..end - 1];
        interpolations.push(Interpolation {
            text_offset: offset,
            text_len: len,
            path: Some(expr.split('.').map(str::to_owned).collect()),
            span: Span::new(offset, offset + len),
            ..Interpolation::default()
        });
        rest = &rest[end..];
    }
    out.push_str(rest);
    TemplateSource {
        text: out,
        interpolations,
        offset_map: vec![(0, 0)],
    }
}

fn parse(text: &str) -> Template {
    parse_template(&source(text)).unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
}

fn errors(text: &str) -> Vec<SyntaxError> {
    match parse_template(&source(text)) {
        Ok(t) => panic!("{text:?} parsed: {t:?}"),
        Err(errors) => errors,
    }
}

#[test]
fn spread_interpolation_with_directives() {
    let text = "{ a ...${frag} @include(if: $x) @skip(if: false) b }";
    let t = parse(text);
    let s = &t.selection_set.selections;
    assert_eq!(s.len(), 3);
    let Selection::Spread(spread) = &s[1] else {
        panic!("{s:?}")
    };
    assert_eq!(spread.target, SpreadTarget::Interpolation(0));
    assert_eq!(spread.offset, text.find("...").unwrap() as u32);
    let names: Vec<&str> = spread.directives.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["include", "skip"]);
    assert_eq!(
        spread.directives[0].offset,
        text.find("@include").unwrap() as u32
    );
    assert_eq!(
        spread.directives[0].arguments[0].value,
        Value::Variable("x".into())
    );
}

#[test]
fn bare_interpolation_is_a_spread() {
    let text = "{\n  id\n  ${a.b}\n  ${c} @include(if: $x)\n  ...${d}\n}";
    let t = parse(text);
    let spreads: Vec<(SpreadTarget, u32, usize)> = t
        .selection_set
        .selections
        .iter()
        .filter_map(|s| match s {
            Selection::Spread(sp) => Some((sp.target.clone(), sp.offset, sp.directives.len())),
            _ => None,
        })
        .collect();
    assert_eq!(
        spreads,
        [
            (
                SpreadTarget::Interpolation(0),
                text.find("${a.b}").unwrap() as u32,
                0
            ),
            (
                SpreadTarget::Interpolation(1),
                text.find("${c}").unwrap() as u32,
                1
            ),
            (
                SpreadTarget::Interpolation(2),
                text.find("...${d}").unwrap() as u32,
                0
            ),
        ]
    );
}

#[test]
fn named_spread_is_kept_as_named() {
    let t = parse("{ ...UserFields }");
    let Selection::Spread(spread) = &t.selection_set.selections[0] else {
        panic!()
    };
    assert_eq!(spread.target, SpreadTarget::Named("UserFields".into()));
}

#[test]
fn variables_fields_and_offsets() {
    let text = "($id: ID!, $n: [Int!] = [1, 2] @d(a: \"x\")) {\n  me: user(id: $id) { name }\n  ... on Admin { level }\n}";
    let t = parse(text);
    assert_eq!(t.variables.len(), 2);
    assert_eq!(t.variables[0].name, "id");
    assert_eq!(t.variables[0].offset, 1);
    assert_eq!(
        t.variables[0].ty,
        Type::NonNull(Box::new(Type::Named("ID".into())))
    );
    let n = &t.variables[1];
    assert_eq!(n.offset, text.find("$n").unwrap() as u32);
    assert_eq!(
        n.default_value,
        Some(Value::List(vec![
            Value::Int("1".into()),
            Value::Int("2".into())
        ]))
    );
    assert_eq!(n.directives[0].name, "d");
    assert_eq!(t.selection_set.offset, text.find('{').unwrap() as u32);
    let Selection::Field(field) = &t.selection_set.selections[0] else {
        panic!()
    };
    assert_eq!(field.alias.as_deref(), Some("me"));
    assert_eq!(field.response_key(), "me");
    assert_eq!(field.offset, text.find("me:").unwrap() as u32);
    assert_eq!(field.name_offset, text.find("user").unwrap() as u32);
    let Selection::InlineFragment(inline) = &t.selection_set.selections[1] else {
        panic!()
    };
    assert_eq!(inline.type_condition.as_deref(), Some("Admin"));
    assert_eq!(inline.offset, text.find("...").unwrap() as u32);
}

#[test]
fn string_values_are_semantic() {
    let t = parse("{ f(a: \"\\u{1F600}\\uD83D\\uDE00\\n\", b: \"\"\"\n    x\n      y\n  \"\"\", c: 1.50, d: -0) }");
    let Selection::Field(field) = &t.selection_set.selections[0] else {
        panic!()
    };
    let values: Vec<&Value> = field.arguments.iter().map(|a| &a.value).collect();
    assert_eq!(
        *values[0],
        Value::String {
            value: "😀😀\n".into(),
            block: false
        }
    );
    assert_eq!(
        *values[1],
        Value::String {
            value: "x\n  y".into(),
            block: true
        }
    );
    assert_eq!(*values[2], Value::Float("1.50".into()));
    assert_eq!(*values[3], Value::Int("-0".into()));
}

/// Each case: the template and the interpolation the error must point at.
#[test]
fn misplaced_interpolation_is_an_error_at_the_placeholder() {
    let cases = [
        "{ f(a: ${v}) }",
        "{ ${alias}: name }",
        "{ ${f}(a: 1) }",
        "{ ${f} { x } }",
        "{ ... on ${T} { a } }",
        "($a: ${T}) { a }",
        "{ a(s: \"${x}\") }",
        "# ${x}\n{ a }",
        "{ a${x} }",
        "{ ${x}b }",
        "{ a @${d} }",
        "{ ...${f} } ",
    ];
    for (i, text) in cases.iter().enumerate() {
        if i == cases.len() - 1 {
            // The control case: a proper spread parses.
            parse(text);
            continue;
        }
        let errors = errors(text);
        let src = source(text);
        let placeholder = &src.interpolations[0];
        assert!(
            errors.iter().any(|e| e.offset == placeholder.text_offset
                && e.len == placeholder.text_len
                && e.message
                    .contains("interpolation may only stand where a selection")),
            "{text:?}: {errors:?}"
        );
    }
}

#[test]
fn syntax_error_offsets() {
    // Unclosed argument list: the error is at the `}` that ends it too early.
    let e = errors("{ a(x: 1 }");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].offset, 9, "{e:?}");
    // An empty selection set.
    let e = errors("{\n  a {}\n}");
    assert_eq!(e[0].offset, 7, "{e:?}");
    // A bad escape is reported at the escape itself.
    let e = errors("{ a(s: \"ok \\q\") }");
    assert_eq!(e[0].offset, 11, "{e:?}");
    assert!(
        e[0].message.contains("Invalid character escape sequence"),
        "{e:?}"
    );
    // Nothing at all.
    let e = errors("   ");
    assert_eq!(e[0].offset, 3, "{e:?}");
}

#[test]
fn only_variables_and_one_selection_set() {
    let e = errors("Name { a }");
    assert_eq!((e[0].offset, e[0].len), (0, 4), "{e:?}");
    let e = errors("@live { a }");
    assert_eq!(e[0].offset, 0, "{e:?}");
    let e = errors("{ a }\n{ b }");
    assert_eq!(e[0].offset, 6, "{e:?}");
    let e = errors("{ a } fragment F on T { b }");
    assert_eq!(e[0].offset, 6, "{e:?}");
    let e = errors("($a: Int = $b) { a }");
    assert_eq!(e[0].offset, 11, "{e:?}");
    parse("  # comment\n  ($a: Int)\n  { a } # trailing comment\n");
}

#[test]
fn messages_read_like_graphql_js() {
    let message = |text: &str| errors(text)[0].message.clone();
    assert_eq!(message("{ a(x: 1 }"), "Expected \")\", found \"}\".");
    assert_eq!(message("{ a"), "Expected \"}\", found <EOF>.");
    assert_eq!(message("{ f() }"), "Expected an Argument, found \")\".");
    assert_eq!(
        message("{ a(s: \"\\uD800\") }"),
        "Invalid Unicode escape sequence: \"\\uD800\"."
    );
    assert_eq!(message("{ a(s: \"abc) }"), "Unterminated string.");
    for text in ["{ a(x: 1 }", "{ ${x}: a }", "Name { a }", "   "] {
        let m = message(text);
        // Callers add graphql-js's `Syntax Error: ` prefix themselves.
        assert!(!m.starts_with("Syntax Error"), "{m}");
        assert!(m.ends_with('.'), "{m}");
    }
}
