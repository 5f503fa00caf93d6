//! GraphQL: the template AST, parsing (apollo-parser), printing (graphql-js 16 exact),
//! the document JSON (graphql-js 16 `parse(text, { noLocation: true })`), and schemas.

pub mod ast;
mod cst_convert;
pub mod document;
pub mod document_json;
pub mod print;
pub mod print_string;
pub mod schema;
pub mod schema_inputs;
mod schema_load;
pub mod schema_set;
pub mod string_value;
pub mod suggest;
pub mod template_parse;
pub mod template_source;
