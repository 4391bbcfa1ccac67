//! `rondo interviewer add|list|show|delete|busy`.

use super::data::open;
use super::table::{render, span, Output};
use anyhow::Context;
use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use rondo::domain::plan_text::parse_pools;
use rondo::domain::{zone_from_name, Interviewer, InterviewerId, SourceId, WeeklyHours};
use rondo::interval::Interval;
use rondo::usecases::{calendar, records};
use std::path::PathBuf;

/// Arguments of `rondo interviewer`.
#[derive(Debug, Args)]
pub struct InterviewerArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: InterviewerCommand,
}

/// The subcommands of `rondo interviewer`.
#[derive(Debug, Subcommand)]
pub enum InterviewerCommand {
    /// Add an interviewer.
    Add {
        /// Stable id (letters, digits, '.', '_', '-'; default: made from the name, as
        /// the window does).
        #[arg(long)]
        id: Option<InterviewerId>,
        /// Display name.
        #[arg(long)]
        name: String,
        /// IANA time zone, e.g. Europe/Berlin.
        #[arg(long)]
        zone: String,
        /// Weekly hours in their zone: days, then a day's windows as the window's
        /// weekly editor takes them, e.g. "mon-fri 09:00-12:30, 13:30-17:30; sat 10:00-12:00".
        #[arg(long, default_value = "mon-fri 09:00-17:00")]
        hours: String,
        /// E-mail address.
        #[arg(long, default_value = "")]
        email: String,
        /// Pools they interview for, comma-separated as in the window ("Backend, culture";
        /// kept in lower case).
        #[arg(long)]
        pools: Vec<String>,
        /// Interviews per local day at most.
        #[arg(long)]
        max_per_day: Option<u32>,
        /// Interviews per local ISO week at most.
        #[arg(long)]
        max_per_week: Option<u32>,
        /// Minutes kept free around each interview.
        #[arg(long, default_value_t = 0)]
        buffer: u32,
        /// All-day calendar events do not make them busy.
        #[arg(long)]
        all_day_free: bool,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// List interviewers.
    List {
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Show one interviewer with their calendars.
    Show {
        /// The interviewer's id.
        id: InterviewerId,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Delete an interviewer (refused while bookings or plans name them).
    Delete {
        /// The interviewer's id.
        id: InterviewerId,
    },
    /// Replace the busy time of one calendar source by what an .ics file says over some
    /// dates (read in the interviewer's zone).
    ImportIcs {
        /// The interviewer's id.
        id: InterviewerId,
        /// The calendar source (e.g. work, personal).
        #[arg(long)]
        source: SourceId,
        /// The .ics file.
        #[arg(long)]
        file: PathBuf,
        /// First date (YYYY-MM-DD, the interviewer's local date) to read.
        #[arg(long)]
        from: chrono::NaiveDate,
        /// Last date (inclusive) to read.
        #[arg(long)]
        to: chrono::NaiveDate,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Replace the busy blocks of one calendar source by those in a JSON file
    /// (a list of {"start": RFC 3339, "end": RFC 3339}).
    Busy {
        /// The interviewer's id.
        id: InterviewerId,
        /// The calendar source (e.g. work, personal).
        #[arg(long)]
        source: SourceId,
        /// The JSON file of busy blocks.
        #[arg(long)]
        file: PathBuf,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
}

fn table(list: &[Interviewer]) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|i| {
            vec![
                i.id.to_string(),
                i.name.clone(),
                i.time_zone.name().to_string(),
                i.pools.iter().cloned().collect::<Vec<_>>().join(","),
                i.working_hours.to_string(),
                format!(
                    "{}/{}",
                    i.max_per_day.map_or("-".into(), |v| v.to_string()),
                    i.max_per_week.map_or("-".into(), |v| v.to_string())
                ),
                i.busy().count().to_string(),
            ]
        })
        .collect();
    render(
        &[
            "ID",
            "NAME",
            "ZONE",
            "POOLS",
            "HOURS",
            "DAY/WEEK CAP",
            "BUSY BLOCKS",
        ],
        &rows,
    )
}

fn detail(i: &Interviewer) -> String {
    let mut out = table(std::slice::from_ref(i));
    out.push_str(&format!(
        "email: {}  buffer: {} min  all-day events busy: {}\n",
        i.email, i.buffer_minutes, i.all_day_busy
    ));
    for c in &i.calendars {
        out.push_str(&format!(
            "calendar {} ({}), imported {}: {} busy blocks\n",
            c.id,
            c.location,
            c.imported_at.map_or("never".into(), |t| t.to_rfc3339()),
            c.busy.len()
        ));
        for b in c.busy.iter().take(10) {
            out.push_str(&format!("  {}\n", span(b.start, b.end, i.time_zone)));
        }
        if c.busy.len() > 10 {
            out.push_str(&format!("  ... and {} more\n", c.busy.len() - 10));
        }
    }
    out
}

/// Runs `rondo interviewer …`.
pub fn run(args: InterviewerArgs, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let store = open(data_dir)?;
    match args.command {
        InterviewerCommand::Add {
            id,
            name,
            zone,
            hours,
            email,
            pools,
            max_per_day,
            max_per_week,
            buffer,
            all_day_free,
            output,
        } => {
            let id = match id {
                Some(id) => id,
                None => InterviewerId::new(records::free_id::<Interviewer>(
                    &store,
                    &name,
                    "interviewer",
                ))?,
            };
            let mut i = Interviewer::new(
                id,
                name.trim(),
                zone_from_name("--zone", &zone)?,
                WeeklyHours::parse(&hours)?,
            );
            i.email = email.trim().to_string();
            i.pools = parse_pools(&pools.join(","));
            i.max_per_day = max_per_day;
            i.max_per_week = max_per_week;
            i.buffer_minutes = buffer;
            i.all_day_busy = !all_day_free;
            records::add_interviewer(&store, &i)?;
            output.print(&i, || format!("added interviewer {}\n", i.id))
        }
        InterviewerCommand::List { output } => {
            let list: Vec<Interviewer> = store.all()?;
            output.print(&list, || table(&list))
        }
        InterviewerCommand::Show { id, output } => {
            let i: Interviewer = store.need(id.as_str())?;
            output.print(&i, || detail(&i))
        }
        InterviewerCommand::Delete { id } => {
            records::delete_interviewer(&store, &id)?;
            super::table::emit(&format!("deleted interviewer {id}\n"))
        }
        InterviewerCommand::ImportIcs {
            id,
            source,
            file,
            from,
            to,
            output,
        } => {
            let who: Interviewer = store.need(id.as_str())?;
            let midnight = rondo::zone::WallTime::from_minutes(0).context("midnight")?;
            let start = rondo::zone::wall_instant(who.time_zone, from, midnight);
            let end =
                rondo::zone::wall_instant(who.time_zone, to + chrono::Duration::days(1), midnight);
            let window = Interval::new(start, end)
                .with_context(|| format!("--to {to} is before --from {from}"))?;
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let (_, report) = calendar::import_ics(
                &store,
                &id,
                &source,
                &file.display().to_string(),
                &text,
                window,
                Utc::now(),
            )?;
            output.print(&report, || {
                let mut out = format!(
                    "calendar {source} of {id}: {} busy blocks from {} events ({} skipped, {} warnings)\n",
                    report.busy.len(),
                    report.events,
                    report.skipped.len(),
                    report.warnings.len()
                );
                for s in &report.skipped {
                    out.push_str(&format!("  skipped: {s}\n"));
                }
                out
            })
        }
        InterviewerCommand::Busy {
            id,
            source,
            file,
            output,
        } => {
            #[derive(serde::Deserialize)]
            struct Block {
                start: DateTime<chrono::FixedOffset>,
                end: DateTime<chrono::FixedOffset>,
            }
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let blocks: Vec<Block> = serde_json::from_str(&text).with_context(|| {
                format!(
                    "{} is not a JSON list of {{\"start\", \"end\"}} instants",
                    file.display()
                )
            })?;
            let mut busy = Vec::with_capacity(blocks.len());
            for (k, b) in blocks.iter().enumerate() {
                let (s, e) = (b.start.with_timezone(&Utc), b.end.with_timezone(&Utc));
                busy.push(Interval::new(s, e).with_context(|| {
                    format!("{}: block {k} ends before it starts", file.display())
                })?);
            }
            let i = calendar::import_calendar(
                &store,
                &id,
                &source,
                &file.display().to_string(),
                busy,
                Utc::now(),
            )?;
            output.print(&i, || {
                format!(
                    "calendar {source} of {id} now holds {} busy blocks\n",
                    i.calendars
                        .iter()
                        .find(|c| c.id == source)
                        .map_or(0, |c| c.busy.len())
                )
            })
        }
    }
}
