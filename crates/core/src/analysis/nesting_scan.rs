//! A linear scan of a file's brackets before oxc parses it. oxc's parser is recursive
//! descent: each nested `(`, `[`, `{` or `${` costs it up to ~3 KiB of stack, so nesting
//! beyond [`MAX_BRACKET_DEPTH`] is reported (`NESTING_TOO_DEEP`, at the first bracket past
//! the limit) and the file is not parsed. The scan knows strings, comments, template
//! literals and (by the previous token) regular expressions, so brackets inside them do
//! not count; it needs no stack of its own beyond one byte per open bracket.

use crate::diagnostic::Span;

/// How deeply brackets (`(`, `[`, `{`, and `${` in templates) may nest in a source file.
/// Hand-written code stays far below; generated code that goes beyond is not analysed.
pub const MAX_BRACKET_DEPTH: usize = 1000;

/// The span of the first bracket that opens level `limit + 1`, if any.
pub fn first_too_deep(source: &str, limit: usize) -> Option<Span> {
    // Nesting cannot go deeper than there are opening brackets: a count (which the compiler
    // vectorises) settles nearly every file without the byte-by-byte scan.
    let opening = source
        .bytes()
        .filter(|b| matches!(b, b'(' | b'[' | b'{'))
        .count();
    if opening <= limit {
        return None;
    }
    let mut scan = Scanner {
        bytes: source.as_bytes(),
        at: 0,
        open: Vec::new(),
        operand_before: false,
    };
    scan.run(limit).map(|at| Span {
        start: at as u32,
        end: at as u32 + 1,
    })
}

/// Why a bracket is open: a template's `${` returns to the template's text when it closes.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    Bracket,
    Substitution,
}

struct Scanner<'s> {
    bytes: &'s [u8],
    at: usize,
    open: Vec<Open>,
    /// Whether the last token ends an operand (so a `/` divides instead of starting a regex).
    operand_before: bool,
}

impl Scanner<'_> {
    /// Scans to the end; the offset of the first bracket past `limit`, if any.
    fn run(&mut self, limit: usize) -> Option<usize> {
        while let Some(&byte) = self.bytes.get(self.at) {
            let start = self.at;
            self.at += 1;
            match byte {
                b'(' | b'[' | b'{' => {
                    if self.push(Open::Bracket, limit) {
                        return Some(start);
                    }
                    self.operand_before = false;
                }
                b')' | b']' => {
                    self.pop();
                    self.operand_before = true;
                }
                b'}' => {
                    if self.pop() == Some(Open::Substitution) && self.template_text(limit) {
                        return Some(self.at - 2);
                    }
                    self.operand_before = true;
                }
                b'`' => {
                    if self.template_text(limit) {
                        return Some(self.at - 2);
                    }
                }
                b'"' | b'\'' => {
                    self.string(byte);
                    self.operand_before = true;
                }
                b'/' => self.slash(),
                b' ' | b'\t' | b'\r' | b'\n' => {}
                _ => {
                    self.operand_before = byte.is_ascii_alphanumeric()
                        || matches!(byte, b'_' | b'$' | b'.')
                        || byte >= 0x80;
                }
            }
        }
        None
    }

    /// Opens a level; whether it goes past `limit`.
    fn push(&mut self, open: Open, limit: usize) -> bool {
        self.open.push(open);
        self.open.len() > limit
    }

    fn pop(&mut self) -> Option<Open> {
        self.open.pop()
    }

    /// Skips a quoted string (an unterminated one ends at the line's end, as in JS).
    fn string(&mut self, quote: u8) {
        while let Some(&byte) = self.bytes.get(self.at) {
            self.at += 1;
            match byte {
                b'\\' => self.at += 1,
                b'\n' => return,
                _ if byte == quote => return,
                _ => {}
            }
        }
    }

    /// Skips template text up to its end or to a `${` (which opens a level); whether that
    /// `${` goes past `limit`.
    fn template_text(&mut self, limit: usize) -> bool {
        while let Some(&byte) = self.bytes.get(self.at) {
            self.at += 1;
            match byte {
                b'\\' => self.at += 1,
                b'`' => {
                    self.operand_before = true;
                    return false;
                }
                b'$' if self.bytes.get(self.at) == Some(&b'{') => {
                    self.at += 1;
                    self.operand_before = false;
                    return self.push(Open::Substitution, limit);
                }
                _ => {}
            }
        }
        false
    }

    /// A comment, a division or a regular expression literal.
    fn slash(&mut self) {
        match self.bytes.get(self.at) {
            Some(b'/') => self.skip_until(b"\n"),
            Some(b'*') => {
                self.at += 1;
                self.skip_until(b"*/");
            }
            _ if self.operand_before => self.operand_before = false,
            _ => {
                self.regex();
                self.operand_before = true;
            }
        }
    }

    fn skip_until(&mut self, end: &[u8]) {
        while self.at < self.bytes.len() && !self.bytes[self.at..].starts_with(end) {
            self.at += 1;
        }
        self.at = (self.at + end.len()).min(self.bytes.len());
    }

    /// Skips a regex body (the opening `/` read): up to an unescaped `/` outside a class,
    /// or the line's end.
    fn regex(&mut self) {
        let mut in_class = false;
        while let Some(&byte) = self.bytes.get(self.at) {
            self.at += 1;
            match byte {
                b'\\' => self.at += 1,
                b'[' => in_class = true,
                b']' => in_class = false,
                b'/' if !in_class => return,
                b'\n' => return,
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::first_too_deep;

    fn deepest_allowed(source: &str) -> Option<u32> {
        first_too_deep(source, 3).map(|span| span.start)
    }

    #[test]
    fn counts_brackets_of_every_kind() {
        assert_eq!(deepest_allowed("f(a[{b}])"), None);
        assert_eq!(deepest_allowed("f(a[{b(c)}])"), Some(6));
        assert_eq!(deepest_allowed("((()))((()))"), None);
    }

    #[test]
    fn ignores_strings_comments_regexes() {
        assert_eq!(
            deepest_allowed("'(((('; \"[[[[\" // {{{{\n/* (((( */ x"),
            None
        );
        assert_eq!(deepest_allowed("x = /[(((]((/g; y = a / (b) / c"), None);
    }

    #[test]
    fn template_substitutions_nest() {
        assert_eq!(deepest_allowed("`(((( ${a}`"), None);
        assert_eq!(deepest_allowed("`${`${`${a}`}`}`"), None);
        assert_eq!(deepest_allowed("`${`${`${`${a}`}`}`}`"), Some(10));
        assert_eq!(deepest_allowed("f(`${ {a} }`)"), None);
    }
}
