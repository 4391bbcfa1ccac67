//! Where the data lives: the platform's data folder (`directories`), unless the user
//! names one with `--data-dir` or `RONDO_DATA_DIR`.

use std::path::PathBuf;

/// The environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "RONDO_DATA_DIR";

/// The platform's data folder for Rondo (`~/.local/share/rondo` on Linux,
/// `~/Library/Application Support/app.Rondo.Rondo` on macOS, `%APPDATA%\Rondo\Rondo\data`
/// on Windows); `None` when the system has no home folder.
pub fn platform_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("app", "Rondo", "Rondo").map(|p| p.data_dir().to_path_buf())
}

/// The folder to open: `explicit` if given, else `RONDO_DATA_DIR` if set and not empty,
/// else the platform's data folder.
pub fn resolve_data_dir(explicit: Option<PathBuf>) -> Result<PathBuf, super::StoreError> {
    if let Some(dir) = explicit {
        return Ok(dir);
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    platform_data_dir().ok_or(super::StoreError::NoDataDir)
}
