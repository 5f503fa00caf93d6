//! The builder session: what lives across builds (config, resolver, analysed files,
//! schemas, derived state, chunk manifest) and the two ways to change it — a cold build,
//! and an update that touches only what a change set reaches.

pub mod explain;
pub mod graph_export;
pub mod graph_filter;
pub mod output;
pub mod persist;
pub mod transform;
pub mod watch;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Instant;

use rustc_hash::FxHashMap;

use crate::analysis::canonical_id::CanonicalId;
use crate::artifact::build_result::{BuildResult, BuildStats, BuildTrace, LastUpdate};
use crate::artifact::Report;
use crate::config::{ConfigError, ResolvedConfig};
use crate::derive::{DerivedState, Dirty};
use crate::diagnostic::{Diagnostic, Severity};
use crate::discovery::change_set::ChangeSet;
use crate::discovery::dir_cache::DirCache;
use crate::discovery::Discovery;
use crate::graphql::schema_set::SchemaSet;
use crate::persist::cache_dir::CacheDir;
use crate::persist::chunk_writer::ChunkManifest;
use crate::persist::write_queue::WriteQueue;
use crate::sources::file_loader::FileLoader;
use crate::sources::file_scan::{scan, Scan};
use crate::sources::resolver::ModuleResolver;
use crate::sources::source_file::SourceFile;
use crate::types::out_dir::OutDir;
use crate::types::writer::TypeFiles;
use crate::types::TypeOptions;

/// A long-lived builder for one config root.
pub struct Session {
    pub config: ResolvedConfig,
    /// The cache folder (`config.cache_dir`): chunks and the snapshot.
    pub(crate) cache: CacheDir,
    pub(crate) discovery: Discovery,
    pub(crate) resolver: ModuleResolver,
    /// Source data: every analysed file, by root-relative path.
    pub(crate) files: FxHashMap<String, SourceFile>,
    /// Files that match include but could not be read.
    pub(crate) unreadable: BTreeMap<String, Diagnostic>,
    pub(crate) schemas: SchemaSet,
    /// Derived data: definitions, graph, elements.
    pub(crate) derived: DerivedState,
    /// The artifact's diagnostics (the files as they are now), sorted.
    pub(crate) diagnostics: Arc<Vec<Diagnostic>>,
    pub(crate) manifest: ChunkManifest,
    pub(crate) persist: bool,
    pub(crate) built: bool,
    pub(crate) generation: u32,
    pub(crate) report: Report,
    pub(crate) last_trace: BuildTrace,
    /// Folders of the last walk, so a sweep re-reads only folders that changed.
    pub(crate) dir_cache: DirCache,
    /// The last build that changed something (persisted).
    pub(crate) last_update: LastUpdate,
    /// What the config gets wrong though valid (`CONFIG_WARNING`, `TSCONFIG_INVALID`).
    pub(crate) config_warnings: Vec<Diagnostic>,
    /// The type files in `types.outDir` (config `types`; `None` when off).
    pub(crate) type_files: Option<TypeFiles>,
    /// Chunk and type-file writes in flight: waited for by the next build, a snapshot,
    /// `wait_for_writes` and when the session is dropped.
    pub(crate) writes: WriteQueue,
}

impl Session {
    pub fn new(config: ResolvedConfig, persist: bool) -> Result<Self, ConfigError> {
        let discovery = Discovery::new(&config)?;
        let resolver = ModuleResolver::new(&config);
        let config_warnings = crate::config::warnings::config_warnings(&config);
        let type_files = config
            .types
            .as_ref()
            .map(|t| TypeFiles::new(OutDir::new(t.out_dir.clone())));
        let mut session = Self {
            config_warnings,
            cache: CacheDir::new(config.cache_dir.clone()),
            writes: WriteQueue::new(CacheDir::new(config.cache_dir.clone())),
            config,
            discovery,
            resolver,
            files: FxHashMap::default(),
            unreadable: BTreeMap::new(),
            schemas: SchemaSet::default(),
            derived: DerivedState::default(),
            diagnostics: Arc::default(),
            manifest: ChunkManifest::new(),
            persist,
            built: false,
            generation: 0,
            report: Report::default(),
            last_trace: BuildTrace::default(),
            dir_cache: DirCache::default(),
            last_update: LastUpdate::default(),
            type_files,
        };
        session.derived = session.fresh_derived();
        Ok(session)
    }

    /// An empty derived state that computes type entries when types are on.
    pub(crate) fn fresh_derived(&self) -> DerivedState {
        let mut derived = DerivedState::default();
        derived.type_options = self.type_options();
        derived
    }

    pub(crate) fn type_options(&self) -> Option<TypeOptions> {
        self.config.types.as_ref().map(|t| TypeOptions {
            scalars: t.scalars.clone(),
        })
    }

    /// Builds everything: restores the persisted session when persistence is on and the
    /// snapshot can be trusted (then sweeps), else builds cold. Runs on the build pool
    /// (large stacks, [`crate::deep_stack`]).
    pub fn build_initial(&mut self) -> BuildResult {
        crate::deep_stack::run(|| self.build_initial_on_pool())
    }

    fn build_initial_on_pool(&mut self) -> BuildResult {
        let file = self
            .config
            .config_file
            .as_deref()
            .map(|f| self.config.relative(f));
        let mut transient: Vec<Diagnostic> = self
            .config
            .warnings
            .iter()
            .map(|w| {
                let file = file.as_deref().unwrap_or("config");
                Diagnostic::without_position(
                    "CONFIG_UNMAPPED",
                    Severity::Warning,
                    format!("{file}: {w}"),
                    file,
                )
            })
            .collect();
        if self.persist {
            if let Some(result) = self.try_restore(&mut transient) {
                return result;
            }
        }
        self.build_cold(transient)
    }

    /// Builds everything from scratch.
    fn build_cold(&mut self, transient: Vec<Diagnostic>) -> BuildResult {
        let mut run = Run::start();
        let before = self.derived.elements.clone();
        self.dir_cache = DirCache::default();
        let paths = self.discovery.walk_cached(&mut self.dir_cache);
        run.lap("discover");
        self.schemas = SchemaSet::load(&self.config);
        run.lap("schemas");
        let loader = self.loader();
        let scanned = scan(&loader, &FxHashMap::default(), &paths);
        self.files.clear();
        self.unreadable.clear();
        self.derived = self.fresh_derived();
        let mut dirty = Dirty::default();
        for (path, outcome) in scanned.found {
            match outcome {
                Scan::Changed(file) => {
                    run.trace.analyzed.push(path.clone());
                    dirty.prepare.extend(file.definition_ids());
                    self.files.insert(path, *file);
                }
                Scan::Unreadable(diagnostic) => {
                    self.unreadable.insert(path, diagnostic);
                }
                Scan::Hit | Scan::Skip(_) | Scan::Gone => {}
            }
        }
        run.stats.misses = (self.files.len() + self.unreadable.len()) as u32;
        // A cold build always lists its diagnostics: a project whose every file is
        // unreadable reads and composes nothing, yet must report FILE_UNREADABLE.
        run.rediagnose = true;
        run.stats.parsed = self.files.len() as u32;
        run.trace.read = run.trace.analyzed.clone();
        run.lap("analyze");
        self.derive(&mut run, dirty, BTreeSet::new());
        // Every file's chunk is looked at: chunks of an earlier session may be stale.
        let touched_files: BTreeSet<String> = self
            .files
            .keys()
            .chain(self.manifest.keys())
            .cloned()
            .collect();
        let mut result = self.finish(run, &before, touched_files, transient);
        // A cold build starts the type folder over too: files no build of this session wrote go.
        if let Some(Err(e)) = self.type_files.as_ref().map(TypeFiles::prune) {
            result.diagnostics.push(self.types_write_warning(&e));
        }
        if self.persist {
            // A cold build starts the chunk set over: chunks of an earlier session go.
            let _ = crate::persist::chunk_writer::prune_chunks(&self.cache, &self.manifest);
        }
        result
    }

    /// Updates the build for a change set, or sweeps every known and matching file when
    /// there is none (docs/reference/api.md §2). Runs on the build pool.
    pub fn update(&mut self, changes: Option<&ChangeSet>) -> BuildResult {
        crate::deep_stack::run(|| self.update_on_pool(changes))
    }

    fn update_on_pool(&mut self, changes: Option<&ChangeSet>) -> BuildResult {
        if !self.built {
            return self.build_initial();
        }
        let mut run = Run::start();
        let before = self.derived.elements.clone();
        let (paths, schema_changed, config_changed, transient) = match changes {
            Some(changes) => {
                let n = changes.normalize(&self.config, &self.discovery, |p| {
                    self.files.contains_key(p) || self.unreadable.contains_key(p)
                });
                (
                    n.check.into_iter().chain(n.removed).collect(),
                    n.schema_changed,
                    n.config_changed,
                    n.ignored,
                )
            }
            None => (
                self.sweep_paths(),
                self.schemas_changed_on_disk(),
                false,
                Vec::new(),
            ),
        };
        if config_changed {
            return self.reload_config(transient);
        }
        run.lap("discover");
        let loader = self.loader();
        let scanned = scan(&loader, &self.files, &paths);
        run.lap("scan");
        let mut dirty = Dirty::default();
        let surface = self.apply_scans(scanned, &mut run, &mut dirty);
        run.lap("analyze");
        if schema_changed {
            self.reload_schemas(&mut dirty);
            run.rediagnose = true;
        }
        self.mark_readers(&surface, &mut dirty);
        let touched_files = self.derive(&mut run, dirty, surface.removed);
        self.finish(run, &before, touched_files, transient)
    }

    /// Refreshes the derived state for `dirty`; returns the files whose chunks and delta
    /// must be looked at (those of touched elements, and files that went away).
    pub(crate) fn derive(
        &mut self,
        run: &mut Run,
        dirty: Dirty,
        removed: BTreeSet<String>,
    ) -> BTreeSet<String> {
        let refresh =
            self.derived
                .refresh(&self.config.root, &self.files, &self.schemas.schemas, dirty);
        run.trace.recomposed = refresh.recomposed;
        run.lap("compose");
        self.built = true;
        refresh
            .touched
            .iter()
            .filter_map(|id| CanonicalId::file_of(id).map(str::to_string))
            .chain(removed)
            .collect()
    }

    pub(crate) fn loader(&self) -> FileLoader<'_> {
        FileLoader {
            config: &self.config,
            discovery: &self.discovery,
            resolver: &self.resolver,
        }
    }

    /// Every known file plus every file the include globs match now.
    pub(crate) fn sweep_paths(&mut self) -> Vec<String> {
        let mut paths: Vec<String> = self.discovery.walk_cached(&mut self.dir_cache);
        let found: rustc_hash::FxHashSet<&str> = paths.iter().map(String::as_str).collect();
        // Known files the walk no longer finds: looked at, to be reported gone.
        let gone: Vec<String> = self
            .files
            .keys()
            .chain(self.unreadable.keys())
            .filter(|p| !found.contains(p.as_str()))
            .cloned()
            .collect();
        paths.extend(gone);
        paths
    }

    fn schemas_changed_on_disk(&self) -> bool {
        SchemaSet::hashes_of(&self.config) != self.schemas.hashes
    }
}

/// Files whose lookups surface changed in an update, and files that went away.
#[derive(Default)]
pub(crate) struct Surface {
    pub changed: BTreeSet<String>,
    pub removed: BTreeSet<String>,
    pub structure_changed: bool,
}

/// Bookkeeping of one build in progress.
pub(crate) struct Run {
    pub started: Instant,
    pub phase: Instant,
    pub stats: BuildStats,
    pub trace: BuildTrace,
    /// Something the artifact's diagnostics come from changed (a schema, an unreadable file).
    pub rediagnose: bool,
}

impl Run {
    pub(crate) fn start() -> Self {
        Self {
            started: Instant::now(),
            phase: Instant::now(),
            stats: BuildStats::default(),
            trace: BuildTrace::default(),
            rediagnose: false,
        }
    }

    pub fn lap(&mut self, name: &str) {
        let ms = self.phase.elapsed().as_secs_f64() * 1000.0;
        *self.stats.phases.entry(name.to_string()).or_default() += round_ms(ms);
        self.phase = Instant::now();
    }
}

pub(crate) fn round_ms(ms: f64) -> f64 {
    (ms * 1000.0).round() / 1000.0
}

impl Session {
    /// Applies scan outcomes to the source data; returns what other files' lookups may see.
    pub(crate) fn apply_scans(
        &mut self,
        scanned: crate::sources::file_scan::Scanned,
        run: &mut Run,
        dirty: &mut Dirty,
    ) -> Surface {
        let mut surface = Surface::default();
        run.stats.hits += scanned.hits;
        for (path, outcome) in scanned.found {
            match outcome {
                Scan::Hit => run.stats.hits += 1,
                Scan::Skip(fingerprint) => {
                    run.stats.misses += 1;
                    run.stats.skips += 1;
                    run.trace.read.push(path.clone());
                    if let Some(file) = self.files.get_mut(&path) {
                        file.fingerprint = fingerprint;
                    }
                }
                Scan::Changed(file) => {
                    run.stats.misses += 1;
                    run.trace.read.push(path.clone());
                    run.trace.analyzed.push(path.clone());
                    self.unreadable.remove(&path);
                    self.replace_file(*file, dirty, &mut surface);
                }
                Scan::Gone => {
                    run.rediagnose |= self.unreadable.remove(&path).is_some();
                    if let Some(old) = self.files.remove(&path) {
                        dirty.removed.extend(old.definition_ids());
                        surface.changed.insert(path.clone());
                        surface.removed.insert(path);
                        surface.structure_changed = true;
                    }
                }
                Scan::Unreadable(diagnostic) => {
                    run.stats.misses += 1;
                    run.rediagnose = true;
                    if let Some(old) = self.files.remove(&path) {
                        dirty.removed.extend(old.definition_ids());
                        surface.changed.insert(path.clone());
                        surface.removed.insert(path.clone());
                        surface.structure_changed = true;
                    }
                    self.unreadable.insert(path, diagnostic);
                }
            }
        }
        run.stats.parsed = run.trace.analyzed.len() as u32;
        if surface.structure_changed {
            self.retarget(&mut surface);
        }
        surface
    }

    fn replace_file(&mut self, file: SourceFile, dirty: &mut Dirty, surface: &mut Surface) {
        let path = file.path.clone();
        let new_ids: BTreeSet<String> = file.definition_ids().collect();
        match self.files.get(&path) {
            Some(old) => {
                dirty
                    .removed
                    .extend(old.definition_ids().filter(|id| !new_ids.contains(id)));
                if !old.same_link_surface(&file) {
                    surface.changed.insert(path.clone());
                }
            }
            None => {
                surface.changed.insert(path.clone());
                surface.structure_changed = true;
            }
        }
        dirty.prepare.extend(new_ids);
        self.files.insert(path, file);
    }

    /// Files came or went: specifiers may now lead elsewhere. Resolves every linkable
    /// file's specifiers again and marks the files whose targets changed.
    fn retarget(&mut self, surface: &mut Surface) {
        use rayon::prelude::*;
        self.resolver.clear_cache();
        let loader = self.loader();
        let retargeted: Vec<(
            String,
            BTreeMap<String, crate::sources::source_file::Target>,
        )> = self
            .files
            .par_iter()
            .filter(|(_, f)| SourceFile::is_linkable(&f.analysis))
            .map(|(path, f)| (path.clone(), loader.targets_of(path, &f.analysis)))
            .filter(|(path, targets)| self.files[path].targets != *targets)
            .collect();
        for (path, targets) in retargeted {
            surface.changed.insert(path.clone());
            if let Some(file) = self.files.get_mut(&path) {
                file.targets = targets;
            }
        }
    }

    /// Definitions whose lookups read a file whose surface changed must link again.
    pub(crate) fn mark_readers(&self, surface: &Surface, dirty: &mut Dirty) {
        for path in &surface.changed {
            if let Some(readers) = self.derived.readers.get(path) {
                dirty.prepare.extend(readers.iter().cloned());
            }
        }
    }

    /// Loads the schemas again; every definition of a label whose SDL changed is rebuilt.
    fn reload_schemas(&mut self, dirty: &mut Dirty) {
        let schemas = SchemaSet::load(&self.config);
        let changed: BTreeSet<&String> = schemas
            .hashes
            .iter()
            .filter(|(l, h)| self.schemas.hashes.get(*l) != Some(*h))
            .map(|(l, _)| l)
            .collect();
        for (id, record) in &self.derived.records {
            if changed.contains(&record.label) {
                dirty.prepare.insert(id.clone());
                dirty.force.insert(id.clone());
            }
        }
        self.schemas = schemas;
    }

    /// The config file changed: a new config means a new session, built cold; a config
    /// that no longer fits keeps the session as it is and reports the error.
    fn reload_config(&mut self, mut transient: Vec<Diagnostic>) -> BuildResult {
        let file = self.config.config_file.clone();
        let reloaded = file
            .as_deref()
            .map(|f| ResolvedConfig::from_file(f, Some(&self.config.root)));
        match reloaded {
            Some(Ok(config)) => match Session::new(config, self.persist) {
                Ok(fresh) => {
                    let before = std::mem::replace(self, fresh);
                    self.derived.elements = before.derived.elements.clone();
                    self.generation = before.generation;
                    self.manifest = before.manifest;
                    let mut result = self.build_initial();
                    result.diagnostics.append(&mut transient);
                    result
                }
                Err(e) => self.config_error(e, transient),
            },
            Some(Err(e)) => self.config_error(e, transient),
            None => self.update(None),
        }
    }

    fn config_error(&mut self, error: ConfigError, mut transient: Vec<Diagnostic>) -> BuildResult {
        transient.push(Diagnostic::without_position(
            "CONFIG_ERROR",
            Severity::Error,
            error.to_string(),
            &error.file,
        ));
        let before = self.derived.elements.clone();
        self.finish(Run::start(), &before, BTreeSet::new(), transient)
    }
}
