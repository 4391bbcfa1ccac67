//! `rondo booking list|show|status|reschedule|cancel`: a loop's rounds move together
//! (`reschedule --move … --move …`) and a whole loop is cancelled at once (`cancel
//! --candidate`), with their invites written when `--invites DIR` is given.

use super::data::open;
use super::table::{render, span, Output};
use anyhow::Context;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use clap::{Args, Subcommand};
use rondo::domain::{Booking, BookingId, BookingStatus, Candidate, CandidateId, Interviewer};
use rondo::store::Store;
use rondo::usecases::bookings;
use rondo::usecases::loops::{self, Changed, Outbox};
use rondo::usecases::settings::Settings;
use std::path::PathBuf;

/// Arguments of `rondo booking`.
#[derive(Debug, Args)]
pub struct BookingArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: BookingCommand,
}

/// The subcommands of `rondo booking`.
#[derive(Debug, Subcommand)]
pub enum BookingCommand {
    /// List the bookings starting in one week (Monday to Monday, UTC).
    List {
        /// A date (YYYY-MM-DD) in the week to list (default: this week).
        #[arg(long)]
        week: Option<NaiveDate>,
        /// Show times in this IANA zone (default UTC).
        #[arg(long, default_value = "UTC")]
        zone: String,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Show one booking, with each person's local time.
    Show {
        /// The booking's id.
        id: BookingId,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Move a booking along its life cycle: held, confirmed (or cancelled).
    Status {
        /// The booking's id.
        id: BookingId,
        /// The new status.
        status: BookingStatus,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Move a booking to a new start (ID --start START), or several rounds of one loop at
    /// once (--move BOOKING=START, repeated): all or nothing, re-checked against what is
    /// stored. Starts are RFC 3339, e.g. 2026-03-09T14:00:00+01:00.
    Reschedule {
        /// The booking's id (with --start).
        #[arg(
            required_unless_present = "moves",
            conflicts_with = "moves",
            requires = "start"
        )]
        id: Option<BookingId>,
        /// The new start instant (with ID).
        #[arg(long)]
        start: Option<DateTime<chrono::FixedOffset>>,
        /// A round of the loop and its new start: BOOKING=START (repeat for each round moved).
        #[arg(long = "move", value_name = "BOOKING=START", value_parser = parse_move)]
        moves: Vec<(BookingId, DateTime<Utc>)>,
        /// Write the updated invites (same UIDs, SEQUENCE + 1) into this folder.
        #[arg(long, value_name = "DIR")]
        invites: Option<PathBuf>,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Cancel a booking (ID), or a candidate's whole loop (--candidate).
    Cancel {
        /// The booking's id.
        #[arg(required_unless_present = "candidate", conflicts_with = "candidate")]
        id: Option<BookingId>,
        /// Cancel every live interview of this candidate, in one step.
        #[arg(long)]
        candidate: Option<CandidateId>,
        /// Write the cancellations (CANCEL, same UIDs) into this folder.
        #[arg(long, value_name = "DIR")]
        invites: Option<PathBuf>,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
}

/// Reads `BOOKING=START` (START in RFC 3339).
fn parse_move(text: &str) -> Result<(BookingId, DateTime<Utc>), String> {
    let (id, start) = text.split_once('=').ok_or_else(|| {
        format!("{text:?}: write BOOKING=START, e.g. bk-000012=2026-03-09T14:00:00+01:00")
    })?;
    let id = BookingId::new(id.trim()).map_err(|e| e.to_string())?;
    let start = DateTime::parse_from_rfc3339(start.trim())
        .map_err(|e| format!("{start:?} is not an RFC 3339 instant ({e})"))?;
    Ok((id, start.with_timezone(&Utc)))
}

/// Runs `f` with the outbox of the data folder: the organizer of its settings (what is
/// written is recorded in the store).
pub fn with_outbox<T>(
    store: &Store,
    f: impl FnOnce(&Outbox) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    f(&Outbox {
        organizer: Settings::load(store.dir()).organizer(),
    })
}

/// What a loop change printed: the bookings as now stored, and the files written.
pub fn changed_text(verb: &str, changed: &Changed) -> String {
    let mut out = format!(
        "{} {} booking(s):\n{}",
        verb,
        changed.bookings.len(),
        table(&changed.bookings, chrono_tz::UTC)
    );
    if let Some(sent) = &changed.sent {
        out.push_str(&format!(
            "wrote {} invite file(s) into {}\n",
            sent.files.len(),
            sent.folder
        ));
    }
    out
}

/// The table of bookings, times in `tz`.
pub fn table(list: &[Booking], tz: chrono_tz::Tz) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|b| {
            vec![
                b.id.to_string(),
                span(b.start, b.end, tz),
                b.candidate.to_string(),
                b.round_name.clone(),
                b.interviewers
                    .iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(","),
                b.status.as_str().to_string(),
                b.sequence.to_string(),
            ]
        })
        .collect();
    render(
        &[
            "ID",
            "WHEN",
            "CANDIDATE",
            "ROUND",
            "INTERVIEWERS",
            "STATUS",
            "SEQ",
        ],
        &rows,
    )
}

/// Runs `rondo booking …`.
pub fn run(args: BookingArgs, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let store = open(data_dir)?;
    let now = Utc::now();
    match args.command {
        BookingCommand::List { week, zone, output } => {
            let tz = rondo::domain::zone_from_name("--zone", &zone)?;
            let day = week.unwrap_or_else(|| now.date_naive());
            let monday = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
            let from = monday
                .and_hms_opt(0, 0, 0)
                .context("midnight exists")?
                .and_utc();
            let list = bookings::list_between(&store, from, from + Duration::days(7))?;
            output.print(&list, || table(&list, tz))
        }
        BookingCommand::Show { id, output } => {
            let b: Booking = store.need(id.as_str())?;
            output.print(&b, || {
                let mut out = table(std::slice::from_ref(&b), chrono_tz::UTC);
                out.push_str(&format!("uid: {}\n", b.uid));
                if let Ok(Some(c)) = store.get::<Candidate>(b.candidate.as_str()) {
                    out.push_str(&format!(
                        "candidate {}: {}\n",
                        c.name,
                        span(b.start, b.end, c.time_zone)
                    ));
                }
                for who in &b.interviewers {
                    if let Ok(Some(i)) = store.get::<Interviewer>(who.as_str()) {
                        out.push_str(&format!(
                            "interviewer {}: {}\n",
                            i.name,
                            span(b.start, b.end, i.time_zone)
                        ));
                    }
                }
                out
            })
        }
        BookingCommand::Status { id, status, output } => {
            let b = bookings::set_status(&store, &id, status, now)?;
            output.print(&b, || {
                format!(
                    "booking {} is {} (sequence {})\n",
                    b.id, b.status, b.sequence
                )
            })
        }
        BookingCommand::Reschedule {
            id,
            start,
            moves,
            invites,
            output,
        } => {
            let single = id.zip(start);
            let moves = match &single {
                Some((id, start)) => vec![(id.clone(), start.with_timezone(&Utc))],
                None => moves,
            };
            let changed = with_outbox(&store, |out| {
                Ok(loops::reschedule(
                    &store,
                    &moves,
                    invites.as_deref(),
                    out,
                    now,
                )?)
            })?;
            match (single, changed.bookings.first()) {
                (Some(_), Some(b)) if changed.sent.is_none() => output.print(b, || {
                    format!(
                        "booking {} moved to {} (sequence {})\n",
                        b.id,
                        span(b.start, b.end, chrono_tz::UTC),
                        b.sequence
                    )
                }),
                _ => output.print(&changed, || changed_text("moved", &changed)),
            }
        }
        BookingCommand::Cancel {
            id,
            candidate,
            invites,
            output,
        } => match (id, candidate) {
            (Some(id), _) => {
                let b = bookings::cancel(&store, &id, now)?;
                match &invites {
                    None => output.print(&b, || {
                        format!("booking {} cancelled (sequence {})\n", b.id, b.sequence)
                    }),
                    Some(dir) => {
                        let list = vec![b];
                        let sent = with_outbox(&store, |out| {
                            Ok(loops::send(&store, &list, dir, out, now)?)
                        })?;
                        let changed = Changed {
                            bookings: list,
                            sent: Some(sent),
                        };
                        output.print(&changed, || changed_text("cancelled", &changed))
                    }
                }
            }
            (None, Some(c)) => {
                let changed = with_outbox(&store, |out| {
                    Ok(loops::cancel(&store, &c, invites.as_deref(), out, now)?)
                })?;
                output.print(&changed, || changed_text("cancelled", &changed))
            }
            (None, None) => anyhow::bail!("name a booking, or a candidate with --candidate"),
        },
    }
}
