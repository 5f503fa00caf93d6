//! The `BuilderSession` N-API class: a long-lived builder for one config root.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use fizz_core::GraphFilter;
use fizz_core::Session;
use fizz_core::{absolute, ResolvedConfig};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::artifact_view::{self, ArtifactPatch, SharedViewBase};
use crate::build_result::{BuildReport, BuildResult};
use crate::graph_types::{DependencyGraph, Explanation};
use crate::js_types::{
    ChangeSet, Delta, Diagnostic, FilteredResult, SessionOptions, SessionSnapshot,
    SnapshotMetadata, TransformResult, WatchBatch, WatchOptions,
};
use crate::watcher::Watcher;

type Shared = Arc<Mutex<Option<Session>>>;

/// A long-lived fizz-gql builder: keeps discovery, graphs and artifact warm between builds.
#[napi]
pub struct BuilderSession {
    session: Shared,
    /// The artifact JS last made for this session (lib/artifact-view.cjs).
    view: SharedViewBase,
}

#[napi]
impl BuilderSession {
    /// Opens a session. A config that does not fit throws one error naming the key and file.
    #[napi(constructor)]
    pub fn new(options: Option<SessionOptions>) -> Result<Self> {
        let options = options.unwrap_or(SessionOptions {
            root: None,
            config_path: None,
            config: None,
            persist: None,
        });
        let config =
            resolve_config(&options).map_err(|message| Error::new(Status::InvalidArg, message))?;
        let session = Session::new(config, options.persist.unwrap_or(false))
            .map_err(|e| Error::new(Status::InvalidArg, e.to_string()))?;
        Ok(Self {
            session: Arc::new(Mutex::new(Some(session))),
            view: SharedViewBase::default(),
        })
    }

    /// Full build (docs/reference/api.md §2).
    #[napi]
    pub fn build_initial(&self, env: Env) -> Result<BuildResult> {
        let view = self.view.clone();
        let result = with_session(&self.session, |s| Ok(Job::Initial.run(s, view)))?;
        Ok(result.reported(&env, true))
    }

    /// The same work as `buildInitial()`, off the JS thread.
    #[napi(ts_return_type = "Promise<BuildResult>")]
    pub fn build_initial_async(&self) -> AsyncTask<BuildTask> {
        AsyncTask::new(BuildTask {
            session: self.session.clone(),
            view: self.view.clone(),
            job: Job::Initial,
        })
    }

    /// Incremental build: touches only the files of the change set and what depends on
    /// them. Without a change set, stats every known file and every file the include globs
    /// match now; a file whose size and mtime match its fingerprint is not read.
    #[napi]
    pub fn update(&self, env: Env, change_set: Option<ChangeSet>) -> Result<BuildResult> {
        let job = Job::Update(change_set.map(Into::into));
        let view = self.view.clone();
        let result = with_session(&self.session, |s| Ok(job.run(s, view)))?;
        Ok(result.reported(&env, false))
    }

    /// The same work as `update()`, reported as a plain object without the artifact: for
    /// hosts that update synchronously and only read the report (the Babel plugin and the
    /// runtime, through `lib/registry.cjs`). A `BuildResult` is a wrapped native object, and
    /// Node 20 runs the finalizers of collected wrapped objects only when the event loop
    /// turns, so a long synchronous loop of `update()` (Babel `transformSync` over many
    /// files) holds every result's native memory until it ends; plain objects are freed by
    /// the collector alone.
    #[napi]
    pub fn update_report(&self, change_set: Option<ChangeSet>) -> Result<BuildReport> {
        let changes: Option<fizz_core::ChangeSet> = change_set.map(Into::into);
        let result = with_session(&self.session, |s| Ok(s.update(changes.as_ref())))?;
        Ok(BuildReport::from(&result))
    }

    /// The same work as `update()`, off the JS thread.
    #[napi(ts_return_type = "Promise<BuildResult>")]
    pub fn update_async(&self, change_set: Option<ChangeSet>) -> AsyncTask<BuildTask> {
        AsyncTask::new(BuildTask {
            session: self.session.clone(),
            view: self.view.clone(),
            job: Job::Update(change_set.map(Into::into)),
        })
    }

    /// How to make the current artifact from the one JS holds (token `known`, 0: none).
    /// Internal: `getArtifact()` (lib/artifact-view.cjs) is the public face.
    #[napi(skip_typescript)]
    pub fn artifact_patch(&self, known: u32) -> Result<ArtifactPatch> {
        let artifact = with_session(&self.session, |s| Ok(s.artifact()))?;
        artifact_view::patch(&self.view, &artifact, known)
    }

    /// Waits until the chunks and type files of the builds so far are on disk. A build
    /// returns once it has decided what to write; the files are written by a writer thread
    /// meanwhile (the next build, `persist()` and `dispose()` never see them half-done).
    /// Returns the warnings of writes that failed (`CACHE_WRITE`, `TYPES_WRITE`), which the
    /// next build would report otherwise. Bundler plugins call it when a build ends.
    #[napi]
    pub fn wait_for_writes(&self) -> Result<Vec<Diagnostic>> {
        with_session(&self.session, |s| {
            Ok(s.wait_for_writes().into_iter().map(Into::into).collect())
        })
    }

    /// The current artifact as compact JSON text.
    #[napi]
    pub fn get_artifact_json(&self) -> Result<String> {
        with_session(&self.session, |s| Ok(s.artifact().to_json()))
    }

    /// What the session holds: sizes of its graphs and what a snapshot is validated against.
    #[napi]
    pub fn get_snapshot(&self) -> Result<SessionSnapshot> {
        with_session(&self.session, |s| {
            let summary = s.summary();
            Ok(SessionSnapshot {
                generation: summary.generation,
                files: summary.files,
                definitions: summary.definitions,
                module_adjacency_size: summary.module_adjacency_size,
                definition_adjacency_size: summary.definition_adjacency_size,
                metadata: SnapshotMetadata {
                    analyzer_version: fizz_core::BUILDER_VERSION.to_string(),
                    config_hash: s.config.hash.clone(),
                    schema_hashes: s.schema_hashes().into_iter().collect(),
                },
            })
        })
    }

    /// The file with every successfully built definition call replaced by its element
    /// object, the composer import removed when unused, and a v3 source map; `null` when
    /// the file has no definitions. `code` is the text the bundler holds (default: disk).
    #[napi]
    pub fn transform(
        &self,
        file_path: String,
        code: Option<String>,
    ) -> Result<Option<TransformResult>> {
        with_session(&self.session, |s| {
            Ok(s.transform(&file_path, code.as_deref())
                .map(|o| TransformResult {
                    code: o.code,
                    map: o.map,
                }))
        })
    }

    /// The replacements `transform` would make, in UTF-16 offsets of `code`, for plugins
    /// that edit their own AST (Babel); `null` when the file has no definitions.
    #[napi(ts_return_type = "TransformPlan | null")]
    pub fn transform_plan(
        &self,
        file_path: String,
        code: Option<String>,
    ) -> Result<Option<serde_json::Value>> {
        with_session(&self.session, |s| {
            s.js_plan(&file_path, code.as_deref())
                .map(|p| serde_json::to_value(p).map_err(|e| Error::from_reason(e.to_string())))
                .transpose()
        })
    }

    /// The object the transform writes for a definition, without `options` (the runtime
    /// adds the options it was called with); `null` when the definition is not built.
    #[napi(ts_return_type = "ElementObject | null")]
    pub fn element_object(&self, canonical_id: String) -> Result<Option<serde_json::Value>> {
        with_session(&self.session, |s| Ok(s.element_object(&canonical_id)))
    }

    /// What a bundler's watcher should cover: the config file, the schema files and the
    /// include globs' base folders (absolute paths).
    #[napi(ts_return_type = "WatchTargets")]
    pub fn watch_targets(&self) -> Result<serde_json::Value> {
        with_session(&self.session, |s| {
            serde_json::to_value(s.watch_targets()).map_err(|e| Error::from_reason(e.to_string()))
        })
    }

    /// Whether a change to `path` matters to this session (config, schema, a source file the
    /// globs match or a file it knows), so plugins send only those in change sets.
    #[napi]
    pub fn tracks(&self, path: String) -> Result<bool> {
        // Called for every watcher event and recursing nowhere: no hop to the build pool.
        let mut guard = lock(&self.session)?;
        match guard.as_mut() {
            Some(session) => Ok(session.tracks(&path)),
            None => Err(disposed()),
        }
    }

    /// The folder the session writes its type files into (`types.outDir`, absolute), or
    /// `null` when the config turns types off (`types: false`).
    #[napi]
    pub fn types_out_dir(&self) -> Result<Option<String>> {
        with_session(&self.session, |s| {
            Ok(s.config
                .types
                .as_ref()
                .map(|t| t.out_dir.display().to_string()))
        })
    }

    /// Why something is in the build: a canonical ID's dependencies and dependents, or a
    /// file's definitions, imports and importers; and what the last build that changed
    /// something (possibly in an earlier process, when persisting) re-ran for it.
    #[napi]
    pub fn explain(&self, canonical_id_or_path: String) -> Result<Explanation> {
        with_session(&self.session, |s| {
            Ok(s.explain(&canonical_id_or_path).into())
        })
    }

    /// The module graph and the definition graph. `filter` (a glob matched against
    /// canonical IDs and root-relative paths) keeps the matching definitions and modules
    /// plus everything they depend on; an invalid glob throws.
    #[napi]
    pub fn graph(&self, filter: Option<String>) -> Result<DependencyGraph> {
        let filter = compile_filter(filter.as_deref())?;
        with_session(&self.session, |s| Ok(s.graph(filter.as_ref()).into()))
    }

    /// The graph of `graph(filter)` printed as `"text"` (the default; one line per node)
    /// or `"dot"` (Graphviz).
    #[napi(
        ts_args_type = "format?: 'text' | 'dot' | undefined | null, filter?: string | undefined | null"
    )]
    pub fn render_graph(&self, format: Option<String>, filter: Option<String>) -> Result<String> {
        let filter = compile_filter(filter.as_deref())?;
        let format = format.unwrap_or_else(|| "text".into());
        with_session(&self.session, |s| {
            let graph = s.graph(filter.as_ref());
            match format.as_str() {
                "text" => Ok(graph.to_text()),
                "dot" => Ok(graph.to_dot()),
                other => Err(Error::new(
                    Status::InvalidArg,
                    format!("unknown graph format {other:?} (expected \"text\" or \"dot\")"),
                )),
            }
        })
    }

    /// `result`'s outputs narrowed by `filter` (a glob matched against canonical IDs and
    /// root-relative paths): matching elements plus the fragments they reach, their
    /// diagnostics, and the matching part of the delta. Call it right after the build
    /// that produced `result`. `pretty`: indent the artifact JSON as `artifactJson(true)`.
    #[napi]
    pub fn filter_result(
        &self,
        result: &BuildResult,
        filter: String,
        pretty: Option<bool>,
    ) -> Result<FilteredResult> {
        let filter = GraphFilter::new(&filter).map_err(|m| Error::new(Status::InvalidArg, m))?;
        with_session(&self.session, |s| {
            let filtered = s.filter_build(&filter, result.inner());
            let artifact_json = if pretty.unwrap_or(false) {
                filtered.artifact.to_json_pretty()
            } else {
                filtered.artifact.to_json()
            };
            Ok(FilteredResult {
                artifact_json,
                delta: Delta::from(filtered.delta),
                diagnostics: filtered.diagnostics.into_iter().map(Into::into).collect(),
            })
        })
    }

    /// Watches the session's source folders, schema files and config file (never
    /// `node_modules`, dot folders or the cache dir) with a native watcher, and calls
    /// `onBatch` on the event loop with one coalesced batch per burst of changes — a
    /// `git checkout` of a thousand files is one batch. Pass the batch to
    /// `updateAsync()`. Every folder is watched before this returns.
    #[napi(
        ts_args_type = "onBatch: (batch: WatchBatch) => void, options?: WatchOptions | undefined | null"
    )]
    pub fn watch(
        &self,
        on_batch: Function<WatchBatch, ()>,
        options: Option<WatchOptions>,
    ) -> Result<Watcher> {
        // Starting a watcher recurses nowhere; it stays on this thread with `on_batch`.
        let mut guard = lock(&self.session)?;
        match guard.as_mut() {
            Some(session) => crate::watcher::start(session, on_batch, options),
            None => Err(disposed()),
        }
    }

    /// Writes `session.json` and the chunks now (atomically), whether or not `persist` is on.
    /// Cache trouble never throws: it is returned as `CACHE_WRITE` warnings (empty: saved).
    #[napi]
    pub fn persist(&self) -> Result<Vec<Diagnostic>> {
        with_session(&self.session, |s| Ok(warnings(s.persist_or_warn())))
    }

    /// Persists (when `persist` is on) and frees the session; every later call throws.
    /// Returns the `CACHE_WRITE` warnings of that last persist (empty: saved, or not persisting).
    #[napi]
    pub fn dispose(&self) -> Result<Vec<Diagnostic>> {
        let mut guard = lock(&self.session)?;
        let mut out = Vec::new();
        if let Some(session) = guard.as_mut() {
            out.extend(session.wait_for_writes());
            if session.persists() {
                out.extend(fizz_core::on_build_pool(|| session.persist_or_warn()));
            }
        }
        guard.take();
        artifact_view::clear(&self.view);
        Ok(out.into_iter().map(Into::into).collect())
    }
}

/// Which build a task runs.
pub enum Job {
    Initial,
    Update(Option<fizz_core::ChangeSet>),
}

impl Job {
    fn run(&self, session: &mut Session, view: SharedViewBase) -> BuildResult {
        let result = match self {
            Job::Initial => session.build_initial(),
            Job::Update(changes) => session.update(changes.as_ref()),
        };
        BuildResult::new(result, session.artifact(), view)
    }
}

/// `buildInitialAsync()` / `updateAsync()` on the libuv thread pool.
pub struct BuildTask {
    session: Shared,
    view: SharedViewBase,
    job: Job,
}

impl Task for BuildTask {
    type Output = BuildResult;
    type JsValue = BuildResult;

    fn compute(&mut self) -> Result<Self::Output> {
        let view = self.view.clone();
        with_session(&self.session, |s| Ok(self.job.run(s, view)))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(output.reported(&env, matches!(self.job, Job::Initial)))
    }
}

fn compile_filter(pattern: Option<&str>) -> Result<Option<GraphFilter>> {
    pattern
        .map(|p| GraphFilter::new(p).map_err(|m| Error::new(Status::InvalidArg, m)))
        .transpose()
}

/// Throws (InvalidArg) when `pattern` is not a valid graph filter glob; the CLI checks
/// `--graph-filter` with it before building.
// napi-derive registers exports only outside `cfg(test)`, so unit-test builds see it unused.
#[cfg_attr(test, allow(dead_code))]
#[napi]
pub fn check_graph_filter(pattern: String) -> Result<()> {
    compile_filter(Some(&pattern)).map(|_| ())
}

/// Runs `f` on the session, on the core's build pool: its threads have the large stack the
/// recursive parts of a build need (the JS thread's would overflow on deep input).
fn with_session<T: Send>(
    shared: &Shared,
    f: impl FnOnce(&mut Session) -> Result<T> + Send,
) -> Result<T> {
    let mut guard = lock(shared)?;
    match guard.as_mut() {
        Some(session) => fizz_core::on_build_pool(|| f(session)),
        None => Err(disposed()),
    }
}

fn warnings(warning: Option<fizz_core::Diagnostic>) -> Vec<Diagnostic> {
    warning.into_iter().map(Into::into).collect()
}

fn disposed() -> Error {
    Error::new(Status::GenericFailure, "the BuilderSession was disposed")
}

fn lock(shared: &Shared) -> Result<MutexGuard<'_, Option<Session>>> {
    shared
        .lock()
        .map_err(|_| Error::from_reason("the BuilderSession is poisoned by an earlier panic"))
}

fn resolve_config(options: &SessionOptions) -> std::result::Result<ResolvedConfig, String> {
    let root = options.root.as_deref().map(|r| absolute(Path::new(r)));
    if let Some(config) = &options.config {
        let root = root.unwrap_or_else(|| absolute(Path::new(".")));
        return ResolvedConfig::from_value(config, &root, "config").map_err(|e| e.to_string());
    }
    let path = match &options.config_path {
        Some(path) => absolute(Path::new(path)),
        None => {
            let dir = root.clone().unwrap_or_else(|| absolute(Path::new(".")));
            ResolvedConfig::find_in(&dir)
                .ok_or_else(|| format!("{}: no fizz.config.json found", dir.display()))?
        }
    };
    let native = fizz_core::is_soda_config(&path)
        || matches!(path.extension().and_then(|e| e.to_str()), Some("json"));
    if !native {
        return Err(format!("{}: only JSON configs are read natively; load .mjs/.js configs with `loadConfig` and pass `config`", path.display()));
    }
    let root: Option<PathBuf> = root;
    ResolvedConfig::from_file(&path, root.as_deref()).map_err(|e| e.to_string())
}
