//! The semantic value of a GraphQL string token, computed the way graphql-js 16's lexer
//! does: escapes resolved (`\uXXXX`, surrogate pairs, `\u{…}`), block strings split into
//! lines, `\"""` unescaped and the lines dedented by `dedentBlockStringLines`.
//!
//! apollo-parser already rejects malformed escapes, but it panics in its own decoder if one
//! slips through, and its block-string algorithm differs in small ways from graphql-js, so
//! the value is decoded here from the token text and every problem is returned as an error.

/// A problem inside a string token: a graphql-js style message and the byte offset of the
/// offending escape, relative to the start of the token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StringError {
    /// What is wrong, e.g. `Invalid Unicode escape sequence: "\uD800".`
    pub message: String,
    /// Byte offset of the problem inside the token text.
    pub offset: usize,
}

/// Decodes a whole string token (`"…"` or `"""…"""`, quotes included). Returns the value
/// and whether the token was a block string.
pub fn decode_string_token(token: &str) -> Result<(String, bool), StringError> {
    if let Some(inner) = token
        .strip_prefix("\"\"\"")
        .and_then(|rest| rest.strip_suffix("\"\"\""))
    {
        return Ok((block_string_value(inner), true));
    }
    match token
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    {
        Some(inner) => unescape(inner)
            .map(|value| (value, false))
            .map_err(|e| StringError {
                offset: e.offset + 1,
                ..e
            }),
        // Like graphql-js, point at the line break that ends the string too early.
        None => Err(StringError {
            message: "Unterminated string.".to_owned(),
            offset: token.trim_end_matches(['\r', '\n']).len(),
        }),
    }
}

/// The value of a block string from its raw content (between the triple quotes).
pub fn block_string_value(raw: &str) -> String {
    // graphql-js splits on \r\n, \r and \n and unescapes \""" while reading each line.
    let lines: Vec<String> = split_lines(raw)
        .map(|line| line.replace("\\\"\"\"", "\"\"\""))
        .collect();
    dedent_block_string_lines(&lines).join("\n")
}

/// graphql-js `dedentBlockStringLines`: removes the common indentation of all lines but
/// the first, and the leading and trailing blank lines.
pub fn dedent_block_string_lines(lines: &[String]) -> Vec<&str> {
    let mut common_indent = usize::MAX;
    let mut first_non_empty: Option<usize> = None;
    let mut last_non_empty: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        let indent = leading_whitespace(line);
        if indent == line.len() {
            continue;
        }
        first_non_empty.get_or_insert(i);
        last_non_empty = Some(i);
        if i != 0 && indent < common_indent {
            common_indent = indent;
        }
    }
    let (Some(first), Some(last)) = (first_non_empty, last_non_empty) else {
        return Vec::new();
    };
    lines[first..=last]
        .iter()
        .enumerate()
        .map(|(k, line)| {
            if first + k == 0 {
                line.as_str()
            } else {
                // Indentation is ASCII (space, tab), so this byte slice is on a boundary.
                &line[common_indent.min(line.len())..]
            }
        })
        .collect()
}

/// Number of leading space/tab bytes (graphql-js `isWhiteSpace`).
fn leading_whitespace(line: &str) -> usize {
    line.bytes()
        .take_while(|&b| b == b' ' || b == b'\t')
        .count()
}

/// Splits on GraphQL line terminators: `\r\n`, `\n` or a lone `\r`.
fn split_lines(raw: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(raw);
    std::iter::from_fn(move || {
        let text = rest?;
        match text.find(['\r', '\n']) {
            None => {
                rest = None;
                Some(text)
            }
            Some(i) => {
                let skip = if text[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&text[i + skip..]);
                Some(&text[..i])
            }
        }
    })
}

/// Resolves the escapes of a regular string's content (between the quotes).
fn unescape(inner: &str) -> Result<String, StringError> {
    let mut out = String::with_capacity(inner.len());
    let mut rest = inner;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let at = inner.len() - rest.len() + i;
        let escape = &rest[i..];
        let (ch, size) = read_escape(escape).map_err(|message| StringError {
            message,
            offset: at,
        })?;
        out.push(ch);
        rest = &escape[size..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Reads one escape sequence at the start of `s` (which starts with `\`): the character
/// and the number of bytes consumed, or graphql-js's error message.
fn read_escape(s: &str) -> Result<(char, usize), String> {
    let bytes = s.as_bytes();
    let simple = match bytes.get(1) {
        Some(b'"') => Some('"'),
        Some(b'\\') => Some('\\'),
        Some(b'/') => Some('/'),
        Some(b'b') => Some('\u{8}'),
        Some(b'f') => Some('\u{c}'),
        Some(b'n') => Some('\n'),
        Some(b'r') => Some('\r'),
        Some(b't') => Some('\t'),
        Some(b'u') => None,
        _ => {
            let shown: String = s.chars().take(2).collect();
            return Err(format!("Invalid character escape sequence: \"{shown}\"."));
        }
    };
    if let Some(ch) = simple {
        return Ok((ch, 2));
    }
    if bytes.get(2) == Some(&b'{') {
        return read_variable_width(s);
    }
    let invalid = || {
        let shown: String = s.chars().take(6).collect();
        format!("Invalid Unicode escape sequence: \"{shown}\".")
    };
    let code = hex4(bytes.get(2..6)).ok_or_else(invalid)?;
    if let Some(ch) = char::from_u32(code) {
        return Ok((ch, 6));
    }
    // JSON-style surrogate pair: only valid as a leading surrogate then `\u` + trailing.
    if (0xD800..=0xDBFF).contains(&code) && bytes.get(6..8) == Some(b"\\u") {
        if let Some(trail @ 0xDC00..=0xDFFF) = hex4(bytes.get(8..12)) {
            let point = 0x10000 + ((code - 0xD800) << 10) + (trail - 0xDC00);
            if let Some(ch) = char::from_u32(point) {
                return Ok((ch, 12));
            }
        }
    }
    Err(invalid())
}

/// `\u{HexDigits}`: 1 to 8 hex digits naming a Unicode scalar value.
fn read_variable_width(s: &str) -> Result<(char, usize), String> {
    let bytes = s.as_bytes();
    let mut point: u64 = 0;
    // graphql-js reads at most 12 bytes (`\u{00000000}`) before giving up.
    for size in 3..12 {
        let Some(&b) = bytes.get(size) else { break };
        if b == b'}' {
            if size == 3 {
                break;
            }
            return match u32::try_from(point).ok().and_then(char::from_u32) {
                Some(ch) => Ok((ch, size + 1)),
                None => Err(variable_width_error(s, size + 1)),
            };
        }
        match (b as char).to_digit(16) {
            Some(d) => point = (point << 4) | u64::from(d),
            None => return Err(variable_width_error(s, size + 1)),
        }
    }
    Err(variable_width_error(s, 12))
}

fn variable_width_error(s: &str, size: usize) -> String {
    let shown: String = s.chars().take(size).collect();
    format!("Invalid Unicode escape sequence: \"{shown}\".")
}

/// Four ASCII hex digits as a number.
fn hex4(digits: Option<&[u8]>) -> Option<u32> {
    let digits = digits?;
    digits.iter().try_fold(0u32, |acc, &b| {
        (b as char).to_digit(16).map(|d| (acc << 4) | d)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(token: &str) -> String {
        decode_string_token(token)
            .map(|(v, _)| v)
            .unwrap_or_default()
    }

    #[test]
    fn escapes() {
        assert_eq!(
            value(r#""a\"b\\c\/d\b\f\n\r\t""#),
            "a\"b\\c/d\u{8}\u{c}\n\r\t"
        );
        assert_eq!(value(r#""\u00e9\u{1F600}\uD83D\uDE00""#), "é😀😀");
        assert_eq!(value(r#""\u{0}""#), "\0");
        assert!(decode_string_token(r#""\uD800""#).is_err());
        assert!(decode_string_token(r#""\u{D800}""#).is_err());
        assert!(decode_string_token(r#""\u{110000}""#).is_err());
        assert!(decode_string_token(r#""\u{}""#).is_err());
        assert!(decode_string_token(r#""\x""#).is_err());
        let err = decode_string_token(r#""ab\q""#).unwrap_err();
        assert_eq!(err.offset, 3);
        assert_eq!(err.message, r#"Invalid character escape sequence: "\q"."#);
    }

    #[test]
    fn block_strings() {
        assert_eq!(
            value("\"\"\"\n    a\n      b\n\n    c\n  \"\"\""),
            "a\n  b\n\nc"
        );
        assert_eq!(value("\"\"\"  x\"\"\""), "  x");
        assert_eq!(value("\"\"\"a\\\"\"\"b\"\"\""), "a\"\"\"b");
        assert_eq!(value("\"\"\"a\r\n b\r c\"\"\""), "a\nb\nc");
        assert_eq!(value("\"\"\"   \n  \"\"\""), "");
    }
}
