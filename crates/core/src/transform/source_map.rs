//! A v3 source map for a file in which some spans were replaced: untouched code maps
//! exactly, token by token; each replacement maps to the start of the code it replaced.
//! Columns count UTF-16 code units, as every JS tool does.

/// Builds the `mappings` of one generated file with one source.
#[derive(Default)]
pub struct MapBuilder {
    mappings: String,
    generated_line: u32,
    generated_column: u32,
    last_generated_column: i64,
    last_source_line: i64,
    last_source_column: i64,
    line_has_segment: bool,
}

impl MapBuilder {
    /// Records that the generated position here comes from (`line`, `column`) of the source.
    pub fn map_here(&mut self, line: u32, column: u32) {
        if self.line_has_segment {
            self.mappings.push(',');
        }
        vlq(
            &mut self.mappings,
            self.generated_column as i64 - self.last_generated_column,
        );
        vlq(&mut self.mappings, 0);
        vlq(&mut self.mappings, line as i64 - self.last_source_line);
        vlq(&mut self.mappings, column as i64 - self.last_source_column);
        self.last_generated_column = self.generated_column as i64;
        self.last_source_line = line as i64;
        self.last_source_column = column as i64;
        self.line_has_segment = true;
    }

    /// Advances the generated position over `text`.
    pub fn advance(&mut self, text: &str) {
        for c in text.chars() {
            self.advance_char(c);
        }
    }

    pub fn advance_char(&mut self, c: char) {
        if c == '\n' {
            self.mappings.push(';');
            self.generated_line += 1;
            self.generated_column = 0;
            self.last_generated_column = 0;
            self.line_has_segment = false;
        } else {
            self.generated_column += c.len_utf16() as u32;
        }
    }

    /// The source map JSON.
    pub fn finish(self, file: &str, source: &str, source_content: &str) -> String {
        serde_json::json!({
            "version": 3,
            "file": file,
            "sources": [source],
            "sourcesContent": [source_content],
            "names": [],
            "mappings": self.mappings,
        })
        .to_string()
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn vlq(out: &mut String, value: i64) {
    let mut rest = if value < 0 {
        ((-value) << 1) | 1
    } else {
        value << 1
    };
    loop {
        let mut digit = (rest & 31) as usize;
        rest >>= 5;
        if rest > 0 {
            digit |= 32;
        }
        out.push(BASE64[digit] as char);
        if rest == 0 {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vlq_matches_the_spec_examples() {
        let mut out = String::new();
        for v in [0, 1, -1, 15, 16, -16, 1000] {
            vlq(&mut out, v);
            out.push(' ');
        }
        assert_eq!(out, "A C D e gB hB w+B ");
    }
}
