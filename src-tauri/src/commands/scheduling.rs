//! Scheduling a candidate: find ranked options with the engine, draw one on the
//! multi-zone timeline, move a round and see at once whether it still holds.

use crate::error::AppError;
use crate::state::AppState;
use rondo::display::{self, Day, Timeline};
use rondo::engine;
use rondo::solution::Status;
use serde::Serialize;
use tauri::State;

/// One option in the ranked list.
#[derive(Debug, Clone, Serialize)]
pub struct OptionSummary {
    /// 1-based rank (keyboard 1–9 picks it).
    pub rank: usize,
    /// When its last round ends, in the candidate's zone.
    pub finish: String,
    /// The score as a percentage.
    pub score: u32,
    /// The score in words, best news first.
    pub reasons: Vec<String>,
    /// False once a manual move broke a rule.
    pub holds: bool,
}

/// A suggested change that would make an impossible request possible.
#[derive(Debug, Clone, Serialize)]
pub struct RelaxationView {
    /// Its position in the engine's list.
    pub index: usize,
    /// The change in words (a button label).
    pub message: String,
}

/// The engine's answer, ready to show.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerView {
    /// True when at least one option exists.
    pub scheduled: bool,
    /// The ranked options.
    pub options: Vec<OptionSummary>,
    /// Why nothing fits, one reason per line (empty when scheduled).
    pub blockers: Vec<String>,
    /// Changes that each make it possible.
    pub relaxations: Vec<RelaxationView>,
}

/// One option drawn for a day of the candidate's.
#[derive(Debug, Clone, Serialize)]
pub struct ScheduleView {
    /// The option's index.
    pub option: usize,
    /// The candidate-local dates with rounds.
    pub days: Vec<Day>,
    /// The day drawn.
    pub day: usize,
    /// The drawing.
    pub timeline: Timeline,
    /// Every round of the option in start order with its time in everyone's zone.
    pub rounds: Vec<RoundLine>,
    /// True when no hard rule is broken.
    pub holds: bool,
    /// Whether this option is the booked one, and with which SEQUENCE its invites went.
    pub booked: Option<u32>,
}

/// A round of the option as a line of text.
#[derive(Debug, Clone, Serialize)]
pub struct RoundLine {
    /// Its id.
    pub round: String,
    /// Its name.
    pub name: String,
    /// Its time in every zone of its people.
    pub when: String,
    /// Its interviewers, in seat order.
    pub people: Vec<Seat>,
    /// Its start instant (for tests and machine readers; the UI shows `when`).
    pub start: chrono::DateTime<chrono::Utc>,
    /// Its end instant.
    pub end: chrono::DateTime<chrono::Utc>,
}

/// An interviewer in a round.
#[derive(Debug, Clone, Serialize)]
pub struct Seat {
    /// Interviewer id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// Runs the engine on the current request off the main thread; the window stays live.
#[tauri::command]
pub async fn find_options(state: State<'_, AppState>) -> Result<AnswerView, AppError> {
    solve_now(&state).await
}

/// Makes the change the engine suggested (relaxation `index` of the current answer) to
/// the request and finds options again.
#[tauri::command]
pub async fn accept_relaxation(
    state: State<'_, AppState>,
    index: usize,
) -> Result<AnswerView, AppError> {
    relax_in(&mut state.workspace(), index)?;
    state.save_request()?;
    solve_now(&state).await
}

/// Applies relaxation `index` of the workspace's answer to its request.
pub fn relax_in(ws: &mut crate::state::Workspace, index: usize) -> Result<(), AppError> {
    let kind = ws
        .answer
        .as_ref()
        .and_then(|a| a.diagnosis.as_ref())
        .and_then(|d| d.relaxations.get(index))
        .map(|r| r.kind.clone())
        .ok_or_else(|| {
            AppError::new(
                crate::error::ErrorCode::NotFound,
                "That suggestion is gone. Find options again.",
            )
        })?;
    let mut doc = ws.doc.clone();
    rondo::relax::apply(&mut doc, &kind).map_err(|e| {
        AppError::new(
            crate::error::ErrorCode::NotFound,
            crate::error::sentence(&e.to_string()),
        )
    })?;
    ws.edit(|d| *d = doc)
}

async fn solve_now(state: &AppState) -> Result<AnswerView, AppError> {
    let problem = state.workspace().problem.clone();
    let answer = tauri::async_runtime::spawn_blocking(move || engine::solve(&problem))
        .await
        .map_err(AppError::internal)?;
    let mut ws = state.workspace();
    ws.edited = answer.options.iter().map(|o| o.rounds.clone()).collect();
    ws.answer = Some(answer);
    Ok(answer_view(&ws))
}

/// The answer of the workspace as shown (after any manual moves).
pub fn answer_view(ws: &crate::state::Workspace) -> AnswerView {
    let Some(answer) = &ws.answer else {
        return AnswerView {
            scheduled: false,
            options: Vec::new(),
            blockers: Vec::new(),
            relaxations: Vec::new(),
        };
    };
    let zone = ws.problem.candidate.zone;
    let options = answer
        .options
        .iter()
        .zip(&ws.edited)
        .enumerate()
        .map(|(i, (o, placed))| OptionSummary {
            rank: i + 1,
            finish: placed
                .iter()
                .map(|r| r.end)
                .max()
                .map_or_else(String::new, |t| display::instant_label(zone, t)),
            score: (o.score.total * 100.0).round().clamp(0.0, 100.0) as u32,
            reasons: o.score.reasons.clone(),
            holds: engine::check(&ws.problem, placed).is_empty(),
        })
        .collect();
    let diagnosis = answer.diagnosis.as_ref();
    AnswerView {
        scheduled: answer.status == Status::Scheduled,
        options,
        blockers: match diagnosis {
            Some(d) => d.blockers.iter().map(|b| b.message.clone()).collect(),
            None => answer.explanation.iter().cloned().collect(),
        },
        relaxations: diagnosis
            .map(|d| {
                d.relaxations
                    .iter()
                    .enumerate()
                    .map(|(index, r)| RelaxationView {
                        index,
                        message: r.message.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// Option `option` drawn on candidate-local day `day` (the day with the most rounds when
/// absent or past the last).
pub fn schedule_view(
    ws: &crate::state::Workspace,
    option: usize,
    day: Option<usize>,
) -> Result<ScheduleView, AppError> {
    let placed = ws.option(option)?;
    let days = display::candidate_days(&ws.problem, placed);
    // Without a choice, the busiest day (the first of equals) shows the most at once.
    let busiest = days
        .iter()
        .enumerate()
        .max_by_key(|(i, d)| (d.rounds, std::cmp::Reverse(*i)))
        .map_or(0, |(i, _)| i);
    let day = day.filter(|d| *d < days.len()).unwrap_or(busiest);
    let Some(window) = days.get(day) else {
        return Err(AppError::internal("an option without rounds"));
    };
    let violations = engine::check(&ws.problem, placed);
    let timeline = display::timeline(&ws.problem, placed, &violations, window.from, window.to);
    let mut sorted = placed.to_vec();
    sorted.sort_by_key(|r| r.start);
    let rounds = sorted
        .iter()
        .map(|r| RoundLine {
            round: r.round.clone(),
            name: ws
                .problem
                .rounds
                .iter()
                .find(|x| x.id == r.round)
                .map_or_else(|| r.round.clone(), |x| x.name.clone()),
            when: display::when_label(&ws.problem, r),
            people: r
                .interviewers
                .iter()
                .map(|id| Seat {
                    id: id.clone(),
                    name: ws
                        .problem
                        .interviewers
                        .iter()
                        .find(|i| &i.id == id)
                        .and_then(|i| i.name.clone())
                        .unwrap_or_else(|| id.clone()),
                })
                .collect(),
            start: r.start,
            end: r.end,
        })
        .collect();
    Ok(ScheduleView {
        option,
        booked: ws
            .booked
            .as_ref()
            .filter(|b| b.option == option)
            .map(|b| b.sequence),
        holds: violations.is_empty(),
        days,
        day,
        timeline,
        rounds,
    })
}

/// Draws option `option` on day `day` of the candidate's.
#[tauri::command]
pub fn show_option(
    state: State<'_, AppState>,
    option: usize,
    day: Option<usize>,
) -> Result<ScheduleView, AppError> {
    schedule_view(&state.workspace(), option, day)
}

/// Moves round `round` of option `option` by `slots` grid steps and draws the day it now
/// starts on, with the rules it breaks, if any.
pub fn move_round_in(
    ws: &mut crate::state::Workspace,
    option: usize,
    round: &str,
    slots: i64,
) -> Result<ScheduleView, AppError> {
    let moved = display::shift_round(&ws.problem, ws.option(option)?, round, slots)?;
    ws.edited[option] = moved;
    view_at_round(ws, option, round)
}

/// Option `option` drawn on the candidate's day on which round `round` starts.
fn view_at_round(
    ws: &crate::state::Workspace,
    option: usize,
    round: &str,
) -> Result<ScheduleView, AppError> {
    let placed = ws.option(option)?;
    let start = placed.iter().find(|r| r.round == round).map(|r| r.start);
    let days = display::candidate_days(&ws.problem, placed);
    let day = days
        .iter()
        .position(|d| start.is_some_and(|s| d.from <= s && s < d.to));
    schedule_view(ws, option, day)
}

/// Moves a round (drag or ←/→) and checks the option at once.
#[tauri::command]
pub fn move_round(
    state: State<'_, AppState>,
    option: usize,
    round: String,
    slots: i64,
) -> Result<ScheduleView, AppError> {
    move_round_in(&mut state.workspace(), option, &round, slots)
}

/// Puts option `option` back as the engine proposed it.
#[tauri::command]
pub fn reset_option(state: State<'_, AppState>, option: usize) -> Result<ScheduleView, AppError> {
    let mut ws = state.workspace();
    let original = ws
        .answer
        .as_ref()
        .and_then(|a| a.options.get(option))
        .map(|o| o.rounds.clone());
    if let Some(rounds) = original {
        ws.edited[option] = rounds;
    }
    schedule_view(&ws, option, None)
}

/// The current answer again (after switching screens).
#[tauri::command]
pub fn current_answer(state: State<'_, AppState>) -> AnswerView {
    answer_view(&state.workspace())
}

fn swap_error(e: rondo::swap::SwapError) -> AppError {
    let text = crate::error::sentence(&e.to_string());
    match e {
        rondo::swap::SwapError::NotInRound(..) => AppError::new(
            crate::error::ErrorCode::NotFound,
            format!("{text}. The option has changed; look at it again."),
        ),
        rondo::swap::SwapError::Named(_) | rondo::swap::SwapError::NotEligible(_) => {
            AppError::bad_input(format!("{text}."))
        }
    }
}

/// Who could take `out`'s seat in round `round` of option `option`, best first.
pub fn swap_choices_in(
    ws: &crate::state::Workspace,
    option: usize,
    round: &str,
    out: &str,
) -> Result<Vec<rondo::swap::Choice>, AppError> {
    rondo::swap::choices(&ws.problem, ws.option(option)?, round, out).map_err(swap_error)
}

/// Puts `into` in `out`'s seat of round `round` and draws the option again.
pub fn swap_in(
    ws: &mut crate::state::Workspace,
    option: usize,
    round: &str,
    out: &str,
    into: &str,
) -> Result<ScheduleView, AppError> {
    let swapped =
        rondo::swap::swap(&ws.problem, ws.option(option)?, round, out, into).map_err(swap_error)?;
    ws.edited[option] = swapped;
    view_at_round(ws, option, round)
}

/// The eligible, free people who could replace an interviewer of a round, best first.
#[tauri::command]
pub fn swap_choices(
    state: State<'_, AppState>,
    option: usize,
    round: String,
    out: String,
) -> Result<Vec<rondo::swap::Choice>, AppError> {
    swap_choices_in(&state.workspace(), option, &round, &out)
}

/// Swaps an interviewer of a round for one of the people offered.
#[tauri::command]
pub fn swap_interviewer(
    state: State<'_, AppState>,
    option: usize,
    round: String,
    out: String,
    into: String,
) -> Result<ScheduleView, AppError> {
    swap_in(&mut state.workspace(), option, &round, &out, &into)
}
