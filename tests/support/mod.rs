//! Helpers shared by the integration tests: where `../shared` is, and skipping plainly.

use std::path::PathBuf;

pub mod smtp;

/// The `../shared` folder beside the checkout, if it is there.
#[allow(dead_code)]
pub fn shared_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    dir.is_dir().then(|| dir.canonicalize().unwrap_or(dir))
}

/// The `../shared` folder, or a plain "skipped" line on stderr and `None`.
#[allow(dead_code)]
pub fn shared_or_skip(test: &str) -> Option<PathBuf> {
    let dir = shared_dir();
    if dir.is_none() {
        eprintln!("SKIPPED {test}: ../shared is not beside this checkout");
    }
    dir
}
