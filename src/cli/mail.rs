//! `rondo mail setup|show|off`, `rondo invites send`, `rondo outbox list|send|retry` and
//! `rondo reply import|accept|decline`: invites by e-mail and the answers that come back.

use super::booking::with_outbox;
use super::data::open;
use super::table::{emit, Output};
use anyhow::Context;
use chrono::Utc;
use clap::{Args, Subcommand};
use rondo::domain::{BookingId, CandidateId};
use rondo::mail::outbox::Delivered;
use rondo::mail::password::{read_password, set_mail_password, PASSWORD_ENV};
use rondo::mail::smtp::{Security, SmtpSender, SmtpSettings};
use rondo::passwords::SystemKeyring;
use rondo::store::Store;
use rondo::usecases::mail as mailing;
use rondo::usecases::mail_account;
use rondo::usecases::replies;
use rondo::usecases::settings::Settings;
use std::path::PathBuf;

/// Arguments of `rondo mail`.
#[derive(Debug, Args)]
pub struct MailArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: MailCommand,
}

/// The subcommands of `rondo mail`.
#[derive(Debug, Subcommand)]
pub enum MailCommand {
    /// Set the outgoing mail account invites are sent through (the password goes into the
    /// system keyring; or give it as RONDO_MAIL_PASSWORD where there is none).
    Setup {
        /// The SMTP server's host name.
        #[arg(long)]
        host: String,
        /// Its port (default: 587 for starttls, 465 for tls, 25 for none).
        #[arg(long)]
        port: Option<u16>,
        /// starttls, tls, or none (only for a relay on this machine).
        #[arg(long, default_value = "starttls")]
        security: Security,
        /// The login name (none: the server takes mail without logging in).
        #[arg(long)]
        user: Option<String>,
        /// Read the password from the first line of standard input and keep it in the
        /// system keyring.
        #[arg(long, requires = "user")]
        password_stdin: bool,
        /// Connect and greet the server before saving.
        #[arg(long)]
        check: bool,
    },
    /// Show the mail account.
    Show,
    /// Send a test message from the organizer's address to itself, now.
    Test,
    /// Stop e-mailing invites (folders still work); messages queued stay in the outbox.
    Off,
}

/// Arguments of `rondo invites`.
#[derive(Debug, Args)]
pub struct InvitesArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: InvitesCommand,
}

/// The subcommands of `rondo invites`.
#[derive(Debug, Subcommand)]
pub enum InvitesCommand {
    /// E-mail the invites of live interviews at their current version (those of one
    /// candidate, or everyone's); each message goes once, whatever happens.
    Send {
        /// Only this candidate's interviews.
        #[arg(long)]
        candidate: Option<CandidateId>,
        /// Show what would be sent; queue and send nothing.
        #[arg(long)]
        dry_run: bool,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
}

/// Arguments of `rondo outbox`.
#[derive(Debug, Args)]
pub struct OutboxArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: OutboxCommand,
}

/// The subcommands of `rondo outbox`.
#[derive(Debug, Subcommand)]
pub enum OutboxCommand {
    /// List the messages queued, sent and failed, with why.
    List {
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Send what is due now.
    Send {
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Try failed messages (one, by Message-ID, or all) again now, and send.
    Retry {
        /// The Message-ID (as listed); all failed ones when left out.
        id: Option<String>,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
}

/// Arguments of `rondo reply`.
#[derive(Debug, Args)]
pub struct ReplyArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: ReplyCommand,
}

/// The subcommands of `rondo reply`.
#[derive(Debug, Subcommand)]
pub enum ReplyCommand {
    /// Apply answers saved from a mail client (.eml or .ics) to the interviews.
    Import {
        /// The saved answers.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Accept the time someone proposed: the interview moves and everyone gets the update.
    Accept {
        /// The booking.
        booking: BookingId,
        /// Who proposed it (their address).
        email: String,
        /// Also write the update's invites into this folder.
        #[arg(long, value_name = "DIR")]
        invites: Option<PathBuf>,
    },
    /// Decline the time someone proposed: the interview stays.
    Decline {
        /// The booking.
        booking: BookingId,
        /// Who proposed it (their address).
        email: String,
    },
}

/// The mail account of the data folder's settings, or an error saying how to set one.
fn account(store: &Store) -> anyhow::Result<SmtpSettings> {
    configured(&Settings::load(store.dir()))
}

/// The mail account of `settings`, or an error saying how to set one.
fn configured(settings: &Settings) -> anyhow::Result<SmtpSettings> {
    settings
        .mail
        .clone()
        .context("no mail account is set up: run `rondo mail setup --host …` first")
}

/// A sender for the account of `settings`, with its password from the environment or
/// the keyring.
fn sender(settings: &Settings) -> anyhow::Result<SmtpSender> {
    let env = std::env::var(PASSWORD_ENV).ok();
    Ok(mail_account::sender(
        settings,
        &SystemKeyring,
        env.as_deref(),
    )?)
}

/// Runs `rondo mail`.
pub fn run_mail(args: MailArgs, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let store = open(data_dir)?;
    let mut settings = Settings::load(store.dir());
    match args.command {
        MailCommand::Setup {
            host,
            port,
            security,
            user,
            password_stdin,
            check,
        } => {
            let mut smtp = SmtpSettings::new(host.trim(), security);
            if let Some(p) = port {
                smtp.port = p;
            }
            smtp.user = user.map(|u| u.trim().to_string()).filter(|u| !u.is_empty());
            if password_stdin {
                let user = smtp.user.as_deref().unwrap_or_default();
                let password = read_password(std::io::stdin().lock())?;
                set_mail_password(&SystemKeyring, user, &smtp.host, &password)?;
            }
            settings.mail = Some(smtp.clone());
            if check {
                sender(&settings)?.check()?;
            }
            settings.save(store.dir())?;
            emit(&format!(
                "invites are e-mailed through {} ({}){}\n",
                smtp.server(),
                smtp.security.as_str(),
                smtp.user
                    .as_ref()
                    .map_or(String::new(), |u| format!(" as {u}"))
            ))
        }
        MailCommand::Show => match &settings.mail {
            None => emit("no mail account: invites are written into folders only\n"),
            Some(s) => emit(&format!(
                "server {} ({}), user {}, organizer {} <{}>\n",
                s.server(),
                s.security.as_str(),
                s.user.as_deref().unwrap_or("(none)"),
                settings.organizer().name,
                settings.organizer().email
            )),
        },
        MailCommand::Test => {
            let smtp = configured(&settings)?;
            let to = mailing::send_test(&sender(&settings)?, &settings.organizer(), Utc::now())?;
            emit(&format!(
                "a test message went to {to} through {}: check that it arrived\n",
                smtp.server()
            ))
        }
        MailCommand::Off => {
            settings.mail = None;
            settings.save(store.dir())?;
            emit("invites are no longer e-mailed\n")
        }
    }
}

use mailing::OutboxLine as Line;

fn lines_text(lines: &[Line]) -> String {
    let mut out = String::new();
    for l in lines {
        out.push_str(&format!(
            "{:<8} {:<8} {} → {}  {}\n",
            l.state,
            l.method,
            l.id,
            l.to.join(", "),
            l.subject
        ));
        if let Some(why) = &l.why {
            out.push_str(&format!("         {why}\n"));
        }
    }
    if out.is_empty() {
        out.push_str("the outbox is empty\n");
    }
    out
}

fn delivered_text(d: &Delivered) -> String {
    let mut out = format!("sent {} message(s)", d.sent);
    if d.in_doubt > 0 {
        out.push_str(&format!(
            " ({} had been in flight when Rondo stopped: sent again with the same Message-ID)",
            d.in_doubt
        ));
    }
    if d.will_retry > 0 {
        out.push_str(&format!("; {} will be tried again later", d.will_retry));
    }
    out.push('\n');
    for (id, why) in &d.failed {
        out.push_str(&format!(
            "failed {id}: {why} (`rondo outbox retry` when fixed)\n"
        ));
    }
    out
}

/// Sends what is due, printing the run.
fn send_due(store: &Store, output: Output) -> anyhow::Result<()> {
    account(store)?;
    let settings = Settings::load(store.dir());
    let delivered = mailing::deliver(store, &sender(&settings)?, &Utc::now)?;
    output.print(&delivered, || delivered_text(&delivered))?;
    if delivered.failed.is_empty() {
        Ok(())
    } else {
        anyhow::bail!("{} message(s) could not be sent", delivered.failed.len())
    }
}

/// Runs `rondo invites`.
pub fn run_invites(args: InvitesArgs, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let store = open(data_dir)?;
    match args.command {
        InvitesCommand::Send {
            candidate,
            dry_run,
            output,
        } => {
            let organizer = Settings::load(store.dir()).organizer();
            if dry_run {
                let list: Vec<Line> =
                    mailing::pending(&store, candidate.as_ref(), &organizer, Utc::now())?
                        .iter()
                        .map(Line::of)
                        .collect();
                return output.print(&list, || lines_text(&list));
            }
            account(&store)?;
            let queued = mailing::queue(&store, candidate.as_ref(), &organizer, Utc::now())?;
            if !output.json {
                emit(&format!("queued {} new message(s)\n", queued.len()))?;
            }
            send_due(&store, output)
        }
    }
}

/// Runs `rondo outbox`.
pub fn run_outbox(args: OutboxArgs, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let store = open(data_dir)?;
    match args.command {
        OutboxCommand::List { output } => {
            let list = mailing::outbox_lines(&store, false)?;
            output.print(&list, || lines_text(&list))
        }
        OutboxCommand::Send { output } => send_due(&store, output),
        OutboxCommand::Retry { id, output } => {
            let n = mailing::retry(&store, id.as_deref(), Utc::now())?;
            if !output.json {
                emit(&format!("{n} message(s) to try again\n"))?;
            }
            send_due(&store, output)
        }
    }
}

/// Runs `rondo reply`.
pub fn run_reply(args: ReplyArgs, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let store = open(data_dir)?;
    match args.command {
        ReplyCommand::Import { files, output } => {
            let mut all = Vec::new();
            for f in &files {
                let bytes = std::fs::read(f).with_context(|| format!("reading {}", f.display()))?;
                let outcomes = with_outbox(&store, |out| {
                    Ok(replies::import(&store, &bytes, out, Utc::now())?)
                })
                .with_context(|| format!("{}", f.display()))?;
                all.extend(outcomes.into_iter().map(|o| (f.display().to_string(), o)));
            }
            output.print(&all, || {
                all.iter()
                    .map(|(file, o)| {
                        format!(
                            "{file}: {} {}{}\n",
                            o.booking.as_ref().map_or("-", |b| b.as_str()),
                            o.said,
                            o.status
                                .as_ref()
                                .map_or(String::new(), |s| format!(" [{s}]"))
                        )
                    })
                    .collect()
            })
        }
        ReplyCommand::Accept {
            booking,
            email,
            invites,
        } => {
            let now = Utc::now();
            let changed = with_outbox(&store, |out| {
                Ok(replies::accept_counter(
                    &store,
                    &booking,
                    &email,
                    invites.as_deref(),
                    out,
                    now,
                )?)
            })?;
            emit(&super::booking::changed_text("moved", &changed))
        }
        ReplyCommand::Decline { booking, email } => {
            let d = with_outbox(&store, |out| {
                Ok(replies::decline_counter(
                    &store,
                    &booking,
                    &email,
                    out,
                    Utc::now(),
                )?)
            })?;
            emit(&format!(
                "declined {}'s proposal ({}): booking {booking} stays as it is{}\n",
                d.counter.name,
                d.counter.start.to_rfc3339(),
                if d.queued.is_some() {
                    "; the answer is queued for them (`rondo outbox send`)"
                } else {
                    ""
                }
            ))
        }
    }
}
