//! `rondo hiring-day propose` and `rondo hiring-day book`: many candidates against the
//! stored interviewer pool at once.
//!
//! `propose` builds the batch request from the store, solves it, prints the day (grid,
//! itineraries, who was left out and why) and writes the hiring day (request and answer)
//! to `--out` and, with `--sheets DIR`, each interviewer's day and each candidate's
//! itinerary (text and calendar files) into DIR; `book FILE` books every scheduled candidate of that file in one
//! transaction, re-checked against what is stored then, queues their e-mails in that
//! transaction when mail is set up, and writes their invites into `--invites DIR`.

use super::booking::{table as bookings_table, with_outbox};
use super::data::open;
use super::table::Output;
use anyhow::Context;
use chrono::{NaiveDate, Utc};
use clap::{Args, Subcommand};
use rondo::batch::Batch;
use rondo::domain::{Candidate, CandidateId, PlanId, Stage};
use rondo::usecases::hiring_day::{self, HiringDay, HiringDayRequest};
use rondo::usecases::propose::DEFAULT_SLOT_MINUTES;
use rondo::usecases::workbench::horizon::horizon;
use std::path::PathBuf;

/// `rondo hiring-day …`.
#[derive(Debug, Subcommand)]
pub enum HiringDayCommand {
    /// Schedule the chosen candidates together and print the day.
    Propose(ProposeArgs),
    /// Book every scheduled candidate of a hiring day written by `propose --out`.
    Book(BookArgs),
}

/// Arguments of `rondo hiring-day propose`.
#[derive(Debug, Args)]
pub struct ProposeArgs {
    /// The candidates, comma-separated ids (each with a plan).
    #[arg(
        long,
        value_delimiter = ',',
        required_unless_present = "stage",
        conflicts_with = "stage"
    )]
    pub candidates: Vec<CandidateId>,
    /// Every candidate at this pipeline stage who has a plan.
    #[arg(long)]
    pub stage: Option<Stage>,
    /// The plan every candidate follows (default: each their own).
    #[arg(long)]
    pub plan: Option<PlanId>,
    /// First date (YYYY-MM-DD, local date of the first candidate's zone or --zone).
    #[arg(long)]
    pub from: NaiveDate,
    /// Last date (inclusive).
    #[arg(long)]
    pub to: NaiveDate,
    /// The zone of the dates (an IANA name; default: the first candidate's).
    #[arg(long)]
    pub zone: Option<chrono_tz::Tz>,
    /// Grid step of round starts in minutes.
    #[arg(long, default_value_t = DEFAULT_SLOT_MINUTES)]
    pub slot: u32,
    /// Seconds the search may take at most.
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub time_limit: f64,
    /// Write the hiring day (request and answer) here, for `rondo hiring-day book`.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Save each interviewer's day and each candidate's itinerary here (text and
    /// calendar files, each in the person's own zone).
    #[arg(long, value_name = "DIR")]
    pub sheets: Option<PathBuf>,
    /// Output format.
    #[command(flatten)]
    pub output: Output,
}

/// Arguments of `rondo hiring-day book`.
#[derive(Debug, Args)]
pub struct BookArgs {
    /// A hiring day written by `rondo hiring-day propose --out`.
    pub file: PathBuf,
    /// Write every round's invites into this folder (a folder per candidate).
    #[arg(long, value_name = "DIR")]
    pub invites: Option<PathBuf>,
    /// Output format.
    #[command(flatten)]
    pub output: Output,
}

/// Runs `rondo hiring-day …`.
pub fn run(cmd: HiringDayCommand, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    match cmd {
        HiringDayCommand::Propose(args) => run_propose(args, data_dir),
        HiringDayCommand::Book(args) => run_book(args, data_dir),
    }
}

fn run_propose(args: ProposeArgs, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let store = open(data_dir)?;
    let ids: Vec<CandidateId> = match args.stage {
        Some(stage) => store
            .all::<Candidate>()?
            .into_iter()
            .filter(|c| c.stage == stage && (c.plan.is_some() || args.plan.is_some()))
            .map(|c| c.id)
            .collect(),
        None => args.candidates.clone(),
    };
    let first: Candidate = store.need(
        ids.first()
            .with_context(|| "no candidate to schedule: name them with --candidates, or pick a --stage that has candidates with a plan")?
            .as_str(),
    )?;
    let zone = args.zone.unwrap_or(first.time_zone);
    let window = horizon(zone, args.from, args.to)
        .with_context(|| format!("--from {} --to {}", args.from, args.to))?;
    let req = HiringDayRequest {
        candidates: ids,
        plan: args.plan.clone(),
        horizon: window,
        slot_minutes: args.slot,
        time_limit_secs: args.time_limit,
    };
    let day = hiring_day::propose(&store, &req)?;
    if let Some(path) = &args.out {
        let text = serde_json::to_string_pretty(&day)? + "\n";
        rondo::whole_file::write(path, text.as_bytes()).context("--out")?;
    }
    let sheets = match &args.sheets {
        Some(dir) => Some(with_outbox(&store, |out| {
            Ok(hiring_day::sheets::save(
                &day,
                &out.organizer,
                dir,
                Utc::now(),
            )?)
        })?),
        None => None,
    };
    args.output.print(&day, || {
        let mut text = match Batch::from_doc(&day.request) {
            Ok(b) => rondo::batch::pretty(&b, &day.answer),
            Err(e) => format!("{e}\n"),
        };
        if let Some(saved) = &sheets {
            text.push_str(&format!("\n{}\n", saved.said));
        }
        if let Some(path) = &args.out {
            text.push_str(&format!(
                "\nbook it with: rondo hiring-day book {}\n",
                path.display()
            ));
        }
        text
    })
}

fn run_book(args: BookArgs, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let day: HiringDay = serde_json::from_str(&text).with_context(|| {
        format!(
            "{} is not a hiring day written by rondo hiring-day propose --out",
            args.file.display()
        )
    })?;
    let store = open(data_dir)?;
    let now = Utc::now();
    let changed = with_outbox(&store, |out| {
        Ok(hiring_day::book_and_send(
            &store,
            &day,
            args.invites.as_deref(),
            out,
            now,
        )?)
    })?;
    args.output.print(&changed, || {
        let mut text = format!(
            "booked {} rounds for {} candidates:\n{}",
            changed.bookings.len(),
            day.answer.scheduled.len(),
            bookings_table(&changed.bookings, chrono_tz::UTC)
        );
        if let Some(sent) = &changed.sent {
            text.push_str(&format!(
                "wrote {} invite file(s) into {}, a folder per candidate\n",
                sent.files.len(),
                sent.folder
            ));
        }
        text
    })
}
