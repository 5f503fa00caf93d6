//! `session.watch(onBatch)`: the core's native file watcher, delivering one coalesced
//! batch per burst to a JS callback on the event loop (a threadsafe function), so the
//! JS thread is never blocked waiting for file events.

use fizz_core::{FileWatcher, WatchOptions as CoreOptions};
use napi::bindgen_prelude::*;
use napi::threadsafe_function::ThreadsafeFunctionCallMode;
use napi_derive::napi;
use std::time::Duration;

use crate::js_types::{WatchBatch, WatchOptions};

/// A running native file watcher (`session.watch(onBatch)`). While it runs it keeps the
/// process alive; `close()` stops it.
#[napi]
pub struct Watcher {
    inner: Option<FileWatcher>,
}

#[napi]
impl Watcher {
    /// Stops watching and frees the callback. A batch already queued on the event loop
    /// may still be delivered once. Idempotent.
    #[napi]
    pub fn close(&mut self) {
        if let Some(mut watcher) = self.inner.take() {
            watcher.stop();
        }
    }

    /// Whether the watcher still runs.
    #[napi(getter)]
    pub fn running(&self) -> bool {
        self.inner.is_some()
    }
}

/// Starts a watcher for `session` whose batches are delivered to `on_batch`.
pub fn start(
    session: &fizz_core::Session,
    on_batch: Function<WatchBatch, ()>,
    options: Option<WatchOptions>,
) -> Result<Watcher> {
    let callback = on_batch
        .build_threadsafe_function::<WatchBatch>()
        .callee_handled::<false>()
        .build()?;
    let options = core_options(options);
    let watcher = FileWatcher::for_session(session, options, move |batch| {
        // Non-blocking: the watcher thread never waits for the JS thread.
        callback.call(batch.into(), ThreadsafeFunctionCallMode::NonBlocking);
    })
    .map_err(Error::from_reason)?;
    Ok(Watcher {
        inner: Some(watcher),
    })
}

fn core_options(options: Option<WatchOptions>) -> CoreOptions {
    let defaults = CoreOptions::default();
    let Some(options) = options else {
        return defaults;
    };
    let ms = |value: Option<u32>, default: Duration| {
        value.map_or(default, |v| Duration::from_millis(u64::from(v)))
    };
    CoreOptions {
        quiet: ms(options.quiet_ms, defaults.quiet),
        burst_quiet: ms(options.burst_quiet_ms, defaults.burst_quiet),
        max_wait: ms(options.max_wait_ms, defaults.max_wait),
    }
}
