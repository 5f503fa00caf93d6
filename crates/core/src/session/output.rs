//! The end of every build: chunks, the artifact's diagnostics, delta, generation, report.
//! Also what the session shows of itself (artifact, summary).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::Serialize;

use crate::artifact::build_result::{affected_files, delta_for_files, BuildResult, LastUpdate};
use crate::artifact::element::ElementMap;
use crate::artifact::{Artifact, Report, ReportStats, ARTIFACT_VERSION};
use crate::diagnostic::{sort_diagnostics, Diagnostic, Severity};
use crate::persist::chunk_writer::{file_elements, write_chunks};
use crate::persist::write_queue::{FailedWrite, WriteOwner};
use crate::session::{round_ms, Run, Session};

/// Sizes of a session's state (`getSnapshot()`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionSummary {
    pub generation: u32,
    pub files: u32,
    pub definitions: u32,
    pub module_adjacency_size: u32,
    pub definition_adjacency_size: u32,
}

impl Session {
    pub(crate) fn finish(
        &mut self,
        mut run: Run,
        before: &ElementMap,
        touched_files: BTreeSet<String>,
        mut transient: Vec<Diagnostic>,
    ) -> BuildResult {
        transient.extend(self.write_failures(false));
        if self.persist && !touched_files.is_empty() {
            transient.extend(self.write_chunks(&mut run, &touched_files));
        }
        transient.extend(self.write_types(&mut run, &touched_files));
        let diagnostics_changed = self.rediagnose(&run, &touched_files);
        let delta = delta_for_files(before, &self.derived_elements(), &touched_files);
        if !delta.is_empty() || diagnostics_changed || self.generation == 0 {
            self.generation += 1;
            let sorted = |list: &[String]| {
                let mut list = list.to_vec();
                list.sort();
                list
            };
            self.last_update = LastUpdate {
                generation: self.generation,
                analyzed: sorted(&run.trace.analyzed),
                recomposed: sorted(&run.trace.recomposed),
                delta: delta.clone(),
            };
        }
        run.stats.duration_ms = round_ms(run.started.elapsed().as_secs_f64() * 1000.0);
        self.report = Report {
            duration_ms: run.stats.duration_ms,
            stats: ReportStats {
                hits: run.stats.hits,
                misses: run.stats.misses,
                skips: run.stats.skips,
            },
        };
        let mut diagnostics: Vec<Diagnostic> = self.diagnostics.as_ref().clone();
        if !transient.is_empty() {
            diagnostics.extend(transient);
            sort_diagnostics(&mut diagnostics);
        }
        run.trace.read.sort();
        run.trace.analyzed.sort();
        self.last_trace = run.trace.clone();
        BuildResult {
            generation: self.generation,
            affected_files: affected_files(&delta),
            delta,
            diagnostics,
            stats: run.stats,
            trace: run.trace,
        }
    }

    /// Brings the chunks of `files` up to date: renders and compares them here and leaves
    /// the writing to the session's writer thread. A cache that cannot be written is a
    /// warning, never a failed build.
    fn write_chunks(&mut self, run: &mut Run, files: &BTreeSet<String>) -> Option<Diagnostic> {
        let elements = self.derived_elements();
        let outcome = write_chunks(&self.cache, &elements, files, &mut self.manifest);
        run.lap("chunks");
        match outcome {
            Ok(mut writes) => {
                run.stats.chunks_written = writes.written.len() as u32;
                run.stats.chunks_reused = writes.reused;
                self.writes.submit(std::mem::take(&mut writes.pending));
                run.trace.chunks_written = writes.written;
                run.trace.chunks_deleted = writes.deleted;
                None
            }
            Err(e) => Some(self.chunk_write_warning(&e.to_string())),
        }
    }

    /// Waits until the chunks and type files of the builds so far are on disk; returns the
    /// warnings of the writes that failed (see [`Session::write_failures`]).
    pub fn wait_for_writes(&mut self) -> Vec<Diagnostic> {
        self.write_failures(true)
    }

    /// The file writes that failed (chunks, type files), after waiting for all of them with
    /// `wait`. A file that could not be written is forgotten (a chunk loses its manifest
    /// entry, so no snapshot names it), so the next pass compares it with the disk and
    /// writes it again (a type file at the next build, a chunk at the next build of its
    /// file or at `persist()`); the failures come back as one `CACHE_WRITE` and one
    /// `TYPES_WRITE` warning at most.
    fn write_failures(&mut self, wait: bool) -> Vec<Diagnostic> {
        let failed = if wait {
            self.writes.wait()
        } else {
            self.writes.failures()
        };
        let mut warnings = Vec::new();
        let is_chunk = |f: &&FailedWrite| matches!(f.owner, WriteOwner::Chunk(_));
        if let Some(first) = failed.iter().find(is_chunk) {
            let reason = format!("{}: {}", first.path.display(), first.error);
            warnings.push(self.chunk_write_warning(&reason));
        }
        if let Some(first) = failed.iter().find(|f| !is_chunk(f)) {
            let named = std::io::Error::new(
                first.error.kind(),
                format!("{}: {}", first.path.display(), first.error),
            );
            warnings.push(self.types_write_warning(&named));
        }
        for write in &failed {
            match &write.owner {
                WriteOwner::Chunk(source) => {
                    self.manifest.remove(source);
                }
                owner => {
                    if let Some(type_files) = self.type_files.as_mut() {
                        type_files.forget(owner);
                    }
                    // The next build writes it again, whether or not its source changes.
                    if let WriteOwner::TypeFile(source) = owner {
                        self.derived.types_dirty.insert(source.clone());
                    }
                }
            }
        }
        warnings
    }

    fn chunk_write_warning(&self, reason: &str) -> Diagnostic {
        let message = format!(
            "cannot write chunks to {}: {reason}",
            self.cache.path().display()
        );
        Diagnostic::without_position("CACHE_WRITE", Severity::Warning, message, "")
    }

    /// Writes the type files of `files` and of every file whose type entries changed (only
    /// those whose bytes change), and the index; a folder that cannot be written is a
    /// warning, never a failed build.
    fn write_types(&mut self, run: &mut Run, files: &BTreeSet<String>) -> Option<Diagnostic> {
        let mut dirty = std::mem::take(&mut self.derived.types_dirty);
        let type_files = self.type_files.as_mut()?;
        dirty.extend(files.iter().cloned());
        if dirty.is_empty() {
            return None;
        }
        let derived = &self.derived;
        let outcome = type_files
            .sync(&dirty, |source| {
                file_elements(&derived.elements, source)
                    .into_iter()
                    .filter_map(|e| {
                        let entry = derived.types.get(&e.id)?;
                        Some((
                            e.id.as_str(),
                            entry.as_ref(),
                            derived.is_ambiguous(&entry.key),
                        ))
                    })
                    .collect()
            })
            .map(|mut writes| {
                let labels = self.schemas.schemas.keys().map(String::as_str);
                writes.pending.extend(type_files.sync_index(labels));
                writes
            });
        run.lap("types");
        match outcome {
            Ok(mut writes) => {
                self.writes.submit(std::mem::take(&mut writes.pending));
                run.stats.types_written = writes.written.len() as u32;
                run.trace.types_written = writes.written;
                run.trace.types_deleted = writes.deleted;
                None
            }
            Err(e) => Some(self.types_write_warning(&e)),
        }
    }

    /// The warning for a type folder that cannot be written.
    pub(crate) fn types_write_warning(&self, error: &std::io::Error) -> Diagnostic {
        let dir = self
            .type_files
            .as_ref()
            .map(|t| t.out.path().display().to_string())
            .unwrap_or_default();
        Diagnostic::without_position(
            "TYPES_WRITE",
            Severity::Warning,
            format!("cannot write type files to {dir}: {error}"),
            "",
        )
    }

    /// The type file of a source file, when the last build wrote one (for `explain`).
    pub fn type_file_of(&self, source_path: &str) -> Option<std::path::PathBuf> {
        self.type_files.as_ref()?.file_of(source_path)
    }

    /// Rebuilds the artifact's diagnostics when anything they come from may have changed.
    fn rediagnose(&mut self, run: &Run, touched_files: &BTreeSet<String>) -> bool {
        let refusals = self.discovery.refusals(&self.dir_cache);
        let refusals_changed = || {
            let before = self
                .diagnostics
                .iter()
                .filter(|d| d.code == "SYMLINK_OUTSIDE_ROOT");
            !before.eq(refusals.iter())
        };
        if run.trace.read.is_empty()
            && run.trace.recomposed.is_empty()
            && touched_files.is_empty()
            && !run.rediagnose
            && !refusals_changed()
        {
            return false;
        }
        let mut all: Vec<Diagnostic> = self.derived.all_diagnostics(&self.files, &self.config.root);
        all.extend(self.schemas.diagnostics.iter().cloned());
        all.extend(self.unreadable.values().cloned());
        all.extend(refusals);
        all.extend(self.config_warnings.iter().cloned());
        all.extend(
            self.files
                .values()
                .flat_map(|f| f.diagnostics.iter().cloned()),
        );
        sort_diagnostics(&mut all);
        let changed = all != *self.diagnostics;
        if changed {
            self.diagnostics = Arc::new(all);
        }
        changed
    }

    fn derived_elements(&self) -> ElementMap {
        self.derived.elements.clone()
    }

    /// The current artifact.
    pub fn artifact(&self) -> Artifact {
        Artifact {
            version: ARTIFACT_VERSION,
            elements: self.derived.elements.clone(),
            diagnostics: self.diagnostics.clone(),
            report: self.report.clone(),
        }
    }

    pub fn generation(&self) -> u32 {
        self.generation
    }

    /// What the last build that changed something re-ran.
    pub fn last_update(&self) -> &LastUpdate {
        &self.last_update
    }

    /// Schema label → hash of its SDL.
    pub fn schema_hashes(&self) -> BTreeMap<String, String> {
        self.schemas.hashes.clone()
    }

    /// Sizes of what the session holds.
    pub fn summary(&self) -> SessionSummary {
        use crate::sources::source_file::Target;
        let module_edges = self
            .files
            .values()
            .flat_map(|f| f.targets.values())
            .filter(|t| matches!(t, Target::File(_)))
            .count();
        SessionSummary {
            generation: self.generation,
            files: self.files.len() as u32,
            definitions: self
                .files
                .values()
                .map(|f| f.analysis.definitions.len() as u32)
                .sum(),
            module_adjacency_size: module_edges as u32,
            definition_adjacency_size: self
                .derived
                .dependents
                .values()
                .map(|s| s.len() as u32)
                .sum(),
        }
    }
}
