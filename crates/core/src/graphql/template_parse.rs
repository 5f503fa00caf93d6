use crate::analysis::model::TemplateSource;
use crate::graphql::ast::Template;
pub struct SyntaxError { pub message: String, pub offset: u32, pub len: u32 }
pub fn parse_template(_s: &TemplateSource) -> Result<Template, Vec<SyntaxError>> { todo!() }
