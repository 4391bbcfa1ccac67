//! A hiring day as the window draws it ([`DayView`]): per office-local date a grid of
//! interviewers × time ([`GridDay`], positions in minutes from the grid's left edge, the
//! hours labelled on the office's clock), each candidate's loop in one colour with
//! their name on each block; each candidate's itinerary in their own zone (and each
//! interviewer's); what the engine proved, in words; who was left out and why. Nothing
//! here schedules: it reads the answer. The UI only scales minutes to pixels.

use super::HiringDay;
use crate::batch::{Batch, BatchError, BatchSolutionDoc};
use crate::display::{city, clock_label, date_label, offset_label, when_label};
use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use std::collections::BTreeMap;

/// The whole day for the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayView {
    /// `8 of 10 candidates scheduled, on Tue 12 May (London, UTC+01:00).`
    pub summary: String,
    /// What the engine proved, in words: "best possible", or how far from it at most.
    pub proof: String,
    /// True when no other day schedules more candidates or finishes them earlier.
    pub optimal: bool,
    /// The grid step in minutes: a round moves by whole steps (dragged or by the
    /// arrow keys).
    pub slot_minutes: i64,
    /// One grid per office-local date with interviews.
    pub days: Vec<GridDay>,
    /// The scheduled candidates, each with their colour and rounds.
    pub itineraries: Vec<Itinerary>,
    /// The candidates left out, each with the reason.
    pub left_out: Vec<LeftOut>,
}

/// One date of the day on the office's clock.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GridDay {
    /// `Tue 12 May`.
    pub label: String,
    /// Minutes from the left edge (a whole hour before the first interview) to the right
    /// edge (the whole hour after the last).
    pub minutes: i64,
    /// The hours along the top, on the office's clock.
    pub ticks: Vec<Tick>,
    /// One row per interviewer with an interview that date, in the request's order (the
    /// store's requests list them by id).
    pub rows: Vec<GridRow>,
}

/// An hour mark.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tick {
    /// Minutes from the left edge.
    pub at: i64,
    /// `09:00` on the office's clock.
    pub label: String,
}

/// An interviewer's row of a grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GridRow {
    /// Interviewer id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Their own city and offset when not the office's (`Kolkata, UTC+05:30`), else "".
    pub elsewhere: String,
    /// Their interviews that date, in time order.
    pub blocks: Vec<Block>,
}

/// One interview on a row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    /// Minutes from the left edge.
    pub start: i64,
    /// Minutes from the left edge.
    pub end: i64,
    /// The candidate's colour: their place among the scheduled (the UI cycles a palette).
    pub colour: usize,
    /// Candidate id.
    pub candidate: String,
    /// Candidate name (shown on the block: the colour is never the only sign).
    pub who: String,
    /// The round's name.
    pub round: String,
    /// The round's id (what a move names).
    pub round_id: String,
    /// `Technical · 09:00–10:00 London` on the office's clock.
    pub title: String,
}

/// A scheduled candidate's day in their own zone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Itinerary {
    /// Their colour on the grid.
    pub colour: usize,
    /// Candidate id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Where they are (`Kolkata, UTC+05:30`).
    pub place: String,
    /// `done by Tue 12 May 15:30 Kolkata` on their clock.
    pub finish: String,
    /// Their rounds, in start order.
    pub rounds: Vec<ItineraryRound>,
}

/// A round of an itinerary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItineraryRound {
    /// The round's name.
    pub name: String,
    /// When, on the candidate's clock first, then each interviewer's
    /// (`Tue 12 May · 13:30–14:30 Kolkata (candidate) · 09:00 London (Ana)`).
    pub when: String,
    /// Who interviews, by name.
    pub with: String,
}

/// A candidate left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeftOut {
    /// Candidate id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Why, in words: the round, rule, people or dates in the way, or the candidates who
    /// took the seats.
    pub reason: String,
}

/// Draws `day` on the clock of `office`.
pub fn draw(day: &HiringDay, office: Tz) -> Result<DayView, BatchError> {
    let b = Batch::from_doc(&day.request)?;
    let a = &day.answer;
    let names: BTreeMap<&str, String> = b
        .candidates
        .iter()
        .map(|c| {
            let p = &c.problem.candidate;
            (c.id(), p.name.clone().unwrap_or_else(|| p.id.clone()))
        })
        .collect();
    let name_of = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_string());
    let at = b.horizon.start;
    let dates: Vec<String> = grid_dates(a, office)
        .into_iter()
        .map(|d| d.format("%a %-d %b").to_string())
        .collect();
    let summary = format!(
        "{} of {} candidate{} scheduled{}, on the clock of {} ({}).",
        a.scheduled.len(),
        b.candidates.len(),
        if b.candidates.len() == 1 { "" } else { "s" },
        if dates.is_empty() {
            String::new()
        } else {
            format!(" on {}", dates.join(", "))
        },
        city(office),
        offset_label(office, at)
    );
    Ok(DayView {
        summary,
        proof: proof(a),
        optimal: a.optimal,
        slot_minutes: i64::from(b.slot_minutes),
        days: grids(&b, a, office, &name_of),
        itineraries: itineraries(&b, a, &name_of),
        left_out: a
            .unscheduled
            .iter()
            .map(|u| LeftOut {
                id: u.candidate.clone(),
                name: name_of(&u.candidate),
                reason: u.reason.clone(),
            })
            .collect(),
    })
}

/// What the engine proved about `a`, in words.
pub fn proof(a: &BatchSolutionDoc) -> String {
    let (got, bound) = (&a.objective, &a.bound);
    if a.optimal {
        return "Best possible: no other day schedules more of these candidates, or finishes them earlier."
            .to_string();
    }
    if bound.scheduled_weight > got.scheduled_weight {
        let more = bound.scheduled_weight - got.scheduled_weight;
        return format!(
            "Not proved best: perhaps {more} more candidate{} could fit (the search ended before it could tell).",
            if more == 1 { "" } else { "s" }
        );
    }
    let gap = (got.sum_finish_minutes - bound.sum_finish_minutes).max(0);
    format!(
        "As many candidates as possible; their finishing times add up to within {gap} minute{} of the best possible.",
        if gap == 1 { "" } else { "s" }
    )
}

/// The office-local dates with interviews, in order.
fn grid_dates(a: &BatchSolutionDoc, office: Tz) -> Vec<NaiveDate> {
    let mut dates: Vec<NaiveDate> = a
        .scheduled
        .iter()
        .flat_map(|s| &s.rounds)
        .map(|r| r.start.with_timezone(&office).date_naive())
        .collect();
    dates.sort();
    dates.dedup();
    dates
}

/// The start of the local hour of `t` in `zone`, as an instant.
fn hour_floor(zone: Tz, t: DateTime<Utc>) -> DateTime<Utc> {
    let local = t.with_timezone(&zone);
    t - Duration::seconds(i64::from(local.minute()) * 60 + i64::from(local.second()))
}

fn grids(
    b: &Batch,
    a: &BatchSolutionDoc,
    office: Tz,
    name_of: &dyn Fn(&str) -> String,
) -> Vec<GridDay> {
    let round_name = |cand: &str, round: &str| {
        b.candidates
            .iter()
            .find(|c| c.id() == cand)
            .and_then(|c| c.problem.rounds.iter().find(|r| r.id == round))
            .map_or_else(|| round.to_string(), |r| r.name.clone())
    };
    let mut out = Vec::new();
    for date in grid_dates(a, office) {
        let on_date = |t: DateTime<Utc>| t.with_timezone(&office).date_naive() == date;
        let mut held: Vec<(usize, &crate::solution::PlacedRound)> = a
            .scheduled
            .iter()
            .enumerate()
            .flat_map(|(k, s)| s.rounds.iter().map(move |r| (k, r)))
            .filter(|(_, r)| on_date(r.start))
            .collect();
        // Each row's blocks left to right (as a screen reader reads them).
        held.sort_by_key(|(k, r)| (r.start, *k));
        let (Some(first), Some(last)) = (
            held.iter().map(|(_, r)| r.start).min(),
            held.iter().map(|(_, r)| r.end).max(),
        ) else {
            continue;
        };
        let from = hour_floor(office, first);
        let mut to = hour_floor(office, last);
        if to < last {
            to += Duration::hours(1);
        }
        let minutes = (to - from).num_minutes();
        let ticks = (0..)
            .map(|h| from + Duration::hours(h))
            .take_while(|t| *t <= to)
            .map(|t| Tick {
                at: (t - from).num_minutes(),
                label: clock_label(office, t),
            })
            .collect();
        let rows = b
            .interviewers
            .iter()
            .filter_map(|it| {
                let blocks: Vec<Block> = held
                    .iter()
                    .filter(|(_, r)| r.interviewers.contains(&it.id))
                    .map(|&(k, r)| {
                        let s = &a.scheduled[k];
                        let round = round_name(&s.candidate, &r.round);
                        Block {
                            start: (r.start - from).num_minutes(),
                            end: (r.end - from).num_minutes(),
                            colour: k,
                            candidate: s.candidate.clone(),
                            who: name_of(&s.candidate),
                            title: format!(
                                "{round} · {}–{} {}",
                                clock_label(office, r.start),
                                clock_label(office, r.end),
                                city(office)
                            ),
                            round,
                            round_id: r.round.clone(),
                        }
                    })
                    .collect();
                (!blocks.is_empty()).then(|| GridRow {
                    id: it.id.clone(),
                    name: it.name.clone().unwrap_or_else(|| it.id.clone()),
                    elsewhere: if it.zone == office {
                        String::new()
                    } else {
                        format!("{}, {}", city(it.zone), offset_label(it.zone, first))
                    },
                    blocks,
                })
            })
            .collect();
        out.push(GridDay {
            label: date_label(office, first),
            minutes,
            ticks,
            rows,
        });
    }
    out
}

fn itineraries(
    b: &Batch,
    a: &BatchSolutionDoc,
    name_of: &dyn Fn(&str) -> String,
) -> Vec<Itinerary> {
    a.scheduled
        .iter()
        .enumerate()
        .filter_map(|(k, s)| {
            let c = b.candidates.iter().find(|c| c.id() == s.candidate)?;
            let p = &c.problem;
            let cz = p.candidate.zone;
            let person = |id: &str| {
                p.interviewers
                    .iter()
                    .find(|i| i.id == id)
                    .and_then(|i| i.name.clone())
                    .unwrap_or_else(|| id.to_string())
            };
            Some(Itinerary {
                colour: k,
                id: s.candidate.clone(),
                name: name_of(&s.candidate),
                place: format!("{}, {}", city(cz), offset_label(cz, s.finish)),
                finish: format!(
                    "done by {} {} {}",
                    date_label(cz, s.finish),
                    clock_label(cz, s.finish),
                    city(cz)
                ),
                rounds: s
                    .rounds
                    .iter()
                    .map(|r| ItineraryRound {
                        name: p
                            .rounds
                            .iter()
                            .find(|x| x.id == r.round)
                            .map_or_else(|| r.round.clone(), |x| x.name.clone()),
                        when: when_label(p, r),
                        with: r
                            .interviewers
                            .iter()
                            .map(|i| person(i))
                            .collect::<Vec<_>>()
                            .join(", "),
                    })
                    .collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::{BatchStatus, ObjectiveDoc, SOLUTION_FORMAT};

    fn answer(optimal: bool, got: (u64, i64), bound: (u64, i64)) -> BatchSolutionDoc {
        BatchSolutionDoc {
            format: SOLUTION_FORMAT.into(),
            problem: "p".into(),
            status: BatchStatus::Scheduled,
            scheduled: vec![],
            unscheduled: vec![],
            objective: ObjectiveDoc {
                scheduled_weight: got.0,
                sum_finish_minutes: got.1,
            },
            bound: ObjectiveDoc {
                scheduled_weight: bound.0,
                sum_finish_minutes: bound.1,
            },
            optimal,
        }
    }

    #[test]
    fn the_proof_in_words() {
        let cases = [
            (answer(true, (8, 900), (8, 900)), "Best possible", "proved"),
            (
                answer(false, (8, 930), (8, 900)),
                "within 30 minutes of the best possible",
                "same weight, a gap in the sum",
            ),
            (
                answer(false, (7, 930), (8, 0)),
                "perhaps 1 more candidate could fit",
                "the weight not settled",
            ),
        ];
        for (a, want, case) in cases {
            let said = proof(&a);
            assert!(said.contains(want), "{case}: {said:?} says {want:?}");
        }
    }
}
