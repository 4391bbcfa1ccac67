//! Tests of the store (sled underneath): opening, locking, records, migrations, damage,
//! crashes, and the use cases on top.

mod backup;
mod calendars;
pub(crate) mod cli;
mod crash;
mod damage;
mod files;
mod hiring_day;
mod loops;
mod migration;
mod mount;
mod open;
mod parity;
mod sent;
mod upgrade_backup;
pub(crate) mod usecases;

/// Opens a data folder's sled database directly (to plant what another version or a
/// tool would write). sled 0.34 releases its file lock from a background thread a moment
/// after the last handle is dropped, so a raw open right after a `Store` closed retries
/// for up to five seconds, as `Store::open` itself does.
pub fn raw_sled(path: impl AsRef<std::path::Path>) -> sled::Db {
    let path = path.as_ref();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match sled::open(path) {
            Ok(db) => return db,
            Err(_) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => panic!("raw sled open of {}: {e}", path.display()),
        }
    }
}
