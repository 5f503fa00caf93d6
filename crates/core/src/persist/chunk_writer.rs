//! Per-file chunks (docs/reference/artifact.md §2): one ES module per source file that holds definitions,
//! `<cacheDir>/modules/<chunkId>.mjs`, whose default export is that file's elements. A
//! build writes only chunks whose bytes changed (temporary file, then rename: the bytes are
//! handed to the session's [`WriteQueue`](crate::persist::write_queue::WriteQueue), or
//! written at once by [`FileWrites::write_now`]) and deletes the chunks of files that no
//! longer hold definitions.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::analysis::canonical_id::CanonicalId;
use crate::artifact::element::{Element, ElementMap};
use crate::hashing::hash_hex;
use crate::persist::cache_dir::CacheDir;
use crate::persist::write_queue::{write_file, FileWrite, WriteOwner};

/// The manifest entry of one chunk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChunkEntry {
    pub chunk_id: String,
    pub source_path: String,
    /// xxh3 of the chunk's bytes.
    pub content_hash: String,
    /// Canonical IDs of the elements in the chunk, sorted.
    pub ids: Vec<String>,
    /// Chunk IDs of the files holding fragments these elements reach, sorted.
    pub depends_on: Vec<String>,
}

/// Source path → chunk entry.
pub type ChunkManifest = BTreeMap<String, ChunkEntry>;

/// What one chunk pass did, and the bytes it leaves to write.
#[derive(Default)]
pub struct FileWrites {
    /// Source files whose chunk changed (its bytes are in `pending`).
    pub written: Vec<String>,
    /// Chunks whose bytes were already right.
    pub reused: u32,
    /// Source files whose chunk was deleted (they hold no definition now).
    pub deleted: Vec<String>,
    /// The changed chunks, in source order.
    pub pending: Vec<FileWrite>,
}

impl FileWrites {
    /// Writes the pending chunks now, in this thread.
    pub fn write_now(&mut self, cache: &CacheDir) -> std::io::Result<()> {
        for write in std::mem::take(&mut self.pending) {
            write_file(cache, &write)?;
        }
        Ok(())
    }
}

/// The stable chunk ID of a source path.
pub fn chunk_id(source_path: &str) -> String {
    hash_hex(source_path.as_bytes())
}

/// The elements of one source file, in ID order.
pub fn file_elements<'a>(elements: &'a ElementMap, source_path: &str) -> Vec<&'a Arc<Element>> {
    let prefix = CanonicalId::file_prefix(source_path);
    elements
        .range(prefix.clone()..)
        .take_while(|(id, _)| id.starts_with(&prefix))
        .map(|(_, e)| e)
        .collect()
}

/// The bytes of a chunk: a comment naming the source, then the default export.
pub fn render_chunk(source_path: &str, elements: &[&Arc<Element>]) -> String {
    let mut out = format!("// fizz-gql chunk of {source_path}\nexport default {{");
    for (i, element) in elements.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(&element.id).unwrap_or_default());
        out.push(':');
        out.push_str(&serde_json::to_string(element.as_ref()).unwrap_or_default());
    }
    out.push_str("};\n");
    out
}

/// Brings the chunks of `files` up to date with `elements`, updating `manifest`. Chunks
/// are rendered and compared in parallel; those that changed are returned to be written;
/// a file without elements costs nothing unless the manifest had a chunk for it.
pub fn write_chunks(
    cache: &CacheDir,
    elements: &ElementMap,
    files: &BTreeSet<String>,
    manifest: &mut ChunkManifest,
) -> std::io::Result<FileWrites> {
    use rayon::prelude::*;
    cache.create_modules_dir()?;
    let candidates: Vec<&String> = files
        .iter()
        .filter(|f| manifest.contains_key(*f) || !file_elements(elements, f).is_empty())
        .collect();
    let outcomes: Vec<std::io::Result<ChunkSync>> = candidates
        .par_iter()
        .map(|source_path| sync_chunk(cache, elements, source_path, manifest.get(*source_path)))
        .collect();
    let mut writes = FileWrites::default();
    for outcome in outcomes {
        let (source_path, entry, write) = outcome?;
        match entry {
            Some(entry) => {
                if let Some(write) = write {
                    writes.written.push(source_path.clone());
                    writes.pending.push(write);
                } else {
                    writes.reused += 1;
                }
                manifest.insert(source_path, entry);
            }
            None => {
                manifest.remove(&source_path);
                writes.deleted.push(source_path);
            }
        }
    }
    Ok(writes)
}

/// One file's chunk pass: its path, its new entry (`None`: deleted), its bytes when they changed.
type ChunkSync = (String, Option<ChunkEntry>, Option<FileWrite>);

/// One file's chunk: (path, its new entry or `None` when deleted, its bytes when they changed).
fn sync_chunk(
    cache: &CacheDir,
    elements: &ElementMap,
    source_path: &str,
    old: Option<&ChunkEntry>,
) -> std::io::Result<ChunkSync> {
    let mine = file_elements(elements, source_path);
    let id = chunk_id(source_path);
    let path = cache.chunk_file(&id);
    if mine.is_empty() {
        cache.remove(&path)?;
        return Ok((source_path.to_string(), None, None));
    }
    let bytes = render_chunk(source_path, &mine);
    let entry = ChunkEntry {
        chunk_id: id,
        source_path: source_path.to_string(),
        content_hash: hash_hex(bytes.as_bytes()),
        ids: mine.iter().map(|e| e.id.clone()).collect(),
        depends_on: depends_on(source_path, &mine),
    };
    let unchanged = match old {
        Some(old) => old.content_hash == entry.content_hash && cache.is_regular(&path),
        None => cache
            .read(&path)
            .is_ok_and(|on_disk| on_disk == bytes.as_bytes()),
    };
    let write = (!unchanged).then(|| FileWrite {
        owner: WriteOwner::Chunk(source_path.to_string()),
        path,
        bytes,
        create: false,
    });
    Ok((source_path.to_string(), Some(entry), write))
}

/// Deletes chunk files the manifest does not list (left by an earlier, discarded session).
pub fn prune_chunks(cache: &CacheDir, manifest: &ChunkManifest) -> std::io::Result<()> {
    let listed: BTreeSet<&str> = manifest.values().map(|e| e.chunk_id.as_str()).collect();
    let Ok(entries) = std::fs::read_dir(cache.modules_dir()) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if CacheDir::chunk_id_of(&name).is_some_and(|id| !listed.contains(id)) {
            cache.remove(&entry.path())?;
        }
    }
    Ok(())
}

fn depends_on(source_path: &str, elements: &[&Arc<Element>]) -> Vec<String> {
    let files: BTreeSet<&str> = elements
        .iter()
        .flat_map(|e| e.dependencies.iter())
        .filter_map(|id| CanonicalId::file_of(id))
        .filter(|file| *file != source_path)
        .collect();
    let mut ids: Vec<String> = files.into_iter().map(chunk_id).collect();
    ids.sort();
    ids
}
