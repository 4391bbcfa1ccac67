//! `rondo candidate add|list|show|delete`.

use super::data::open;
use super::table::{render, span, Output};
use anyhow::Context;
use clap::{Args, Subcommand};
use rondo::domain::{parse_windows, zone_from_name, Candidate, CandidateId, PlanId, Stage};
use rondo::usecases::records;
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
        /// Stable id (letters, digits, '.', '_', '-'; default: made from the name, as
        /// the window does).
        #[arg(long)]
        id: Option<CandidateId>,
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
        /// When they can interview, on their wall clock, as the window's form takes it:
        /// "2026-03-09 09:00-17:00" (repeat, or several lines in one value).
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
            let id = match id {
                Some(id) => id,
                None => {
                    CandidateId::new(records::free_id::<Candidate>(&store, &name, "candidate"))?
                }
            };
            let mut c = Candidate::new(id, name.trim(), tz);
            c.email = email.trim().to_string();
            c.plan = plan;
            c.stage = stage;
            c.notes = notes;
            c.max_minutes_per_day = max_minutes_per_day.filter(|m| *m > 0);
            c.available = parse_windows(&available.join("\n"), tz)
                .context("--available: one window a line, like \"2026-03-09 09:00-17:00\"")?;
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
