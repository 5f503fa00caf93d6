//! Keeps the type files of `types.outDir` in step with the entries: a file is written only
//! when its bytes change (temporary file, then rename: the bytes are returned as
//! [`FileWrite`]s for the session's writer thread), and removed when its source file no
//! longer holds a typed definition.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::hashing::hash_hex;
use crate::persist::write_queue::{FileWrite, WriteOwner};
use crate::types::out_dir::OutDir;
use crate::types::render::{render_file, render_index, FileEntry};

/// The type files a session wrote: source path → xxh3 of its type file's bytes.
#[derive(Clone, Debug)]
pub struct TypeFiles {
    pub out: OutDir,
    written: BTreeMap<String, String>,
    index: Option<String>,
}

/// One source file's pass: its path, its type file's hash (`None`: none now), whether its
/// file changed on disk, and the bytes to write.
type TypeSync = (String, Option<String>, bool, Option<FileWrite>);

/// What one pass did (source paths, sorted), and the bytes it leaves to write.
#[derive(Default)]
pub struct TypeWrites {
    /// Source files whose type file changed.
    pub written: Vec<String>,
    /// Source files whose type file was removed.
    pub deleted: Vec<String>,
    /// The bytes of the changed type files, for the writer thread.
    pub pending: Vec<FileWrite>,
}

impl TypeFiles {
    pub fn new(out: OutDir) -> Self {
        Self {
            out,
            written: BTreeMap::new(),
            index: None,
        }
    }

    /// What a snapshot keeps: source path → hash of its type file's bytes.
    pub fn manifest(&self) -> BTreeMap<String, String> {
        self.written.clone()
    }

    /// Takes a snapshot's manifest back; returns the source files whose type file is no
    /// longer there (deleted while no process ran), which the next sync writes again.
    pub fn restore(&mut self, manifest: BTreeMap<String, String>) -> Vec<String> {
        self.written = manifest;
        self.index = None;
        self.written
            .keys()
            .filter(|source| !self.out.type_file(source).exists())
            .cloned()
            .collect()
    }

    /// The type file of a source file, when it has one.
    pub fn file_of(&self, source_path: &str) -> Option<PathBuf> {
        self.written
            .contains_key(source_path)
            .then(|| self.out.type_file(source_path))
    }

    /// Brings the type files of `files` up to date; `entries` gives a file's entries
    /// (canonical ID → entry). A file this session has not written yet is compared with
    /// what is on disk, so a restart rewrites nothing that is already right.
    pub fn sync<'e, F>(
        &mut self,
        files: &BTreeSet<String>,
        entries: F,
    ) -> std::io::Result<TypeWrites>
    where
        F: Fn(&str) -> Vec<FileEntry<'e>> + Sync,
    {
        std::fs::create_dir_all(self.out.path())?;
        let outcomes: Vec<std::io::Result<TypeSync>> = files
            .par_iter()
            .map(|source| {
                let mine = entries(source);
                let path = self.out.type_file(source);
                if mine.is_empty() {
                    let existed = self.written.contains_key(source) || path.exists();
                    remove(&path)?;
                    return Ok((source.clone(), None, existed, None));
                }
                let bytes = render_file(source, &mine);
                let hash = hash_hex(bytes.as_bytes());
                // Not there (a fresh clone's first build): created in one write.
                let (same, create) = match self.written.get(source) {
                    Some(old) => (*old == hash && path.exists(), false),
                    None => match std::fs::read(&path) {
                        Ok(on_disk) => (on_disk == bytes.as_bytes(), false),
                        Err(_) => (false, true),
                    },
                };
                let write = (!same).then(|| FileWrite {
                    owner: WriteOwner::TypeFile(source.clone()),
                    path,
                    bytes,
                    create,
                });
                Ok((source.clone(), Some(hash), !same, write))
            })
            .collect();
        let mut writes = TypeWrites::default();
        for outcome in outcomes {
            let (source, hash, changed, write) = outcome?;
            writes.pending.extend(write);
            match hash {
                Some(hash) => {
                    if changed {
                        writes.written.push(source.clone());
                    }
                    self.written.insert(source, hash);
                }
                None => {
                    self.written.remove(&source);
                    if changed {
                        writes.deleted.push(source);
                    }
                }
            }
        }
        Ok(writes)
    }

    /// The index (the labels), when its bytes change.
    pub fn sync_index<'a>(&mut self, labels: impl Iterator<Item = &'a str>) -> Option<FileWrite> {
        let bytes = render_index(labels);
        let hash = hash_hex(bytes.as_bytes());
        let path = self.out.index_file();
        let same = match &self.index {
            Some(old) => *old == hash && path.exists(),
            None => std::fs::read(&path).is_ok_and(|b| b == bytes.as_bytes()),
        };
        self.index = Some(hash);
        (!same).then_some(FileWrite {
            owner: WriteOwner::TypeIndex,
            path,
            bytes,
            create: false,
        })
    }

    /// Forgets what this session wrote of a file whose write failed: the next sync compares
    /// it with the disk and writes it again.
    pub fn forget(&mut self, owner: &WriteOwner) {
        match owner {
            WriteOwner::TypeFile(source) => {
                self.written.remove(source);
            }
            WriteOwner::TypeIndex => self.index = None,
            WriteOwner::Chunk(_) => {}
        }
    }

    /// Removes every file of the folder this session did not write (a cold build's end).
    pub fn prune(&self) -> std::io::Result<()> {
        let keep: BTreeSet<PathBuf> = self.written.keys().map(|s| self.out.type_file(s)).collect();
        for stray in self.out.strays(&keep) {
            remove(&stray)?;
        }
        Ok(())
    }
}

fn remove(path: &std::path::Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
