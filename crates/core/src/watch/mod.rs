//! The native file watcher behind `fizz build --watch`: `notify` (inotify on Linux) watches
//! the folders of the scope; a thread of its own coalesces events into one [`WatchBatch`]
//! per burst (see [`debounce`]) and hands it to a callback, which feeds it to
//! `Session::update` as a change set.
//!
//! Folders are watched one by one (not with notify's recursive mode) so that
//! `node_modules`, dot folders and the cache dir are never watched at all.

pub mod debounce;
pub mod scope;
pub mod tree;

use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Instant;

use notify::{RecursiveMode, Watcher};

pub use debounce::{Debouncer, WatchOptions};
pub use scope::WatchScope;
pub use tree::{Tree, WatchBatch};

use crate::session::Session;

enum Message {
    Event(notify::Result<notify::Event>),
    Stop,
}

/// A running watcher; stops when [`FileWatcher::stop`] is called or it is dropped.
pub struct FileWatcher {
    control: mpsc::Sender<Message>,
    thread: Option<JoinHandle<()>>,
}

impl FileWatcher {
    /// Starts watching: every folder of the scope is watched before this returns, so any
    /// change made afterwards reaches `on_batch`. `on_batch` runs on the watcher's thread.
    pub fn start<F>(scope: WatchScope, options: WatchOptions, on_batch: F) -> Result<Self, String>
    where
        F: FnMut(WatchBatch) + Send + 'static,
    {
        let (control, messages) = mpsc::channel();
        let events = control.clone();
        let mut watcher = notify::recommended_watcher(move |event| {
            // The receiver is gone only once the watcher stopped.
            let _ = events.send(Message::Event(event));
        })
        .map_err(|e| format!("cannot start the file watcher: {e}"))?;
        let tree = Tree::new(scope, &mut |dir| watch_dir(&mut watcher, dir))?;
        let thread = std::thread::Builder::new()
            .name("fizz-watch".into())
            .spawn(move || run(watcher, tree, messages, options, on_batch))
            .map_err(|e| format!("cannot start the watcher thread: {e}"))?;
        Ok(Self {
            control,
            thread: Some(thread),
        })
    }

    /// Starts watching what `session` builds from.
    pub fn for_session<F>(
        session: &Session,
        options: WatchOptions,
        on_batch: F,
    ) -> Result<Self, String>
    where
        F: FnMut(WatchBatch) + Send + 'static,
    {
        let scope = WatchScope::new(&session.config, session.discovery.clone());
        Self::start(scope, options, on_batch)
    }

    /// Stops the watcher and waits for its thread; a burst in progress is dropped (the
    /// next sweep or restore finds those changes). Idempotent.
    pub fn stop(&mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = self.control.send(Message::Stop);
            let _ = thread.join();
        }
    }
}

impl Drop for FileWatcher {
    fn drop(&mut self) {
        self.stop();
    }
}

fn watch_dir(watcher: &mut impl Watcher, dir: &std::path::Path) -> Result<(), String> {
    match watcher.watch(dir, RecursiveMode::NonRecursive) {
        Ok(()) => Ok(()),
        // Gone between listing and watching: its removal is an event of its parent.
        Err(e) if matches!(e.kind, notify::ErrorKind::PathNotFound) => Ok(()),
        Err(e) if matches!(e.kind, notify::ErrorKind::MaxFilesWatch) => Err(format!(
            "cannot watch {}: the system's limit of watched folders is reached (raise fs.inotify.max_user_watches)",
            dir.display()
        )),
        Err(e) => Err(format!("cannot watch {}: {e}", dir.display())),
    }
}

fn run<W: Watcher>(
    mut watcher: W,
    mut tree: Tree,
    messages: mpsc::Receiver<Message>,
    options: WatchOptions,
    mut on_batch: impl FnMut(WatchBatch),
) {
    let mut debounce = Debouncer::new(options);
    loop {
        let message = match debounce.deadline() {
            None => messages.recv().ok(),
            // Checked before waiting: under a steady stream of events `recv_timeout`
            // would always find a message and never time out.
            Some(deadline) if Instant::now() >= deadline => {
                flush(&mut tree, &mut debounce, &mut on_batch);
                continue;
            }
            Some(deadline) => match messages.recv_timeout(deadline - Instant::now()) {
                Ok(message) => Some(message),
                Err(RecvTimeoutError::Timeout) => {
                    flush(&mut tree, &mut debounce, &mut on_batch);
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => None,
            },
        };
        match message {
            None | Some(Message::Stop) => return,
            Some(Message::Event(Ok(event))) => {
                if tree.absorb(&event, &mut |dir| watch_dir(&mut watcher, dir)) {
                    debounce.note(Instant::now(), tree.touched());
                }
            }
            Some(Message::Event(Err(error))) => {
                tree.lost_events(format!("the file watcher reported: {error}"));
                debounce.note(Instant::now(), tree.touched());
            }
        }
    }
}

fn flush(tree: &mut Tree, debounce: &mut Debouncer, on_batch: &mut impl FnMut(WatchBatch)) {
    debounce.reset();
    let batch = tree.take_batch();
    if !batch.is_empty() {
        on_batch(batch);
    }
}
