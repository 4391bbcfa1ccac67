//! Replacing everything stored: the records and their indexes are written as a new
//! database beside the current one, which one small file then makes current
//! ([`super::generations`]). A restore and a schema upgrade both go this way.

use super::{
    bookings::entry_index, codec, generations, open::open_sled, open::read_commits, space,
    tree::Trees, Record, Store, StoreError, Tree, COMMITS_KEY, INSTANCE_KEY, NEXT_BOOKING_KEY,
    SCHEMA_KEY, SCHEMA_VERSION,
};
use crate::answers::BookingAnswers;
use crate::caldav::{CalendarAccount, CalendarCopy, CalendarLinks, CalendarRecords, Published};
use crate::domain::{
    Booking, Candidate, Interviewer, InviteSent, Plan, Proposal, Trainee, TrainingPath,
};
use crate::mail::outbox::Queued;
use std::path::Path;

impl Store {
    /// Replaces everything stored (people, plans, bookings, sent invites, answers, the
    /// outbox) by `contents`, all or nothing: the records are written with their indexes
    /// into a new sled database beside the current one (fast sled batches), flushed, and
    /// only then does one small file make it current; the old one is deleted after
    /// ([`generations`]). A crash before the switch leaves the old data, and the next
    /// open deletes the unfinished database. The outbox's entries keep their delivery
    /// state: a message recorded `sent` stays sent. Connected calendars are replaced by
    /// `contents.calendars` when given; with `None` the desk's accounts and links are
    /// carried over as they are (what each calendar said is read again).
    pub fn replace_all(&mut self, contents: &Contents) -> Result<(), StoreError> {
        self.replace_with(contents)
    }

    /// Writes `contents` and their indexes as a new generation ([`generations`]) with
    /// this database's counters and tag carried over (one more commit), makes it current
    /// and carries on with it; the old generation's folder is deleted.
    fn replace_with(&mut self, contents: &Contents) -> Result<(), StoreError> {
        let next = self.generation + 1;
        let commits = read_commits(&self.dir, &self.trees[Tree::Meta])? + 1;
        let meta = new_meta(&self.dir, &self.trees[Tree::Meta], commits, &self.instance)?;
        let (db, trees) = write_generation(&self.dir, next, contents, meta)?;
        // A document without connected calendars keeps the desk's accounts and links:
        // carried over, durable before the switch.
        let carried = match contents.calendars {
            Some(_) => Ok(()),
            None => self.carry_desk_trees(&db, &trees),
        };
        if let Err(e) = carried {
            drop((db, trees));
            let _ = std::fs::remove_dir_all(generations::folder(&self.dir, next));
            return Err(e);
        }
        let switched = generations::make_current(&self.dir, next);
        if switched.is_err() && generations::current(&self.dir).ok() != Some(next) {
            drop((db, trees));
            let _ = std::fs::remove_dir_all(generations::folder(&self.dir, next));
            return switched;
        }
        // Once `rondo.current` names it (even if fsyncing the folder then failed), the
        // new database is the one to write to.
        self.db = db;
        self.trees = trees;
        self.generation = next;
        switched?;
        self.mirror(commits)?;
        generations::remove_others(&self.dir, next);
        Ok(())
    }
}

impl Store {
    /// Copies the trees that belong to this desk rather than to the data document
    /// (calendar accounts and links) into the new generation's `trees`, and flushes.
    fn carry_desk_trees(&self, db: &sled::Db, trees: &Trees) -> Result<(), StoreError> {
        let sled = |r| StoreError::from_sled(&self.dir, r);
        for t in [Tree::CalendarAccounts, Tree::CalendarLinks] {
            let mut batch = sled::Batch::default();
            for kv in self.trees[t].iter() {
                let (k, v) = kv.map_err(sled)?;
                batch.insert(k, v);
            }
            trees[t].apply_batch(batch).map_err(sled)?;
        }
        db.flush().map_err(sled)?;
        Ok(())
    }
}

/// The `meta` entries of a new generation: the schema, commit count `commits`, instance
/// tag `instance`, and the booking-id counter carried over from `old_meta`.
pub(super) fn new_meta(
    dir: &Path,
    old_meta: &sled::Tree,
    commits: u64,
    instance: &str,
) -> Result<sled::Batch, StoreError> {
    let mut meta = sled::Batch::default();
    meta.insert(SCHEMA_KEY, &SCHEMA_VERSION.to_be_bytes());
    meta.insert(COMMITS_KEY, &commits.to_be_bytes());
    meta.insert(INSTANCE_KEY, instance.as_bytes());
    if let Some(n) = old_meta
        .get(NEXT_BOOKING_KEY)
        .map_err(|e| StoreError::from_sled(dir, e))?
    {
        meta.insert(NEXT_BOOKING_KEY, n);
    }
    Ok(meta)
}

/// Writes `contents` and their indexes, and the `meta` entries `meta`, as a new sled
/// database in the folder of generation `next` of data folder `dir`, flushed; returns
/// it open. Not current yet: on failure the folder is deleted (the next open would
/// delete it too).
pub(super) fn write_generation(
    dir: &Path,
    next: u64,
    contents: &Contents,
    meta: sled::Batch,
) -> Result<(sled::Db, Trees), StoreError> {
    let path = generations::folder(dir, next);
    // What an earlier attempt killed before its switch left there.
    match std::fs::remove_dir_all(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(StoreError::from_io(dir, e))
        }
        _ => {}
    }
    let (trees_pairs, size) = tree_pairs(contents);
    space::ensure(dir, size)?;
    let sled = |r| StoreError::from_sled(dir, r);
    let write = || -> Result<(sled::Db, Trees), StoreError> {
        let db = open_sled(dir, &path)?;
        let trees = Trees::open(&db).map_err(sled)?;
        for (name, pairs) in &trees_pairs {
            let tree = &trees[*name];
            for part in pairs.chunks(RESTORE_BATCH) {
                let mut batch = sled::Batch::default();
                for (k, v) in part {
                    batch.insert(k.as_slice(), v.as_slice());
                }
                tree.apply_batch(batch).map_err(sled)?;
            }
        }
        trees[Tree::Meta].apply_batch(meta).map_err(sled)?;
        // Complete and durable before it becomes the current one.
        db.flush().map_err(sled)?;
        Ok((db, trees))
    };
    write().inspect_err(|_| {
        let _ = std::fs::remove_dir_all(&path);
    })
}

/// Keys per sled batch when a new generation is written. Atomicity comes from the
/// switch, not from the batches, so they can be small: sled holds one epoch guard for a
/// whole batch, and the memory of every node version a batch replaces is freed only
/// after it; a batch per tree of the 100,000-booking set left ~0.7 s of frees to
/// whatever touched sled next (the export after an import took three times as long).
const RESTORE_BATCH: usize = 1000;

/// Everything a new generation holds.
pub struct Contents<'a> {
    /// Interviewers.
    pub interviewers: &'a [Interviewer],
    /// Candidates.
    pub candidates: &'a [Candidate],
    /// Plans.
    pub plans: &'a [Plan],
    /// Bookings (their indexes are rebuilt).
    pub bookings: &'a [Booking],
    /// Kept proposals (a restore keeps none: they are recomputed).
    pub proposals: &'a [Proposal],
    /// Which version of each booking's invites was written.
    pub invites_sent: &'a [InviteSent],
    /// Each booking's answers.
    pub answers: &'a [BookingAnswers],
    /// The e-mails queued, with where each is.
    pub outbox: &'a [Queued],
    /// Each pool's training path.
    pub training_paths: &'a [TrainingPath],
    /// Each interviewer's training.
    pub trainees: &'a [Trainee],
    /// The connected calendars, or `None` to write none (a restore then carries the
    /// desk's over).
    pub calendars: Option<&'a CalendarRecords>,
}

/// Keys and values to write into a tree.
type Pairs = Vec<(Vec<u8>, Vec<u8>)>;

/// The key-value pairs of every data tree for `c` and the three booking indexes, each
/// tree's in key order, with the bytes they hold.
fn tree_pairs(c: &Contents) -> (Vec<(Tree, Pairs)>, u64) {
    let mut size = 0u64;
    let mut batch = |pairs: &mut dyn Iterator<Item = (Vec<u8>, Vec<u8>)>| {
        let mut batch: Pairs = pairs.collect();
        batch.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        size += batch
            .iter()
            .map(|(k, v)| (k.len() + v.len()) as u64)
            .sum::<u64>();
        batch
    };
    fn records<R: Record>(records: &[R]) -> impl Iterator<Item = (Vec<u8>, Vec<u8>)> + '_ {
        records
            .iter()
            .map(|r| (r.key().as_bytes().to_vec(), codec::encode(r)))
    }
    let empty = CalendarRecords::default();
    let cal = c.calendars.unwrap_or(&empty);
    let out = vec![
        (CalendarAccount::TREE, batch(&mut records(&cal.accounts))),
        (CalendarLinks::TREE, batch(&mut records(&cal.links))),
        (CalendarCopy::TREE, batch(&mut records(&cal.copies))),
        (Published::TREE, batch(&mut records(&cal.published))),
        (Interviewer::TREE, batch(&mut records(c.interviewers))),
        (Candidate::TREE, batch(&mut records(c.candidates))),
        (Plan::TREE, batch(&mut records(c.plans))),
        (Booking::TREE, batch(&mut records(c.bookings))),
        (Proposal::TREE, batch(&mut records(c.proposals))),
        (InviteSent::TREE, batch(&mut records(c.invites_sent))),
        (BookingAnswers::TREE, batch(&mut records(c.answers))),
        (Queued::TREE, batch(&mut records(c.outbox))),
        (TrainingPath::TREE, batch(&mut records(c.training_paths))),
        (Trainee::TREE, batch(&mut records(c.trainees))),
        (
            Tree::BookingsByStart,
            batch(&mut c.bookings.iter().map(|b| {
                (
                    codec::by_start_key(b.start, b.id.as_str()),
                    codec::encode(b),
                )
            })),
        ),
        (
            Tree::InterviewerDays,
            batch(
                &mut entry_index(c.bookings, |b| {
                    b.people()
                        .map(|who| codec::day_key(who.as_str(), codec::day_number(b.start)))
                        .collect()
                })
                .into_iter()
                .map(|(k, v)| (k, codec::encode(&v))),
            ),
        ),
        (
            Tree::CandidateBookings,
            batch(
                &mut entry_index(c.bookings, |b| {
                    vec![codec::candidate_key(b.candidate.as_str())]
                })
                .into_iter()
                .map(|(k, v)| (k, codec::encode(&v))),
            ),
        ),
    ];
    (out, size)
}
