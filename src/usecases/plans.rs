//! Interview plans as the coordinator sees and edits them: the plan editor's form (each
//! round's "who" and "after" columns in the domain's text grammar,
//! [`crate::domain::plan_text`]), new plans from the built-in templates, and the list of
//! plans with how many candidates are in each. The window's editor and `rondo plan add
//! --round` read the same text into the same plan ([`PlanForm::plan`]).

use super::pipeline::PipelineRow;
use super::{records, UseCaseError};
use crate::domain::plan_text::{
    after_text, parse_after, parse_needs, parse_same_day, parse_trainee_seats, same_day_text,
    who_text,
};
use crate::domain::templates::{fintech_five_step, five_round_loop};
use crate::domain::{id_from_name, DomainError, Plan, PlanId, RoundId, RoundSpec};
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A round as the plan editor shows and sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundForm {
    /// Stable id (empty for a new round: made from the name).
    pub id: String,
    /// Name.
    pub name: String,
    /// Length in minutes.
    pub duration_minutes: u32,
    /// Who is needed: `2 from backend, @ivr-003` (pools by count, people by `@id`).
    pub needs: String,
    /// Rounds it follows with the least (and largest) gap: `screen 1d, design 15m-4h`.
    pub after: String,
}

impl RoundForm {
    /// Reads a round as the command line gives it: `NAME | MINUTES | WHO [| AFTER]`, the
    /// columns of the plan editor in order (`Technical | 60 | 2 from backend | screen 1d`).
    /// Its id is made from the name, as for a new round of the editor.
    pub fn parse_line(line: &str) -> Result<RoundForm, DomainError> {
        let columns: Vec<&str> = line.split('|').map(str::trim).collect();
        let wrong = || {
            DomainError::bad_text(
                "round",
                format!(
                    "\u{201c}{line}\u{201d}: write NAME | MINUTES | WHO | AFTER, like \u{201c}Technical | 60 | 2 from backend | screen 1d\u{201d} (AFTER may be left out)"
                ),
            )
        };
        let (name, minutes, needs, after) = match columns.as_slice() {
            [name, minutes, needs] => (name, minutes, needs, &""),
            [name, minutes, needs, after] => (name, minutes, needs, after),
            _ => return Err(wrong()),
        };
        Ok(RoundForm {
            id: String::new(),
            name: name.to_string(),
            duration_minutes: minutes.parse().map_err(|_| wrong())?,
            needs: needs.to_string(),
            after: after.to_string(),
        })
    }
}

/// A plan as the editor shows and sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanForm {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// The job it is for.
    pub job: String,
    /// Rounds in order.
    pub rounds: Vec<RoundForm>,
    /// Same-day groups: `technical + design; hr + product`.
    pub same_day: String,
    /// Candidates in this plan (read only).
    #[serde(default)]
    pub candidates: usize,
}

impl PlanForm {
    /// The editor's form of `p`, with `candidates` in it.
    pub fn of(p: &Plan, candidates: usize) -> PlanForm {
        PlanForm {
            id: p.id.to_string(),
            name: p.name.clone(),
            job: p.job.clone(),
            candidates,
            same_day: same_day_text(&p.same_day),
            rounds: p
                .rounds
                .iter()
                .map(|r| RoundForm {
                    id: r.id.to_string(),
                    name: r.name.clone(),
                    duration_minutes: r.duration_minutes,
                    needs: who_text(&r.needs, &r.trainee_seats),
                    after: after_text(&r.after),
                })
                .collect(),
        }
    }

    /// The plan the form describes (checked as a whole when stored). A round without a
    /// name is called `Round N`; a round without an id gets one made from its name.
    pub fn plan(&self) -> Result<Plan, DomainError> {
        let id = PlanId::new(self.id.trim()).map_err(|e| DomainError::bad_text("Plan id", e))?;
        let mut rounds = Vec::with_capacity(self.rounds.len());
        for (k, r) in self.rounds.iter().enumerate() {
            let label = match r.name.trim() {
                "" => format!("Round {}", k + 1),
                name => name.to_string(),
            };
            let rid = match r.id.trim() {
                "" => id_from_name(
                    &label,
                    |id| {
                        self.rounds.iter().any(|x| x.id.trim() == id)
                            || rounds.iter().any(|x: &RoundSpec| x.id.as_str() == id)
                    },
                    "round",
                ),
                id => id.to_string(),
            };
            rounds.push(RoundSpec {
                id: RoundId::new(rid).map_err(|e| DomainError::bad_text(&label, e))?,
                needs: parse_needs(&r.needs, &format!("{label}, who"))?,
                trainee_seats: parse_trainee_seats(&r.needs, &format!("{label}, who"))?,
                after: parse_after(&r.after, &format!("{label}, after"))?,
                name: label,
                duration_minutes: r.duration_minutes,
            });
        }
        Ok(Plan {
            id,
            name: self.name.trim().to_string(),
            job: self.job.trim().to_string(),
            rounds,
            same_day: parse_same_day(&self.same_day)?,
        })
    }
}

/// Every plan, by job then name, with how many candidates are in it (counted on the
/// pipeline's lines `rows`: reading 10,000 candidates again would make the screen slow).
pub fn list(store: &Store, rows: &[PipelineRow]) -> Result<Vec<PlanForm>, UseCaseError> {
    let mut in_plan: BTreeMap<&str, usize> = BTreeMap::new();
    for l in rows {
        if let Some(p) = &l.plan {
            *in_plan.entry(p.as_str()).or_default() += 1;
        }
    }
    let mut plans: Vec<PlanForm> = store
        .all::<Plan>()?
        .iter()
        .map(|p| PlanForm::of(p, in_plan.get(p.id.as_str()).copied().unwrap_or(0)))
        .collect();
    plans.sort_by(|a, b| (&a.job, &a.name).cmp(&(&b.job, &b.name)));
    Ok(plans)
}

/// The built-in templates: (id, name).
pub const TEMPLATES: [(&str, &str); 2] = [
    (
        "fintech",
        "Fintech 5-step: talent call, hiring manager, exercise review, team, final",
    ),
    (
        "loop",
        "5-round loop: recruiter screen, technical + system design, HR, product",
    ),
];

/// Stores a new plan for `job` from template `template` (one of [`TEMPLATES`]), with an
/// id made from both; returns it.
pub fn create(store: &Store, template: &str, job: &str) -> Result<Plan, UseCaseError> {
    let job = job.trim();
    if job.is_empty() {
        return Err(DomainError::bad_text("Job", "enter the job this plan is for").into());
    }
    let id = records::free_id::<Plan>(store, &format!("{job} {template}"), "plan");
    let id = PlanId::new(id)?;
    let plan = match template {
        "fintech" => fintech_five_step(id, job),
        "loop" => five_round_loop(id, job),
        other => {
            return Err(DomainError::bad_text(
                "Template",
                format!("there is no template {other}: pick one of the list"),
            )
            .into())
        }
    };
    records::add_plan(store, &plan)?;
    Ok(plan)
}

/// Stores an edited plan (refused with the reason when it is not valid).
pub fn save(store: &Store, form: &PlanForm) -> Result<Plan, UseCaseError> {
    let plan = form.plan()?;
    records::edit_plan(store, &plan)?;
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_line_round_is_the_editors_round() {
        let line = RoundForm::parse_line(" Technical | 60 | 2 from Backend | screen 1d ")
            .expect("a valid line");
        assert_eq!(
            line,
            RoundForm {
                id: String::new(),
                name: "Technical".into(),
                duration_minutes: 60,
                needs: "2 from Backend".into(),
                after: "screen 1d".into(),
            }
        );
        assert!(
            RoundForm::parse_line("Screen | 30 | recruiting").is_ok(),
            "AFTER is optional"
        );
        for bad in ["Screen | half an hour | recruiting", "Screen", "a|1|b|c|d"] {
            let err = RoundForm::parse_line(bad).expect_err(bad).to_string();
            assert!(err.contains("NAME | MINUTES | WHO"), "{bad}: {err}");
        }
    }

    #[test]
    fn new_rounds_get_distinct_ids_from_their_names() {
        let round = |name: &str| RoundForm {
            id: String::new(),
            name: name.into(),
            duration_minutes: 30,
            needs: "1 from x".into(),
            after: String::new(),
        };
        let form = PlanForm {
            id: "p".into(),
            name: "P".into(),
            job: "J".into(),
            rounds: vec![round("Team chat"), round("Team chat"), round(" ")],
            same_day: String::new(),
            candidates: 0,
        };
        let ids: Vec<String> = form
            .plan()
            .expect("valid")
            .rounds
            .iter()
            .map(|r| r.id.to_string())
            .collect();
        assert_eq!(ids, ["team-chat", "team-chat-2", "round-3"]);
    }
}
