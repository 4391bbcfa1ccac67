//! The `.ics` files of `../shared/ics/corpus`, for the tests that walk all of them.

use std::path::{Path, PathBuf};

/// Every `.ics` file under `dir`, sorted (empty when `dir` cannot be read).
pub fn ics_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "ics") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}
