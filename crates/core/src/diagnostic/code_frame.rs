//! A short code frame: the line of the problem with one line of context either side and a
//! caret under the span, in the style Babel and Vite print.

use super::line_index::LineIndex;
use super::span::Span;

const CONTEXT_LINES: usize = 1;

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
    let mut out = String::new();
    for n in first..=last {
        let text = line_text(source, index, n);
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
            let pad: String = text
                .chars()
                .take(column as usize - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
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

fn line_text<'s>(source: &'s str, index: &LineIndex, line: usize) -> &'s str {
    let start = index.line_start(line) as usize;
    let end = if line + 1 < index.line_count() {
        index.line_start(line + 1) as usize
    } else {
        source.len()
    };
    source[start..end].trim_end_matches(['\n', '\r'])
}
