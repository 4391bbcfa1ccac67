//! `rondo booking list|show|status|reschedule|cancel`.

use super::data::open;
use super::table::{render, span, Output};
use anyhow::Context;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use clap::{Args, Subcommand};
use rondo::domain::{Booking, BookingId, BookingStatus, Candidate, Interviewer};
use rondo::usecases::bookings;
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
    /// Move a booking to a new start (RFC 3339, e.g. 2026-03-09T14:00:00+01:00).
    Reschedule {
        /// The booking's id.
        id: BookingId,
        /// The new start instant.
        #[arg(long)]
        start: DateTime<chrono::FixedOffset>,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Cancel a booking.
    Cancel {
        /// The booking's id.
        id: BookingId,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
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
        BookingCommand::Reschedule { id, start, output } => {
            let b = bookings::reschedule(&store, &id, start.with_timezone(&Utc), now)?;
            output.print(&b, || {
                format!(
                    "booking {} moved to {} (sequence {})\n",
                    b.id,
                    span(b.start, b.end, chrono_tz::UTC),
                    b.sequence
                )
            })
        }
        BookingCommand::Cancel { id, output } => {
            let b = bookings::cancel(&store, &id, now)?;
            output.print(&b, || {
                format!("booking {} cancelled (sequence {})\n", b.id, b.sequence)
            })
        }
    }
}
