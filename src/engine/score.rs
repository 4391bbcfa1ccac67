//! The soft score of a schedule: named parts a coordinator understands, each in
//! `[0, 1]` (1 is best), combined into a weighted total and explained in words.

use super::grid::Grid;
use super::model::Model;
use super::search::Schedule;
use crate::solution::Score;
use chrono::{Datelike, Timelike};
use std::collections::{BTreeMap, BTreeSet};

/// Names and weights of the parts (weights sum to 1).
pub(crate) const PARTS: [(&str, f64); 7] = [
    ("early_finish", 0.25),
    ("candidate_hours", 0.20),
    ("interviewer_hours", 0.15),
    ("compact_days", 0.10),
    ("short_gaps", 0.10),
    ("load_spread", 0.10),
    ("day_edges", 0.10),
];

/// Scores a schedule of `m`. `best_finish` is the earliest finish any schedule has,
/// `min_days` the fewest candidate dates among the schedules being compared.
pub(crate) fn score(m: &Model, s: &Schedule, best_finish: i64, min_days: usize) -> Score {
    let p = m.p;
    let g = &m.grid;
    let mut parts = BTreeMap::new();
    let mut reasons = Vec::new();

    let late_h = (s.finish - best_finish) as f64 / 3600.0;
    parts.insert(
        "early_finish".to_string(),
        (1.0 - late_h / (7.0 * 24.0)).clamp(0.0, 1.0),
    );
    if late_h <= 0.0 {
        reasons.push("finishes as early as possible".to_string());
    } else {
        reasons.push(format!(
            "finishes {} later than the earliest option",
            hours_text(late_h)
        ));
    }

    // Candidate: rounds inside 09:00-18:00 of their own clock.
    let comfy = |zone: chrono_tz::Tz, a: i64, b: i64, from: u32, to: u32| {
        let la = Grid::instant(a).with_timezone(&zone);
        let lb = Grid::instant(b).with_timezone(&zone);
        let ma = la.hour() * 60 + la.minute();
        let mb = lb.hour() * 60 + lb.minute();
        la.date_naive() == lb.date_naive() && ma >= from * 60 && mb <= to * 60
    };
    let n = p.rounds.len() as f64;
    let cand_ok = (0..p.rounds.len())
        .filter(|&r| {
            let a = g.at(s.starts[r]);
            comfy(p.candidate.zone, a, a + m.rounds[r].dur, 9, 18)
        })
        .count();
    parts.insert("candidate_hours".to_string(), cand_ok as f64 / n);
    if cand_ok as f64 == n {
        reasons.push("all within the candidate's 09:00-18:00".to_string());
    } else {
        reasons.push(format!(
            "{} of {} rounds outside the candidate's 09:00-18:00",
            p.rounds.len() - cand_ok,
            p.rounds.len()
        ));
    }

    // Interviewers: within 09:00-17:00 of their own clock, and not at the edge of their window.
    let mut pairs = 0usize;
    let mut in_hours = 0usize;
    let mut off_edge = 0usize;
    let mut week_load = Vec::new();
    for (r, rm) in m.rounds.iter().enumerate() {
        let a = g.at(s.starts[r]);
        let b = a + rm.dur;
        let people: Vec<usize> = rm
            .named
            .iter()
            .map(|&(w, _)| w)
            .chain(rm.seats.iter().map(|&seat| s.seats[seat]))
            .collect();
        for w in people {
            let it = &p.interviewers[w];
            pairs += 1;
            if comfy(it.zone, a, b, 9, 17) {
                in_hours += 1;
            }
            if !at_edge(m, w, a, b) {
                off_edge += 1;
            }
        }
        for &seat in &rm.seats {
            let w = s.seats[seat];
            let it = &p.interviewers[w];
            let wk = Grid::instant(a).with_timezone(&it.zone).iso_week();
            let booked = it
                .booked
                .iter()
                .filter(|x| x.start.with_timezone(&it.zone).iso_week() == wk)
                .count();
            let cap = it.max_per_week.unwrap_or(5).max(1) as f64;
            week_load.push((1.0 - booked as f64 / cap).clamp(0.0, 1.0));
        }
    }
    let pairs_f = pairs.max(1) as f64;
    parts.insert("interviewer_hours".to_string(), in_hours as f64 / pairs_f);
    if in_hours < pairs {
        reasons.push(format!(
            "{} of {} interviewer slots outside their 09:00-17:00",
            pairs - in_hours,
            pairs
        ));
    } else {
        reasons.push("all within interviewers' 09:00-17:00".to_string());
    }
    parts.insert("day_edges".to_string(), off_edge as f64 / pairs_f);
    if off_edge < pairs {
        let n = pairs - off_edge;
        reasons.push(format!(
            "{n} interviewer slot{} at the very start or end of a working day",
            if n == 1 { "" } else { "s" }
        ));
    }
    let load = if week_load.is_empty() {
        1.0
    } else {
        week_load.iter().sum::<f64>() / week_load.len() as f64
    };
    parts.insert("load_spread".to_string(), load);
    if load < 0.6 {
        reasons
            .push("uses interviewers who are already busy with interviews this week".to_string());
    }

    // Days and idle gaps of the candidate.
    let days: BTreeSet<i32> = s.starts.iter().map(|&k| m.cand_days.day[k]).collect();
    let extra = days.len().saturating_sub(min_days.max(1));
    parts.insert(
        "compact_days".to_string(),
        (1.0 - 0.25 * extra as f64).max(0.0),
    );
    reasons.push(match days.len() {
        1 => "on one day".to_string(),
        d => format!("over {d} days"),
    });
    let mut order: Vec<usize> = (0..p.rounds.len()).collect();
    order.sort_by_key(|&r| s.starts[r]);
    let mut idle = 0i64;
    for w in order.windows(2) {
        let (a, b) = (w[0], w[1]);
        if m.cand_days.day[s.starts[a]] == m.cand_days.day[s.starts[b]] {
            idle += g.at(s.starts[b]) - (g.at(s.starts[a]) + m.rounds[a].dur);
        }
    }
    let idle_min = idle / 60;
    parts.insert(
        "short_gaps".to_string(),
        (1.0 - idle_min as f64 / 240.0).clamp(0.0, 1.0),
    );
    if idle_min > 0 {
        reasons.push(format!(
            "{} of waiting between same-day rounds",
            hours_text(idle_min as f64 / 60.0)
        ));
    }

    let total = PARTS
        .iter()
        .map(|(k, w)| w * parts.get(*k).copied().unwrap_or(0.0))
        .sum::<f64>();
    let total = (total * 1000.0).round() / 1000.0;
    for v in parts.values_mut() {
        *v = (*v * 1000.0).round() / 1000.0;
    }
    Score {
        total,
        parts,
        reasons,
    }
}

/// True if the round starts within 30 minutes of the interviewer's window opening or
/// ends within 30 minutes of it closing.
fn at_edge(m: &Model, who: usize, a: i64, b: i64) -> bool {
    let it = &m.p.interviewers[who];
    let work = crate::availability::working_intervals(
        &it.working_hours,
        it.zone,
        Grid::instant(a),
        Grid::instant(b),
    );
    let iv = crate::interval::Interval {
        start: Grid::instant(a),
        end: Grid::instant(b),
    };
    work.intervals()
        .iter()
        .find(|w| w.start <= iv.start && iv.end <= w.end)
        .is_some_and(|w| {
            (iv.start - w.start).num_minutes() < 30 || (w.end - iv.end).num_minutes() < 30
        })
}

/// "45 min", "3 h", "2 days".
pub(crate) fn hours_text(h: f64) -> String {
    if h < 1.0 {
        format!("{} min", (h * 60.0).round())
    } else if h < 48.0 {
        format!("{} h", (h * 10.0).round() / 10.0)
    } else {
        format!("{} days", (h / 24.0 * 10.0).round() / 10.0)
    }
}
