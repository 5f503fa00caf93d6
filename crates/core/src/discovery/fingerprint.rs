//! A file's fingerprint: `{ size, mtimeMs, xxh3 }`. Equal size and mtime means unchanged
//! without reading; a changed stat with an equal hash means unchanged without analysing.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// What identifies one version of a file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fingerprint {
    pub size: u64,
    pub mtime_ms: f64,
    /// xxh3-64 of the content, as hex in JSON (a u64 is not a JS number).
    #[serde(with = "hex_u64")]
    pub hash: u64,
    /// The file was modified so shortly before it was read that another write in the same
    /// mtime tick could go unseen: its stat is not trusted, it is hashed again next time.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub racy: bool,
}

/// File systems stamp mtimes with a coarse clock (a few ms); a read this close to the
/// mtime may have raced with a write that keeps size and mtime.
const RACY_WINDOW_MS: f64 = 50.0;

/// Size and modification time of a file, from one `stat`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stat {
    pub size: u64,
    pub mtime_ms: f64,
}

impl Stat {
    pub fn of(path: &Path) -> std::io::Result<Self> {
        Ok(Self::of_metadata(&std::fs::metadata(path)?))
    }

    /// The stat of a file already open (no path lookup).
    pub fn of_file(file: &std::fs::File) -> std::io::Result<Self> {
        Ok(Self::of_metadata(&file.metadata()?))
    }

    fn of_metadata(meta: &std::fs::Metadata) -> Self {
        let mtime_ms = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0);
        Self {
            size: meta.len(),
            mtime_ms,
        }
    }
}

impl Fingerprint {
    /// The fingerprint of `content`, read after `stat` was taken.
    pub fn new(stat: Stat, content: &[u8]) -> Self {
        let now_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0);
        Self {
            size: stat.size,
            mtime_ms: stat.mtime_ms,
            hash: xxhash_rust::xxh3::xxh3_64(content),
            racy: now_ms - stat.mtime_ms < RACY_WINDOW_MS,
        }
    }

    /// Whether `stat` shows the file untouched since this fingerprint was taken (never for
    /// a racy fingerprint: its content must be hashed again).
    pub fn matches_stat(&self, stat: Stat) -> bool {
        !self.racy && self.size == stat.size && self.mtime_ms == stat.mtime_ms
    }
}

mod hex_u64 {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{value:016x}"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        let text = String::deserialize(d)?;
        u64::from_str_radix(&text, 16).map_err(serde::de::Error::custom)
    }
}
