//! The walk behind discovery, remembered per folder: a folder's mtime changes exactly when
//! an entry is added, removed or renamed in it, so a sweep re-reads only the folders whose
//! mtime moved and otherwise reuses what it found there last time (one `stat` per folder
//! instead of a `readdir` plus a glob match per file).
//!
//! Symlinks: the walk keeps a set of the real paths of the folders it walked, so a link
//! back into the tree (`src/loop -> ../src`, `src/l1 -> .`) is never walked again, and a
//! linked folder is walked after every real folder (a file reachable both ways keeps its
//! real name). A link whose real path is outside the root (and outside `allowOutsideRoot`)
//! is not followed, file or folder: it is *refused*, a `SYMLINK_OUTSIDE_ROOT` warning.

use std::path::{Path, PathBuf};

use rustc_hash::{FxHashMap, FxHashSet};

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
    /// Symlinked subfolders that may be followed, with their real paths.
    links: Vec<(PathBuf, PathBuf)>,
    /// Symlinks not followed (root-relative path, real target): they lead outside the root.
    refused: Vec<(String, String)>,
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
    /// Symlinked subfolders (root-relative) and their real paths (absolute).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<(String, String)>,
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
                        links: f
                            .links
                            .iter()
                            .map(|(p, real)| (rel(p), real.to_string_lossy().to_string()))
                            .collect(),
                        refused: f.refused.clone(),
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
                        links: f
                            .links
                            .iter()
                            .map(|(p, real)| (abs(p), PathBuf::from(real)))
                            .collect(),
                        refused: f.refused,
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
    /// Whether a symlink whose real path is `real` may be followed.
    fn may_follow(&self, real: &Path) -> bool;
    /// The root-relative form of a path.
    fn relative(&self, path: &Path) -> String;
}

const RACY_WINDOW_MS: f64 = 50.0;

impl DirCache {
    /// Every kept file under `base`, reusing folders whose mtime did not change. `walked`
    /// holds the real paths of the folders walked so far (of every base).
    fn walk(
        &mut self,
        base: &Path,
        rules: &impl WalkRules,
        files: &mut Vec<String>,
        seen: &mut FxHashMap<PathBuf, Folder>,
        walked: &mut FxHashSet<PathBuf>,
    ) {
        let real_base = crate::config::canonical(base);
        // (path, real path): real folders first, linked ones once no real folder is left.
        let mut stack = vec![(base.to_path_buf(), real_base)];
        let mut linked: Vec<(PathBuf, PathBuf)> = Vec::new();
        while let Some((dir, real)) = stack.pop().or_else(|| linked.pop()) {
            if !walked.insert(real.clone()) {
                continue;
            }
            let Ok(stat) = Stat::of(&dir) else { continue };
            let folder = match self.folders.remove(&dir) {
                Some(folder) if !folder.racy && folder.mtime_ms == stat.mtime_ms => folder,
                _ => read_folder(&dir, stat.mtime_ms, rules),
            };
            files.extend(folder.files.iter().cloned());
            stack.extend(folder.subfolders.iter().map(|sub| {
                let name = sub.file_name().unwrap_or_default();
                (sub.clone(), real.join(name))
            }));
            // Reverse: popped in name order, like the real ones.
            linked.extend(folder.links.iter().rev().cloned());
            seen.insert(dir, folder);
        }
    }

    /// Walks every base and keeps only the folders seen (the rest are gone).
    pub fn walk_all(&mut self, bases: &[PathBuf], rules: &impl WalkRules) -> Vec<String> {
        let mut files = Vec::new();
        let mut seen = FxHashMap::default();
        let mut walked = FxHashSet::default();
        for base in bases {
            self.walk(base, rules, &mut files, &mut seen, &mut walked);
        }
        self.folders = seen;
        files.sort_unstable();
        files.dedup();
        files
    }

    /// Symlinks of the last walk that were not followed (root-relative path, real target),
    /// sorted.
    pub fn refused(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .folders
            .values()
            .flat_map(|f| f.refused.iter().cloned())
            .collect();
        out.sort();
        out.dedup();
        out
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
            let followed = std::fs::canonicalize(&path)
                .and_then(|real| std::fs::metadata(&real).map(|meta| (real, meta)));
            let Ok((real, meta)) = followed else {
                continue;
            };
            file_type = meta.file_type();
            if !rules.may_follow(&real) {
                let target = real.to_string_lossy().to_string();
                folder.refused.push((rules.relative(&path), target));
                continue;
            }
            if file_type.is_dir() {
                if rules.enter(&entry.file_name().to_string_lossy()) {
                    folder.links.push((path, real));
                }
                continue;
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
    folder.links.sort();
    folder.refused.sort();
    folder
}
