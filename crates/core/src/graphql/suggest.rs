pub fn suggestion_list(_i: &str, _o: &[&str]) -> Vec<String> { todo!() }
pub fn did_you_mean(_s: &[String]) -> String { todo!() }
