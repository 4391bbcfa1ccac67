//! Backup and restore: everything Rondo stores as one JSON document, `rondo-data/1`
//! (README, "The rondo-data/1 format"). Restoring checks every record and every
//! reference first and then replaces the whole store at once (a new database made
//! current by one switch, [`crate::store::generations`]), so a bad file
//! changes nothing and the error names the record that is wrong.

use super::UseCaseError;
use crate::answers::BookingAnswers;
use crate::caldav::{CalendarAccount, CalendarLinks, CalendarRecords, Published};
use crate::data::{DataDoc, DATA_FORMAT};
use crate::domain::{Booking, BookingId, Interviewer, InviteSent, Need, Plan};
use crate::mail::outbox::Queued;
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// How many records a restore wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// Interviewers restored.
    pub interviewers: usize,
    /// Candidates restored.
    pub candidates: usize,
    /// Plans restored.
    pub plans: usize,
    /// Bookings restored.
    pub bookings: usize,
    /// Records of sent invites restored.
    pub invites_sent: usize,
    /// Training paths restored.
    pub training_paths: usize,
    /// Trainee records restored.
    pub trainees: usize,
    /// Bookings whose answers were restored.
    pub answers: usize,
    /// E-mails of the outbox restored (sent ones stay sent).
    pub outbox: usize,
    /// Connected-calendar accounts restored (`None`: the document had none to say, and
    /// the desk's were kept).
    pub calendar_accounts: Option<usize>,
}

/// Everything stored, as a `rondo-data/1` document stamped `now`.
pub fn export(store: &Store, now: DateTime<Utc>) -> Result<DataDoc, UseCaseError> {
    let bookings: Vec<Booking> = store.all()?;
    let booked: BTreeSet<&BookingId> = bookings.iter().map(|b| &b.id).collect();
    let invites_sent = store
        .all::<InviteSent>()?
        .into_iter()
        .filter(|s| booked.contains(&s.booking))
        .collect();
    let answers = store
        .all::<BookingAnswers>()?
        .into_iter()
        .filter(|a| booked.contains(&a.booking))
        .collect();
    let outbox = store
        .all::<Queued>()?
        .into_iter()
        .filter(|q| q.bookings.iter().all(|b| booked.contains(b)))
        .collect();
    let interviewers: Vec<Interviewer> = store.all()?;
    let calendars = calendar_records(store, &interviewers, &booked)?;
    Ok(DataDoc {
        format: DATA_FORMAT.to_string(),
        exported_at: now,
        candidates: store.all()?,
        plans: store.all()?,
        bookings,
        invites_sent,
        training_paths: store.all()?,
        trainees: store.all()?,
        answers,
        outbox,
        interviewers,
        calendars: Some(calendars),
    })
}

/// The desk's connected calendars as a backup holds them: what the store keeps of
/// people, accounts and bookings that are gone (an interviewer deleted after being
/// linked, a calendar unlinked) is left out, so the document passes its own checks.
fn calendar_records(
    store: &Store,
    interviewers: &[Interviewer],
    booked: &BTreeSet<&BookingId>,
) -> Result<CalendarRecords, UseCaseError> {
    let accounts: Vec<CalendarAccount> = store.all()?;
    let people: BTreeSet<&str> = interviewers.iter().map(|i| i.id.as_str()).collect();
    let names: BTreeSet<&str> = accounts.iter().map(|a| a.name.as_str()).collect();
    let links: Vec<CalendarLinks> = store
        .all::<CalendarLinks>()?
        .into_iter()
        .filter(|l| people.contains(l.interviewer.as_str()))
        .map(|mut l| {
            l.calendars.retain(|c| names.contains(c.account.as_str()));
            l
        })
        .collect();
    let linked: BTreeSet<String> = links
        .iter()
        .flat_map(|l| l.calendars.iter().map(|c| c.copy_key()))
        .collect();
    // Each copy with when it was last read, so a restored desk knows how fresh it is.
    let copies = super::connected::reading::stored_copies(store)?
        .into_iter()
        .filter(|c| linked.contains(&c.key))
        .collect();
    let published = store
        .all::<Published>()?
        .into_iter()
        .filter(|p| booked.contains(&p.booking))
        .collect();
    Ok(CalendarRecords {
        accounts,
        links,
        copies,
        published,
    })
}

/// Writes `doc` as the file `path` (pretty JSON and a newline), whole or not at all
/// ([`crate::whole_file`]): a crash or a full disk never leaves half a backup where a
/// good one was.
pub fn save(doc: &DataDoc, path: &std::path::Path) -> Result<(), UseCaseError> {
    let mut text = serde_json::to_vec_pretty(doc)
        .unwrap_or_else(|e| unreachable!("a data document serialises to JSON: {e}"));
    text.push(b'\n');
    Ok(crate::whole_file::write(path, &text)?)
}

/// Reads and checks a `rondo-data/1` document: JSON shape record by record, then every
/// record's own rules, distinct ids and references. The error names the first bad record.
pub fn parse(text: &str) -> Result<DataDoc, UseCaseError> {
    // Fast path: the whole document straight into records. Only if that fails (a record
    // of the wrong shape, or an older document missing a list) is it read again record
    // by record, slower, to name the record at fault; so the fields are listed once, in
    // `DataDoc`, and once more as raw JSON below.
    if let Ok(doc) = serde_json::from_str::<DataDoc>(text) {
        if doc.format == DATA_FORMAT {
            check(&doc)?;
            return Ok(doc);
        }
    }
    parse_record_by_record(text)
}

/// [`parse`] one record at a time, so that a record of the wrong shape is named.
fn parse_record_by_record(text: &str) -> Result<DataDoc, UseCaseError> {
    #[derive(Deserialize)]
    struct Raw {
        format: Option<String>,
        exported_at: Option<DateTime<Utc>>,
        #[serde(default)]
        interviewers: Vec<serde_json::Value>,
        #[serde(default)]
        candidates: Vec<serde_json::Value>,
        #[serde(default)]
        plans: Vec<serde_json::Value>,
        #[serde(default)]
        bookings: Vec<serde_json::Value>,
        #[serde(default)]
        invites_sent: Vec<serde_json::Value>,
        #[serde(default)]
        training_paths: Vec<serde_json::Value>,
        #[serde(default)]
        trainees: Vec<serde_json::Value>,
        #[serde(default)]
        answers: Vec<serde_json::Value>,
        #[serde(default)]
        outbox: Vec<serde_json::Value>,
        calendars: Option<RawCalendars>,
    }
    #[derive(Deserialize)]
    struct RawCalendars {
        #[serde(default)]
        accounts: Vec<serde_json::Value>,
        #[serde(default)]
        links: Vec<serde_json::Value>,
        #[serde(default)]
        copies: Vec<serde_json::Value>,
        #[serde(default)]
        published: Vec<serde_json::Value>,
    }
    let raw: Raw = serde_json::from_str(text).map_err(|e| {
        bad(
            "the document",
            format!("it is not a rondo-data/1 JSON document ({e})"),
        )
    })?;
    match raw.format.as_deref() {
        Some(DATA_FORMAT) => {}
        other => {
            return Err(bad(
                "format",
                format!("is {other:?}; this Rondo reads \"{DATA_FORMAT}\""),
            ))
        }
    }
    let doc = DataDoc {
        format: DATA_FORMAT.to_string(),
        exported_at: raw.exported_at.unwrap_or(DateTime::<Utc>::UNIX_EPOCH),
        interviewers: records("interviewers", raw.interviewers)?,
        candidates: records("candidates", raw.candidates)?,
        plans: records("plans", raw.plans)?,
        bookings: records("bookings", raw.bookings)?,
        invites_sent: records("invites_sent", raw.invites_sent)?,
        training_paths: records("training_paths", raw.training_paths)?,
        trainees: records("trainees", raw.trainees)?,
        answers: records("answers", raw.answers)?,
        outbox: records("outbox", raw.outbox)?,
        calendars: match raw.calendars {
            None => None,
            Some(c) => Some(CalendarRecords {
                accounts: records("calendars.accounts", c.accounts)?,
                links: records("calendars.links", c.links)?,
                copies: records("calendars.copies", c.copies)?,
                published: records("calendars.published", c.published)?,
            }),
        },
    };
    check(&doc)?;
    Ok(doc)
}

/// Replaces everything stored by the document's records, all or nothing.
pub fn restore(store: &mut Store, doc: &DataDoc) -> Result<ImportSummary, UseCaseError> {
    check(doc)?;
    store.replace_all(&crate::store::Contents {
        interviewers: &doc.interviewers,
        candidates: &doc.candidates,
        plans: &doc.plans,
        bookings: &doc.bookings,
        proposals: &[],
        invites_sent: &doc.invites_sent,
        answers: &doc.answers,
        outbox: &doc.outbox,
        training_paths: &doc.training_paths,
        trainees: &doc.trainees,
        calendars: doc.calendars.as_ref(),
    })?;
    Ok(ImportSummary {
        interviewers: doc.interviewers.len(),
        candidates: doc.candidates.len(),
        plans: doc.plans.len(),
        bookings: doc.bookings.len(),
        invites_sent: doc.invites_sent.len(),
        training_paths: doc.training_paths.len(),
        trainees: doc.trainees.len(),
        answers: doc.answers.len(),
        outbox: doc.outbox.len(),
        calendar_accounts: doc.calendars.as_ref().map(|c| c.accounts.len()),
    })
}

/// Deletes everything stored, all at once (the restore of an empty document).
pub fn clear(store: &mut Store, now: DateTime<Utc>) -> Result<(), UseCaseError> {
    restore(store, &DataDoc::empty(now)).map(|_| ())
}

fn bad(record: &str, message: String) -> UseCaseError {
    UseCaseError::BadBackup {
        record: record.to_string(),
        message,
    }
}

fn label(list: &str, k: usize, id: &str) -> String {
    format!("{list}[{k}] ({id})")
}

fn records<T: DeserializeOwned>(
    list: &str,
    values: Vec<serde_json::Value>,
) -> Result<Vec<T>, UseCaseError> {
    values
        .into_iter()
        .enumerate()
        .map(|(k, v)| {
            // Records name themselves by `id`; a sent invite, answers and a published
            // booking by their `booking`, an account by its `name`, links and a trainee
            // by their `interviewer`, a calendar's copy by its `key`, a path by its `pool`.
            let id = ["id", "booking", "name", "interviewer", "key", "pool"]
                .iter()
                .find_map(|k| v.get(*k))
                .and_then(|x| x.as_str())
                .unwrap_or("no id")
                .to_string();
            serde_json::from_value(v).map_err(|e| bad(&label(list, k, &id), e.to_string()))
        })
        .collect()
}

fn unique<'a>(
    list: &str,
    ids: impl Iterator<Item = &'a str>,
) -> Result<BTreeSet<&'a str>, UseCaseError> {
    let mut seen = BTreeSet::new();
    for (k, id) in ids.enumerate() {
        if !seen.insert(id) {
            return Err(bad(&label(list, k, id), "this id appears twice".into()));
        }
    }
    Ok(seen)
}

/// Every record's own rules, distinct ids, and every reference resolved.
fn check(doc: &DataDoc) -> Result<(), UseCaseError> {
    let people = unique(
        "interviewers",
        doc.interviewers.iter().map(|i| i.id.as_str()),
    )?;
    let cands = unique("candidates", doc.candidates.iter().map(|c| c.id.as_str()))?;
    unique("plans", doc.plans.iter().map(|p| p.id.as_str()))?;
    let booked = unique("bookings", doc.bookings.iter().map(|b| b.id.as_str()))?;
    unique(
        "invites_sent",
        doc.invites_sent.iter().map(|s| s.booking.as_str()),
    )?;
    for (k, s) in doc.invites_sent.iter().enumerate() {
        if !booked.contains(s.booking.as_str()) {
            return Err(bad(
                &label("invites_sent", k, s.booking.as_str()),
                format!("is for booking {}, which is not in the document", s.booking),
            ));
        }
    }
    unique("answers", doc.answers.iter().map(|a| a.booking.as_str()))?;
    for (k, a) in doc.answers.iter().enumerate() {
        if !booked.contains(a.booking.as_str()) {
            return Err(bad(
                &label("answers", k, a.booking.as_str()),
                format!(
                    "are for booking {}, which is not in the document",
                    a.booking
                ),
            ));
        }
    }
    unique("outbox", doc.outbox.iter().map(|q| q.id.as_str()))?;
    for (k, q) in doc.outbox.iter().enumerate() {
        let here = label("outbox", k, &q.id);
        if q.id != q.message.message_id {
            return Err(bad(
                &here,
                format!(
                    "is keyed {} but its message is {}: the two must be the same Message-ID",
                    q.id, q.message.message_id
                ),
            ));
        }
        if let Some(b) = q.bookings.iter().find(|b| !booked.contains(b.as_str())) {
            return Err(bad(
                &here,
                format!("is about booking {b}, which is not in the document"),
            ));
        }
    }
    let plans: BTreeMap<&str, &Plan> = doc.plans.iter().map(|p| (p.id.as_str(), p)).collect();
    for (k, i) in doc.interviewers.iter().enumerate() {
        i.validate()
            .map_err(|e| bad(&label("interviewers", k, i.id.as_str()), e.to_string()))?;
    }
    for (k, p) in doc.plans.iter().enumerate() {
        let here = label("plans", k, p.id.as_str());
        p.validate().map_err(|e| bad(&here, e.to_string()))?;
        for n in p.rounds.iter().flat_map(|r| r.needs.iter()) {
            match n {
                Need::Person(who) if !people.contains(who.as_str()) => {
                    return Err(bad(
                        &here,
                        format!("names interviewer {who}, who is not in the document"),
                    ))
                }
                Need::Person(_) | Need::Pool { .. } => {}
            }
        }
    }
    for (k, c) in doc.candidates.iter().enumerate() {
        let here = label("candidates", k, c.id.as_str());
        c.validate().map_err(|e| bad(&here, e.to_string()))?;
        if let Some(p) = &c.plan {
            if !plans.contains_key(p.as_str()) {
                return Err(bad(
                    &here,
                    format!("is in plan {p}, which is not in the document"),
                ));
            }
        }
    }
    for (k, b) in doc.bookings.iter().enumerate() {
        let here = label("bookings", k, b.id.as_str());
        b.validate().map_err(|e| bad(&here, e.to_string()))?;
        if !cands.contains(b.candidate.as_str()) {
            return Err(bad(
                &here,
                format!(
                    "is for candidate {}, who is not in the document",
                    b.candidate
                ),
            ));
        }
        let Some(plan) = plans.get(b.plan.as_str()) else {
            return Err(bad(
                &here,
                format!("belongs to plan {}, which is not in the document", b.plan),
            ));
        };
        if plan.round(&b.round).is_none() {
            return Err(bad(
                &here,
                format!(
                    "is for round {}, which plan {} does not have",
                    b.round, b.plan
                ),
            ));
        }
        if let Some(who) = b.people().find(|i| !people.contains(i.as_str())) {
            return Err(bad(
                &here,
                format!("names interviewer {who}, who is not in the document"),
            ));
        }
    }
    check_training(doc, &people)?;
    if let Some(c) = &doc.calendars {
        check_calendars(c, &people, &booked)?;
    }
    Ok(())
}

/// The training paths (one per pool) and trainees (one record per interviewer of the
/// document, each pool of theirs with a path).
fn check_training(doc: &DataDoc, people: &BTreeSet<&str>) -> Result<(), UseCaseError> {
    let pools = unique(
        "training_paths",
        doc.training_paths.iter().map(|p| p.pool.as_str()),
    )?;
    for (k, p) in doc.training_paths.iter().enumerate() {
        p.validate()
            .map_err(|e| bad(&label("training_paths", k, &p.pool), e.to_string()))?;
    }
    unique(
        "trainees",
        doc.trainees.iter().map(|t| t.interviewer.as_str()),
    )?;
    for (k, t) in doc.trainees.iter().enumerate() {
        let here = label("trainees", k, t.interviewer.as_str());
        t.validate().map_err(|e| bad(&here, e.to_string()))?;
        if !people.contains(t.interviewer.as_str()) {
            return Err(bad(
                &here,
                format!(
                    "is interviewer {}, who is not in the document",
                    t.interviewer
                ),
            ));
        }
        if let Some(track) = t.tracks.iter().find(|t| !pools.contains(t.pool.as_str())) {
            return Err(bad(
                &here,
                format!(
                    "trains for pool {}, which has no training path in the document",
                    track.pool
                ),
            ));
        }
    }
    Ok(())
}

/// The connected calendars' own rules and references: accounts valid and named once
/// (none with a password in its address), links to interviewers and accounts of the
/// document, copies of linked calendars, published bookings of the document.
fn check_calendars(
    c: &CalendarRecords,
    people: &BTreeSet<&str>,
    booked: &BTreeSet<&str>,
) -> Result<(), UseCaseError> {
    const ACCOUNTS: &str = "calendars.accounts";
    const LINKS: &str = "calendars.links";
    const COPIES: &str = "calendars.copies";
    const PUBLISHED: &str = "calendars.published";
    let accounts = unique(ACCOUNTS, c.accounts.iter().map(|a| a.name.as_str()))?;
    unique(LINKS, c.links.iter().map(|l| l.interviewer.as_str()))?;
    unique(COPIES, c.copies.iter().map(|k| k.key.as_str()))?;
    unique(PUBLISHED, c.published.iter().map(|p| p.booking.as_str()))?;
    if c.accounts.iter().filter(|a| a.team.is_some()).count() > 1 {
        return Err(bad(
            ACCOUNTS,
            "more than one account holds the team's interview calendar; one may".into(),
        ));
    }
    for (k, a) in c.accounts.iter().enumerate() {
        a.validate()
            .map_err(|e| bad(&label(ACCOUNTS, k, a.name.as_str()), e.to_string()))?;
    }
    let mut linked = BTreeSet::new();
    for (k, l) in c.links.iter().enumerate() {
        let here = label(LINKS, k, l.interviewer.as_str());
        if !people.contains(l.interviewer.as_str()) {
            return Err(bad(
                &here,
                format!(
                    "are for interviewer {}, who is not in the document",
                    l.interviewer
                ),
            ));
        }
        if let Some(gone) = l
            .calendars
            .iter()
            .find(|x| !accounts.contains(x.account.as_str()))
        {
            return Err(bad(
                &here,
                format!(
                    "name account {}, which is not in the document",
                    gone.account
                ),
            ));
        }
        linked.extend(l.calendars.iter().map(|x| x.copy_key()));
    }
    for (k, copy) in c.copies.iter().enumerate() {
        if !linked.contains(&copy.key) {
            let shown = copy.key.replace('\u{1f}', " ");
            return Err(bad(
                &label(COPIES, k, &shown),
                "is of a calendar no interviewer of the document is linked to".into(),
            ));
        }
    }
    for (k, p) in c.published.iter().enumerate() {
        if !booked.contains(p.booking.as_str()) {
            return Err(bad(
                &label(PUBLISHED, k, p.booking.as_str()),
                format!("is for booking {}, which is not in the document", p.booking),
            ));
        }
    }
    Ok(())
}
