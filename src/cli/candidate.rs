//! `rondo candidate add|list|show|delete`.

use super::data::open;
use super::table::{render, span, Output};
use anyhow::{anyhow, Context};
use chrono::NaiveDate;
use chrono_tz::Tz;
use clap::{Args, Subcommand};
use rondo::domain::{zone_from_name, Candidate, CandidateId, PlanId, Stage};
use rondo::interval::{Interval, IntervalSet};
use rondo::usecases::records;
use rondo::zone::{wall_instant, WallTime};
use std::path::PathBuf;

/// Arguments of `rondo candidate`.
#[derive(Debug, Args)]
pub struct CandidateArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: CandidateCommand,
}

/// The subcommands of `rondo candidate`.
#[derive(Debug, Subcommand)]
pub enum CandidateCommand {
    /// Add a candidate.
    Add {
        /// Stable id (letters, digits, '.', '_', '-').
        #[arg(long)]
        id: CandidateId,
        /// Display name.
        #[arg(long)]
        name: String,
        /// IANA time zone, e.g. Asia/Kolkata.
        #[arg(long)]
        zone: String,
        /// E-mail address.
        #[arg(long, default_value = "")]
        email: String,
        /// The job's plan they are in.
        #[arg(long)]
        plan: Option<PlanId>,
        /// Stage: applied, interviewing, offer, hired, closed.
        #[arg(long, default_value = "applied")]
        stage: Stage,
        /// Private notes.
        #[arg(long, default_value = "")]
        notes: String,
        /// When they can interview, on their wall clock: "2026-03-09 09:00-17:00" (repeat).
        #[arg(long = "available")]
        available: Vec<String>,
        /// Interview minutes per local day at most.
        #[arg(long)]
        max_minutes_per_day: Option<u32>,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// List candidates.
    List {
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Show one candidate with their availability.
    Show {
        /// The candidate's id.
        id: CandidateId,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Delete a candidate (refused while they have live bookings).
    Delete {
        /// The candidate's id.
        id: CandidateId,
    },
}

/// Reads `"YYYY-MM-DD HH:MM-HH:MM"` on the wall clock of `tz` (DST gaps and folds as
/// the scheduling format reads working hours).
pub fn wall_window(text: &str, tz: Tz) -> anyhow::Result<Interval> {
    let hint = || {
        anyhow!("--available {text:?}: write a date and a window, e.g. \"2026-03-09 09:00-17:00\"")
    };
    let (date, window) = text.trim().split_once(' ').ok_or_else(hint)?;
    let date: NaiveDate = date.parse().map_err(|_| hint())?;
    let (a, b) = window.trim().split_once('-').ok_or_else(hint)?;
    let start = WallTime::parse(a, false).ok_or_else(hint)?;
    let end = WallTime::parse(b, true).ok_or_else(hint)?;
    Interval::new(wall_instant(tz, date, start), wall_instant(tz, date, end))
        .filter(|i| !i.is_empty())
        .ok_or_else(|| anyhow!("--available {text:?}: the window ends before it starts"))
}

fn table(list: &[Candidate]) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|c| {
            vec![
                c.id.to_string(),
                c.name.clone(),
                c.time_zone.name().to_string(),
                c.plan.as_ref().map_or("-".into(), |p| p.to_string()),
                c.stage.as_str().to_string(),
                c.available.intervals().len().to_string(),
            ]
        })
        .collect();
    render(&["ID", "NAME", "ZONE", "PLAN", "STAGE", "WINDOWS"], &rows)
}

/// Runs `rondo candidate …`.
pub fn run(args: CandidateArgs, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let store = open(data_dir)?;
    match args.command {
        CandidateCommand::Add {
            id,
            name,
            zone,
            email,
            plan,
            stage,
            notes,
            available,
            max_minutes_per_day,
            output,
        } => {
            let tz = zone_from_name("--zone", &zone)?;
            let mut c = Candidate::new(id, &name, tz);
            c.email = email;
            c.plan = plan;
            c.stage = stage;
            c.notes = notes;
            c.max_minutes_per_day = max_minutes_per_day;
            c.available = available
                .iter()
                .map(|w| wall_window(w, tz))
                .collect::<anyhow::Result<Vec<_>>>()?
                .into_iter()
                .collect::<IntervalSet>();
            records::add_candidate(&store, &c).context("cannot add the candidate")?;
            output.print(&c, || format!("added candidate {}\n", c.id))
        }
        CandidateCommand::List { output } => {
            let list: Vec<Candidate> = store.all()?;
            output.print(&list, || table(&list))
        }
        CandidateCommand::Show { id, output } => {
            let c: Candidate = store.need(id.as_str())?;
            output.print(&c, || {
                let mut out = table(std::slice::from_ref(&c));
                out.push_str(&format!(
                    "email: {}\nnotes: {}\navailable:\n",
                    c.email, c.notes
                ));
                for w in c.available.intervals() {
                    out.push_str(&format!("  {}\n", span(w.start, w.end, c.time_zone)));
                }
                out
            })
        }
        CandidateCommand::Delete { id } => {
            records::delete_candidate(&store, &id)?;
            super::table::emit(&format!("deleted candidate {id}\n"))
        }
    }
}
