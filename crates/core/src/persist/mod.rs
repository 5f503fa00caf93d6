//! What outlives the process: per-file chunks and the session snapshot.

pub mod cache_dir;
pub mod chunk_writer;
pub mod snapshot;
pub mod write_queue;
