//! The nine hard rules, checked directly on a schedule.
//!
//! This is written from `shared/formats/problem.md`, apart from the search, so that it
//! can judge the search's answers, a booking re-checked against today's calendars, or a
//! round the coordinator dragged to another time.
//!
//! Trainees (the format's optional extension, `docs/problem-trainees.md`) are checked
//! too: rules 4, 5 and 6 hold for them as for everyone, rule 10 says who may sit in a
//! trainee seat, and rule 11 that a reverse shadow has a qualified interviewer beside it.

use crate::availability::working_intervals;
use crate::interval::Interval;
use crate::problem::{Problem, Requirement};
use crate::solution::PlacedRound;
use chrono::{Datelike, Duration};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    /// The round concerned, if the rule is about one round.
    pub round: Option<String>,
    /// The rule's number in `shared/formats/problem.md` (1..=9), or of the trainee
    /// extension in `docs/problem-trainees.md` (10, 11).
    pub rule: u8,
    /// What is wrong, in words.
    pub message: String,
}

/// Every violation of the hard rules by `placed` (an empty list means valid).
pub fn check(p: &Problem, placed: &[PlacedRound]) -> Vec<Violation> {
    let mut v = Vec::new();
    let mut bad = |round: Option<&str>, rule: u8, message: String| {
        v.push(Violation {
            round: round.map(str::to_string),
            rule,
            message,
        })
    };
    let round_ix: HashMap<&str, usize> = p
        .rounds
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let ivr_ix: HashMap<&str, usize> = p
        .interviewers
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut at: HashMap<usize, &PlacedRound> = HashMap::new();
    for pr in placed {
        match round_ix.get(pr.round.as_str()) {
            None => bad(
                Some(&pr.round),
                1,
                format!("{} is not a round of the plan", pr.round),
            ),
            Some(&i) => {
                if at.insert(i, pr).is_some() {
                    bad(
                        Some(&pr.round),
                        1,
                        "the round is placed more than once".into(),
                    );
                }
            }
        }
    }
    // Rule 1
    let step = i64::from(p.slot_minutes) * 60;
    for (i, r) in p.rounds.iter().enumerate() {
        let Some(pr) = at.get(&i) else {
            bad(Some(&r.id), 1, "the round is not placed".into());
            continue;
        };
        let off = (pr.start - p.horizon.start).num_seconds();
        if off < 0 || off % step != 0 {
            bad(
                Some(&r.id),
                1,
                format!(
                    "starts at {}, not on the {}-minute grid of the horizon",
                    pr.start, p.slot_minutes
                ),
            );
        }
        if pr.end != pr.start + Duration::minutes(i64::from(r.duration_minutes)) {
            bad(
                Some(&r.id),
                1,
                format!(
                    "ends at {}, not {} minutes after its start",
                    pr.end, r.duration_minutes
                ),
            );
        }
        if pr.start < p.horizon.start || pr.end > p.horizon.end {
            bad(Some(&r.id), 1, "lies outside the horizon".into());
        }
    }
    // Rule 2
    for pr in at.values() {
        if !p.candidate.available.contains(&Interval {
            start: pr.start,
            end: pr.end,
        }) {
            bad(
                Some(&pr.round),
                2,
                "the candidate is not available for the whole round".into(),
            );
        }
    }
    let mut by_start: Vec<&PlacedRound> = at.values().copied().collect();
    by_start.sort_by_key(|pr| (pr.start, pr.round.clone()));
    for (i, a) in by_start.iter().enumerate() {
        for b in &by_start[i + 1..] {
            if a.start < b.end && b.start < a.end {
                bad(
                    Some(&b.round),
                    2,
                    format!("overlaps {} for the candidate", a.round),
                );
            }
        }
    }
    // Rule 3
    let mut rounds_of: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (&ri, pr) in &at {
        let r = &p.rounds[ri];
        let mut ids = Vec::new();
        for id in &pr.interviewers {
            match ivr_ix.get(id.as_str()) {
                Some(&i) => ids.push(i),
                None => bad(
                    Some(&r.id),
                    3,
                    format!("{id} is not an interviewer of the request"),
                ),
            }
        }
        let distinct: BTreeSet<usize> = ids.iter().copied().collect();
        if distinct.len() != ids.len() {
            bad(Some(&r.id), 3, "an interviewer is listed twice".into());
        }
        if ids.len() != r.seats() || !fills(p, &r.requirements, &ids) {
            bad(
                Some(&r.id),
                3,
                "the interviewers listed do not fill the round's requirements one each".into(),
            );
        }
        for i in distinct {
            rounds_of.entry(i).or_default().push(ri);
        }
    }
    for (&i, rs) in &rounds_of {
        let named = p.named_rounds(i);
        if !named.is_empty() {
            if let Some(&extra) = rs.iter().find(|r| !named.contains(r)) {
                bad(
                    Some(&p.rounds[extra].id),
                    3,
                    format!(
                        "{} is named in other rounds and may sit only in those",
                        p.interviewers[i].id
                    ),
                );
            }
        } else if rs.len() > 1 {
            bad(
                Some(&p.rounds[rs[1]].id),
                3,
                format!("{} sits in more than one round", p.interviewers[i].id),
            );
        }
    }
    let trainee_rounds = trainee_rules(p, &at, &ivr_ix, &rounds_of, &mut bad);
    // Rules 4, 5 (trainees included)
    for (&ri, pr) in &at {
        let iv = Interval {
            start: pr.start,
            end: pr.end,
        };
        let people = pr.everyone();
        for id in people {
            let Some(&i) = ivr_ix.get(id.as_str()) else {
                continue;
            };
            let it = &p.interviewers[i];
            if !working_intervals(&it.working_hours, it.zone, pr.start, pr.end).contains(&iv) {
                bad(
                    Some(&p.rounds[ri].id),
                    4,
                    format!("{id} does not work during the whole round"),
                );
            }
            let b = Duration::minutes(i64::from(it.buffer_minutes));
            let wide = Interval {
                start: pr.start - b,
                end: pr.end + b,
            };
            if it.busy.overlaps(&wide) || it.booked.iter().any(|x| x.overlaps(&wide)) {
                bad(
                    Some(&p.rounds[ri].id),
                    5,
                    format!("{id} is busy or booked within the round and its buffer"),
                );
            }
        }
    }
    // Rule 6 (a trainee's interviews count too)
    let mut counted = rounds_of.clone();
    for (i, rs) in trainee_rounds {
        let all = counted.entry(i).or_default();
        all.extend(rs);
        all.sort_unstable();
        all.dedup();
    }
    for (&i, rs) in &counted {
        let it = &p.interviewers[i];
        let date = |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&it.zone).date_naive();
        let mut days: BTreeMap<chrono::NaiveDate, u32> = BTreeMap::new();
        let mut weeks: BTreeMap<(i32, u32), u32> = BTreeMap::new();
        for &ri in rs {
            let d = date(at[&ri].start);
            *days.entry(d).or_default() += 1;
            *weeks
                .entry((d.iso_week().year(), d.iso_week().week()))
                .or_default() += 1;
        }
        for b in &it.booked {
            let d = date(b.start);
            if let Some(n) = days.get_mut(&d) {
                *n += 1;
            }
            if let Some(n) = weeks.get_mut(&(d.iso_week().year(), d.iso_week().week())) {
                *n += 1;
            }
        }
        if let Some(mx) = it.max_per_day {
            for (d, n) in &days {
                if *n > mx {
                    bad(
                        None,
                        6,
                        format!(
                            "{} would have {n} interviews on {d} (max_per_day {mx})",
                            it.id
                        ),
                    );
                }
            }
        }
        if let Some(mx) = it.max_per_week {
            for ((y, w), n) in &weeks {
                if *n > mx {
                    bad(
                        None,
                        6,
                        format!(
                            "{} would have {n} interviews in week {y}-W{w:02} (max_per_week {mx})",
                            it.id
                        ),
                    );
                }
            }
        }
    }
    // Rule 7
    for (&ri, pr) in &at {
        for a in &p.rounds[ri].after {
            let Some(prev) = at.get(&a.round) else {
                continue;
            };
            if pr.start < prev.end + Duration::minutes(a.min_gap_minutes) {
                bad(
                    Some(&pr.round),
                    7,
                    format!(
                        "starts less than {} min after {} ends",
                        a.min_gap_minutes, prev.round
                    ),
                );
            }
            if let Some(h) = a.max_gap_minutes {
                if pr.start > prev.end + Duration::minutes(h) {
                    bad(
                        Some(&pr.round),
                        7,
                        format!("starts more than {h} min after {} ends", prev.round),
                    );
                }
            }
        }
    }
    // Rules 8, 9
    let cdate = |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&p.candidate.zone).date_naive();
    for g in &p.same_day {
        let dates: BTreeSet<chrono::NaiveDate> = g
            .iter()
            .filter_map(|r| at.get(r))
            .map(|pr| cdate(pr.start))
            .collect();
        if dates.len() > 1 {
            let ids: Vec<&str> = g.iter().map(|&r| p.rounds[r].id.as_str()).collect();
            bad(
                None,
                8,
                format!(
                    "rounds {} must start on one date of the candidate",
                    ids.join(", ")
                ),
            );
        }
    }
    if let Some(mx) = p.candidate.max_minutes_per_day {
        let mut per: BTreeMap<chrono::NaiveDate, u32> = BTreeMap::new();
        for (&ri, pr) in &at {
            *per.entry(cdate(pr.start)).or_default() += p.rounds[ri].duration_minutes;
        }
        for (d, n) in per {
            if n > mx {
                bad(
                    None,
                    9,
                    format!("the candidate would have {n} interview minutes on {d} (max {mx})"),
                );
            }
        }
    }
    v
}

/// Rules 10 and 11 for every trainee listed; returns the rounds each trainee sits in.
///
/// 10. A trainee of round R is an interviewer of the request training for a pool of R's
///     `trainee_seats` (at most `count` of them per pool) in the role that is their stage
///     there; they are not among R's interviewers, are named in no round of the plan,
///     and take part in no other round of the loop (as trainee or interviewer).
/// 11. A reverse shadow of pool P has an interviewer of R beside them whose pools
///     contain P (a trainee of P does not count).
fn trainee_rules(
    p: &Problem,
    at: &HashMap<usize, &PlacedRound>,
    ivr_ix: &HashMap<&str, usize>,
    rounds_of: &BTreeMap<usize, Vec<usize>>,
    bad: &mut dyn FnMut(Option<&str>, u8, String),
) -> BTreeMap<usize, Vec<usize>> {
    let mut trainee_rounds: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut rounds: Vec<(&usize, &&PlacedRound)> = at.iter().collect();
    rounds.sort_by_key(|(ri, _)| **ri);
    for (&ri, pr) in rounds {
        let r = &p.rounds[ri];
        let mut per_pool: BTreeMap<&str, u32> = BTreeMap::new();
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for t in &pr.trainees {
            let id = t.id.as_str();
            let Some(&i) = ivr_ix.get(id) else {
                bad(
                    Some(&r.id),
                    10,
                    format!("trainee {id} is not an interviewer of the request"),
                );
                continue;
            };
            let it = &p.interviewers[i];
            if !seen.insert(id) {
                bad(Some(&r.id), 10, format!("trainee {id} is listed twice"));
            }
            if pr.interviewers.iter().any(|x| x == id) {
                bad(
                    Some(&r.id),
                    10,
                    format!("{id} is both an interviewer and a trainee of the round"),
                );
            }
            match r.trainee_seats.iter().find(|s| s.pool == t.pool) {
                None => bad(
                    Some(&r.id),
                    10,
                    format!("the round has no trainee seat for pool {}", t.pool),
                ),
                Some(seat) => {
                    let n = per_pool.entry(t.pool.as_str()).or_default();
                    *n += 1;
                    if *n == seat.count + 1 {
                        bad(
                            Some(&r.id),
                            10,
                            format!(
                                "more trainees of pool {} than its {} trainee seat(s)",
                                t.pool, seat.count
                            ),
                        );
                    }
                }
            }
            match it.training_for(&t.pool) {
                None => bad(
                    Some(&r.id),
                    10,
                    format!("{id} is not training for pool {}", t.pool),
                ),
                Some(tr) if tr.role != t.role => bad(
                    Some(&r.id),
                    10,
                    format!(
                        "{id} is at the {} stage for pool {}, not {}",
                        tr.role.as_str(),
                        t.pool,
                        t.role.as_str()
                    ),
                ),
                Some(tr) => {
                    let watched = pr.interviewers.iter().any(|x| {
                        ivr_ix
                            .get(x.as_str())
                            .is_some_and(|&w| p.interviewers[w].pools.contains(&t.pool))
                    });
                    if tr.role == crate::problem::TraineeRole::ReverseShadow && !watched {
                        bad(
                            Some(&r.id),
                            11,
                            format!(
                                "{id} leads as a reverse shadow of pool {} with no qualified interviewer of it in the round",
                                t.pool
                            ),
                        );
                    }
                }
            }
            if !p.named_rounds(i).is_empty() {
                bad(
                    Some(&r.id),
                    10,
                    format!("{id} is named in the plan and cannot be a trainee in it"),
                );
            }
            let elsewhere = rounds_of
                .get(&i)
                .is_some_and(|rs| rs.iter().any(|&x| x != ri))
                || trainee_rounds
                    .get(&i)
                    .is_some_and(|rs| rs.iter().any(|&x| x != ri));
            if elsewhere {
                bad(
                    Some(&r.id),
                    10,
                    format!("trainee {id} takes part in another round of the loop"),
                );
            }
            trainee_rounds.entry(i).or_default().push(ri);
        }
    }
    trainee_rounds
}

/// Can `ids` fill the requirements, each person one requirement seat?
fn fills(p: &Problem, reqs: &[Requirement], ids: &[usize]) -> bool {
    let mut slots: Vec<&Requirement> = Vec::new();
    for q in reqs {
        match q {
            Requirement::Pool { count, .. } => {
                slots.extend(std::iter::repeat_n(q, *count as usize))
            }
            Requirement::Person(_) => slots.push(q),
        }
    }
    let ok = |q: &Requirement, i: usize| match q {
        Requirement::Person(x) => *x == i,
        Requirement::Pool { pool, .. } => {
            p.interviewers[i].pools.contains(pool) && p.named_rounds(i).is_empty()
        }
    };
    let mut owner: Vec<Option<usize>> = vec![None; ids.len()];
    fn aug(
        s: usize,
        slots: &[&Requirement],
        ids: &[usize],
        owner: &mut [Option<usize>],
        seen: &mut [bool],
        ok: &dyn Fn(&Requirement, usize) -> bool,
    ) -> bool {
        for j in 0..ids.len() {
            if seen[j] || !ok(slots[s], ids[j]) {
                continue;
            }
            seen[j] = true;
            if owner[j].is_none_or(|o| aug(o, slots, ids, owner, seen, ok)) {
                owner[j] = Some(s);
                return true;
            }
        }
        false
    }
    (0..slots.len()).all(|s| aug(s, &slots, ids, &mut owner, &mut vec![false; ids.len()], &ok))
}
