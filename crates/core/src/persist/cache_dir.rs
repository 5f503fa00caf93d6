//! The cache folder (`cacheDir`, docs/reference/artifact.md §4) and its layout: the only
//! code that builds paths inside it. It holds `session.json`, `modules/<chunkId>.mjs`, and
//! transient `.<name>.<pid>.<n>.tmp` files while a write is in flight.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

const SNAPSHOT_FILE: &str = "session.json";
const MODULES_DIR: &str = "modules";
const CHUNK_EXTENSION: &str = ".mjs";

/// Numbers every temporary file of this process, so two writes of one file (two sessions
/// on one cache dir in one process) never share a temporary name.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A session's cache folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CacheDir {
    path: PathBuf,
}

impl CacheDir {
    /// The cache folder at `path` (absolute; nothing is created until a write).
    pub fn new(path: PathBuf) -> Self {
        Self { path }
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

    /// Creates the folder of the chunks (and the cache folder).
    pub fn create_modules_dir(&self) -> std::io::Result<()> {
        std::fs::create_dir_all(self.modules_dir())
    }

    /// Writes `bytes` to a temporary file beside `path`, then renames it over `path`, so a
    /// reader never sees half a file.
    pub fn write_atomically(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        write_atomically(path, bytes)
    }

    /// Removes `path` if it is there.
    pub fn remove(&self, path: &Path) -> std::io::Result<()> {
        match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Removes the snapshot and every chunk: what a snapshot that must not be trusted leaves.
    pub fn discard(&self) {
        let _ = std::fs::remove_file(self.snapshot_file());
        let _ = std::fs::remove_dir_all(self.modules_dir());
    }
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
    fn temporary_names_differ_per_write() {
        let path = Path::new("/p/cache/session.json");
        assert_ne!(temp_file(path), temp_file(path));
    }
}
