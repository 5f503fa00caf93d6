//! Looking at candidate files for an update: one `stat` each; a file whose size and mtime
//! match its fingerprint is a hit and is not read; a read file whose hash is unchanged is
//! a skip and is not analysed; everything else is analysed again. Runs in parallel.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::diagnostic::Diagnostic;
use crate::discovery::fingerprint::{Fingerprint, Stat};
use crate::sources::file_loader::FileLoader;
use crate::sources::source_file::SourceFile;

/// What looking at one path found.
#[derive(Debug)]
pub enum Scan {
    /// Fingerprint matched: not read.
    Hit,
    /// Read, same content: only the fingerprint is new.
    Skip(Fingerprint),
    /// New or changed content, analysed.
    Changed(Box<SourceFile>),
    /// No longer there.
    Gone,
    /// There but unreadable.
    Unreadable(Diagnostic),
}

/// Looks at each of `paths` (root-relative) against the known `files`. Hits are only
/// counted: in a sweep they are nearly every file, and nothing is done for them.
pub fn scan(
    loader: &FileLoader,
    files: &FxHashMap<String, SourceFile>,
    paths: &[String],
) -> Scanned {
    let hits = std::sync::atomic::AtomicU32::new(0);
    let found: Vec<(String, Scan)> = paths
        .par_iter()
        .filter_map(|path| match scan_one(loader, files.get(path), path) {
            Scan::Hit => {
                hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                None
            }
            other => Some((path.clone(), other)),
        })
        .collect();
    Scanned {
        hits: hits.into_inner(),
        found,
    }
}

/// What a scan found: how many paths were hits, and every other path with its outcome.
#[derive(Debug, Default)]
pub struct Scanned {
    pub hits: u32,
    pub found: Vec<(String, Scan)>,
}

fn scan_one(loader: &FileLoader, known: Option<&SourceFile>, path: &str) -> Scan {
    let absolute = loader.config.root.join(path);
    let read = match known {
        // A known file costs one `stat` when it has not changed.
        Some(known) => {
            let Ok(stat) = Stat::of(&absolute) else {
                return Scan::Gone;
            };
            if known.fingerprint.matches_stat(stat) {
                return Scan::Hit;
            }
            std::fs::read(&absolute).map(|bytes| (stat, bytes))
        }
        // A file never seen is read anyway: open it, then stat and read what was opened (one
        // path lookup and one `stat`, where a `stat` by path and `fs::read` make two of each).
        None => read_with_stat(&absolute),
    };
    let (stat, bytes) = match read {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Scan::Gone,
        Err(_) => return load_fully(loader, path),
    };
    let fingerprint = Fingerprint::new(stat, &bytes);
    if known.is_some_and(|k| k.fingerprint.hash == fingerprint.hash) {
        return Scan::Skip(fingerprint);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Scan::Changed(Box::new(loader.analyze_text(path, fingerprint, text))),
        Err(_) => load_fully(loader, path),
    }
}

/// The stat of a file taken once it is open, before its bytes are read (as a fingerprint
/// needs: a write after the stat shows in the next one).
fn read_with_stat(path: &std::path::Path) -> std::io::Result<(Stat, Vec<u8>)> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let stat = Stat::of_file(&file)?;
    let mut bytes = Vec::with_capacity(usize::try_from(stat.size).unwrap_or(0).saturating_add(1));
    file.read_to_end(&mut bytes)?;
    Ok((stat, bytes))
}

/// The loader's own error path, so an unreadable file reports exactly as in a cold build.
fn load_fully(loader: &FileLoader, path: &str) -> Scan {
    match loader.load(path) {
        Ok(file) => Scan::Changed(Box::new(file)),
        Err(diagnostic) => Scan::Unreadable(*diagnostic),
    }
}
