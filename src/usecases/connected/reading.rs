//! Reading busy time from the linked calendars into the store: each linked calendar
//! fills one calendar source of its interviewer ([`LinkedCalendar::source_id`]),
//! replaced whole as a file import does. The events and sync token are kept
//! ([`CalendarCopy`]) so the next read fetches only what changed; a calendar that cannot
//! be read keeps its last copy, and the failure is kept with when it happened.
//!
//! Before any calendar is read, the collection that holds each group of them (the
//! calendar home) is listed once (`homes`): a calendar whose tag there is the one of
//! the busy time held is not read at all, only marked read now.
//!
//! The network part runs on a few threads at once; the store is written after, in
//! few writes (a calendar that did not change writes nothing but its read time).

use super::super::calendar::import_calendar;
use super::super::UseCaseError;
use super::homes::{self, Check};
use super::{session, team};
use crate::caldav::sync::Resource;
use crate::caldav::{self, subscription, CalDavError, CalendarRef, Client, SyncState};
use crate::caldav::{
    AccountKind, CalendarAccount, CalendarCopy, CalendarLinks, CopyRead, LinkedCalendar, Tagged,
};
use crate::domain::Interviewer;
use crate::ical::import::{busy_from_ics, ImportError, ImportOptions, Window};
use crate::interval::Interval;
use crate::store::{Store, StoreError};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// Days before today read by default.
pub const BACK_DAYS: i64 = 1;
/// Days after today read by default.
pub const AHEAD_DAYS: i64 = 90;
/// Calendars read at once.
const THREADS: usize = 6;

/// The default window: today − [`BACK_DAYS`] to today + [`AHEAD_DAYS`] (UTC days).
pub fn default_window(now: DateTime<Utc>) -> Interval {
    let day = now
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .map(|d| d.and_utc())
        .unwrap_or(now);
    Interval {
        start: day - Duration::days(BACK_DAYS),
        end: day + Duration::days(AHEAD_DAYS + 1),
    }
}

/// How one calendar was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReadMethod {
    /// A `calendar-query` over the window.
    Query,
    /// Only the changes (`sync-collection`).
    SyncCollection,
    /// A `free-busy-query` (shared busy-only).
    FreeBusy,
    /// A subscription downloaded.
    Download,
    /// A subscription not changed since the last read (`304`).
    NotModified,
    /// Not read: its calendar home lists the same tag as when its busy time was read.
    Unchanged,
    /// Not read: the last copy was kept.
    Failed,
}

/// What reading one linked calendar did.
#[derive(Debug, Clone, Serialize)]
pub struct CalendarRead {
    /// The account.
    pub account: String,
    /// The calendar's address.
    pub url: String,
    /// How it was read.
    pub method: ReadMethod,
    /// Events read (in the window; for an unchanged calendar, at its last read).
    pub events: usize,
    /// Busy blocks kept (merged).
    pub busy_blocks: usize,
    /// Event resources downloaded.
    pub fetched: usize,
    /// Requests sent.
    pub requests: usize,
    /// What was left out, and why.
    pub skipped: Vec<String>,
    /// Why it could not be read (the last copy was kept), in words.
    pub error: Option<String>,
    /// When the busy time used now was read (`None`: never).
    pub read_at: Option<DateTime<Utc>>,
}

/// What reading one interviewer's calendars did.
#[derive(Debug, Clone, Serialize)]
pub struct PersonRead {
    /// The interviewer.
    pub interviewer: String,
    /// Their name.
    pub name: String,
    /// Each calendar.
    pub calendars: Vec<CalendarRead>,
}

/// What a sync did.
#[derive(Debug, Clone, Serialize)]
pub struct SyncSummary {
    /// The window read.
    pub from: DateTime<Utc>,
    /// Its end.
    pub to: DateTime<Utc>,
    /// Per interviewer.
    pub people: Vec<PersonRead>,
    /// Calendars read.
    pub read: usize,
    /// Calendars that could not be read (last copy kept).
    pub failed: usize,
    /// Calendar homes listed first, to skip the calendars that did not change.
    pub homes_listed: usize,
    /// Busy blocks of other coordinators' bookings read from the team calendar's claims.
    pub other_desks: Option<usize>,
}

/// One calendar to read.
pub(super) struct Job {
    /// Whose.
    pub(super) who: Interviewer,
    /// Which calendar.
    pub(super) link: LinkedCalendar,
    /// Its account.
    pub(super) account: CalendarAccount,
    /// What was kept of it.
    pub(super) copy: CalendarCopy,
    /// What its home's listing said.
    pub(super) check: Check,
}

/// What reading one calendar gave.
enum Outcome {
    /// Its busy time now.
    Busy(Vec<Interval>),
    /// Not changed: the busy time held stands.
    Unchanged,
    /// Not read: the busy time held stands, the failure is recorded.
    Failed,
}

/// What the network part found for one calendar.
struct Found {
    /// The copy as read, when a read happened (`None`: the copy held stands).
    copy: Option<CalendarCopy>,
    /// When it was read, and the last failure.
    stamp: CopyRead,
    busy: Outcome,
    read: CalendarRead,
}

/// The calendar of `job`, whose home lists the tag of the busy time held: marked read
/// at `now`, nothing else changed.
fn unchanged(job: &Job, now: DateTime<Utc>) -> Found {
    let source = job.link.source_id();
    let read = CalendarRead {
        account: job.account.name.to_string(),
        url: job.link.url.clone(),
        method: ReadMethod::Unchanged,
        events: job.copy.tagged.as_ref().map_or(0, |t| t.events),
        busy_blocks: job
            .who
            .calendars
            .iter()
            .find(|c| c.id == source)
            .map_or(0, |c| c.busy.len()),
        fetched: 0,
        requests: 0,
        skipped: Vec::new(),
        error: None,
        read_at: Some(now),
    };
    Found {
        copy: None,
        stamp: CopyRead {
            key: job.copy.key.clone(),
            read_at: Some(now),
            error: None,
        },
        busy: Outcome::Unchanged,
        read,
    }
}

fn read_one(
    client: &Result<Client, String>,
    job: &Job,
    window: Window,
    now: DateTime<Utc>,
) -> Found {
    let tag = match &job.check {
        Check::Unchanged => return unchanged(job, now),
        Check::Read(tag) => tag.clone(),
        Check::Failed(_) => None,
    };
    let mut read = CalendarRead {
        account: job.account.name.to_string(),
        url: job.link.url.clone(),
        method: ReadMethod::Failed,
        events: 0,
        busy_blocks: 0,
        fetched: 0,
        requests: 0,
        skipped: Vec::new(),
        error: None,
        read_at: job.copy.read_at,
    };
    let opts = ImportOptions {
        zone: job.who.time_zone,
        all_day_busy: job.who.all_day_busy,
        ..ImportOptions::default()
    };
    let fetched = match (client, &job.check) {
        (_, Check::Failed(why)) => Err(why.clone()),
        (Ok(c), _) => fetch(c, job, window, &opts, &mut read),
        (Err(e), _) => Err(e.clone()),
    };
    match fetched {
        Ok((copy, busy)) => {
            read.busy_blocks = busy.len();
            read.read_at = Some(now);
            let tagged = tag.map(|tag| Tagged {
                tag,
                window: Interval {
                    start: window.start(),
                    end: window.end(),
                },
                events: read.events,
            });
            let copy = CalendarCopy {
                read_at: Some(now),
                error: None,
                tagged,
                ..copy
            };
            Found {
                stamp: copy.read(),
                copy: Some(copy),
                busy: Outcome::Busy(busy),
                read,
            }
        }
        Err(why) => {
            read.method = ReadMethod::Failed;
            read.error = Some(match job.copy.read_at {
                Some(at) => format!("{why} (using the copy read {})", age(now - at)),
                None => format!("{why} (never read: no busy time from it yet)"),
            });
            Found {
                copy: None,
                stamp: CopyRead {
                    key: job.copy.key.clone(),
                    read_at: job.copy.read_at,
                    error: Some((now, why)),
                },
                busy: Outcome::Failed,
                read,
            }
        }
    }
}

/// An age in words (`3 minutes ago`).
pub fn age(d: Duration) -> String {
    let m = d.num_minutes();
    match m {
        i64::MIN..=0 => "just now".into(),
        1 => "1 minute ago".into(),
        2..=119 => format!("{m} minutes ago"),
        _ if m < 48 * 60 => format!("{} hours ago", m / 60),
        _ => format!("{} days ago", m / (24 * 60)),
    }
}

type Fetch = Result<(CalendarCopy, Vec<Interval>), String>;

fn fetch(
    client: &Client,
    job: &Job,
    window: Window,
    opts: &ImportOptions,
    read: &mut CalendarRead,
) -> Fetch {
    let words = |e: CalDavError| e.to_string();
    let spans = |b: &crate::ical::import::BusyImport| -> Vec<Interval> {
        b.busy
            .iter()
            .map(|x| Interval {
                start: x.start,
                end: x.end,
            })
            .collect()
    };
    match &job.account.kind {
        AccountKind::Server { .. } => {
            let listed = job.account.calendar(&job.link.url);
            if listed.is_some_and(|c| c.busy_only) {
                read.method = ReadMethod::FreeBusy;
                read.requests = 1;
                let b = caldav::free_busy(client, &job.link.url, window, opts).map_err(words)?;
                read.events = b.events;
                return Ok((job.copy.clone(), spans(&b)));
            }
            let calendar = CalendarRef {
                url: job.link.url.clone(),
                sync_collection: listed.is_some_and(|c| c.sync_collection),
            };
            let (state, report) =
                caldav::sync_events(client, &calendar, &job.copy.state, window).map_err(words)?;
            read.method = match report.method {
                caldav::sync::SyncMethod::Query => ReadMethod::Query,
                caldav::sync::SyncMethod::SyncCollection => ReadMethod::SyncCollection,
            };
            read.fetched = report.fetched;
            read.requests = report.requests;
            let b = caldav::busy(&state, window, opts);
            read.events = b.import.events;
            read.skipped = b
                .import
                .skipped
                .iter()
                .map(|s| s.to_string())
                .chain(
                    b.unreadable
                        .iter()
                        .map(|u| format!("{}: {}", u.path, u.reason)),
                )
                .collect();
            let busy = spans(&b.import);
            Ok((
                CalendarCopy {
                    state,
                    ..job.copy.clone()
                },
                busy,
            ))
        }
        AccountKind::Subscription { url } => {
            read.requests = 1;
            let (state, validators) =
                match subscription::fetch(client, url, job.copy.validators.as_ref())
                    .map_err(words)?
                {
                    subscription::Fetched::NotModified => {
                        read.method = ReadMethod::NotModified;
                        (job.copy.state.clone(), job.copy.validators.clone())
                    }
                    subscription::Fetched::Changed { text, validators } => {
                        read.method = ReadMethod::Download;
                        read.fetched = 1;
                        let mut state = SyncState::default();
                        state.resources.insert(
                            String::new(),
                            Resource {
                                etag: validators.etag.clone(),
                                ics: text,
                            },
                        );
                        (state, Some(validators))
                    }
                };
            let text = state
                .resources
                .values()
                .next()
                .map(|r| r.ics.as_str())
                .unwrap_or("");
            let busy = match busy_from_ics(text, window, opts) {
                Ok(b) => {
                    read.events = b.events;
                    read.skipped = b.skipped.iter().map(|s| s.to_string()).collect();
                    spans(&b)
                }
                Err(ImportError::NoEvents) => Vec::new(),
                Err(e) => return Err(format!("{url} is not a calendar Rondo can read: {e}")),
            };
            Ok((
                CalendarCopy {
                    state,
                    validators,
                    ..job.copy.clone()
                },
                busy,
            ))
        }
    }
}

/// Reads every linked calendar (of account `only`, when given) over `window` and
/// replaces the busy time each gave before, per interviewer; a calendar that cannot be
/// read keeps its last copy and says why. With a team calendar, the other desks' claims
/// are read too ([`team::read_other_desks`]). Fails only when the store does.
pub fn sync(
    store: &Store,
    only: Option<&str>,
    window: Interval,
    now: DateTime<Utc>,
) -> Result<SyncSummary, UseCaseError> {
    sync_with_progress(store, only, window, now, &|_| {})
}

/// How far a read has gone: calendars read (or given up on) of all to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Calendars done.
    pub done: usize,
    /// Calendars to read.
    pub total: usize,
}

/// [`sync`], telling `progress` how far it has gone: once before the first request,
/// then after each calendar (from the reading threads, so it must be `Sync`).
pub fn sync_with_progress(
    store: &Store,
    only: Option<&str>,
    window: Interval,
    now: DateTime<Utc>,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<SyncSummary, UseCaseError> {
    if let Some(name) = only {
        super::accounts::account(store, name)?;
    }
    let jobs = jobs(store, |link, _| {
        only.is_none_or(|o| o.trim() == link.account.as_str())
    })?;
    run(store, jobs, window, now, only.is_none(), progress)
}

/// How long busy time read from a calendar is trusted before "Find options" reads the
/// calendar again (and how long after a failure it waits before trying again).
pub const FRESH_FOR_MINUTES: i64 = 5;

/// What [`refresh_stale`] did, in words for the coordinator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Refreshed {
    /// Calendars read again.
    pub read: usize,
    /// Calendars that could not be read (their last copy was used).
    pub failed: usize,
    /// One line per calendar that could not be read, and one saying what was read.
    pub notes: Vec<String>,
}

/// Reads again, over the default window ([`default_window`]), every linked calendar
/// last read (or last tried) more than [`FRESH_FOR_MINUTES`] ago, so "Find options"
/// sees busy time that is at most a few minutes old. A server that cannot be reached
/// blocks nothing: its calendars keep their last copy, and [`Refreshed::notes`] says
/// which and how old. Fails only when the store does.
pub fn refresh_stale(store: &Store, now: DateTime<Utc>) -> Result<Refreshed, UseCaseError> {
    let cutoff = now - Duration::minutes(FRESH_FOR_MINUTES);
    let jobs = jobs(store, |_, copy| {
        let tried = copy.read_at.max(copy.error.as_ref().map(|(at, _)| *at));
        tried.is_none_or(|at| at <= cutoff)
    })?;
    if jobs.is_empty() {
        return Ok(Refreshed::default());
    }
    let summary = run(store, jobs, default_window(now), now, true, &|_| {})?;
    let mut notes = failures(&summary);
    if summary.read > 0 {
        notes.insert(
            0,
            format!(
                "Busy time read again from {} just now.",
                calendars(summary.read)
            ),
        );
    }
    Ok(Refreshed {
        read: summary.read,
        failed: summary.failed,
        notes,
    })
}

/// `n calendar(s)`.
fn calendars(n: usize) -> String {
    format!("{n} calendar{}", if n == 1 { "" } else { "s" })
}

/// One line per calendar of `summary` that could not be read: whose, why, and how old
/// the copy used is.
fn failures(summary: &SyncSummary) -> Vec<String> {
    summary
        .people
        .iter()
        .flat_map(|p| {
            p.calendars.iter().filter_map(move |c| {
                c.error
                    .as_ref()
                    .map(|why| format!("{}'s calendar could not be read: {why}", p.name))
            })
        })
        .collect()
}

/// What a sync did, in words: how many calendars were read, and a line for each that
/// could not be (the window's "Sync now").
pub fn said(summary: &SyncSummary) -> String {
    let mut lines = vec![match (summary.read, summary.failed) {
        (0, 0) => "No calendar is linked to anyone yet: link one first.".to_string(),
        (n, 0) => format!("Read {}.", calendars(n)),
        (n, f) => format!("Read {}; {} could not be read.", calendars(n), calendars(f)),
    }];
    lines.extend(failures(summary));
    lines.join("\n")
}

/// "Read calendars now" (the window): the bookings that had not reached the team
/// calendar are written first ([`team::push_pending`], as `rondo calendar sync` does),
/// then every linked calendar is read over the default window, telling `progress`;
/// what it did, in words ([`said`], then a line per booking still not written).
pub fn read_now(
    store: &Store,
    now: DateTime<Utc>,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<String, UseCaseError> {
    let pending = match team::push_pending(store, now) {
        Ok(problems) => problems,
        Err(e) => vec![e.to_string()],
    };
    let summary = sync_with_progress(store, None, default_window(now), now, progress)?;
    let mut lines = vec![said(&summary)];
    lines.extend(
        pending
            .into_iter()
            .map(|p| format!("Not on the team calendar yet: {p}")),
    );
    Ok(lines.join("\n"))
}

/// One job per linked calendar for which `keep(link, copy)` holds.
fn jobs(
    store: &Store,
    keep: impl Fn(&LinkedCalendar, &CalendarCopy) -> bool,
) -> Result<Vec<Job>, UseCaseError> {
    let accounts: BTreeMap<String, CalendarAccount> = store
        .all::<CalendarAccount>()?
        .into_iter()
        .map(|a| (a.name.to_string(), a))
        .collect();
    let mut jobs = Vec::new();
    for links in store.all::<CalendarLinks>()? {
        let Some(who) = store.get::<Interviewer>(links.interviewer.as_str())? else {
            continue;
        };
        for link in links.calendars {
            let Some(account) = accounts.get(link.account.as_str()) else {
                continue;
            };
            let copy = stored_copy(store, &link.copy_key())?
                .unwrap_or_else(|| CalendarCopy::unread(link.copy_key()));
            if keep(&link, &copy) {
                jobs.push(Job {
                    who: who.clone(),
                    link,
                    account: account.clone(),
                    copy,
                    check: Check::Read(None),
                });
            }
        }
    }
    Ok(jobs)
}

/// The stored copy of the linked calendar whose copy key is `key`, with when it was
/// last read ([`CalendarCopy::with_read`]); `None` if it was never tried.
pub(crate) fn stored_copy(store: &Store, key: &str) -> Result<Option<CalendarCopy>, StoreError> {
    let read = store.get::<CopyRead>(key)?;
    Ok(match store.get::<CalendarCopy>(key)? {
        Some(copy) => Some(copy.with_read(read)),
        None => read.map(CalendarCopy::only_read),
    })
}

/// Every stored copy of a linked calendar, each with when it was last read.
pub(crate) fn stored_copies(store: &Store) -> Result<Vec<CalendarCopy>, StoreError> {
    let mut reads: BTreeMap<String, CopyRead> = store
        .all::<CopyRead>()?
        .into_iter()
        .map(|r| (r.key.clone(), r))
        .collect();
    let mut copies: Vec<CalendarCopy> = store
        .all::<CalendarCopy>()?
        .into_iter()
        .map(|c| {
            let read = reads.remove(&c.key);
            c.with_read(read)
        })
        .collect();
    copies.extend(reads.into_values().map(CalendarCopy::only_read));
    Ok(copies)
}

/// Reads `jobs` over `window` and stores what they found (the other desks' claims too,
/// when `other_desks` and a team calendar is set).
fn run(
    store: &Store,
    mut jobs: Vec<Job>,
    window: Interval,
    now: DateTime<Utc>,
    other_desks: bool,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<SyncSummary, UseCaseError> {
    let win = Window::new(window.start, window.end)?;
    let mut clients: BTreeMap<String, Result<Client, String>> = BTreeMap::new();
    for job in &jobs {
        clients
            .entry(job.account.name.to_string())
            .or_insert_with(|| session::client(&job.account).map_err(|e| e.to_string()));
    }
    let homes_listed = homes::check(&mut jobs, &clients, window);
    let found = read_all(&jobs, &clients, win, now, progress);
    let mut people: BTreeMap<String, PersonRead> = BTreeMap::new();
    // A copy is written again only when its events, token or tags changed; when it was
    // read (or why it failed) is written apart, a few bytes per calendar
    // ([`CopyRead`]): an unchanged sync of a big team no longer rewrites every copy.
    let mut copies = Vec::new();
    let mut reads = Vec::with_capacity(found.len());
    let (mut read, mut failed) = (0, 0);
    for (job, f) in jobs.iter().zip(found) {
        match f.busy {
            Outcome::Busy(busy) => {
                read += 1;
                let source = job.link.source_id();
                let same = job
                    .who
                    .calendars
                    .iter()
                    .find(|c| c.id == source)
                    .is_some_and(|c| {
                        c.busy
                            == crate::interval::IntervalSet::from_intervals(busy.clone())
                                .intervals()
                    });
                if !same {
                    import_calendar(store, &job.who.id, &source, &job.link.url, busy, now)?;
                }
            }
            Outcome::Unchanged => read += 1,
            Outcome::Failed => failed += 1,
        }
        reads.push(f.stamp);
        copies.extend(f.copy.filter(|c| c.content_differs(&job.copy)));
        people
            .entry(job.who.id.to_string())
            .or_insert_with(|| PersonRead {
                interviewer: job.who.id.to_string(),
                name: job.who.name.clone(),
                calendars: Vec::new(),
            })
            .calendars
            .push(f.read);
    }
    // Copies first: if the reads were lost after them, each copy still says when it was
    // read, and the older record only makes the calendar look less fresh.
    if !copies.is_empty() {
        store.put_all(&copies)?;
    }
    if !reads.is_empty() {
        store.put_all(&reads)?;
    }
    let other_desks = match team::team_account(store)? {
        Some(_) if other_desks => Some(team::read_other_desks(store, window, now)?),
        _ => None,
    };
    Ok(SyncSummary {
        from: window.start,
        to: window.end,
        people: people.into_values().collect(),
        read,
        failed,
        homes_listed,
        other_desks,
    })
}

/// Runs [`read_one`] for every job on [`THREADS`] threads; the results in job order.
fn read_all(
    jobs: &[Job],
    clients: &BTreeMap<String, Result<Client, String>>,
    window: Window,
    now: DateTime<Utc>,
    progress: &(dyn Fn(Progress) + Sync),
) -> Vec<Found> {
    let total = jobs.len();
    progress(Progress { done: 0, total });
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let results: std::sync::Mutex<Vec<Option<Found>>> =
        std::sync::Mutex::new((0..jobs.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..THREADS.min(jobs.len()) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let missing = Err("the account is gone".to_string());
                let client = clients.get(job.account.name.as_str()).unwrap_or(&missing);
                let found = read_one(client, job, window, now);
                if let Ok(mut r) = results.lock() {
                    r[i] = Some(found);
                }
                let done = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                progress(Progress { done, total });
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .zip(jobs)
        .map(|(f, job)| {
            f.unwrap_or_else(|| read_one(&Err("the read stopped".into()), job, window, now))
        })
        .collect()
}
