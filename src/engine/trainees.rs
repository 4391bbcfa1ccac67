//! Trainee seats, filled once a schedule is chosen.
//!
//! A trainee seat is optional: the search and the choice of options never see it, so a
//! request with trainee seats gets exactly the rounds, times and interviewers it would
//! get without them, and the earliest finish is never delayed for a trainee. Each option
//! then gets its trainees: a trainee of the seat's pool who takes no other part in the
//! loop (not an interviewer of it, not named in the plan, in at most one round), who is
//! working and free with buffers for the whole round and whose booked interviews leave
//! room under their caps (their start set, the same one as for a qualified seat), and,
//! for a reverse shadow, with a qualified interviewer of the pool in the round to watch.
//!
//! Among those, trainees closest to graduating come first. Seating is a bipartite
//! matching of trainees to seats grown trainee by trainee in that order, each by an
//! augmenting path: the trainees seated form a basis of a transversal matroid, so the
//! greedy order gives as many seated trainees as any seating, and never leaves a
//! closer trainee out where a farther one could have been moved aside.

use super::assign::{augment, load};
use super::model::Model;
use super::search::Schedule;
use crate::problem::{InterviewerIdx, TraineeRole};
use crate::solution::PlacedTrainee;

/// The trainees of each round of `s` (request order of rounds; empty lists when the
/// request has no trainee seats).
pub(crate) fn seat(m: &Model, s: &Schedule) -> Vec<Vec<PlacedTrainee>> {
    let p = m.p;
    let mut out: Vec<Vec<PlacedTrainee>> = vec![Vec::new(); p.rounds.len()];
    if m.trainee_seats.is_empty() {
        return out;
    }
    // Everyone who already sits in the loop.
    let mut taken = vec![false; p.interviewers.len()];
    let mut in_round: Vec<Vec<InterviewerIdx>> = vec![Vec::new(); p.rounds.len()];
    for (r, rm) in m.rounds.iter().enumerate() {
        for &(w, _) in &rm.named {
            taken[w] = true;
            in_round[r].push(w);
        }
        for &seat in &rm.seats {
            taken[s.seats[seat]] = true;
            in_round[r].push(s.seats[seat]);
        }
    }
    // Seats each trainee could take in this schedule.
    let mut seats_of: Vec<Vec<usize>> = vec![Vec::new(); p.interviewers.len()];
    for (j, ts) in m.trainee_seats.iter().enumerate() {
        let k = s.starts[ts.round];
        let watched = in_round[ts.round]
            .iter()
            .any(|&w| p.interviewers[w].pools.contains(&ts.pool));
        for &(i, b) in &ts.eligible {
            let Some(t) = p.interviewers[i].training_for(&ts.pool) else {
                continue;
            };
            let fits = !taken[i]
                && m.sets.starts[b].contains(k)
                && (t.role == TraineeRole::Shadow || watched);
            if fits {
                seats_of[i].push(j);
            }
        }
    }
    // Closest to graduating first: fewest interviews left, a reverse shadow before a
    // shadow, then the lighter week, then request order.
    let mut order: Vec<(u32, u8, u32, InterviewerIdx)> = seats_of
        .iter()
        .enumerate()
        .filter(|(_, js)| !js.is_empty())
        .map(|(i, js)| {
            let it = &p.interviewers[i];
            let (remaining, stage) = js
                .iter()
                .filter_map(|&j| it.training_for(&m.trainee_seats[j].pool))
                .map(|t| (t.remaining, u8::from(t.role == TraineeRole::Shadow)))
                .min()
                .unwrap_or((u32::MAX, 1));
            let k = s.starts[m.trainee_seats[js[0]].round];
            (remaining, stage, load(m, i, m.grid.at(k)), i)
        })
        .collect();
    order.sort_unstable();
    let mut owner: Vec<Option<InterviewerIdx>> = vec![None; m.trainee_seats.len()];
    let mut seat_of: Vec<Option<usize>> = vec![None; p.interviewers.len()];
    for &(_, _, _, i) in &order {
        let mut seen = vec![false; m.trainee_seats.len()];
        augment(i, &seats_of, &mut owner, &mut seat_of, &mut seen);
    }
    for (j, o) in owner.iter().enumerate() {
        if let Some(i) = *o {
            let ts = &m.trainee_seats[j];
            if let Some(t) = p.interviewers[i].training_for(&ts.pool) {
                out[ts.round].push(PlacedTrainee {
                    id: p.interviewers[i].id.clone(),
                    pool: ts.pool.clone(),
                    role: t.role,
                });
            }
        }
    }
    out
}
