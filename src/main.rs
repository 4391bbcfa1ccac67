//! The `rondo` binary: parses the command line and reports errors in words. The command
//! line lives here, not in the library, so that clap and anyhow stay out of the core.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("rondo: {err:#}");
            ExitCode::from(2)
        }
    }
}
