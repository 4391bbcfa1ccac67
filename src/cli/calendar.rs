//! `rondo calendar add|list|sync|publish`: connected calendars (CalDAV servers and
//! subscription addresses), and `rondo interviewer link`'s arguments.

use super::data::open;
use super::table::{render, Output};
use anyhow::Context;
use chrono::{NaiveDate, Utc};
use clap::{Args, Subcommand};
use rondo::caldav::{CalendarAccount, CancelMode};
use rondo::domain::InterviewerId;
use rondo::interval::Interval;
use rondo::passwords::{SystemKeyring, ENV_VAR};
use rondo::usecases::connected::{accounts, reading, team};
use std::path::PathBuf;

/// Arguments of `rondo calendar`.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: CalendarCommand,
}

/// The subcommands of `rondo calendar`.
#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Add an account: a CalDAV server with --user (the password comes from
    /// RONDO_CALENDAR_PASSWORD or standard input, and is kept in the system keyring when
    /// there is one), or a subscription address (https:// or webcal://) without.
    Add {
        /// The account's name (letters, digits, '.', '_', '-').
        name: String,
        /// The server's address (discovery starts there) or the subscription address.
        #[arg(long)]
        url: String,
        /// The user name on the server.
        #[arg(long)]
        user: Option<String>,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// List the accounts, or one account's calendars with their addresses (read from
    /// the server again).
    List {
        /// The account.
        name: Option<String>,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Read the linked calendars' busy time (only what changed since the last read).
    Sync {
        /// Only this account's calendars.
        name: Option<String>,
        /// First date to read (YYYY-MM-DD, UTC; default yesterday).
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Last date to read (inclusive; default 90 days ahead).
        #[arg(long)]
        to: Option<NaiveDate>,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Make NAME:HREF the team's interview calendar: bookings, moves and cancellations
    /// are written there, with claims that keep other coordinators from booking the
    /// same people at the same time.
    Publish {
        /// ACCOUNT:HREF (the calendar's address or path, from `rondo calendar list`).
        calendar: String,
        /// Where the claims live (default: a calendar made beside it).
        #[arg(long)]
        claims: Option<String>,
        /// How long a claim holds while a booking is made, in seconds.
        #[arg(long)]
        hold: Option<u32>,
        /// Mark cancelled interviews CANCELLED instead of deleting them.
        #[arg(long)]
        mark_cancelled: bool,
    },
}

/// Splits `ACCOUNT:HREF` at the first colon.
pub fn account_and_href(text: &str) -> anyhow::Result<(String, String)> {
    let (a, h) = text.split_once(':').with_context(|| {
        format!("{text:?}: give ACCOUNT:HREF (or ACCOUNT:auto), e.g. team:/alice/work/")
    })?;
    Ok((a.trim().to_string(), h.trim().to_string()))
}

/// The password for a new server account: RONDO_CALENDAR_PASSWORD, else one line of
/// standard input.
fn password_for(user: &str, url: &str) -> anyhow::Result<String> {
    if let Ok(p) = std::env::var(ENV_VAR) {
        if !p.is_empty() {
            return Ok(p);
        }
    }
    eprintln!("password for {user} at {url} (set {ENV_VAR} to skip this question):");
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    let p = line.trim_end_matches(['\r', '\n']).to_string();
    anyhow::ensure!(
        !p.is_empty(),
        "no password given: set {ENV_VAR} or type it when asked"
    );
    Ok(p)
}

fn calendars_table(a: &CalendarAccount) -> String {
    let rows: Vec<Vec<String>> = a
        .calendars
        .iter()
        .map(|c| {
            vec![
                c.name.clone(),
                c.url.clone(),
                c.owner.clone().unwrap_or_default(),
                c.color.clone().unwrap_or_default(),
                if c.busy_only { "busy only" } else { "events" }.to_string(),
                if a.team.as_ref().is_some_and(|t| t.url == c.url) {
                    "team calendar"
                } else {
                    ""
                }
                .to_string(),
            ]
        })
        .collect();
    render(
        &["calendar", "address", "owner", "colour", "reads", ""],
        &rows,
    )
}

/// Runs `rondo calendar …`.
pub fn run(args: CalendarArgs, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let store = open(data_dir)?;
    let now = Utc::now();
    match args.command {
        CalendarCommand::Add {
            name,
            url,
            user,
            output,
        } => {
            let password = match &user {
                Some(u) => Some(password_for(u, &url)?),
                None => None,
            };
            let added = accounts::add(
                &store,
                &name,
                &url,
                user.as_deref(),
                password,
                &SystemKeyring,
                now,
            )?;
            output.print(&added, || {
                let mut s = format!(
                    "added {} with {} calendar(s):\n{}",
                    added.account.name,
                    added.account.calendars.len(),
                    calendars_table(&added.account)
                );
                if let Some(p) = &added.password {
                    s.push_str(&format!("{p}\n"));
                }
                s
            })
        }
        CalendarCommand::List { name: None, output } => {
            let all = accounts::list(&store)?;
            output.print(&all, || {
                let rows: Vec<Vec<String>> = all
                    .iter()
                    .map(|a| {
                        vec![
                            a.name.to_string(),
                            a.kind.url().to_string(),
                            a.calendars.len().to_string(),
                            a.team.as_ref().map(|t| t.url.clone()).unwrap_or_default(),
                        ]
                    })
                    .collect();
                render(&["account", "address", "calendars", "team calendar"], &rows)
            })
        }
        CalendarCommand::List {
            name: Some(name),
            output,
        } => {
            let a = accounts::refresh(&store, &name, now)?;
            output.print(&a, || calendars_table(&a))
        }
        CalendarCommand::Sync {
            name,
            from,
            to,
            output,
        } => {
            let mut window = reading::default_window(now);
            if let Some(f) = from {
                window.start = f.and_hms_opt(0, 0, 0).context("a date")?.and_utc();
            }
            if let Some(t) = to {
                window.end = t
                    .succ_opt()
                    .context("a date")?
                    .and_hms_opt(0, 0, 0)
                    .context("a date")?
                    .and_utc();
            }
            anyhow::ensure!(window.start < window.end, "--to must not be before --from");
            let pending = team::push_pending(&store, now)?;
            let summary = reading::sync(
                &store,
                name.as_deref(),
                Interval {
                    start: window.start,
                    end: window.end,
                },
                now,
            )?;
            output.print(&summary, || {
                let mut rows = Vec::new();
                for p in &summary.people {
                    for c in &p.calendars {
                        rows.push(vec![
                            p.interviewer.clone(),
                            c.url.clone(),
                            format!("{:?}", c.method).to_lowercase(),
                            c.events.to_string(),
                            c.busy_blocks.to_string(),
                            c.error.clone().unwrap_or_else(|| {
                                if c.skipped.is_empty() {
                                    String::new()
                                } else {
                                    format!("skipped: {}", c.skipped.join("; "))
                                }
                            }),
                        ]);
                    }
                }
                let mut s = format!(
                    "read {} calendar(s), {} failed, {} – {}\n{}",
                    summary.read,
                    summary.failed,
                    summary.from.format("%Y-%m-%d"),
                    summary.to.format("%Y-%m-%d"),
                    render(
                        &[
                            "interviewer",
                            "calendar",
                            "read by",
                            "events",
                            "busy",
                            "notes"
                        ],
                        &rows
                    )
                );
                if let Some(n) = summary.other_desks {
                    s.push_str(&format!(
                        "{n} busy block(s) of other coordinators' bookings\n"
                    ));
                }
                for p in &pending {
                    s.push_str(&format!("not on the server yet: {p}\n"));
                }
                s
            })
        }
        CalendarCommand::Publish {
            calendar,
            claims,
            hold,
            mark_cancelled,
        } => {
            let (account, href) = account_and_href(&calendar)?;
            let cancel = if mark_cancelled {
                CancelMode::MarkCancelled
            } else {
                CancelMode::Delete
            };
            let t = team::publish(&store, &account, &href, claims.as_deref(), hold, cancel)?;
            println!(
                "bookings are written to {}; claims live in {}",
                t.url, t.claims_url
            );
            for p in team::push_pending(&store, now)? {
                println!("not on the server yet: {p}");
            }
            Ok(())
        }
    }
}

/// Runs `rondo interviewer link ID --calendar ACCOUNT:HREF|ACCOUNT:auto`.
pub fn link(
    store: &rondo::store::Store,
    id: &InterviewerId,
    calendar: &str,
    output: Output,
) -> anyhow::Result<()> {
    let (account, href) = account_and_href(calendar)?;
    let links = accounts::link(store, id, &account, &accounts::Which::parse(&href))?;
    output.print(&links, || {
        let rows: Vec<Vec<String>> = links
            .calendars
            .iter()
            .map(|l| vec![l.account.to_string(), l.url.clone()])
            .collect();
        format!(
            "{} reads:\n{}",
            links.interviewer,
            render(&["account", "calendar"], &rows)
        )
    })
}
