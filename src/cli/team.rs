//! `rondo team`: training paths, who trains for what and how far along they are,
//! interviews marked held, sign-off, and the load table. Every figure and rule is
//! `rondo::usecases::training`'s (or `team`'s, for the load); this module only reads
//! the arguments and lays the answers out.

use super::data::open;
use super::report::{self, LoadArgs};
use super::table::{render, Output};
use chrono::Utc;
use clap::{Args, Subcommand};
use rondo::domain::{BookingId, InterviewerId, TrainingPath};
use rondo::usecases::training::{self, Standing};
use std::path::PathBuf;

/// Arguments of `rondo team`.
#[derive(Debug, Args)]
pub struct TeamArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: TeamCommand,
}

/// The `rondo team` subcommands.
#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Training paths of pools: set one, or list them.
    #[command(subcommand)]
    Path(PathCommand),
    /// Start an interviewer on a pool's training path.
    Train {
        /// The interviewer's id.
        interviewer: InterviewerId,
        /// The pool they train for.
        #[arg(long)]
        pool: String,
    },
    /// Where each trainee stands (or one interviewer, with their interviews).
    Progress {
        /// Only this interviewer, with each interview of their path.
        interviewer: Option<InterviewerId>,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Mark a trainee's interview as held: it counts on their path at once.
    Held {
        /// The booking.
        booking: BookingId,
        /// The trainee who sat in it.
        #[arg(long)]
        trainee: InterviewerId,
    },
    /// Sign a trainee off for a pool whose path asks for it: they join the pool.
    SignOff {
        /// The trainee.
        interviewer: InterviewerId,
        /// The pool.
        #[arg(long)]
        pool: String,
    },
    /// Interviews and hours per interviewer and week against their weekly cap (as
    /// `rondo report load`).
    Load(LoadArgs),
}

/// `rondo team path`.
#[derive(Debug, Subcommand)]
pub enum PathCommand {
    /// Set a pool's path: N shadows, then M reverse shadows, then sign-off if asked.
    Set {
        /// The pool.
        pool: String,
        /// Shadows to hold first.
        #[arg(long, default_value_t = 0)]
        shadows: u32,
        /// Reverse shadows to hold after them.
        #[arg(long, default_value_t = 0)]
        reverse_shadows: u32,
        /// Someone signs the trainee off before they join the pool.
        #[arg(long)]
        sign_off: bool,
    },
    /// Every pool's path.
    List {
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
}

/// Runs `rondo team`.
pub fn run(args: TeamArgs, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let store = open(data_dir)?;
    let now = Utc::now();
    match args.command {
        TeamCommand::Path(PathCommand::Set {
            pool,
            shadows,
            reverse_shadows,
            sign_off,
        }) => {
            let path = TrainingPath::new(&pool, shadows, reverse_shadows, sign_off)?;
            training::set_path(&store, &path)?;
            println!("pool {}: {}", path.pool, path_words(&path));
        }
        TeamCommand::Path(PathCommand::List { output }) => {
            let paths = training::paths(&store)?;
            output.print(&paths, || {
                let rows: Vec<Vec<String>> = paths
                    .iter()
                    .map(|p| vec![p.pool.clone(), path_words(p)])
                    .collect();
                render(&["pool", "path"], &rows)
            })?;
        }
        TeamCommand::Train { interviewer, pool } => {
            training::enroll(&store, &interviewer, &pool, now)?;
            println!(
                "{interviewer} starts the training path of pool {}",
                pool.trim().to_lowercase()
            );
        }
        TeamCommand::Progress {
            interviewer,
            output,
        } => {
            let list = match &interviewer {
                Some(id) => training::of_person(&store, id, now)?,
                None => training::standings(&store, now)?,
            };
            output.print(&list, || {
                let mut text = standings_table(&list);
                if interviewer.is_some() {
                    for s in &list {
                        text += &sessions_table(s);
                    }
                }
                text
            })?;
        }
        TeamCommand::Held { booking, trainee } => {
            let s = training::mark_held(&store, &booking, &trainee, now)?;
            println!("{booking} held; {}", standing_words(&s));
        }
        TeamCommand::SignOff { interviewer, pool } => {
            let s = training::sign_off(&store, &interviewer, &pool, now)?;
            println!("{}", standing_words(&s));
        }
        TeamCommand::Load(load) => report::print_load(&store, &load)?,
    }
    Ok(())
}

/// `2 shadows, 1 reverse shadow, sign-off`.
fn path_words(p: &TrainingPath) -> String {
    let plural = |n: u32, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    let mut parts = vec![
        plural(p.shadows, "shadow"),
        plural(p.reverse_shadows, "reverse shadow"),
    ];
    if p.sign_off {
        parts.push("sign-off".into());
    }
    parts.join(", ")
}

fn standing_words(s: &Standing) -> String {
    format!(
        "{} in {}: {} of {} held, {}",
        s.interviewer,
        s.pool,
        s.held,
        s.path.interviews(),
        s.progress.words()
    )
}

fn standings_table(list: &[Standing]) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|s| {
            vec![
                s.interviewer.to_string(),
                s.name.clone(),
                s.pool.clone(),
                format!("{}/{}", s.held, s.path.interviews()),
                s.progress.words(),
                s.started_at.date_naive().to_string(),
            ]
        })
        .collect();
    render(
        &["interviewer", "name", "pool", "held", "where", "started"],
        &rows,
    )
}

fn sessions_table(s: &Standing) -> String {
    let rows: Vec<Vec<String>> = s
        .sessions
        .iter()
        .map(|x| {
            vec![
                x.booking.to_string(),
                x.round_name.clone(),
                x.start.to_rfc3339(),
                x.role.as_str().replace('_', " "),
                format!("{:?}", x.outcome).to_lowercase(),
                if x.counts { "yes" } else { "no" }.into(),
            ]
        })
        .collect();
    format!(
        "\n{} ({}):\n{}",
        s.interviewer,
        s.pool,
        render(
            &[
                "booking",
                "round",
                "start (UTC)",
                "role",
                "status",
                "counts"
            ],
            &rows
        )
    )
}
