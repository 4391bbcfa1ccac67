//! The validated request: zones resolved, ids turned into indices, every reference
//! checked. Built only by [`Problem::from_doc`].

use super::doc::{
    CandidateDoc, HorizonDoc, InterviewerDoc, ProblemDoc, RequirementDoc, RoundDoc, TraineeRole,
    FORMAT,
};
use crate::interval::{Interval, IntervalSet};
use crate::zone::{parse_zone, WallTime};
use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;
use std::collections::{BTreeSet, HashMap};

/// Index of a round in [`Problem::rounds`].
pub type RoundIdx = usize;
/// Index of an interviewer in [`Problem::interviewers`].
pub type InterviewerIdx = usize;
/// Day of the week, Monday = 0 .. Sunday = 6 (ISO order).
pub type Weekday7 = usize;

/// Most slots a horizon may hold (a year of 1-minute slots is about half of it).
const MAX_SLOTS: i64 = 1_000_000;
/// Longest gap an `after` rule may name, in minutes (10 years).
const MAX_GAP_MINUTES: i64 = 10 * 365 * 24 * 60;

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Why a request was refused. Each variant names the field that is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProblemError {
    /// The text is not JSON, or its shape is not a `rondo-problem/1` request.
    #[error("the request is not a valid rondo-problem/1 document: {0}")]
    Json(String),
    /// `format` is not `rondo-problem/1`.
    #[error("format is {found:?}; this reader understands \"{FORMAT}\"")]
    Format {
        /// The value found.
        found: String,
    },
    /// A time zone name the IANA database does not know.
    #[error("{field}: unknown time zone {name:?} (use an IANA name such as Europe/Berlin)")]
    UnknownZone {
        /// Where it was found.
        field: String,
        /// The name given.
        name: String,
    },
    /// An interval (or the horizon) whose end is before its start.
    #[error("{field}: the interval {start} .. {end} ends before it starts")]
    EndsBeforeStart {
        /// Where it was found.
        field: String,
        /// Its start as written.
        start: String,
        /// Its end as written.
        end: String,
    },
    /// A number outside its allowed range.
    #[error("{field}: {value} is not allowed ({rule})")]
    BadNumber {
        /// Where it was found.
        field: String,
        /// The value given.
        value: i64,
        /// What is allowed.
        rule: &'static str,
    },
    /// A working-hours entry that is not a valid `HH:MM` window.
    #[error("{field}: {message}")]
    BadWorkingHours {
        /// Where it was found.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// Two people or two rounds with one id.
    #[error("{kind} id {id:?} appears twice")]
    DuplicateId {
        /// `interviewer` or `round`.
        kind: &'static str,
        /// The repeated id.
        id: String,
    },
    /// A round names a person who is not an interviewer of the request.
    #[error("{field}: names person {person:?}, who is not an interviewer of the request")]
    UnknownPerson {
        /// Where it was found.
        field: String,
        /// The id given.
        person: String,
    },
    /// A round names a pool that no interviewer belongs to.
    #[error("{field}: names pool {pool:?}, which no interviewer belongs to")]
    UnknownPool {
        /// Where it was found.
        field: String,
        /// The pool given.
        pool: String,
    },
    /// `after` or `same_day` names a round that does not exist.
    #[error("{field}: names round {round:?}, which is not a round of the plan")]
    UnknownRound {
        /// Where it was found.
        field: String,
        /// The id given.
        round: String,
    },
    /// The `after` constraints form a cycle, so no order satisfies them.
    #[error("the after constraints form a cycle: {}", .path.join(" -> "))]
    AfterCycle {
        /// The rounds of the cycle, the first repeated at the end.
        path: Vec<String>,
    },
    /// The plan has no rounds.
    #[error("rounds: the plan has no rounds")]
    NoRounds,
    /// A pool listed twice where each pool may appear once (`trainee_in` of one
    /// interviewer, `trainee_seats` of one round).
    #[error("{field}: pool {pool:?} is listed twice (list each pool once)")]
    DuplicatePool {
        /// Where it was found.
        field: String,
        /// The repeated pool.
        pool: String,
    },
    /// An objective other than `earliest_finish`.
    #[error("objective: {0:?} is unknown (only \"earliest_finish\" exists)")]
    UnknownObjective(String),
}

/// A validated scheduling request.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The request's id.
    pub id: String,
    /// Every round lies inside it.
    pub horizon: Interval,
    /// Grid step of round starts, from `horizon.start`.
    pub slot_minutes: u32,
    /// The person being interviewed.
    pub candidate: Candidate,
    /// Everyone who may sit in a round, in request order.
    pub interviewers: Vec<Interviewer>,
    /// The plan, in request order.
    pub rounds: Vec<Round>,
    /// Groups of rounds that start on one candidate-local date.
    pub same_day: Vec<Vec<RoundIdx>>,
    /// How many options to return at most (at least 1).
    pub options: usize,
}

/// The validated candidate.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Stable id.
    pub id: String,
    /// Display name, if given.
    pub name: Option<String>,
    /// E-mail address, if given.
    pub email: Option<String>,
    /// Their time zone.
    pub zone: Tz,
    /// When they can interview (touching windows joined).
    pub available: IntervalSet,
    /// Interview minutes allowed per local date.
    pub max_minutes_per_day: Option<u32>,
}

/// A working window `[start, end)` on a local date's wall clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WallWindow {
    /// Opening wall time.
    pub start: WallTime,
    /// Closing wall time (`24:00` allowed).
    pub end: WallTime,
}

/// The validated interviewer.
#[derive(Debug, Clone)]
pub struct Interviewer {
    /// Stable id.
    pub id: String,
    /// Display name, if given.
    pub name: Option<String>,
    /// E-mail address, if given.
    pub email: Option<String>,
    /// Their time zone.
    pub zone: Tz,
    /// Pools they may be picked from: the request's `pools` without those they are
    /// training for (a trainee never fills a qualified seat of their training pool).
    pub pools: BTreeSet<String>,
    /// Working windows per weekday, Monday first.
    pub working_hours: [Vec<WallWindow>; 7],
    /// Busy time (calendar).
    pub busy: IntervalSet,
    /// Booked interviews, as given (each counts once towards the caps).
    pub booked: Vec<Interval>,
    /// Minutes kept free around each interview.
    pub buffer_minutes: u32,
    /// Interviews per local date at most.
    pub max_per_day: Option<u32>,
    /// Interviews per local ISO week at most.
    pub max_per_week: Option<u32>,
    /// Pools they are training for, sorted by pool. Such a pool is never in `pools`.
    pub training: Vec<Training>,
}

impl Interviewer {
    /// Their training for `pool`, if they are training for it.
    pub fn training_for(&self, pool: &str) -> Option<&Training> {
        self.training.iter().find(|t| t.pool == pool)
    }
}

/// Where a trainee stands on a pool's training path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Training {
    /// The pool.
    pub pool: String,
    /// Their stage, which is the role they take in a round.
    pub role: TraineeRole,
    /// Interviews left before they graduate (at least 1): the fewest is the closest.
    pub remaining: u32,
}

/// Optional seats of a round for trainees of a pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraineeSeats {
    /// The pool the trainees are training for.
    pub pool: String,
    /// How many seats at most.
    pub count: u32,
}

/// Who must sit in a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requirement {
    /// `count` distinct interviewers from `pool`.
    Pool {
        /// The pool.
        pool: String,
        /// How many.
        count: u32,
    },
    /// A named interviewer.
    Person(InterviewerIdx),
}

/// An order constraint on a round: it starts within `[end(round) + min, end(round) + max]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct After {
    /// The round that comes first.
    pub round: RoundIdx,
    /// Least gap in minutes.
    pub min_gap_minutes: i64,
    /// Largest gap in minutes, if any.
    pub max_gap_minutes: Option<i64>,
}

/// A validated round.
#[derive(Debug, Clone)]
pub struct Round {
    /// Stable id.
    pub id: String,
    /// Display name (the id when none was given).
    pub name: String,
    /// Length in minutes (at least 1).
    pub duration_minutes: u32,
    /// Who must sit in it.
    pub requirements: Vec<Requirement>,
    /// Rounds it follows.
    pub after: Vec<After>,
    /// Optional trainee seats, one entry per pool.
    pub trainee_seats: Vec<TraineeSeats>,
}

impl Round {
    /// How many interviewers the round lists: the pool counts plus named persons.
    pub fn seats(&self) -> usize {
        self.requirements
            .iter()
            .map(|r| match r {
                Requirement::Pool { count, .. } => *count as usize,
                Requirement::Person(_) => 1,
            })
            .sum()
    }
}

impl Problem {
    /// Parses and validates a request from JSON text.
    pub fn from_json(text: &str) -> Result<Problem, ProblemError> {
        let doc: ProblemDoc =
            serde_json::from_str(text).map_err(|e| ProblemError::Json(e.to_string()))?;
        Problem::from_doc(&doc)
    }

    /// Validates a request document: resolves zones and references, checks every rule
    /// of the format that does not need a search.
    pub fn from_doc(doc: &ProblemDoc) -> Result<Problem, ProblemError> {
        if doc.format != FORMAT {
            return Err(ProblemError::Format {
                found: doc.format.clone(),
            });
        }
        if let Some(obj) = &doc.objective {
            if obj != "earliest_finish" {
                return Err(ProblemError::UnknownObjective(obj.clone()));
            }
        }
        let (horizon, slot_minutes) = parse_frame(&doc.horizon, doc.slot_minutes)?;
        let options = match doc.options {
            None => 1,
            Some(n) => positive("options", n, 1)? as usize,
        };
        let candidate = parse_candidate(&doc.candidate, "candidate.")?;
        let interviewers = parse_interviewers(&doc.interviewers)?;
        let (rounds, same_day) = parse_plan(&doc.rounds, &doc.same_day, &interviewers)?;
        Ok(Problem {
            id: doc.id.clone(),
            horizon,
            slot_minutes,
            candidate,
            interviewers,
            rounds,
            same_day,
            options,
        })
    }

    /// The rounds that name interviewer `who` by `person` (empty for pool-only people).
    pub fn named_rounds(&self, who: InterviewerIdx) -> Vec<RoundIdx> {
        self.rounds
            .iter()
            .enumerate()
            .filter(|(_, r)| r.requirements.contains(&Requirement::Person(who)))
            .map(|(k, _)| k)
            .collect()
    }
}

/// The horizon and the slot grid's step, checked (the grid may not hold more than
/// [`MAX_SLOTS`] slots).
pub(crate) fn parse_frame(
    h: &HorizonDoc,
    slot_minutes: i64,
) -> Result<(Interval, u32), ProblemError> {
    let horizon = interval("horizon", &h.start, &h.end)?;
    if horizon.is_empty() {
        return Err(ProblemError::EndsBeforeStart {
            field: "horizon".into(),
            start: h.start.to_rfc3339(),
            end: h.end.to_rfc3339(),
        });
    }
    let slot_minutes = positive("slot_minutes", slot_minutes, 1)?;
    let slots = (horizon.end - horizon.start).num_minutes() / i64::from(slot_minutes);
    if slots > MAX_SLOTS {
        return Err(ProblemError::BadNumber {
            field: "horizon".into(),
            value: slots,
            rule: "the horizon holds more than 1,000,000 slots: use a larger slot_minutes or a shorter horizon",
        });
    }
    Ok((horizon, slot_minutes))
}

/// A candidate, with its fields named after `prefix` in errors (`candidate.` in a
/// `rondo-problem/1` request).
pub(crate) fn parse_candidate(c: &CandidateDoc, prefix: &str) -> Result<Candidate, ProblemError> {
    Ok(Candidate {
        id: c.id.clone(),
        name: c.name.clone(),
        email: c.email.clone(),
        zone: zone(&format!("{prefix}time_zone"), &c.time_zone)?,
        available: intervals(&format!("{prefix}available"), &c.available)?,
        max_minutes_per_day: c
            .max_interview_minutes_per_day
            .map(|v| non_negative(&format!("{prefix}max_interview_minutes_per_day"), v))
            .transpose()?,
    })
}

/// The interviewers, ids unique, zones and working hours read.
pub(crate) fn parse_interviewers(
    docs: &[InterviewerDoc],
) -> Result<Vec<Interviewer>, ProblemError> {
    let mut interviewers = Vec::with_capacity(docs.len());
    let mut by_id: HashMap<&str, InterviewerIdx> = HashMap::new();
    for (k, it) in docs.iter().enumerate() {
        if by_id.insert(&it.id, k).is_some() {
            return Err(ProblemError::DuplicateId {
                kind: "interviewer",
                id: it.id.clone(),
            });
        }
        let field = format!("interviewers[{k}] ({})", it.id);
        let mut working_hours: [Vec<WallWindow>; 7] = Default::default();
        for (day, windows) in &it.working_hours {
            let Some(d) = WEEKDAYS.iter().position(|w| w == day) else {
                return Err(ProblemError::BadWorkingHours {
                    field: format!("{field}.working_hours"),
                    message: format!(
                        "unknown weekday {day:?} (use mon, tue, wed, thu, fri, sat, sun)"
                    ),
                });
            };
            for [a, b] in windows {
                let bad = |message: String| ProblemError::BadWorkingHours {
                    field: format!("{field}.working_hours.{day}"),
                    message,
                };
                let start = WallTime::parse(a, false).ok_or_else(|| {
                    bad(format!(
                        "{a:?} is not a wall time HH:MM from 00:00 to 23:59"
                    ))
                })?;
                let end = WallTime::parse(b, true).ok_or_else(|| {
                    bad(format!(
                        "{b:?} is not a wall time HH:MM from 00:00 to 24:00"
                    ))
                })?;
                if end < start {
                    return Err(bad(format!("the window {a}-{b} ends before it starts")));
                }
                working_hours[d].push(WallWindow { start, end });
            }
        }
        let training = training(&field, &it.trainee_in)?;
        interviewers.push(Interviewer {
            id: it.id.clone(),
            name: it.name.clone(),
            email: it.email.clone(),
            zone: zone(&format!("{field}.time_zone"), &it.time_zone)?,
            pools: it
                .pools
                .iter()
                .filter(|p| !training.iter().any(|t| &t.pool == *p))
                .cloned()
                .collect(),
            working_hours,
            busy: intervals(&format!("{field}.busy"), &it.busy)?,
            booked: it
                .booked
                .iter()
                .map(|b| interval(&format!("{field}.booked"), &b.start, &b.end))
                .collect::<Result<_, _>>()?,
            buffer_minutes: non_negative(
                &format!("{field}.buffer_minutes"),
                it.buffer_minutes.unwrap_or(0),
            )?,
            max_per_day: it
                .max_per_day
                .map(|v| non_negative(&format!("{field}.max_per_day"), v))
                .transpose()?,
            max_per_week: it
                .max_per_week
                .map(|v| non_negative(&format!("{field}.max_per_week"), v))
                .transpose()?,
            training,
        });
    }
    Ok(interviewers)
}

/// The rounds and `same_day` groups of a plan, every reference checked against the
/// plan itself and `interviewers`, `after` cycles refused.
pub(crate) fn parse_plan(
    round_docs: &[RoundDoc],
    same_day_docs: &[Vec<String>],
    interviewers: &[Interviewer],
) -> Result<(Vec<Round>, Vec<Vec<RoundIdx>>), ProblemError> {
    let by_id: HashMap<&str, InterviewerIdx> = interviewers
        .iter()
        .enumerate()
        .map(|(k, it)| (it.id.as_str(), k))
        .collect();
    // Pools as the request lists them, those being trained for included: a pool whose
    // members are all in training is known (its rounds are infeasible and explained),
    // not a typo.
    let all_pools: BTreeSet<&str> = interviewers
        .iter()
        .flat_map(|i| {
            i.pools
                .iter()
                .map(String::as_str)
                .chain(i.training.iter().map(|t| t.pool.as_str()))
        })
        .collect();

    if round_docs.is_empty() {
        return Err(ProblemError::NoRounds);
    }
    let mut round_ids: HashMap<&str, RoundIdx> = HashMap::new();
    for (k, r) in round_docs.iter().enumerate() {
        if round_ids.insert(&r.id, k).is_some() {
            return Err(ProblemError::DuplicateId {
                kind: "round",
                id: r.id.clone(),
            });
        }
    }
    let mut rounds = Vec::with_capacity(round_docs.len());
    for (k, r) in round_docs.iter().enumerate() {
        let field = format!("rounds[{k}] ({})", r.id);
        let duration_minutes =
            positive(&format!("{field}.duration_minutes"), r.duration_minutes, 1)?;
        let mut requirements = Vec::with_capacity(r.interviewers.len());
        for q in &r.interviewers {
            requirements.push(match q {
                RequirementDoc::Person { person } => {
                    let idx = by_id.get(person.as_str()).copied().ok_or_else(|| {
                        ProblemError::UnknownPerson {
                            field: format!("{field}.interviewers"),
                            person: person.clone(),
                        }
                    })?;
                    Requirement::Person(idx)
                }
                RequirementDoc::Pool { pool, count } => {
                    if !all_pools.contains(pool.as_str()) {
                        return Err(ProblemError::UnknownPool {
                            field: format!("{field}.interviewers"),
                            pool: pool.clone(),
                        });
                    }
                    let count = positive(
                        &format!("{field}.interviewers.count"),
                        count.unwrap_or(1),
                        1,
                    )?;
                    Requirement::Pool {
                        pool: pool.clone(),
                        count,
                    }
                }
            });
        }
        let mut after = Vec::with_capacity(r.after.len());
        for a in &r.after {
            let round = round_ids.get(a.round.as_str()).copied().ok_or_else(|| {
                ProblemError::UnknownRound {
                    field: format!("{field}.after"),
                    round: a.round.clone(),
                }
            })?;
            let min_gap_minutes = a.min_gap_minutes.unwrap_or(0);
            if min_gap_minutes < 0 {
                return Err(ProblemError::BadNumber {
                    field: format!("{field}.after.min_gap_minutes"),
                    value: min_gap_minutes,
                    rule:
                        "a round cannot start before the round it follows has ended: use 0 or more",
                });
            }
            if min_gap_minutes > MAX_GAP_MINUTES {
                return Err(ProblemError::BadNumber {
                    field: format!("{field}.after.min_gap_minutes"),
                    value: min_gap_minutes,
                    rule: "gaps are at most 10 years (5,256,000 minutes)",
                });
            }
            if let Some(max) = a.max_gap_minutes {
                if max > MAX_GAP_MINUTES {
                    return Err(ProblemError::BadNumber {
                        field: format!("{field}.after.max_gap_minutes"),
                        value: max,
                        rule: "gaps are at most 10 years (5,256,000 minutes); leave max_gap_minutes out for no limit",
                    });
                }
                if max < min_gap_minutes {
                    return Err(ProblemError::BadNumber {
                        field: format!("{field}.after.max_gap_minutes"),
                        value: max,
                        rule: "max_gap_minutes must not be below min_gap_minutes",
                    });
                }
            }
            after.push(After {
                round,
                min_gap_minutes,
                max_gap_minutes: a.max_gap_minutes,
            });
        }
        let mut trainee_seats: Vec<TraineeSeats> = Vec::with_capacity(r.trainee_seats.len());
        for t in &r.trainee_seats {
            let at = format!("{field}.trainee_seats");
            if !all_pools.contains(t.pool.as_str()) {
                return Err(ProblemError::UnknownPool {
                    field: at,
                    pool: t.pool.clone(),
                });
            }
            if trainee_seats.iter().any(|s| s.pool == t.pool) {
                return Err(ProblemError::DuplicatePool {
                    field: at,
                    pool: t.pool.clone(),
                });
            }
            trainee_seats.push(TraineeSeats {
                pool: t.pool.clone(),
                count: positive(&format!("{at}.count"), t.count.unwrap_or(1), 1)?,
            });
        }
        rounds.push(Round {
            id: r.id.clone(),
            name: r.name.clone().unwrap_or_else(|| r.id.clone()),
            duration_minutes,
            requirements,
            after,
            trainee_seats,
        });
    }
    check_acyclic(&rounds)?;

    let mut same_day = Vec::with_capacity(same_day_docs.len());
    for (k, group) in same_day_docs.iter().enumerate() {
        let mut idx = Vec::with_capacity(group.len());
        for id in group {
            idx.push(round_ids.get(id.as_str()).copied().ok_or_else(|| {
                ProblemError::UnknownRound {
                    field: format!("same_day[{k}]"),
                    round: id.clone(),
                }
            })?);
        }
        same_day.push(idx);
    }

    Ok((rounds, same_day))
}

/// The validated `trainee_in` list of an interviewer, sorted by pool.
fn training(field: &str, list: &[super::doc::TrainingDoc]) -> Result<Vec<Training>, ProblemError> {
    let mut out: Vec<Training> = Vec::with_capacity(list.len());
    for t in list {
        if out.iter().any(|x| x.pool == t.pool) {
            return Err(ProblemError::DuplicatePool {
                field: format!("{field}.trainee_in"),
                pool: t.pool.clone(),
            });
        }
        out.push(Training {
            pool: t.pool.clone(),
            role: t.stage,
            remaining: positive(&format!("{field}.trainee_in.remaining"), t.remaining, 1)?,
        });
    }
    out.sort_by(|a, b| a.pool.cmp(&b.pool));
    Ok(out)
}

fn zone(field: &str, name: &str) -> Result<Tz, ProblemError> {
    parse_zone(name).ok_or_else(|| ProblemError::UnknownZone {
        field: field.into(),
        name: name.into(),
    })
}

fn interval(
    field: &str,
    s: &DateTime<FixedOffset>,
    e: &DateTime<FixedOffset>,
) -> Result<Interval, ProblemError> {
    Interval::new(s.with_timezone(&Utc), e.with_timezone(&Utc)).ok_or_else(|| {
        ProblemError::EndsBeforeStart {
            field: field.into(),
            start: s.to_rfc3339(),
            end: e.to_rfc3339(),
        }
    })
}

fn intervals(field: &str, list: &[super::doc::IntervalDoc]) -> Result<IntervalSet, ProblemError> {
    list.iter()
        .map(|i| interval(field, &i.start, &i.end))
        .collect::<Result<Vec<_>, _>>()
        .map(IntervalSet::from_intervals)
}

fn positive(field: &str, v: i64, min: i64) -> Result<u32, ProblemError> {
    if v < min || v > i64::from(u32::MAX) {
        return Err(ProblemError::BadNumber {
            field: field.into(),
            value: v,
            rule: "must be a whole number from 1 to 4294967295",
        });
    }
    Ok(v as u32)
}

fn non_negative(field: &str, v: i64) -> Result<u32, ProblemError> {
    if v < 0 || v > i64::from(u32::MAX) {
        return Err(ProblemError::BadNumber {
            field: field.into(),
            value: v,
            rule: "must be a whole number from 0 to 4294967295",
        });
    }
    Ok(v as u32)
}

/// Rejects `after` cycles, naming the rounds on the cycle.
fn check_acyclic(rounds: &[Round]) -> Result<(), ProblemError> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    fn visit(
        k: RoundIdx,
        rounds: &[Round],
        mark: &mut [Mark],
        path: &mut Vec<RoundIdx>,
    ) -> Result<(), ProblemError> {
        mark[k] = Mark::OnPath;
        path.push(k);
        for a in &rounds[k].after {
            match mark[a.round] {
                Mark::OnPath => {
                    let from = path.iter().position(|&p| p == a.round).unwrap_or(0);
                    let mut ids: Vec<String> =
                        path[from..].iter().map(|&p| rounds[p].id.clone()).collect();
                    ids.push(rounds[a.round].id.clone());
                    return Err(ProblemError::AfterCycle { path: ids });
                }
                Mark::New => visit(a.round, rounds, mark, path)?,
                Mark::Done => {}
            }
        }
        path.pop();
        mark[k] = Mark::Done;
        Ok(())
    }
    let mut mark = vec![Mark::New; rounds.len()];
    for k in 0..rounds.len() {
        if mark[k] == Mark::New {
            visit(k, rounds, &mut mark, &mut Vec::new())?;
        }
    }
    Ok(())
}
