//! A hiring-day answer as text for a person: the day as a grid of interviewers × time
//! (each candidate's loop in one letter), each candidate's itinerary in their own time
//! zone, who was left out and why, and what the engine proved.
//!
//! The grid is drawn in the zone most interviewers share (the office's, on a superday),
//! one character per slot of the request, one block per local date; each row also
//! names the person's own zone when it differs. Nothing here schedules: it only reads
//! the answer.

use super::answer::BatchSolutionDoc;
use super::request::Batch;
use crate::display::{city, clock_label, date_label};
use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use std::collections::BTreeMap;
use std::fmt::Write;

/// An interview in the grid: start, end, the candidate's place in `scheduled`.
type Held = (DateTime<Utc>, DateTime<Utc>, usize);

/// Letters for candidates in the grid (then the legend repeats them).
const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// The answer `a` to `b` as text; see the module doc.
pub fn pretty(b: &Batch, a: &BatchSolutionDoc) -> String {
    let mut out = String::new();
    let zone = grid_zone(b);
    let letter = |k: usize| LETTERS[k % LETTERS.len()] as char;
    let _ = writeln!(
        out,
        "{}: {} of {} candidates scheduled, weight {}, sum of finishes {} min{}",
        a.problem,
        a.scheduled.len(),
        b.candidates.len(),
        a.objective.scheduled_weight,
        a.objective.sum_finish_minutes,
        if a.optimal {
            " (proven optimal)".to_string()
        } else {
            format!(
                " (proven bound: weight {}, sum {} min)",
                a.bound.scheduled_weight, a.bound.sum_finish_minutes
            )
        }
    );
    // Interviews per interviewer, per local date of the grid's zone.
    let ivr_index: BTreeMap<&str, usize> = b
        .interviewers
        .iter()
        .enumerate()
        .map(|(i, it)| (it.id.as_str(), i))
        .collect();
    let mut days: BTreeMap<NaiveDate, Vec<Vec<Held>>> = BTreeMap::new();
    for (k, s) in a.scheduled.iter().enumerate() {
        for r in &s.rounds {
            let date = r.start.with_timezone(&zone).date_naive();
            let rows = days
                .entry(date)
                .or_insert_with(|| vec![Vec::new(); b.interviewers.len()]);
            for who in &r.interviewers {
                if let Some(&i) = ivr_index.get(who.as_str()) {
                    rows[i].push((r.start, r.end, k));
                }
            }
        }
    }
    let step = Duration::minutes(i64::from(b.slot_minutes));
    let width = b.interviewers.iter().map(|i| i.id.len()).max().unwrap_or(0);
    for rows in days.values() {
        let all = rows.iter().flatten();
        let (Some(first), Some(last)) = (all.clone().map(|x| x.0).min(), all.map(|x| x.1).max())
        else {
            continue;
        };
        // From the hour before the first interview to the hour after the last.
        let from = hour_floor(zone, first);
        let slots = ((last - from).num_minutes() + step.num_minutes() - 1) / step.num_minutes();
        let _ = writeln!(
            out,
            "\n{} ({}), one character per {} min",
            date_label(zone, first),
            city(zone),
            b.slot_minutes
        );
        let _ = write!(out, "{:width$}  ", "");
        let mut k = 0;
        while k < slots {
            let t = from + step * k as i32;
            let per_hour = (60 / b.slot_minutes.max(1)) as i64;
            if k % per_hour.max(1) == 0 {
                let label = clock_label(zone, t);
                let _ = write!(out, "{label}");
                k += label.len() as i64;
            } else {
                out.push(' ');
                k += 1;
            }
        }
        out.push('\n');
        for (i, row) in rows.iter().enumerate() {
            if row.is_empty() {
                continue;
            }
            let it = &b.interviewers[i];
            let _ = write!(out, "{:width$}  ", it.id);
            for k in 0..slots {
                let t = from + step * k as i32;
                let c = row
                    .iter()
                    .find(|&&(s, e, _)| s <= t && t < e)
                    .map_or('.', |&(_, _, c)| letter(c));
                out.push(c);
            }
            if it.zone != zone {
                let _ = write!(out, "  ({})", city(it.zone));
            }
            out.push('\n');
        }
    }
    if !a.scheduled.is_empty() {
        out.push_str("\nItineraries, each in the candidate's own time:\n");
    }
    for (k, s) in a.scheduled.iter().enumerate() {
        let Some(c) = b.candidates.iter().find(|c| c.id() == s.candidate) else {
            continue;
        };
        let cz = c.problem.candidate.zone;
        let _ = writeln!(
            out,
            "{} {} (weight {}, {}):",
            letter(k),
            s.candidate,
            c.weight,
            city(cz)
        );
        for r in &s.rounds {
            let name = c
                .problem
                .rounds
                .iter()
                .find(|x| x.id == r.round)
                .map_or(r.round.as_str(), |x| x.name.as_str());
            let _ = writeln!(
                out,
                "    {} {}–{}  {}  with {}",
                date_label(cz, r.start),
                clock_label(cz, r.start),
                clock_label(cz, r.end),
                name,
                r.interviewers.join(", ")
            );
        }
    }
    if !a.unscheduled.is_empty() {
        out.push_str("\nLeft out:\n");
    }
    for u in &a.unscheduled {
        let _ = writeln!(out, "    {}: {}", u.candidate, u.reason);
    }
    out
}

/// The zone most interviewers share (the first in request order on a tie).
fn grid_zone(b: &Batch) -> Tz {
    let mut count: Vec<(Tz, usize)> = Vec::new();
    for it in &b.interviewers {
        match count.iter_mut().find(|(z, _)| *z == it.zone) {
            Some((_, n)) => *n += 1,
            None => count.push((it.zone, 1)),
        }
    }
    let most = count.iter().map(|&(_, n)| n).max().unwrap_or(0);
    count
        .into_iter()
        .find(|&(_, n)| n == most)
        .map_or(chrono_tz::UTC, |(z, _)| z)
}

/// The start of the local hour of `t` in `zone` (as an instant).
fn hour_floor(zone: Tz, t: DateTime<Utc>) -> DateTime<Utc> {
    let local = t.with_timezone(&zone);
    let secs_into_hour = i64::from(local.minute()) * 60 + i64::from(local.second());
    t - Duration::seconds(secs_into_hour)
}
