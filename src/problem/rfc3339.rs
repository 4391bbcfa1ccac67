//! Reading and writing RFC 3339 instants with their offset (`2026-03-09T14:30:00Z`,
//! `2026-03-09T15:30:00+01:00`) in request documents.
//!
//! Requests hold tens of thousands of instants (busy blocks), so the common shape is
//! read by a small exact parser; anything else (fractions, lower-case `t`/`z`) goes
//! through chrono's full RFC 3339 parser, which also gives the error message.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Deserializer, Serializer};

/// Serde `deserialize_with` for an instant with an offset.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
    let s: std::borrow::Cow<'de, str> = Deserialize::deserialize(d)?;
    parse(&s).map_err(serde::de::Error::custom)
}

/// Serde `serialize_with`: RFC 3339 with the instant's own offset.
pub fn serialize<S: Serializer>(t: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
}

/// Parses an RFC 3339 instant with an offset.
pub fn parse(s: &str) -> Result<DateTime<FixedOffset>, String> {
    // RFC 3339 lets a space stand for `T`; the request format (and its checker) does not.
    let has_t = matches!(s.as_bytes().get(10), Some(b'T' | b't'));
    fast(s.as_bytes())
        .or_else(|| {
            has_t
                .then(|| DateTime::parse_from_rfc3339(s).ok())
                .flatten()
        })
        .ok_or_else(|| {
            format!("{s:?} is not an RFC 3339 instant with an offset (like 2026-03-09T14:30:00Z)")
        })
}

/// `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM`, nothing else.
fn fast(b: &[u8]) -> Option<DateTime<FixedOffset>> {
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r.clone())?.iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let offset = match (&b[19..], b[19]) {
        (b"Z", _) => 0,
        (rest, sign @ (b'+' | b'-')) if rest.len() == 6 && rest[3] == b':' => {
            let secs = (num(20..22)? * 3600 + num(23..25)? * 60) as i32;
            if sign == b'-' {
                -secs
            } else {
                secs
            }
        }
        _ => return None,
    };
    let naive = NaiveDate::from_ymd_opt(y as i32, mo, d)?.and_hms_opt(h, mi, sec)?;
    let off = FixedOffset::east_opt(offset)?;
    naive.and_local_timezone(off).single()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_path_agrees_with_chrono() {
        let cases = [
            "2026-03-09T14:30:00Z",
            "2026-03-09T15:30:00+01:00",
            "2026-03-09T09:00:00+05:30",
            "2026-11-01T01:30:00-04:00",
            "2026-12-31T23:59:59-12:00",
            "2026-03-09T14:30:00.250Z",
            "2026-03-09t14:30:00z",
        ];
        for c in cases {
            assert_eq!(parse(c).ok(), DateTime::parse_from_rfc3339(c).ok(), "{c}");
            assert_eq!(
                parse(c).map(|t| t.offset().local_minus_utc()).ok(),
                DateTime::parse_from_rfc3339(c)
                    .map(|t| t.offset().local_minus_utc())
                    .ok(),
                "offset of {c}"
            );
        }
    }

    #[test]
    fn malformed_instants_are_refused_in_words() {
        for bad in [
            "2026-03-09 14:30:00Z",
            "2026-02-30T10:00:00Z",
            "2026-03-09T14:30:00",
            "2026-03-09T25:00:00Z",
            "",
            "2026-03-09T14:30:00+1:00",
        ] {
            let err = parse(bad).expect_err(bad);
            assert!(err.contains("RFC 3339"), "{bad}: {err}");
        }
    }
}
