//! Candidates alike in everything the searches read: the same plan and the same
//! availability, split into the same local dates. A hiring day's candidates often are
//! (one process, one office, one morning), and a set of candidates searched for a proof
//! says exactly what the set with one of them swapped for their twin would say: the
//! two searches are the same search with a name changed. So only one of them is done.

use super::request::Batch;
use crate::engine::grid::day_of;
use crate::problem::Problem;

/// Per candidate: the first candidate alike to them ([`alike`]), maybe themselves.
pub(super) fn twins(b: &Batch) -> Vec<usize> {
    let n = b.candidates.len();
    (0..n)
        .map(|c| {
            (0..c)
                .find(|&x| alike(&b.candidates[x].problem, &b.candidates[c].problem))
                .unwrap_or(c)
        })
        .collect()
}

/// True if two candidates of one batch differ only in their names, ids and weights, or
/// in a time zone that splits their availability into the same dates: their rounds
/// (length, who, order and gaps, trainee seats), availability, `same_day` groups and
/// daily minutes are equal. (The batch's horizon, grid and interviewers are theirs
/// alike.)
fn alike(a: &Problem, b: &Problem) -> bool {
    a.candidate.available == b.candidate.available
        && a.candidate.max_minutes_per_day == b.candidate.max_minutes_per_day
        && a.same_day == b.same_day
        && a.rounds.len() == b.rounds.len()
        && a.rounds.iter().zip(&b.rounds).all(|(x, y)| {
            x.duration_minutes == y.duration_minutes
                && x.requirements == y.requirements
                && x.after == y.after
                && x.trainee_seats == y.trainee_seats
        })
        && same_dates(a, b)
}

/// True if the candidates' time zones split their (equal) availability into the same
/// local dates: each window within one date in both zones, and two windows in a row
/// on one date in one zone exactly when they are in the other. The local date is all
/// the engine reads of a candidate's zone (`same_day` and the daily minutes).
fn same_dates(a: &Problem, b: &Problem) -> bool {
    let (za, zb) = (a.candidate.zone, b.candidate.zone);
    if za == zb {
        return true;
    }
    let dates = |zone| {
        a.candidate
            .available
            .intervals()
            .iter()
            .map(|w| {
                let first = day_of(zone, w.start.timestamp());
                let last = day_of(zone, w.end.timestamp() - 1);
                (first == last).then_some(first)
            })
            .collect::<Option<Vec<i32>>>()
    };
    match (dates(za), dates(zb)) {
        (Some(da), Some(db)) => da
            .windows(2)
            .zip(db.windows(2))
            .all(|(x, y)| (x[0] == x[1]) == (y[0] == y[1])),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::twins;
    use crate::batch::Batch;
    use serde_json::json;

    /// A candidate: zone, available windows (start, end), weight.
    type Cand<'a> = (&'a str, &'a [(&'a str, &'a str)], i64);

    /// A batch of candidates with one plan.
    fn batch(candidates: &[Cand]) -> Batch {
        let candidates: Vec<_> = candidates
            .iter()
            .enumerate()
            .map(|(k, (zone, windows, weight))| {
                json!({
                    "id": format!("cand-{k}"),
                    "time_zone": zone,
                    "weight": weight,
                    "available": windows
                        .iter()
                        .map(|(s, e)| json!({"start": s, "end": e}))
                        .collect::<Vec<_>>(),
                    "rounds": [
                        {"id": "intro", "duration_minutes": 45,
                         "interviewers": [{"pool": "recruiting", "count": 1}]},
                        {"id": "team", "duration_minutes": 60,
                         "interviewers": [{"pool": "recruiting", "count": 1}],
                         "after": [{"round": "intro", "min_gap_minutes": 0}]}
                    ],
                    "same_day": [["intro", "team"]]
                })
            })
            .collect();
        let doc = json!({
            "format": "rondo-batch/1",
            "id": "twins",
            "horizon": {"start": "2026-06-22T00:00:00Z", "end": "2026-06-25T00:00:00Z"},
            "slot_minutes": 15,
            "interviewers": [{
                "id": "ivr-1", "time_zone": "Europe/Rome", "pools": ["recruiting"],
                "working_hours": {"mon": [["08:00", "18:00"]], "tue": [["08:00", "18:00"]]},
                "busy": []
            }],
            "candidates": candidates
        });
        Batch::from_json(&doc.to_string()).expect("a valid batch")
    }

    #[test]
    fn candidates_alike_but_for_names_weights_and_a_zone_with_the_same_dates_are_twins() {
        let morning: &[(&str, &str)] = &[("2026-06-23T06:00:00Z", "2026-06-23T10:00:00Z")];
        let two_days: &[(&str, &str)] = &[
            ("2026-06-22T20:00:00Z", "2026-06-22T21:30:00Z"),
            ("2026-06-23T06:00:00Z", "2026-06-23T10:00:00Z"),
        ];
        let b = batch(&[
            ("Europe/Rome", morning, 1),
            ("Europe/Lisbon", morning, 3),
            ("Europe/Rome", &morning[..0], 1),
            ("Europe/Rome", two_days, 1),
            ("Asia/Tokyo", two_days, 1),
            ("Europe/London", two_days, 2),
        ]);
        // Lisbon and Rome put the morning on one date: twins, whatever the weights.
        // No availability differs from all others. In Rome the evening and the next
        // morning are two dates (22:00 on Monday, 08:00 on Tuesday), in Tokyo one
        // (05:00 and 15:00 on Tuesday: the loop could take both), so those two are
        // not twins; in London they are two dates again (21:00 and 07:00), as in Rome.
        assert_eq!(twins(&b), vec![0, 0, 2, 3, 4, 3]);
    }
}
