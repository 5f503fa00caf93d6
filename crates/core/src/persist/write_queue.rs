//! File writes off the build's path: chunks and type files. A build renders and compares
//! them (that decides what it reports as written) and hands the changed bytes to one writer
//! thread, which writes them (temporary file, then rename) while the caller goes on. Nothing
//! in a session reads these files back, so it waits for the writes only where that matters:
//! before a snapshot names them, when asked (`waitForWrites()`), and when it is dropped.
//! Writes are done in the order they were queued, so a later build's bytes win. A write
//! that failed comes back from [`WriteQueue::failures`] or [`WriteQueue::wait`], and the
//! session reports it in its next result and writes the file again.

use std::path::PathBuf;
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;

use crate::persist::cache_dir::{write_atomically, CacheDir};

/// Which file a write is: what a failure is reported against and forgotten in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteOwner {
    /// The chunk of a source file.
    Chunk(String),
    /// The type file of a source file.
    TypeFile(String),
    /// The type folder's index.
    TypeIndex,
}

/// One file to write.
pub struct FileWrite {
    /// What the file is (what a failure is reported against).
    pub owner: WriteOwner,
    /// Where it goes.
    pub path: PathBuf,
    /// Its whole content.
    pub bytes: String,
    /// Not there when the build looked: created in one write where no file has appeared
    /// since (no reader can hold an older version), else replaced atomically.
    pub create: bool,
}

/// A write that failed on the writer thread.
#[derive(Debug)]
pub struct FailedWrite {
    /// What the file is.
    pub owner: WriteOwner,
    /// Where it was to go.
    pub path: PathBuf,
    /// Why it could not be written.
    pub error: std::io::Error,
}

/// Files queued at most before a build waits for the writer (a cold 50k build queues about
/// 10,000 chunks and type files).
pub const MAX_PENDING: usize = 20_000;

#[derive(Default)]
struct Progress {
    pending: usize,
    failed: Vec<FailedWrite>,
}

#[derive(Default)]
struct Shared {
    progress: Mutex<Progress>,
    idle: Condvar,
}

/// The writer thread of one session, started on first use.
pub struct WriteQueue {
    cache: CacheDir,
    shared: Arc<Shared>,
    sender: Option<Sender<FileWrite>>,
    worker: Option<JoinHandle<()>>,
}

impl WriteQueue {
    /// A queue for a session whose chunks live in `cache`; no thread runs until a write comes.
    pub fn new(cache: CacheDir) -> Self {
        Self {
            cache,
            shared: Arc::default(),
            sender: None,
            worker: None,
        }
    }

    /// Queues `writes`; they are written in order, after every write queued before.
    pub fn submit(&mut self, writes: Vec<FileWrite>) {
        if writes.is_empty() {
            return;
        }
        lock(&self.shared).pending += writes.len();
        let mut writes = writes.into_iter();
        while let Some(write) = writes.next() {
            let Some(sender) = self.sender() else {
                // No thread (the system refused one): write here, as before there was a queue.
                for write in std::iter::once(write).chain(writes.by_ref()) {
                    finish(&self.shared, &self.cache, write);
                }
                return;
            };
            if let Err(unsent) = sender.send(write) {
                self.sender = None;
                finish(&self.shared, &self.cache, unsent.0);
            }
        }
    }

    /// The writes that failed since the last call, without waiting for those in flight.
    /// With more than [`MAX_PENDING`] files still queued, waits until they are written: a
    /// burst of builds faster than the disk must not queue without end.
    pub fn failures(&mut self) -> Vec<FailedWrite> {
        if lock(&self.shared).pending > MAX_PENDING {
            return self.wait();
        }
        std::mem::take(&mut lock(&self.shared).failed)
    }

    /// Waits until every queued write is done; returns the ones that failed since the last call.
    pub fn wait(&mut self) -> Vec<FailedWrite> {
        let mut progress = lock(&self.shared);
        while progress.pending > 0 {
            progress = self
                .shared
                .idle
                .wait(progress)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        std::mem::take(&mut progress.failed)
    }

    /// The channel to the writer thread, started now if it is not running.
    fn sender(&mut self) -> Option<&Sender<FileWrite>> {
        if self.sender.is_none() {
            let (sender, receiver) = channel::<FileWrite>();
            let shared = Arc::clone(&self.shared);
            let cache = self.cache.clone();
            let worker = std::thread::Builder::new()
                .name("fizz-chunk-writer".to_string())
                .spawn(move || {
                    for write in receiver {
                        finish(&shared, &cache, write);
                    }
                })
                .ok()?;
            self.sender = Some(sender);
            self.worker = Some(worker);
        }
        self.sender.as_ref()
    }
}

impl Drop for WriteQueue {
    /// Closes the channel and joins the thread: a dropped session's chunks are on disk.
    fn drop(&mut self) {
        self.sender = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// Writes one file and counts it done.
fn finish(shared: &Shared, cache: &CacheDir, write: FileWrite) {
    let outcome = write_file(cache, &write);
    let mut progress = lock(shared);
    if let Err(error) = outcome {
        progress.failed.push(FailedWrite {
            owner: write.owner,
            path: write.path,
            error,
        });
    }
    progress.pending -= 1;
    if progress.pending == 0 {
        shared.idle.notify_all();
    }
}

/// Writes `write` now: chunks through the cache folder (which replaces what is not a
/// regular file), type files into their folder.
pub fn write_file(cache: &CacheDir, write: &FileWrite) -> std::io::Result<()> {
    let bytes = write.bytes.as_bytes();
    match write.owner {
        WriteOwner::Chunk(_) => cache.write_atomically(&write.path, bytes),
        WriteOwner::TypeFile(_) | WriteOwner::TypeIndex => {
            if write.create && create_new(&write.path, bytes)? {
                return Ok(());
            }
            write_atomically(&write.path, bytes)
        }
    }
}

/// Creates `path` with `bytes` when it does not exist; `false` when it does.
fn create_new(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<bool> {
    use std::io::Write;
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut file) => file.write_all(bytes).map(|_| true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

fn lock(shared: &Shared) -> std::sync::MutexGuard<'_, Progress> {
    shared
        .progress
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
