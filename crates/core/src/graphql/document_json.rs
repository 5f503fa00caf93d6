use crate::graphql::template_parse::SyntaxError;
pub fn document_json(_t: &str) -> Result<serde_json::Value, Vec<SyntaxError>> { todo!() }
