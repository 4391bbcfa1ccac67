//! Benchmark of the Team screen's numbers for a big team: 500 interviewers, 26 weeks,
//! 100,000 bookings (an example team, seed 1).
//!
//! Run with `cargo bench --bench team`. It prints, each the median of several runs:
//! grouping by interviewer the bookings each figure reads (the heat map's 26 weeks,
//! the loops' two weeks, as the store's index hands them out); the heat map (interviewers × 26 weeks, and one
//! pool's rows); this week, next and the eight before for everyone, and who is closest
//! to their cap; how many more loops of each of the two plans fit this week and next
//! (the engine booking loop after loop); and all of it together (target under 200 ms).

mod support;

use chrono::{DateTime, Duration as Days, NaiveDate, NaiveTime, TimeZone, Utc};
use rondo::example::{team, ExampleSpec};
use rondo::team::capacity::{plan_room, this_week_and_next};
use rondo::team::load::{closest_to_cap, heat_map, team_load};
use rondo::team::{members_from, with_bookings, IsoWeek};
use rondo::usecases::propose::BOOKED_MARGIN_DAYS;
use std::time::Instant;
use support::{median, ms};

/// Loops counted per plan and week at most (the screen shows "100 or more").
const LIMIT: usize = 100;
const RUNS: usize = 7;

fn main() {
    let week_of = NaiveDate::from_ymd_opt(2026, 3, 4).expect("valid date");
    // Wednesday morning of the current week.
    let now = Utc
        .with_ymd_and_hms(2026, 3, 4, 7, 0, 0)
        .single()
        .expect("valid instant");
    let zone = chrono_tz::Europe::Amsterdam;
    let scale = support::scale();
    let spec = ExampleSpec {
        interviewers: 500 / scale,
        candidates: 10_000 / scale,
        bookings: 100_000 / scale,
        seed: 1,
        week_of,
    };
    let mut doc = team(&spec, now - Days::days(2));
    // Sorted by start, as the store's `bookings_by_start` index keeps them: each
    // figure reads the range it needs, as `usecases::team_screen` and `usecases::team`
    // do.
    doc.bookings.sort_by_key(|b| b.start);
    let this = IsoWeek::containing(now, zone);
    let first = this.plus(-24);
    let starting = |from: DateTime<Utc>, to: DateTime<Utc>| {
        let a = doc.bookings.partition_point(|b| b.start < from);
        let b = doc.bookings.partition_point(|b| b.start < to);
        &doc.bookings[a..b]
    };
    // The heat map's weeks (UTC Monday midnights, a day's margin on each side), and
    // the loops' (the rest of this week and next, with the days a proposal reads
    // around them).
    let midnight = |w: IsoWeek| w.monday().and_time(NaiveTime::MIN).and_utc();
    let map_span = (
        midnight(first) - Days::days(1),
        midnight(this.plus(2)) + Days::days(1),
    );
    let [rest, next] = this_week_and_next(now, zone, 15);
    let margin = Days::days(BOOKED_MARGIN_DAYS + 1);
    let room_span = (rest.start - margin, next.end + margin);
    let in_range = {
        let span = rondo::interval::Interval {
            start: first.start_in(zone),
            end: this.plus(2).start_in(zone),
        };
        doc.bookings
            .iter()
            .filter(|b| span.start <= b.start && b.start < span.end)
            .count()
    };
    println!(
        "team bench: {} interviewers, {} bookings ({} in the 26 weeks {first} .. {}), plans {}",
        spec.interviewers,
        doc.bookings.len(),
        in_range,
        this.plus(1),
        doc.plans
            .iter()
            .map(|p| p.id.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );

    let (mut group, mut heat, mut pool_heat, mut loads, mut rooms, mut total) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for run in 0..RUNS {
        let t0 = Instant::now();
        let members = members_from(&doc.interviewers, starting(map_span.0, map_span.1));
        let people = with_bookings(&doc.interviewers, starting(room_span.0, room_span.1));
        let t1 = Instant::now();
        let map = heat_map(&members, first, 26, None);
        let t2 = Instant::now();
        let backend = heat_map(&members, first, 26, Some("backend"));
        let t3 = Instant::now();
        let load = team_load(&members, now);
        let near = closest_to_cap(&load, 10);
        let t4 = Instant::now();
        let room: Vec<_> = doc
            .plans
            .iter()
            .map(|p| plan_room(p, &people, now, zone, 15, LIMIT).expect("a valid request"))
            .collect();
        let t5 = Instant::now();
        group.push(t1 - t0);
        heat.push(t2 - t1);
        pool_heat.push(t3 - t2);
        loads.push(t4 - t3);
        rooms.push(t5 - t4);
        total.push(t5 - t0);
        if run == 0 {
            let cells: u32 = map
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .map(|c| c.interviews)
                .sum();
            println!(
                "team bench: heat map {} × {} with {cells} interviews; backend {} rows; closest to cap: {}",
                map.rows.len(),
                map.weeks.len(),
                backend.rows.len(),
                near.iter()
                    .take(3)
                    .map(|n| format!("{} {}/{}", n.id, n.interviews, n.max_per_week))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            for r in &room {
                println!(
                    "team bench: plan {}: {} loops fit this week ({:?}), {} next week ({:?})",
                    r.plan,
                    r.this_week.count(),
                    r.this_week.stop,
                    r.next_week.count(),
                    r.next_week.stop
                );
            }
        }
    }
    println!("team bench: medians of {RUNS} runs");
    println!(
        "team bench:   group bookings by interviewer  {}",
        ms(median(group))
    );
    println!(
        "team bench:   heat map, everyone × 26 weeks   {}",
        ms(median(heat))
    );
    println!(
        "team bench:   heat map, pool backend          {}",
        ms(median(pool_heat))
    );
    println!(
        "team bench:   load now + closest to cap       {}",
        ms(median(loads))
    );
    println!(
        "team bench:   loops that fit (2 plans × 2 weeks) {}",
        ms(median(rooms))
    );
    println!(
        "team bench:   all of the Team screen's numbers {} (target < 200 ms)",
        ms(median(total))
    );
}
