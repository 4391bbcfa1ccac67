//! Realistic example teams as `rondo-data/1` documents: the desktop app's first-start
//! demo ([`demo_team`]), the `rondo data example` command and the benchmarks' big sets
//! ([`team`]).
//!
//! People live in Amsterdam, Paris, Berlin, Belgrade, London, New York, San Francisco,
//! Bangalore, Singapore and Sydney, with working hours of real shapes (lunch breaks,
//! early starters, four-day weeks, part-timers), interview pools, caps and buffers, a
//! work calendar of stand-ups, 1:1s, meetings and days off, and a history of bookings.
//! The same spec gives the same document, byte for byte: all randomness comes from a
//! small seeded generator ([`SplitMix64`]).

use crate::data::{DataDoc, DATA_FORMAT};
use crate::domain::templates::{fintech_five_step, five_round_loop};
use crate::domain::{
    Booking, BookingId, BookingStatus, CalendarSource, Candidate, CandidateId, HoursWindow,
    Interviewer, InterviewerId, Need, Plan, PlanId, SourceId, Stage, WeeklyHours,
};
use crate::interval::{Interval, IntervalSet};
use crate::zone::{wall_instant, WallTime};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

/// What team to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExampleSpec {
    /// How many interviewers.
    pub interviewers: usize,
    /// How many candidates.
    pub candidates: usize,
    /// How many bookings of history (mostly past, a few in the coming two weeks).
    pub bookings: usize,
    /// Seed of the generator: the same seed gives the same team.
    pub seed: u64,
    /// A date in the "current" week: calendars and availability cover the weeks around
    /// it, the booking history the year before it.
    pub week_of: NaiveDate,
}

impl ExampleSpec {
    /// A team of 45 with 600 bookings around the week of Wednesday 4 March 2026, and
    /// the instant it is seen from (that morning): busy enough that loops compete for
    /// people, small enough for a test. The engine's and the team's capacity tests count
    /// loops on this one team, so that their figures can be compared.
    pub fn busy_week() -> (ExampleSpec, DateTime<Utc>) {
        // 2026-03-04T07:00:00Z, a fixed and valid instant.
        let now = DateTime::<Utc>::from_timestamp(1_772_607_600, 0).unwrap_or_default();
        let week_of = now.date_naive();
        let spec = ExampleSpec {
            interviewers: 45,
            candidates: 30,
            bookings: 600,
            seed: 13,
            week_of,
        };
        (spec, now)
    }
}

/// A small, fast, seeded generator (SplitMix64, Steele et al. 2014): good enough to
/// spread example data, with no dependency and the same sequence on every machine.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// Shuffles `items` in place (Fisher-Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const CITIES: [(&str, Tz); 10] = [
    ("Amsterdam", chrono_tz::Europe::Amsterdam),
    ("Paris", chrono_tz::Europe::Paris),
    ("Berlin", chrono_tz::Europe::Berlin),
    ("Belgrade", chrono_tz::Europe::Belgrade),
    ("London", chrono_tz::Europe::London),
    ("New York", chrono_tz::America::New_York),
    ("San Francisco", chrono_tz::America::Los_Angeles),
    ("Bangalore", chrono_tz::Asia::Kolkata),
    ("Singapore", chrono_tz::Asia::Singapore),
    ("Sydney", chrono_tz::Australia::Sydney),
];

const FIRST: [&str; 40] = [
    "Anna", "Bram", "Chloé", "Dušan", "Emma", "Farah", "Gustav", "Hana", "Ines", "Jovan", "Kavya",
    "Lars", "Maya", "Noah", "Olivia", "Priya", "Quentin", "Rahul", "Sofia", "Tomás", "Uma", "Vera",
    "Wei", "Xavier", "Yuki", "Zoë", "Aarav", "Marta", "Milan", "Lucas", "Jade", "Oskar", "Amelia",
    "Ethan", "Mei", "Arjun", "Nina", "Theo", "Isla", "Ravi",
];

const LAST: [&str; 40] = [
    "de Vries",
    "Martin",
    "Müller",
    "Jovanović",
    "Smith",
    "Johnson",
    "Nguyen",
    "Tan",
    "Iyer",
    "Wilson",
    "Bakker",
    "Dubois",
    "Schmidt",
    "Petrović",
    "Brown",
    "Garcia",
    "Chen",
    "Lim",
    "Sharma",
    "Taylor",
    "Janssen",
    "Bernard",
    "Weber",
    "Nikolić",
    "Evans",
    "Miller",
    "Lee",
    "Wong",
    "Reddy",
    "Walker",
    "Visser",
    "Laurent",
    "Fischer",
    "Marković",
    "Clarke",
    "Davis",
    "Kim",
    "Goh",
    "Menon",
    "Hughes",
];

/// Pools of the built-in templates, most common first (engineers outnumber directors).
const POOLS: [&str; 9] = [
    "engineering",
    "backend",
    "system-design",
    "recruiting",
    "talent",
    "hr",
    "product",
    "hiring-manager",
    "head-of-department",
];

/// The small team the desktop app seeds on its first start: 18 interviewers (two in
/// every pool), 8
/// candidates, 20 bookings around the week of `today`.
pub fn demo_team(today: NaiveDate, now: DateTime<Utc>) -> DataDoc {
    let mut doc = team(
        &ExampleSpec {
            interviewers: 18,
            candidates: 8,
            bookings: 20,
            seed: 1,
            week_of: today,
        },
        now,
    );
    // A pipeline a coordinator recognises: most candidates in interviews, a few new, one
    // with an offer, one closed (the random stages of a big team can leave a small one
    // with nobody to schedule).
    const STAGES: [Stage; 8] = [
        Stage::Interviewing,
        Stage::Interviewing,
        Stage::Applied,
        Stage::Interviewing,
        Stage::Interviewing,
        Stage::Offer,
        Stage::Applied,
        Stage::Closed,
    ];
    for (c, stage) in doc.candidates.iter_mut().zip(STAGES) {
        c.stage = stage;
    }
    doc
}

fn hm(h: u16, m: u16) -> WallTime {
    WallTime::from_minutes(h * 60 + m).unwrap_or(WallTime::END_OF_DAY)
}

fn window(a: (u16, u16), b: (u16, u16)) -> HoursWindow {
    HoursWindow {
        start: hm(a.0, a.1),
        end: hm(b.0, b.1),
    }
}

/// Working hours of one of six real shapes.
fn hours(rng: &mut SplitMix64) -> WeeklyHours {
    let weekdays = [0, 1, 2, 3, 4];
    match rng.below(6) {
        0 => WeeklyHours::uniform(&weekdays, &[window((9, 0), (17, 30))]),
        1 => WeeklyHours::uniform(
            &weekdays,
            &[window((8, 30), (12, 30)), window((13, 30), (17, 30))],
        ),
        2 => WeeklyHours::uniform(&weekdays, &[window((10, 0), (18, 30))]),
        3 => WeeklyHours::uniform(&weekdays, &[window((7, 30), (15, 30))]),
        4 => WeeklyHours::uniform(&[0, 1, 2, 3], &[window((8, 0), (18, 0))]),
        _ => WeeklyHours::uniform(&[0, 2, 4], &[window((9, 0), (13, 0))]),
    }
}

fn at(tz: Tz, date: NaiveDate, h: u16, m: u16) -> DateTime<Utc> {
    wall_instant(tz, date, hm(h, m))
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// A work calendar from `first` for `weeks` weeks: daily stand-up, a weekly 1:1, a few
/// meetings a week, and now and then a day off.
fn work_calendar(
    rng: &mut SplitMix64,
    tz: Tz,
    h: &WeeklyHours,
    first: NaiveDate,
    weeks: i64,
) -> Vec<Interval> {
    let mut busy = Vec::new();
    let one_on_one = rng.below(5);
    for d in 0..weeks * 7 {
        let date = first + Duration::days(d);
        let wd = date.weekday().num_days_from_monday() as usize;
        let Some(w) = h.day(wd).first().copied() else {
            continue;
        };
        if rng.chance(3) {
            busy.push(Interval {
                start: at(tz, date, 0, 0),
                end: at(tz, date + Duration::days(1), 0, 0),
            });
            continue;
        }
        let open = w.start.minutes();
        let stand = open + 30;
        busy.push(Interval {
            start: at(tz, date, stand / 60, stand % 60),
            end: at(tz, date, (stand + 15) / 60, (stand + 15) % 60),
        });
        if wd == one_on_one {
            let s = open + 120;
            busy.push(Interval {
                start: at(tz, date, s / 60, s % 60),
                end: at(tz, date, (s + 60) / 60, (s + 60) % 60),
            });
        }
        let last_end = h.day(wd).last().map_or(w.end, |x| x.end).minutes();
        for _ in 0..rng.below(2) {
            let len = [30u16, 45, 60, 90][rng.below(4)];
            let span = last_end.saturating_sub(open + len);
            let s = open + (rng.below(usize::from(span / 15) + 1) as u16) * 15;
            busy.push(Interval {
                start: at(tz, date, s / 60, s % 60),
                end: at(tz, date, (s + len) / 60, (s + len) % 60),
            });
        }
    }
    busy.retain(|b| b.start < b.end);
    IntervalSet::from_intervals(busy).intervals().to_vec()
}

fn id<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    // Example ids are built from digits and fixed prefixes, always valid.
    r.unwrap_or_else(|e| unreachable!("example id: {e}"))
}

/// A realistic team of the given size, stamped `now`. Deterministic for a spec.
pub fn team(spec: &ExampleSpec, now: DateTime<Utc>) -> DataDoc {
    let mut rng = SplitMix64::new(spec.seed ^ 0x005E_ED0F_0D0A);
    let week = monday_of(spec.week_of);
    let plans: Vec<Plan> = vec![
        fintech_five_step(
            id(PlanId::new("fintech-backend")),
            "Backend engineer (payments)",
        ),
        five_round_loop(id(PlanId::new("loop-platform")), "Platform engineer"),
    ];

    let mut interviewers = Vec::with_capacity(spec.interviewers);
    for k in 0..spec.interviewers {
        let (_, tz) = *rng.pick(&CITIES);
        let (first, last) = (*rng.pick(&FIRST), *rng.pick(&LAST));
        let h = hours(&mut rng);
        let mut i = Interviewer::new(
            id(InterviewerId::new(format!("ivr-{:03}", k + 1))),
            &format!("{first} {last}"),
            tz,
            h.clone(),
        );
        i.email = format!(
            "{}.{}@example.com",
            first.to_lowercase(),
            last.to_lowercase().replace(' ', "")
        )
        .chars()
        .filter(|c| c.is_ascii())
        .collect();
        // Everyone is in one pool by turn (so every pool has people), some in one or two more.
        i.pools.insert(POOLS[k % POOLS.len()].to_string());
        for _ in 0..rng.below(3) {
            i.pools.insert(POOLS[rng.below(4)].to_string());
        }
        i.max_per_day = Some(1 + rng.below(3) as u32);
        i.max_per_week = rng.chance(80).then(|| 3 + rng.below(6) as u32);
        i.buffer_minutes = [0, 5, 10, 15][rng.below(4)];
        i.all_day_busy = rng.chance(90);
        i.calendars.push(CalendarSource {
            id: id(SourceId::new("work")),
            location: format!("https://calendar.example.com/{}.ics", i.id),
            imported_at: Some(now),
            busy: work_calendar(&mut rng, tz, &h, week - Duration::weeks(1), 5),
        });
        interviewers.push(i);
    }

    let stages = [
        Stage::Applied,
        Stage::Interviewing,
        Stage::Interviewing,
        Stage::Offer,
        Stage::Closed,
    ];
    let mut candidates = Vec::with_capacity(spec.candidates);
    for k in 0..spec.candidates {
        let (_, tz) = *rng.pick(&CITIES);
        let (first, last) = (*rng.pick(&FIRST), *rng.pick(&LAST));
        let mut c = Candidate::new(
            id(CandidateId::new(format!("cand-{:05}", k + 1))),
            &format!("{first} {last}"),
            tz,
        );
        c.email = format!("{}.{}@mail.example", first.to_lowercase(), k + 1)
            .chars()
            .filter(|c| c.is_ascii())
            .collect();
        c.plan = Some(plans[k % plans.len()].id.clone());
        c.stage = *rng.pick(&stages);
        c.max_minutes_per_day = rng.chance(50).then_some(240);
        let (from, to) = if rng.chance(70) { (9, 18) } else { (12, 20) };
        let mut windows = Vec::new();
        for d in 0..21 {
            let date = week + Duration::days(d);
            if date.weekday().num_days_from_monday() < 5 && !rng.chance(15) {
                windows.push(Interval {
                    start: at(tz, date, from, 0),
                    end: at(tz, date, to, 0),
                });
            }
        }
        c.available = IntervalSet::from_intervals(windows);
        if rng.chance(30) {
            c.notes = "Prefers video calls; referred by a former colleague.".into();
        }
        candidates.push(c);
    }

    let mut by_pool: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (k, i) in interviewers.iter().enumerate() {
        for p in &i.pools {
            by_pool
                .entry(
                    POOLS
                        .iter()
                        .find(|x| *x == p)
                        .copied()
                        .unwrap_or("engineering"),
                )
                .or_default()
                .push(k);
        }
    }
    let mut bookings = Vec::with_capacity(spec.bookings);
    for k in 0..spec.bookings {
        if candidates.is_empty() || interviewers.is_empty() {
            break;
        }
        let c = &candidates[rng.below(candidates.len())];
        let plan = plans
            .iter()
            .find(|p| Some(&p.id) == c.plan.as_ref())
            .unwrap_or(&plans[0]);
        let round = rng.pick(&plan.rounds);
        let mut who: Vec<InterviewerId> = Vec::new();
        for n in &round.needs {
            match n {
                Need::Pool { pool, count } => {
                    let members = by_pool.get(pool.as_str()).map(Vec::as_slice).unwrap_or(&[]);
                    for _ in 0..*count {
                        if let Some(&m) = (!members.is_empty()).then(|| rng.pick(members)) {
                            if !who.contains(&interviewers[m].id) {
                                who.push(interviewers[m].id.clone());
                            }
                        }
                    }
                }
                Need::Person(p) => who.push(p.clone()),
            }
        }
        if who.is_empty() {
            who.push(interviewers[rng.below(interviewers.len())].id.clone());
        }
        let lead = interviewers
            .iter()
            .find(|i| i.id == who[0])
            .unwrap_or(&interviewers[0]);
        // 95 % in the past year, 5 % in the coming two weeks.
        let day_offset = if rng.chance(95) {
            -(1 + rng.below(364) as i64)
        } else {
            rng.below(14) as i64
        };
        let mut date = spec.week_of + Duration::days(day_offset);
        while date.weekday().num_days_from_monday() >= 5 {
            date -= Duration::days(1);
        }
        let wd = date.weekday().num_days_from_monday() as usize;
        let w = lead
            .working_hours
            .day(wd)
            .first()
            .copied()
            .unwrap_or(window((9, 0), (17, 0)));
        let room = w
            .end
            .minutes()
            .saturating_sub(w.start.minutes() + round.duration_minutes as u16)
            / 15;
        let s = w.start.minutes() + rng.below(usize::from(room) + 1) as u16 * 15;
        let start = at(lead.time_zone, date, s / 60, s % 60);
        let past = day_offset < 0;
        let status = if past {
            if rng.chance(90) {
                BookingStatus::Confirmed
            } else {
                BookingStatus::Cancelled
            }
        } else {
            *rng.pick(&[
                BookingStatus::Proposed,
                BookingStatus::Held,
                BookingStatus::Confirmed,
            ])
        };
        let bid = id(BookingId::new(format!("ex-{:06}", k + 1)));
        let created = start - Duration::days(3 + rng.below(10) as i64);
        bookings.push(Booking {
            uid: format!("{bid}.example@rondo"),
            id: bid,
            sequence: rng.below(3) as u32,
            candidate: c.id.clone(),
            plan: plan.id.clone(),
            round: round.id.clone(),
            round_name: round.name.clone(),
            start,
            end: start + Duration::minutes(i64::from(round.duration_minutes)),
            interviewers: who,
            status,
            created_at: created.min(now),
            updated_at: created.min(now),
            trainees: Vec::new(),
        });
    }

    applied_dates(&mut candidates, &bookings, week, now);

    DataDoc {
        format: DATA_FORMAT.to_string(),
        exported_at: now,
        interviewers,
        candidates,
        plans,
        bookings,
        invites_sent: Vec::new(),
        training_paths: Vec::new(),
        trainees: Vec::new(),
        answers: Vec::new(),
        outbox: Vec::new(),
        calendars: None,
    }
}

/// When each candidate applied: one to nine days (by their number, so no random draw
/// shifts the rest of the team) before their first booking was made, or before the
/// current week's Monday when nothing is booked; never after `now`.
fn applied_dates(
    candidates: &mut [Candidate],
    bookings: &[Booking],
    week: NaiveDate,
    now: DateTime<Utc>,
) {
    let mut first: std::collections::HashMap<&CandidateId, DateTime<Utc>> =
        std::collections::HashMap::new();
    for b in bookings {
        let at = first.entry(&b.candidate).or_insert(b.created_at);
        *at = (*at).min(b.created_at);
    }
    let monday = week.and_time(chrono::NaiveTime::MIN).and_utc();
    for (k, c) in candidates.iter_mut().enumerate() {
        let from = first.get(&c.id).copied().unwrap_or(monday);
        c.applied = Some((from - Duration::days(1 + (k % 9) as i64)).min(now));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(seed: u64) -> ExampleSpec {
        ExampleSpec {
            interviewers: 30,
            candidates: 20,
            bookings: 100,
            seed,
            week_of: NaiveDate::from_ymd_opt(2026, 3, 4).expect("valid date"),
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_team_and_another_seed_another() {
        let now = DateTime::<Utc>::UNIX_EPOCH;
        let a = serde_json::to_string(&team(&spec(7), now)).expect("json");
        let b = serde_json::to_string(&team(&spec(7), now)).expect("json");
        let c = serde_json::to_string(&team(&spec(8), now)).expect("json");
        assert_eq!(a, b, "seed 7 twice gives the same bytes");
        assert_ne!(a, c, "seeds 7 and 8 differ");
    }

    #[test]
    fn example_teams_have_the_asked_sizes_and_valid_records() {
        let doc = team(&spec(3), DateTime::<Utc>::UNIX_EPOCH);
        assert_eq!(
            (
                doc.interviewers.len(),
                doc.candidates.len(),
                doc.bookings.len()
            ),
            (30, 20, 100),
            "sizes as asked"
        );
        for i in &doc.interviewers {
            assert_eq!(i.validate(), Ok(()), "interviewer {} is valid", i.id);
            assert!(
                !i.calendars[0].busy.is_empty(),
                "interviewer {} has a busy calendar",
                i.id
            );
        }
        for p in POOLS {
            assert!(
                doc.interviewers.iter().any(|i| i.pools.contains(p)),
                "pool {p} has someone"
            );
        }
        let zones: std::collections::BTreeSet<&str> = doc
            .interviewers
            .iter()
            .map(|i| i.time_zone.name())
            .collect();
        assert!(zones.len() >= 6, "people spread over many zones: {zones:?}");
        for b in &doc.bookings {
            assert_eq!(b.validate(), Ok(()), "booking {} is valid", b.id);
        }
    }
}
