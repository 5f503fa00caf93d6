//! `BuildResult`: what `buildInitial()` / `update()` return. The artifact is converted to
//! a JS object only when `artifact` is first read.

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::js_types::{BuildStats, Delta, Diagnostic};

/// The result of one build (api.md §2).
#[napi]
pub struct BuildResult {
    inner: fizz_core::build_result::BuildResult,
    artifact: fizz_core::artifact::Artifact,
}

impl BuildResult {
    pub fn new(
        inner: fizz_core::build_result::BuildResult,
        artifact: fizz_core::artifact::Artifact,
    ) -> Self {
        Self { inner, artifact }
    }

    pub fn inner(&self) -> &fizz_core::build_result::BuildResult {
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

    /// The artifact as of this build (artifact.md §1), produced on first access.
    #[napi(getter, ts_return_type = "Artifact")]
    pub fn artifact(&self) -> Result<serde_json::Value> {
        serde_json::to_value(&self.artifact).map_err(|e| Error::from_reason(e.to_string()))
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
