//! Schema versions and the migrations between them, run by [`super::Store::open`].
//!
//! - **Schema 1** (the first release): trees `meta`, `interviewers`, `candidates`,
//!   `plans`, `bookings`; values are version byte `1` + JSON; interviewers have no
//!   `all_day_busy` field; bookings are listed by scanning them all.
//! - **Schema 2**: values are version byte `2` + JSON; interviewers gain `all_day_busy`
//!   (schema-1 interviewers get `true`, what schema 1 did implicitly); three indexes
//!   appear, `bookings_by_start` (week listings without a scan), `interviewer_days`
//!   (overlap checks inside booking transactions) and `candidate_bookings` (a candidate's
//!   own live bookings); `proposals` appears. A restore wrote its records into new
//!   trees of the same database (`bookings.g1`, ...) and made them current with
//!   `meta/generation`.
//! - **Schema 3** (this build): values are version byte `3`; bookings and index entries
//!   in a compact binary layout, the other records in JSON as before ([`super::codec`]).
//!   A restore or an upgrade writes a new database folder ([`super::generations`]).
//!
//! An upgrade reads every record of the old database (the schema-1 → 2 changes applied
//! on the way for schema 1) and writes them, with indexes rebuilt, as a new generation
//! at the current schema. The old database is not written to; until the switch it stays
//! current, so an interrupted upgrade is simply done again at the next open.

use super::{codec, Record, StoreError, SCHEMA_KEY};
use crate::domain::{Booking, Candidate, Interviewer, Plan, Proposal};
use std::path::Path;

/// Key in `meta` of a schema-2 database naming the current generation of its trees
/// (8 bytes, big-endian; absent = 0, the trees without a suffix).
pub(crate) const V2_GENERATION_KEY: &[u8] = b"generation";

/// The name of data tree `base` in generation `generation` of a schema-2 database
/// (`bookings`, `bookings.g3`).
fn tree_name(base: &str, generation: u64) -> String {
    if generation == 0 {
        base.to_string()
    } else {
        format!("{base}.g{generation}")
    }
}

/// The schema version stored in `meta`, or `None` for a database never written by Rondo.
pub(crate) fn read_schema(dir: &Path, meta: &sled::Tree) -> Result<Option<u32>, StoreError> {
    match meta
        .get(SCHEMA_KEY)
        .map_err(|e| StoreError::from_sled(dir, e))?
    {
        None => Ok(None),
        Some(v) => match <[u8; 4]>::try_from(v.as_ref()) {
            Ok(b) => Ok(Some(u32::from_be_bytes(b))),
            Err(_) => Err(StoreError::Corrupt {
                dir: dir.to_path_buf(),
                detail: format!("the schema version has {} bytes instead of 4", v.len()),
            }),
        },
    }
}

/// Every record of an older database, decoded.
pub(crate) struct OldRecords {
    interviewers: Vec<Interviewer>,
    candidates: Vec<Candidate>,
    plans: Vec<Plan>,
    bookings: Vec<Booking>,
    proposals: Vec<Proposal>,
}

impl OldRecords {
    /// What the new generation is written from.
    pub(crate) fn contents(&self) -> super::restore::Contents<'_> {
        super::restore::Contents {
            interviewers: &self.interviewers,
            candidates: &self.candidates,
            plans: &self.plans,
            bookings: &self.bookings,
            proposals: &self.proposals,
            // Schemas 1 and 2 kept them in a file, imported after the upgrade.
            invites_sent: &[],
            // Older schemas had no training.
            training_paths: &[],
            trainees: &[],
            // Schemas 1 and 2 had no mail.
            answers: &[],
            outbox: &[],
            calendars: None,
        }
    }
}

/// Reads every record of tree `tree` of kind `R`, written as version byte `version` +
/// JSON, passing each JSON value through `change` first.
fn read_json<R: Record>(
    dir: &Path,
    tree: &sled::Tree,
    version: u8,
    change: impl Fn(&mut serde_json::Value),
) -> Result<Vec<R>, StoreError> {
    let mut out = Vec::new();
    for kv in tree.iter() {
        let (k, v) = kv.map_err(|e| StoreError::from_sled(dir, e))?;
        let bad = |detail: String| StoreError::BadRecord {
            tree: R::TREE.name(),
            key: codec::readable_key(&k),
            detail,
        };
        match v.first() {
            Some(&n) if n == version => {}
            Some(&n) if n > version => {
                return Err(StoreError::NewerRecord {
                    tree: R::TREE.name(),
                    key: codec::readable_key(&k),
                    version: n,
                    supported: version,
                })
            }
            _ => {
                return Err(bad(format!(
                    "schema-{version} record without version byte {version}"
                )))
            }
        }
        let mut value: serde_json::Value =
            serde_json::from_slice(&v[1..]).map_err(|e| bad(e.to_string()))?;
        change(&mut value);
        out.push(
            serde_json::from_value(value)
                .map_err(|e| bad(format!("schema-{version} record does not upgrade: {e}")))?,
        );
    }
    Ok(out)
}

/// Schema 1 → 2: interviewers gain `all_day_busy`, `true` (what schema 1 did).
fn all_day_busy(v: &mut serde_json::Value) {
    if let Some(obj) = v.as_object_mut() {
        obj.entry("all_day_busy")
            .or_insert(serde_json::Value::Bool(true));
    }
}

/// Reads every record of database `db` at schema `from` (older than this build's), from
/// its current trees, without writing to it (a tree it lacks holds nothing).
pub(crate) fn read(dir: &Path, db: &sled::Db, from: u32) -> Result<OldRecords, StoreError> {
    let sled = |e| StoreError::from_sled(dir, e);
    let generation = match from {
        // Schema 2 wrote restores as new generations of trees inside the one database.
        2 => match db
            .open_tree(super::Tree::Meta.name())
            .and_then(|meta| meta.get(V2_GENERATION_KEY))
            .map_err(sled)?
        {
            None => 0,
            Some(v) => <[u8; 8]>::try_from(v.as_ref())
                .map(u64::from_be_bytes)
                .map_err(|_| StoreError::Corrupt {
                    dir: dir.to_path_buf(),
                    detail: "the generation is not 8 bytes".into(),
                })?,
        },
        _ => 0,
    };
    let names = db.tree_names();
    // Only trees that exist: opening a missing one would create it in the old database.
    let tree = |base: &str| -> Result<Option<sled::Tree>, StoreError> {
        let name = tree_name(base, generation);
        if names.iter().any(|n| n.as_ref() == name.as_bytes()) {
            db.open_tree(name).map(Some).map_err(sled)
        } else {
            Ok(None)
        }
    };
    fn all<R: Record>(
        dir: &Path,
        tree: Option<sled::Tree>,
        version: u8,
        change: impl Fn(&mut serde_json::Value),
    ) -> Result<Vec<R>, StoreError> {
        match tree {
            Some(tree) => read_json(dir, &tree, version, change),
            None => Ok(Vec::new()),
        }
    }
    let unchanged = |_: &mut serde_json::Value| {};
    match from {
        1 => Ok(OldRecords {
            interviewers: all(dir, tree("interviewers")?, 1, all_day_busy)?,
            candidates: all(dir, tree("candidates")?, 1, unchanged)?,
            plans: all(dir, tree("plans")?, 1, unchanged)?,
            bookings: all(dir, tree("bookings")?, 1, unchanged)?,
            proposals: Vec::new(),
        }),
        2 => Ok(OldRecords {
            interviewers: all(dir, tree("interviewers")?, 2, unchanged)?,
            candidates: all(dir, tree("candidates")?, 2, unchanged)?,
            plans: all(dir, tree("plans")?, 2, unchanged)?,
            bookings: all(dir, tree("bookings")?, 2, unchanged)?,
            proposals: all(dir, tree("proposals")?, 2, unchanged)?,
        }),
        _ => Err(StoreError::Corrupt {
            dir: dir.to_path_buf(),
            detail: format!("schema version {from} never existed"),
        }),
    }
}
