//! Key and value encodings of every tree (schema 3; documented in DESIGN.md, "How are
//! keys and values encoded?").
//!
//! - Values: one version byte ([`RECORD_VERSION`]), then the value in its [`Value`]
//!   layout. A reader refuses a version byte it does not know instead of guessing.
//! - Interviewers, candidates, plans, proposals, sent invites: JSON after the version byte (readable
//!   with any sled tool, few and rarely read in bulk).
//! - Bookings (in `bookings` and `bookings_by_start`) and the index entries (lists of
//!   [`super::DayEntry`] in `candidate_bookings` and `interviewer_days`):
//!   the compact binary layout below, a third of the JSON's size, so that restoring and
//!   opening a large store moves and scans less.
//! - Record keys: the id's UTF-8 bytes (ids never hold `0x00`).
//! - `bookings_by_start` keys: the start instant as 8 bytes big-endian of its Unix
//!   seconds with the sign bit flipped (so byte order is time order, before 1970 too),
//!   then the booking id. Values are the whole booking, so a week is listed by one range
//!   scan.
//! - `candidate_bookings` keys: the candidate id; values are the list of the candidate's
//!   live bookings ([`super::DayEntry`]), in start order.
//! - `interviewer_days` keys: interviewer id, `0x00`, then the UTC day number (days since
//!   1970-01-01) as 4 bytes big-endian with the sign bit flipped; values are the list of
//!   the live bookings starting that day, in start order.
//!
//! The binary layout, after the version byte, is a sequence of fields:
//!
//! - *number*: unsigned LEB128 (7 bits a byte, low first, high bit = more follows);
//! - *text*: its byte length as a number, then the UTF-8 bytes;
//! - *instant*: Unix seconds zigzag-encoded (`(s << 1) ^ (s >> 63)`) as a number, then
//!   the nanoseconds as a number;
//! - *booking*: id, uid (texts), sequence (number), candidate, plan, round, round name
//!   (texts), start, end (instants), the number of interviewers then each id (text),
//!   status (one byte: 0 proposed, 1 held, 2 confirmed, 3 cancelled), created at,
//!   updated at (instants), and only when the round has trainees, their number then
//!   each trainee's id, pool (texts) and role (one byte: 0 shadow, 1 reverse shadow);
//! - *day entry*: booking id (text), start, end (instants); a *list* of them is their
//!   count (number) then each.
//!
//! Every field is read back with its checks (ids are validated again, instants must
//! exist), and bytes left over after the last field make the value unreadable.

use super::{DayEntry, StoreError, Tree};
use crate::answers::BookingAnswers;
use crate::caldav::{CalendarAccount, CalendarCopy, CalendarLinks, CopyRead, Published};
use crate::domain::{
    BookedTrainee, Booking, BookingStatus, Candidate, DomainError, HoldOffer, Interviewer,
    InviteSent, Plan, Proposal, Trainee, TrainingPath,
};
use crate::mail::outbox::Queued;
use crate::problem::TraineeRole;
use chrono::{DateTime, Utc};

/// The version byte written in front of every value by this build.
pub const RECORD_VERSION: u8 = 3;

/// How a kind of value is laid out after the version byte.
pub trait Value: Sized {
    /// Appends the value's bytes to `out`.
    fn put(&self, out: &mut Vec<u8>);
    /// Reads a value from the bytes `put` wrote (all of them), or says what is wrong.
    fn take(bytes: &[u8]) -> Result<Self, String>;
}

macro_rules! json_value {
    ($($kind:ty),*) => {$(
        impl Value for $kind {
            fn put(&self, out: &mut Vec<u8>) {
                // Serialising our own plain structs cannot fail (no maps with non-string keys).
                serde_json::to_writer(out, self)
                    .unwrap_or_else(|e| unreachable!("record serialises to JSON: {e}"));
            }
            fn take(bytes: &[u8]) -> Result<Self, String> {
                serde_json::from_slice(bytes).map_err(|e| e.to_string())
            }
        }
    )*};
}

json_value!(
    Interviewer,
    Candidate,
    Plan,
    Proposal,
    InviteSent,
    CalendarAccount,
    CalendarLinks,
    CalendarCopy,
    CopyRead,
    Published,
    Queued,
    BookingAnswers,
    TrainingPath,
    Trainee,
    HoldOffer
);

impl Value for Booking {
    fn put(&self, out: &mut Vec<u8>) {
        put_text(out, self.id.as_str());
        put_text(out, &self.uid);
        put_number(out, u64::from(self.sequence));
        put_text(out, self.candidate.as_str());
        put_text(out, self.plan.as_str());
        put_text(out, self.round.as_str());
        put_text(out, &self.round_name);
        put_instant(out, self.start);
        put_instant(out, self.end);
        put_number(out, self.interviewers.len() as u64);
        for who in &self.interviewers {
            put_text(out, who.as_str());
        }
        out.push(match self.status {
            BookingStatus::Proposed => 0,
            BookingStatus::Held => 1,
            BookingStatus::Confirmed => 2,
            BookingStatus::Cancelled => 3,
        });
        put_instant(out, self.created_at);
        put_instant(out, self.updated_at);
        // Trainees last, only when there are some: bookings without trainees keep the
        // layout they always had.
        if !self.trainees.is_empty() {
            put_number(out, self.trainees.len() as u64);
            for t in &self.trainees {
                put_text(out, t.interviewer.as_str());
                put_text(out, &t.pool);
                out.push(match t.role {
                    TraineeRole::Shadow => 0,
                    TraineeRole::ReverseShadow => 1,
                });
            }
        }
    }

    fn take(bytes: &[u8]) -> Result<Self, String> {
        let mut r = Reader(bytes);
        let booking = Booking {
            id: r.id()?,
            uid: r.text()?.to_string(),
            sequence: u32::try_from(r.number()?).map_err(|_| "the sequence is too large")?,
            candidate: r.id()?,
            plan: r.id()?,
            round: r.id()?,
            round_name: r.text()?.to_string(),
            start: r.instant()?,
            end: r.instant()?,
            interviewers: (0..r.count()?).map(|_| r.id()).collect::<Result<_, _>>()?,
            status: match r.byte()? {
                0 => BookingStatus::Proposed,
                1 => BookingStatus::Held,
                2 => BookingStatus::Confirmed,
                3 => BookingStatus::Cancelled,
                other => return Err(format!("unknown booking status {other}")),
            },
            created_at: r.instant()?,
            updated_at: r.instant()?,
            trainees: Vec::new(),
        };
        let mut booking = booking;
        if !r.0.is_empty() {
            // Written only when there are trainees: a count of 0 is a stray byte.
            let n = r.count()?;
            if n == 0 {
                return Err("1 bytes follow the value".into());
            }
            booking.trainees = (0..n)
                .map(|_| -> Result<BookedTrainee, String> {
                    Ok(BookedTrainee {
                        interviewer: r.id()?,
                        pool: r.text()?.to_string(),
                        role: match r.byte()? {
                            0 => TraineeRole::Shadow,
                            1 => TraineeRole::ReverseShadow,
                            other => return Err(format!("unknown trainee role {other}")),
                        },
                    })
                })
                .collect::<Result<_, _>>()?;
        }
        r.end()?;
        Ok(booking)
    }
}

impl Value for DayEntry {
    fn put(&self, out: &mut Vec<u8>) {
        put_text(out, self.booking.as_str());
        put_instant(out, self.start);
        put_instant(out, self.end);
    }

    fn take(bytes: &[u8]) -> Result<Self, String> {
        let mut r = Reader(bytes);
        let entry = r.day_entry()?;
        r.end()?;
        Ok(entry)
    }
}

impl Value for Vec<DayEntry> {
    fn put(&self, out: &mut Vec<u8>) {
        put_number(out, self.len() as u64);
        for entry in self {
            entry.put(out);
        }
    }

    fn take(bytes: &[u8]) -> Result<Self, String> {
        let mut r = Reader(bytes);
        let list = (0..r.count()?)
            .map(|_| r.day_entry())
            .collect::<Result<_, _>>()?;
        r.end()?;
        Ok(list)
    }
}

fn put_number(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_text(out: &mut Vec<u8>, text: &str) {
    put_number(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

fn put_instant(out: &mut Vec<u8>, t: DateTime<Utc>) {
    let s = t.timestamp();
    put_number(out, ((s << 1) ^ (s >> 63)) as u64);
    put_number(out, u64::from(t.timestamp_subsec_nanos()));
}

/// Reads the fields of the binary layout from the front of a slice.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, String> {
        let (&b, rest) = self.0.split_first().ok_or("the value ends too early")?;
        self.0 = rest;
        Ok(b)
    }

    fn number(&mut self) -> Result<u64, String> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f)
                .checked_shl(shift)
                .filter(|v| v >> shift == u64::from(b & 0x7f))
                .ok_or("a number is too large")?;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err("a number is too large".into())
    }

    /// A count of items that follow, each at least one byte long.
    fn count(&mut self) -> Result<usize, String> {
        let n = self.number()?;
        usize::try_from(n)
            .ok()
            .filter(|&n| n <= self.0.len())
            .ok_or_else(|| format!("a count of {n} is more than the value holds"))
    }

    fn text(&mut self) -> Result<&'a str, String> {
        let len = self.count()?;
        let (bytes, rest) = self.0.split_at(len);
        self.0 = rest;
        std::str::from_utf8(bytes).map_err(|_| "a text is not UTF-8".to_string())
    }

    fn id<T: TryFrom<String, Error = DomainError>>(&mut self) -> Result<T, String> {
        T::try_from(self.text()?.to_string()).map_err(|e| e.to_string())
    }

    fn instant(&mut self) -> Result<DateTime<Utc>, String> {
        let z = self.number()?;
        let seconds = ((z >> 1) as i64) ^ -((z & 1) as i64);
        let nanos = u32::try_from(self.number()?).map_err(|_| "an instant is out of range")?;
        DateTime::from_timestamp(seconds, nanos).ok_or_else(|| "an instant is out of range".into())
    }

    fn day_entry(&mut self) -> Result<DayEntry, String> {
        Ok(DayEntry {
            booking: self.id()?,
            start: self.instant()?,
            end: self.instant()?,
        })
    }

    fn end(&self) -> Result<(), String> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(format!("{} bytes follow the value", self.0.len()))
        }
    }
}

/// Encodes a value: version byte, then its layout.
pub fn encode<T: Value>(value: &T) -> Vec<u8> {
    let mut out = vec![RECORD_VERSION];
    value.put(&mut out);
    out
}

/// Decodes a value of `tree` stored under `key`, refusing unknown version bytes.
pub fn decode<T: Value>(tree: Tree, key: &[u8], bytes: &[u8]) -> Result<T, StoreError> {
    let tree = tree.name();
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
        Some(_) => T::take(&bytes[1..]).map_err(|detail| StoreError::BadRecord {
            tree,
            key: key_text(),
            detail,
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

/// The `candidate_bookings` key of candidate `id`: the id.
pub fn candidate_key(id: &str) -> Vec<u8> {
    id.as_bytes().to_vec()
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

    fn booking(status: BookingStatus, start: DateTime<Utc>) -> Booking {
        use crate::domain::{BookingId, CandidateId, InterviewerId, PlanId, RoundId};
        Booking {
            id: BookingId::new("bk-000042").expect("valid"),
            uid: "bk-000042.0123abcd@rondo".into(),
            sequence: 300,
            candidate: CandidateId::new("cand-7").expect("valid"),
            plan: PlanId::new("loop-platform").expect("valid"),
            round: RoundId::new("technical").expect("valid"),
            round_name: "Entretien technique – 2ᵉ tour".into(),
            start,
            end: start + chrono::Duration::minutes(45),
            interviewers: ["ivr-1", "ivr-22", "ivr-333"]
                .into_iter()
                .map(|i| InterviewerId::new(i).expect("valid"))
                .collect(),
            status,
            created_at: Utc
                .timestamp_opt(1_772_000_000, 123_456_789)
                .single()
                .expect("valid"),
            updated_at: Utc.timestamp_opt(-5, 999_999_999).single().expect("valid"),
            trainees: Vec::new(),
        }
    }

    #[test]
    fn trainees_are_kept_after_the_old_layout_which_stays_as_it_was() {
        let start = Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).single();
        let plain = booking(BookingStatus::Confirmed, start.expect("valid"));
        let mut seated = plain.clone();
        for (who, role) in [
            ("ivr-9", TraineeRole::Shadow),
            ("ivr-8", TraineeRole::ReverseShadow),
        ] {
            seated.trainees.push(BookedTrainee {
                interviewer: who.parse().expect("an id"),
                pool: "backend".into(),
                role,
            });
        }
        let (a, b) = (encode(&plain), encode(&seated));
        assert!(b.starts_with(&a), "the trainees follow the old layout");
        assert_eq!(
            decode::<Booking>(Tree::Bookings, b"k", &b).ok(),
            Some(seated.clone()),
            "trainees read back"
        );
        let mut bad = b.clone();
        if let Some(last) = bad.last_mut() {
            *last = 7;
        }
        assert!(
            decode::<Booking>(Tree::Bookings, b"k", &bad).is_err(),
            "an unknown role is refused"
        );
    }

    #[test]
    fn bookings_and_day_entries_read_back_as_written() {
        let starts = [
            Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).single(),
            Utc.with_ymd_and_hms(1960, 1, 1, 0, 0, 0).single(),
            Utc.with_ymd_and_hms(2262, 4, 11, 23, 47, 16).single(),
        ];
        for (status, start) in BookingStatus::ALL.into_iter().zip(starts.iter().cycle()) {
            let b = booking(status, start.expect("valid instant"));
            let bytes = encode(&b);
            assert_eq!(
                decode::<Booking>(Tree::Bookings, b"k", &bytes)
                    .ok()
                    .as_ref(),
                Some(&b),
                "{status} booking starting {start:?}"
            );
            let json = serde_json::to_vec(&b).expect("json");
            assert!(
                bytes.len() * 2 < json.len(),
                "{status}: {} bytes, under half of the JSON's {}",
                bytes.len(),
                json.len()
            );
            let entries: Vec<DayEntry> = (0..3)
                .map(|k| DayEntry {
                    booking: b.id.clone(),
                    start: b.start + chrono::Duration::hours(k),
                    end: b.end + chrono::Duration::hours(k),
                })
                .collect();
            assert_eq!(
                decode::<Vec<DayEntry>>(Tree::InterviewerDays, b"k", &encode(&entries)).ok(),
                Some(entries.clone()),
                "{status}: day entries"
            );
            assert_eq!(
                decode::<DayEntry>(Tree::CandidateBookings, b"k", &encode(&entries[2])).ok(),
                Some(entries[2].clone()),
                "{status}: one day entry"
            );
        }
    }

    #[test]
    fn damaged_binary_values_are_refused() {
        let start = Utc
            .with_ymd_and_hms(2026, 3, 2, 9, 0, 0)
            .single()
            .expect("valid instant");
        let b = booking(BookingStatus::Held, start);
        let good = encode(&b);
        let mut long = good.clone();
        long.push(0);
        let mut bad_status = good.clone();
        let mut tail = Vec::new();
        put_instant(&mut tail, b.created_at);
        put_instant(&mut tail, b.updated_at);
        let status_at = good.len() - tail.len() - 1;
        assert_eq!(good[status_at], 1, "the status byte of a held booking");
        bad_status[status_at] = 9;
        let mut bad_id = good.clone();
        bad_id[2] = b' ';
        let cases: [(&str, &[u8], &str); 5] = [
            ("cut short", &good[..good.len() - 1], "ends too early"),
            ("cut after the id", &good[..12], "more than the value holds"),
            ("a byte too many", &long, "1 bytes follow"),
            ("unknown status", &bad_status, "unknown booking status 9"),
            ("id with a space", &bad_id, "id"),
        ];
        for (name, bytes, want) in cases {
            match decode::<Booking>(Tree::Bookings, b"bk-000042", bytes) {
                Err(e @ StoreError::BadRecord { .. }) => {
                    assert!(e.to_string().contains(want), "{name}: {e}")
                }
                other => panic!("{name}: expected BadRecord, got {other:?}"),
            }
        }
        let huge_count = [RECORD_VERSION, 0xff, 0xff, 0xff, 0xff, 0x0f];
        assert!(
            decode::<Vec<DayEntry>>(Tree::InterviewerDays, b"k", &huge_count).is_err(),
            "a count larger than the value is refused, not allocated"
        );
    }

    #[test]
    fn values_with_unknown_versions_are_refused() {
        let cases: [(&[u8], &str); 5] = [
            (b"", "empty"),
            (b"\x04{}", "newer Rondo"),
            (b"\x01\"x\"", "not migrated"),
            (b"\x02{}", "not migrated"),
            (b"\x03{not json", "cannot be read"),
        ];
        for (bytes, want) in cases {
            let err = decode::<Candidate>(Tree::Candidates, b"c1", bytes).expect_err("refused");
            assert!(err.to_string().contains(want), "{bytes:?}: {err}");
        }
        let c = Candidate::new(
            crate::domain::CandidateId::new("c1").expect("valid"),
            "Ada",
            chrono_tz::Europe::London,
        );
        assert_eq!(
            decode::<Candidate>(Tree::Candidates, b"c1", &encode(&c)).ok(),
            Some(c),
            "round trip"
        );
    }
}
