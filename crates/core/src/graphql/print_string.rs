//! String literals as graphql-js 16 prints them: `printString` and `printBlockString`.

/// graphql-js `printString`: a quoted string with control characters, `"`, `\` and
/// U+007F–U+009F escaped (`\b \t \n \f \r` by letter, the rest as uppercase `\uXXXX`).
pub fn print_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for ch in value.chars() {
        match ch {
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => {
                out.push_str(&format!("\\u{:04X}", ch as u32));
            }
            _ => out.push(ch),
        }
    }
    out.push('"');
    out
}

/// graphql-js `printBlockString` (without the `minimize` option): the value between
/// triple quotes, on its own lines when that reads better or is needed to keep the value.
pub fn print_block_string(value: &str) -> String {
    let escaped = value.replace("\"\"\"", "\\\"\"\"");
    let lines = split_lines(&escaped);
    let is_single_line = lines.len() == 1;
    // Continuation lines that all start with whitespace (or are empty) would lose that
    // indentation to dedenting, unless a leading newline sets the common indent at zero.
    let force_leading_newline = lines.len() > 1
        && lines[1..]
            .iter()
            .all(|line| line.is_empty() || line.starts_with([' ', '\t']));
    let has_trailing_triple_quotes = escaped.ends_with("\\\"\"\"");
    let has_trailing_quote = value.ends_with('"') && !has_trailing_triple_quotes;
    let has_trailing_slash = value.ends_with('\\');
    let force_trailing_newline = has_trailing_quote || has_trailing_slash;
    let print_as_multiple_lines = !is_single_line
        || utf16_len(value) > 70
        || force_trailing_newline
        || force_leading_newline
        || has_trailing_triple_quotes;
    // A single line starting with whitespace would lose it after a leading newline.
    let skip_leading_newline = is_single_line && value.starts_with([' ', '\t']);

    let mut result = String::with_capacity(escaped.len() + 8);
    result.push_str("\"\"\"");
    if (print_as_multiple_lines && !skip_leading_newline) || force_leading_newline {
        result.push('\n');
    }
    result.push_str(&escaped);
    if print_as_multiple_lines || force_trailing_newline {
        result.push('\n');
    }
    result.push_str("\"\"\"");
    result
}

/// Splits like the JavaScript `split(/\r\n|[\n\r]/g)`.
fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['\r', '\n']) {
        lines.push(&rest[..i]);
        let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[i + skip..];
    }
    lines.push(rest);
    lines
}

/// The length of a string in UTF-16 code units: JavaScript's `length`, which graphql-js
/// compares against its line limits.
pub fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings() {
        assert_eq!(
            print_string("a\"b\\c\n\u{1}\u{7f}\u{9f}\u{a0}é"),
            "\"a\\\"b\\\\c\\n\\u0001\\u007F\\u009F\u{a0}é\""
        );
        assert_eq!(print_string("\u{b}\u{1f}"), r#""\u000B\u001F""#);
    }

    #[test]
    fn block_strings() {
        assert_eq!(print_block_string("abc"), "\"\"\"abc\"\"\"");
        assert_eq!(print_block_string(" abc"), "\"\"\" abc\"\"\"");
        assert_eq!(print_block_string("a\nb"), "\"\"\"\na\nb\n\"\"\"");
        assert_eq!(print_block_string("a\"\"\"b"), "\"\"\"a\\\"\"\"b\"\"\"");
        assert_eq!(print_block_string("ab\""), "\"\"\"\nab\"\n\"\"\"");
        assert_eq!(print_block_string(" ab\""), "\"\"\" ab\"\n\"\"\"");
    }
}
