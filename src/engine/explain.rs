//! Why a request has no schedule, as data: the blockers (round, rule, people, dates) and
//! the smallest relaxations that would make it feasible, each tested by solving the
//! relaxed request.

use super::bits::Bits;
use super::grid::Grid;

use super::model::{Model, StartSets};
use crate::problem::{Problem, Requirement};
use crate::solution::{Blocker, Diagnosis, Relaxation, RelaxationKind};
use chrono::{DateTime, Duration, Utc};

/// Maximum relaxed solves per diagnosis (each is a full, budgeted search).
const MAX_TRIES: usize = 24;

/// Diagnoses a request whose search found nothing.
pub(crate) fn diagnose(m: &Model) -> Diagnosis {
    // A round that cannot take place even alone is not helped by relaxing the order.
    let alone_impossible = m.raw_domains.iter().any(Bits::is_empty);
    Diagnosis {
        blockers: blockers(m),
        relaxations: relaxations(m.p, m.sets.clone(), !alone_impossible),
    }
}

fn day(t: DateTime<Utc>, p: &Problem) -> String {
    t.with_timezone(&p.candidate.zone)
        .format("%a %b %-d")
        .to_string()
}

fn who(p: &Problem, i: usize) -> String {
    let it = &p.interviewers[i];
    format!(
        "{} ({})",
        it.name.clone().unwrap_or_else(|| it.id.clone()),
        it.zone.name()
    )
}

fn blockers(m: &Model) -> Vec<Blocker> {
    let p = m.p;
    let span = format!(
        "between {} and {}",
        day(p.horizon.start, p),
        day(p.horizon.end - Duration::seconds(1), p)
    );
    let mut out = Vec::new();
    for (r, round) in p.rounds.iter().enumerate() {
        let rm = &m.rounds[r];
        if !m.raw_domains[r].is_empty() {
            continue;
        }
        let cand = &m.cand_ok[r];
        if cand.is_empty() {
            let why = match p.candidate.max_minutes_per_day {
                Some(mx) if round.duration_minutes > mx => (9, format!(
                    "{} lasts {} min but the candidate may interview at most {mx} min a day.",
                    round.name, round.duration_minutes
                )),
                _ => (2, format!(
                    "{} needs {} min in one piece, and the candidate ({}) has no such window {span}.",
                    round.name, round.duration_minutes, p.candidate.zone.name()
                )),
            };
            out.push(Blocker {
                round: Some(round.id.clone()),
                rule: why.0,
                people: vec![p.candidate.id.clone()],
                message: why.1,
            });
            continue;
        }
        let mut with_named = cand.clone();
        let mut reported = false;
        for &(w, s) in &rm.named {
            let mut both = cand.clone();
            both.and_with(&m.sets.starts[s]);
            if both.is_empty() {
                out.push(Blocker {
                    round: Some(round.id.clone()),
                    rule: 4,
                    people: vec![p.interviewers[w].id.clone()],
                    message: format!(
                        "{} needs {}, who {span} is never working and free for {} min while the candidate is available.",
                        round.name, who(p, w), round.duration_minutes
                    ),
                });
                reported = true;
            }
            with_named.and_with(&m.sets.starts[s]);
        }
        if reported {
            continue;
        }
        if with_named.is_empty() {
            let names: Vec<String> = rm.named.iter().map(|&(w, _)| who(p, w)).collect();
            out.push(Blocker {
                round: Some(round.id.clone()),
                rule: 5,
                people: rm.named.iter().map(|&(w, _)| p.interviewers[w].id.clone()).collect(),
                message: format!("{} needs {} together, and {span} they are never all free while the candidate is available.", round.name, names.join(" and ")),
            });
            continue;
        }
        for q in &round.requirements {
            let Requirement::Pool { pool, count } = q else {
                continue;
            };
            let seat = rm
                .seats
                .iter()
                .find(|&&s| &m.seats[s].pool == pool)
                .map(|&s| &m.seats[s]);
            let Some(seat) = seat else { continue };
            let mut best = 0usize;
            for k in with_named.iter() {
                let n = seat
                    .eligible
                    .iter()
                    .filter(|&&(_, b)| m.sets.starts[b].contains(k))
                    .count();
                best = best.max(n);
            }
            if best < *count as usize {
                let with = if rm.named.is_empty() {
                    format!(
                        "while the candidate ({}) is available",
                        p.candidate.zone.name()
                    )
                } else {
                    let names: Vec<String> = rm.named.iter().map(|&(w, _)| who(p, w)).collect();
                    format!(
                        "while the candidate and {} are available",
                        names.join(" and ")
                    )
                };
                out.push(Blocker {
                    round: Some(round.id.clone()),
                    rule: 3,
                    people: seat.eligible.iter().map(|&(i, _)| p.interviewers[i].id.clone()).collect(),
                    message: format!(
                        "{} needs {count} of pool {pool} ({} {}); {span} at most {best} of them {} free for {} min {with}.",
                        round.name, seat.eligible.len(), if seat.eligible.len() == 1 { "person" } else { "people" }, if best == 1 { "is" } else { "are" }, round.duration_minutes
                    ),
                });
            }
        }
        if out
            .iter()
            .all(|b| b.round.as_deref() != Some(round.id.as_str()))
        {
            out.push(Blocker {
                round: Some(round.id.clone()),
                rule: 3,
                people: Vec::new(),
                message: format!("{} cannot be staffed at any time {span}: its interviewers are never free together.", round.name),
            });
        }
    }
    if !out.is_empty() {
        return out;
    }
    // Every round fits alone. First the least gaps: rounds placed as early as they can be.
    let g = &m.grid;
    let mut est_end = vec![g.h0; p.rounds.len()];
    for &u in &m.topo {
        let mut lo = g.h0;
        let mut blame = None;
        for a in &p.rounds[u].after {
            let t = est_end[a.round] + a.min_gap_minutes * 60;
            if t > lo {
                lo = t;
                blame = Some(a);
            }
        }
        match m.raw_domains[u].next_at_or_after(g.slot_at_or_after(lo)) {
            Some(k) => est_end[u] = g.at(k) + m.rounds[u].dur,
            None => {
                let r = &p.rounds[u];
                let message = match blame {
                    Some(a) => format!(
                        "{} must start at least {} after {} ends. {} can end {} at the earliest, and after that there is no time for {} ({}) before the date range ends {}.",
                        r.name, minutes_text(a.min_gap_minutes), p.rounds[a.round].name, p.rounds[a.round].name,
                        when(Grid::instant(est_end[a.round]), p), r.name, needs(m, u), when(p.horizon.end, p)
                    ),
                    None => format!("{} has no possible time in the date range.", r.name),
                };
                return vec![Blocker {
                    round: Some(r.id.clone()),
                    rule: 7,
                    people: people_of(m, u),
                    message,
                }];
            }
        }
    }
    // Pairs joined by `after`.
    for (b, round) in p.rounds.iter().enumerate() {
        for a in &round.after {
            if !pair_possible(m, a.round, b) {
                let prev = &p.rounds[a.round];
                out.push(Blocker {
                    round: Some(round.id.clone()),
                    rule: 7,
                    people: people_of(m, b),
                    message: format!(
                        "{} must start {} {} ends, and no possible time of {} leaves such a time for {} ({}).",
                        round.name, gap_text(a.min_gap_minutes, a.max_gap_minutes), prev.name, prev.name, round.name, needs(m, b)
                    ),
                });
            }
        }
    }
    if !out.is_empty() {
        return out;
    }
    // Same-day groups, each with the gaps inside it.
    for grp in &p.same_day {
        let Some(gid) = grp.first().and_then(|&r| m.rounds[r].group) else {
            continue;
        };
        let mut d = m.raw_domains.clone();
        m.consistent(
            &mut d,
            &|x, y| m.rounds[x].group == Some(gid) && m.rounds[y].group == Some(gid),
            &|x| x == gid,
        );
        let names: Vec<String> = grp.iter().map(|&r| p.rounds[r].name.clone()).collect();
        let total: u32 = grp.iter().map(|&r| p.rounds[r].duration_minutes).sum();
        if grp.iter().any(|&r| d[r].is_empty()) {
            out.push(Blocker {
                round: None,
                rule: 8,
                people: grp.iter().flat_map(|&r| people_of(m, r)).collect(),
                message: format!(
                    "{} must take place on one day of the candidate{}, and on no day {span} can all of them be placed with their interviewers free.",
                    names.join(", "),
                    if grp.iter().any(|&r| p.rounds[r].after.iter().any(|a| grp.contains(&a.round))) { " in order with their gaps" } else { "" }
                ),
            });
        } else if p.candidate.max_minutes_per_day.is_some_and(|mx| total > mx) {
            out.push(Blocker { round: None, rule: 9, people: vec![p.candidate.id.clone()], message: format!(
                "{} must take place on one day, {total} min in all, but the candidate may interview at most {} min a day.",
                names.join(", "), p.candidate.max_minutes_per_day.unwrap_or(0)) });
        }
    }
    if !out.is_empty() {
        return out;
    }
    // The gaps of the whole process, without same-day groups.
    let mut d = m.raw_domains.clone();
    m.consistent(&mut d, &|_, _| true, &|_| false);
    if let Some(u) = m.topo.iter().copied().find(|&u| d[u].is_empty()) {
        let chain: Vec<String> = m.topo.iter().map(|&r| p.rounds[r].name.clone()).collect();
        out.push(Blocker {
            round: Some(p.rounds[u].id.clone()),
            rule: 7,
            people: people_of(m, u),
            message: format!(
                "The process {} does not fit {span} with its gaps: no sequence of times leaves a time for {} ({}).",
                chain.join(" → "), p.rounds[u].name, needs(m, u)
            ),
        });
        return out;
    }
    if m.rounds.iter().any(|r| r.domain.is_empty()) {
        out.push(Blocker { round: None, rule: 8, people: Vec::new(), message: format!(
            "The gaps between rounds and the same-day groups together leave no time for every round {span}.") });
        return out;
    }
    out.push(Blocker { round: None, rule: 3, people: Vec::new(), message: format!(
        "Each round fits on its own, but not all together {span}: a pool interviewer can sit in only one round, caps would be exceeded, or the candidate's days would be too full.") });
    out
}

/// A gap rule in words: "at least 2 days after", "between 0 min and 30 min after".
fn gap_text(min: i64, max: Option<i64>) -> String {
    match max {
        Some(h) if h == min => format!("exactly {} after", minutes_text(min)),
        Some(h) => format!(
            "between {} and {} after",
            minutes_text(min),
            minutes_text(h)
        ),
        None => format!("at least {} after", minutes_text(min)),
    }
}

/// An instant in the candidate's zone, with the zone: "Tue Mar 3 14:00 (Asia/Kolkata)".
fn when(t: DateTime<Utc>, p: &Problem) -> String {
    format!(
        "{} ({})",
        t.with_timezone(&p.candidate.zone).format("%a %b %-d %H:%M"),
        p.candidate.zone.name()
    )
}

/// Who a round needs, in words: "the candidate, Priya (Asia/Kolkata), 2 of pool backend".
fn needs(m: &Model, r: usize) -> String {
    let p = m.p;
    let mut parts = vec!["the candidate".to_string()];
    for q in &p.rounds[r].requirements {
        parts.push(match q {
            Requirement::Person(i) => who(p, *i),
            Requirement::Pool { pool, count } => format!("{count} of pool {pool}"),
        });
    }
    format!("{} free", parts.join(", "))
}

/// Ids of the named interviewers of a round.
fn people_of(m: &Model, r: usize) -> Vec<String> {
    m.rounds[r]
        .named
        .iter()
        .map(|&(w, _)| m.p.interviewers[w].id.clone())
        .collect()
}

fn minutes_text(m: i64) -> String {
    if m >= 1440 && m % 60 == 0 && m % 1440 != 0 {
        format!("{} days {} h", m / 1440, m % 1440 / 60)
    } else if m % 1440 == 0 && m > 0 {
        let d = m / 1440;
        format!("{d} day{}", if d == 1 { "" } else { "s" })
    } else if m % 60 == 0 && m > 0 {
        format!("{} h", m / 60)
    } else {
        format!("{m} min")
    }
}

/// Is there a start of `a` and one of `b` with the gap rules between them met? (The
/// model's arc consistency, run on the raw domains over that one pair of rounds.)
fn pair_possible(m: &Model, a: usize, b: usize) -> bool {
    let mut d = m.raw_domains.clone();
    m.consistent(
        &mut d,
        &|later, earlier| later == b && earlier == a,
        &|_| false,
    );
    !d[a].is_empty() && !d[b].is_empty()
}

/// Tests relaxed copies of a request and keeps those that are feasible.
struct Tester {
    /// Start sets of the base problem's interviewers, shared by relaxations that keep them.
    cache: StartSets,
    tries: usize,
    out: Vec<Relaxation>,
}

impl Tester {
    /// Solves `q`; `same_people` says that its interviewers and horizon are the base's.
    fn finish(&mut self, q: &Problem, same_people: bool) -> Option<DateTime<Utc>> {
        if self.tries >= MAX_TRIES {
            return None;
        }
        self.tries += 1;
        super::feasible(q, same_people.then_some(&mut self.cache))
    }

    fn offer(
        &mut self,
        q: Problem,
        same_people: bool,
        kind: RelaxationKind,
        message: String,
    ) -> bool {
        match self.finish(&q, same_people) {
            Some(finish) => {
                self.out.push(Relaxation {
                    kind,
                    message,
                    finish: Some(finish),
                });
                true
            }
            None => false,
        }
    }
}

/// Tries relaxations one by one (each on a copy of the request) and keeps those that
/// work. `order_matters` is false when some round cannot take place even alone, so
/// relaxing gaps or same-day groups cannot help.
fn relaxations(p: &Problem, cache: StartSets, order_matters: bool) -> Vec<Relaxation> {
    let mut t = Tester {
        cache,
        tries: 0,
        out: Vec::new(),
    };
    // Candidate's daily minutes: the smallest limit (in 15-minute steps) that works.
    if let Some(mx) = p.candidate.max_minutes_per_day {
        let total: u32 = p.rounds.iter().map(|r| r.duration_minutes).sum();
        let with = |m: Option<u32>| {
            let mut q = p.clone();
            q.candidate.max_minutes_per_day = m;
            q
        };
        if total > mx && t.finish(&with(None), true).is_some() {
            let (mut lo, mut hi) = (mx, total.div_ceil(15) * 15);
            while hi - lo > 15 {
                let mid = ((lo + hi) / 2 / 15 * 15).max(lo + 15);
                if t.finish(&with(Some(mid)), true).is_some() {
                    hi = mid
                } else {
                    lo = mid
                }
            }
            t.offer(
                with(Some(hi)),
                true,
                RelaxationKind::RaiseCandidateDailyMinutes { minutes: hi },
                format!("let the candidate interview up to {hi} min a day (now {mx})"),
            );
        }
    }
    for (gi, g) in p.same_day.iter().enumerate().filter(|_| order_matters) {
        let mut q = p.clone();
        q.same_day.remove(gi);
        let names: Vec<String> = g.iter().map(|&r| p.rounds[r].name.clone()).collect();
        t.offer(
            q,
            true,
            RelaxationKind::DropSameDay {
                rounds: g.iter().map(|&r| p.rounds[r].id.clone()).collect(),
            },
            format!("allow {} on different days", names.join(", ")),
        );
    }
    for (ri, r) in p.rounds.iter().enumerate() {
        for (ai, a) in r.after.iter().enumerate().filter(|_| order_matters) {
            let prev = &p.rounds[a.round].name;
            if let Some(h) = a.max_gap_minutes {
                for new in [60, 120, 240, 1440, 2 * 1440, 7 * 1440, 14 * 1440]
                    .into_iter()
                    .filter(|&x| x > h)
                {
                    let mut q = p.clone();
                    q.rounds[ri].after[ai].max_gap_minutes = Some(new);
                    if t.offer(
                        q,
                        true,
                        RelaxationKind::WidenMaxGap {
                            round: r.id.clone(),
                            after: p.rounds[a.round].id.clone(),
                            minutes: Some(new),
                        },
                        format!(
                            "allow a gap of up to {} between {prev} and {} (now {})",
                            minutes_text(new),
                            r.name,
                            minutes_text(h)
                        ),
                    ) {
                        break;
                    }
                }
            }
            if a.min_gap_minutes > 0 {
                let new = a.min_gap_minutes / 2 / 15 * 15;
                let mut q = p.clone();
                q.rounds[ri].after[ai].min_gap_minutes = new;
                t.offer(
                    q,
                    true,
                    RelaxationKind::ShortenMinGap {
                        round: r.id.clone(),
                        after: p.rounds[a.round].id.clone(),
                        minutes: new,
                    },
                    format!(
                        "shorten the gap between {prev} and {} to {} (now {})",
                        r.name,
                        minutes_text(new),
                        minutes_text(a.min_gap_minutes)
                    ),
                );
            }
        }
        for (qi, req) in r.requirements.iter().enumerate() {
            if let Requirement::Pool { pool, count } = req {
                if *count > 1 {
                    let mut q = p.clone();
                    q.rounds[ri].requirements[qi] = Requirement::Pool {
                        pool: pool.clone(),
                        count: count - 1,
                    };
                    t.offer(
                        q,
                        true,
                        RelaxationKind::FewerFromPool {
                            round: r.id.clone(),
                            pool: pool.clone(),
                            count: count - 1,
                        },
                        format!(
                            "ask {} instead of {count} interviewers of pool {pool} for {}",
                            count - 1,
                            r.name
                        ),
                    );
                }
            }
        }
    }
    // Caps: all at once first; if that helps, name the people whose caps matter.
    let capped: Vec<usize> = (0..p.interviewers.len())
        .filter(|&i| {
            p.interviewers[i].max_per_day.is_some() || p.interviewers[i].max_per_week.is_some()
        })
        .collect();
    if !capped.is_empty() {
        let uncapped = |ids: &[usize]| {
            let mut q = p.clone();
            for &i in ids {
                q.interviewers[i].max_per_day = None;
                q.interviewers[i].max_per_week = None;
            }
            q
        };
        if t.finish(&uncapped(&capped), false).is_some() {
            let named_first = capped.iter().filter(|&&i| !p.named_rounds(i).is_empty());
            let others = capped.iter().filter(|&&i| p.named_rounds(i).is_empty());
            for &i in named_first.chain(others).take(6) {
                t.offer(
                    uncapped(&[i]),
                    false,
                    RelaxationKind::LiftCaps {
                        interviewer: p.interviewers[i].id.clone(),
                    },
                    format!("lift the interview caps of {}", who(p, i)),
                );
            }
        }
    }
    if p.interviewers.iter().any(|i| i.buffer_minutes > 0) {
        let mut q = p.clone();
        for i in &mut q.interviewers {
            i.buffer_minutes = 0;
        }
        t.offer(
            q,
            false,
            RelaxationKind::NoBuffers,
            "drop the buffers around interviews".into(),
        );
    }
    // A later horizon end: the longest first, and if that works, the shortest that does.
    let later = |days: i64| {
        let mut q = p.clone();
        q.horizon.end += Duration::days(days);
        q
    };
    if t.finish(&later(28), false).is_some() {
        for days in [7, 14, 28] {
            let q = later(days);
            let end = q.horizon.end;
            if t.offer(
                q,
                false,
                RelaxationKind::ExtendHorizon { end },
                format!("extend the date range to {}", day(end, p)),
            ) {
                break;
            }
        }
    }
    let mut out = t.out;
    out.sort_by_key(|r| r.finish);
    out
}
