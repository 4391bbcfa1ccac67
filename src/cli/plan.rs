//! `rondo plan add|list|show|delete`: interview plans, from a built-in template, from
//! rounds written as the window's plan editor takes them (`--round`), or a JSON file.

use super::data::open;
use super::table::{render, Output};
use anyhow::{bail, Context};
use clap::{Args, Subcommand, ValueEnum};
use rondo::domain::plan_text::{after_text, same_day_text, who_text};
use rondo::domain::templates::{fintech_five_step, five_round_loop};
use rondo::domain::{Plan, PlanId};
use rondo::usecases::plans::{PlanForm, RoundForm};
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
    /// Add a plan from a template (--template), from rounds (--round) or a JSON file (--file).
    Add {
        /// Stable id (ignored with --file: the file has one; default with --round: made
        /// from the name).
        #[arg(long)]
        id: Option<PlanId>,
        /// The plan's name (with --round; default: the job).
        #[arg(long)]
        name: Option<String>,
        /// A round as the window's plan editor takes it, its columns separated by '|':
        /// "NAME | MINUTES | WHO [| AFTER]", e.g. "Technical | 60 | 2 from backend |
        /// screen 1d" (WHO: pools by count, people by @id; AFTER: round ids with the
        /// least and largest gap, like "screen 1d, design 15m-4h"). Repeat, in order.
        #[arg(long = "round", conflicts_with_all = ["template", "file"])]
        rounds: Vec<String>,
        /// Same-day groups of round ids, as the window takes them: "technical + design; hr + product".
        #[arg(long, default_value = "", requires = "rounds")]
        same_day: String,
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
                who_text(&r.needs, &r.trainee_seats),
                after_text(&r.after),
            ]
        })
        .collect();
    let mut out = format!("{} — {} (job: {})\n", p.id, p.name, p.job);
    out.push_str(&render(&["ROUND", "NAME", "LENGTH", "WHO", "AFTER"], &rows));
    if !p.same_day.is_empty() {
        out.push_str(&format!("same day: {}\n", same_day_text(&p.same_day)));
    }
    out
}

/// Runs `rondo plan …`.
pub fn run(args: PlanArgs, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let store = open(data_dir)?;
    match args.command {
        PlanCommand::Add {
            id,
            name,
            rounds,
            same_day,
            template,
            job,
            file,
            output,
        } => {
            let plan = match (template, file) {
                (None, None) if !rounds.is_empty() => {
                    let name = name.unwrap_or_else(|| job.clone());
                    let id = match id {
                        Some(id) => id.to_string(),
                        None => records::free_id::<Plan>(&store, &name, "plan"),
                    };
                    let form = PlanForm {
                        id,
                        name,
                        job,
                        rounds: rounds
                            .iter()
                            .map(|r| RoundForm::parse_line(r))
                            .collect::<Result<_, _>>()?,
                        same_day,
                        candidates: 0,
                    };
                    form.plan()?
                }
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
                (None, None) => {
                    bail!("give --template fintech|loop, --round \"NAME | MINUTES | WHO\" or --file PLAN.json")
                }
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
