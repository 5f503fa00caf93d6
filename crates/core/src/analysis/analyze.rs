use crate::analysis::model::FileAnalysis;
pub fn analyze(_p: &str, _s: &str, _c: &dyn Fn(&str) -> bool) -> FileAnalysis { todo!() }
