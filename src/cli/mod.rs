//! The `rondo` command line: one module per subcommand group, all calling the core.

pub mod solve;

use clap::{Parser, Subcommand};

pub mod ics;

/// Rondo: plan multi-round interview processes across time zones.
#[derive(Debug, Parser)]
#[command(name = "rondo", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands of `rondo`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer a rondo-problem/1 request (FILE or - for stdin) with ranked schedules.
    Solve(solve::SolveArgs),
    /// Calendar files: read an .ics into busy time.
    #[command(subcommand)]
    Ics(ics::IcsCommand),
}

/// Runs a parsed command line; the error is printed by `main` with its context chain.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Solve(args) => solve::run(args),
        Command::Ics(cmd) => ics::run(cmd),
    }
}
