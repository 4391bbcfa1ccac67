//! Malformed input never panics: every corpus file, mutated copies of them, and
//! generated content lines go through the importer inside `catch_unwind`.

use crate::support::shared_or_skip;
use chrono::{DateTime, Utc};
use proptest::prelude::*;
use rondo::ical::import::{busy_from_ics, ImportOptions, Window};
use std::panic::{catch_unwind, AssertUnwindSafe};

fn window() -> Window {
    let d = |s: &str| {
        DateTime::parse_from_rfc3339(s)
            .expect("date")
            .with_timezone(&Utc)
    };
    Window::new(d("2024-01-08T00:00:00Z"), d("2024-01-15T00:00:00Z")).expect("window")
}

/// Imports `text`; returns whether it panicked, and checks the invariants of a result.
fn import_is_sound(text: &str) -> Result<(), String> {
    let opts = ImportOptions::in_zone(chrono_tz::Europe::Berlin);
    match catch_unwind(AssertUnwindSafe(|| busy_from_ics(text, window(), &opts))) {
        Err(_) => Err("panicked".into()),
        Ok(Err(_)) => Ok(()),
        Ok(Ok(imp)) => {
            let w = window();
            for pair in imp.busy.windows(2) {
                if pair[0].end >= pair[1].start {
                    return Err(format!("busy not sorted and disjoint: {pair:?}"));
                }
            }
            match imp
                .busy
                .iter()
                .find(|i| i.start >= i.end || i.start < w.start() || i.end > w.end())
            {
                Some(bad) => Err(format!(
                    "busy interval empty or outside the window: {bad:?}"
                )),
                None => Ok(()),
            }
        }
    }
}

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const JUNK: &[&str] = &[
    "DTSTART:99999999T999999",
    "DTSTART;TZID=Nowhere/Zone:20240110T090000",
    "DTSTART;VALUE=DATE:2024",
    "DTEND:19000101T000000Z",
    "DURATION:-P99999W",
    "RRULE:FREQ=SECONDLY",
    "RRULE:FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2",
    "RRULE:FREQ=YEARLY;BYSETPOS=-1;BYDAY=MO;COUNT=0",
    "RRULE:FREQ=DAILY;INTERVAL=0",
    "RDATE;VALUE=PERIOD:20240110T090000Z/",
    "EXDATE:x,y,,",
    "RECURRENCE-ID;RANGE=THISANDFUTURE:20240110T090000Z",
    "BEGIN:VEVENT",
    "END:VEVENT",
    "BEGIN:VTIMEZONE",
    "TZOFFSETFROM:+9999",
    "FREEBUSY:20240110T090000Z/PT99999999H",
    ";;;:::",
    "\u{0}\u{feff}é",
];

#[test]
fn corpus_and_mutations_never_panic() {
    let Some(shared) = shared_or_skip("corpus_and_mutations_never_panic") else {
        return;
    };
    let files = super::corpus::ics_files(&shared.join("ics/corpus"));
    assert!(
        files.len() >= 400,
        "the corpus is there ({} files)",
        files.len()
    );
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in &files {
        let text = String::from_utf8_lossy(&std::fs::read(path).expect("read")).into_owned();
        let lines: Vec<&str> = text.lines().collect();
        let mut variants = vec![text.clone()];
        // Truncated at a random byte (on a char boundary).
        let cut = (0..=text.len())
            .filter(|i| text.is_char_boundary(*i))
            .nth(rng.below(text.len()))
            .unwrap_or(0);
        variants.push(text[..cut].to_string());
        // Lines dropped, duplicated, swapped for junk.
        for _ in 0..3 {
            let mut v: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            for _ in 0..4 {
                if v.is_empty() {
                    break;
                }
                let i = rng.below(v.len());
                match rng.below(3) {
                    0 => {
                        v.remove(i);
                    }
                    1 => {
                        let l = v[i].clone();
                        v.insert(rng.below(v.len()), l);
                    }
                    _ => v[i] = JUNK[rng.below(JUNK.len())].to_string(),
                }
            }
            variants.push(v.join("\r\n"));
        }
        for v in &variants {
            checked += 1;
            if let Err(why) = import_is_sound(v) {
                failures.push(format!(
                    "{} (variant of {} bytes): {why}",
                    path.display(),
                    v.len()
                ));
            }
        }
    }
    assert!(checked >= 2000, "checked {checked} inputs");
    assert!(
        failures.is_empty(),
        "{} inputs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn content_line() -> impl Strategy<Value = String> {
    let names = prop::sample::select(vec![
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        "END:VEVENT",
        "END:VCALENDAR",
        "BEGIN:VFREEBUSY",
        "END:VFREEBUSY",
        "BEGIN:VTIMEZONE",
        "END:VTIMEZONE",
        "BEGIN:STANDARD",
        "END:STANDARD",
        "DTSTART",
        "DTEND",
        "DURATION",
        "RRULE",
        "RDATE",
        "EXDATE",
        "RECURRENCE-ID",
        "UID",
        "FREEBUSY",
        "TZID",
        "TZOFFSETFROM",
        "TZOFFSETTO",
        "STATUS",
        "TRANSP",
        "SEQUENCE",
    ]);
    let params = prop::sample::select(vec![
        "",
        ";VALUE=DATE",
        ";TZID=Europe/Berlin",
        ";TZID=\"x",
        ";VALUE=PERIOD",
        ";RANGE=THISANDFUTURE",
        ";TZID=My Zone",
    ]);
    let values = prop::sample::select(vec![
        "20240110T090000Z",
        "20240110T090000",
        "20240110",
        "20240110T090000Z/PT1H",
        "PT1H",
        "P1D",
        "-PT5M",
        "FREQ=DAILY;COUNT=3",
        "FREQ=WEEKLY;UNTIL=20240201",
        "FREQ=HOURLY;BYMINUTE=0,30",
        "+0100",
        "-0530",
        "CANCELLED",
        "TRANSPARENT",
        "a",
        "",
        "9",
    ]);
    (names, params, values, any::<u8>()).prop_map(|(n, p, v, noise)| {
        if n.starts_with("BEGIN") || n.starts_with("END") {
            n.to_string()
        } else if noise % 17 == 0 {
            format!("{n}{p}{v}")
        } else {
            format!("{n}{p}:{v}")
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn generated_calendars_never_panic(lines in prop::collection::vec(content_line(), 0..40)) {
        let text = lines.join("\r\n");
        prop_assert_eq!(import_is_sound(&text), Ok(()), "input:\n{}", text);
    }
}
