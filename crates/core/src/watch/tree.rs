//! The watcher's view of the project: the folders it watches, the files it knows, and
//! the paths touched since the last batch. Events only say *that* a path was touched;
//! whether it was added, updated or removed is decided when the batch is taken, from
//! what is on disk then and what was known before — so a file written ten times, or
//! created and deleted, within one burst counts once (or not at all).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{Event, EventKind};

use crate::discovery::change_set::ChangeSet;
use crate::watch::scope::WatchScope;

/// One coalesced batch of changes, with paths as a change set takes them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WatchBatch {
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub removed: Vec<String>,
    /// Events were lost (the kernel queue overflowed, a folder could not be watched):
    /// the consumer should sweep (`update()` without a change set) instead.
    pub rescan: bool,
    /// Why events were lost, when they were.
    pub warning: Option<String>,
}

impl WatchBatch {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.updated.is_empty() && self.removed.is_empty() && !self.rescan
    }

    /// The number of files in the batch.
    pub fn len(&self) -> usize {
        self.added.len() + self.updated.len() + self.removed.len()
    }

    pub fn change_set(&self) -> ChangeSet {
        ChangeSet {
            added: self.added.clone(),
            updated: self.updated.clone(),
            removed: self.removed.clone(),
        }
    }
}

/// Adds a watch on one folder; `Err` when the folder cannot be watched.
pub type WatchDir<'a> = dyn FnMut(&Path) -> Result<(), String> + 'a;

/// What the watcher knows and what changed since the last batch.
#[derive(Debug)]
pub struct Tree {
    scope: WatchScope,
    /// Files of interest known to exist (as of the last batch).
    files: BTreeSet<PathBuf>,
    /// Folders being watched.
    dirs: BTreeSet<PathBuf>,
    touched: BTreeSet<PathBuf>,
    rescan: bool,
    /// Why events were lost (a folder could not be watched, the queue overflowed).
    warning: Option<String>,
}

impl Tree {
    /// Watches every folder of the scope (through `watch`) and lists the files it holds.
    /// Each folder is watched *before* it is listed, so a file created meanwhile is seen
    /// either by the listing or by an event.
    pub fn new(scope: WatchScope, watch: &mut WatchDir) -> Result<Self, String> {
        let mut tree = Self {
            scope,
            files: BTreeSet::new(),
            dirs: BTreeSet::new(),
            touched: BTreeSet::new(),
            rescan: false,
            warning: None,
        };
        let root = tree.scope.root().to_path_buf();
        tree.adopt(&root, watch, false)?;
        let outside: Vec<PathBuf> = tree.scope.outside_anchors().cloned().collect();
        for dir in outside {
            tree.adopt(&dir, watch, false)?;
        }
        Ok(tree)
    }

    /// Files of interest known to exist.
    #[cfg(test)]
    pub fn known_files(&self) -> &BTreeSet<PathBuf> {
        &self.files
    }

    /// Takes one event in; returns whether it concerned the build (and so extends the burst).
    pub fn absorb(&mut self, event: &Event, watch: &mut WatchDir) -> bool {
        let mut relevant = false;
        if event.need_rescan() {
            self.lost_events("the system dropped file events (its queue overflowed)".into());
            relevant = true;
        }
        match &event.kind {
            // Opening and reading (the builder's own reads among them) change nothing.
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
                for path in &event.paths {
                    relevant |= self.touch(path);
                }
            }
            EventKind::Access(_) => {}
            EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(RenameMode::From)) => {
                for path in &event.paths {
                    relevant |= self.went(path);
                }
            }
            EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(RenameMode::To)) => {
                for path in &event.paths {
                    relevant |= self.came(path, watch);
                }
            }
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => {
                if let [from, to] = event.paths.as_slice() {
                    relevant |= self.went(from);
                    relevant |= self.came(to, watch);
                }
            }
            // A rename whose direction is unknown: look at the disk.
            EventKind::Modify(ModifyKind::Name(_)) => {
                for path in &event.paths {
                    relevant |= if path.exists() {
                        self.came(path, watch)
                    } else {
                        self.went(path)
                    };
                }
            }
            EventKind::Modify(_) | EventKind::Any | EventKind::Other => {
                for path in &event.paths {
                    relevant |= self.touch(path);
                }
            }
        }
        relevant
    }

    /// Files touched since the last batch (a lost-events sweep counts as many).
    pub fn touched(&self) -> usize {
        if self.rescan {
            usize::MAX
        } else {
            self.touched.len()
        }
    }

    /// Events may have been lost: the next batch asks for a sweep.
    pub fn lost_events(&mut self, why: String) {
        self.rescan = true;
        self.warning = Some(why);
    }

    /// The batch of everything touched since the last one, decided by what is on disk now.
    pub fn take_batch(&mut self) -> WatchBatch {
        let mut batch = WatchBatch {
            rescan: std::mem::take(&mut self.rescan),
            warning: self.warning.take(),
            ..WatchBatch::default()
        };
        for path in std::mem::take(&mut self.touched) {
            let exists = path.is_file();
            let known = self.files.contains(&path);
            let name = self.scope.change_path(&path);
            match (exists, known) {
                (true, true) => batch.updated.push(name),
                (true, false) => {
                    batch.added.push(name);
                    self.files.insert(path);
                }
                (false, true) => {
                    batch.removed.push(name);
                    self.files.remove(&path);
                }
                (false, false) => {}
            }
        }
        for list in [&mut batch.added, &mut batch.updated, &mut batch.removed] {
            list.sort();
        }
        batch
    }

    fn touch(&mut self, path: &Path) -> bool {
        if self.files.contains(path) || self.scope.wants_file(path) {
            self.touched.insert(path.to_path_buf());
            return true;
        }
        false
    }

    /// A path is gone. If it was a watched folder, so is every known file under it.
    fn went(&mut self, path: &Path) -> bool {
        let dirs: Vec<PathBuf> = self
            .dirs
            .iter()
            .filter(|d| d.starts_with(path))
            .cloned()
            .collect();
        if dirs.is_empty() {
            return self.touch(path);
        }
        for dir in dirs {
            self.dirs.remove(&dir);
        }
        let files: Vec<PathBuf> = self
            .files
            .iter()
            .filter(|f| f.starts_with(path))
            .cloned()
            .collect();
        self.touched.extend(files);
        true
    }

    /// A path appeared. A folder (created, or moved in with its files) is watched and listed.
    fn came(&mut self, path: &Path, watch: &mut WatchDir) -> bool {
        if !path.is_dir() {
            return self.touch(path);
        }
        let before = self.touched.len();
        if let Err(message) = self.adopt(path, watch, true) {
            self.lost_events(message);
            return true;
        }
        self.touched.len() != before
    }

    /// Watches `dir` and the folders under it that the scope wants, then lists them;
    /// `report`: files found count as touched (a folder that appeared after the start).
    fn adopt(&mut self, dir: &Path, watch: &mut WatchDir, report: bool) -> Result<(), String> {
        let mut stack = vec![dir.to_path_buf()];
        let mut seen: BTreeSet<PathBuf> = BTreeSet::new();
        while let Some(dir) = stack.pop() {
            if !self.scope.wants_dir(&dir) || self.dirs.contains(&dir) {
                continue;
            }
            // A symlink loop would otherwise be walked forever.
            if !seen.insert(dir.canonicalize().unwrap_or_else(|_| dir.clone())) {
                continue;
            }
            watch(&dir)?;
            self.dirs.insert(dir.clone());
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let linked_dir = entry.file_type().is_ok_and(|t| t.is_symlink())
                    && path.is_dir()
                    && path
                        .canonicalize()
                        .is_ok_and(|real| self.scope.follows_link_to(&real));
                let is_dir = entry.file_type().is_ok_and(|t| t.is_dir()) || linked_dir;
                if is_dir {
                    stack.push(path);
                } else if self.scope.wants_file(&path) {
                    if report {
                        self.touched.insert(path);
                    } else {
                        self.files.insert(path);
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ResolvedConfig;
    use crate::discovery::Discovery;
    use notify::event::{CreateKind, Flag};

    fn tree(root: &Path) -> Tree {
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::write(root.join("src/a.ts"), "export {};\n").unwrap();
        let config = ResolvedConfig {
            root: root.to_path_buf(),
            config_file: None,
            include: vec!["src/**/*.ts".into()],
            exclude: vec![],
            graphql_system: root.join("src/a.ts"),
            aliases: vec![],
            schemas: Default::default(),
            tsconfig: None,
            cache_dir: root.join("node_modules/.cache"),
            allow_outside_root: vec![],
            types: None,
            hash: String::new(),
            warnings: Vec::new(),
        };
        let scope = WatchScope::new(&config, Discovery::new(&config).unwrap());
        Tree::new(scope, &mut |_| Ok(())).unwrap()
    }

    fn temp(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("fizz-tree-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn reads_are_not_changes_and_a_lost_event_queue_asks_for_a_sweep() {
        let root = temp("lost");
        let mut tree = tree(&root);
        assert_eq!(tree.known_files().len(), 1);
        let a = root.join("src/a.ts");
        let open =
            Event::new(EventKind::Access(AccessKind::Open(AccessMode::Any))).add_path(a.clone());
        assert!(!tree.absorb(&open, &mut |_| Ok(())));
        assert!(tree.take_batch().is_empty());
        let overflow = Event::new(EventKind::Other).set_flag(Flag::Rescan);
        assert!(tree.absorb(&overflow, &mut |_| Ok(())));
        let batch = tree.take_batch();
        assert!(batch.rescan && batch.warning.is_some());
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn a_folder_that_cannot_be_watched_asks_for_a_sweep_with_the_reason() {
        let root = temp("limit");
        let mut tree = tree(&root);
        std::fs::create_dir_all(root.join("src/new")).unwrap();
        let created =
            Event::new(EventKind::Create(CreateKind::Folder)).add_path(root.join("src/new"));
        assert!(tree.absorb(&created, &mut |_| Err("limit reached".into())));
        let batch = tree.take_batch();
        assert!(batch.rescan);
        assert_eq!(batch.warning.as_deref(), Some("limit reached"));
        let _ = std::fs::remove_dir_all(&root);
    }
}
