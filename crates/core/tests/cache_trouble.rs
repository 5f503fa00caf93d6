//! A damaged cache folder (issue 15, items 3, 8 and 9): a snapshot is trusted only whole,
//! non-regular files are refused at once (never waited on), cache trouble is a warning and
//! never a failure, and temporary files of killed writes are cleaned up.

mod support;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use fizz_core::{BuildResult, Session};
use support::steps::config;
use support::TempDir;

fn project() -> TempDir {
    support::steps::copy_base("basic", "cache-trouble")
}

/// Builds and persists; the artifact a fresh build gives.
fn persisted(dir: &Path) -> String {
    let mut session = Session::new(config(dir), true).unwrap();
    session.build_initial();
    assert!(session.persist_or_warn().is_none());
    session.artifact().comparable_json()
}

/// A restoring session's first build, failing (not hanging) after 20 s.
fn restore(dir: &Path) -> (Session, BuildResult) {
    let dir = dir.to_path_buf();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let mut session = Session::new(config(&dir), true).unwrap();
        let result = session.build_initial();
        let _ = send.send((session, result));
    });
    receive
        .recv_timeout(Duration::from_secs(20))
        .expect("the build finishes (it must not wait on the cache)")
}

fn discarded(result: &BuildResult) -> usize {
    result
        .diagnostics
        .iter()
        .filter(|d| d.code == "SNAPSHOT_DISCARDED")
        .count()
}

fn snapshot_file(dir: &Path) -> PathBuf {
    dir.join(".cache/session.json")
}

/// The snapshot as one JSON object (its checksum line taken off, the files and derived
/// sections put back in), and the analyses block after it.
fn read_snapshot_and_block(dir: &Path) -> (serde_json::Value, Vec<u8>) {
    let bytes = std::fs::read(snapshot_file(dir)).unwrap();
    let text = std::str::from_utf8(&bytes).unwrap();
    let (_, body) = text.split_once('\n').expect("a checksum line");
    let mut sections = body.splitn(4, '\n');
    let mut head: serde_json::Value = serde_json::from_str(sections.next().unwrap()).unwrap();
    head["files"] = serde_json::from_str(sections.next().unwrap()).unwrap();
    head["derived"] = serde_json::from_str(sections.next().unwrap()).unwrap();
    (head, sections.next().unwrap().as_bytes().to_vec())
}

/// The snapshot as one JSON object (see [`read_snapshot_and_block`]).
fn read_snapshot(dir: &Path) -> serde_json::Value {
    read_snapshot_and_block(dir).0
}

/// Writes `value` and `block` back in the snapshot's layout with a correct checksum: an
/// edit the checksum cannot catch.
fn reseal_with(dir: &Path, value: &serde_json::Value, block: &[u8]) {
    let mut head = value.clone();
    let files = head.as_object_mut().unwrap().remove("files").unwrap();
    let derived = head.as_object_mut().unwrap().remove("derived").unwrap();
    let mut body = Vec::new();
    for section in [&head, &files, &derived] {
        body.extend_from_slice(serde_json::to_string(section).unwrap().as_bytes());
        body.push(b'\n');
    }
    body.extend_from_slice(block);
    let checksum = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&body));
    let mut text = format!("{{\"checksum\":\"{checksum}\"}}\n").into_bytes();
    text.extend_from_slice(&body);
    std::fs::write(snapshot_file(dir), text).unwrap();
}

/// Writes `value` back, with its analyses block, under a correct checksum.
fn reseal(dir: &Path, value: &serde_json::Value) {
    let (_, block) = read_snapshot_and_block(dir);
    reseal_with(dir, value, &block);
}

#[test]
fn an_analysis_outside_the_analyses_block_is_discarded() {
    let dir = project();
    let artifact = persisted(dir.path());
    let (mut snapshot, block) = read_snapshot_and_block(dir.path());
    let files = snapshot["files"].as_object_mut().unwrap();
    let first = files.values_mut().next().unwrap();
    first["analysis"] = serde_json::json!([0, block.len() + 1]);
    reseal_with(dir.path(), &snapshot, &block);
    let (session, result) = restore(dir.path());
    assert_eq!(discarded(&result), 1, "{:?}", result.diagnostics);
    assert!(result.diagnostics[0].message.contains("analyses block"));
    assert_eq!(session.artifact().comparable_json(), artifact);
}

#[test]
fn a_changed_byte_in_the_analyses_block_fails_the_checksum() {
    let dir = project();
    let artifact = persisted(dir.path());
    let mut bytes = std::fs::read(snapshot_file(dir.path())).unwrap();
    let last = bytes.len() - 2;
    bytes[last] = if bytes[last] == b'a' { b'b' } else { b'a' };
    std::fs::write(snapshot_file(dir.path()), bytes).unwrap();
    let (session, result) = restore(dir.path());
    assert_eq!(discarded(&result), 1);
    assert!(result.diagnostics[0].message.contains("checksum"));
    assert_eq!(session.artifact().comparable_json(), artifact);
}

#[test]
fn an_emptied_chunk_manifest_is_discarded_even_with_a_valid_checksum() {
    let dir = project();
    let artifact = persisted(dir.path());
    let mut snapshot = read_snapshot(dir.path());
    snapshot["chunks"] = serde_json::json!({});
    reseal(dir.path(), &snapshot);
    let (session, result) = restore(dir.path());
    assert_eq!(discarded(&result), 1, "{:?}", result.diagnostics);
    assert_eq!(session.artifact().comparable_json(), artifact);
}

#[test]
fn one_missing_manifest_entry_is_discarded() {
    let dir = project();
    let artifact = persisted(dir.path());
    let mut snapshot = read_snapshot(dir.path());
    let chunks = snapshot["chunks"].as_object_mut().unwrap();
    let first = chunks.keys().next().unwrap().clone();
    chunks.remove(&first);
    reseal(dir.path(), &snapshot);
    let (session, result) = restore(dir.path());
    assert_eq!(discarded(&result), 1, "{:?}", result.diagnostics);
    assert_eq!(session.artifact().comparable_json(), artifact);
    // And the build after that restores cleanly again: nothing stays wrong.
    drop(session);
    persisted(dir.path());
    let (again, result) = restore(dir.path());
    assert_eq!(discarded(&result), 0);
    assert_eq!(again.artifact().comparable_json(), artifact);
}

#[test]
fn any_edit_fails_the_checksum() {
    let dir = project();
    let artifact = persisted(dir.path());
    let text = std::fs::read_to_string(snapshot_file(dir.path())).unwrap();
    std::fs::write(
        snapshot_file(dir.path()),
        text.replacen("\"generation\":1", "\"generation\":7", 1),
    )
    .unwrap();
    let (session, result) = restore(dir.path());
    assert_eq!(discarded(&result), 1);
    assert!(result.diagnostics[0].message.contains("checksum"));
    assert_eq!(session.artifact().comparable_json(), artifact);
}

/// Puts something that is not a regular file where `relative` (in the cache) is expected.
fn plant(dir: &Path, relative: &str, what: &str) {
    let path = dir.join(".cache").join(relative);
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_dir_all(&path);
    match what {
        "folder" => std::fs::create_dir_all(path.join("inner")).unwrap(),
        "file" => std::fs::write(&path, "not a folder").unwrap(),
        "fifo" => {
            let made = std::process::Command::new("mkfifo").arg(&path).status();
            assert!(made.unwrap().success(), "mkfifo {}", path.display());
        }
        "dev-zero" => std::os::unix::fs::symlink("/dev/zero", &path).unwrap(),
        _ => unreachable!(),
    }
}

#[test]
fn non_regular_cache_files_are_refused_at_once_and_replaced() {
    let chunk = |dir: &Path| {
        let modules = dir.join(".cache/modules");
        let name = std::fs::read_dir(modules)
            .unwrap()
            .flatten()
            .next()
            .unwrap();
        format!("modules/{}", name.file_name().to_string_lossy())
    };
    let cases: [(&str, &str); 6] = [
        ("session.json", "folder"),
        ("session.json", "fifo"),
        ("session.json", "dev-zero"),
        ("modules", "file"),
        ("chunk", "fifo"),
        ("chunk", "dev-zero"),
    ];
    for (target, what) in cases {
        let dir = project();
        let artifact = persisted(dir.path());
        let relative = match target {
            "chunk" => chunk(dir.path()),
            other => other.to_string(),
        };
        plant(dir.path(), &relative, what);
        let (mut session, result) = restore(dir.path());
        let case = format!("{relative} as {what}");
        assert_eq!(discarded(&result), 1, "{case}: {:?}", result.diagnostics);
        assert_eq!(session.artifact().comparable_json(), artifact, "{case}");
        // The damaged entry is replaced on the next persist, and the one after restores.
        assert_eq!(session.persist_or_warn(), None, "{case}");
        drop(session);
        let (again, result) = restore(dir.path());
        assert_eq!(discarded(&result), 0, "{case}: {:?}", result.diagnostics);
        assert_eq!(result.stats.parsed, 0, "{case}");
        assert_eq!(again.artifact().comparable_json(), artifact, "{case}");
    }
}

#[test]
fn stale_temporary_files_are_removed_on_the_next_persist() {
    let dir = project();
    persisted(dir.path());
    let modules = dir.path().join(".cache/modules");
    // A killed persist of a process that is gone, in the old and the new naming.
    let dead = [
        modules.join(".0123456789abcdef.mjs.4194303.tmp"),
        modules.join(".0123456789abcdef.mjs.4194303.2.9.tmp"),
        dir.path().join(".cache/.session.json.4194303.0.1.tmp"),
    ];
    for path in &dead {
        std::fs::write(path, "half").unwrap();
    }
    // This process's own in-flight name is left to age out, never taken from a live writer.
    let mine = modules.join(format!(".feed.mjs.{}.0.1.tmp", std::process::id()));
    std::fs::write(&mine, "in flight").unwrap();
    let mut session = Session::new(config(dir.path()), true).unwrap();
    session.build_initial();
    assert_eq!(session.persist_or_warn(), None);
    for path in &dead {
        assert!(!path.exists(), "{} removed", path.display());
    }
    assert!(mine.exists());
}

#[test]
fn three_sessions_in_one_process_share_a_cache_dir_without_collisions() {
    let dir = project();
    let mut sessions: Vec<Session> = (0..3)
        .map(|_| Session::new(config(dir.path()), true).unwrap())
        .collect();
    for session in &mut sessions {
        session.build_initial();
    }
    for _round in 0..15 {
        let warnings: Vec<String> = std::thread::scope(|scope| {
            let handles: Vec<_> = sessions
                .iter_mut()
                .map(|s| scope.spawn(move || s.persist_or_warn()))
                .collect();
            handles
                .into_iter()
                .filter_map(|h| h.join().unwrap())
                .map(|d| d.message)
                .collect()
        });
        assert!(warnings.is_empty(), "{warnings:?}");
    }
    let (_, result) = restore(dir.path());
    assert_eq!(discarded(&result), 0, "{:?}", result.diagnostics);
}
