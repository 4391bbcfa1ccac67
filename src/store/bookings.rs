//! Bookings and their indexes: written only by [`Store::write_bookings`], one sled
//! transaction that runs the caller's re-check on the state inside it ([`TxView`]) and
//! keeps `bookings_by_start`, `interviewer_days` and `candidate_bookings` in step; and
//! read through those indexes (a week, a candidate's live loop, an interviewer's days).

use super::{codec, space, Store, StoreError, Tree};
use crate::domain::{Booking, BookingId, CandidateId, Interviewer, InterviewerId};
use crate::mail::outbox::Queued;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sled::transaction::{
    ConflictableTransactionError, TransactionError, TransactionalTree, UnabortableTransactionError,
};
use sled::Transactional;
use std::cell::RefCell;
use std::path::Path;

/// One live booking, as listed in the `interviewer_days` index (under each of its
/// interviewers and the UTC day of its start) and the `candidate_bookings` index (under
/// its candidate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayEntry {
    /// The booking.
    pub booking: BookingId,
    /// Its start.
    pub start: DateTime<Utc>,
    /// Its end.
    pub end: DateTime<Utc>,
}

impl DayEntry {
    /// The entry of booking `b`.
    fn of(b: &Booking) -> DayEntry {
        DayEntry {
            booking: b.id.clone(),
            start: b.start,
            end: b.end,
        }
    }

    /// The order of entries in an index list: by start, then booking id.
    fn order(a: &DayEntry, b: &DayEntry) -> std::cmp::Ordering {
        (a.start, &a.booking).cmp(&(b.start, &b.booking))
    }
}

/// Why [`Store::write_bookings`] did not write: the caller's re-check refused, or the store failed.
#[derive(Debug)]
pub enum WriteError<E> {
    /// The re-check inside the transaction refused; nothing was written.
    Check(E),
    /// The store failed; nothing was written.
    Store(StoreError),
}

/// What a re-check may read inside a booking transaction: the state as it is at commit.
pub struct TxView<'a> {
    interviewers: &'a TransactionalTree,
    bookings: &'a TransactionalTree,
    days: &'a TransactionalTree,
    dir: &'a Path,
    failed: RefCell<Option<UnabortableTransactionError>>,
}

impl TxView<'_> {
    fn get(&self, tree: &TransactionalTree, key: &[u8]) -> Result<Option<sled::IVec>, StoreError> {
        tree.get(key).map_err(|e| {
            let msg = StoreError::Engine {
                dir: self.dir.to_path_buf(),
                detail: format!("transaction read failed: {e:?}"),
            };
            *self.failed.borrow_mut() = Some(e);
            msg
        })
    }

    /// The interviewer as stored now.
    pub fn interviewer(&self, id: &InterviewerId) -> Result<Option<Interviewer>, StoreError> {
        self.get(self.interviewers, id.as_str().as_bytes())?
            .map(|v| codec::decode(Tree::Interviewers, id.as_str().as_bytes(), &v))
            .transpose()
    }

    /// The booking as stored now.
    pub fn booking(&self, id: &BookingId) -> Result<Option<Booking>, StoreError> {
        self.get(self.bookings, id.as_str().as_bytes())?
            .map(|v| codec::decode(Tree::Bookings, id.as_str().as_bytes(), &v))
            .transpose()
    }

    /// The live bookings of `id` that start on UTC day `day` ([`codec::day_number`]).
    pub fn day(&self, id: &InterviewerId, day: i64) -> Result<Vec<DayEntry>, StoreError> {
        let key = codec::day_key(id.as_str(), day);
        Ok(match self.get(self.days, &key)? {
            Some(v) => codec::decode(Tree::InterviewerDays, &key, &v)?,
            None => Vec::new(),
        })
    }
}

type TxResult<T, E> = Result<T, ConflictableTransactionError<WriteError<E>>>;

fn abort<T, E>(e: StoreError) -> TxResult<T, E> {
    Err(ConflictableTransactionError::Abort(WriteError::Store(e)))
}

impl Store {
    /// Bookings whose start lies in `[from, to)`, in start order (any status), read
    /// through the `bookings_by_start` index.
    pub fn bookings_starting(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Booking>, StoreError> {
        let range = codec::instant_key(from).to_vec()..codec::instant_key(to).to_vec();
        let mut out = Vec::new();
        for kv in self.trees[Tree::BookingsByStart].range(range) {
            let (k, v) = self.sled(kv)?;
            out.push(codec::decode(Tree::BookingsByStart, &k, &v)?);
        }
        Ok(out)
    }

    /// The live bookings of candidate `id`, in start order, read through the
    /// `candidate_bookings` index.
    pub fn candidate_bookings(&self, id: &CandidateId) -> Result<Vec<DayEntry>, StoreError> {
        let key = codec::candidate_key(id.as_str());
        match self.sled(self.trees[Tree::CandidateBookings].get(&key))? {
            Some(v) => codec::decode(Tree::CandidateBookings, &key, &v),
            None => Ok(Vec::new()),
        }
    }

    /// The live bookings of interviewer `id` starting on UTC days `first_day..=last_day`
    /// ([`codec::day_number`]), read through the `interviewer_days` index.
    pub fn interviewer_days(
        &self,
        id: &InterviewerId,
        first_day: i64,
        last_day: i64,
    ) -> Result<Vec<DayEntry>, StoreError> {
        let range = codec::day_key(id.as_str(), first_day)..=codec::day_key(id.as_str(), last_day);
        let mut out = Vec::new();
        for kv in self.trees[Tree::InterviewerDays].range(range) {
            let (k, v) = self.sled(kv)?;
            out.extend(codec::decode::<Vec<DayEntry>>(
                Tree::InterviewerDays,
                &k,
                &v,
            )?);
        }
        Ok(out)
    }

    /// Writes `bookings` (new ones, or new versions of stored ones) in one transaction
    /// that first runs `check` on the state inside it, keeps both indexes in step, then
    /// flushes. If `check` refuses, or anything fails, nothing is written.
    pub fn write_bookings<E>(
        &self,
        bookings: &[Booking],
        check: impl Fn(&TxView) -> Result<(), E>,
    ) -> Result<(), WriteError<E>> {
        self.write_bookings_queued(bookings, &[], check)
    }

    /// [`Store::write_bookings`], also queuing the e-mails `queued` (about these
    /// bookings) in the `outbox` tree in the same transaction: the change and its
    /// messages are stored together or not at all. A message already in the outbox
    /// (same Message-ID: the same version for the same people) is left as it is.
    pub fn write_bookings_queued<E>(
        &self,
        bookings: &[Booking],
        queued: &[Queued],
        check: impl Fn(&TxView) -> Result<(), E>,
    ) -> Result<(), WriteError<E>> {
        let t = &self.trees;
        let dir = self.dir.as_path();
        let mail: Vec<(&[u8], Vec<u8>)> = queued
            .iter()
            .map(|q| (q.id.as_bytes(), codec::encode(q)))
            .collect();
        let size: u64 = bookings
            .iter()
            .map(|b| 600 + 200 * b.people().count() as u64)
            .sum::<u64>()
            + mail.iter().map(|(_, v)| v.len() as u64).sum::<u64>();
        space::ensure(dir, size).map_err(WriteError::Store)?;
        let result = (
            &t[Tree::Interviewers],
            &t[Tree::Bookings],
            &t[Tree::BookingsByStart],
            &t[Tree::InterviewerDays],
            &t[Tree::CandidateBookings],
            &t[Tree::Outbox],
        )
            .transaction(|(ti, tb, ts, td, tc, to)| -> TxResult<(), E> {
                let view = TxView {
                    interviewers: ti,
                    bookings: tb,
                    days: td,
                    dir,
                    failed: RefCell::new(None),
                };
                let checked = check(&view);
                if let Some(e) = view.failed.borrow_mut().take() {
                    return Err(e.into());
                }
                if let Err(e) = checked {
                    return Err(ConflictableTransactionError::Abort(WriteError::Check(e)));
                }
                for b in bookings {
                    let key = b.id.as_str().as_bytes();
                    if let Some(old) = tb.get(key)? {
                        let old: Booking = match codec::decode(Tree::Bookings, key, &old) {
                            Ok(o) => o,
                            Err(e) => return abort(e),
                        };
                        ts.remove(codec::by_start_key(old.start, old.id.as_str()))?;
                        if old.status.is_live() {
                            for (tree, name, key) in index_keys(tc, td, &old) {
                                edit_entries(tree, name, key, &old, false)?
                                    .map_or(Ok(()), abort)?;
                            }
                        }
                    }
                    tb.insert(key, codec::encode(b))?;
                    ts.insert(
                        codec::by_start_key(b.start, b.id.as_str()),
                        codec::encode(b),
                    )?;
                    if b.status.is_live() {
                        for (tree, name, key) in index_keys(tc, td, b) {
                            edit_entries(tree, name, key, b, true)?.map_or(Ok(()), abort)?;
                        }
                    }
                }
                for (key, value) in &mail {
                    if to.get(key)?.is_none() {
                        to.insert(*key, value.as_slice())?;
                    }
                }
                Ok(())
            });
        match result {
            Ok(()) => self.commit().map_err(WriteError::Store),
            Err(TransactionError::Abort(e)) => Err(e),
            Err(TransactionError::Storage(e)) => {
                Err(WriteError::Store(StoreError::from_sled(dir, e)))
            }
        }
    }
}

/// An index of the live bookings among `bookings` whose keys `keys` gives: key → their
/// entries, in start order.
pub(super) fn entry_index(
    bookings: &[Booking],
    keys: impl Fn(&Booking) -> Vec<Vec<u8>>,
) -> std::collections::BTreeMap<Vec<u8>, Vec<DayEntry>> {
    let mut index: std::collections::BTreeMap<Vec<u8>, Vec<DayEntry>> = Default::default();
    for b in bookings.iter().filter(|b| b.status.is_live()) {
        for key in keys(b) {
            index.entry(key).or_default().push(DayEntry::of(b));
        }
    }
    for entries in index.values_mut() {
        entries.sort_by(DayEntry::order);
    }
    index
}

/// The index entries of live booking `b` inside a booking transaction: the
/// `candidate_bookings` list of its candidate (in `tc`) and the `interviewer_days` list
/// of each interviewer and trainee on its day (in `td`).
fn index_keys<'t>(
    tc: &'t TransactionalTree,
    td: &'t TransactionalTree,
    b: &Booking,
) -> Vec<(&'t TransactionalTree, Tree, Vec<u8>)> {
    let day = codec::day_number(b.start);
    std::iter::once((
        tc,
        Tree::CandidateBookings,
        codec::candidate_key(b.candidate.as_str()),
    ))
    .chain(
        b.people()
            .map(|who| (td, Tree::InterviewerDays, codec::day_key(who.as_str(), day))),
    )
    .collect()
}

/// Adds (`add`) or removes booking `b` in the list of entries under `key` of index
/// `tree` (named `name`) inside a transaction. The outer `Result` carries sled's
/// transaction errors, the inner one a decoding failure.
fn edit_entries(
    tree: &TransactionalTree,
    name: Tree,
    key: Vec<u8>,
    b: &Booking,
    add: bool,
) -> Result<Option<StoreError>, UnabortableTransactionError> {
    let mut entries: Vec<DayEntry> = match tree.get(&key)? {
        Some(v) => match codec::decode(name, &key, &v) {
            Ok(list) => list,
            Err(e) => return Ok(Some(e)),
        },
        None => Vec::new(),
    };
    entries.retain(|e| e.booking != b.id);
    if add {
        entries.push(DayEntry::of(b));
        entries.sort_by(DayEntry::order);
    }
    if entries.is_empty() {
        tree.remove(key)?;
    } else {
        tree.insert(key, codec::encode(&entries))?;
    }
    Ok(None)
}
