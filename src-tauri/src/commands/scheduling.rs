//! Scheduling a candidate: find ranked options with the engine from what is stored
//! (`usecases::propose`, off the main thread), draw one on the multi-zone timeline, move
//! a round or swap a person and see at once whether it still holds, accept a suggested
//! relaxation when nothing fits.

use crate::error::{AppError, ErrorCode};
use crate::state::{AppState, Session};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rondo::display::{self, Day, Timeline};
use rondo::domain::{Candidate, PlanId};
use rondo::engine;
use rondo::interval::Interval;
use rondo::solution::Status;
use rondo::usecases::propose::{propose_detailed, ProposeRequest, DEFAULT_SLOT_MINUTES};
use rondo::zone::{wall_instant, WallTime};
use serde::{Deserialize, Serialize};
use tauri::{Manager, State};

/// Options asked of the engine.
const OPTIONS: usize = 5;

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
    /// The candidate's id (empty before any search).
    pub candidate: String,
    /// Their name.
    pub name: String,
    /// The dates searched, in the candidate's zone.
    pub range: String,
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

/// What the Schedule screen fills its form with for a candidate.
#[derive(Debug, Clone, Serialize)]
pub struct ScheduleForm {
    /// Candidate id.
    pub candidate: String,
    /// Name.
    pub name: String,
    /// Where they are (`Kolkata, UTC+05:30`).
    pub place: String,
    /// Their plan (empty when none).
    pub plan: String,
    /// First day to search, in their zone (`YYYY-MM-DD`): tomorrow.
    pub from: String,
    /// Last day to search: two weeks later.
    pub to: String,
}

/// The form for `candidate` at `now`: their plan and the next two weeks in their zone.
pub fn form(
    state: &AppState,
    candidate: &str,
    now: DateTime<Utc>,
) -> Result<ScheduleForm, AppError> {
    let c: Candidate = state.read(|s| Ok(s.need(candidate)?))?;
    let today = now.with_timezone(&c.time_zone).date_naive();
    Ok(ScheduleForm {
        candidate: c.id.to_string(),
        name: c.name.clone(),
        place: format!(
            "{}, {}",
            display::city(c.time_zone),
            display::offset_label(c.time_zone, now)
        ),
        plan: c.plan.as_ref().map(|p| p.to_string()).unwrap_or_default(),
        from: (today + Duration::days(1)).to_string(),
        to: (today + Duration::days(14)).to_string(),
    })
}

/// What the coordinator asks for: a candidate, a plan and dates in their zone.
#[derive(Debug, Clone, Deserialize)]
pub struct FindRequest {
    /// Candidate id.
    pub candidate: String,
    /// Plan id (empty: the candidate's own).
    #[serde(default)]
    pub plan: String,
    /// First day, `YYYY-MM-DD` in the candidate's zone.
    pub from: String,
    /// Last day (included).
    pub to: String,
}

fn date(text: &str, field: &str) -> Result<NaiveDate, AppError> {
    text.trim().parse().map_err(|_| {
        AppError::bad_input(format!(
            "{field}: \u{201c}{}\u{201d} is not a date. Pick a day in the calendar.",
            text.trim()
        ))
    })
}

/// The request to propose for `find`: the days from `from` to `to` (included) in the
/// candidate's zone, midnight to midnight.
pub fn request(state: &AppState, find: &FindRequest) -> Result<(ProposeRequest, PlanId), AppError> {
    let c: Candidate = state.read(|s| Ok(s.need(find.candidate.trim())?))?;
    let (from, to) = (date(&find.from, "First day")?, date(&find.to, "Last day")?);
    if to < from {
        return Err(AppError::bad_input(
            "Last day: it is before the first day. Choose a last day on or after the first.",
        ));
    }
    if to - from > Duration::days(62) {
        return Err(AppError::bad_input(
            "Last day: search at most two months at a time.",
        ));
    }
    let midnight = |d: NaiveDate| {
        wall_instant(
            c.time_zone,
            d,
            WallTime::from_minutes(0).unwrap_or(WallTime::END_OF_DAY),
        )
    };
    let plan = match find.plan.trim() {
        "" => c.plan.clone().ok_or_else(|| {
            AppError::bad_input("Plan: this candidate is in no plan. Choose one.")
        })?,
        p => PlanId::new(p).map_err(|e| AppError::bad_input(format!("Plan: {e}.")))?,
    };
    Ok((
        ProposeRequest {
            candidate: c.id.clone(),
            plan: Some(plan.clone()),
            horizon: Interval {
                start: midnight(from),
                end: wall_instant(c.time_zone, to, WallTime::END_OF_DAY),
            },
            options: OPTIONS,
            slot_minutes: DEFAULT_SLOT_MINUTES,
        },
        plan,
    ))
}

/// Proposes for `req` (the engine runs here: call it off the main thread) and makes the
/// result the session.
pub fn propose_into(
    state: &AppState,
    req: ProposeRequest,
    plan: PlanId,
    now: DateTime<Utc>,
) -> Result<AnswerView, AppError> {
    // Storing a proposal changes nothing the pipeline shows: a read, for the cache.
    let proposed = state.read(|s| Ok(propose_detailed(s, &req, now)?))?;
    let session = Session {
        candidate: req.candidate.clone(),
        plan,
        request: req,
        edited: proposed
            .answer
            .options
            .iter()
            .map(|o| o.rounds.clone())
            .collect(),
        problem: proposed.problem,
        answer: proposed.answer,
        booked: None,
    };
    let view = answer_view(&session);
    *state.session() = Some(session);
    Ok(view)
}

/// Finds options for a candidate, plan and dates, off the main thread; the window stays live.
#[tauri::command]
pub async fn find_options<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    find: FindRequest,
) -> Result<AnswerView, AppError> {
    let (req, plan) = request(&state, &find)?;
    tauri::async_runtime::spawn_blocking(move || {
        propose_into(&app.state::<AppState>(), req, plan, Utc::now())
    })
    .await
    .map_err(AppError::internal)?
}

/// The Schedule screen's form for a candidate.
#[tauri::command]
pub fn schedule_form(
    state: State<'_, AppState>,
    candidate: String,
) -> Result<ScheduleForm, AppError> {
    form(&state, &candidate, Utc::now())
}

/// Makes the change the engine suggested (relaxation `index` of the current answer) to
/// what is stored, and finds options again; returns the change in words and the answer.
pub fn relax_and_propose(
    state: &AppState,
    index: usize,
    now: DateTime<Utc>,
) -> Result<(String, AnswerView), AppError> {
    let (req, plan, kind) = {
        let guard = state.session();
        let s = guard.as_ref().ok_or_else(no_session)?;
        let kind = s
            .answer
            .diagnosis
            .as_ref()
            .and_then(|d| d.relaxations.get(index))
            .map(|r| r.kind.clone())
            .ok_or_else(|| {
                AppError::new(
                    ErrorCode::NotFound,
                    "That suggestion is gone. Find options again.",
                )
            })?;
        (s.request.clone(), s.plan.clone(), kind)
    };
    let accepted = state.write(|s| Ok(rondo::usecases::relax::accept(s, &req, &plan, &kind)?))?;
    let view = propose_into(state, accepted.request, plan, now)?;
    Ok((accepted.changed, view))
}

/// What accepting a suggestion did.
#[derive(Debug, Clone, Serialize)]
pub struct Relaxed {
    /// The change made, in words.
    pub changed: String,
    /// The new answer.
    pub answer: AnswerView,
}

/// Accepts a suggested relaxation and finds options again, off the main thread.
#[tauri::command]
pub async fn accept_relaxation<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    index: usize,
) -> Result<Relaxed, AppError> {
    tauri::async_runtime::spawn_blocking(move || {
        relax_and_propose(&app.state::<AppState>(), index, Utc::now())
            .map(|(changed, answer)| Relaxed { changed, answer })
    })
    .await
    .map_err(AppError::internal)?
}

fn no_session() -> AppError {
    AppError::new(
        ErrorCode::NotReady,
        "There are no options yet. Choose a candidate and press \u{201c}Find options\u{201d} first.",
    )
}

/// Runs `f` on the session, or says to find options first.
pub fn with_session<T>(
    state: &AppState,
    f: impl FnOnce(&mut Session) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let mut guard = state.session();
    f(guard.as_mut().ok_or_else(no_session)?)
}

/// The session's answer as shown (after any manual moves).
pub fn answer_view(ws: &Session) -> AnswerView {
    let answer = &ws.answer;
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
    let c = &ws.problem.candidate;
    AnswerView {
        candidate: c.id.clone(),
        name: c.name.clone().unwrap_or_else(|| c.id.clone()),
        range: format!(
            "{} – {}",
            display::instant_label(zone, ws.problem.horizon.start),
            display::instant_label(zone, ws.problem.horizon.end)
        ),
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
    ws: &Session,
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
            .map(|b| b.bookings.iter().map(|x| x.sequence).max().unwrap_or(0)),
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
    with_session(&state, |ws| schedule_view(ws, option, day))
}

/// Moves round `round` of option `option` by `slots` grid steps and draws the day it now
/// starts on, with the rules it breaks, if any.
pub fn move_round_in(
    ws: &mut Session,
    option: usize,
    round: &str,
    slots: i64,
) -> Result<ScheduleView, AppError> {
    let moved = display::shift_round(&ws.problem, ws.option(option)?, round, slots)?;
    ws.edited[option] = moved;
    view_at_round(ws, option, round)
}

/// Option `option` drawn on the candidate's day on which round `round` starts.
fn view_at_round(ws: &Session, option: usize, round: &str) -> Result<ScheduleView, AppError> {
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
    with_session(&state, |ws| move_round_in(ws, option, &round, slots))
}

/// Puts option `option` back as the engine proposed it.
#[tauri::command]
pub fn reset_option(state: State<'_, AppState>, option: usize) -> Result<ScheduleView, AppError> {
    with_session(&state, |ws| reset_in(ws, option))
}

/// Option `option` as the engine proposed it, or as booked when it is the booked one.
pub fn reset_in(ws: &mut Session, option: usize) -> Result<ScheduleView, AppError> {
    let booked = ws.booked.as_ref().filter(|b| b.option == option).map(|b| {
        b.bookings
            .iter()
            .map(|x| rondo::solution::PlacedRound {
                round: x.round.to_string(),
                start: x.start,
                end: x.end,
                interviewers: x.interviewers.iter().map(|i| i.to_string()).collect(),
                trainees: Vec::new(),
            })
            .collect::<Vec<_>>()
    });
    let original = booked.or_else(|| ws.answer.options.get(option).map(|o| o.rounds.clone()));
    if let (Some(rounds), Some(slot)) = (original, ws.edited.get_mut(option)) {
        *slot = rounds;
    }
    schedule_view(ws, option, None)
}

/// The current answer again (after switching screens); none before a search.
#[tauri::command]
pub fn current_answer(state: State<'_, AppState>) -> Option<AnswerView> {
    state.session().as_ref().map(answer_view)
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
    ws: &Session,
    option: usize,
    round: &str,
    out: &str,
) -> Result<Vec<rondo::swap::Choice>, AppError> {
    rondo::swap::choices(&ws.problem, ws.option(option)?, round, out).map_err(swap_error)
}

/// Puts `into` in `out`'s seat of round `round` and draws the option again.
pub fn swap_in(
    ws: &mut Session,
    option: usize,
    round: &str,
    out: &str,
    into: &str,
) -> Result<ScheduleView, AppError> {
    if ws.booked.as_ref().is_some_and(|b| b.option == option) {
        return Err(AppError::bad_input(
            "This option is booked: its interviewers are fixed. Cancel the interviews and book again to change who sits in.",
        ));
    }
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
    with_session(&state, |ws| swap_choices_in(ws, option, &round, &out))
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
    with_session(&state, |ws| swap_in(ws, option, &round, &out, &into))
}
