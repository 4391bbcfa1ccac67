//! The Team screen's numbers in one read of the store: the heat map of interviewers ×
//! weeks against their caps (optionally one pool's), who is closest to their weekly cap,
//! and the trainees with how far along their path they are. The loops that still fit
//! take the engine longer and come in a call of their own ([`super::team::room`]), so
//! the picture is drawn first.
//!
//! Every figure is [`crate::team`]'s; this module only names the people, words the
//! trainees' stages and grades each cell ([`Level`]) so the window draws and colours
//! without computing anything.

use super::training;
use super::UseCaseError;
use crate::domain::progress::Progress;
use crate::domain::Interviewer;
use crate::store::Store;
use crate::team::load::{closest_to_cap, heat_map, team_load, Cell};
use crate::team::{members_from, IsoWeek};
use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// Weeks in the heat map: this one, the next, and the 24 before.
pub const WEEKS: usize = 26;
/// People listed as closest to their cap.
pub const NEAR: usize = 5;

/// How full a cell is, for its colour: against the weekly cap when the person has one,
/// else by interviews (1, 2, 3 and more).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// No interviews.
    None,
    /// Up to half the cap (or 1 interview without a cap).
    Light,
    /// Up to four fifths of the cap (or 2 without a cap).
    Medium,
    /// Below the cap but close (or 3 and more without a cap).
    High,
    /// Exactly at the cap.
    Full,
    /// Over the cap.
    Over,
}

impl Level {
    /// The level of `cell` for a weekly cap of `cap`.
    pub fn of(cell: &Cell, cap: Option<u32>) -> Level {
        match (cell.interviews, cap) {
            (0, _) => Level::None,
            (n, Some(cap)) if n > cap => Level::Over,
            (n, Some(cap)) if n == cap => Level::Full,
            (n, Some(cap)) if n * 2 <= cap => Level::Light,
            (n, Some(cap)) if n * 5 <= cap * 4 => Level::Medium,
            (_, Some(_)) => Level::High,
            (1, None) => Level::Light,
            (2, None) => Level::Medium,
            (_, None) => Level::High,
        }
    }
}

/// One week's column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekColumn {
    /// `2026-W10`.
    pub week: String,
    /// `W10`, the column's heading.
    pub label: String,
    /// `week of Mon 2026-03-02`, for the heading's title.
    pub title: String,
}

/// One person-week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellView {
    /// Interviews that week (as interviewer or trainee).
    pub interviews: u32,
    /// Their hours, to a tenth.
    pub hours: f64,
    /// How full, for the colour.
    pub level: Level,
    /// The cell in words, for the hover and screen readers
    /// (`2026-W10: 3 interviews, 3.5 h, cap 4`).
    pub text: String,
}

/// One interviewer's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamRow {
    /// Their id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Their weekly cap.
    pub max_per_week: Option<u32>,
    /// One per column.
    pub cells: Vec<CellView>,
}

/// Someone close to their weekly cap this week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearCapLine {
    /// Their id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Interviews this week (their own week).
    pub interviews: u32,
    /// Their weekly cap.
    pub max_per_week: u32,
    /// Interviews left under the cap.
    pub room: u32,
}

/// A trainee on one pool's path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraineeLine {
    /// Their id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// The pool they train for.
    pub pool: String,
    /// Interviews held that count.
    pub held: u32,
    /// Interviews the path asks for.
    pub interviews: u32,
    /// Where they stand.
    pub progress: Progress,
    /// The same in words (`reverse shadow next, 1 to go`).
    pub words: String,
}

/// The Team screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamScreen {
    /// Every pool, for the filter.
    pub pools: Vec<String>,
    /// The pool shown (every interviewer when `None`).
    pub pool: Option<String>,
    /// The heat map's columns, oldest first.
    pub weeks: Vec<WeekColumn>,
    /// The column of this week (in the coordinator's zone).
    pub this_week: usize,
    /// One row per interviewer shown, in id order.
    pub rows: Vec<TeamRow>,
    /// The people with the least room left this week, fullest first.
    pub closest_to_cap: Vec<NearCapLine>,
    /// Every trainee's track (graduated ones too), by interviewer then pool; only the
    /// pool's when one is shown.
    pub trainees: Vec<TraineeLine>,
}

/// How many more loops of one plan fit, as the Team screen lists them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoomLine {
    /// The plan's id.
    pub plan: String,
    /// Its name and job (`Platform loop (Platform engineer)`).
    pub name: String,
    /// Loops that fit the rest of this week.
    pub this_week: usize,
    /// Loops that fit next week.
    pub next_week: usize,
    /// `12`, or `20 or more` when counting stopped at the limit, `at least 3` when the
    /// search ran out of budget.
    pub this_week_text: String,
    /// The same for next week.
    pub next_week_text: String,
    /// The rounds that no longer fit even alone next week (what limits the count), by
    /// name.
    pub full_rounds: Vec<String>,
}

/// Loops of each stored plan that fit this week and next for a coordinator in `zone`
/// ([`super::team::room`]), at most `limit` each.
pub fn room_lines(
    store: &Store,
    now: DateTime<Utc>,
    zone: Tz,
    limit: usize,
) -> Result<Vec<RoomLine>, UseCaseError> {
    let plans: HashMap<String, crate::domain::Plan> = store
        .all::<crate::domain::Plan>()?
        .into_iter()
        .map(|p| (p.id.to_string(), p))
        .collect();
    let rooms = super::team::room(
        store,
        now,
        zone,
        super::propose::DEFAULT_SLOT_MINUTES,
        limit,
    )?;
    Ok(rooms
        .into_iter()
        .map(|r| {
            let plan = plans.get(&r.plan);
            let round_name = |id: &String| {
                plan.and_then(|p| p.rounds.iter().find(|x| x.id.as_str() == id))
                    .map_or_else(|| id.clone(), |x| x.name.clone())
            };
            RoomLine {
                name: plan.map_or_else(|| r.plan.clone(), |p| format!("{} ({})", p.name, p.job)),
                this_week: r.this_week.count(),
                next_week: r.next_week.count(),
                this_week_text: count_text(&r.this_week),
                next_week_text: count_text(&r.next_week),
                full_rounds: r.next_week.full_rounds.iter().map(round_name).collect(),
                plan: r.plan,
            }
        })
        .collect())
}

/// A count of loops in words: exact, `N or more` at the limit, `at least N` when the
/// search ran out of budget.
fn count_text(fit: &crate::engine::LoopsThatFit) -> String {
    use crate::engine::Stop;
    let n = fit.count();
    match fit.stop {
        Stop::NoneFits => n.to_string(),
        Stop::Limit => format!("{n} or more"),
        Stop::Budget => format!("at least {n}"),
    }
}

/// The Team screen at `now` for a coordinator in `zone`, of `pool` when one is given.
/// Graduates whoever finished their path ([`training::standings`]).
pub fn team_screen(
    store: &Store,
    now: DateTime<Utc>,
    zone: Tz,
    pool: Option<&str>,
) -> Result<TeamScreen, UseCaseError> {
    let trainees = training::standings(store, now)?;
    let people = store.all::<Interviewer>()?;
    let pool = pool
        .map(|p| p.trim().to_lowercase())
        .filter(|p| !p.is_empty());
    let pools: BTreeSet<String> = people.iter().flat_map(|i| i.pools.clone()).collect();
    if let Some(p) = &pool {
        if !pools.contains(p) {
            return Err(UseCaseError::UnknownPool {
                pool: p.clone(),
                known: pools.iter().cloned().collect::<Vec<_>>().join(", "),
            });
        }
    }
    let names: HashMap<&str, &str> = people
        .iter()
        .map(|i| (i.id.as_str(), i.name.as_str()))
        .collect();
    let name = |id: &str| {
        names
            .get(id)
            .map_or_else(|| id.to_string(), |n| n.to_string())
    };

    let this = IsoWeek::containing(now, zone);
    let first = this.plus(2 - WEEKS as i64);
    // A day's margin on each side: every zone's Monday midnight is within 14 hours of UTC's.
    let midnight = |w: IsoWeek| w.monday().and_time(NaiveTime::MIN).and_utc();
    let bookings = store.bookings_starting(
        midnight(first) - Duration::days(1),
        midnight(this.plus(2)) + Duration::days(1),
    )?;
    let members = members_from(&people, &bookings);
    let map = heat_map(&members, first, WEEKS, pool.as_deref());
    let rows = map
        .rows
        .iter()
        .map(|r| TeamRow {
            id: r.id.clone(),
            name: name(&r.id),
            max_per_week: r.max_per_week,
            cells: r
                .cells
                .iter()
                .zip(&map.weeks)
                .map(|(c, w)| cell_view(c, r.max_per_week, *w))
                .collect(),
        })
        .collect();
    let shown: Vec<_> = members
        .into_iter()
        .filter(|m| pool.as_ref().is_none_or(|p| m.pools.contains(p)))
        .collect();
    let closest = closest_to_cap(&team_load(&shown, now), NEAR)
        .into_iter()
        .map(|n| NearCapLine {
            name: name(&n.id),
            id: n.id,
            interviews: n.interviews,
            max_per_week: n.max_per_week,
            room: n.room,
        })
        .collect();
    let trainees = trainees
        .into_iter()
        .filter(|s| pool.as_ref().is_none_or(|p| &s.pool == p))
        .map(|s| TraineeLine {
            id: s.interviewer.to_string(),
            name: s.name,
            words: s.words,
            pool: s.pool,
            held: s.held,
            interviews: s.path.interviews(),
            progress: s.progress,
        })
        .collect();
    Ok(TeamScreen {
        pools: pools.into_iter().collect(),
        pool,
        weeks: map
            .weeks
            .iter()
            .map(|w| WeekColumn {
                week: w.to_string(),
                label: format!("W{:02}", w.week),
                title: format!("week of {}", w.monday().format("%a %Y-%m-%d")),
            })
            .collect(),
        this_week: WEEKS - 2,
        rows,
        closest_to_cap: closest,
        trainees,
    })
}

/// A cell with its hours, level and words.
fn cell_view(c: &Cell, cap: Option<u32>, week: IsoWeek) -> CellView {
    let hours = (f64::from(c.minutes) / 6.0).round() / 10.0;
    let noun = if c.interviews == 1 {
        "interview"
    } else {
        "interviews"
    };
    let cap_words = cap.map_or_else(|| "no weekly cap".to_string(), |n| format!("cap {n}"));
    CellView {
        interviews: c.interviews,
        hours,
        level: Level::of(c, cap),
        text: format!("{week}: {} {noun}, {hours} h, {cap_words}", c.interviews),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_grade_against_the_cap_or_by_count_without_one() {
        let cell = |interviews| Cell {
            interviews,
            minutes: 60 * interviews,
            share_of_cap: None,
        };
        for (n, cap, want) in [
            (0, Some(4), Level::None),
            (1, Some(4), Level::Light),
            (2, Some(4), Level::Light),
            (3, Some(4), Level::Medium),
            (4, Some(5), Level::Medium),
            (4, Some(6), Level::Medium),
            (5, Some(6), Level::High),
            (4, Some(4), Level::Full),
            (5, Some(4), Level::Over),
            (1, Some(0), Level::Over),
            (0, None, Level::None),
            (1, None, Level::Light),
            (2, None, Level::Medium),
            (7, None, Level::High),
        ] {
            assert_eq!(
                Level::of(&cell(n), cap),
                want,
                "{n} interviews, cap {cap:?}"
            );
        }
    }

    #[test]
    fn a_cell_says_its_numbers_in_words() {
        let c = Cell {
            interviews: 3,
            minutes: 210,
            share_of_cap: Some(0.75),
        };
        let v = cell_view(
            &c,
            Some(4),
            IsoWeek {
                year: 2026,
                week: 10,
            },
        );
        assert_eq!(v.hours, 3.5, "hours to a tenth");
        assert_eq!(v.text, "2026-W10: 3 interviews, 3.5 h, cap 4", "words");
        assert_eq!(v.level, Level::Medium, "three of four");
    }
}
