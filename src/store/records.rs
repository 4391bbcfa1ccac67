//! Records kept as they are, one tree per kind keyed by id: interviewers, candidates,
//! plans, proposals, sent invites, queued e-mails, training paths and trainees ([`PlainRecord`]); bookings are read here too but written only
//! with their indexes ([`super::bookings`]).

use super::{codec, space, Store, StoreError, Tree};
use crate::answers::BookingAnswers;
use crate::caldav::{CalendarAccount, CalendarCopy, CalendarLinks, CopyRead, Published};
use crate::domain::{
    Booking, Candidate, HoldOffer, Interviewer, InviteSent, Plan, Proposal, Trainee, TrainingPath,
};
use crate::mail::outbox::Queued;
use serde::{de::DeserializeOwned, Serialize};

/// A kind of record kept in its own tree, keyed by its id, its value laid out as
/// [`codec::Value`] says.
pub trait Record: Serialize + DeserializeOwned + codec::Value {
    /// The kind's name in messages and on the command line (`interviewer`).
    const KIND: &'static str;
    /// The sled tree holding it.
    const TREE: Tree;
    /// The key: the id's text.
    fn key(&self) -> &str;
}

/// A record that is written as it is, without indexes (every kind except bookings).
pub trait PlainRecord: Record {}

/// `impl Record` for kind `$kind`, named `$name`, in tree `$tree`, keyed by field
/// `$key`; `plain` adds [`PlainRecord`].
macro_rules! record {
    ($kind:ty, $name:literal, $tree:ident, $key:ident $(, $plain:ident)?) => {
        impl Record for $kind {
            const KIND: &'static str = $name;
            const TREE: Tree = Tree::$tree;
            fn key(&self) -> &str {
                self.$key.as_str()
            }
        }
        $(record!(@$plain $kind);)?
    };
    (@plain $kind:ty) => {
        impl PlainRecord for $kind {}
    };
}

record!(Interviewer, "interviewer", Interviewers, id, plain);
record!(Candidate, "candidate", Candidates, id, plain);
record!(Plan, "plan", Plans, id, plain);
record!(Booking, "booking", Bookings, id);
record!(Proposal, "proposal", Proposals, candidate, plain);
record!(InviteSent, "sent invite", InvitesSent, booking, plain);
record!(
    CalendarAccount,
    "calendar account",
    CalendarAccounts,
    name,
    plain
);
record!(
    CalendarLinks,
    "calendar links",
    CalendarLinks,
    interviewer,
    plain
);
record!(CalendarCopy, "calendar copy", CalendarCopies, key, plain);
record!(CopyRead, "calendar read", CalendarReads, key, plain);
record!(Published, "published booking", Published, booking, plain);
record!(Queued, "queued message", Outbox, id, plain);
record!(BookingAnswers, "answers", Answers, booking, plain);
record!(TrainingPath, "training path", TrainingPaths, pool, plain);
record!(Trainee, "trainee", Trainees, interviewer, plain);
record!(HoldOffer, "offer", Offers, candidate, plain);

impl Store {
    /// The record of kind `R` with id `id`, if any.
    pub fn get<R: Record>(&self, id: &str) -> Result<Option<R>, StoreError> {
        let tree = &self.trees[R::TREE];
        match self.sled(tree.get(id.as_bytes()))? {
            Some(v) => codec::decode(R::TREE, id.as_bytes(), &v).map(Some),
            None => Ok(None),
        }
    }

    /// The record of kind `R` with id `id`, or [`StoreError::NotFound`].
    pub fn need<R: Record>(&self, id: &str) -> Result<R, StoreError> {
        self.get(id)?.ok_or_else(|| StoreError::NotFound {
            kind: R::KIND,
            id: id.to_string(),
        })
    }

    /// Every record of kind `R`, in id order.
    pub fn all<R: Record>(&self) -> Result<Vec<R>, StoreError> {
        let tree = &self.trees[R::TREE];
        // No `with_capacity(tree.len())`: sled counts a tree by walking all of it.
        let mut out = Vec::new();
        for kv in tree.iter() {
            let (k, v) = self.sled(kv)?;
            out.push(codec::decode(R::TREE, &k, &v)?);
        }
        Ok(out)
    }

    /// How many records of kind `R` are stored.
    pub fn count<R: Record>(&self) -> usize {
        self.trees[R::TREE].len()
    }

    /// Writes `record`, replacing any record with its id, and flushes.
    pub fn put<R: PlainRecord>(&self, record: &R) -> Result<(), StoreError> {
        let tree = &self.trees[R::TREE];
        let value = codec::encode(record);
        space::ensure(&self.dir, value.len() as u64)?;
        self.sled(tree.insert(record.key().as_bytes(), value))?;
        self.commit()
    }

    /// Writes `records` (each replacing any record with its id) in one batch, all or
    /// none, and flushes.
    pub fn put_all<R: PlainRecord>(&self, records: &[R]) -> Result<(), StoreError> {
        let mut batch = sled::Batch::default();
        let mut size = 0;
        for r in records {
            let value = codec::encode(r);
            size += value.len() as u64;
            batch.insert(r.key().as_bytes(), value);
        }
        space::ensure(&self.dir, size)?;
        self.sled(self.trees[R::TREE].apply_batch(batch))?;
        self.commit()
    }

    /// Writes `record` only if no record has its id ([`StoreError::Exists`]), and flushes.
    pub fn insert_new<R: PlainRecord>(&self, record: &R) -> Result<(), StoreError> {
        let tree = &self.trees[R::TREE];
        let value = codec::encode(record);
        space::ensure(&self.dir, value.len() as u64)?;
        let swapped = self.sled(tree.compare_and_swap(
            record.key().as_bytes(),
            None as Option<&[u8]>,
            Some(value),
        ))?;
        if swapped.is_err() {
            return Err(StoreError::Exists {
                kind: R::KIND,
                id: record.key().to_string(),
            });
        }
        self.commit()
    }

    /// Reads the record of kind `R` with id `id`, passes it through `change`, and writes
    /// the result if the record did not change meanwhile (retrying if it did), then
    /// commits. A read-modify-write that never loses a concurrent edit.
    pub fn update<R: PlainRecord, E: From<StoreError>>(
        &self,
        id: &str,
        change: impl Fn(R) -> Result<R, E>,
    ) -> Result<R, E> {
        let tree = &self.trees[R::TREE];
        loop {
            let Some(old) = self.sled(tree.get(id.as_bytes()))? else {
                return Err(StoreError::NotFound {
                    kind: R::KIND,
                    id: id.to_string(),
                }
                .into());
            };
            let new = change(codec::decode(R::TREE, id.as_bytes(), &old)?)?;
            let value = codec::encode(&new);
            space::ensure(&self.dir, value.len() as u64)?;
            if self
                .sled(tree.compare_and_swap(id.as_bytes(), Some(&old), Some(value)))?
                .is_ok()
            {
                self.commit()?;
                return Ok(new);
            }
        }
    }

    /// Deletes the record of kind `R` with id `id` ([`StoreError::NotFound`] if none), and flushes.
    pub fn remove<R: PlainRecord>(&self, id: &str) -> Result<(), StoreError> {
        let tree = &self.trees[R::TREE];
        space::ensure(&self.dir, 0)?;
        if self.sled(tree.remove(id.as_bytes()))?.is_none() {
            return Err(StoreError::NotFound {
                kind: R::KIND,
                id: id.to_string(),
            });
        }
        self.commit()
    }
}
