//! Schema versions and the migrations between them, run by [`super::Store::open`].
//!
//! - **Schema 1** (the first release): trees `meta`, `interviewers`, `candidates`,
//!   `plans`, `bookings`; values are version byte `1` + JSON; interviewers have no
//!   `all_day_busy` field; bookings are listed by scanning them all.
//! - **Schema 2** (this build): values are version byte `2` + JSON; interviewers gain
//!   `all_day_busy` (schema-1 interviewers get `true`, what schema 1 did implicitly); two
//!   indexes appear, `bookings_by_start` (week listings without a scan),
//!   `interviewer_days` (overlap checks inside booking transactions) and
//!   `candidate_bookings` (a candidate's own live bookings); `proposals` appears.
//!
//! The upgrade from 1 to 2 runs in one sled transaction over every tree, the schema
//! version last, so an interrupted upgrade leaves a schema-1 database that the next
//! open upgrades again.

use super::{codec, Record, StoreError, Trees, SCHEMA_KEY, SCHEMA_VERSION};
use crate::domain::{Booking, Candidate, Interviewer, Plan};
use std::path::Path;

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

/// Reads every record of a schema-1 tree as JSON values.
fn read_v1(
    dir: &Path,
    tree: &sled::Tree,
    name: &'static str,
) -> Result<Vec<(sled::IVec, serde_json::Value)>, StoreError> {
    let mut out = Vec::new();
    for kv in tree.iter() {
        let (k, v) = kv.map_err(|e| StoreError::from_sled(dir, e))?;
        let bad = |detail: String| StoreError::BadRecord {
            tree: name,
            key: codec::readable_key(&k),
            detail,
        };
        match v.first() {
            Some(1) => {}
            Some(&n) if n > 1 => {
                return Err(StoreError::NewerRecord {
                    tree: name,
                    key: codec::readable_key(&k),
                    version: n,
                    supported: 1,
                })
            }
            _ => return Err(bad("schema-1 record without version byte 1".into())),
        }
        let value: serde_json::Value =
            serde_json::from_slice(&v[1..]).map_err(|e| bad(e.to_string()))?;
        out.push((k, value));
    }
    Ok(out)
}

fn typed<R: Record>(
    dir: &Path,
    rows: Vec<(sled::IVec, serde_json::Value)>,
) -> Result<Vec<R>, StoreError> {
    let _ = dir;
    rows.into_iter()
        .map(|(k, v)| {
            serde_json::from_value(v).map_err(|e| StoreError::BadRecord {
                tree: R::TREE,
                key: codec::readable_key(&k),
                detail: format!("schema-1 record does not upgrade: {e}"),
            })
        })
        .collect()
}

/// Upgrades the database from schema `from` to [`SCHEMA_VERSION`].
pub(crate) fn upgrade(dir: &Path, t: &Trees, from: u32) -> Result<(), StoreError> {
    if from != 1 {
        return Err(StoreError::Corrupt {
            dir: dir.to_path_buf(),
            detail: format!("schema version {from} never existed"),
        });
    }
    let mut ivr_rows = read_v1(dir, &t.interviewers, "interviewers")?;
    for (_, v) in &mut ivr_rows {
        if let Some(obj) = v.as_object_mut() {
            obj.entry("all_day_busy")
                .or_insert(serde_json::Value::Bool(true));
        }
    }
    let interviewers: Vec<Interviewer> = typed(dir, ivr_rows)?;
    let candidates: Vec<Candidate> = typed(dir, read_v1(dir, &t.candidates, "candidates")?)?;
    let plans: Vec<Plan> = typed(dir, read_v1(dir, &t.plans, "plans")?)?;
    let bookings: Vec<Booking> = typed(dir, read_v1(dir, &t.bookings, "bookings")?)?;

    let mut new = super::record_pairs(&interviewers, &candidates, &plans, &bookings);
    new.push(vec![(
        SCHEMA_KEY.to_vec(),
        SCHEMA_VERSION.to_be_bytes().to_vec(),
    )]);
    let trees = [
        &t.interviewers,
        &t.candidates,
        &t.plans,
        &t.bookings,
        &t.by_start,
        &t.days,
        &t.by_candidate,
        &t.meta,
    ];
    // The schema version is written in the same transaction as everything else.
    super::rewrite(dir, &trees, &new)
}
