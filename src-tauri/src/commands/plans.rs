//! The interview plan: rounds, their length, who is needed, order and gaps.

use crate::error::{AppError, ErrorCode};
use crate::state::{AppState, Workspace};
use rondo::problem::RequirementDoc;
use serde::Serialize;
use tauri::State;

/// A round as the Plans screen lists it.
#[derive(Debug, Clone, Serialize)]
pub struct RoundView {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Length in minutes.
    pub duration_minutes: i64,
    /// Who is needed, in words (`2 from backend`, `Emil Novak`).
    pub needs: Vec<String>,
    /// Order rules, in words (`after Recruiter screen, at least 1 day later`).
    pub after: Vec<String>,
    /// The rounds it must share a candidate-local day with.
    pub same_day_with: Vec<String>,
}

/// Minutes in words: `45 min`, `2 h`, `1 day`, `1 day 3 h`.
fn minutes_text(m: i64) -> String {
    let (d, h, min) = (m / 1440, m % 1440 / 60, m % 60);
    let mut parts = Vec::new();
    if d > 0 {
        parts.push(format!("{d} day{}", if d == 1 { "" } else { "s" }));
    }
    if h > 0 {
        parts.push(format!("{h} h"));
    }
    if min > 0 || parts.is_empty() {
        parts.push(format!("{min} min"));
    }
    parts.join(" ")
}

/// The rounds of the workspace's plan, in order.
pub fn list(ws: &Workspace) -> Vec<RoundView> {
    let d = &ws.doc;
    let name_of = |id: &str| {
        d.rounds
            .iter()
            .find(|r| r.id == id)
            .and_then(|r| r.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let person = |id: &str| {
        d.interviewers
            .iter()
            .find(|i| i.id == id)
            .and_then(|i| i.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    d.rounds
        .iter()
        .map(|r| RoundView {
            id: r.id.clone(),
            name: r.name.clone().unwrap_or_else(|| r.id.clone()),
            duration_minutes: r.duration_minutes,
            needs: r
                .interviewers
                .iter()
                .map(|q| match q {
                    RequirementDoc::Person { person: p } => person(p),
                    RequirementDoc::Pool { pool, count } => {
                        format!("{} from {pool}", count.unwrap_or(1))
                    }
                })
                .collect(),
            after: r
                .after
                .iter()
                .map(|a| {
                    let mut s = format!("after {}", name_of(&a.round));
                    let min = a.min_gap_minutes.unwrap_or(0);
                    if min > 0 {
                        s += &format!(", at least {} later", minutes_text(min));
                    }
                    if let Some(max) = a.max_gap_minutes {
                        s += &format!(", at most {} later", minutes_text(max));
                    }
                    s
                })
                .collect(),
            same_day_with: d
                .same_day
                .iter()
                .filter(|g| g.contains(&r.id))
                .flat_map(|g| g.iter().filter(|x| **x != r.id).map(|x| name_of(x)))
                .collect(),
        })
        .collect()
}

/// Changes a round's length (minutes, a positive multiple of 5).
pub fn set_duration(ws: &mut Workspace, round: &str, minutes: i64) -> Result<(), AppError> {
    if minutes <= 0 || minutes % 5 != 0 || minutes > 8 * 60 {
        return Err(AppError::bad_input(format!(
            "Length: {minutes} min is not allowed. Enter whole minutes in steps of 5, up to 480."
        )));
    }
    let Some(ix) = ws.doc.rounds.iter().position(|r| r.id == round) else {
        return Err(AppError::new(
            ErrorCode::NotFound,
            "That round no longer exists. The plan has been refreshed.",
        ));
    };
    ws.edit(|d| d.rounds[ix].duration_minutes = minutes)
}

/// The plan's rounds.
#[tauri::command]
pub fn list_rounds(state: State<'_, AppState>) -> Vec<RoundView> {
    list(&state.workspace())
}

/// Changes a round's length and lists the plan again.
#[tauri::command]
pub fn set_round_duration(
    state: State<'_, AppState>,
    round: String,
    minutes: i64,
) -> Result<Vec<RoundView>, AppError> {
    set_duration(&mut state.workspace(), &round, minutes)?;
    state.save_request()?;
    Ok(list(&state.workspace()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn gaps_read_in_days_hours_and_minutes() {
        for (m, want) in [
            (0, "0 min"),
            (45, "45 min"),
            (120, "2 h"),
            (1440, "1 day"),
            (3060, "2 days 3 h"),
        ] {
            assert_eq!(super::minutes_text(m), want, "{m} minutes");
        }
    }
}
