//! `rondo data export|import|example|info`: backups as `rondo-data/1` documents, example
//! teams, and where the data lives. Also how every record command opens the store.

use super::table::Output;
use anyhow::Context;
use chrono::{NaiveDate, Utc};
use clap::{Args, Subcommand};
use rondo::example::{team, ExampleSpec};
use rondo::store::{resolve_data_dir, Store};
use rondo::usecases::backup;
use serde::Serialize;
use std::path::PathBuf;

/// Opens the store of `--data-dir` / `RONDO_DATA_DIR` / the platform's data folder.
pub fn open(data_dir: Option<PathBuf>) -> anyhow::Result<Store> {
    let dir = resolve_data_dir(data_dir)?;
    Ok(Store::open(&dir)?)
}

/// Arguments of `rondo data`.
#[derive(Debug, Args)]
pub struct DataArgs {
    /// What to do with the data.
    #[command(subcommand)]
    pub command: DataCommand,
}

/// The subcommands of `rondo data`.
#[derive(Debug, Subcommand)]
pub enum DataCommand {
    /// Write everything as one rondo-data/1 JSON document (to FILE, or standard output).
    Export {
        /// Where to write it (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Replace everything by a rondo-data/1 document, all or nothing.
    Import {
        /// The document.
        file: PathBuf,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Write a realistic example team as a rondo-data/1 document.
    Example {
        /// How many interviewers.
        #[arg(long, default_value_t = 40)]
        interviewers: usize,
        /// How many candidates.
        #[arg(long, default_value_t = 60)]
        candidates: usize,
        /// How many bookings of history.
        #[arg(long, default_value_t = 200)]
        bookings: usize,
        /// Seed: the same seed writes the same team.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// A date (YYYY-MM-DD) in the team's "current" week.
        #[arg(long, default_value = "2026-03-02")]
        week_of: NaiveDate,
        /// Where to write it.
        #[arg(long)]
        out: PathBuf,
    },
    /// Show the data folder, its schema version and how many records it holds.
    Info {
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
}

/// Runs `rondo data …`.
pub fn run(args: DataArgs, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    match args.command {
        DataCommand::Export { out } => {
            let store = open(data_dir)?;
            let doc = backup::export(&store, Utc::now())?;
            let text = serde_json::to_string_pretty(&doc)?;
            match out {
                Some(path) => backup::save(&doc, &path)?,
                None => super::table::emit(&(text + "\n"))?,
            }
            Ok(())
        }
        DataCommand::Import { file, output } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let doc = backup::parse(&text)
                .with_context(|| format!("cannot import {}", file.display()))?;
            let mut store = open(data_dir)?;
            let summary = backup::restore(&mut store, &doc)?;
            output.print(&summary, || {
                format!(
                    "restored {} interviewers, {} candidates, {} plans, {} bookings, {} bookings' \
                     answers, {} e-mails (sent ones stay sent) into {}\n",
                    summary.interviewers,
                    summary.candidates,
                    summary.plans,
                    summary.bookings,
                    summary.answers,
                    summary.outbox,
                    store.dir().display()
                )
            })
        }
        DataCommand::Example {
            interviewers,
            candidates,
            bookings,
            seed,
            week_of,
            out,
        } => {
            let spec = ExampleSpec {
                interviewers,
                candidates,
                bookings,
                seed,
                week_of,
            };
            // Stamped with the week's Monday, not the clock, so a seed gives the same bytes.
            let stamp = week_of
                .and_hms_opt(0, 0, 0)
                .map(|t| t.and_utc())
                .unwrap_or_default();
            let doc = team(&spec, stamp);
            Ok(backup::save(&doc, &out)?)
        }
        DataCommand::Info { output } => {
            let store = open(data_dir)?;
            #[derive(Serialize)]
            struct Info {
                folder: PathBuf,
                schema: u32,
                interviewers: usize,
                candidates: usize,
                plans: usize,
                bookings: usize,
            }
            use rondo::domain::{Booking, Candidate, Interviewer, Plan};
            let info = Info {
                folder: store.dir().to_path_buf(),
                schema: store.schema_version()?,
                interviewers: store.count::<Interviewer>(),
                candidates: store.count::<Candidate>(),
                plans: store.count::<Plan>(),
                bookings: store.count::<Booking>(),
            };
            output.print(&info, || {
                format!(
                    "folder        {}\nschema        {}\ninterviewers  {}\ncandidates    {}\nplans         {}\nbookings      {}\n",
                    info.folder.display(),
                    info.schema,
                    info.interviewers,
                    info.candidates,
                    info.plans,
                    info.bookings
                )
            })
        }
    }
}
