//! What the window shows, computed here so that no time-zone arithmetic happens in the UI.
//!
//! - [`when_label`]: a round's time read in the zone of every person in it
//!   ("Tue 10 Mar · 18:30 Kolkata (candidate) · 14:00 Berlin (Ana)"), with the date
//!   repeated wherever it differs from the first one.
//! - [`timeline`]: the multi-zone timeline of one schedule over a window of absolute time,
//!   one [`Row`] per person with their own local clock (hour [`Mark`]s), working hours, busy
//!   and booked time, local midnights and daylight-saving changes, and the rounds as
//!   [`RoundBlock`]s spanning the rows of their people. Positions are minutes from the
//!   window's start: the UI only scales them to pixels.
//! - [`shift_round`]: a round moved by whole slots, as a drag or an arrow key does.
//! - [`candidate_days`]: the candidate-local dates of a schedule, the timeline's windows.
//! - [`dates`]: calendar dates in the person's style (`22/11/2026`, `22.11.2026`,
//!   `2026-11-22`, `11/22/2026`) and the month the date fields' picker shows.

pub mod dates;

use crate::availability::working_intervals;
use crate::engine::Violation;
use crate::interval::{Interval, IntervalSet};
use crate::problem::Problem;
use crate::solution::PlacedRound;
use chrono::{DateTime, Duration, NaiveDate, Offset, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use serde::Serialize;

/// The readable place of a zone: its last IANA component, underscores as spaces
/// (`America/New_York` → `New York`, `UTC` → `UTC`).
pub fn city(zone: Tz) -> String {
    let name = zone.name();
    name.rsplit('/').next().unwrap_or(name).replace('_', " ")
}

/// The UTC offset of `zone` at `t`, as `UTC+05:30`, `UTC−04:00` or `UTC`.
pub fn offset_label(zone: Tz, t: DateTime<Utc>) -> String {
    let secs = zone
        .offset_from_utc_datetime(&t.naive_utc())
        .fix()
        .local_minus_utc();
    if secs == 0 {
        return "UTC".to_string();
    }
    let sign = if secs < 0 { '−' } else { '+' };
    let m = secs.abs() / 60;
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

/// `Tue 10 Mar` for the local date of `t` in `zone`.
pub fn date_label(zone: Tz, t: DateTime<Utc>) -> String {
    t.with_timezone(&zone).format("%a %-d %b").to_string()
}

/// `14:00` for the wall clock of `zone` at `t`.
pub fn clock_label(zone: Tz, t: DateTime<Utc>) -> String {
    t.with_timezone(&zone).format("%H:%M").to_string()
}

/// `Wed 25 Mar 16:45 Kolkata`: an instant on the wall clock of `zone`, with the place.
pub fn instant_label(zone: Tz, t: DateTime<Utc>) -> String {
    format!(
        "{} {} {}",
        date_label(zone, t),
        clock_label(zone, t),
        city(zone)
    )
}

/// A person's display name in a request: the name when given, else the id.
fn interviewer_name(p: &Problem, id: &str) -> String {
    p.interviewers
        .iter()
        .find(|i| i.id == id)
        .map(|i| i.name.clone().unwrap_or_else(|| i.id.clone()))
        .unwrap_or_else(|| id.to_string())
}

/// The round's time in every zone of its people, the candidate's first:
/// `Tue 10 Mar · 18:30–19:30 Kolkata (candidate) · 14:00 Berlin (Ana, Ben)`. A zone whose
/// local date differs from the candidate's shows its own date
/// (`· Wed 11 Mar 05:30 Berlin (Ana)`). Interviewers sharing a zone are grouped.
pub fn when_label(p: &Problem, placed: &PlacedRound) -> String {
    let people: Vec<(String, Tz)> = placed
        .interviewers
        .iter()
        .filter_map(|id| {
            p.interviewers
                .iter()
                .find(|i| &i.id == id)
                .map(|i| (interviewer_name(p, id), i.zone))
        })
        .collect();
    when_in_zones(p.candidate.zone, placed.start, placed.end, &people)
}

/// [`when_label`] for any interview `[start, end)`: the candidate's zone `cz` first, then
/// the zones of `people` (name, zone), grouped by zone in order of first appearance.
pub fn when_in_zones(
    cz: Tz,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    people: &[(String, Tz)],
) -> String {
    let first_date = start.with_timezone(&cz).date_naive();
    let mut parts = vec![
        date_label(cz, start),
        format!(
            "{}–{} {} (candidate)",
            clock_label(cz, start),
            clock_label(cz, end),
            city(cz)
        ),
    ];
    // Zones in order of first appearance, with the people in each.
    let mut zones: Vec<(Tz, Vec<String>)> = Vec::new();
    for (name, zone) in people {
        match zones.iter_mut().find(|(z, _)| z == zone) {
            Some((_, names)) => names.push(name.clone()),
            None => zones.push((*zone, vec![name.clone()])),
        }
    }
    for (zone, names) in zones {
        let local = start.with_timezone(&zone);
        let date = if local.date_naive() == first_date {
            String::new()
        } else {
            format!("{} ", date_label(zone, start))
        };
        parts.push(format!(
            "{date}{} {} ({})",
            clock_label(zone, start),
            city(zone),
            names.join(", ")
        ));
    }
    parts.join(" · ")
}

/// A stretch of a row, in minutes from the window's start (`[start, end)`, clipped).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// First minute.
    pub start: i64,
    /// Minute after the last.
    pub end: i64,
}

/// A point of a row's axis with its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mark {
    /// Minutes from the window's start.
    pub at: i64,
    /// What it says (`09`, `Wed 11 Mar`, `clocks go back 1 h`).
    pub label: String,
    /// For ticks: a major hour (every third local hour), labelled in a sparse view.
    pub major: bool,
}

/// Who a row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The person interviewed.
    Candidate,
    /// A member of the panel.
    Interviewer,
}

/// One person's line of the timeline, in their own zone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The person's id in the request.
    pub id: String,
    /// Their display name.
    pub name: String,
    /// Candidate or interviewer.
    pub role: Role,
    /// Their IANA zone.
    pub zone: String,
    /// Their zone as a place (`Kolkata`).
    pub city: String,
    /// Their UTC offset at the window's start (`UTC+05:30`).
    pub offset: String,
    /// Their local clock at the window's start (`09:00`).
    pub clock: String,
    /// Their local full hours within the window.
    pub ticks: Vec<Mark>,
    /// Working hours (for the candidate: when they are available).
    pub working: Vec<Span>,
    /// Busy time from their calendar.
    pub busy: Vec<Span>,
    /// Interviews already booked for them.
    pub booked: Vec<Span>,
    /// Their local midnights, labelled with the date that starts.
    pub midnights: Vec<Mark>,
    /// Where their clocks change (daylight saving), in words.
    pub dst_changes: Vec<Mark>,
}

/// A round of the schedule on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundBlock {
    /// The round's id.
    pub round: String,
    /// Its name.
    pub name: String,
    /// Its place on the axis (may lie partly outside the window).
    pub span: Span,
    /// Indices into [`Timeline::rows`] of the people in it (the candidate is row 0).
    pub rows: Vec<usize>,
    /// Its time in every zone of its people ([`when_label`]).
    pub when: String,
    /// Its buffer before and after, in minutes (the largest of its interviewers').
    pub buffer_minutes: u32,
    /// The hard rules it breaks, in words (empty: it holds).
    pub problems: Vec<String>,
}

/// One schedule drawn over a window of absolute time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// The window's start.
    pub from: DateTime<Utc>,
    /// The window's end.
    pub to: DateTime<Utc>,
    /// Its length in minutes (a local day may be 23 or 25 hours).
    pub minutes: i64,
    /// The grid step rounds snap to.
    pub slot_minutes: u32,
    /// The candidate first, then each interviewer of the schedule in order of appearance.
    pub rows: Vec<Row>,
    /// The rounds, in start order.
    pub rounds: Vec<RoundBlock>,
    /// Rule breaks not tied to one round (caps, same-day groups), in words.
    pub problems: Vec<String>,
}

/// A candidate-local date on which the schedule places rounds, and its window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Day {
    /// `Tue 10 Mar`.
    pub label: String,
    /// Local midnight starting the date.
    pub from: DateTime<Utc>,
    /// Local midnight ending it.
    pub to: DateTime<Utc>,
    /// How many rounds start that date.
    pub rounds: usize,
}

/// The candidate-local dates of `placed`, in order, each with its midnight-to-midnight
/// window (23 or 25 hours on a daylight-saving date).
pub fn candidate_days(p: &Problem, placed: &[PlacedRound]) -> Vec<Day> {
    let zone = p.candidate.zone;
    let mut dates: Vec<NaiveDate> = placed
        .iter()
        .map(|r| r.start.with_timezone(&zone).date_naive())
        .collect();
    dates.sort();
    dates.dedup();
    dates
        .into_iter()
        .map(|d| {
            let from = midnight(zone, d);
            let to = midnight(zone, d + Duration::days(1));
            Day {
                label: date_label(zone, from),
                from,
                to,
                rounds: placed
                    .iter()
                    .filter(|r| r.start.with_timezone(&zone).date_naive() == d)
                    .count(),
            }
        })
        .collect()
}

/// The instant starting local date `d` in `zone` (the first instant after a gap when the
/// date starts inside one).
fn midnight(zone: Tz, d: NaiveDate) -> DateTime<Utc> {
    // `24:00` of the day before is the midnight that starts `d`.
    crate::zone::wall_instant(
        zone,
        d - Duration::days(1),
        crate::zone::WallTime::END_OF_DAY,
    )
}

/// Minutes from `from` to `t`.
fn at(from: DateTime<Utc>, t: DateTime<Utc>) -> i64 {
    (t - from).num_minutes()
}

/// The parts of `set` inside `[from, to)`, as spans.
fn spans(set: &IntervalSet, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Span> {
    set.intervals()
        .iter()
        .filter(|i| i.start < to && i.end > from)
        .map(|i| Span {
            start: at(from, i.start.max(from)),
            end: at(from, i.end.min(to)),
        })
        .collect()
}

/// A row's local clock over the window: full local hours, midnights and clock changes.
fn clock_marks(zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> [Vec<Mark>; 3] {
    let (mut ticks, mut midnights, mut changes) = (Vec::new(), Vec::new(), Vec::new());
    // Walk every quarter hour of absolute time: local full hours fall on quarter hours in
    // every zone in use (offsets are whole quarters), and offset changes happen on them.
    let mut t = from - Duration::seconds(i64::from(from.minute() % 15 * 60 + from.second()));
    let mut prev_offset = zone.offset_from_utc_datetime(&t.naive_utc()).fix();
    while t < to {
        let offset = zone.offset_from_utc_datetime(&t.naive_utc()).fix();
        if t >= from {
            let local = t.with_timezone(&zone);
            if offset != prev_offset {
                let delta = (offset.local_minus_utc() - prev_offset.local_minus_utc()) / 60;
                let how = if delta > 0 { "forward" } else { "back" };
                let size = if delta.abs() % 60 == 0 {
                    format!("{} h", delta.abs() / 60)
                } else {
                    format!("{} min", delta.abs())
                };
                changes.push(Mark {
                    at: at(from, t),
                    label: format!("clocks go {how} {size} ({})", local.format("%H:%M")),
                    major: true,
                });
            }
            if local.minute() == 0 {
                if local.hour() == 0 {
                    midnights.push(Mark {
                        at: at(from, t),
                        label: date_label(zone, t),
                        major: true,
                    });
                }
                ticks.push(Mark {
                    at: at(from, t),
                    label: local.format("%H").to_string(),
                    major: local.hour().is_multiple_of(3),
                });
            }
        }
        prev_offset = offset;
        t += Duration::minutes(15);
    }
    [ticks, midnights, changes]
}

/// The timeline of `placed` over `[from, to)`: the candidate's row, then one row per
/// interviewer of the schedule, then the rounds that overlap the window with the rules
/// they break (`violations`, from [`crate::engine::check`]).
pub fn timeline(
    p: &Problem,
    placed: &[PlacedRound],
    violations: &[Violation],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Timeline {
    let c = &p.candidate;
    let [ticks, midnights, dst_changes] = clock_marks(c.zone, from, to);
    let mut rows = vec![Row {
        id: c.id.clone(),
        name: c.name.clone().unwrap_or_else(|| c.id.clone()),
        role: Role::Candidate,
        zone: c.zone.name().to_string(),
        city: city(c.zone),
        offset: offset_label(c.zone, from),
        clock: clock_label(c.zone, from),
        ticks,
        working: spans(&c.available, from, to),
        busy: Vec::new(),
        booked: Vec::new(),
        midnights,
        dst_changes,
    }];
    let mut row_of: Vec<(usize, usize)> = Vec::new(); // (interviewer index, row)
    for id in placed.iter().flat_map(|r| r.interviewers.iter()) {
        let Some(ix) = p.interviewers.iter().position(|i| &i.id == id) else {
            continue;
        };
        if row_of.iter().any(|(i, _)| *i == ix) {
            continue;
        }
        let ivr = &p.interviewers[ix];
        let [ticks, midnights, dst_changes] = clock_marks(ivr.zone, from, to);
        let working = working_intervals(&ivr.working_hours, ivr.zone, from, to);
        let booked = IntervalSet::from_intervals(ivr.booked.clone());
        row_of.push((ix, rows.len()));
        rows.push(Row {
            id: ivr.id.clone(),
            name: ivr.name.clone().unwrap_or_else(|| ivr.id.clone()),
            role: Role::Interviewer,
            zone: ivr.zone.name().to_string(),
            city: city(ivr.zone),
            offset: offset_label(ivr.zone, from),
            clock: clock_label(ivr.zone, from),
            ticks,
            working: spans(&working, from, to),
            busy: spans(&ivr.busy, from, to),
            booked: spans(&booked, from, to),
            midnights,
            dst_changes,
        });
    }
    // Only the rounds within the window are drawn (a block outside it could not be seen
    // yet would take keyboard focus).
    let mut sorted: Vec<&PlacedRound> = placed
        .iter()
        .filter(|r| r.start < to && r.end > from)
        .collect();
    sorted.sort_by_key(|r| (r.start, r.round.clone()));
    let rounds = sorted
        .into_iter()
        .map(|r| {
            let round = p.rounds.iter().find(|x| x.id == r.round);
            let mut in_rows = vec![0];
            let mut buffer = 0;
            for id in &r.interviewers {
                if let Some(ix) = p.interviewers.iter().position(|i| &i.id == id) {
                    buffer = buffer.max(p.interviewers[ix].buffer_minutes);
                    if let Some((_, row)) = row_of.iter().find(|(i, _)| *i == ix) {
                        in_rows.push(*row);
                    }
                }
            }
            RoundBlock {
                round: r.round.clone(),
                name: round.map_or_else(|| r.round.clone(), |x| x.name.clone()),
                span: Span {
                    start: at(from, r.start),
                    end: at(from, r.end),
                },
                rows: in_rows,
                when: when_label(p, r),
                buffer_minutes: buffer,
                problems: violations
                    .iter()
                    .filter(|v| v.round.as_deref() == Some(r.round.as_str()))
                    .map(|v| v.message.clone())
                    .collect(),
            }
        })
        .collect();
    Timeline {
        from,
        to,
        minutes: at(from, to),
        slot_minutes: p.slot_minutes,
        rows,
        rounds,
        problems: violations
            .iter()
            .filter(|v| v.round.is_none())
            .map(|v| v.message.clone())
            .collect(),
    }
}

/// Why a round could not be moved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShiftError {
    /// The schedule has no round with that id.
    #[error("the schedule has no round {0:?}")]
    NoSuchRound(String),
    /// The move would leave the request's horizon.
    #[error("a round cannot move outside the request's dates ({0})")]
    OutsideHorizon(String),
}

/// `placed` with round `round` moved by `slots` grid steps (negative: earlier). The round
/// keeps its length and people; the result may break rules: check it with
/// [`crate::engine::check`].
pub fn shift_round(
    p: &Problem,
    placed: &[PlacedRound],
    round: &str,
    slots: i64,
) -> Result<Vec<PlacedRound>, ShiftError> {
    let step = Duration::minutes(i64::from(p.slot_minutes) * slots);
    let mut out = placed.to_vec();
    let r = out
        .iter_mut()
        .find(|r| r.round == round)
        .ok_or_else(|| ShiftError::NoSuchRound(round.to_string()))?;
    let moved = Interval {
        start: r.start + step,
        end: r.end + step,
    };
    if moved.start < p.horizon.start || moved.end > p.horizon.end {
        let z = p.candidate.zone;
        return Err(ShiftError::OutsideHorizon(format!(
            "{} {} to {} {} in {}",
            date_label(z, p.horizon.start),
            clock_label(z, p.horizon.start),
            date_label(z, p.horizon.end),
            clock_label(z, p.horizon.end),
            city(z)
        )));
    }
    r.start = moved.start;
    r.end = moved.end;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::ProblemDoc;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().expect("test instant")
    }

    /// A candidate in Kolkata, Ana in Berlin and Carl in New York; 15-minute slots.
    fn problem() -> Problem {
        let json = r#"{
          "format": "rondo-problem/1", "id": "t",
          "horizon": {"start": "2026-03-02T00:00:00Z", "end": "2026-04-06T00:00:00Z"},
          "slot_minutes": 15,
          "candidate": {"id": "cand", "name": "Priya", "time_zone": "Asia/Kolkata",
            "available": [{"start": "2026-03-02T00:00:00Z", "end": "2026-04-06T00:00:00Z"}]},
          "interviewers": [
            {"id": "ana", "name": "Ana", "time_zone": "Europe/Berlin", "pools": ["x"],
             "working_hours": {"mon": [["09:00","17:00"]], "tue": [["09:00","17:00"]],
               "wed": [["09:00","17:00"]], "sun": [["09:00","17:00"]]},
             "busy": [{"start": "2026-03-10T09:00:00Z", "end": "2026-03-10T10:00:00Z"}],
             "buffer_minutes": 10},
            {"id": "carl", "name": "Carl", "time_zone": "America/New_York", "pools": ["x"],
             "working_hours": {"tue": [["08:00","16:00"]]}}
          ],
          "rounds": [{"id": "r1", "name": "Technical", "duration_minutes": 60,
                      "interviewers": [{"pool": "x", "count": 2}]}]
        }"#;
        let doc: ProblemDoc = serde_json::from_str(json).expect("test request parses");
        Problem::from_doc(&doc).expect("test request is valid")
    }

    fn placed(start: &str, end: &str, who: &[&str]) -> PlacedRound {
        PlacedRound {
            round: "r1".into(),
            start: utc(start),
            end: utc(end),
            interviewers: who.iter().map(|s| s.to_string()).collect(),
            trainees: Vec::new(),
        }
    }

    #[test]
    fn when_labels_read_the_time_in_each_persons_zone() {
        let p = problem();
        let cases = [
            (
                placed("2026-03-10T13:00:00Z", "2026-03-10T14:00:00Z", &["ana"]),
                "Tue 10 Mar · 18:30–19:30 Kolkata (candidate) · 14:00 Berlin (Ana)",
                "Berlin is UTC+1 and Kolkata UTC+5:30 in winter",
            ),
            (
                placed("2026-03-10T19:00:00Z", "2026-03-10T20:00:00Z", &["ana", "carl"]),
                "Wed 11 Mar · 00:30–01:30 Kolkata (candidate) · Tue 10 Mar 20:00 Berlin (Ana) · Tue 10 Mar 15:00 New York (Carl)",
                "a date that differs from the candidate's is shown",
            ),
            (
                placed("2026-03-09T13:00:00Z", "2026-03-09T14:00:00Z", &["carl"]),
                "Mon 9 Mar · 18:30–19:30 Kolkata (candidate) · 09:00 New York (Carl)",
                "New York moved to UTC−4 on 2026-03-08",
            ),
        ];
        for (r, want, why) in cases {
            assert_eq!(when_label(&p, &r), want, "{why}");
        }
    }

    #[test]
    fn offsets_and_cities_read_like_people_say_them() {
        let cases = [
            (
                "Asia/Kolkata",
                "2026-03-10T00:00:00Z",
                "UTC+05:30",
                "Kolkata",
            ),
            (
                "America/New_York",
                "2026-03-07T12:00:00Z",
                "UTC−05:00",
                "New York",
            ),
            (
                "America/New_York",
                "2026-03-09T12:00:00Z",
                "UTC−04:00",
                "New York",
            ),
            (
                "Australia/Lord_Howe",
                "2026-04-06T00:00:00Z",
                "UTC+10:30",
                "Lord Howe",
            ),
            ("UTC", "2026-04-06T00:00:00Z", "UTC", "UTC"),
        ];
        for (zone, t, offset, place) in cases {
            let z: Tz = zone.parse().expect("test zone");
            assert_eq!(offset_label(z, utc(t)), offset, "offset of {zone} at {t}");
            assert_eq!(city(z), place, "city of {zone}");
            assert!(
                instant_label(z, utc(t)).ends_with(place),
                "an instant label names the place of {zone}"
            );
        }
    }

    #[test]
    fn each_row_has_its_own_local_clock_on_the_shared_axis() {
        let p = problem();
        let r = placed(
            "2026-03-10T13:00:00Z",
            "2026-03-10T14:00:00Z",
            &["ana", "carl"],
        );
        let t = timeline(
            &p,
            &[r],
            &[],
            utc("2026-03-10T00:00:00Z"),
            utc("2026-03-11T00:00:00Z"),
        );
        assert_eq!(t.minutes, 1440, "a UTC day");
        let names: Vec<&str> = t.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            ["Priya", "Ana", "Carl"],
            "candidate first, then the panel"
        );
        // The absolute minute 0 is 05:30 in Kolkata: its first full hour is at minute 30.
        assert_eq!(t.rows[0].ticks[0].at, 30, "Kolkata's 06:00 is 00:30 UTC");
        assert_eq!(t.rows[0].ticks[0].label, "06", "Kolkata's first full hour");
        assert_eq!(t.rows[1].ticks[0].label, "01", "Berlin at 00:00 UTC");
        assert_eq!(t.rows[0].offset, "UTC+05:30", "Kolkata's offset");
        assert_eq!(
            t.rows[2].clock, "20:00",
            "New York at 00:00 UTC is 20:00 the day before"
        );
        // Ana works 09:00-17:00 Berlin = 08:00-16:00 UTC.
        assert_eq!(
            t.rows[1].working,
            [Span {
                start: 480,
                end: 960
            }],
            "Ana's hours"
        );
        assert_eq!(
            t.rows[1].busy,
            [Span {
                start: 540,
                end: 600
            }],
            "Ana's busy hour"
        );
        // Carl works 08:00-16:00 New York (UTC−4 after 8 March) = 12:00-20:00 UTC.
        assert_eq!(
            t.rows[2].working,
            [Span {
                start: 720,
                end: 1200
            }],
            "Carl's hours"
        );
        // Midnight in Kolkata is 18:30 UTC.
        assert_eq!(t.rows[0].midnights[0].at, 1110, "Kolkata's midnight");
        assert_eq!(
            t.rows[0].midnights[0].label, "Wed 11 Mar",
            "the date that starts"
        );
        let b = &t.rounds[0];
        assert_eq!(
            b.span,
            Span {
                start: 780,
                end: 840
            },
            "the round's place"
        );
        assert_eq!(b.rows, [0, 1, 2], "the round spans everyone's rows");
        assert_eq!(b.buffer_minutes, 10, "Ana's buffer");
    }

    #[test]
    fn only_the_rounds_inside_the_window_are_drawn() {
        let p = problem();
        let inside = placed("2026-03-10T13:00:00Z", "2026-03-10T14:00:00Z", &["ana"]);
        let mut outside = placed("2026-03-12T13:00:00Z", "2026-03-12T14:00:00Z", &["carl"]);
        outside.round = "r2".into();
        let t = timeline(
            &p,
            &[inside, outside],
            &[],
            utc("2026-03-10T00:00:00Z"),
            utc("2026-03-11T00:00:00Z"),
        );
        let drawn: Vec<&str> = t.rounds.iter().map(|r| r.round.as_str()).collect();
        assert_eq!(drawn, ["r1"], "the round two days later is not drawn");
        assert_eq!(
            t.rows.len(),
            3,
            "but Carl keeps his row: he is in the schedule"
        );
    }

    #[test]
    fn a_dst_change_is_marked_where_it_happens() {
        let p = problem();
        let r = placed("2026-03-29T08:00:00Z", "2026-03-29T09:00:00Z", &["ana"]);
        let t = timeline(
            &p,
            &[r],
            &[],
            utc("2026-03-29T00:00:00Z"),
            utc("2026-03-30T00:00:00Z"),
        );
        let berlin = &t.rows[1];
        assert_eq!(berlin.dst_changes.len(), 1, "Berlin springs forward once");
        assert_eq!(berlin.dst_changes[0].at, 60, "at 01:00 UTC");
        assert_eq!(
            berlin.dst_changes[0].label, "clocks go forward 1 h (03:00)",
            "the change in words"
        );
        assert!(
            !berlin.ticks.iter().any(|k| k.label == "02"),
            "02:00 does not exist in Berlin that night"
        );
        assert!(t.rows[0].dst_changes.is_empty(), "Kolkata keeps its clocks");
    }

    #[test]
    fn candidate_days_are_local_dates_with_their_real_length() {
        let mut p = problem();
        p.candidate.zone = "Europe/Berlin".parse().expect("zone");
        let rounds = [
            placed("2026-03-28T10:00:00Z", "2026-03-28T11:00:00Z", &["ana"]),
            placed("2026-03-29T10:00:00Z", "2026-03-29T11:00:00Z", &["ana"]),
        ];
        let days = candidate_days(&p, &rounds);
        let got: Vec<(&str, i64)> = days
            .iter()
            .map(|d| (d.label.as_str(), (d.to - d.from).num_hours()))
            .collect();
        assert_eq!(
            got,
            [("Sat 28 Mar", 24), ("Sun 29 Mar", 23)],
            "DST day is 23 h"
        );
    }

    #[test]
    fn shifting_a_round_moves_it_by_whole_slots_and_check_sees_it() {
        let p = problem();
        let r = placed("2026-03-10T13:00:00Z", "2026-03-10T14:00:00Z", &["ana"]);
        let later = shift_round(&p, std::slice::from_ref(&r), "r1", 3).expect("inside horizon");
        assert_eq!(
            later[0].start,
            utc("2026-03-10T13:45:00Z"),
            "three 15-min slots"
        );
        assert_eq!(later[0].end, utc("2026-03-10T14:45:00Z"), "same length");
        // Moved to 09:00 UTC it overlaps Ana's busy hour (10:00-11:00 Berlin).
        let into_busy =
            shift_round(&p, std::slice::from_ref(&r), "r1", -16).expect("inside horizon");
        let problems = crate::engine::check(&p, &into_busy);
        assert!(
            problems.iter().any(|v| v.rule == 5),
            "the busy hour is reported: {problems:?}"
        );
        assert_eq!(
            shift_round(&p, std::slice::from_ref(&r), "nope", 1),
            Err(ShiftError::NoSuchRound("nope".into())),
            "unknown round"
        );
        assert!(
            matches!(
                shift_round(&p, &[r], "r1", -10_000),
                Err(ShiftError::OutsideHorizon(_))
            ),
            "a move before the horizon is refused"
        );
    }
}
