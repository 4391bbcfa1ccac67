//! The scheduling engine: the best schedules for a request, or why there are none.
//!
//! [`solve`] compiles the request (`model`), finds the earliest finish with an exact
//! branch and bound (`search`), gathers other good schedules, picks interviewers for
//! pool seats with care for their load and hours, ranks the options by a soft score of
//! named parts (`score`), and, when nothing fits, says what blocks and which smallest
//! relaxations would help (`explain`). [`check`] judges any schedule against the nine
//! hard rules (and the trainee rules of the format's extension) on its own, without the
//! search. Optional trainee seats are filled once the options are chosen (`trainees`),
//! so they never change a schedule.

pub(crate) mod assign;
pub(crate) mod bits;
mod capacity;
mod check;
mod explain;
pub(crate) mod grid;
pub(crate) mod model;
mod score;
pub(crate) mod search;
mod trainees;

pub use capacity::{fit_loops, LoopsThatFit, Stop};
pub use check::{check, Violation};

use crate::problem::Problem;
use crate::solution::{OptionDoc, PlacedRound, SolutionDoc, Status, FORMAT};
use grid::Grid;
use model::Model;
use search::{Mode, Schedule, Search};
use std::collections::BTreeSet;

/// Nodes the optimising search may visit before it gives up proving optimality.
const OPTIMIZE_BUDGET: u64 = 50_000_000;
/// Nodes each gathering of alternative schedules may visit.
const COLLECT_BUDGET: u64 = 200_000;
/// Nodes each test of a relaxation may visit (a relaxation not proven in time is not offered).
const RELAX_BUDGET: u64 = 100_000;

/// Solves a validated request: up to `options` valid, pairwise different schedules, the
/// first finishing as early as any valid schedule can; or `infeasible` with an
/// explanation in words and as data.
pub fn solve(p: &Problem) -> SolutionDoc {
    let m = Model::new(p);
    let Some(best) = optimize(&m) else {
        let diagnosis = explain::diagnose(&m);
        return SolutionDoc {
            format: FORMAT.to_string(),
            problem: p.id.clone(),
            status: Status::Infeasible,
            options: Vec::new(),
            explanation: Some(diagnosis.text()),
            diagnosis: Some(diagnosis),
        };
    };
    let options = choose_options(&m, best);
    SolutionDoc {
        format: FORMAT.to_string(),
        problem: p.id.clone(),
        status: Status::Scheduled,
        options,
        explanation: None,
        diagnosis: None,
    }
}

/// The earliest-finishing schedule, if any exists.
fn optimize(m: &Model) -> Option<Schedule> {
    let mut s = Search::new(m, Mode::Optimize, OPTIMIZE_BUDGET);
    s.run();
    s.best
}

/// The earliest finish of a relaxed request, if it has a valid schedule; `cache` holds
/// start sets valid for its interviewers and horizon (see [`model::StartSets`]).
pub(crate) fn feasible(
    p: &Problem,
    mut cache: Option<&mut model::StartSets>,
) -> Option<chrono::DateTime<chrono::Utc>> {
    let m = match &mut cache {
        Some(c) => Model::with_cache(p, std::mem::take(*c)),
        None => Model::new(p),
    };
    let mut s = Search::new(&m, Mode::Optimize, RELAX_BUDGET);
    s.run();
    let finish = s.best.map(|f| Grid::instant(f.finish));
    if let Some(c) = cache {
        *c = m.c.sets;
    }
    finish
}

/// Gathers alternatives, assigns interviewers, scores and ranks them.
fn choose_options(m: &Model, best: Schedule) -> Vec<OptionDoc> {
    let p = m.p;
    let step_h = (3600 / m.grid.step).max(1) as usize;
    let mut pool: Vec<Schedule> = vec![best.clone()];
    // Other schedules with the same earliest finish, to pick the nicest as option 1.
    let mut same = Search::new(
        m,
        Mode::Collect {
            limit: best.finish,
            shift: step_h,
            want: 6,
        },
        COLLECT_BUDGET,
    );
    same.run();
    pool.extend(same.found);
    if p.options > 1 {
        let want = (4 * p.options + 4).min(40);
        let mut more = Search::new(
            m,
            Mode::Collect {
                limit: m.grid.h1,
                shift: step_h,
                want,
            },
            COLLECT_BUDGET,
        );
        more.run();
        pool.extend(more.found);
    }
    let mut seen = BTreeSet::new();
    pool.retain(|s| seen.insert(s.starts.clone()));
    for s in &mut pool {
        assign::prefer_interviewers(m, s);
    }
    let min_days = pool
        .iter()
        .map(|s| {
            s.starts
                .iter()
                .map(|&k| m.cand_days.day[k])
                .collect::<BTreeSet<_>>()
                .len()
        })
        .min()
        .unwrap_or(1);
    let mut scored: Vec<(Schedule, crate::solution::Score)> = pool
        .into_iter()
        .map(|s| {
            let sc = score::score(m, &s, best.finish, min_days);
            (s, sc)
        })
        .collect();
    // Option 1: the best-scored schedule among those finishing earliest.
    scored.sort_by(|a, b| {
        (a.0.finish != best.finish)
            .cmp(&(b.0.finish != best.finish))
            .then(b.1.total.total_cmp(&a.1.total))
            .then(a.0.starts.cmp(&b.0.starts))
    });
    let mut chosen: Vec<(Schedule, crate::solution::Score)> = Vec::new();
    let mut rest = scored;
    if !rest.is_empty() {
        chosen.push(rest.remove(0));
    }
    // Then by score, preferring schedules unlike those already chosen.
    while chosen.len() < p.options && !rest.is_empty() {
        let pick = (0..rest.len())
            .max_by(|&a, &b| {
                let va = rest[a].1.total + 0.05 * novelty(m, &rest[a].0, &chosen);
                let vb = rest[b].1.total + 0.05 * novelty(m, &rest[b].0, &chosen);
                va.total_cmp(&vb)
                    .then(rest[b].0.starts.cmp(&rest[a].0.starts))
            })
            .unwrap_or(0);
        chosen.push(rest.remove(pick));
    }
    chosen
        .into_iter()
        .map(|(s, sc)| to_doc(m, &s, sc))
        .collect()
}

/// Share of rounds whose candidate date differs from every chosen option's.
fn novelty(m: &Model, s: &Schedule, chosen: &[(Schedule, crate::solution::Score)]) -> f64 {
    let n = s.starts.len().max(1) as f64;
    chosen
        .iter()
        .map(|(c, _)| {
            s.starts
                .iter()
                .zip(&c.starts)
                .filter(|(a, b)| m.cand_days.day[**a] != m.cand_days.day[**b])
                .count() as f64
                / n
        })
        .fold(1.0, f64::min)
}

/// The answer form of a schedule: rounds in start order with their interviewers.
fn to_doc(m: &Model, s: &Schedule, score: crate::solution::Score) -> OptionDoc {
    let p = m.p;
    let rounds = placed_rounds(m, s);
    let mut score = score;
    if p.rounds.iter().any(|r| !r.trainee_seats.is_empty()) {
        let seated: usize = rounds.iter().map(|r| r.trainees.len()).sum();
        let offered: u64 = p
            .rounds
            .iter()
            .flat_map(|r| &r.trainee_seats)
            .map(|t| u64::from(t.count))
            .sum();
        score
            .reasons
            .push(format!("{seated} of {offered} trainee seats filled"));
    }
    OptionDoc {
        finish: Grid::instant(s.finish),
        rounds,
        score,
    }
}

/// A schedule's rounds in start order, with their interviewers and trainees.
fn placed_rounds(m: &Model, s: &Schedule) -> Vec<PlacedRound> {
    let p = m.p;
    let mut trainees = trainees::seat(m, s);
    let mut rounds: Vec<PlacedRound> = p
        .rounds
        .iter()
        .enumerate()
        .map(|(r, round)| {
            let start = m.grid.at(s.starts[r]);
            let rm = &m.rounds[r];
            let mut ids: Vec<String> = rm
                .named
                .iter()
                .map(|&(w, _)| p.interviewers[w].id.clone())
                .collect();
            ids.extend(
                rm.seats
                    .iter()
                    .map(|&seat| p.interviewers[s.seats[seat]].id.clone()),
            );
            PlacedRound {
                round: round.id.clone(),
                start: Grid::instant(start),
                end: Grid::instant(start + rm.dur),
                interviewers: ids,
                trainees: std::mem::take(&mut trainees[r]),
            }
        })
        .collect();
    rounds.sort_by(|a, b| a.start.cmp(&b.start).then(a.round.cmp(&b.round)));
    rounds
}
