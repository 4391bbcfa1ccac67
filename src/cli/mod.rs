//! The `rondo` command line: one module per subcommand group, all calling the core.

pub mod batch;
pub mod booking;
pub mod calendar;
pub mod candidate;
pub mod data;
pub mod hiring_day;
pub mod holds;
pub mod interviewer;
pub mod mail;
pub mod plan;
pub mod propose;
pub mod report;
pub mod solve;
pub mod table;
pub mod team;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

pub mod ics;

/// Rondo: plan multi-round interview processes across time zones.
#[derive(Debug, Parser)]
#[command(name = "rondo", version, about)]
pub struct Cli {
    /// The data folder (default: the platform's data folder for Rondo).
    #[arg(long, global = true, env = "RONDO_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands of `rondo`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer a rondo-problem/1 request (FILE or - for stdin) with ranked schedules.
    Solve(solve::SolveArgs),
    /// Answer a rondo-batch/1 hiring-day request (FILE or - for stdin): many candidates,
    /// one interviewer pool, the best day for all of them with proof.
    SolveBatch(batch::SolveBatchArgs),
    /// Calendar files: read an .ics into busy time.
    #[command(subcommand)]
    Ics(ics::IcsCommand),
    /// Back up, restore, make example teams, see where the data lives.
    Data(data::DataArgs),
    /// Add, list, show and delete interviewers; replace their busy time.
    Interviewer(interviewer::InterviewerArgs),
    /// Add, list, show and delete candidates.
    Candidate(candidate::CandidateArgs),
    /// Add, list, show and delete interview plans.
    Plan(plan::PlanArgs),
    /// List, show, reschedule and cancel bookings; confirm them.
    Booking(booking::BookingArgs),
    /// Propose ranked schedules for a candidate's plan over some dates.
    Propose(propose::ProposeArgs),
    /// Book option N of a candidate's latest proposal.
    Book(propose::BookArgs),
    /// Hiring days: schedule many candidates against the stored pool at once, then book.
    #[command(subcommand)]
    HiringDay(hiring_day::HiringDayCommand),
    /// Connected calendars: add an account, list its calendars, read busy time, choose
    /// the team's interview calendar.
    Calendar(calendar::CalendarArgs),
    /// The outgoing mail account invites are e-mailed through.
    Mail(mail::MailArgs),
    /// E-mail the invites of booked interviews.
    Invites(mail::InvitesArgs),
    /// The e-mails queued, sent and failed; send or retry them.
    Outbox(mail::OutboxArgs),
    /// Answers to invitations: import saved replies; accept or decline proposed times.
    Reply(mail::ReplyArgs),
    /// Hold options on the panels, offer them to the candidate, record the pick.
    Holds(holds::HoldsArgs),
    /// The team's load against caps, the loops that still fit, the pipeline's pace.
    Report(report::ReportArgs),
    /// Training paths, trainees and their progress, sign-off, the load table.
    Team(team::TeamArgs),
}

/// Runs a parsed command line; the error is printed by `main` with its context chain.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Solve(args) => solve::run(args),
        Command::SolveBatch(args) => batch::run(args),
        Command::Ics(cmd) => ics::run(cmd),
        Command::Data(args) => data::run(args, cli.data_dir),
        Command::Interviewer(args) => interviewer::run(args, cli.data_dir),
        Command::Candidate(args) => candidate::run(args, cli.data_dir),
        Command::Plan(args) => plan::run(args, cli.data_dir),
        Command::Booking(args) => booking::run(args, cli.data_dir),
        Command::Propose(args) => propose::run_propose(args, cli.data_dir),
        Command::Book(args) => propose::run_book(args, cli.data_dir),
        Command::HiringDay(cmd) => hiring_day::run(cmd, cli.data_dir),
        Command::Calendar(args) => calendar::run(args, cli.data_dir),
        Command::Mail(args) => mail::run_mail(args, cli.data_dir),
        Command::Invites(args) => mail::run_invites(args, cli.data_dir),
        Command::Outbox(args) => mail::run_outbox(args, cli.data_dir),
        Command::Reply(args) => mail::run_reply(args, cli.data_dir),
        Command::Holds(args) => holds::run(args, cli.data_dir),
        Command::Report(args) => report::run(args, cli.data_dir),
        Command::Team(args) => team::run(args, cli.data_dir),
    }
}
