//! Persistence of a session: `persist()` writes the chunks and `session.json`; a cold
//! `build_initial()` with persistence on first tries to restore them, then sweeps.

use std::collections::BTreeSet;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::artifact::build_result::BuildResult;
use crate::artifact::element::{Element, ElementMap};
use crate::derive::{DerivedState, Dirty};
use crate::diagnostic::{Diagnostic, Severity};
use crate::graphql::schema_set::SchemaSet;
use crate::persist::cache_dir::CacheDir;
use crate::persist::chunk_writer::{write_chunks, ChunkManifest};
use crate::persist::snapshot::{Expected, FileEntry, Snapshot, SNAPSHOT_FORMAT};
use crate::session::{Run, Session};
use crate::sources::file_scan::scan;

impl Session {
    /// Writes every chunk and `session.json` now (first removing temporary files a killed
    /// write left behind). `Err`: what could not be written.
    pub fn persist(&mut self) -> Result<(), String> {
        // The snapshot names the chunks: the last build's must be on disk first. A chunk the
        // writer could not write has lost its manifest entry and is written again below,
        // where a failure fails the persist.
        let _ = self.wait_for_writes();
        self.cache.remove_stale_temp_files();
        let files: BTreeSet<String> = self
            .files
            .keys()
            .chain(self.manifest.keys())
            .cloned()
            .collect();
        let elements = self.derived.elements.clone();
        write_chunks(&self.cache, &elements, &files, &mut self.manifest)
            .and_then(|mut writes| writes.write_now(&self.cache))
            .map_err(|e| e.to_string())?;
        let mut analyses = Vec::new();
        let snapshot = Snapshot {
            format_version: SNAPSHOT_FORMAT,
            builder_version: crate::BUILDER_VERSION.to_string(),
            config_hash: self.config.hash.clone(),
            schema_hashes: self.schemas.hashes.clone(),
            generation: self.generation,
            files: self
                .files
                .iter()
                .map(|(path, file)| (path.clone(), FileEntry::of(file, &mut analyses)))
                .collect(),
            unreadable: self.unreadable.clone().into_iter().collect(),
            chunks: self.manifest.clone(),
            diagnostics: self.diagnostics.as_ref().clone(),
            last_update: self.last_update.clone(),
            derived: self.derived.snapshot(),
            folders: self.dir_cache.persist(&self.config.root),
            type_files: self
                .type_files
                .as_ref()
                .map(|t| t.manifest())
                .unwrap_or_default(),
        };
        snapshot
            .write(&self.cache, &analyses)
            .map_err(|e| format!("cannot write {}: {e}", self.cache.snapshot_file().display()))
    }

    /// [`Session::persist`], with a failure as the `CACHE_WRITE` warning users see: cache
    /// trouble never fails a build or a dispose.
    pub fn persist_or_warn(&mut self) -> Option<Diagnostic> {
        let outcome = self.persist();
        outcome.err().map(|reason| {
            let message = format!(
                "the session could not be saved in {}: {reason}",
                self.cache.path().display()
            );
            Diagnostic::without_position("CACHE_WRITE", Severity::Warning, message, "")
        })
    }

    /// Whether persistence is on (then builds keep chunks current and `dispose` persists).
    pub fn persists(&self) -> bool {
        self.persist
    }

    /// Restores the persisted session when it can be trusted. `Ok(None)`: build cold.
    pub(crate) fn try_restore(&mut self, transient: &mut Vec<Diagnostic>) -> Option<BuildResult> {
        let schema_hashes = SchemaSet::hashes_of(&self.config);
        let expected = Expected {
            config_hash: &self.config.hash,
            schema_hashes: &schema_hashes,
        };
        let mut run = Run::start();
        // The chunks are read while the snapshot's files and derived state are parsed.
        let cache = &self.cache;
        let read = Snapshot::read(cache, &expected, |chunks| persisted_elements(cache, chunks));
        run.lap("snapshot+chunks");
        match read {
            Ok(Some((snapshot, analyses, elements))) => match elements {
                Ok(before) => {
                    Some(self.restore(run, snapshot, &analyses, before, std::mem::take(transient)))
                }
                Err(reason) => {
                    transient.push(discarded(&self.cache, &reason));
                    None
                }
            },
            Ok(None) => None,
            Err(reason) => {
                transient.push(discarded(&self.cache, &reason));
                None
            }
        }
    }

    fn restore(
        &mut self,
        mut run: Run,
        mut snapshot: Snapshot,
        analyses: &Arc<[u8]>,
        before: ElementMap,
        transient: Vec<Diagnostic>,
    ) -> BuildResult {
        self.diagnostics = Arc::new(std::mem::take(&mut snapshot.diagnostics));
        self.last_update = std::mem::take(&mut snapshot.last_update);
        // The graph, composed hashes and diagnostics come back as they were; definitions
        // are prepared and composed again only when a change reaches them.
        self.derived = DerivedState::restore(std::mem::take(&mut snapshot.derived), before.clone());
        self.derived.type_options = self.type_options();
        // The type files are trusted as the snapshot lists them; one deleted while no
        // process ran is written again (a stat per file, nothing read).
        if let Some(type_files) = self.type_files.as_mut() {
            let missing = type_files.restore(std::mem::take(&mut snapshot.type_files));
            self.derived.types_dirty.extend(missing);
        }
        self.dir_cache = crate::discovery::dir_cache::DirCache::restore(
            &self.config.root,
            std::mem::take(&mut snapshot.folders),
        );
        let (files, unreadable, manifest, generation) = snapshot.into_files(analyses);
        self.files = files.into_iter().collect();
        self.unreadable = unreadable;
        self.manifest = manifest;
        self.generation = generation;
        self.schemas = SchemaSet::load(&self.config);
        run.lap("restore");
        let paths = self.sweep_paths();
        let scanned = scan(&self.loader(), &self.files, &paths);
        run.lap("scan");
        let mut dirty = Dirty::default();
        let surface = self.apply_scans(scanned, &mut run, &mut dirty);
        self.mark_readers(&surface, &mut dirty);
        run.lap("analyze");
        let touched = self.derive(&mut run, dirty, surface.removed);
        let before = Arc::new(before);
        self.finish(run, &before, touched, transient)
    }
}

/// The elements of every chunk of a manifest, read back (in parallel). Every chunk must be
/// there with the bytes the manifest recorded: anything else discards the snapshot.
fn persisted_elements(cache: &CacheDir, manifest: &ChunkManifest) -> Result<ElementMap, String> {
    use rayon::prelude::*;
    let chunks: Vec<Result<FxHashMap<String, Element>, String>> = manifest
        .values()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|entry| {
            let bytes = cache
                .read(&cache.chunk_file(&entry.chunk_id))
                .map_err(|_| format!("its chunk {} is missing", entry.chunk_id))?;
            if crate::hashing::hash_hex(&bytes) != entry.content_hash {
                return Err(format!(
                    "its chunk {} was changed or damaged",
                    entry.chunk_id
                ));
            }
            let text = std::str::from_utf8(&bytes)
                .map_err(|_| format!("its chunk {} is not UTF-8", entry.chunk_id))?;
            let json = text
                .split_once("export default ")
                .and_then(|(_, rest)| rest.trim_end().strip_suffix(';'))
                .ok_or_else(|| format!("chunk {} is not a fizz-gql chunk", entry.chunk_id))?;
            serde_json::from_str(json)
                .map_err(|e| format!("chunk {} does not parse: {e}", entry.chunk_id))
        })
        .collect();
    let mut out = ElementMap::new();
    for chunk in chunks {
        out.extend(chunk?.into_iter().map(|(id, e)| (id, Arc::new(e))));
    }
    Ok(out)
}

fn discarded(cache: &CacheDir, reason: &str) -> Diagnostic {
    cache.discard();
    let message = format!(
        "The persisted session in {} was discarded ({reason}); building cold.",
        cache.path().display()
    );
    Diagnostic::without_position("SNAPSHOT_DISCARDED", Severity::Warning, message, "")
}
