//! A file's analysis that a restored session parses only when it is first used. Most files
//! of a large project are never looked at again after a restore (no definition's lookup
//! reads them and they do not change), so `session.json` keeps each analysis as raw JSON
//! and a restore only scans over it.

use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::analysis::model::FileAnalysis;

/// An analysis, parsed now or on first use.
pub struct LazyAnalysis {
    parsed: OnceLock<Arc<FileAnalysis>>,
    raw: Option<Box<RawValue>>,
}

impl LazyAnalysis {
    pub fn new(analysis: Arc<FileAnalysis>) -> Self {
        Self {
            parsed: OnceLock::from(analysis),
            raw: None,
        }
    }

    /// The analysis, parsed from the snapshot's JSON the first time it is asked for. The
    /// snapshot was validated (format and builder version, JSON syntax) before any of it was
    /// trusted, so its analyses are in this builder's format.
    pub fn arc(&self) -> &Arc<FileAnalysis> {
        self.parsed.get_or_init(|| {
            Arc::new(
                self.raw
                    .as_deref()
                    .and_then(|raw| serde_json::from_str(raw.get()).ok())
                    .unwrap_or_default(),
            )
        })
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

impl Serialize for LazyAnalysis {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self.parsed.get(), &self.raw) {
            (None, Some(raw)) => raw.serialize(serializer),
            _ => self.arc().serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for LazyAnalysis {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        Ok(Self {
            parsed: OnceLock::new(),
            raw: Some(raw),
        })
    }
}
