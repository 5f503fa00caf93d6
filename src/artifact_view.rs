//! What the JS side needs to keep one artifact object per build without rebuilding it: the
//! difference between the artifact JS last materialized for a session (its *view base*) and
//! the one asked for. `lib/artifact-view.cjs` applies it to a persistent element tree, so an
//! artifact read after a one-element update parses one element and shares the others.
//!
//! The base is per session and shared with every result of that session: a result read
//! after another of the same session is patched from it, whichever order they are read in.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use fizz_core::Artifact;
use napi::bindgen_prelude::*;
use napi_derive::napi;

/// The artifact JS holds for one session, and the token JS knows it by.
#[derive(Default)]
pub struct ViewBase {
    token: u32,
    artifact: Option<Artifact>,
}

/// A session's view base, shared with its results.
pub type SharedViewBase = Arc<Mutex<ViewBase>>;

/// Tokens are unique in the process, so a token of one session never names another's base.
static NEXT_TOKEN: AtomicU32 = AtomicU32::new(1);

/// Internal (lib/artifact-view.cjs): how to turn the artifact JS holds (token `base`) into
/// the one asked for (token `token`).
#[napi(object)]
pub struct ArtifactPatch {
    /// The token of the artifact this patch produces.
    pub token: u32,
    /// The token of the artifact it applies to; 0 when it is the whole artifact.
    pub base: u32,
    /// The artifact is the base itself: JS may hand back the object it already made.
    pub same: bool,
    /// The artifact's format version.
    pub version: u32,
    /// JSON text of an array of the elements added or changed, in ID order.
    pub upserts: String,
    /// IDs of the elements the base has and this artifact does not.
    pub removed: Vec<String>,
    /// JSON text of the diagnostics, or null when they are the base's own array.
    pub diagnostics: Option<String>,
    /// JSON text of the report.
    pub report: String,
}

/// The patch from the base to `artifact`, which becomes the new base. `known` is the token
/// of the base JS still holds (0: none): any other base is ignored and the patch is whole.
pub fn patch(view: &SharedViewBase, artifact: &Artifact, known: u32) -> Result<ArtifactPatch> {
    let mut base = view
        .lock()
        .map_err(|_| Error::from_reason("the artifact view is poisoned by an earlier panic"))?;
    let from = match &base.artifact {
        Some(held) if known != 0 && known == base.token => Some(held),
        _ => None,
    };
    let report = to_json(&artifact.report)?;
    if let Some(held) = from {
        if held.is_same(artifact) {
            return Ok(ArtifactPatch {
                token: base.token,
                base: base.token,
                same: true,
                version: artifact.version,
                upserts: "[]".to_string(),
                removed: Vec::new(),
                diagnostics: None,
                report,
            });
        }
    }
    let (upserts, removed) = match from {
        Some(held) => {
            let changes = artifact.changes_since(held);
            let removed = changes.removed.into_iter().cloned().collect();
            (to_json(&changes.upserts)?, removed)
        }
        None => (
            to_json(&artifact.elements.values().collect::<Vec<_>>())?,
            Vec::new(),
        ),
    };
    let diagnostics = match from {
        Some(held) if Arc::ptr_eq(&held.diagnostics, &artifact.diagnostics) => None,
        _ => Some(to_json(&*artifact.diagnostics)?),
    };
    let patch = ArtifactPatch {
        token: NEXT_TOKEN.fetch_add(1, Ordering::Relaxed),
        base: if from.is_some() { base.token } else { 0 },
        same: false,
        version: artifact.version,
        upserts,
        removed,
        diagnostics,
        report,
    };
    *base = ViewBase {
        token: patch.token,
        artifact: Some(artifact.clone()),
    };
    Ok(patch)
}

/// Forgets the base (the session is disposed): nothing more is patched from it.
pub fn clear(view: &SharedViewBase) {
    if let Ok(mut base) = view.lock() {
        *base = ViewBase::default();
    }
}

fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::from_reason(e.to_string()))
}
