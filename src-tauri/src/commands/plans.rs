//! Interview plans: list a job's plan, start one from a built-in template, edit its
//! rounds (name, length, who is needed, order and gaps, same-day groups), delete it. The
//! core validates every plan before it is stored.

use crate::error::AppError;
use crate::state::AppState;
use chrono::Utc;
use rondo::domain::templates::{fintech_five_step, five_round_loop};
use rondo::domain::{AfterRule, Need, Plan, PlanId, RoundId, RoundSpec};
use rondo::usecases::records;
use serde::{Deserialize, Serialize};
use tauri::State;

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

/// Minutes as a gap: `45m`, `2h`, `1d`, `1d3h`.
pub fn gap_text(m: u32) -> String {
    let (d, h, min) = (m / 1440, m % 1440 / 60, m % 60);
    let mut s = String::new();
    if d > 0 {
        s += &format!("{d}d");
    }
    if h > 0 {
        s += &format!("{h}h");
    }
    if min > 0 || s.is_empty() {
        s += &format!("{min}m");
    }
    s
}

/// Reads a gap (`45m`, `2h`, `1d`, `1d3h`, or plain minutes).
pub fn parse_gap(text: &str) -> Option<u32> {
    let t = text.trim();
    if let Ok(m) = t.parse::<u32>() {
        return Some(m);
    }
    let (mut total, mut num) = (0u32, String::new());
    for ch in t.chars() {
        match ch {
            '0'..='9' => num.push(ch),
            'd' | 'h' | 'm' => {
                let n: u32 = num.parse().ok()?;
                num.clear();
                total += n * match ch {
                    'd' => 1440,
                    'h' => 60,
                    _ => 1,
                };
            }
            _ => return None,
        }
    }
    num.is_empty().then_some(total)
}

/// The editor's form of `p`.
pub fn form_of(p: &Plan, candidates: usize) -> PlanForm {
    PlanForm {
        id: p.id.to_string(),
        name: p.name.clone(),
        job: p.job.clone(),
        candidates,
        same_day: p
            .same_day
            .iter()
            .map(|g| {
                g.iter()
                    .map(|r| r.to_string())
                    .collect::<Vec<_>>()
                    .join(" + ")
            })
            .collect::<Vec<_>>()
            .join("; "),
        rounds: p
            .rounds
            .iter()
            .map(|r| RoundForm {
                id: r.id.to_string(),
                name: r.name.clone(),
                duration_minutes: r.duration_minutes,
                needs: r
                    .needs
                    .iter()
                    .map(|n| match n {
                        Need::Pool { pool, count } => format!("{count} from {pool}"),
                        Need::Person(who) => format!("@{who}"),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                after: r
                    .after
                    .iter()
                    .map(|a| {
                        let max = a
                            .max_gap_minutes
                            .map_or_else(String::new, |m| format!("-{}", gap_text(m)));
                        format!("{} {}{max}", a.round, gap_text(a.min_gap_minutes))
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect(),
    }
}

fn round_id(text: &str, field: &str) -> Result<RoundId, AppError> {
    RoundId::new(text.trim()).map_err(|e| AppError::bad_input(format!("{field}: {e}.")))
}

/// The plan the form describes (checked by the core when stored).
pub fn plan_of(f: &PlanForm) -> Result<Plan, AppError> {
    let id = PlanId::new(f.id.trim()).map_err(|e| AppError::bad_input(format!("Plan id: {e}.")))?;
    let mut rounds = Vec::with_capacity(f.rounds.len());
    for (k, r) in f.rounds.iter().enumerate() {
        let label = if r.name.trim().is_empty() {
            format!("Round {}", k + 1)
        } else {
            r.name.trim().to_string()
        };
        let rid = if r.id.trim().is_empty() {
            super::candidates::new_id(&label, |id| f.rounds.iter().any(|x| x.id == id), "round")
        } else {
            r.id.trim().to_string()
        };
        let mut needs = Vec::new();
        for part in r.needs.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let need = if let Some(who) = part.strip_prefix('@') {
                Need::Person(
                    rondo::domain::InterviewerId::new(who.trim())
                        .map_err(|e| AppError::bad_input(format!("{label}, who: {e}.")))?,
                )
            } else if let Some((n, pool)) = part.split_once(" from ") {
                let count = n.trim().parse().map_err(|_| {
                    AppError::bad_input(format!(
                        "{label}, who: \u{201c}{part}\u{201d} needs a number, like \u{201c}2 from backend\u{201d}."
                    ))
                })?;
                Need::Pool {
                    pool: pool.trim().to_lowercase(),
                    count,
                }
            } else {
                Need::Pool {
                    pool: part.to_lowercase(),
                    count: 1,
                }
            };
            needs.push(need);
        }
        let mut after = Vec::new();
        for part in r.after.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let bad = || {
                AppError::bad_input(format!(
                    "{label}, after: write a round id and the least gap, like \u{201c}screen 1d\u{201d} or \u{201c}technical 15m-4h\u{201d}."
                ))
            };
            let (round, gaps) = part.split_once(' ').unwrap_or((part, "0m"));
            let (min, max) = match gaps.trim().split_once('-') {
                Some((a, b)) => (
                    parse_gap(a).ok_or_else(bad)?,
                    Some(parse_gap(b).ok_or_else(bad)?),
                ),
                None => (parse_gap(gaps).ok_or_else(bad)?, None),
            };
            after.push(AfterRule {
                round: round_id(round, &format!("{label}, after"))?,
                min_gap_minutes: min,
                max_gap_minutes: max,
            });
        }
        rounds.push(RoundSpec {
            id: round_id(&rid, &label)?,
            name: label,
            duration_minutes: r.duration_minutes,
            needs,
            after,
        });
    }
    let same_day = f
        .same_day
        .split(';')
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .map(|g| {
            g.split('+')
                .map(|r| round_id(r, "Same day"))
                .collect::<Result<Vec<_>, _>>()
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Plan {
        id,
        name: f.name.trim().to_string(),
        job: f.job.trim().to_string(),
        rounds,
        same_day,
    })
}

/// Every plan, by job, with how many candidates are in it (counted on the pipeline's
/// cached lines: reading 10,000 candidates again would make the screen slow).
pub fn list(state: &AppState) -> Result<Vec<PlanForm>, AppError> {
    let lines = state.pipeline(Utc::now())?;
    let mut in_plan: std::collections::BTreeMap<&str, usize> = Default::default();
    for l in lines.iter() {
        if let Some(p) = &l.plan {
            *in_plan.entry(p.as_str()).or_default() += 1;
        }
    }
    let mut plans: Vec<PlanForm> = state
        .read(|s| Ok(s.all::<Plan>()?))?
        .iter()
        .map(|p| form_of(p, in_plan.get(p.id.as_str()).copied().unwrap_or(0)))
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

/// Stores a new plan for `job` from template `template`; returns its id.
pub fn create(state: &AppState, template: &str, job: &str) -> Result<String, AppError> {
    let job = job.trim();
    if job.is_empty() {
        return Err(AppError::bad_input("Job: enter the job this plan is for."));
    }
    state.write(|s| {
        let id = super::candidates::new_id(
            &format!("{job} {template}"),
            |id| s.get::<Plan>(id).ok().flatten().is_some(),
            "plan",
        );
        let id = PlanId::new(id).map_err(|e| AppError::bad_input(format!("{e}.")))?;
        let plan = match template {
            "fintech" => fintech_five_step(id, job),
            "loop" => five_round_loop(id, job),
            other => {
                return Err(AppError::bad_input(format!(
                    "Template: there is no template {other}. Pick one of the list."
                )))
            }
        };
        records::add_plan(s, &plan)?;
        Ok(plan.id.to_string())
    })
}

/// Every plan.
#[tauri::command]
pub fn list_plans(state: State<'_, AppState>) -> Result<Vec<PlanForm>, AppError> {
    list(&state)
}

/// The built-in templates.
#[tauri::command]
pub fn plan_templates() -> Vec<(&'static str, &'static str)> {
    TEMPLATES.to_vec()
}

/// A new plan from a template; lists the plans again.
#[tauri::command]
pub fn create_plan(
    state: State<'_, AppState>,
    template: String,
    job: String,
) -> Result<Vec<PlanForm>, AppError> {
    create(&state, &template, &job)?;
    list(&state)
}

/// Stores an edited plan (refused with the reason when it is not valid).
pub fn save(state: &AppState, form: &PlanForm) -> Result<(), AppError> {
    let plan = plan_of(form)?;
    state.write(|s| Ok(records::edit_plan(s, &plan)?))
}

/// Stores an edited plan; lists the plans again.
#[tauri::command]
pub fn save_plan(state: State<'_, AppState>, form: PlanForm) -> Result<Vec<PlanForm>, AppError> {
    save(&state, &form)?;
    list(&state)
}

/// Deletes a plan no candidate is in; lists the plans again.
#[tauri::command]
pub fn delete_plan(state: State<'_, AppState>, id: String) -> Result<Vec<PlanForm>, AppError> {
    let id = PlanId::new(id).map_err(|e| AppError::bad_input(format!("{e}.")))?;
    state.write(|s| Ok(records::delete_plan(s, &id)?))?;
    list(&state)
}

#[cfg(test)]
mod tests {
    #[test]
    fn gaps_read_back() {
        for (m, text) in [
            (0, "0m"),
            (45, "45m"),
            (120, "2h"),
            (1440, "1d"),
            (1620, "1d3h"),
        ] {
            assert_eq!(super::gap_text(m), text, "{m} minutes");
            assert_eq!(super::parse_gap(text), Some(m), "{text}");
        }
        assert_eq!(super::parse_gap("soon"), None, "free text is refused");
    }
}
