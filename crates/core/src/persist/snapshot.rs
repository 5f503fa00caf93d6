//! The persisted session (docs/reference/artifact.md §3): `<cacheDir>/session.json`, written atomically,
//! restored only when format version, builder version, config hash and every schema hash
//! match and every chunk it lists is intact — anything else is discarded whole.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::artifact::build_result::LastUpdate;
use crate::derive::DerivedSnapshot;
use crate::diagnostic::Diagnostic;
use crate::discovery::fingerprint::Fingerprint;
use crate::persist::cache_dir::CacheDir;
use crate::persist::chunk_writer::ChunkManifest;
use crate::sources::lazy_analysis::LazyAnalysis;
use crate::sources::source_file::{SourceFile, Target};

/// Bumped whenever the snapshot's shape changes.
pub const SNAPSHOT_FORMAT: u32 = 2;

/// `session.json`.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Snapshot {
    pub format_version: u32,
    pub builder_version: String,
    pub config_hash: String,
    pub schema_hashes: BTreeMap<String, String>,
    pub generation: u32,
    /// Root-relative path → what the session knew of the file.
    pub files: BTreeMap<String, FileEntry>,
    /// Files that matched include but could not be read.
    pub unreadable: BTreeMap<String, Diagnostic>,
    pub chunks: ChunkManifest,
    /// The artifact's diagnostics: a restore that finds nothing changed compares against
    /// them, so it does not count as a new generation.
    #[serde(default)]
    pub diagnostics: Vec<Diagnostic>,
    /// What the last build that changed something re-ran (`explain`).
    #[serde(default)]
    pub last_update: LastUpdate,
    /// The definition graph, composed hashes and definition diagnostics.
    pub derived: DerivedSnapshot,
    /// The folders of the last walk, so the restore's sweep reads only folders that changed.
    #[serde(default)]
    pub folders: BTreeMap<String, crate::discovery::dir_cache::PersistedFolder>,
    /// Source path → xxh3 of the type file written for it (types on).
    #[serde(default)]
    pub type_files: BTreeMap<String, String>,
}

/// One file of the snapshot: fingerprint, analysis, resolved specifiers, diagnostics.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    pub fingerprint: Fingerprint,
    pub analysis: LazyAnalysis,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub targets: BTreeMap<String, Target>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
}

/// What a snapshot must match to be trusted.
pub struct Expected<'a> {
    pub config_hash: &'a str,
    pub schema_hashes: &'a BTreeMap<String, String>,
}

impl Snapshot {
    /// Writes the snapshot atomically.
    pub fn write(&self, cache: &CacheDir) -> std::io::Result<()> {
        let json = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        cache.write_atomically(&cache.snapshot_file(), &json)
    }

    /// Reads and validates the snapshot of `cache_dir`. `Ok(None)`: there is none.
    /// `Err(reason)`: there is one, and it must not be trusted.
    pub fn read(cache: &CacheDir, expected: &Expected) -> Result<Option<Snapshot>, String> {
        let bytes = match std::fs::read(cache.snapshot_file()) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read it: {e}")),
        };
        let snapshot: Snapshot = serde_json::from_slice(&bytes)
            .map_err(|e| format!("it does not fit the format: {e}"))?;
        snapshot.validate(expected)?;
        Ok(Some(snapshot))
    }

    fn validate(&self, expected: &Expected) -> Result<(), String> {
        if self.format_version != SNAPSHOT_FORMAT {
            return Err(format!(
                "its format version is {}, this builder writes {SNAPSHOT_FORMAT}",
                self.format_version
            ));
        }
        if self.builder_version != crate::BUILDER_VERSION {
            return Err(format!(
                "it was written by builder {}, this is {}",
                self.builder_version,
                crate::BUILDER_VERSION
            ));
        }
        if self.config_hash != expected.config_hash {
            return Err("it was written for another config".into());
        }
        if &self.schema_hashes != expected.schema_hashes {
            return Err("a schema changed since it was written".into());
        }
        Ok(())
    }

    /// The session's source files, as the snapshot knew them (texts are read again only
    /// when a diagnostic must be placed).
    pub fn into_files(
        self,
    ) -> (
        BTreeMap<String, SourceFile>,
        BTreeMap<String, Diagnostic>,
        ChunkManifest,
        u32,
    ) {
        let files = self
            .files
            .into_iter()
            .map(|(path, e)| {
                let file = SourceFile {
                    path: path.clone(),
                    fingerprint: e.fingerprint,
                    analysis: e.analysis,
                    targets: e.targets,
                    diagnostics: e.diagnostics,
                    text: None,
                };
                (path, file)
            })
            .collect();
        (files, self.unreadable, self.chunks, self.generation)
    }
}

impl FileEntry {
    pub fn of(file: &SourceFile) -> Self {
        Self {
            fingerprint: file.fingerprint,
            analysis: file.analysis.clone(),
            targets: file.targets.clone(),
            diagnostics: file.diagnostics.clone(),
        }
    }
}
