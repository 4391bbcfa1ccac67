//! The coordinator's pipeline: every candidate with their job and stage, their next
//! interview on their own clock, and what waits on the coordinator (to schedule, to
//! confirm, to send), grouped by job and stage; and a searchable page of it, so the window
//! never draws ten thousand rows.

use super::invites::SentLog;
use super::UseCaseError;
use crate::display;
use crate::domain::{Booking, BookingStatus, Candidate, Plan, Stage};
use crate::store::Store;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// What waits on the coordinator for a candidate, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Waiting {
    /// Booked interviews whose invites were never written, or changed since.
    Send,
    /// Booked interviews still proposed or held: not confirmed yet.
    Confirm,
    /// In the process with nothing booked ahead.
    Schedule,
    /// Nothing: confirmed and sent, or not in an active stage.
    Nothing,
}

/// How far back a booking still counts as current (one not yet confirmed last week is
/// still waiting).
const LOOK_BACK_DAYS: i64 = 14;
/// How far ahead bookings are read.
const LOOK_AHEAD_DAYS: i64 = 366;

/// One candidate's line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PipelineRow {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// E-mail.
    pub email: String,
    /// Their plan's job ("" when in no plan).
    pub job: String,
    /// Their plan's id.
    pub plan: Option<String>,
    /// Their stage.
    pub stage: Stage,
    /// IANA zone.
    pub zone: String,
    /// Where they are with their offset now (`Kolkata, UTC+05:30`).
    pub place: String,
    /// What waits on the coordinator.
    pub waiting: Waiting,
    /// The same in words, with counts ("to send: 4 invites").
    pub waiting_text: String,
    /// Their next interview in their own zone (`Tue 10 Mar 14:00 Kolkata`).
    pub next: Option<String>,
    /// Live bookings ahead.
    pub booked: usize,
}

/// Every candidate's line, grouped by job, then stage in process order, then what waits
/// (most urgent first), then name. What was sent is read from the store ([`SentLog`]).
pub fn rows(store: &Store, now: DateTime<Utc>) -> Result<Vec<PipelineRow>, UseCaseError> {
    let sent = SentLog::load(store)?;
    let jobs: BTreeMap<String, String> = store
        .all::<Plan>()?
        .into_iter()
        .map(|p| (p.id.to_string(), p.job))
        .collect();
    let mut by_candidate: BTreeMap<String, Vec<Booking>> = BTreeMap::new();
    for b in store.bookings_starting(
        now - Duration::days(LOOK_BACK_DAYS),
        now + Duration::days(LOOK_AHEAD_DAYS),
    )? {
        if b.status.is_live() {
            by_candidate
                .entry(b.candidate.to_string())
                .or_default()
                .push(b);
        }
    }
    let mut out: Vec<PipelineRow> = store
        .all::<Candidate>()?
        .into_iter()
        .map(|c| {
            let bookings = by_candidate
                .get(c.id.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            row(&c, bookings, &jobs, &sent, now)
        })
        .collect();
    let stage_ix = |s: Stage| Stage::ALL.iter().position(|x| *x == s).unwrap_or(0);
    out.sort_by(|a, b| {
        (&a.job, stage_ix(a.stage), a.waiting, &a.name, &a.id).cmp(&(
            &b.job,
            stage_ix(b.stage),
            b.waiting,
            &b.name,
            &b.id,
        ))
    });
    Ok(out)
}

fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

/// One candidate's line from their live bookings around now.
fn row(
    c: &Candidate,
    bookings: &[Booking],
    jobs: &BTreeMap<String, String>,
    sent: &SentLog,
    now: DateTime<Utc>,
) -> PipelineRow {
    let unsent = bookings.iter().filter(|b| !sent.is_current(b)).count();
    let unconfirmed = bookings
        .iter()
        .filter(|b| matches!(b.status, BookingStatus::Proposed | BookingStatus::Held))
        .count();
    let ahead: Vec<&Booking> = bookings.iter().filter(|b| b.end > now).collect();
    let active = match c.stage {
        Stage::Applied | Stage::Interviewing => true,
        Stage::Offer | Stage::Hired | Stage::Closed => false,
    };
    let (waiting, waiting_text) = if unsent > 0 {
        (
            Waiting::Send,
            format!("to send: {}", plural(unsent, "interview")),
        )
    } else if unconfirmed > 0 {
        (
            Waiting::Confirm,
            format!("to confirm: {}", plural(unconfirmed, "interview")),
        )
    } else if active && ahead.is_empty() {
        (Waiting::Schedule, "to schedule".to_string())
    } else if !ahead.is_empty() {
        (Waiting::Nothing, "nothing: confirmed and sent".to_string())
    } else {
        (Waiting::Nothing, "nothing".to_string())
    };
    let next = ahead
        .iter()
        .filter(|b| b.start >= now)
        .map(|b| b.start)
        .min()
        .map(|t| display::instant_label(c.time_zone, t));
    let plan = c.plan.as_ref().map(|p| p.to_string());
    PipelineRow {
        id: c.id.to_string(),
        name: c.name.clone(),
        email: c.email.clone(),
        job: plan
            .as_ref()
            .and_then(|p| jobs.get(p))
            .cloned()
            .unwrap_or_default(),
        plan,
        stage: c.stage,
        zone: c.time_zone.name().to_string(),
        place: format!(
            "{}, {}",
            display::city(c.time_zone),
            display::offset_label(c.time_zone, now)
        ),
        waiting,
        waiting_text,
        next,
        booked: ahead.len(),
    }
}

/// A page of the pipeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// The lines shown.
    pub rows: Vec<PipelineRow>,
    /// Lines matching the search.
    pub matched: usize,
    /// Lines in all.
    pub total: usize,
    /// Matching lines by what waits: to send, to confirm, to schedule.
    pub to_send: usize,
    /// See `to_send`.
    pub to_confirm: usize,
    /// See `to_send`.
    pub to_schedule: usize,
}

/// Lines per page of the window's long lists (the pipeline, the interviewers): what a
/// coordinator scans at a glance, and what the window draws at once.
pub const PAGE_SIZE: usize = 50;

/// The lines matching `query` (in name, e-mail, id, job, stage or place; every word
/// must match, any case) and, when given, waiting on `waiting`, from `offset`, at most
/// `limit`.
pub fn page(
    rows: &[PipelineRow],
    query: &str,
    waiting: Option<Waiting>,
    offset: usize,
    limit: usize,
) -> Page {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let hits: Vec<&PipelineRow> = rows
        .iter()
        .filter(|r| {
            words.iter().all(|w| {
                [
                    r.name.as_str(),
                    &r.email,
                    &r.id,
                    &r.job,
                    r.stage.as_str(),
                    &r.place,
                ]
                .iter()
                .any(|f| f.to_lowercase().contains(w.as_str()))
            })
        })
        .collect();
    let count = |w: Waiting| hits.iter().filter(|r| r.waiting == w).count();
    let (to_send, to_confirm, to_schedule) = (
        count(Waiting::Send),
        count(Waiting::Confirm),
        count(Waiting::Schedule),
    );
    let chosen: Vec<&PipelineRow> = hits
        .into_iter()
        .filter(|r| waiting.is_none_or(|w| r.waiting == w))
        .collect();
    Page {
        matched: chosen.len(),
        rows: chosen
            .into_iter()
            .skip(offset)
            .take(limit)
            .cloned()
            .collect(),
        total: rows.len(),
        to_send,
        to_confirm,
        to_schedule,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: &str, job: &str, waiting: Waiting) -> PipelineRow {
        PipelineRow {
            id: id.into(),
            name: format!("Name {id}"),
            email: format!("{id}@example.org"),
            job: job.into(),
            plan: None,
            stage: Stage::Interviewing,
            zone: "Asia/Kolkata".into(),
            place: "Kolkata, UTC+05:30".into(),
            waiting,
            waiting_text: String::new(),
            next: None,
            booked: 0,
        }
    }

    #[test]
    fn a_page_is_searched_filtered_counted_and_cut() {
        let rows: Vec<PipelineRow> = (0..120)
            .map(|k| {
                let waiting = [Waiting::Send, Waiting::Confirm, Waiting::Schedule][k % 3];
                let job = if k < 60 {
                    "Backend engineer"
                } else {
                    "Designer"
                };
                line(&format!("c{k:03}"), job, waiting)
            })
            .collect();
        let all = page(&rows, "", None, 0, 50);
        assert_eq!(
            (all.rows.len(), all.matched, all.total),
            (50, 120, 120),
            "the first page"
        );
        assert_eq!(
            (all.to_send, all.to_confirm, all.to_schedule),
            (40, 40, 40),
            "counts by what waits"
        );
        let last = page(&rows, "", None, 100, 50);
        assert_eq!(last.rows.len(), 20, "the last page holds the rest");
        let backend = page(&rows, "BACKEND eng", None, 0, 50);
        assert_eq!(backend.matched, 60, "every word matches, any case");
        let send = page(&rows, "backend", Some(Waiting::Send), 0, 50);
        assert_eq!(send.matched, 20, "the filter applies after the search");
        assert_eq!(
            send.to_confirm, 20,
            "the counts are of the search, not the filter"
        );
        assert!(
            page(&rows, "nobody", None, 0, 50).rows.is_empty(),
            "no match, no rows"
        );
    }
}
