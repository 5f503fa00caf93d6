//! The hashes the builder uses: xxh3 for fingerprints and change detection (fast),
//! sha256 for the persisted-operation `hash` (stable, what servers expect).

use sha2::{Digest, Sha256};
use xxhash_rust::xxh3::{xxh3_128, xxh3_64};

/// xxh3-64 of `bytes` as 16 lowercase hex digits.
pub fn hash_hex(bytes: &[u8]) -> String {
    format!("{:016x}", xxh3_64(bytes))
}

/// xxh3-128 of `bytes` as 32 lowercase hex digits: a content hash with no practical collisions.
pub fn hash128_hex(bytes: &[u8]) -> String {
    format!("{:032x}", xxh3_128(bytes))
}

/// sha256 of `text` as 64 lowercase hex digits.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
