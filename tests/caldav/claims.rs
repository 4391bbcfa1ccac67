//! The two-desk protocol against the real server: two desks (threads with their own
//! accounts) claim overlapping slots at the same moment, in a loop; at most one wins
//! each slot, a daily cap holds across desks, and a desk that dies mid-way leaves
//! pending claims that expire and cannot be confirmed once taken over.

use super::{at, client, fresh_path, new_calendar, server};
use rondo::caldav::claim::{self, Intent, PersonKey};
use rondo::caldav::CalDavError;
use rondo::interval::Interval;
use std::sync::{Arc, Barrier, Mutex};

fn slot(day: u32, minute: i64, minutes: i64) -> Interval {
    let start = at(&format!("2026-12-{day:02}T10:00:00Z")) + chrono::Duration::minutes(minute);
    Interval {
        start,
        end: start + chrono::Duration::minutes(minutes),
    }
}

fn intent(desk: &str, booking: String, who: &PersonKey, round: Interval) -> Intent {
    Intent {
        desk: desk.into(),
        booking,
        slots: vec![(who.clone(), round)],
        hold: chrono::Duration::minutes(2),
    }
}

/// A tiny deterministic generator, so each desk picks its own offsets.
fn next(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *seed >> 33
}

#[test]
fn two_desks_claiming_overlapping_slots_never_both_win() {
    let Some(rad) = server::radicale("two_desks_claiming_overlapping_slots") else {
        return;
    };
    let space = new_calendar(rad, "team", &fresh_path("team", "claims"), "Rondo claims");
    let ada = PersonKey::from_email("ada@example.com").unwrap();
    const ROUNDS: u32 = 25;
    let barrier = Arc::new(Barrier::new(2));
    let wins: Arc<Mutex<Vec<(u32, String, Interval)>>> = Arc::default();
    let desks: Vec<_> = [("desk-a", "alice", 7u64), ("desk-b", "bob", 11u64)]
        .into_iter()
        .map(|(desk, user, mut seed)| {
            let (barrier, wins, space, ada) =
                (barrier.clone(), wins.clone(), space.clone(), ada.clone());
            std::thread::spawn(move || {
                let c = client(user);
                let mut refusals = Vec::new();
                for round in 0..ROUNDS {
                    // Both desks offer a one-hour round starting within 45 minutes of
                    // each other on the same day: the two always overlap.
                    let offset = (next(&mut seed) % 4) as i64 * 15;
                    let day = 1 + round % 28;
                    let want = slot(day, offset + (round / 28) as i64 * 120, 60);
                    barrier.wait();
                    let now = at("2026-11-20T09:00:00Z");
                    let booking = format!("bk-{round}-{desk}@rondo");
                    match claim::claim(&c, &space, &intent(desk, booking, &ada, want), now) {
                        Ok(mut held) => {
                            claim::confirm(&c, &mut held, now).expect("confirm what was claimed");
                            wins.lock().unwrap().push((round, desk.to_string(), want));
                        }
                        Err(e @ CalDavError::SlotTaken { .. }) => refusals.push(e.to_string()),
                        Err(e) => panic!("{desk} round {round}: {e}"),
                    }
                    barrier.wait();
                }
                refusals
            })
        })
        .collect();
    let refusals: Vec<String> = desks
        .into_iter()
        .flat_map(|d| d.join().expect("a desk"))
        .collect();
    let wins = wins.lock().unwrap().clone();
    for round in 0..ROUNDS {
        let winners: Vec<_> = wins.iter().filter(|w| w.0 == round).collect();
        assert_eq!(
            winners.len(),
            1,
            "round {round}: exactly one desk books the slot: {winners:?}"
        );
    }
    // No two confirmed bookings of ada overlap (different rounds are on other days).
    for (i, a) in wins.iter().enumerate() {
        for b in &wins[i + 1..] {
            assert!(!a.2.overlaps(&b.2), "double booking: {a:?} and {b:?}");
        }
    }
    // Every refusal says so in words.
    assert_eq!(refusals.len() as u32, ROUNDS, "one refusal per round");
    for r in &refusals {
        assert!(
            r.contains("ada@example.com is being booked") && r.contains("by another coordinator"),
            "{r}"
        );
    }
    // What the server holds agrees: every confirmed claim belongs to a winner.
    let all = claim::list(
        &client("team"),
        &space,
        Interval {
            start: at("2026-12-01T00:00:00Z"),
            end: at("2027-01-01T00:00:00Z"),
        },
    )
    .unwrap();
    assert!(
        all.iter().all(|c| c.record.expires.is_none()),
        "no pending claim left behind"
    );
    for c in &all {
        assert!(
            wins.iter()
                .any(|w| c.record.booking == format!("bk-{}-{}@rondo", w.0, w.1)
                    && c.record.granule.overlaps(&w.2)),
            "a claim on the server belongs to a booking that won: {:?}",
            c.record
        );
    }
    assert_eq!(
        all.len(),
        ROUNDS as usize * 4,
        "four granules per one-hour booking"
    );
}

#[test]
fn two_desks_never_exceed_a_daily_cap_together() {
    let Some(rad) = server::radicale("two_desks_never_exceed_a_daily_cap") else {
        return;
    };
    let space = new_calendar(
        rad,
        "team",
        &fresh_path("team", "claims-cap"),
        "Rondo claims",
    );
    let bo = PersonKey::from_email("bo@example.com").unwrap();
    const ROUNDS: u32 = 15;
    let barrier = Arc::new(Barrier::new(2));
    let booked: Arc<Mutex<Vec<(u32, &'static str)>>> = Arc::default();
    let desks: Vec<_> = [
        ("desk-a", "alice", 0i64, 3u64),
        ("desk-b", "bob", 240i64, 5u64),
    ]
    .into_iter()
    .map(|(desk, user, minute, mut seed)| {
        let (barrier, booked, space, bo) =
            (barrier.clone(), booked.clone(), space.clone(), bo.clone());
        std::thread::spawn(move || {
            let c = client(user);
            for round in 0..ROUNDS {
                // Bo takes at most one interview a day; the desks pick different,
                // non-overlapping hours of the same day, so no granule is shared.
                let want = slot(1 + round, minute, 60);
                let day = Interval {
                    start: at(&format!("2026-12-{:02}T00:00:00Z", 1 + round)),
                    end: at(&format!("2026-12-{:02}T00:00:00Z", 2 + round)),
                };
                barrier.wait();
                // Sometimes together, sometimes one a little after the other.
                std::thread::sleep(std::time::Duration::from_millis(next(&mut seed) % 60));
                let now = at("2026-11-20T09:00:00Z");
                let booking = format!("cap-{round}-{desk}@rondo");
                // Step 1: claim. Step 2: re-read the day, the others' claims count.
                let Ok(mut held) = claim::claim(&c, &space, &intent(desk, booking, &bo, want), now)
                else {
                    barrier.wait();
                    continue;
                };
                let others = claim::others(&c, &space, std::slice::from_ref(&bo), day, desk, now)
                    .expect("re-read");
                if others.is_empty() {
                    claim::confirm(&c, &mut held, now).expect("confirm");
                    booked.lock().unwrap().push((round, desk));
                } else {
                    claim::release(&c, &held).expect("give back");
                }
                barrier.wait();
            }
        })
    })
    .collect();
    for d in desks {
        d.join().expect("a desk");
    }
    let booked = booked.lock().unwrap().clone();
    for round in 0..ROUNDS {
        let n = booked.iter().filter(|b| b.0 == round).count();
        assert!(
            n <= 1,
            "day {round}: bo booked {n} times by two desks with a cap of one: {booked:?}"
        );
    }
    eprintln!(
        "daily cap race: {} of {ROUNDS} days booked, the rest refused by both desks",
        booked.len()
    );
}

#[test]
fn a_desk_that_dies_mid_booking_holds_the_slot_only_until_its_claims_expire() {
    let Some(rad) = server::radicale("a_desk_that_dies_mid_booking") else {
        return;
    };
    let space = new_calendar(
        rad,
        "team",
        &fresh_path("team", "claims-dead"),
        "Rondo claims",
    );
    let cy = PersonKey::from_email("cy@example.com").unwrap();
    let (a, b) = (client("alice"), client("bob"));
    let round = slot(3, 0, 60);
    let t0 = at("2026-11-20T09:00:00Z");
    // Desk A claims and then "dies": it never confirms or gives back.
    let mut stuck = claim::claim(
        &a,
        &space,
        &intent("desk-a", "bk-a@rondo".into(), &cy, round),
        t0,
    )
    .expect("A claims");
    // A retry of the same booking by the same desk (an answer lost on the way) keeps
    // the claims it already has instead of refusing itself.
    let again = claim::claim(
        &a,
        &space,
        &intent("desk-a", "bk-a@rondo".into(), &cy, round),
        t0,
    )
    .expect("A retries");
    assert_eq!(again.claims, stuck.claims, "the same claims, same ETags");
    assert_eq!(
        again.kept.len(),
        again.claims.len(),
        "all of them held already"
    );
    // While A's hold lasts, B is refused, in words.
    let refused = claim::claim(
        &b,
        &space,
        &intent("desk-b", "bk-b@rondo".into(), &cy, slot(3, 30, 60)),
        t0 + chrono::Duration::seconds(30),
    )
    .unwrap_err();
    assert!(
        matches!(refused, CalDavError::SlotTaken { ref desk, .. } if desk == "desk-a"),
        "{refused:?}"
    );
    // After the hold, B takes the slot over...
    let later = t0 + chrono::Duration::minutes(3);
    let mut taken = claim::claim(
        &b,
        &space,
        &intent("desk-b", "bk-b@rondo".into(), &cy, slot(3, 30, 60)),
        later,
    )
    .expect("B takes over expired claims");
    claim::confirm(&b, &mut taken, later).expect("B confirms");
    // ...and A, had it only been slow, can no longer confirm: it gets ClaimLost and
    // gives back the rest.
    let lost = claim::confirm(&a, &mut stuck, later).unwrap_err();
    assert!(matches!(lost, CalDavError::ClaimLost { .. }), "{lost:?}");
    assert!(
        lost.to_string()
            .contains("ran out before the booking was confirmed"),
        "{lost}"
    );
    let left = claim::list(
        &b,
        &space,
        Interval {
            start: at("2026-12-03T00:00:00Z"),
            end: at("2026-12-04T00:00:00Z"),
        },
    )
    .unwrap();
    assert!(
        left.iter()
            .all(|c| c.record.desk == "desk-b" && c.record.expires.is_none()),
        "only B's confirmed claims remain: {left:?}"
    );
    assert_eq!(left.len(), 4);
    // A sweep after the day removes confirmed claims whose time is past.
    let swept = claim::sweep(
        &b,
        &space,
        Interval {
            start: at("2026-12-03T00:00:00Z"),
            end: at("2026-12-04T00:00:00Z"),
        },
        at("2026-12-05T00:00:00Z"),
        at("2026-12-05T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(swept, 4);
}
