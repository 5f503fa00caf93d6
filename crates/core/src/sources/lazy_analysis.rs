//! A file's analysis that a restored session parses only when it is first used. Most files
//! of a large project are never looked at again after a restore (no definition's lookup
//! reads them and they do not change), so `session.json` keeps the analyses after its JSON,
//! as one block of bytes that a restore neither scans nor copies (persist/snapshot.rs).

use std::ops::{Deref, Range};
use std::sync::{Arc, OnceLock};

use crate::analysis::model::FileAnalysis;

/// An analysis, parsed now or on first use.
pub struct LazyAnalysis {
    parsed: OnceLock<Arc<FileAnalysis>>,
    raw: Option<RawAnalysis>,
}

/// An analysis's JSON inside the analyses block of a snapshot (shared by every file).
#[derive(Clone)]
struct RawAnalysis {
    block: Arc<[u8]>,
    range: Range<usize>,
}

impl LazyAnalysis {
    pub fn new(analysis: Arc<FileAnalysis>) -> Self {
        Self {
            parsed: OnceLock::from(analysis),
            raw: None,
        }
    }

    /// The analysis at `range` of a snapshot's analyses block, parsed on first use. `None`
    /// when the range is outside the block (the snapshot is then not trusted).
    pub fn in_block(block: &Arc<[u8]>, range: Range<usize>) -> Option<Self> {
        block.get(range.clone())?;
        Some(Self {
            parsed: OnceLock::new(),
            raw: Some(RawAnalysis {
                block: block.clone(),
                range,
            }),
        })
    }

    /// The analysis, parsed from the snapshot's JSON the first time it is asked for. The
    /// snapshot was validated (format and builder version, checksum over the block) before
    /// any of it was trusted, so its analyses are in this builder's format.
    pub fn arc(&self) -> &Arc<FileAnalysis> {
        self.parsed.get_or_init(|| {
            Arc::new(
                self.raw
                    .as_ref()
                    .and_then(|raw| serde_json::from_slice(&raw.block[raw.range.clone()]).ok())
                    .unwrap_or_default(),
            )
        })
    }

    /// Appends the analysis's JSON to a snapshot's analyses block; returns where it is.
    /// An analysis never parsed is copied as it was read.
    pub fn write_to(&self, block: &mut Vec<u8>) -> Range<usize> {
        let start = block.len();
        match (self.parsed.get(), &self.raw) {
            (None, Some(raw)) => block.extend_from_slice(&raw.block[raw.range.clone()]),
            _ => {
                // Serialising plain data into a Vec cannot fail.
                let _ = serde_json::to_writer(&mut *block, self.arc().as_ref());
            }
        }
        start..block.len()
    }
}

impl Deref for LazyAnalysis {
    type Target = FileAnalysis;

    fn deref(&self) -> &FileAnalysis {
        self.arc()
    }
}

impl Clone for LazyAnalysis {
    fn clone(&self) -> Self {
        match self.parsed.get() {
            Some(analysis) => Self::new(analysis.clone()),
            None => Self {
                parsed: OnceLock::new(),
                raw: self.raw.clone(),
            },
        }
    }
}

impl std::fmt::Debug for LazyAnalysis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.parsed.get() {
            Some(analysis) => analysis.fmt(f),
            None => f.write_str("LazyAnalysis(unparsed)"),
        }
    }
}
