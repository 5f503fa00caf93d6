//! The walk behind discovery, remembered per folder: a folder's mtime changes exactly when
//! an entry is added, removed or renamed in it, so a sweep re-reads only the folders whose
//! mtime moved and otherwise reuses what it found there last time (one `stat` per folder
//! instead of a `readdir` plus a glob match per file).

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use crate::discovery::fingerprint::Stat;

/// What one folder held when it was last read.
#[derive(Clone, Debug, Default)]
struct Folder {
    mtime_ms: f64,
    /// Read so soon after its last change that an entry added in the same mtime tick
    /// could be missing: read again next time.
    racy: bool,
    /// Matching files, root-relative.
    files: Vec<String>,
    subfolders: Vec<PathBuf>,
}

/// Folder → what it held, for every folder of the last walk.
#[derive(Clone, Debug, Default)]
pub struct DirCache {
    folders: FxHashMap<PathBuf, Folder>,
}

/// A folder as a snapshot keeps it: paths relative to the root (a moved project keeps it).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct PersistedFolder {
    pub mtime_ms: f64,
    pub files: Vec<String>,
    pub subfolders: Vec<String>,
}

impl DirCache {
    /// The folders, root-relative, for a snapshot (racy folders are left out: they are read again).
    pub fn persist(&self, root: &Path) -> std::collections::BTreeMap<String, PersistedFolder> {
        let rel = |p: &Path| crate::config::relative(root, p);
        self.folders
            .iter()
            .filter(|(_, f)| !f.racy)
            .map(|(dir, f)| {
                (
                    rel(dir),
                    PersistedFolder {
                        mtime_ms: f.mtime_ms,
                        files: f.files.clone(),
                        subfolders: f.subfolders.iter().map(|s| rel(s)).collect(),
                    },
                )
            })
            .collect()
    }

    /// The cache a snapshot kept.
    pub fn restore(
        root: &Path,
        folders: std::collections::BTreeMap<String, PersistedFolder>,
    ) -> Self {
        let abs = |p: &str| {
            if p.is_empty() {
                root.to_path_buf()
            } else {
                root.join(p)
            }
        };
        let folders = folders
            .into_iter()
            .map(|(dir, f)| {
                (
                    abs(&dir),
                    Folder {
                        mtime_ms: f.mtime_ms,
                        racy: false,
                        files: f.files,
                        subfolders: f.subfolders.iter().map(|s| abs(s)).collect(),
                    },
                )
            })
            .collect();
        Self { folders }
    }
}

/// How a walk decides what to enter and what to keep.
pub trait WalkRules {
    /// Whether to enter a folder with this name.
    fn enter(&self, name: &str) -> bool;
    /// The root-relative path of a file if it is a source of the build.
    fn keep(&self, path: &Path) -> Option<String>;
}

const RACY_WINDOW_MS: f64 = 50.0;

impl DirCache {
    /// Every kept file under `base`, reusing folders whose mtime did not change.
    fn walk(
        &mut self,
        base: &Path,
        rules: &impl WalkRules,
        files: &mut Vec<String>,
        seen: &mut FxHashMap<PathBuf, Folder>,
    ) {
        let mut stack = vec![base.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let Ok(stat) = Stat::of(&dir) else { continue };
            let folder = match self.folders.remove(&dir) {
                Some(folder) if !folder.racy && folder.mtime_ms == stat.mtime_ms => folder,
                _ => read_folder(&dir, stat.mtime_ms, rules),
            };
            files.extend(folder.files.iter().cloned());
            stack.extend(folder.subfolders.iter().cloned());
            seen.insert(dir, folder);
        }
    }

    /// Walks every base and keeps only the folders seen (the rest are gone).
    pub fn walk_all(&mut self, bases: &[PathBuf], rules: &impl WalkRules) -> Vec<String> {
        let mut files = Vec::new();
        let mut seen = FxHashMap::default();
        for base in bases {
            self.walk(base, rules, &mut files, &mut seen);
        }
        self.folders = seen;
        files.sort_unstable();
        files.dedup();
        files
    }
}

fn read_folder(dir: &Path, mtime_ms: f64, rules: &impl WalkRules) -> Folder {
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0);
    let mut folder = Folder {
        mtime_ms,
        racy: now_ms - mtime_ms < RACY_WINDOW_MS,
        ..Folder::default()
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return folder;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(mut file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_symlink() {
            match std::fs::metadata(&path) {
                Ok(meta) => file_type = meta.file_type(),
                Err(_) => continue,
            }
        }
        if file_type.is_dir() {
            if rules.enter(&entry.file_name().to_string_lossy()) {
                folder.subfolders.push(path);
            }
        } else if let Some(relative) = rules.keep(&path) {
            folder.files.push(relative);
        }
    }
    folder.subfolders.sort();
    folder
}
