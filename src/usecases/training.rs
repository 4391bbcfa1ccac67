//! Training interviewers into pools, read and written in the store: each pool's path
//! ([`set_path`]), who trains for what ([`enroll`]), interviews marked held
//! ([`mark_held`]), sign-off ([`sign_off`]), and where everyone stands ([`standings`]).
//!
//! Where a trainee stands is counted, not stored: from the bookings that seat them
//! (`Booking::trainees`), the ones marked held in their record, and `now`, by
//! [`crate::domain::progress::progress`]. An interview counts once it is marked held or
//! has ended without being cancelled. Reaching the end of the path (and sign-off when
//! the path asks for it) graduates the trainee: [`settle`] adds the pool to their pools,
//! then stamps the track graduated. The two writes are each whole and in that order, so
//! a crash between them only leaves the stamp for the next [`settle`], which adds the
//! pool again harmlessly.
//!
//! [`engine_training`] is what the engine is told when options are found: each
//! trainee's stage and interviews left per pool (`trainee_in` of `rondo-problem/1`).

use super::UseCaseError;
use crate::domain::progress::{progress, Outcome, Progress, TraineeSession};
use crate::domain::{
    Booking, BookingId, BookingStatus, Interviewer, InterviewerId, Track, Trainee, TrainingPath,
};
use crate::problem::{TraineeRole, TrainingDoc};
use crate::store::Store;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Stores `path` as its pool's training path, replacing any earlier one. Trainees
/// already on the path are counted against the new one from then on.
pub fn set_path(store: &Store, path: &TrainingPath) -> Result<(), UseCaseError> {
    path.validate()?;
    Ok(store.put(path)?)
}

/// Every pool's training path, by pool.
pub fn paths(store: &Store) -> Result<Vec<TrainingPath>, UseCaseError> {
    Ok(store.all()?)
}

/// The stored path of `pool`, or [`UseCaseError::NoTrainingPath`].
fn path_of(store: &Store, pool: &str) -> Result<TrainingPath, UseCaseError> {
    store
        .get::<TrainingPath>(pool)?
        .ok_or_else(|| UseCaseError::NoTrainingPath {
            pool: pool.to_string(),
        })
}

/// Starts `interviewer` on the path of `pool` at `now`. Refused when the pool has no
/// path, when they are in the pool already, or when they already train for it.
pub fn enroll(
    store: &Store,
    interviewer: &InterviewerId,
    pool: &str,
    now: DateTime<Utc>,
) -> Result<Trainee, UseCaseError> {
    let pool = pool.trim().to_lowercase();
    path_of(store, &pool)?;
    let person: Interviewer = store.need(interviewer.as_str())?;
    if person.pools.contains(&pool) {
        return Err(UseCaseError::AlreadyInPool {
            interviewer: interviewer.to_string(),
            pool,
        });
    }
    let track = Track {
        pool: pool.clone(),
        started_at: now,
        marked_held: Default::default(),
        signed_off_at: None,
        graduated_at: None,
    };
    let mut record = store
        .get::<Trainee>(interviewer.as_str())?
        .unwrap_or_else(|| Trainee {
            interviewer: interviewer.clone(),
            tracks: Vec::new(),
        });
    if record.track(&pool).is_some() {
        return Err(UseCaseError::AlreadyTraining {
            interviewer: interviewer.to_string(),
            pool,
        });
    }
    record.tracks.push(track);
    store.put(&record)?;
    Ok(record)
}

/// One interview of a trainee, as the Team screen and `rondo team progress` list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionView {
    /// The booking.
    pub booking: BookingId,
    /// The round's name.
    pub round_name: String,
    /// The candidate interviewed.
    pub candidate: String,
    /// When it starts.
    pub start: DateTime<Utc>,
    /// When it ends.
    pub end: DateTime<Utc>,
    /// When it starts on the trainee's clock (`Mon 2026-03-09 10:00 Europe/Berlin`).
    pub when: String,
    /// Their part in it.
    pub role: TraineeRole,
    /// Whether it counts on the path now (marked held, or over and not cancelled).
    pub counts: bool,
    /// What became of it.
    pub outcome: Outcome,
}

/// Where one trainee stands on one pool's path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    /// The interviewer.
    pub interviewer: InterviewerId,
    /// Their name.
    pub name: String,
    /// The pool.
    pub pool: String,
    /// The pool's path.
    pub path: TrainingPath,
    /// Where they stand.
    pub progress: Progress,
    /// The same in words (`reverse shadow next, 1 to go`).
    pub words: String,
    /// Interviews held that count, out of [`TrainingPath::interviews`].
    pub held: u32,
    /// When they started.
    pub started_at: DateTime<Utc>,
    /// When they were signed off.
    pub signed_off_at: Option<DateTime<Utc>>,
    /// When they graduated.
    pub graduated_at: Option<DateTime<Utc>>,
    /// Their interviews in a trainee seat of the pool, in start order.
    pub sessions: Vec<SessionView>,
}

/// The bookings seating any trainee of `records`, by (interviewer, pool), in start
/// order: read through the start index from a day before the earliest track began
/// (a trainee is only seated after they start).
fn sessions_of(
    store: &Store,
    records: &[Trainee],
) -> Result<HashMap<(String, String), Vec<Booking>>, UseCaseError> {
    let mut out: HashMap<(String, String), Vec<Booking>> = HashMap::new();
    let Some(first) = records
        .iter()
        .flat_map(|t| t.tracks.iter().map(|k| k.started_at))
        .min()
    else {
        return Ok(out);
    };
    for b in store.bookings_starting(first - Duration::days(1), DateTime::<Utc>::MAX_UTC)? {
        for t in &b.trainees {
            out.entry((t.interviewer.to_string(), t.pool.clone()))
                .or_default()
                .push(b.clone());
        }
    }
    Ok(out)
}

/// Where `record`'s track `track` stands at `now`, from `bookings` (theirs in that pool).
fn standing(
    person: Option<&Interviewer>,
    record: &Trainee,
    track: &Track,
    path: &TrainingPath,
    bookings: &[Booking],
    now: DateTime<Utc>,
) -> Standing {
    let sessions: Vec<SessionView> = bookings
        .iter()
        .filter_map(|b| {
            let seat = b
                .trainees
                .iter()
                .find(|t| t.interviewer == record.interviewer && t.pool == track.pool)?;
            let outcome = if b.status == BookingStatus::Cancelled {
                Outcome::Cancelled
            } else if track.marked_held.contains(&b.id) {
                Outcome::Held
            } else {
                Outcome::Booked
            };
            let session = TraineeSession {
                role: seat.role,
                end: b.end,
                outcome,
            };
            Some(SessionView {
                booking: b.id.clone(),
                round_name: b.round_name.clone(),
                candidate: b.candidate.to_string(),
                start: b.start,
                end: b.end,
                when: person.map_or_else(
                    || format!("{} UTC", b.start.format("%a %Y-%m-%d %H:%M")),
                    |p| {
                        let local = b.start.with_timezone(&p.time_zone);
                        format!(
                            "{} {}",
                            local.format("%a %Y-%m-%d %H:%M"),
                            p.time_zone.name()
                        )
                    },
                ),
                role: seat.role,
                counts: session.held(now),
                outcome,
            })
        })
        .collect();
    let progress = if track.graduated_at.is_some() {
        Progress::Graduated
    } else {
        progress(
            path,
            &counted(&sessions),
            track.signed_off_at.is_some(),
            now,
        )
    };
    let held = match progress {
        Progress::Training {
            shadows_held,
            reverse_shadows_held,
            ..
        } => shadows_held + reverse_shadows_held,
        Progress::AwaitingSignOff | Progress::Graduated => path.interviews(),
    };
    Standing {
        interviewer: record.interviewer.clone(),
        name: person.map_or_else(|| record.interviewer.to_string(), |p| p.name.clone()),
        pool: track.pool.clone(),
        path: path.clone(),
        words: progress.words(),
        progress,
        held,
        started_at: track.started_at,
        signed_off_at: track.signed_off_at,
        graduated_at: track.graduated_at,
        sessions,
    }
}

/// Every track of every trainee (graduated ones too) at `now`, without graduating
/// anyone: by interviewer id, then pool.
fn read_standings(store: &Store, now: DateTime<Utc>) -> Result<Vec<Standing>, UseCaseError> {
    let records: Vec<Trainee> = store.all()?;
    let paths: BTreeMap<String, TrainingPath> = store
        .all::<TrainingPath>()?
        .into_iter()
        .map(|p| (p.pool.clone(), p))
        .collect();
    let sessions = sessions_of(store, &records)?;
    let mut out = Vec::new();
    for r in &records {
        let person: Option<Interviewer> = store.get(r.interviewer.as_str())?;
        for t in &r.tracks {
            // A path deleted under a trainee: nothing to count them against.
            let Some(path) = paths.get(&t.pool) else {
                continue;
            };
            let mine = sessions
                .get(&(r.interviewer.to_string(), t.pool.clone()))
                .map_or(&[][..], Vec::as_slice);
            out.push(standing(person.as_ref(), r, t, path, mine, now));
        }
    }
    Ok(out)
}

/// Graduates every trainee who finished their path at `now` (every interview held, and
/// signed off when the path asks): their pool is added to theirs, then the track is
/// stamped graduated. Returns everyone's standing after it.
pub fn settle(store: &Store, now: DateTime<Utc>) -> Result<Vec<Standing>, UseCaseError> {
    let mut all = read_standings(store, now)?;
    for s in &mut all {
        let done = s.graduated_at.is_none()
            && progress_done(&s.path, &s.sessions, s.signed_off_at.is_some(), now);
        // A trainee whose interviewer record is gone has no pools to join.
        if !done || store.get::<Interviewer>(s.interviewer.as_str())?.is_none() {
            continue;
        }
        let pool = s.pool.clone();
        store.update(s.interviewer.as_str(), |mut i: Interviewer| {
            i.pools.insert(pool.clone());
            Ok::<_, UseCaseError>(i)
        })?;
        store.update(s.interviewer.as_str(), |mut r: Trainee| {
            if let Some(t) = r.track_mut(&pool) {
                t.graduated_at.get_or_insert(now);
            }
            Ok::<_, UseCaseError>(r)
        })?;
        s.graduated_at = Some(now);
        s.progress = Progress::Graduated;
        s.words = s.progress.words();
    }
    Ok(all)
}

/// Whether `sessions` finish `path` at `now`.
fn progress_done(
    path: &TrainingPath,
    sessions: &[SessionView],
    signed_off: bool,
    now: DateTime<Utc>,
) -> bool {
    progress(path, &counted(sessions), signed_off, now).graduated()
}

/// The sessions as the path counts them.
fn counted(sessions: &[SessionView]) -> Vec<TraineeSession> {
    sessions
        .iter()
        .map(|s| TraineeSession {
            role: s.role,
            end: s.end,
            outcome: s.outcome,
        })
        .collect()
}

/// Everyone's standing at `now`, after graduating whoever finished ([`settle`]).
pub fn standings(store: &Store, now: DateTime<Utc>) -> Result<Vec<Standing>, UseCaseError> {
    settle(store, now)
}

/// The standing of `interviewer` on each pool they train or trained for (empty when
/// they never trained), after [`settle`].
pub fn of_person(
    store: &Store,
    interviewer: &InterviewerId,
    now: DateTime<Utc>,
) -> Result<Vec<Standing>, UseCaseError> {
    store.need::<Interviewer>(interviewer.as_str())?;
    Ok(settle(store, now)?
        .into_iter()
        .filter(|s| &s.interviewer == interviewer)
        .collect())
}

/// Marks `booking` as held for trainee `interviewer` (it counts on their path even
/// before its end); graduates them if that was the last interview. Refused for a
/// cancelled booking or one that does not seat them.
pub fn mark_held(
    store: &Store,
    booking: &BookingId,
    interviewer: &InterviewerId,
    now: DateTime<Utc>,
) -> Result<Standing, UseCaseError> {
    let b: Booking = store.need(booking.as_str())?;
    let Some(seat) = b.trainees.iter().find(|t| &t.interviewer == interviewer) else {
        return Err(UseCaseError::NotTheirInterview {
            booking: booking.to_string(),
            interviewer: interviewer.to_string(),
        });
    };
    if !b.status.is_live() {
        return Err(UseCaseError::Closed {
            booking: booking.to_string(),
            status: b.status,
        });
    }
    let pool = seat.pool.clone();
    store.update(interviewer.as_str(), |mut r: Trainee| {
        let track = r
            .track_mut(&pool)
            .ok_or_else(|| UseCaseError::NotTraining {
                interviewer: interviewer.to_string(),
                pool: pool.clone(),
            })?;
        track.marked_held.insert(booking.clone());
        Ok::<_, UseCaseError>(r)
    })?;
    one(store, interviewer, &pool, now)
}

/// Signs `interviewer` off for `pool` at `now` and graduates them. Refused unless every
/// interview of the path is held and the path asks for sign-off.
pub fn sign_off(
    store: &Store,
    interviewer: &InterviewerId,
    pool: &str,
    now: DateTime<Utc>,
) -> Result<Standing, UseCaseError> {
    let pool = pool.trim().to_lowercase();
    let now_standing = one(store, interviewer, &pool, now)?;
    match now_standing.progress {
        Progress::AwaitingSignOff => {}
        Progress::Training { remaining, .. } => {
            return Err(UseCaseError::NotAwaitingSignOff {
                interviewer: interviewer.to_string(),
                pool,
                state: format!("{remaining} interview(s) of the path are still to hold"),
            })
        }
        Progress::Graduated => {
            return Err(UseCaseError::NotAwaitingSignOff {
                interviewer: interviewer.to_string(),
                pool,
                state: "they have graduated already".into(),
            })
        }
    }
    store.update(interviewer.as_str(), |mut r: Trainee| {
        if let Some(t) = r.track_mut(&pool) {
            t.signed_off_at.get_or_insert(now);
        }
        Ok::<_, UseCaseError>(r)
    })?;
    one(store, interviewer, &pool, now)
}

/// The standing of `interviewer` on `pool` after [`settle`], or
/// [`UseCaseError::NotTraining`].
fn one(
    store: &Store,
    interviewer: &InterviewerId,
    pool: &str,
    now: DateTime<Utc>,
) -> Result<Standing, UseCaseError> {
    of_person(store, interviewer, now)?
        .into_iter()
        .find(|s| s.pool == pool)
        .ok_or_else(|| UseCaseError::NotTraining {
            interviewer: interviewer.to_string(),
            pool: pool.to_string(),
        })
}

/// What the engine is told about each trainee still interviewing at `now` (after
/// [`settle`]): their stage and interviews left per pool, by interviewer id.
pub fn engine_training(
    store: &Store,
    now: DateTime<Utc>,
) -> Result<HashMap<InterviewerId, Vec<TrainingDoc>>, UseCaseError> {
    let mut out: HashMap<InterviewerId, Vec<TrainingDoc>> = HashMap::new();
    for s in settle(store, now)? {
        if let Some(doc) = s.progress.training_doc(&s.pool) {
            out.entry(s.interviewer).or_default().push(doc);
        }
    }
    Ok(out)
}
