//! Key and value encodings of every tree (documented in DESIGN.md, "How are keys and
//! values encoded?").
//!
//! - Values: one version byte ([`RECORD_VERSION`]), then the record as JSON. A reader
//!   refuses a version byte it does not know instead of guessing.
//! - Record keys: the id's UTF-8 bytes (ids never hold `0x00`).
//! - `bookings_by_start` keys: the start instant as 8 bytes big-endian of its Unix
//!   seconds with the sign bit flipped (so byte order is time order, before 1970 too),
//!   then the booking id. Values are the whole booking (encoded as a record), so a
//!   week is listed by one range scan.
//! - `candidate_bookings` keys: candidate id, `0x00`, the start as above, the booking id;
//!   values are [`super::DayEntry`] records (live bookings only).
//! - `interviewer_days` keys: interviewer id, `0x00`, then the UTC day number (days since
//!   1970-01-01) as 4 bytes big-endian with the sign bit flipped.

use super::StoreError;
use chrono::{DateTime, Utc};
use serde::{de::DeserializeOwned, Serialize};

/// The version byte written in front of every value by this build.
pub const RECORD_VERSION: u8 = 2;

/// Encodes a record: version byte, then JSON.
pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = vec![RECORD_VERSION];
    // Serialising our own plain structs to a Vec cannot fail (no maps with non-string keys).
    serde_json::to_writer(&mut out, value)
        .unwrap_or_else(|e| unreachable!("record serialises to JSON: {e}"));
    out
}

/// Decodes a record of `tree` stored under `key`, refusing unknown version bytes.
pub fn decode<T: DeserializeOwned>(
    tree: &'static str,
    key: &[u8],
    bytes: &[u8],
) -> Result<T, StoreError> {
    let key_text = || readable_key(key);
    match bytes.first() {
        None => Err(StoreError::BadRecord {
            tree,
            key: key_text(),
            detail: "the value is empty".into(),
        }),
        Some(&v) if v > RECORD_VERSION => Err(StoreError::NewerRecord {
            tree,
            key: key_text(),
            version: v,
            supported: RECORD_VERSION,
        }),
        Some(&v) if v < RECORD_VERSION => Err(StoreError::BadRecord {
            tree,
            key: key_text(),
            detail: format!("record version {v} was not migrated"),
        }),
        Some(_) => serde_json::from_slice(&bytes[1..]).map_err(|e| StoreError::BadRecord {
            tree,
            key: key_text(),
            detail: e.to_string(),
        }),
    }
}

/// A key for messages: text where it is text, escaped bytes elsewhere.
pub fn readable_key(key: &[u8]) -> String {
    key.iter()
        .flat_map(|b| std::ascii::escape_default(*b))
        .map(char::from)
        .collect()
}

/// 8 bytes whose byte order is the order of `t`'s Unix seconds.
pub fn instant_key(t: DateTime<Utc>) -> [u8; 8] {
    ((t.timestamp() as u64) ^ (1 << 63)).to_be_bytes()
}

/// The `bookings_by_start` key of a booking.
pub fn by_start_key(start: DateTime<Utc>, id: &str) -> Vec<u8> {
    let mut k = instant_key(start).to_vec();
    k.extend_from_slice(id.as_bytes());
    k
}

/// The `candidate_bookings` key prefix of candidate `id`: the id, then `0x00`.
pub fn candidate_prefix(id: &str) -> Vec<u8> {
    let mut k = id.as_bytes().to_vec();
    k.push(0);
    k
}

/// The `candidate_bookings` key of a live booking: candidate id, `0x00`, start, booking id.
pub fn candidate_key(candidate: &str, start: DateTime<Utc>, id: &str) -> Vec<u8> {
    let mut k = candidate_prefix(candidate);
    k.extend_from_slice(&instant_key(start));
    k.extend_from_slice(id.as_bytes());
    k
}

/// The booking id of a `bookings_by_start` key.
pub fn id_of_by_start_key(key: &[u8]) -> Option<&str> {
    key.get(8..).and_then(|b| std::str::from_utf8(b).ok())
}

/// The UTC day number (days since 1970-01-01) of an instant.
pub fn day_number(t: DateTime<Utc>) -> i64 {
    t.timestamp().div_euclid(86_400)
}

/// The `interviewer_days` key of interviewer `id` on UTC day `day`.
pub fn day_key(id: &str, day: i64) -> Vec<u8> {
    let mut k = id.as_bytes().to_vec();
    k.push(0);
    let day = day.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32;
    k.extend_from_slice(&((day as u32) ^ (1 << 31)).to_be_bytes());
    k
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn instant_keys_sort_like_instants() {
        let times = [
            Utc.with_ymd_and_hms(1960, 1, 1, 0, 0, 0).single(),
            Utc.with_ymd_and_hms(1970, 1, 1, 0, 0, 0).single(),
            Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).single(),
            Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 1).single(),
        ];
        let times: Vec<_> = times
            .into_iter()
            .map(|t| t.expect("valid instant"))
            .collect();
        for w in times.windows(2) {
            assert!(
                instant_key(w[0]) < instant_key(w[1]),
                "{} sorts before {}",
                w[0],
                w[1]
            );
            assert!(
                day_key("a", day_number(w[0])) <= day_key("a", day_number(w[1])),
                "day keys of {} and {}",
                w[0],
                w[1]
            );
        }
    }

    #[test]
    fn values_with_unknown_versions_are_refused() {
        let cases: [(&[u8], &str); 4] = [
            (b"", "empty"),
            (b"\x03{}", "newer Rondo"),
            (b"\x01\"x\"", "not migrated"),
            (b"\x02{not json", "cannot be read"),
        ];
        for (bytes, want) in cases {
            let err = decode::<String>("candidates", b"c1", bytes).expect_err("refused");
            assert!(err.to_string().contains(want), "{bytes:?}: {err}");
        }
        assert_eq!(
            decode::<String>("candidates", b"c1", &encode(&"x")).ok(),
            Some("x".into()),
            "round trip"
        );
    }
}
