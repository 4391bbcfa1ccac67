//! Applying a relaxation the engine suggested ([`crate::engine::Relaxation`]) to the
//! request document, so that a coordinator can accept it with one button and solve again.
//!
//! The engine tests each relaxation on a copy of the validated [`crate::problem::Problem`];
//! [`apply`] makes the same change to the [`ProblemDoc`] the request was built from, which
//! is what gets edited, saved and validated again.

use crate::engine::RelaxationKind;
use crate::problem::{ProblemDoc, RequirementDoc};

/// Why a relaxation does not fit the request (it was computed for another one).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RelaxError {
    /// The relaxation names a round, order rule, pool or person the request lacks.
    #[error("the suggestion names {0}, which the request no longer has: find options again")]
    Stale(String),
}

/// Makes the change `kind` describes to `doc`.
///
/// # Errors
/// [`RelaxError::Stale`] when `doc` lacks what the change names; `doc` is then unchanged.
pub fn apply(doc: &mut ProblemDoc, kind: &RelaxationKind) -> Result<(), RelaxError> {
    let stale = |what: String| RelaxError::Stale(what);
    match kind {
        RelaxationKind::ExtendHorizon { end } => {
            doc.horizon.end = end.fixed_offset();
        }
        RelaxationKind::RaiseCandidateDailyMinutes { minutes } => {
            doc.candidate.max_interview_minutes_per_day = Some(i64::from(*minutes));
        }
        RelaxationKind::DropSameDay { rounds } => {
            let mut wanted = rounds.clone();
            wanted.sort();
            let before = doc.same_day.len();
            doc.same_day.retain(|g| {
                let mut g = g.clone();
                g.sort();
                g != wanted
            });
            if doc.same_day.len() == before {
                return Err(stale(format!("the same-day group {}", rounds.join(", "))));
            }
        }
        RelaxationKind::WidenMaxGap {
            round,
            after,
            minutes,
        } => {
            gap(doc, round, after)?.max_gap_minutes = *minutes;
        }
        RelaxationKind::ShortenMinGap {
            round,
            after,
            minutes,
        } => {
            gap(doc, round, after)?.min_gap_minutes = Some(*minutes);
        }
        RelaxationKind::FewerFromPool { round, pool, count } => {
            let r = doc
                .rounds
                .iter_mut()
                .find(|r| &r.id == round)
                .ok_or_else(|| stale(format!("round {round}")))?;
            let need = r
                .interviewers
                .iter_mut()
                .find_map(|q| match q {
                    RequirementDoc::Pool { pool: p, count } if p == pool => Some(count),
                    RequirementDoc::Pool { .. } | RequirementDoc::Person { .. } => None,
                })
                .ok_or_else(|| stale(format!("pool {pool} in round {round}")))?;
            *need = Some(i64::from(*count));
        }
        RelaxationKind::LiftCaps { interviewer } => {
            let i = doc
                .interviewers
                .iter_mut()
                .find(|i| &i.id == interviewer)
                .ok_or_else(|| stale(format!("interviewer {interviewer}")))?;
            i.max_per_day = None;
            i.max_per_week = None;
        }
        RelaxationKind::NoBuffers => {
            for i in &mut doc.interviewers {
                i.buffer_minutes = None;
            }
        }
    }
    Ok(())
}

/// The order rule "`round` after `after`" of `doc`.
fn gap<'d>(
    doc: &'d mut ProblemDoc,
    round: &str,
    after: &str,
) -> Result<&'d mut crate::problem::AfterDoc, RelaxError> {
    doc.rounds
        .iter_mut()
        .find(|r| r.id == round)
        .and_then(|r| r.after.iter_mut().find(|a| a.round == after))
        .ok_or_else(|| RelaxError::Stale(format!("the rule {round} after {after}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Problem;
    use crate::solution::Status;

    /// A candidate in New York, a panel in Berlin and London, two rounds on one day with a
    /// daily limit the rounds exceed.
    fn doc() -> ProblemDoc {
        serde_json::from_str(
            r#"{
          "format": "rondo-problem/1", "id": "relax",
          "horizon": {"start": "2026-03-09T00:00:00Z", "end": "2026-03-14T00:00:00Z"},
          "slot_minutes": 15,
          "candidate": {"id": "c", "time_zone": "America/New_York",
            "available": [{"start": "2026-03-09T12:00:00Z", "end": "2026-03-13T22:00:00Z"}],
            "max_interview_minutes_per_day": 60},
          "interviewers": [
            {"id": "ana", "time_zone": "Europe/Berlin", "pools": ["x"],
             "working_hours": {"mon": [["09:00","18:00"]], "tue": [["09:00","18:00"]],
               "wed": [["09:00","18:00"]], "thu": [["09:00","18:00"]], "fri": [["09:00","18:00"]]},
             "buffer_minutes": 15, "max_per_day": 1},
            {"id": "ben", "time_zone": "Europe/Berlin", "pools": ["x"],
             "working_hours": {"mon": [["09:00","18:00"]], "tue": [["09:00","18:00"]]}},
            {"id": "cai", "time_zone": "Europe/London", "pools": ["x"],
             "working_hours": {"mon": [["09:00","18:00"]], "tue": [["09:00","18:00"]]}}
          ],
          "rounds": [
            {"id": "a", "duration_minutes": 45, "interviewers": [{"pool": "x", "count": 2}]},
            {"id": "b", "duration_minutes": 45, "interviewers": [{"person": "ana"}],
             "after": [{"round": "a", "min_gap_minutes": 30, "max_gap_minutes": 60}]}
          ],
          "same_day": [["b", "a"]]
        }"#,
        )
        .expect("test request parses")
    }

    /// Whether a relaxed request shows the change.
    type Check = fn(&ProblemDoc) -> bool;

    #[test]
    fn each_kind_changes_exactly_what_it_names() {
        let end: chrono::DateTime<chrono::Utc> = "2026-03-20T00:00:00Z".parse().expect("instant");
        let cases: Vec<(RelaxationKind, Check, &str)> = vec![
            (
                RelaxationKind::ExtendHorizon { end },
                |d| d.horizon.end.to_rfc3339() == "2026-03-20T00:00:00+00:00",
                "horizon end",
            ),
            (
                RelaxationKind::RaiseCandidateDailyMinutes { minutes: 90 },
                |d| d.candidate.max_interview_minutes_per_day == Some(90),
                "daily minutes",
            ),
            (
                RelaxationKind::DropSameDay {
                    rounds: vec!["a".into(), "b".into()],
                },
                |d| d.same_day.is_empty(),
                "same-day group, in any order",
            ),
            (
                RelaxationKind::WidenMaxGap {
                    round: "b".into(),
                    after: "a".into(),
                    minutes: None,
                },
                |d| d.rounds[1].after[0].max_gap_minutes.is_none(),
                "max gap lifted",
            ),
            (
                RelaxationKind::ShortenMinGap {
                    round: "b".into(),
                    after: "a".into(),
                    minutes: 0,
                },
                |d| d.rounds[1].after[0].min_gap_minutes == Some(0),
                "min gap",
            ),
            (
                RelaxationKind::FewerFromPool {
                    round: "a".into(),
                    pool: "x".into(),
                    count: 1,
                },
                |d| {
                    d.rounds[0].interviewers
                        == [RequirementDoc::Pool {
                            pool: "x".into(),
                            count: Some(1),
                        }]
                },
                "pool count",
            ),
            (
                RelaxationKind::LiftCaps {
                    interviewer: "ana".into(),
                },
                |d| {
                    d.interviewers[0].max_per_day.is_none()
                        && d.interviewers[0].max_per_week.is_none()
                },
                "caps",
            ),
            (
                RelaxationKind::NoBuffers,
                |d| d.interviewers.iter().all(|i| i.buffer_minutes.is_none()),
                "buffers",
            ),
        ];
        for (kind, holds, what) in cases {
            let mut d = doc();
            apply(&mut d, &kind).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert!(holds(&d), "{what}: the change is made");
            assert!(
                Problem::from_doc(&d).is_ok(),
                "{what}: the request stays valid"
            );
        }
    }

    #[test]
    fn a_suggestion_for_another_request_is_refused_and_changes_nothing() {
        let cases = [
            RelaxationKind::DropSameDay {
                rounds: vec!["a".into(), "zz".into()],
            },
            RelaxationKind::WidenMaxGap {
                round: "a".into(),
                after: "b".into(),
                minutes: None,
            },
            RelaxationKind::FewerFromPool {
                round: "b".into(),
                pool: "x".into(),
                count: 1,
            },
            RelaxationKind::LiftCaps {
                interviewer: "zoe".into(),
            },
        ];
        for kind in cases {
            let mut d = doc();
            assert!(
                matches!(apply(&mut d, &kind), Err(RelaxError::Stale(_))),
                "{kind:?} is stale"
            );
            assert_eq!(d, doc(), "{kind:?}: nothing changed");
        }
    }

    #[test]
    fn applying_the_engines_first_suggestion_makes_the_request_solvable() {
        let mut d = doc();
        let answer = crate::engine::solve(&Problem::from_doc(&d).expect("valid"));
        assert_eq!(
            answer.status,
            Status::Infeasible,
            "90 minutes do not fit in 60"
        );
        let first = answer
            .diagnosis
            .and_then(|dg| dg.relaxations.into_iter().next())
            .expect("the engine suggests a relaxation");
        apply(&mut d, &first.kind).expect("it fits the request");
        let again = crate::engine::solve(&Problem::from_doc(&d).expect("valid"));
        assert_eq!(
            again.status,
            Status::Scheduled,
            "relaxed, it is solvable: {first:?}"
        );
    }
}
