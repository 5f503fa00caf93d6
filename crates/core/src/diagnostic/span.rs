//! Byte spans in source files.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` in a source file (UTF-8 offsets, as oxc reports them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: u32, end: u32) -> Self {
        Self { start, end }
    }
}
