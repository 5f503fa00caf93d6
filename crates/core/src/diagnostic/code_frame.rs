//! A short code frame: the line of the problem with one line of context either side and a
//! caret under the span, in the style Babel and Vite print. A long line (minified code) is
//! shown as a window of [`MAX_LINE_CHARS`] around the caret, so a frame stays small however
//! long the line and however many diagnostics point into it.

use super::line_index::LineIndex;
use super::span::Span;

const CONTEXT_LINES: usize = 1;

/// The most characters of one line a frame shows.
const MAX_LINE_CHARS: usize = 160;

pub fn render(source: &str, index: &LineIndex, span: Span) -> String {
    if source.is_empty() {
        return String::new();
    }
    let (line, column) = index.line_col(source, span.start);
    let (end_line, end_column) = index.line_col(source, span.end.max(span.start));
    let target = line as usize - 1;
    let first = target.saturating_sub(CONTEXT_LINES);
    let last = (target + CONTEXT_LINES).min(index.line_count() - 1);
    let gutter = (last + 1).to_string().len();
    // The window's first character: the caret stays in view on a long line.
    let target_is_long = line_text(source, index, target)
        .chars()
        .nth(MAX_LINE_CHARS)
        .is_some();
    let skip = match target_is_long {
        true => (column as usize - 1).saturating_sub(MAX_LINE_CHARS / 2),
        false => 0,
    };
    let mut out = String::new();
    for n in first..=last {
        let full = line_text(source, index, n);
        // Short context lines are shown whole; long ones through the same window.
        let long = full.chars().nth(MAX_LINE_CHARS).is_some();
        let text = if n == target || long {
            window(full, skip)
        } else {
            full.into()
        };
        let marker = if n == target { '>' } else { ' ' };
        out.push_str(&format!(
            "{marker} {:>gutter$} | {}\n",
            n + 1,
            text.trim_end()
        ));
        if n == target {
            let width = if end_line == line {
                (end_column.saturating_sub(column)).max(1)
            } else {
                1
            };
            let width = width.min(MAX_LINE_CHARS as u32);
            let shown = if skip > 0 { 1 } else { 0 };
            let pad: String = full
                .chars()
                .skip(skip)
                .take(column as usize - 1 - skip)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .chain(std::iter::repeat_n(' ', shown))
                .collect();
            out.push_str(&format!(
                "  {:>gutter$} | {pad}{}\n",
                "",
                "^".repeat(width as usize)
            ));
        }
    }
    out.pop();
    out
}

/// At most [`MAX_LINE_CHARS`] of `line` from character `skip`, with `…` where it is cut.
fn window(line: &str, skip: usize) -> std::borrow::Cow<'_, str> {
    if skip == 0 && line.chars().nth(MAX_LINE_CHARS).is_none() {
        return line.into();
    }
    let mut chars = line.chars().skip(skip);
    let mut out: String = if skip > 0 {
        "…".into()
    } else {
        String::new()
    };
    out.extend(chars.by_ref().take(MAX_LINE_CHARS));
    if chars.next().is_some() {
        out.push('…');
    }
    out.into()
}

fn line_text<'s>(source: &'s str, index: &LineIndex, line: usize) -> &'s str {
    let start = index.line_start(line) as usize;
    let end = if line + 1 < index.line_count() {
        index.line_start(line + 1) as usize
    } else {
        source.len()
    };
    source[start..end].trim_end_matches(['\n', '\r'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_a_window_around_the_caret() {
        let source = format!("{}oops{}\nnext\n", "a".repeat(100_000), "b".repeat(100_000));
        let index = LineIndex::new(&source);
        let frame = render(
            &source,
            &index,
            Span {
                start: 100_000,
                end: 100_004,
            },
        );
        assert!(frame.len() < 600, "{} bytes", frame.len());
        let lines: Vec<&str> = frame.lines().collect();
        let chars = |s: &str, c: char| s.chars().position(|x| x == c);
        assert_eq!(chars(lines[1], '^'), chars(lines[0], 'o'), "{frame}");
        assert!(lines[0].contains('…'));
        assert!(lines[2].ends_with("| next"), "{frame}");
    }
}
