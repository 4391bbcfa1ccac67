//! `rondo plan add|list|show|delete`: interview plans, from a built-in template or a
//! JSON file.

use super::data::open;
use super::table::{render, Output};
use anyhow::{bail, Context};
use clap::{Args, Subcommand, ValueEnum};
use rondo::domain::templates::{fintech_five_step, five_round_loop};
use rondo::domain::{Need, Plan, PlanId};
use rondo::usecases::records;
use std::path::PathBuf;

/// Arguments of `rondo plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: PlanCommand,
}

/// Built-in plan templates.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Template {
    /// Talent call, hiring-manager call, exercise review, team interviews, final with the head of department.
    Fintech,
    /// Recruiter screen, technical, system design, HR, business/product.
    Loop,
}

/// The subcommands of `rondo plan`.
#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Add a plan from a template (--template) or a JSON file (--file).
    Add {
        /// Stable id (ignored with --file: the file has one).
        #[arg(long)]
        id: Option<PlanId>,
        /// A built-in template.
        #[arg(long, value_enum)]
        template: Option<Template>,
        /// The job it is for.
        #[arg(long, default_value = "")]
        job: String,
        /// A plan as JSON (the shape `rondo plan show --json` prints).
        #[arg(long, conflicts_with = "template")]
        file: Option<PathBuf>,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// List plans.
    List {
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Show one plan round by round.
    Show {
        /// The plan's id.
        id: PlanId,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Delete a plan (refused while candidates or live bookings use it).
    Delete {
        /// The plan's id.
        id: PlanId,
    },
}

fn rounds_table(p: &Plan) -> String {
    let rows: Vec<Vec<String>> = p
        .rounds
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                r.name.clone(),
                format!("{} min", r.duration_minutes),
                r.needs
                    .iter()
                    .map(|n| match n {
                        Need::Pool { pool, count } => format!("{count} from {pool}"),
                        Need::Person(who) => who.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(" + "),
                r.after
                    .iter()
                    .map(|a| match a.max_gap_minutes {
                        Some(max) => format!("{} +{}..{} min", a.round, a.min_gap_minutes, max),
                        None => format!("{} +{} min", a.round, a.min_gap_minutes),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            ]
        })
        .collect();
    let mut out = format!("{} — {} (job: {})\n", p.id, p.name, p.job);
    out.push_str(&render(&["ROUND", "NAME", "LENGTH", "WHO", "AFTER"], &rows));
    for g in &p.same_day {
        out.push_str(&format!(
            "same day: {}\n",
            g.iter()
                .map(|r| r.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    out
}

/// Runs `rondo plan …`.
pub fn run(args: PlanArgs, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let store = open(data_dir)?;
    match args.command {
        PlanCommand::Add {
            id,
            template,
            job,
            file,
            output,
        } => {
            let plan = match (template, file) {
                (_, Some(path)) => {
                    let text = std::fs::read_to_string(&path)
                        .with_context(|| format!("cannot read {}", path.display()))?;
                    serde_json::from_str::<Plan>(&text)
                        .with_context(|| format!("{} is not a plan", path.display()))?
                }
                (Some(t), None) => {
                    let Some(id) = id else {
                        bail!("name the new plan with --id")
                    };
                    match t {
                        Template::Fintech => fintech_five_step(id, &job),
                        Template::Loop => five_round_loop(id, &job),
                    }
                }
                (None, None) => bail!("give --template fintech|loop or --file PLAN.json"),
            };
            records::add_plan(&store, &plan)?;
            output.print(&plan, || format!("added plan {}\n", plan.id))
        }
        PlanCommand::List { output } => {
            let list: Vec<Plan> = store.all()?;
            output.print(&list, || {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|p| {
                        vec![
                            p.id.to_string(),
                            p.name.clone(),
                            p.job.clone(),
                            p.rounds.len().to_string(),
                        ]
                    })
                    .collect();
                render(&["ID", "NAME", "JOB", "ROUNDS"], &rows)
            })
        }
        PlanCommand::Show { id, output } => {
            let p: Plan = store.need(id.as_str())?;
            output.print(&p, || rounds_table(&p))
        }
        PlanCommand::Delete { id } => {
            records::delete_plan(&store, &id)?;
            super::table::emit(&format!("deleted plan {id}\n"))
        }
    }
}
