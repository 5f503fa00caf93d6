//! GraphQL: the template AST, parsing (apollo-parser), printing (graphql-js 16 exact),
//! the document JSON (graphql-js 16 `parse(text, { noLocation: true })`), and schemas.

pub mod ast;
pub mod document_json;
pub mod print;
pub mod schema;
pub mod suggest;
pub mod template_parse;
