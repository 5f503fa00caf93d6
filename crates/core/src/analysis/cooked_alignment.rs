//! Lines up a template quasi's text (cooked, or raw when it has no cooked value) with its
//! source bytes, so that every offset in the text maps back to the exact source byte.
//!
//! The two differ only where the source has an escape (`\n`, `\u{41}`, a line
//! continuation, …) or a CR / CRLF line break, which templates normalise to LF. The walk
//! copies everything else byte for byte and starts a new offset segment after each such
//! spot. Every byte is checked against the text, so a walk that does not line up is
//! detected and the caller falls back to a mapping that is exact at the quasi start.

/// Offset segments `(text_offset, source_offset)` relative to the start of the quasi, or
/// `None` when the text cannot be lined up with the source. `escapes` is true when `text`
/// is the cooked value (escapes decoded) and false when it is the raw value.
pub fn align(text: &str, source: &str, escapes: bool) -> Option<Vec<(u32, u32)>> {
    let (src, out) = (source.as_bytes(), text.as_bytes());
    let (mut i, mut j) = (0usize, 0usize);
    let mut segments = vec![(0, 0)];
    while i < src.len() {
        let (src_len, produced) = match src[i] {
            b'\r' => (
                if src.get(i + 1) == Some(&b'\n') { 2 } else { 1 },
                Some('\n'),
            ),
            b'\\' if escapes => decode_escape(&source[i..])?,
            byte => {
                if out.get(j) != Some(&byte) {
                    return None;
                }
                i += 1;
                j += 1;
                continue;
            }
        };
        if let Some(ch) = produced {
            let mut buf = [0u8; 4];
            let encoded = ch.encode_utf8(&mut buf).as_bytes();
            if out.get(j..j + encoded.len()) != Some(encoded) {
                return None;
            }
            j += encoded.len();
        }
        i += src_len;
        segments.push((j as u32, i as u32));
    }
    (j == out.len()).then_some(segments)
}

/// Decodes the escape at the start of `s` (which begins with `\`): the number of source
/// bytes it takes and the character it stands for (`None` for a line continuation).
/// Returns `None` for anything the cooked value would not hold as one character.
fn decode_escape(s: &str) -> Option<(usize, Option<char>)> {
    let mut chars = s[1..].chars();
    let ch = chars.next()?;
    let simple = |c: char| Some((1 + ch.len_utf8(), Some(c)));
    match ch {
        '\n' | '\u{2028}' | '\u{2029}' => Some((1 + ch.len_utf8(), None)),
        '\r' => Some((if s[2..].starts_with('\n') { 3 } else { 2 }, None)),
        'n' => simple('\n'),
        't' => simple('\t'),
        'r' => simple('\r'),
        'b' => simple('\u{8}'),
        'f' => simple('\u{c}'),
        'v' => simple('\u{b}'),
        '0' if !s[2..].starts_with(|c: char| c.is_ascii_digit()) => simple('\0'),
        '1'..='9' | '0' => None,
        'x' => hex_value(s.get(2..4)?)
            .and_then(char::from_u32)
            .map(|c| (4, Some(c))),
        'u' => decode_unicode(s),
        other => simple(other),
    }
}

/// `\u{…}`, `\uXXXX`, or a surrogate pair written as two `\uXXXX` escapes. A lone
/// surrogate cannot be a Rust char, so it is reported as not lining up.
fn decode_unicode(s: &str) -> Option<(usize, Option<char>)> {
    if let Some(braced) = s.strip_prefix("\\u{") {
        let close = braced.find('}')?;
        let c = char::from_u32(hex_value(&braced[..close])?)?;
        return Some((3 + close + 1, Some(c)));
    }
    let unit = hex_value(s.get(2..6)?)?;
    if !(0xD800..0xDC00).contains(&unit) {
        return char::from_u32(unit).map(|c| (6, Some(c)));
    }
    let low = s
        .get(6..12)
        .filter(|next| next.starts_with("\\u"))
        .and_then(|next| hex_value(&next[2..]))?;
    if !(0xDC00..0xE000).contains(&low) {
        return None;
    }
    char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)).map(|c| (12, Some(c)))
}

fn hex_value(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::align;

    #[test]
    fn identical_text_is_one_segment() {
        assert_eq!(align("{ a }", "{ a }", true), Some(vec![(0, 0)]));
    }

    #[test]
    fn escapes_start_new_segments() {
        // `a\nb\u{41}c`: source bytes a,\,n,b,\,u,{,4,1,},c → text a,LF,b,A,c
        assert_eq!(
            align("a\nbAc", "a\\nb\\u{41}c", true),
            Some(vec![(0, 0), (2, 3), (4, 10)])
        );
    }

    #[test]
    fn crlf_and_line_continuation() {
        assert_eq!(align("a\nb", "a\r\nb", true), Some(vec![(0, 0), (2, 3)]));
        assert_eq!(align("ab", "a\\\r\nb", true), Some(vec![(0, 0), (1, 4)]));
    }

    #[test]
    fn surrogate_pair_and_raw_mode() {
        assert_eq!(
            align("😀", "\\uD83D\\uDE00", true),
            Some(vec![(0, 0), (4, 12)])
        );
        assert_eq!(align("\\9", "\\9", false), Some(vec![(0, 0)]));
    }

    #[test]
    fn mismatch_is_detected() {
        assert_eq!(align("ab", "ax", true), None);
        assert_eq!(align("a", "\\uD83D", true), None);
    }
}
