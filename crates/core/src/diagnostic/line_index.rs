//! Byte offset → 1-based line and column. Columns count UTF-16 code units, as editors,
//! browsers and bundlers do, so a position can be handed to any JS tool unchanged. A byte
//! order mark is not part of line 1 (editors do not show or count it): line 1 starts after it.

/// Start offsets of every line of one source text.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
        let mut line_starts = vec![bom];
        let bytes = source.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i as u32 + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => line_starts.push(i as u32 + 1),
                _ => {}
            }
            i += 1;
        }
        Self { line_starts }
    }

    /// 0-based line number holding `offset`.
    pub fn line_of(&self, offset: u32) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> u32 {
        self.line_starts[line]
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 1-based (line, column) of a byte offset; the column counts UTF-16 code units.
    pub fn line_col(&self, source: &str, offset: u32) -> (u32, u32) {
        let offset = clamp_to_char_boundary(source, offset);
        let line = self.line_of(offset);
        let start = self.line_starts[line] as usize;
        let offset = offset.max(start as u32);
        let column: usize = source[start..offset as usize]
            .chars()
            .map(char::len_utf16)
            .sum();
        (line as u32 + 1, column as u32 + 1)
    }
}

fn clamp_to_char_boundary(source: &str, offset: u32) -> u32 {
    let mut offset = (offset as usize).min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset as u32
}
