//! The pipeline: candidates and what is waiting on the coordinator for each.

use crate::state::{AppState, Workspace};
use rondo::display;
use serde::Serialize;
use tauri::State;

/// A candidate's line in the pipeline.
#[derive(Debug, Clone, Serialize)]
pub struct PipelineRow {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Where they are and their offset at the start of the range (`Kolkata, UTC+05:30`).
    pub place: String,
    /// The rounds of their plan.
    pub rounds: usize,
    /// What waits on the coordinator, in words.
    pub waiting: String,
    /// Their first interview of the chosen option, in their own zone, if any.
    pub next: Option<String>,
}

/// The pipeline of the workspace.
pub fn rows(ws: &Workspace) -> Vec<PipelineRow> {
    let c = &ws.problem.candidate;
    let first = |rounds: &[rondo::solution::PlacedRound]| {
        rounds
            .iter()
            .map(|r| r.start)
            .min()
            .map(|t| display::instant_label(c.zone, t))
    };
    let (waiting, next) = match (&ws.booked, &ws.answer) {
        (Some(b), _) => (
            format!(
                "nothing: booked, invites written{}",
                if b.sequence > 0 { " and updated" } else { "" }
            ),
            first(&b.rounds),
        ),
        (None, None) => ("to schedule".to_string(), None),
        (None, Some(a)) if a.options.is_empty() => {
            ("to resolve: no schedule fits".to_string(), None)
        }
        (None, Some(_)) => (
            "to confirm: options found".to_string(),
            ws.edited.first().and_then(|o| first(o)),
        ),
    };
    vec![PipelineRow {
        id: c.id.clone(),
        name: c.name.clone().unwrap_or_else(|| c.id.clone()),
        place: format!(
            "{}, {}",
            display::city(c.zone),
            display::offset_label(c.zone, ws.problem.horizon.start)
        ),
        rounds: ws.problem.rounds.len(),
        waiting,
        next,
    }]
}

/// The candidates in flight.
#[tauri::command]
pub fn pipeline(state: State<'_, AppState>) -> Vec<PipelineRow> {
    rows(&state.workspace())
}
