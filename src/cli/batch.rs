//! `rondo solve-batch FILE`: answer a `rondo-batch/1` hiring-day request with a
//! `rondo-batch-solution/1`, as JSON or (`--pretty`) as the day's grid and each
//! candidate's itinerary.

use anyhow::Context;
use clap::Args;
use rondo::batch::{self, Batch, Limits};
use std::path::PathBuf;

/// Arguments of `rondo solve-batch`.
#[derive(Debug, Args)]
pub struct SolveBatchArgs {
    /// The request file (`-` reads standard input).
    pub file: PathBuf,
    /// Print the day as a grid of interviewers × time and each candidate's itinerary
    /// in their own time, instead of JSON.
    #[arg(long)]
    pub pretty: bool,
    /// Seconds the search may take at most; the answer is the same on any machine
    /// that finishes its work within them.
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub time_limit: f64,
    /// Print what the search did (time to the first answer, work, whether it hit the
    /// time limit) on standard error.
    #[arg(long)]
    pub stats: bool,
}

/// Reads the request, schedules the batch and prints the answer.
pub fn run(args: SolveBatchArgs) -> anyhow::Result<()> {
    if !(args.time_limit.is_finite() && args.time_limit > 0.0) {
        anyhow::bail!(
            "--time-limit must be a positive number of seconds, not {}",
            args.time_limit
        );
    }
    let text = crate::cli::solve::read_input(&args.file)?;
    let b = Batch::from_json(&text)
        .with_context(|| format!("cannot schedule {}", args.file.display()))?;
    let (answer, stats) = batch::solve_with(&b, &Limits::for_seconds(args.time_limit));
    if args.stats {
        eprintln!(
            "first answer {:.1} ms, total {:.1} ms, {} improvement steps, work {}{}",
            stats.first_answer.as_secs_f64() * 1000.0,
            stats.total.as_secs_f64() * 1000.0,
            stats.rounds,
            stats.work,
            if stats.hit_time_limit {
                ", stopped by the time limit"
            } else {
                ""
            }
        );
    }
    if args.pretty {
        print!("{}", batch::pretty(&b, &answer));
    } else {
        println!("{}", serde_json::to_string_pretty(&answer)?);
    }
    Ok(())
}
