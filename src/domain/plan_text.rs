//! The plan's text grammar, as a coordinator types it in the plan editor's columns and on
//! the command line (`rondo plan add --round`), read and written in one place:
//!
//! - who a round needs: `2 from backend, @ivr-003` (a pool by count — `backend` alone is
//!   one — and a person by `@id`); pools are lower case, as [`parse_pools`] makes them;
//!   in the same column, optional trainee seats: `+1 trainee from backend`;
//! - the rounds it follows: `screen 1d, design 15m-4h` (a round id, the least gap and
//!   optionally the largest, each as [`parse_gap`] reads it);
//! - same-day groups: `technical + design; hr + product`.
//!
//! Each `*_text` function writes what its `parse_*` reads back to the same value.

#[cfg(test)]
use super::gap_text;
use super::plan::GAP_UNITS;
use super::{AfterRule, DomainError, InterviewerId, Need, RoundId, TraineeSeats};
use std::collections::BTreeSet;

fn bad(field: &str, message: impl std::fmt::Display) -> DomainError {
    DomainError::bad_text(field, message)
}

/// Pools as typed (`Backend, culture`): comma separated, trimmed, lower case.
pub fn parse_pools(text: &str) -> BTreeSet<String> {
    text.split(',')
        .map(|p| p.trim().to_lowercase())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Reads a gap (`45m`, `2h`, `1d`, `1d3h`, or plain minutes).
pub fn parse_gap(text: &str) -> Option<u32> {
    let t = text.trim();
    if let Ok(m) = t.parse::<u32>() {
        return Some(m);
    }
    let (mut total, mut num) = (0u32, String::new());
    for ch in t.chars() {
        match ch {
            '0'..='9' => num.push(ch),
            'd' | 'h' | 'm' => {
                let n: u32 = num.parse().ok()?;
                num.clear();
                let unit = GAP_UNITS
                    .iter()
                    .find(|(suffix, _, _)| suffix.starts_with(ch))
                    .map_or(1, |&(_, size, _)| size);
                total = total.checked_add(n.checked_mul(unit)?)?;
            }
            _ => return None,
        }
    }
    (num.is_empty() && !t.is_empty()).then_some(total)
}

/// Who a round needs, as typed (each need as it displays).
pub fn needs_text(needs: &[Need]) -> String {
    needs
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The "who" column of a round: its needs, then its trainee seats
/// (`2 from backend, +1 trainee from backend`).
pub fn who_text(needs: &[Need], seats: &[TraineeSeats]) -> String {
    let mut parts: Vec<String> = needs.iter().map(ToString::to_string).collect();
    parts.extend(seats.iter().map(trainee_seats_text));
    parts.join(", ")
}

/// One round's trainee seats of a pool as typed (`+1 trainee from backend`,
/// `+2 trainees from design`): what [`parse_trainee_seats`] reads back.
pub fn trainee_seats_text(seats: &TraineeSeats) -> String {
    let noun = if seats.count == 1 {
        "trainee"
    } else {
        "trainees"
    };
    format!("+{} {noun} from {}", seats.count, seats.pool)
}

/// Reads the trainee seats of a "who" column (`+1 trainee from backend`; `+backend` is
/// one seat); `field` names the column in errors. Other parts are needs, read by
/// [`parse_needs`].
pub fn parse_trainee_seats(text: &str, field: &str) -> Result<Vec<TraineeSeats>, DomainError> {
    let mut seats = Vec::new();
    for part in text.split(',').map(str::trim) {
        let Some(seat) = part.strip_prefix('+') else {
            continue;
        };
        let (count, pool) = match seat.split_once(" from ") {
            Some((n, pool)) => {
                let n = n.trim();
                let n = n
                    .strip_suffix("trainees")
                    .or_else(|| n.strip_suffix("trainee"))
                    .unwrap_or(n);
                let count: u32 = n.trim().parse().map_err(|_| {
                    bad(
                        field,
                        format!("\u{201c}{part}\u{201d} needs a number, like \u{201c}+1 trainee from backend\u{201d}"),
                    )
                })?;
                (count, pool)
            }
            None => (1, seat),
        };
        let pool = pool.trim().to_lowercase();
        if pool.is_empty() || count == 0 {
            return Err(bad(
                field,
                format!("\u{201c}{part}\u{201d} names no pool or no seat, like \u{201c}+1 trainee from backend\u{201d}"),
            ));
        }
        seats.push(TraineeSeats { pool, count });
    }
    Ok(seats)
}

/// Reads who a round needs (`2 from backend, @ivr-003`); `field` names the column in
/// errors (`Technical, who`). Trainee seats (`+1 trainee from backend`) are left to
/// [`parse_trainee_seats`].
pub fn parse_needs(text: &str, field: &str) -> Result<Vec<Need>, DomainError> {
    let mut needs = Vec::new();
    let parts = text.split(',').map(str::trim);
    for part in parts.filter(|p| !p.is_empty() && !p.starts_with('+')) {
        let need = if let Some(who) = part.strip_prefix('@') {
            Need::Person(InterviewerId::new(who.trim()).map_err(|e| bad(field, e))?)
        } else if let Some((n, pool)) = part.split_once(" from ") {
            let count = n.trim().parse().map_err(|_| {
                bad(
                    field,
                    format!("\u{201c}{part}\u{201d} needs a number, like \u{201c}2 from backend\u{201d}"),
                )
            })?;
            Need::Pool {
                pool: pool.trim().to_lowercase(),
                count,
            }
        } else {
            Need::Pool {
                pool: part.to_lowercase(),
                count: 1,
            }
        };
        needs.push(need);
    }
    Ok(needs)
}

/// The rounds a round follows, as typed (each rule as it displays).
pub fn after_text(after: &[AfterRule]) -> String {
    after
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads the rounds a round follows (`screen 1d, design 15m-4h`; a round id alone means
/// no least gap); `field` names the column in errors (`Technical, after`).
pub fn parse_after(text: &str, field: &str) -> Result<Vec<AfterRule>, DomainError> {
    let mut after = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let wrong = || {
            bad(
                field,
                "write a round id and the least gap, like \u{201c}screen 1d\u{201d} or \u{201c}technical 15m-4h\u{201d}",
            )
        };
        let (round, gaps) = part.split_once(' ').unwrap_or((part, "0m"));
        let (min, max) = match gaps.trim().split_once('-') {
            Some((a, b)) => (
                parse_gap(a).ok_or_else(wrong)?,
                Some(parse_gap(b).ok_or_else(wrong)?),
            ),
            None => (parse_gap(gaps).ok_or_else(wrong)?, None),
        };
        after.push(AfterRule {
            round: RoundId::new(round.trim()).map_err(|e| bad(field, e))?,
            min_gap_minutes: min,
            max_gap_minutes: max,
        });
    }
    Ok(after)
}

/// Same-day groups, as typed.
pub fn same_day_text(groups: &[Vec<RoundId>]) -> String {
    groups
        .iter()
        .map(|g| {
            g.iter()
                .map(RoundId::to_string)
                .collect::<Vec<_>>()
                .join(" + ")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Reads same-day groups (`technical + design; hr + product`).
pub fn parse_same_day(text: &str) -> Result<Vec<Vec<RoundId>>, DomainError> {
    text.split(';')
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .map(|g| {
            g.split('+')
                .map(|r| RoundId::new(r.trim()).map_err(|e| bad("Same day", e)))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trainee_seats_share_the_who_column_and_read_back() {
        let text = "2 from Backend, +1 trainee from Backend, +2 trainees from design, +sre";
        let needs = parse_needs(text, "who").expect("needs");
        let seats = parse_trainee_seats(text, "who").expect("seats");
        assert_eq!(needs.len(), 1, "one need: {needs:?}");
        let got: Vec<(&str, u32)> = seats.iter().map(|s| (s.pool.as_str(), s.count)).collect();
        assert_eq!(got, [("backend", 1), ("design", 2), ("sre", 1)], "seats");
        let written = who_text(&needs, &seats);
        assert_eq!(
            written,
            "2 from backend, +1 trainee from backend, +2 trainees from design, +1 trainee from sre"
        );
        assert_eq!(
            parse_trainee_seats(&written, "who").expect("again"),
            seats,
            "reads back"
        );
        for bad in ["+x trainees from backend", "+0 trainee from backend", "+ "] {
            assert!(
                parse_trainee_seats(bad, "who").is_err(),
                "{bad:?} is refused"
            );
        }
    }

    #[test]
    fn gaps_read_back() {
        for (m, text) in [
            (0, "0m"),
            (45, "45m"),
            (120, "2h"),
            (1440, "1d"),
            (1620, "1d3h"),
        ] {
            assert_eq!(gap_text(m), text, "{m} minutes");
            assert_eq!(parse_gap(text), Some(m), "{text}");
        }
        for text in ["soon", "", "3x", "1d3", "99999999d"] {
            assert_eq!(parse_gap(text), None, "{text:?} is refused");
        }
        assert_eq!(parse_gap("90"), Some(90), "plain minutes");
    }

    #[test]
    fn columns_read_back_to_the_same_rules() {
        let needs = parse_needs("2 from Backend,  @ivr-003, culture", "who").expect("valid");
        assert_eq!(
            needs,
            [
                Need::Pool {
                    pool: "backend".into(),
                    count: 2
                },
                Need::Person(InterviewerId::new("ivr-003").expect("id")),
                Need::Pool {
                    pool: "culture".into(),
                    count: 1
                },
            ],
            "pools lower case, people by id"
        );
        assert_eq!(
            needs_text(&needs),
            "2 from backend, @ivr-003, 1 from culture"
        );
        assert_eq!(parse_needs(&needs_text(&needs), "who"), Ok(needs));

        let after = parse_after("screen 1d, design 15m-4h, hr", "after").expect("valid");
        assert_eq!(after_text(&after), "screen 1d, design 15m-4h, hr 0m");
        assert_eq!(parse_after(&after_text(&after), "after"), Ok(after));

        let groups = parse_same_day("technical + design; hr+product").expect("valid");
        assert_eq!(same_day_text(&groups), "technical + design; hr + product");
        assert_eq!(
            parse_pools(" Backend, culture,, BACKEND "),
            BTreeSet::from(["backend".to_string(), "culture".to_string()])
        );
    }

    #[test]
    fn errors_name_the_column_and_show_the_form() {
        let cases = [
            (
                parse_needs("two from backend", "Technical, who").err(),
                "2 from backend",
            ),
            (parse_needs("@", "Technical, who").err(), "Technical, who"),
            (
                parse_after("screen soon", "Technical, after").err(),
                "screen 1d",
            ),
            (parse_same_day("a + b c").err(), "Same day"),
        ];
        for (err, says) in cases {
            let err = err.expect("refused").to_string();
            assert!(err.contains(says), "{err:?} should say {says:?}");
        }
    }
}
