//! Picking the interviewers of pool seats once the times are fixed: any matching is
//! valid, so choose the one a coordinator would: people with the lightest load that
//! week first, then those for whom the slot sits well inside their working day.

use super::grid::Grid;
use super::model::Model;
use super::search::Schedule;
use crate::problem::InterviewerIdx;
use chrono::Datelike;

/// Replaces the seat owners of `s` by a preference-ordered maximum matching (keeps the
/// search's matching if, unexpectedly, the preferred one is incomplete).
pub(crate) fn prefer_interviewers(m: &Model, s: &mut Schedule) {
    if let Some(seats) = match_seats(m, s, |i, k| load(m, i, m.grid.at(k))) {
        s.seats = seats;
    }
}

/// A matching of every pool seat of `s` to a distinct eligible interviewer free at its
/// round's start, trying people in increasing `key(interviewer, slot)` first; `None` if
/// no complete matching exists.
pub(crate) fn match_seats<K: Ord>(
    m: &Model,
    s: &Schedule,
    key: impl Fn(InterviewerIdx, usize) -> K,
) -> Option<Vec<InterviewerIdx>> {
    let p = m.p;
    let adj: Vec<Vec<InterviewerIdx>> = m
        .seats
        .iter()
        .map(|seat| {
            let k = s.starts[seat.round];
            let mut c: Vec<(K, InterviewerIdx)> = seat
                .eligible
                .iter()
                .filter(|&&(_, b)| m.sets.starts[b].contains(k))
                .map(|&(i, _)| (key(i, k), i))
                .collect();
            c.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
            c.into_iter().map(|(_, i)| i).collect()
        })
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; p.interviewers.len()];
    let mut seat_of: Vec<Option<InterviewerIdx>> = vec![None; m.seats.len()];
    for s0 in 0..m.seats.len() {
        let mut seen = vec![false; p.interviewers.len()];
        if !augment(s0, &adj, &mut owner, &mut seat_of, &mut seen) {
            return None;
        }
    }
    seat_of.into_iter().collect()
}

/// One augmenting-path step of a bipartite matching: finds a partner on the right for
/// left vertex `s` among `adj[s]`, moving matched left vertices along if needed.
/// `owner[right]` is its left partner, `seat_of[left]` its right one, `seen` the right
/// vertices visited in this step. Used with seats on the left and interviewers on the
/// right here, and with trainees on the left and trainee seats on the right.
pub(crate) fn augment(
    s: usize,
    adj: &[Vec<InterviewerIdx>],
    owner: &mut [Option<usize>],
    seat_of: &mut [Option<InterviewerIdx>],
    seen: &mut [bool],
) -> bool {
    for &i in &adj[s] {
        if seen[i] {
            continue;
        }
        seen[i] = true;
        if owner[i].is_none_or(|o| augment(o, adj, owner, seat_of, seen)) {
            owner[i] = Some(s);
            seat_of[s] = Some(i);
            return true;
        }
    }
    false
}

/// Interviews already booked in the ISO week of `t` (local to the interviewer), the
/// lower the better.
pub(crate) fn load(m: &Model, who: InterviewerIdx, t: i64) -> u32 {
    let it = &m.p.interviewers[who];
    let week = Grid::instant(t)
        .with_timezone(&it.zone)
        .date_naive()
        .iso_week();
    it.booked
        .iter()
        .filter(|b| b.start.with_timezone(&it.zone).date_naive().iso_week() == week)
        .count() as u32
}
