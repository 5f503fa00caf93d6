//! `BuildResult`: what `buildInitial()` / `update()` return. The artifact is made a JS object
//! only when `artifact` is first read, by `lib/artifact-view.cjs` from [`BuildResult::artifact_patch`].

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::artifact_view::{self, ArtifactPatch, SharedViewBase};
use crate::js_types::{BuildStats, Delta, Diagnostic};

/// The result of one build (docs/reference/api.md §2).
#[napi(custom_finalize)]
pub struct BuildResult {
    inner: fizz_core::BuildResult,
    artifact: fizz_core::Artifact,
    /// The artifact JS last made for this result's session.
    view: SharedViewBase,
    /// Native memory this result keeps alive, as reported to V8.
    external_bytes: i64,
}

/// A rough size of an element held by a result (text, document, keys).
const BYTES_PER_ELEMENT: i64 = 4096;

impl BuildResult {
    pub fn new(
        inner: fizz_core::BuildResult,
        artifact: fizz_core::Artifact,
        view: SharedViewBase,
    ) -> Self {
        Self {
            inner,
            artifact,
            view,
            external_bytes: 0,
        }
    }

    /// Tells V8 how much native memory this result holds: a result keeps its artifact
    /// alive, and without this V8 sees a tiny object and may never collect a loop's worth
    /// of them.
    pub fn reported(mut self, env: &Env, first_build: bool) -> Self {
        // An update shares all but its changed elements with the session and earlier
        // results: only what it added or changed is new. A first build owns everything.
        let delta = &self.inner.delta;
        let owned = if first_build {
            self.artifact.elements.len()
        } else {
            delta.added.len() + delta.updated.len()
        };
        if owned == 0 {
            return self;
        }
        let bytes = owned as i64 * BYTES_PER_ELEMENT;
        if env.adjust_external_memory(bytes).is_ok() {
            self.external_bytes = bytes;
        }
        self
    }

    pub fn inner(&self) -> &fizz_core::BuildResult {
        &self.inner
    }
}

#[napi]
impl BuildResult {
    /// +1 per build that changed anything.
    #[napi(getter)]
    pub fn generation(&self) -> u32 {
        self.inner.generation
    }

    /// Canonical IDs added, updated and removed by this build.
    #[napi(getter)]
    pub fn delta(&self) -> Delta {
        self.inner.delta.clone().into()
    }

    /// Source files whose transform output changed: what HMR must reload.
    #[napi(getter)]
    pub fn affected_files(&self) -> Vec<String> {
        self.inner.affected_files.clone()
    }

    /// The artifact's diagnostics plus what happened in this build only.
    #[napi(getter)]
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.inner
            .diagnostics
            .iter()
            .cloned()
            .map(Diagnostic::from)
            .collect()
    }

    /// Counters and per-phase milliseconds.
    #[napi(getter)]
    pub fn stats(&self) -> BuildStats {
        self.inner.stats.clone().into()
    }

    /// How to make this build's artifact from the one JS holds for the session (token
    /// `known`, 0: none). Internal: `artifact` (lib/artifact-view.cjs) is the public face.
    #[napi(skip_typescript)]
    pub fn artifact_patch(&self, known: u32) -> Result<ArtifactPatch> {
        artifact_view::patch(&self.view, &self.artifact, known)
    }

    /// The artifact as JSON text, cheaper than `artifact` when it is only written out:
    /// compact, or indented by two spaces with `pretty` (as `JSON.stringify(a, null, 2)`).
    #[napi]
    pub fn artifact_json(&self, pretty: Option<bool>) -> String {
        if pretty.unwrap_or(false) {
            self.artifact.to_json_pretty()
        } else {
            self.artifact.to_json()
        }
    }
}

/// What `updateReport()` returns: a build's report as a plain object, without the artifact.
#[napi(object)]
pub struct BuildReport {
    /// +1 per build that changed anything.
    pub generation: u32,
    /// Canonical IDs added, updated and removed by this build.
    pub delta: Delta,
    /// Source files whose transform output changed: what HMR must reload.
    pub affected_files: Vec<String>,
    /// The artifact's diagnostics plus what happened in this build only.
    pub diagnostics: Vec<Diagnostic>,
    /// Counters and per-phase milliseconds.
    pub stats: BuildStats,
}

impl From<&fizz_core::BuildResult> for BuildReport {
    fn from(result: &fizz_core::BuildResult) -> Self {
        BuildReport {
            generation: result.generation,
            delta: result.delta.clone().into(),
            affected_files: result.affected_files.clone(),
            diagnostics: result
                .diagnostics
                .iter()
                .cloned()
                .map(Diagnostic::from)
                .collect(),
            stats: result.stats.clone().into(),
        }
    }
}

impl ObjectFinalize for BuildResult {
    fn finalize(self, env: Env) -> Result<()> {
        env.adjust_external_memory(-self.external_bytes)?;
        Ok(())
    }
}
