//! Swapping one interviewer of a placed round for another: who could take the seat
//! ([`choices`]), best first, and the schedule with the swap made ([`swap`]).
//!
//! A seat filled from a pool may go to any other member of that pool who is not named
//! anywhere in the plan and not already in the schedule (rule 3 of
//! `shared/formats/problem.md`); a named person's seat cannot be swapped. Only people
//! with whom the whole schedule still holds ([`crate::engine::check`]) are offered, the
//! least loaded first (fewest interviews already booked), then by name.

use crate::engine::check;
use crate::problem::{Problem, Requirement};
use crate::solution::PlacedRound;
use std::collections::BTreeSet;

/// Why a seat cannot be swapped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SwapError {
    /// The schedule has no such round, or the person is not in it.
    #[error("{0} is not in round {1}")]
    NotInRound(String, String),
    /// The person is named by the plan for this round.
    #[error(
        "{0} is named by the plan for this round; only people picked from a pool can be swapped"
    )]
    Named(String),
    /// The replacement is not one of the [`choices`].
    #[error("{0} cannot take this seat: pick one of the people offered")]
    NotEligible(String),
}

/// Someone who can take the seat, with the schedule still valid.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Choice {
    /// Interviewer id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Interviews already booked for them.
    pub booked: usize,
}

/// The people who could replace `out` in round `round` of `placed`, best first.
///
/// # Errors
/// [`SwapError`] when `out` is not in the round or is named by the plan for it.
pub fn choices(
    p: &Problem,
    placed: &[PlacedRound],
    round: &str,
    out: &str,
) -> Result<Vec<Choice>, SwapError> {
    let not_in = || SwapError::NotInRound(out.to_string(), round.to_string());
    let r = placed
        .iter()
        .find(|r| r.round == round)
        .ok_or_else(not_in)?;
    if !r.interviewers.iter().any(|i| i == out) {
        return Err(not_in());
    }
    let spec = p.rounds.iter().find(|x| x.id == round).ok_or_else(not_in)?;
    let out_ix = p
        .interviewers
        .iter()
        .position(|i| i.id == out)
        .ok_or_else(not_in)?;
    let named: BTreeSet<usize> = p
        .rounds
        .iter()
        .flat_map(|x| x.requirements.iter())
        .filter_map(|q| match q {
            Requirement::Person(i) => Some(*i),
            Requirement::Pool { .. } => None,
        })
        .collect();
    if spec.requirements.contains(&Requirement::Person(out_ix)) {
        return Err(SwapError::Named(name(p, out_ix)));
    }
    let pools: Vec<&str> = spec
        .requirements
        .iter()
        .filter_map(|q| match q {
            Requirement::Pool { pool, .. } if p.interviewers[out_ix].pools.contains(pool) => {
                Some(pool.as_str())
            }
            Requirement::Pool { .. } | Requirement::Person(_) => None,
        })
        .collect();
    let taken: BTreeSet<&str> = placed
        .iter()
        .flat_map(|r| r.interviewers.iter().map(String::as_str))
        .collect();
    let mut out_list: Vec<Choice> = p
        .interviewers
        .iter()
        .enumerate()
        .filter(|(i, it)| {
            !named.contains(i)
                && !taken.contains(it.id.as_str())
                && pools.iter().any(|pool| it.pools.contains(*pool))
        })
        .filter(|(_, it)| check(p, &replaced(placed, round, out, &it.id)).is_empty())
        .map(|(i, it)| Choice {
            id: it.id.clone(),
            name: name(p, i),
            booked: it.booked.len(),
        })
        .collect();
    out_list.sort_by(|a, b| (a.booked, &a.name).cmp(&(b.booked, &b.name)));
    Ok(out_list)
}

/// `placed` with `into` in `out`'s seat of round `round`, if `into` is one of the
/// [`choices`].
///
/// # Errors
/// [`SwapError`] as [`choices`] does, or [`SwapError::NotEligible`].
pub fn swap(
    p: &Problem,
    placed: &[PlacedRound],
    round: &str,
    out: &str,
    into: &str,
) -> Result<Vec<PlacedRound>, SwapError> {
    if !choices(p, placed, round, out)?.iter().any(|c| c.id == into) {
        return Err(SwapError::NotEligible(into.to_string()));
    }
    Ok(replaced(placed, round, out, into))
}

fn replaced(placed: &[PlacedRound], round: &str, out: &str, into: &str) -> Vec<PlacedRound> {
    let mut v = placed.to_vec();
    for r in v.iter_mut().filter(|r| r.round == round) {
        for i in r.interviewers.iter_mut().filter(|i| *i == out) {
            *i = into.to_string();
        }
    }
    v
}

fn name(p: &Problem, i: usize) -> String {
    let it = &p.interviewers[i];
    it.name.clone().unwrap_or_else(|| it.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::ProblemDoc;

    /// One round needing one of pool `x` and Hana by name; `x` has Ana (busy at 10:00),
    /// Ben (two bookings), Cai (none) and Dee (not working Tuesdays).
    fn problem() -> Problem {
        let doc: ProblemDoc = serde_json::from_str(
            r#"{
          "format": "rondo-problem/1", "id": "swap",
          "horizon": {"start": "2026-03-09T00:00:00Z", "end": "2026-03-14T00:00:00Z"},
          "slot_minutes": 15,
          "candidate": {"id": "c", "time_zone": "Europe/Berlin",
            "available": [{"start": "2026-03-09T00:00:00Z", "end": "2026-03-14T00:00:00Z"}]},
          "interviewers": [
            {"id": "zed", "name": "Zed", "time_zone": "Europe/Berlin", "pools": ["x"],
             "working_hours": {"tue": [["09:00","17:00"]]}},
            {"id": "ana", "name": "Ana", "time_zone": "Europe/Berlin", "pools": ["x"],
             "working_hours": {"tue": [["09:00","17:00"]]},
             "busy": [{"start": "2026-03-10T09:00:00Z", "end": "2026-03-10T10:00:00Z"}]},
            {"id": "ben", "name": "Ben", "time_zone": "Europe/London", "pools": ["x"],
             "working_hours": {"tue": [["08:00","16:00"]]},
             "booked": [{"start": "2026-03-09T09:00:00Z", "end": "2026-03-09T10:00:00Z"},
                        {"start": "2026-03-11T09:00:00Z", "end": "2026-03-11T10:00:00Z"}]},
            {"id": "cai", "name": "Cai", "time_zone": "Europe/Berlin", "pools": ["x", "y"],
             "working_hours": {"tue": [["09:00","17:00"]]}},
            {"id": "dee", "name": "Dee", "time_zone": "Europe/Berlin", "pools": ["x"],
             "working_hours": {"mon": [["09:00","17:00"]]}},
            {"id": "hana", "name": "Hana", "time_zone": "Europe/Berlin", "pools": ["x"],
             "working_hours": {"tue": [["09:00","17:00"]]}}
          ],
          "rounds": [{"id": "r", "duration_minutes": 60,
            "interviewers": [{"pool": "x", "count": 1}, {"person": "hana"}]}]
        }"#,
        )
        .expect("test request parses");
        Problem::from_doc(&doc).expect("test request is valid")
    }

    fn placed() -> Vec<PlacedRound> {
        vec![PlacedRound {
            round: "r".into(),
            start: "2026-03-10T09:00:00Z".parse().expect("instant"),
            end: "2026-03-10T10:00:00Z".parse().expect("instant"),
            interviewers: vec!["zed".into(), "hana".into()],
            trainees: Vec::new(),
        }]
    }

    #[test]
    fn only_free_eligible_people_are_offered_least_loaded_first() {
        let got: Vec<String> = choices(&problem(), &placed(), "r", "zed")
            .expect("zed's seat comes from a pool")
            .into_iter()
            .map(|c| c.id)
            .collect();
        // Ana is busy, Dee does not work Tuesdays, Hana is named by the plan.
        assert_eq!(
            got,
            ["cai", "ben"],
            "free people, Cai (no bookings) before Ben (two)"
        );
    }

    #[test]
    fn a_named_seat_or_a_stranger_cannot_be_swapped() {
        let p = problem();
        assert_eq!(
            choices(&p, &placed(), "r", "hana"),
            Err(SwapError::Named("Hana".into())),
            "the plan names Hana"
        );
        assert!(
            matches!(
                choices(&p, &placed(), "r", "ana"),
                Err(SwapError::NotInRound(..))
            ),
            "Ana is not in the round"
        );
        assert_eq!(
            swap(&p, &placed(), "r", "zed", "ana"),
            Err(SwapError::NotEligible("ana".into())),
            "busy Ana is refused"
        );
    }

    #[test]
    fn a_swap_replaces_only_that_seat_and_holds() {
        let p = problem();
        let s = swap(&p, &placed(), "r", "zed", "cai").expect("Cai is offered");
        assert_eq!(s[0].interviewers, ["cai", "hana"], "Zed's seat, Hana stays");
        assert!(check(&p, &s).is_empty(), "the swapped schedule holds");
    }
}
