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

    /// Writes the chunks of `files`; a cache that cannot be written is a warning, never a failed build.
    fn write_chunks(&mut self, run: &mut Run, files: &BTreeSet<String>) -> Option<Diagnostic> {
        let elements = self.derived_elements();
        let outcome = write_chunks(&self.cache, &elements, files, &mut self.manifest);
        run.lap("chunks");
        match outcome {
            Ok(writes) => {
                run.stats.chunks_written = writes.written.len() as u32;
                run.stats.chunks_reused = writes.reused;
                run.trace.chunks_written = writes.written;
                run.trace.chunks_deleted = writes.deleted;
                None
            }
            Err(e) => {
                let message = format!(
                    "cannot write chunks to {}: {e}",
                    self.cache.path().display()
                );
                Some(Diagnostic::without_position(
                    "CACHE_WRITE",
                    Severity::Warning,
                    message,
                    "",
                ))
            }
        }
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
            .and_then(|writes| {
                type_files
                    .sync_index(self.schemas.schemas.keys().map(String::as_str))
                    .map(|_| writes)
            });
        run.lap("types");
        match outcome {
            Ok(writes) => {
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
        if run.trace.read.is_empty()
            && run.trace.recomposed.is_empty()
            && touched_files.is_empty()
            && !run.rediagnose
        {
            return false;
        }
        let mut all: Vec<Diagnostic> = self.derived.all_diagnostics(&self.files, &self.config.root);
        all.extend(self.schemas.diagnostics.iter().cloned());
        all.extend(self.unreadable.values().cloned());
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
