//! `rondo ics …`: calendar files on the command line (busy time from an `.ics`).

use anyhow::{anyhow, Context};
use chrono::{NaiveDate, NaiveTime};
use clap::{Args, Subcommand};
use rondo::ical::import::{busy_from_ics, ImportOptions, Window};
use std::path::PathBuf;

/// What to do with calendar files.
#[derive(Debug, Subcommand)]
pub enum IcsCommand {
    /// Print the merged busy intervals (UTC) of an .ics calendar over a window, and
    /// what was skipped.
    Busy(BusyArgs),
}

/// Arguments of `rondo ics busy`.
#[derive(Debug, Args)]
pub struct BusyArgs {
    /// The .ics file (an interviewer's calendar export).
    pub file: PathBuf,
    /// First day of the window, YYYY-MM-DD (midnight in --zone).
    #[arg(long, value_name = "DATE")]
    pub from: String,
    /// Day after the window, YYYY-MM-DD (exclusive, midnight in --zone).
    #[arg(long, value_name = "DATE")]
    pub to: String,
    /// The interviewer's IANA time zone: floating times and all-day events are in it.
    #[arg(long, value_name = "TZ", default_value = "UTC")]
    pub zone: String,
    /// Count all-day events as free (by default they are busy).
    #[arg(long)]
    pub all_day_free: bool,
    /// Print the busy intervals as a JSON list of {"start", "end"} (skipped events and
    /// warnings still go to stderr).
    #[arg(long)]
    pub json: bool,
}

/// Runs an `ics` subcommand.
pub fn run(cmd: IcsCommand) -> anyhow::Result<()> {
    match cmd {
        IcsCommand::Busy(args) => busy(args),
    }
}

fn parse_day(arg: &str, value: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
        anyhow!("{arg} {value:?} is not a date: write it as YYYY-MM-DD, e.g. 2026-03-01")
    })
}

fn busy(args: BusyArgs) -> anyhow::Result<()> {
    let zone: chrono_tz::Tz = args.zone.trim().parse().map_err(|_| {
        anyhow!("--zone {:?} is not a known IANA time zone: use a name such as Europe/Berlin or America/New_York", args.zone)
    })?;
    let from = parse_day("--from", &args.from)?;
    let to = parse_day("--to", &args.to)?;
    let z = rondo::ical::zones::Zone::Tz(zone);
    let window = Window::new(
        z.to_utc(from.and_time(NaiveTime::MIN)),
        z.to_utc(to.and_time(NaiveTime::MIN)),
    )
    .map_err(|_| anyhow!("--to {to} must be after --from {from}"))?;
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("FILE {}: cannot read it", args.file.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let opts = ImportOptions {
        zone,
        all_day_busy: !args.all_day_free,
        ..ImportOptions::default()
    };
    let import = busy_from_ics(&text, window, &opts)
        .with_context(|| format!("FILE {}", args.file.display()))?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&import.busy)?);
    } else {
        for i in &import.busy {
            println!(
                "{}  {}",
                i.start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                i.end.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            );
        }
    }
    for s in &import.skipped {
        eprintln!("{s}");
    }
    for w in &import.warnings {
        eprintln!("warning: {w}");
    }
    eprintln!(
        "{} events read, {} occurrences in the window, {} busy intervals ({:.1} h), {} skipped, {} warnings",
        import.events,
        import.occurrences,
        import.busy.len(),
        import.busy_seconds() as f64 / 3600.0,
        import.skipped.len(),
        import.warnings.len()
    );
    Ok(())
}

/// Writes the invites of option 1 of `answer` into `dir` (for `rondo solve --invites`):
/// each file is written whole or not at all ([`rondo::whole_file`]).
pub fn write_option_invites(
    problem: &rondo::problem::Problem,
    answer: &rondo::solution::SolutionDoc,
    dir: &std::path::Path,
    organizer_email: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    use rondo::ical::export::{invites_for_option, Person};
    let Some(option) = answer.options.first() else {
        eprintln!(
            "no schedule is possible: no invites written to {}",
            dir.display()
        );
        return Ok(());
    };
    let organizer = Person {
        name: "Recruiting".into(),
        email: organizer_email.trim().to_string(),
    };
    let files = invites_for_option(problem, option, &organizer, 0, now).context("--invites")?;
    std::fs::create_dir_all(dir)
        .with_context(|| format!("--invites {}: cannot create the folder", dir.display()))?;
    for f in &files {
        rondo::whole_file::write(&dir.join(&f.name), f.text.as_bytes()).context("--invites")?;
    }
    eprintln!(
        "wrote {} invite files of option 1 to {}",
        files.len(),
        dir.display()
    );
    Ok(())
}
