//! Which linked calendars need reading: one listing of each calendar home
//! ([`caldav::tags`]) before any calendar is read, so a sync in which nothing changed
//! costs one request per home rather than one (or two) per calendar.
//!
//! A calendar is grouped with the others of its account held by the same collection
//! (its home). Where the listing gives the calendar a tag equal to the one kept with its
//! busy time ([`Tagged`]), over a window that covers the one asked for, it is
//! [`Check::Unchanged`]. Otherwise it is read as before, and the tag is kept with what
//! that read gave. A home that cannot be listed (404, 403, garbage) blocks nothing: its
//! calendars are read one by one; a server that cannot be used at all (no answer, a
//! refused password) fails its calendars at once, with that reason, instead of waiting
//! for each. Busy-only calendars and subscriptions are read as they always were.

use super::reading::Job;
use crate::caldav::{self, AccountKind, CalendarCopy, Client, Tagged};
use crate::interval::Interval;
use std::collections::BTreeMap;

/// What a calendar's home listing says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Check {
    /// Read it; the tag its home listed (`None`: none, or not listed), to keep with
    /// the busy time read.
    Read(Option<String>),
    /// Not changed since its busy time was read over a window covering this one.
    Unchanged,
    /// Its server cannot be used now (why, in words): its last copy is kept.
    Failed(String),
}

/// True when `copy` holds busy time read under `tag`, over a window covering `window`.
fn same(copy: &CalendarCopy, tag: &str, window: Interval) -> bool {
    copy.read_at.is_some()
        && copy.tagged.as_ref().is_some_and(|t: &Tagged| {
            t.tag == tag && t.window.start <= window.start && window.end <= t.window.end
        })
}

/// Sets each job's [`Check`]: lists the home of every group of calendars of a server
/// account that are read by events (not busy-only), once per group. Returns how many
/// homes were listed.
pub(super) fn check(
    jobs: &mut [Job],
    clients: &BTreeMap<String, Result<Client, String>>,
    window: Interval,
) -> usize {
    let mut listed = 0;
    let mut groups: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, job) in jobs.iter().enumerate() {
        let by_events = matches!(job.account.kind, AccountKind::Server { .. })
            && !job
                .account
                .calendar(&job.link.url)
                .is_some_and(|c| c.busy_only);
        if let (true, Ok(home)) = (by_events, caldav::tags::home_of(&job.link.url)) {
            groups
                .entry((job.account.name.to_string(), home))
                .or_default()
                .push(i);
        }
    }
    for ((account, home), members) in groups {
        let Some(Ok(client)) = clients.get(&account) else {
            continue; // each read says why there is no client
        };
        listed += 1;
        match caldav::tags::tags(client, &home) {
            Ok(tags) => {
                for i in members {
                    let job = &mut jobs[i];
                    let tag = caldav::tags::collection_path(&job.link.url)
                        .ok()
                        .and_then(|path| tags.get(&path).cloned());
                    job.check = match tag {
                        Some(t) if same(&job.copy, &t, window) => Check::Unchanged,
                        tag => Check::Read(tag),
                    };
                }
            }
            Err(e) if e.server_unusable() => {
                for i in members {
                    jobs[i].check = Check::Failed(e.to_string());
                }
            }
            Err(_) => {} // read each calendar as before
        }
    }
    listed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::caldav::SyncState;
    use chrono::{DateTime, Utc};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn span(from: &str, to: &str) -> Interval {
        Interval {
            start: at(from),
            end: at(to),
        }
    }

    fn copy(read: bool, tagged: Option<(&str, Interval)>) -> CalendarCopy {
        CalendarCopy {
            key: "team\u{1f}https://cal.example.com/ada/work/".into(),
            state: SyncState::default(),
            validators: None,
            read_at: read.then(|| at("2026-11-20T09:00:00Z")),
            error: None,
            tagged: tagged.map(|(tag, window)| Tagged {
                tag: tag.into(),
                window,
                events: 3,
            }),
        }
    }

    #[test]
    fn a_calendar_is_unchanged_only_with_the_same_tag_over_a_covering_window() {
        let held = span("2026-11-19T00:00:00Z", "2027-02-19T00:00:00Z");
        let inside = span("2026-11-20T00:00:00Z", "2026-12-20T00:00:00Z");
        let later = span("2026-11-20T00:00:00Z", "2027-02-20T00:00:00Z");
        for (what, c, tag, window, expected) in [
            (
                "same tag, same window",
                copy(true, Some(("t1", held))),
                "t1",
                held,
                true,
            ),
            (
                "same tag, a window inside",
                copy(true, Some(("t1", held))),
                "t1",
                inside,
                true,
            ),
            (
                "same tag, a window that ends later",
                copy(true, Some(("t1", held))),
                "t1",
                later,
                false,
            ),
            (
                "another tag",
                copy(true, Some(("t1", held))),
                "t2",
                held,
                false,
            ),
            ("no tag kept", copy(true, None), "t1", held, false),
            (
                "never read",
                copy(false, Some(("t1", held))),
                "t1",
                held,
                false,
            ),
        ] {
            assert_eq!(same(&c, tag, window), expected, "{what}");
        }
    }
}
