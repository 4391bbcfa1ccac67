//! `rondo propose` and `rondo book`: ranked options for a candidate, then booking one.
//!
//! `propose` keeps its options as the candidate's latest proposal in the store; `book
//! --candidate ID --option N` books option N of that proposal, re-checked against what
//! is stored at that moment. So what is booked is exactly what was shown, or nothing.

use super::booking::{table as bookings_table, with_outbox};
use super::data::open;
use super::table::{local, render, span, Output};
use anyhow::Context;
use chrono::{NaiveDate, Utc};
use clap::Args;
use rondo::domain::{Candidate, CandidateId, PlanId, Proposal};
use rondo::usecases::connected::reading;
use rondo::usecases::propose::{propose, ProposeRequest, DEFAULT_SLOT_MINUTES};
use rondo::usecases::workbench::horizon::horizon;
use rondo::usecases::{bookings, loops};
use std::path::PathBuf;

/// Arguments of `rondo propose`.
#[derive(Debug, Args)]
pub struct ProposeArgs {
    /// The candidate.
    #[arg(long)]
    pub candidate: CandidateId,
    /// The plan (default: the candidate's plan).
    #[arg(long)]
    pub plan: Option<PlanId>,
    /// First date (YYYY-MM-DD, the candidate's local date) of the search.
    #[arg(long)]
    pub from: NaiveDate,
    /// Last date (inclusive, the candidate's local date) of the search (at most 62 days
    /// after the first).
    #[arg(long)]
    pub to: NaiveDate,
    /// How many options at most.
    #[arg(long, default_value_t = 3)]
    pub options: usize,
    /// Grid step of round starts in minutes.
    #[arg(long, default_value_t = DEFAULT_SLOT_MINUTES)]
    pub slot: u32,
    /// Output format.
    #[command(flatten)]
    pub output: Output,
}

/// Arguments of `rondo book`.
#[derive(Debug, Args)]
pub struct BookArgs {
    /// The candidate whose latest proposal to book from.
    #[arg(long)]
    pub candidate: CandidateId,
    /// The option's number as `propose` printed it (1 = best).
    #[arg(long)]
    pub option: usize,
    /// Write the invites (candidate's, panel's, the whole loop) into this folder.
    #[arg(long, value_name = "DIR")]
    pub invites: Option<PathBuf>,
    /// Output format.
    #[command(flatten)]
    pub output: Output,
}

fn proposal_text(p: &Proposal, c: &Candidate) -> String {
    if p.options.is_empty() {
        return format!(
            "no schedule fits for {} in plan {}:\n{}\n",
            c.id,
            p.plan,
            p.explanation.as_deref().unwrap_or("(no explanation)")
        );
    }
    let mut out = String::new();
    for (k, o) in p.options.iter().enumerate() {
        out.push_str(&format!(
            "option {} — finishes {} {} (score {:.2})\n",
            k + 1,
            local(o.finish, c.time_zone),
            c.time_zone.name(),
            o.score
        ));
        let rows: Vec<Vec<String>> = o
            .slots
            .iter()
            .map(|s| {
                vec![
                    s.round.to_string(),
                    span(s.start, s.end, c.time_zone),
                    format!("{}Z", s.start.format("%Y-%m-%dT%H:%M")),
                    s.interviewers
                        .iter()
                        .map(|i| i.to_string())
                        .collect::<Vec<_>>()
                        .join(","),
                ]
            })
            .collect();
        out.push_str(&render(
            &["ROUND", "CANDIDATE'S TIME", "UTC", "INTERVIEWERS"],
            &rows,
        ));
        for r in &o.reasons {
            out.push_str(&format!("  · {r}\n"));
        }
    }
    out.push_str(&format!(
        "book one with: rondo book --candidate {} --option N\n",
        c.id
    ));
    out
}

/// Runs `rondo propose`.
pub fn run_propose(args: ProposeArgs, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let store = open(data_dir)?;
    let c: Candidate = store.need(args.candidate.as_str())?;
    let horizon = horizon(c.time_zone, args.from, args.to)
        .with_context(|| format!("--from {} --to {}", args.from, args.to))?;
    let req = ProposeRequest {
        candidate: args.candidate,
        plan: args.plan,
        horizon,
        options: args.options,
        slot_minutes: args.slot,
    };
    let now = Utc::now();
    // As the window's "Find options": stale linked calendars are read first, and said.
    for note in reading::refresh_stale(&store, now)?.notes {
        eprintln!("{note}");
    }
    let p = propose(&store, &req, now)?;
    args.output.print(&p, || proposal_text(&p, &c))
}

/// Runs `rondo book`.
pub fn run_book(args: BookArgs, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let store = open(data_dir)?;
    let now = Utc::now();
    // Stale linked calendars are read first (and said), so nothing lands on time that
    // became busy on the server; the booking's own read then finds them fresh.
    for note in reading::refresh_stale(&store, now)?.notes {
        eprintln!("{note}");
    }
    let list = with_outbox(&store, |out| {
        Ok(out.with_mailer(&store, now, |m| {
            bookings::book_mailed(&store, &args.candidate, args.option, now, m)
        })?)
    })?;
    let tz = store
        .get::<Candidate>(args.candidate.as_str())?
        .map_or(chrono_tz::UTC, |c| c.time_zone);
    let sent = match &args.invites {
        Some(dir) => Some(with_outbox(&store, |out| {
            Ok(loops::send(&store, &list, dir, out, now)?)
        })?),
        None => None,
    };
    args.output.print(&list, || {
        let mut out = format!(
            "booked {} rounds:\n{}",
            list.len(),
            bookings_table(&list, tz)
        );
        if let Some(sent) = &sent {
            out.push_str(&format!(
                "wrote {} invite file(s) into {}\n",
                sent.files.len(),
                sent.folder
            ));
        }
        out
    })
}
