//! Fuzz target: any bytes through `busy_from_ics` must return (Ok or Err), never panic,
//! and an Ok result must be canonical busy time inside the window.
#![no_main]

use chrono::{DateTime, Utc};
use libfuzzer_sys::fuzz_target;
use rondo::ical::import::{busy_from_ics, ImportOptions, Window};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let start = DateTime::<Utc>::from_timestamp(1_704_067_200, 0).expect("2024-01-01");
    let end = DateTime::<Utc>::from_timestamp(1_709_251_200, 0).expect("2024-03-01");
    let Ok(window) = Window::new(start, end) else { return };
    let opts = ImportOptions::in_zone(chrono_tz::Europe::Berlin);
    if let Ok(imp) = busy_from_ics(&text, window, &opts) {
        for pair in imp.busy.windows(2) {
            assert!(pair[0].end < pair[1].start, "busy intervals sorted, disjoint, not touching");
        }
        for i in &imp.busy {
            assert!(i.start < i.end && i.start >= start && i.end <= end, "busy interval inside the window");
        }
    }
});
