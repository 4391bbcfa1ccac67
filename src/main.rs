//! The `rondo` binary: parses the command line and reports errors in words.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = rondo::cli::Cli::parse();
    match rondo::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("rondo: {err:#}");
            ExitCode::from(2)
        }
    }
}
