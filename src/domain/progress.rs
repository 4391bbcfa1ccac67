//! Where a trainee stands on a pool's training path, counted from their interviews.
//!
//! A path is N shadows, then M reverse shadows, then (optionally) a sign-off. An
//! interview counts once it is held: marked done, or its end has passed and it was not
//! cancelled. Cancelled interviews never count, and neither do interviews still ahead.
//! Shadows and reverse shadows are counted apart, each up to what the path asks: the
//! stage is `shadow` until N shadows are held, then `reverse_shadow` until M are, then
//! the trainee waits for sign-off (when the path asks for one) or has graduated.
//!
//! [`Progress::training_doc`] is what the engine is told (`trainee_in` of
//! `rondo-problem/1`, see `docs/problem-trainees.md`): the stage and the interviews
//! left over the whole path, so the trainee closest to graduating is seated first.
//! A trainee waiting for sign-off or graduated is told nothing: they take no trainee
//! seats (and, graduated, sit in the pool's qualified seats).

pub use crate::domain::TrainingPath;
use crate::problem::{TraineeRole, TrainingDoc};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What became of a trainee's interview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Booked: held once its end has passed.
    Booked,
    /// Marked as held.
    Held,
    /// Cancelled: never counts.
    Cancelled,
}

/// One interview a trainee sat in, in a trainee seat of the path's pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraineeSession {
    /// Their role in it.
    pub role: TraineeRole,
    /// When it ends.
    pub end: DateTime<Utc>,
    /// What became of it.
    pub outcome: Outcome,
}

impl TraineeSession {
    /// Held at `now`: marked held, or booked and over.
    pub fn held(&self, now: DateTime<Utc>) -> bool {
        match self.outcome {
            Outcome::Held => true,
            Outcome::Booked => self.end <= now,
            Outcome::Cancelled => false,
        }
    }
}

/// Where a trainee stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Progress {
    /// Still interviewing.
    Training {
        /// The role they take next.
        stage: TraineeRole,
        /// Shadows held (up to the path's).
        shadows_held: u32,
        /// Reverse shadows held (up to the path's).
        reverse_shadows_held: u32,
        /// Interviews left over the whole path (at least 1).
        remaining: u32,
    },
    /// Every interview held; waiting for sign-off.
    AwaitingSignOff,
    /// In the pool.
    Graduated,
}

impl Progress {
    /// What the engine is told for pool `pool`: their stage and interviews left, or
    /// nothing once the interviews are done.
    pub fn training_doc(&self, pool: &str) -> Option<TrainingDoc> {
        match *self {
            Progress::Training {
                stage, remaining, ..
            } => Some(TrainingDoc {
                pool: pool.to_string(),
                stage,
                remaining: i64::from(remaining),
            }),
            Progress::AwaitingSignOff | Progress::Graduated => None,
        }
    }

    /// Where they stand in words: `reverse shadow next, 1 to go`, `waiting for
    /// sign-off`, `graduated`.
    pub fn words(&self) -> String {
        match self {
            Progress::Training {
                stage, remaining, ..
            } => format!(
                "{} next, {remaining} to go",
                stage.as_str().replace('_', " ")
            ),
            Progress::AwaitingSignOff => "waiting for sign-off".into(),
            Progress::Graduated => "graduated".into(),
        }
    }

    /// Whether they now sit in the pool's qualified seats.
    pub fn graduated(&self) -> bool {
        matches!(self, Progress::Graduated)
    }
}

/// Where a trainee on `path` stands at `now`, from their `sessions` and whether they
/// were `signed_off`; see the module doc.
pub fn progress(
    path: &TrainingPath,
    sessions: &[TraineeSession],
    signed_off: bool,
    now: DateTime<Utc>,
) -> Progress {
    let held = |role: TraineeRole| -> u32 {
        let n = sessions
            .iter()
            .filter(|s| s.role == role && s.held(now))
            .count();
        u32::try_from(n).unwrap_or(u32::MAX)
    };
    let shadows_held = held(TraineeRole::Shadow).min(path.shadows);
    let reverse_shadows_held = held(TraineeRole::ReverseShadow).min(path.reverse_shadows);
    let remaining = (path.shadows - shadows_held) + (path.reverse_shadows - reverse_shadows_held);
    if remaining > 0 {
        let stage = if shadows_held < path.shadows {
            TraineeRole::Shadow
        } else {
            TraineeRole::ReverseShadow
        };
        return Progress::Training {
            stage,
            shadows_held,
            reverse_shadows_held,
            remaining,
        };
    }
    if path.sign_off && !signed_off {
        Progress::AwaitingSignOff
    } else {
        Progress::Graduated
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-03-11T12:00:00Z")
            .expect("an instant")
            .with_timezone(&Utc)
    }

    fn session(role: TraineeRole, days_from_now: i64, outcome: Outcome) -> TraineeSession {
        TraineeSession {
            role,
            end: now() + Duration::days(days_from_now),
            outcome,
        }
    }

    use Outcome::{Booked, Cancelled, Held};
    use TraineeRole::{ReverseShadow as R, Shadow as S};

    #[test]
    fn a_path_needs_at_least_one_interview() {
        assert!(TrainingPath::new("backend", 0, 0, true).is_err(), "empty");
        assert!(TrainingPath::new("backend", 0, 1, false).is_ok(), "one");
    }

    #[test]
    fn held_interviews_move_a_trainee_along_and_cancelled_ones_do_not() {
        let path = TrainingPath::new("backend", 2, 1, true).expect("a path");
        let p =
            |sessions: &[TraineeSession], signed: bool| progress(&path, sessions, signed, now());
        let fresh = p(&[], false);
        assert_eq!(
            fresh
                .training_doc("backend")
                .map(|d| (d.stage, d.remaining)),
            Some((S, 3)),
            "a new trainee shadows, three to go"
        );
        // One shadow over (booked, ended yesterday), one cancelled, one still ahead.
        let some = [
            session(S, -1, Booked),
            session(S, -2, Cancelled),
            session(S, 2, Booked),
        ];
        assert_eq!(
            p(&some, false),
            Progress::Training {
                stage: S,
                shadows_held: 1,
                reverse_shadows_held: 0,
                remaining: 2
            },
            "only the one that was held counts"
        );
        // Marked held counts even before its end (a coordinator marks it early).
        let marked = [session(S, -1, Booked), session(S, 1, Held)];
        assert_eq!(
            p(&marked, false)
                .training_doc("backend")
                .map(|d| (d.stage, d.remaining)),
            Some((R, 1)),
            "two shadows held: on to the reverse shadow"
        );
        // A third shadow does not stand in for the reverse shadow.
        let extra = [
            session(S, -3, Held),
            session(S, -2, Held),
            session(S, -1, Held),
        ];
        assert_eq!(
            p(&extra, false)
                .training_doc("backend")
                .map(|d| d.remaining),
            Some(1),
            "the reverse shadow is still to do"
        );
        let all = [
            session(S, -3, Held),
            session(S, -2, Held),
            session(R, -1, Booked),
        ];
        assert_eq!(
            p(&all, false),
            Progress::AwaitingSignOff,
            "waits for sign-off"
        );
        assert_eq!(
            p(&all, false).training_doc("backend"),
            None,
            "no more seats"
        );
        assert!(p(&all, true).graduated(), "signed off: graduated");
        let cancelled_last = [
            session(S, -3, Held),
            session(S, -2, Held),
            session(R, -1, Cancelled),
        ];
        assert!(
            !p(&cancelled_last, true).graduated(),
            "a cancelled reverse shadow leaves one to do, sign-off or not"
        );
    }

    #[test]
    fn without_sign_off_the_last_held_interview_graduates() {
        let path = TrainingPath::new("design", 1, 0, false).expect("a path");
        assert!(
            progress(&path, &[session(S, -1, Booked)], false, now()).graduated(),
            "graduated"
        );
        assert!(
            !progress(&path, &[session(S, 1, Booked)], false, now()).graduated(),
            "not before the interview has ended"
        );
    }
}
