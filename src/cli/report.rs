//! `rondo report load|now|room|pipeline`: the Team screen's numbers on the command line,
//! as a table, CSV (for a spreadsheet) or JSON. Every figure comes from
//! `rondo::usecases::team`; this module only lays it out.

use super::data::open;
use super::table::{emit, render};
use chrono::{NaiveDate, Utc};
use clap::{Args, Subcommand};
use rondo::store::Store;
use rondo::team::load::{Cell, HeatMap};
use rondo::team::pipeline::Days;
use rondo::usecases::propose::DEFAULT_SLOT_MINUTES;
use rondo::usecases::team;
use serde::Serialize;
use std::path::PathBuf;

/// Arguments of `rondo report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Which report.
    #[command(subcommand)]
    pub command: ReportCommand,
}

/// How a report prints.
#[derive(Debug, Clone, Copy, Args)]
pub struct Format {
    /// Print CSV (one line per figure, with a header) instead of a table.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of the load table (`rondo report load`, `rondo team load`).
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// First date (YYYY-MM-DD): its week is the first column.
    #[arg(long)]
    pub from: NaiveDate,
    /// Last date (YYYY-MM-DD): its week is the last column.
    #[arg(long)]
    pub to: NaiveDate,
    /// Only the interviewers of this pool.
    #[arg(long)]
    pub pool: Option<String>,
    /// Output format.
    #[command(flatten)]
    pub format: Format,
}

/// The reports.
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Interviews and hours per interviewer and ISO week (their own zone's weeks)
    /// against their weekly cap.
    Load(LoadArgs),
    /// Each interviewer this week and next against their caps, the eight weeks before,
    /// and who is closest to their cap.
    Now {
        /// How many people closest to their cap to list.
        #[arg(long, default_value_t = 5)]
        near: usize,
        /// Output format.
        #[command(flatten)]
        format: Format,
    },
    /// How many more loops of each plan fit the rest of this week and next, found by the
    /// engine on what is stored.
    Room {
        /// The coordinator's IANA zone: whose Monday starts a week.
        #[arg(long, default_value = "UTC")]
        zone: String,
        /// Slot grid in minutes.
        #[arg(long, default_value_t = DEFAULT_SLOT_MINUTES)]
        slot: u32,
        /// Count at most this many loops per plan and week.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Output format.
        #[command(flatten)]
        format: Format,
    },
    /// Days from applying to the first interview and to a full loop booked, per job,
    /// and what the loops wait on.
    Pipeline {
        /// Output format.
        #[command(flatten)]
        format: Format,
    },
}

/// Runs `rondo report`.
pub fn run(args: ReportArgs, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let store = open(data_dir)?;
    let now = Utc::now();
    match args.command {
        ReportCommand::Load(load) => print_load(&store, &load),
        ReportCommand::Now { near, format } => {
            let load = team::load_now(&store, now, near)?;
            print(format, &load, || now_rows(&load), || now_table(&load))
        }
        ReportCommand::Room {
            zone,
            slot,
            limit,
            format,
        } => {
            let tz = rondo::domain::zone_from_name("--zone", &zone)?;
            let room = team::room(&store, now, tz, slot, limit)?;
            let rows = room_rows(&room);
            print(format, &room, || rows.clone(), || table(&rows))
        }
        ReportCommand::Pipeline { format } => {
            let report = team::pipeline(&store, now)?;
            let rows = pipeline_rows(&report);
            print(format, &report, || rows.clone(), || table(&rows))
        }
    }
}

/// Prints the load table of `args` from `store` (as a table, CSV or JSON).
pub fn print_load(store: &Store, args: &LoadArgs) -> anyhow::Result<()> {
    let map = team::load(store, args.from, args.to, args.pool.as_deref())?;
    print(args.format, &map, || load_rows(&map), || load_table(&map))
}

/// Rows of text: a header, then one row per figure.
type Rows = (Vec<&'static str>, Vec<Vec<String>>);

/// Prints `value` as JSON, `rows()` as CSV, or `text()`.
fn print<T: Serialize>(
    format: Format,
    value: &T,
    rows: impl FnOnce() -> Rows,
    text: impl FnOnce() -> String,
) -> anyhow::Result<()> {
    if format.json {
        emit(&(serde_json::to_string_pretty(value)? + "\n"))
    } else if format.csv {
        let (header, rows) = rows();
        emit(&csv(&header, &rows))
    } else {
        emit(&text())
    }
}

fn table((header, rows): &Rows) -> String {
    render(header, rows)
}

/// RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled.
fn csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let field = |f: &str| {
        if f.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", f.replace('"', "\"\""))
        } else {
            f.to_string()
        }
    };
    let mut out = header.join(",") + "\r\n";
    for r in rows {
        out += &r.iter().map(|f| field(f)).collect::<Vec<_>>().join(",");
        out += "\r\n";
    }
    out
}

fn hours(minutes: u32) -> String {
    format!("{:.2}", f64::from(minutes) / 60.0)
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn share(c: &Cell) -> String {
    c.share_of_cap
        .map(|s| format!("{s:.2}"))
        .unwrap_or_default()
}

/// One line per interviewer and week.
fn load_rows(map: &HeatMap) -> Rows {
    let header = vec![
        "interviewer",
        "week",
        "interviews",
        "hours",
        "max_per_week",
        "share_of_cap",
    ];
    let rows = map
        .rows
        .iter()
        .flat_map(|r| {
            map.weeks.iter().zip(&r.cells).map(move |(w, c)| {
                vec![
                    r.id.clone(),
                    w.to_string(),
                    c.interviews.to_string(),
                    hours(c.minutes),
                    opt(r.max_per_week),
                    share(c),
                ]
            })
        })
        .collect();
    (header, rows)
}

/// Interviewers down, weeks across: `interviews/cap hours` per cell, `!` over the cap.
fn load_table(map: &HeatMap) -> String {
    let weeks: Vec<String> = map.weeks.iter().map(|w| w.to_string()).collect();
    let mut header: Vec<&str> = vec!["interviewer", "cap"];
    header.extend(weeks.iter().map(String::as_str));
    let rows: Vec<Vec<String>> = map
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![r.id.clone(), opt(r.max_per_week)];
            row.extend(r.cells.iter().map(|c| {
                let over = if c.share_of_cap.is_some_and(|s| s > 1.0) {
                    "!"
                } else {
                    ""
                };
                format!("{}{over} {}h", c.interviews, hours(c.minutes))
            }));
            row
        })
        .collect();
    render(&header, &rows)
}

/// One line per interviewer and week (this, next, the eight before).
fn now_rows(load: &team::LoadNow) -> Rows {
    let header = vec![
        "interviewer",
        "which",
        "week",
        "interviews",
        "hours",
        "max_per_week",
        "room",
    ];
    let mut rows = Vec::new();
    for p in &load.people {
        let past = p.last_8_weeks.iter().map(|w| ("before", w));
        let weeks = past.chain([("this", &p.this_week), ("next", &p.next_week)]);
        for (which, w) in weeks {
            rows.push(vec![
                p.id.clone(),
                which.to_string(),
                w.week.to_string(),
                w.load.interviews.to_string(),
                hours(w.load.minutes),
                opt(p.max_per_week),
                opt(w.room),
            ]);
        }
    }
    (header, rows)
}

fn now_table(load: &team::LoadNow) -> String {
    let header = [
        "interviewer",
        "cap/week",
        "this week",
        "next week",
        "last 8 weeks",
    ];
    let rows: Vec<Vec<String>> = load
        .people
        .iter()
        .map(|p| {
            let past: u32 = p.last_8_weeks.iter().map(|w| w.load.interviews).sum();
            let minutes: u32 = p.last_8_weeks.iter().map(|w| w.load.minutes).sum();
            vec![
                p.id.clone(),
                opt(p.max_per_week),
                format!(
                    "{} ({}h)",
                    p.this_week.load.interviews,
                    hours(p.this_week.load.minutes)
                ),
                format!(
                    "{} ({}h)",
                    p.next_week.load.interviews,
                    hours(p.next_week.load.minutes)
                ),
                format!("{past} ({}h)", hours(minutes)),
            ]
        })
        .collect();
    let near: Vec<Vec<String>> = load
        .closest_to_cap
        .iter()
        .map(|n| {
            vec![
                n.id.clone(),
                format!("{}/{}", n.interviews, n.max_per_week),
                n.room.to_string(),
            ]
        })
        .collect();
    format!(
        "{}\nClosest to their weekly cap:\n{}",
        render(&header, &rows),
        render(&["interviewer", "this week", "room"], &near)
    )
}

/// One line per plan and week.
fn room_rows(room: &[rondo::team::capacity::PlanRoom]) -> Rows {
    let header = vec!["plan", "week", "loops", "stopped", "rounds_out_of_room"];
    let mut rows = Vec::new();
    for r in room {
        for (which, fit) in [("this", &r.this_week), ("next", &r.next_week)] {
            rows.push(vec![
                r.plan.clone(),
                which.to_string(),
                fit.count().to_string(),
                serde_json::to_value(fit.stop)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                fit.full_rounds.join(" "),
            ]);
        }
    }
    (header, rows)
}

fn days(d: Option<Days>) -> [String; 3] {
    match d {
        Some(d) => [
            d.count.to_string(),
            format!("{:.1}", d.median),
            format!("{:.1}", d.max),
        ],
        None => [String::from("0"), String::new(), String::new()],
    }
}

/// One line per job: its pace and what its loops wait on.
fn pipeline_rows(report: &team::PipelineReport) -> Rows {
    let header = vec![
        "job",
        "candidates",
        "first_interview_n",
        "first_interview_median_days",
        "first_interview_max_days",
        "full_loop_n",
        "full_loop_median_days",
        "full_loop_max_days",
        "to_send",
        "to_confirm",
        "to_schedule",
    ];
    let mut jobs: Vec<&str> = report
        .pace
        .iter()
        .map(|p| p.job.as_str())
        .chain(report.waiting.iter().map(|w| w.job.as_str()))
        .collect();
    jobs.sort_unstable();
    jobs.dedup();
    let rows = jobs
        .into_iter()
        .map(|job| {
            let pace = report.pace.iter().find(|p| p.job == job);
            let wait = report.waiting.iter().find(|w| w.job == job);
            let mut row = vec![
                job.to_string(),
                pace.map(|p| p.candidates).unwrap_or(0).to_string(),
            ];
            row.extend(days(pace.and_then(|p| p.to_first_interview)));
            row.extend(days(pace.and_then(|p| p.to_full_loop)));
            row.extend(
                [
                    wait.map(|w| w.send),
                    wait.map(|w| w.confirm),
                    wait.map(|w| w.schedule),
                ]
                .map(|n| n.unwrap_or(0).to_string()),
            );
            row
        })
        .collect();
    (header, rows)
}
