//! The options being worked on, as the window shows them: the ranked list with scores
//! and reasons (or why nothing fits and what would help), and one option drawn for a
//! candidate-local day on the multi-zone timeline with every round's time in everyone's
//! zone and whether the option still holds.

use super::Session;
use crate::display::{self, Day, Timeline};
use crate::engine;
use crate::solution::Status;
use crate::usecases::UseCaseError;
use chrono::{DateTime, Utc};
use serde::Serialize;

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
    /// The candidate's id.
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
    /// What reading the linked calendars before the search said (calendars read
    /// again; any that could not be read, and how old the copy used is).
    pub calendars: Vec<String>,
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
    pub start: DateTime<Utc>,
    /// Its end instant.
    pub end: DateTime<Utc>,
}

/// An interviewer in a round.
#[derive(Debug, Clone, Serialize)]
pub struct Seat {
    /// Interviewer id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// The session's answer as shown (after any manual moves).
pub(super) fn answer_view(ws: &Session) -> AnswerView {
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
        calendars: ws.calendar_notes.clone(),
    }
}

/// Option `option` drawn on candidate-local day `day` (the day with the most rounds when
/// absent or past the last).
pub(super) fn schedule_view(
    ws: &Session,
    option: usize,
    day: Option<usize>,
) -> Result<ScheduleView, UseCaseError> {
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
        return Err(UseCaseError::OptionMissing {
            option: option + 1,
            count: ws.edited.len(),
        });
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

/// Option `option` drawn on the candidate's day on which round `round` starts.
pub(super) fn view_at_round(
    ws: &Session,
    option: usize,
    round: &str,
) -> Result<ScheduleView, UseCaseError> {
    let placed = ws.option(option)?;
    let start = placed.iter().find(|r| r.round == round).map(|r| r.start);
    let days = display::candidate_days(&ws.problem, placed);
    let day = days
        .iter()
        .position(|d| start.is_some_and(|s| d.from <= s && s < d.to));
    schedule_view(ws, option, day)
}
