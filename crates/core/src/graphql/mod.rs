//! GraphQL: the template AST, parsing (apollo-parser), printing (graphql-js 16 exact),
//! the document JSON (graphql-js 16 `parse(text, { noLocation: true })`), and schemas.

pub mod ast;
