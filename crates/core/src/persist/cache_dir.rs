//! The cache folder (`cacheDir`, docs/reference/artifact.md §4) and its layout: the only
//! code that builds paths inside it. It holds `session.json`, `modules/<chunkId>.mjs`, and
//! transient `.<name>.<pid>.<session>.<n>.tmp` files while a write is in flight.
//!
//! The folder is the builder's own, and anything in it may be damaged: a file that is not a
//! regular file (a folder, a FIFO, a symlink to `/dev/zero`) is refused at once when read
//! (never followed, never waited on) and replaced when written.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

const SNAPSHOT_FILE: &str = "session.json";
const MODULES_DIR: &str = "modules";
const CHUNK_EXTENSION: &str = ".mjs";

/// Numbers every temporary file of this process, so two writes of one file (two sessions
/// on one cache dir in one process) never share a temporary name.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Numbers the `CacheDir`s of this process (the session part of temporary names).
static SESSION_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A temporary file older than this is left over from a killed write, whatever its pid.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// A session's cache folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CacheDir {
    path: PathBuf,
    /// This session's number in the process, part of every temporary name.
    session: u64,
}

impl CacheDir {
    /// The cache folder at `path` (absolute; nothing is created until a write).
    pub fn new(path: PathBuf) -> Self {
        let session = SESSION_COUNTER.fetch_add(1, Ordering::Relaxed);
        Self { path, session }
    }

    /// The folder itself.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether `path` lies inside the cache folder (watchers and walks ignore it).
    pub fn contains(&self, path: &Path) -> bool {
        path.starts_with(&self.path)
    }

    /// `session.json`.
    pub fn snapshot_file(&self) -> PathBuf {
        self.path.join(SNAPSHOT_FILE)
    }

    /// The folder of the per-file chunks.
    pub fn modules_dir(&self) -> PathBuf {
        self.path.join(MODULES_DIR)
    }

    /// The chunk file of a chunk ID.
    pub fn chunk_file(&self, chunk_id: &str) -> PathBuf {
        self.modules_dir()
            .join(format!("{chunk_id}{CHUNK_EXTENSION}"))
    }

    /// The chunk ID a file name of `modules/` stands for, when it is a chunk.
    pub fn chunk_id_of(file_name: &str) -> Option<&str> {
        file_name
            .strip_suffix(CHUNK_EXTENSION)
            .filter(|id| !id.starts_with('.'))
    }

    /// Creates the folder of the chunks (and the cache folder); something else where a
    /// folder must be (a file named `modules`) is removed first.
    pub fn create_modules_dir(&self) -> std::io::Result<()> {
        self.create_dir(&self.modules_dir())
    }

    fn create_dir(&self, dir: &Path) -> std::io::Result<()> {
        if std::fs::create_dir_all(dir).is_ok() {
            return Ok(());
        }
        // Only inside the cache folder is anything in the way removed.
        let mut at = dir;
        while self.contains(at) {
            if std::fs::symlink_metadata(at).is_ok_and(|m| !m.is_dir()) {
                clear(at)?;
            }
            match at.parent() {
                Some(parent) => at = parent,
                None => break,
            }
        }
        std::fs::create_dir_all(dir)
    }

    /// Reads a file of the cache folder, refusing at once anything that is not a regular
    /// file: a FIFO would block the open or read, `/dev/zero` would never end, a folder
    /// errors only later. Symlinks are not followed.
    pub fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        use std::io::Read;
        use std::os::unix::fs::OpenOptionsExt;
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
            .open(path)
            .map_err(|e| match e.raw_os_error() {
                Some(libc::ELOOP) => not_regular(path),
                _ => e,
            })?;
        let metadata = file.metadata()?;
        if !metadata.is_file() {
            return Err(not_regular(path));
        }
        let mut bytes = Vec::with_capacity(metadata.len() as usize);
        file.read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    /// Whether `path` is a regular file (not followed when it is a symlink).
    pub fn is_regular(&self, path: &Path) -> bool {
        std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
    }

    /// Writes `bytes` to a temporary file beside `path`, then renames it over `path`, so a
    /// reader never sees half a file. A folder where the file must be is removed first.
    pub fn write_atomically(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        if let Some(parent) = path.parent() {
            self.create_dir(parent)?;
        }
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) && self.contains(path) {
            clear(path)?;
        }
        let temp = self.temp_file(path);
        std::fs::write(&temp, bytes)?;
        std::fs::rename(&temp, path).inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })
    }

    /// Removes temporary files a killed write left behind, in the cache folder and in
    /// `modules/`: those of processes that no longer run, and any older than a minute (a
    /// write takes milliseconds). Another live process's write in flight is left alone.
    pub fn remove_stale_temp_files(&self) {
        for dir in [self.path.clone(), self.modules_dir()] {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().to_string();
                let Some(pid) = temp_file_pid(&name) else {
                    continue;
                };
                let old = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > STALE_TEMP_AGE);
                let dead = pid != std::process::id() && !process_runs(pid);
                if old || dead {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
    }

    fn temp_file(&self, path: &Path) -> PathBuf {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let pid = std::process::id();
        path.with_file_name(format!(".{name}.{pid}.{}.{n}.tmp", self.session))
    }

    /// Removes `path` if it is there.
    pub fn remove(&self, path: &Path) -> std::io::Result<()> {
        match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Removes the snapshot and every chunk (whatever kind of file is in their place):
    /// what a snapshot that must not be trusted leaves.
    pub fn discard(&self) {
        let _ = clear(&self.snapshot_file());
        let _ = clear(&self.modules_dir());
    }
}

/// Removes `path` whatever it is (a folder with its contents; a symlink, not its target).
fn clear(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

fn not_regular(path: &Path) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("{} is not a regular file", path.display()),
    )
}

/// The pid in a temporary file name `.<name>.<pid>.<session>.<n>.tmp` (older builders wrote
/// `.<name>.<pid>.<n>.tmp` and `.<name>.<pid>.tmp`: the first number after the name).
fn temp_file_pid(file_name: &str) -> Option<u32> {
    let inner = file_name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let mut parts = inner.split('.').rev();
    let numbers: Vec<&str> = parts
        .by_ref()
        .take_while(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    numbers.last()?.parse().ok()
}

/// Whether a process with this pid runs (Linux: `/proc/<pid>`; elsewhere assume it does,
/// and let age decide).
fn process_runs(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

/// Writes `bytes` to a temporary file beside `path` (a unique name), then renames it over
/// `path`: a reader never sees half a file. Also what the type files are written with.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let temp = temp_file(path);
    std::fs::write(&temp, bytes)?;
    std::fs::rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

fn temp_file(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.{}.{n}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout() {
        let cache = CacheDir::new(PathBuf::from("/p/cache"));
        assert_eq!(
            cache.snapshot_file(),
            PathBuf::from("/p/cache/session.json")
        );
        assert_eq!(
            cache.chunk_file("ab"),
            PathBuf::from("/p/cache/modules/ab.mjs")
        );
        assert_eq!(CacheDir::chunk_id_of("ab.mjs"), Some("ab"));
        assert_eq!(CacheDir::chunk_id_of(".ab.mjs.1.2.tmp"), None);
        assert!(cache.contains(Path::new("/p/cache/modules/ab.mjs")));
        assert!(!cache.contains(Path::new("/p/cachet")));
    }

    #[test]
    fn temporary_names_differ_per_write_and_session() {
        let path = Path::new("/p/cache/session.json");
        let (a, b) = (
            CacheDir::new(PathBuf::from("/p/cache")),
            CacheDir::new(PathBuf::from("/p/cache")),
        );
        assert_ne!(a.temp_file(path), a.temp_file(path));
        let name = |p: PathBuf| p.file_name().unwrap().to_string_lossy().to_string();
        let (from_a, from_b) = (name(a.temp_file(path)), name(b.temp_file(path)));
        assert_ne!(from_a, from_b);
        assert_eq!(temp_file_pid(&from_a), Some(std::process::id()));
        assert_eq!(temp_file_pid(".ab.mjs.77.tmp"), Some(77));
        assert_eq!(temp_file_pid(".ab.mjs.77.3.tmp"), Some(77));
        assert_eq!(temp_file_pid("ab.mjs"), None);
    }
}
