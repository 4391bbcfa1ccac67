//! Moving one round of a hiring day by hand ([`move_round`]): the round keeps its length
//! and its people and starts a whole number of grid steps earlier or later; the moved
//! candidate is then re-checked with the single engine's `check` against every rule of
//! the whole day — their own rules 1–9 as `rondo solve` reads them, and rules 10–11
//! with the other candidates' interviews booked on the interviewers' calendars (rule
//! 10 is rule 5 with the buffer, rule 11 is rule 6 counting the batch; see
//! `shared/formats/batch.md`). An accepted move gives the day's new answer (its value
//! recomputed, the proof kept only where it still holds); a refused one is a
//! [`MoveError::Breaks`] that names each rule broken and who stands in the way, in
//! words, and changes nothing.

use super::{Batch, BatchSolutionDoc, ObjectiveDoc};
use crate::display::{city, clock_label, date_label, shift_round, ShiftError};
use crate::engine::{check, Violation};
use crate::interval::Interval;
use crate::problem::Problem;
use crate::solution::PlacedRound;
use chrono::Duration;
use chrono_tz::Tz;

/// One rule a move would break, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// The rule's number in `shared/formats/batch.md` (1–9 as in `problem.md`, 10 and
    /// 11 across candidates).
    pub rule: u8,
    /// What is wrong and who is in the way, with names and times.
    pub words: String,
}

/// Why a round of a hiring day was not moved; the day is unchanged.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MoveError {
    /// The day schedules no candidate with that id (they were left out, or the day was
    /// planned again since).
    #[error("{0} is not scheduled on this day: plan the day again, or move one of the scheduled candidates")]
    NotScheduled(String),
    /// The round is not one of the candidate's, or the move leaves the day's dates.
    #[error(transparent)]
    Shift(#[from] ShiftError),
    /// The moved round would break the rules listed; nothing was moved.
    #[error("{round} of {candidate} cannot start at {at}: {}; nothing was moved", words(.broken))]
    Breaks {
        /// The candidate's name.
        candidate: String,
        /// The round's name.
        round: String,
        /// Where it was asked to start (`Wed 10 Mar 10:15 London`).
        at: String,
        /// Every rule broken (at least one).
        broken: Vec<Broken>,
    },
}

fn words(broken: &[Broken]) -> String {
    broken
        .iter()
        .map(|b| format!("rule {} ({}): {}", b.rule, rule_name(b.rule), b.words))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What each rule of `batch.md` is about, in a few words.
fn rule_name(rule: u8) -> &'static str {
    match rule {
        1 => "on the grid, inside the dates",
        2 => "the candidate is free",
        3 => "who sits in the round",
        4 => "working hours",
        5 => "calendars and buffers",
        6 => "interviews a day or week",
        7 => "the order of rounds",
        8 => "rounds on one day",
        9 => "the candidate's minutes a day",
        10 => "one candidate at a time, with the buffer",
        11 => "interviews a day or week, the whole day counted",
        _ => "trainees",
    }
}

/// `a` with round `round` of candidate `candidate` moved by `slots` grid steps
/// (negative: earlier), when the whole day still keeps every rule; times in the words
/// of a refusal are on the clock of `shown_in` (the office's zone).
///
/// # Errors
/// [`MoveError`]: the candidate is not scheduled, the round is unknown or leaves the
/// dates, or the move breaks a rule (each one named, with who is in the way).
pub fn move_round(
    b: &Batch,
    a: &BatchSolutionDoc,
    candidate: &str,
    round: &str,
    slots: i64,
    shown_in: Tz,
) -> Result<BatchSolutionDoc, MoveError> {
    let k = a
        .scheduled
        .iter()
        .position(|s| s.candidate == candidate)
        .ok_or_else(|| MoveError::NotScheduled(candidate.to_string()))?;
    let c = b
        .candidates
        .iter()
        .find(|c| c.id() == candidate)
        .ok_or_else(|| MoveError::NotScheduled(candidate.to_string()))?;
    let p = &c.problem;
    let mut moved = shift_round(p, &a.scheduled[k].rounds, round, slots)?;
    moved.sort_by(|x, y| x.start.cmp(&y.start).then_with(|| x.round.cmp(&y.round)));
    let others: Vec<(&str, &PlacedRound)> = a
        .scheduled
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != k)
        .flat_map(|(_, s)| s.rounds.iter().map(move |r| (s.candidate.as_str(), r)))
        .collect();
    let broken = broken_rules(b, p, &moved, &others, shown_in);
    if !broken.is_empty() {
        let r = moved.iter().find(|r| r.round == round);
        return Err(MoveError::Breaks {
            candidate: name_of_candidate(p),
            round: round_name(p, round),
            at: r.map_or_else(String::new, |r| {
                format!(
                    "{} {} {}",
                    date_label(shown_in, r.start),
                    clock_label(shown_in, r.start),
                    city(shown_in)
                )
            }),
            broken,
        });
    }
    let mut out = a.clone();
    let s = &mut out.scheduled[k];
    s.finish = moved.iter().map(|r| r.end).max().unwrap_or(s.finish);
    s.rounds = moved;
    let objective = ObjectiveDoc {
        scheduled_weight: a.objective.scheduled_weight,
        sum_finish_minutes: out
            .scheduled
            .iter()
            .map(|s| (s.finish - b.horizon.start).num_minutes())
            .sum(),
    };
    // Still proved best when it is as good as before or meets the bound.
    out.optimal = (a.optimal && objective == a.objective) || objective == a.bound;
    out.objective = objective;
    Ok(out)
}

/// True if every scheduled candidate of answer `a` keeps every rule, their own and
/// those the other candidates' interviews make (rules 1-12 of `batch.md`).
pub(crate) fn day_is_valid(b: &Batch, a: &BatchSolutionDoc) -> bool {
    a.scheduled.iter().all(|s| {
        let Some(c) = b.candidates.iter().find(|c| c.id() == s.candidate) else {
            return false;
        };
        let others: Vec<(&str, &PlacedRound)> = a
            .scheduled
            .iter()
            .filter(|o| o.candidate != s.candidate)
            .flat_map(|o| o.rounds.iter().map(move |r| (o.candidate.as_str(), r)))
            .collect();
        s.rounds.len() == c.problem.rounds.len()
            && broken_rules(b, &c.problem, &s.rounds, &others, chrono_tz::UTC).is_empty()
    })
}

/// The rules candidate `p`'s rounds `placed` break: their own (rules 1–9, and the
/// trainee rules), then what only the other candidates' interviews `others` make
/// wrong (rules 10 and 11).
fn broken_rules(
    b: &Batch,
    p: &Problem,
    placed: &[PlacedRound],
    others: &[(&str, &PlacedRound)],
    zone: Tz,
) -> Vec<Broken> {
    let alone = check(p, placed);
    let mut with = p.clone();
    for it in &mut with.interviewers {
        it.booked.extend(
            others
                .iter()
                .filter(|(_, r)| r.interviewers.contains(&it.id))
                .map(|(_, r)| Interval {
                    start: r.start,
                    end: r.end,
                }),
        );
    }
    let mut out: Vec<Broken> = alone
        .iter()
        .map(|v| Broken {
            rule: v.rule,
            words: with_names(p, v),
        })
        .collect();
    for v in check(&with, placed) {
        if alone.contains(&v) {
            continue;
        }
        match v.rule {
            5 => out.extend(in_the_way(b, p, placed, others, v.round.as_deref(), zone)),
            6 => out.push(Broken {
                rule: 11,
                words: format!(
                    "{}, counting the other candidates' interviews",
                    with_names(p, &v)
                ),
            }),
            rule => out.push(Broken {
                rule,
                words: with_names(p, &v),
            }),
        }
    }
    out
}

/// Rule 10 in words: who of the round `round` interviews another candidate too close
/// to it, whom, when, and the buffer they keep.
fn in_the_way(
    b: &Batch,
    p: &Problem,
    placed: &[PlacedRound],
    others: &[(&str, &PlacedRound)],
    round: Option<&str>,
    zone: Tz,
) -> Vec<Broken> {
    let Some(mine) = placed.iter().find(|r| Some(r.round.as_str()) == round) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for id in &mine.interviewers {
        let Some(it) = p.interviewers.iter().find(|i| &i.id == id) else {
            continue;
        };
        let buffer = Duration::minutes(i64::from(it.buffer_minutes));
        for (who, r) in others {
            let near = r.interviewers.contains(id)
                && r.start < mine.end + buffer
                && mine.start < r.end + buffer;
            if !near {
                continue;
            }
            let other = b.candidates.iter().find(|c| c.id() == *who);
            let kept = if it.buffer_minutes == 0 {
                String::new()
            } else {
                format!(
                    " and keeps {} minutes between interviews",
                    it.buffer_minutes
                )
            };
            out.push(Broken {
                rule: 10,
                words: format!(
                    "{} interviews {} ({}) {}–{} {}{kept}",
                    it.name.clone().unwrap_or_else(|| it.id.clone()),
                    other.map_or_else(|| who.to_string(), |c| name_of_candidate(&c.problem)),
                    other.map_or_else(|| r.round.clone(), |c| round_name(&c.problem, &r.round)),
                    clock_label(zone, r.start),
                    clock_label(zone, r.end),
                    city(zone)
                ),
            });
        }
    }
    if out.is_empty() {
        // Busy in their own calendar only with the others' interviews? Say it plainly.
        out.push(Broken {
            rule: 10,
            words: format!(
                "an interviewer of {} interviews another candidate then",
                round_name(p, &mine.round)
            ),
        });
    }
    out
}

/// The engine's words for `v` with interviewer and round ids replaced by names.
fn with_names(p: &Problem, v: &Violation) -> String {
    let said = v
        .message
        .split(' ')
        .map(|w| {
            p.interviewers
                .iter()
                .find(|i| i.id == w)
                .and_then(|i| i.name.clone())
                .or_else(|| p.rounds.iter().find(|r| r.id == w).map(|r| r.name.clone()))
                .unwrap_or_else(|| w.to_string())
        })
        .collect::<Vec<_>>()
        .join(" ");
    match &v.round {
        Some(r) => format!("{}: {said}", round_name(p, r)),
        None => said,
    }
}

fn name_of_candidate(p: &Problem) -> String {
    p.candidate
        .name
        .clone()
        .unwrap_or_else(|| p.candidate.id.clone())
}

fn round_name(p: &Problem, round: &str) -> String {
    p.rounds
        .iter()
        .find(|r| r.id == round)
        .map_or_else(|| round.to_string(), |r| r.name.clone())
}
