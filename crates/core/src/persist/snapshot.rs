//! The persisted session (docs/reference/artifact.md §3): `<cacheDir>/session.json`, written atomically,
//! restored only when format version, builder version, config hash and every schema hash
//! match and every chunk it lists is intact — anything else is discarded whole.
//!
//! Trusted only whole: the file starts with a line holding a checksum of the rest
//! (`{"checksum":"<xxh3>"}`), so an edited or half-damaged snapshot (a chunk manifest
//! emptied, one entry deleted) is refused before anything in it is believed; and the
//! manifest must account for every element the definition records say was built.
//!
//! After the checksum line, the file is three JSON sections, each ended by a newline — the head (versions, hashes,
//! chunk manifest, …), the files, the derived state — then the analyses block: every file's
//! analysis JSON back to back, which the files section locates by byte range. Compact JSON
//! never holds a raw newline, so newlines end the sections. A restore parses the head,
//! then the files and the derived state in parallel (and the caller reads the chunks
//! meanwhile), and keeps the block as it is; an analysis is parsed only when the session
//! first needs it (`sources/lazy_analysis.rs`). Scanning the analyses as JSON values was
//! most of a 10k restore.

use std::collections::BTreeMap;
use std::sync::Arc;

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
pub const SNAPSHOT_FORMAT: u32 = 4;

/// How the file starts: a line with the checksum of everything after that line.
const CHECKSUM_PREFIX: &[u8] = b"{\"checksum\":\"";
/// How the checksum line ends.
const CHECKSUM_SUFFIX: &[u8] = b"\"}\n";

/// `session.json`.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Snapshot {
    pub format_version: u32,
    pub builder_version: String,
    pub config_hash: String,
    pub schema_hashes: BTreeMap<String, String>,
    pub generation: u32,
    /// Root-relative path → what the session knew of the file (its own section).
    #[serde(skip)]
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
    /// The definition graph, composed hashes and definition diagnostics (its own section).
    #[serde(skip)]
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
    /// Byte range `[start, end)` of its analysis in the analyses block.
    pub analysis: [usize; 2],
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
    /// Writes the snapshot and its analyses block atomically, checksum first.
    pub fn write(&self, cache: &CacheDir, analyses: &[u8]) -> std::io::Result<()> {
        let mut body = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        body.push(b'\n');
        serde_json::to_writer(&mut body, &self.files).map_err(std::io::Error::other)?;
        body.push(b'\n');
        serde_json::to_writer(&mut body, &self.derived).map_err(std::io::Error::other)?;
        body.push(b'\n');
        body.extend_from_slice(analyses);
        let mut out = Vec::with_capacity(body.len() + 40);
        out.extend_from_slice(CHECKSUM_PREFIX);
        out.extend_from_slice(crate::hashing::hash_hex(&body).as_bytes());
        out.extend_from_slice(CHECKSUM_SUFFIX);
        out.extend_from_slice(&body);
        cache.write_atomically(&cache.snapshot_file(), &out)
    }

    /// Reads and validates the snapshot of `cache_dir`, with its analyses block and what
    /// `with_manifest` made of its chunk manifest (run while the rest is parsed).
    /// `Ok(None)`: there is none. `Err(reason)`: there is one, and it must not be trusted.
    pub fn read<R: Send>(
        cache: &CacheDir,
        expected: &Expected,
        with_manifest: impl FnOnce(&ChunkManifest) -> R + Send,
    ) -> Result<Option<(Snapshot, Arc<[u8]>, R)>, String> {
        let path = cache.snapshot_file();
        if std::fs::symlink_metadata(&path).is_err() {
            return Ok(None);
        }
        let bytes = cache
            .read(&path)
            .map_err(|e| format!("cannot read it: {e}"))?;
        let body = checked_body(&bytes)?;
        let mut sections = body.splitn(4, |&b| b == b'\n');
        let (Some(head), Some(files), Some(derived), Some(block)) = (
            sections.next(),
            sections.next(),
            sections.next(),
            sections.next(),
        ) else {
            return Err("it is missing a section".into());
        };
        let unfit = |e: serde_json::Error| format!("it does not fit the format: {e}");
        let mut snapshot: Snapshot = serde_json::from_slice(head).map_err(unfit)?;
        snapshot.validate(expected)?;
        let chunks = &snapshot.chunks;
        let ((files, derived), made) = rayon::join(
            || {
                rayon::join(
                    || serde_json::from_slice(files).map_err(unfit),
                    || serde_json::from_slice(derived).map_err(unfit),
                )
            },
            || with_manifest(chunks),
        );
        snapshot.files = files?;
        snapshot.derived = derived?;
        snapshot.validate_manifest()?;
        let block: Arc<[u8]> = Arc::from(block);
        if let Some((path, _)) = snapshot
            .files
            .iter()
            .find(|(_, e)| e.analysis[0] > e.analysis[1] || e.analysis[1] > block.len())
        {
            return Err(format!(
                "its analysis of {path} is outside the analyses block"
            ));
        }
        Ok(Some((snapshot, block, made)))
    }

    /// Every file with a chunk is a file of the snapshot under its own chunk ID, and every
    /// element the records say was built is listed by the chunk of its file.
    fn validate_manifest(&self) -> Result<(), String> {
        use crate::persist::chunk_writer::chunk_id;
        for (path, entry) in &self.chunks {
            if entry.source_path != *path
                || entry.chunk_id != chunk_id(path)
                || !self.files.contains_key(path)
            {
                return Err(format!("its chunk manifest entry for {path} does not fit"));
            }
        }
        let listed: std::collections::BTreeSet<&str> = self
            .chunks
            .values()
            .flat_map(|e| e.ids.iter().map(String::as_str))
            .collect();
        // Operations sharing a name with another of their schema are built but left out.
        let mut named: BTreeMap<(String, String), u32> = BTreeMap::new();
        for record in self.derived.records.values() {
            if let Some(key) = record.operation_key() {
                *named.entry(key).or_default() += 1;
            }
        }
        let built = self.derived.records.iter().filter(|(_, record)| {
            !record.composed_hash.is_empty()
                && record.operation_key().is_none_or(|key| named[&key] == 1)
        });
        for (id, record) in built {
            if !listed.contains(id.as_str()) {
                return Err(format!(
                    "its chunk manifest does not account for {id} (file {})",
                    record.file
                ));
            }
        }
        Ok(())
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
        block: &Arc<[u8]>,
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
                    analysis: LazyAnalysis::in_block(block, e.analysis[0]..e.analysis[1])
                        .unwrap_or_else(|| LazyAnalysis::new(Arc::default())),
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

/// Everything after the checksum line, when the checksum matches.
fn checked_body(bytes: &[u8]) -> Result<&[u8], String> {
    let rest = bytes
        .strip_prefix(CHECKSUM_PREFIX)
        .ok_or("it has no checksum")?;
    let (checksum, rest) = rest.split_at_checked(16).ok_or("it is cut short")?;
    let body = rest
        .strip_prefix(CHECKSUM_SUFFIX)
        .ok_or("its checksum is malformed")?;
    if crate::hashing::hash_hex(body).as_bytes() != checksum {
        return Err("its checksum does not match its contents (changed or damaged)".into());
    }
    Ok(body)
}

impl FileEntry {
    /// The entry of `file`, its analysis appended to the snapshot's analyses block.
    pub fn of(file: &SourceFile, analyses: &mut Vec<u8>) -> Self {
        let range = file.analysis.write_to(analyses);
        Self {
            fingerprint: file.fingerprint,
            analysis: [range.start, range.end],
            targets: file.targets.clone(),
            diagnostics: file.diagnostics.clone(),
        }
    }
}
