//! `types.outDir` (types.md §3): a project folder, not the cache dir. The only code that
//! builds paths inside it: one `<id>.d.ts` per source file with definitions and `index.d.ts`;
//! the folder holds nothing else.

use std::path::{Path, PathBuf};

use crate::hashing::hash_hex;

const INDEX_FILE: &str = "index.d.ts";
const TYPE_FILE_EXTENSION: &str = ".d.ts";

/// The type output folder of a session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutDir {
    path: PathBuf,
}

impl OutDir {
    /// The folder at `path` (absolute; created on the first write).
    pub fn new(path: PathBuf) -> Self {
        Self { path }
    }

    /// The folder itself.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The type file of a source file (root-relative path): a stable name per path.
    pub fn type_file(&self, source_path: &str) -> PathBuf {
        self.path.join(format!(
            "{}{TYPE_FILE_EXTENSION}",
            hash_hex(source_path.as_bytes())
        ))
    }

    /// The index file.
    pub fn index_file(&self) -> PathBuf {
        self.path.join(INDEX_FILE)
    }

    /// Files in the folder that are neither the index nor in `keep` (left by an earlier
    /// build): what a cold build removes. Temporary files of writes in flight are kept.
    pub fn strays(&self, keep: &std::collections::BTreeSet<PathBuf>) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(&self.path) else {
            return Vec::new();
        };
        let index = self.index_file();
        let mut out: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file() && *p != index && !keep.contains(p))
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        out.sort();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout() {
        let out = OutDir::new(PathBuf::from("/p/src/gen"));
        assert_eq!(out.index_file(), PathBuf::from("/p/src/gen/index.d.ts"));
        let file = out.type_file("src/a.ts");
        assert!(file.starts_with("/p/src/gen") && file.to_string_lossy().ends_with(".d.ts"));
        assert_eq!(file, out.type_file("src/a.ts"));
        assert_ne!(file, out.type_file("src/b.ts"));
    }
}
