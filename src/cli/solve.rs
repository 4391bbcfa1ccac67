//! `rondo solve FILE`: answer a `rondo-problem/1` request with a `rondo-solution/1`.

use anyhow::Context;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use clap::Args;
use rondo::engine;
use rondo::problem::Problem;
use rondo::solution::{SolutionDoc, Status};
use std::io::Read;
use std::path::PathBuf;

/// Arguments of `rondo solve`.
#[derive(Debug, Args)]
pub struct SolveArgs {
    /// The request file (`-` reads standard input).
    pub file: PathBuf,
    /// Print a table of each option in everyone's local time instead of JSON.
    #[arg(long)]
    pub pretty: bool,
    /// Write the invites of option 1 (.ics per round and audience, plus loop.ics) here.
    #[arg(long, value_name = "DIR", requires = "organizer")]
    pub invites: Option<PathBuf>,
    /// The coordinator's e-mail address: the invites' organizer (needs --invites).
    #[arg(long, value_name = "EMAIL", requires = "invites")]
    pub organizer: Option<String>,
}

/// Reads the request, solves it and prints the answer.
pub fn run(args: SolveArgs) -> anyhow::Result<()> {
    let text = read_input(&args.file)?;
    let problem = Problem::from_json(&text)
        .with_context(|| format!("cannot solve {}", args.file.display()))?;
    let answer = engine::solve(&problem);
    if let (Some(dir), Some(email)) = (&args.invites, &args.organizer) {
        crate::cli::ics::write_option_invites(&problem, &answer, dir, email, Utc::now())?;
    }
    if args.pretty {
        print!("{}", pretty(&problem, &answer));
    } else {
        println!("{}", serde_json::to_string_pretty(&answer)?);
    }
    Ok(())
}

/// The whole text of a file, or of standard input for `-`.
pub fn read_input(path: &PathBuf) -> anyhow::Result<String> {
    let mut text = String::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read the request from standard input")?;
    } else {
        text = std::fs::read_to_string(path).with_context(|| {
            format!(
                "cannot read {} (check the path and that it is a text file)",
                path.display()
            )
        })?;
    }
    Ok(text)
}

fn local(t: DateTime<Utc>, zone: Tz) -> String {
    t.with_timezone(&zone).format("%a %d %b %H:%M").to_string()
}

/// The answer as a table per option: each round in the candidate's and each
/// interviewer's own local time.
pub fn pretty(p: &Problem, a: &SolutionDoc) -> String {
    let mut out = String::new();
    let cand_zone = p.candidate.zone;
    match a.status {
        Status::Infeasible => {
            out.push_str(&format!("{}: no schedule is possible.\n\n", p.id));
            out.push_str(a.explanation.as_deref().unwrap_or(""));
            out.push('\n');
        }
        Status::Scheduled => {
            for (n, o) in a.options.iter().enumerate() {
                out.push_str(&format!(
                    "Option {} — finishes {} ({}) · score {:.2}\n",
                    n + 1,
                    local(o.finish, cand_zone),
                    cand_zone.name(),
                    o.score.total
                ));
                if !o.score.reasons.is_empty() {
                    out.push_str(&format!("  {}\n", o.score.reasons.join("; ")));
                }
                for r in &o.rounds {
                    let name = p
                        .rounds
                        .iter()
                        .find(|x| x.id == r.round)
                        .map_or(r.round.as_str(), |x| x.name.as_str());
                    out.push_str(&format!(
                        "  {:<24} {} – {}  candidate ({})\n",
                        name,
                        local(r.start, cand_zone),
                        r.end.with_timezone(&cand_zone).format("%H:%M"),
                        cand_zone.name()
                    ));
                    for id in &r.interviewers {
                        if let Some(it) = p.interviewers.iter().find(|i| &i.id == id) {
                            out.push_str(&format!(
                                "  {:<24} {} – {}  {} ({})\n",
                                "",
                                local(r.start, it.zone),
                                r.end.with_timezone(&it.zone).format("%H:%M"),
                                it.name.as_deref().unwrap_or(&it.id),
                                it.zone.name()
                            ));
                        }
                    }
                }
                out.push('\n');
            }
        }
    }
    out
}
