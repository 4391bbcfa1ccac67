//! Replies imported into the store: each answer changes only that person's answer to
//! the booking it names, the booking's state follows, a proposed time waits for the
//! coordinator (accepting it moves the interview and queues the update), and a file or
//! a message that answers nothing changes nothing and says why.

use crate::store::usecases::now;
use chrono::{DateTime, Duration, Utc};
use rondo::domain::Booking;
use rondo::ical::export::audience_uid;
use rondo::store::Store;
use rondo::usecases::mail as mailing;
use rondo::usecases::{replies, UseCaseError};

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A reply calendar in Google's shape (no SEQUENCE unless given).
pub(super) fn reply(
    method: &str,
    uid: &str,
    sequence: Option<u32>,
    who: &str,
    partstat: &str,
    dtstamp: DateTime<Utc>,
    times: Option<(DateTime<Utc>, DateTime<Utc>)>,
) -> Vec<u8> {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN".into(),
        "VERSION:2.0".into(),
        format!("METHOD:{method}"),
        "BEGIN:VEVENT".into(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{}", stamp(dtstamp)),
    ];
    if let Some(s) = sequence {
        lines.push(format!("SEQUENCE:{s}"));
    }
    if let Some((s, e)) = times {
        lines.push(format!("DTSTART:{}", stamp(s)));
        lines.push(format!("DTEND:{}", stamp(e)));
    }
    lines.push(format!("ATTENDEE;PARTSTAT={partstat}:mailto:{who}"));
    lines.push("ORGANIZER:mailto:ana@hr.example.com".into());
    lines.push("END:VEVENT".into());
    lines.push("END:VCALENDAR".into());
    (lines.join("\r\n") + "\r\n").into_bytes()
}

/// A COUNTER from `who` for event `uid` of `b` (at version 0), made at `t`, proposing
/// to start at `start` for the same length.
pub(super) fn counter(
    uid: &str,
    who: &str,
    t: DateTime<Utc>,
    b: &Booking,
    start: DateTime<Utc>,
) -> Vec<u8> {
    let end = start + (b.end - b.start);
    reply(
        "COUNTER",
        uid,
        Some(0),
        who,
        "TENTATIVE",
        t,
        Some((start, end)),
    )
}

/// Imports reply `bytes` now, mailing as Ana.
pub(super) fn import(store: &Store, bytes: &[u8]) -> Result<Vec<replies::Outcome>, UseCaseError> {
    replies::import(store, bytes, &super::ana_mails(), now())
}

#[test]
fn answers_change_one_person_each_and_the_booking_state_follows() {
    let dir = tempfile::tempdir().expect("dir");
    let store = super::team_with_addresses(dir.path());
    let (out, booked) = super::book_with_mail(&store);
    let tech: Booking = booked
        .into_iter()
        .find(|b| b.round.as_str() == "tech")
        .expect("tech");
    let cand_uid = audience_uid(&tech.uid, "candidate");
    let panel_uid = audience_uid(&tech.uid, "panel");
    let engineer = format!("{}@corp.example.com", tech.interviewers[0]);
    let t = now() + Duration::hours(1);
    let state = |store: &Store| {
        let b: Booking = store.need(tech.id.as_str()).expect("booking");
        replies::answer_status(store, &b).expect("status").label()
    };
    assert_eq!(state(&store), "0 of 2 accepted");

    let o = import(
        &store,
        &reply(
            "REPLY",
            &cand_uid,
            None,
            "A@Mail.Example.org",
            "ACCEPTED",
            t,
            None,
        ),
    )
    .expect("read");
    assert_eq!(o.len(), 1);
    assert!(o[0].changed, "{o:?}");
    assert_eq!(o[0].booking.as_ref(), Some(&tech.id));
    assert_eq!(o[0].status.as_deref(), Some("1 of 2 accepted"));

    let again = import(
        &store,
        &reply(
            "REPLY",
            &cand_uid,
            None,
            "a@mail.example.org",
            "ACCEPTED",
            t,
            None,
        ),
    )
    .expect("read");
    assert!(
        !again[0].changed && again[0].said.contains("already answered"),
        "{again:?}"
    );

    let declined = import(
        &store,
        &reply("REPLY", &panel_uid, Some(0), &engineer, "DECLINED", t, None),
    )
    .expect("read");
    assert!(declined[0].changed);
    assert!(
        declined[0]
            .status
            .as_deref()
            .is_some_and(|s| s.starts_with("needs a replacement for")),
        "{declined:?}"
    );

    // Refused: someone not invited, an unknown event, a newer version than sent.
    let outsider = import(
        &store,
        &reply(
            "REPLY",
            &panel_uid,
            Some(0),
            "eve@else.example",
            "ACCEPTED",
            t,
            None,
        ),
    )
    .expect("read");
    assert!(!outsider[0].changed && outsider[0].said.contains("was not invited"));
    let unknown = import(
        &store,
        &reply(
            "REPLY",
            "bk-999999.zz-panel@rondo",
            Some(0),
            &engineer,
            "ACCEPTED",
            t,
            None,
        ),
    )
    .expect("read");
    assert!(
        !unknown[0].changed && unknown[0].booking.is_none(),
        "{unknown:?}"
    );
    let future = import(
        &store,
        &reply("REPLY", &panel_uid, Some(4), &engineer, "ACCEPTED", t, None),
    )
    .expect("read");
    assert!(!future[0].changed, "{future:?}");
    let garbage = import(&store, b"\x00\x01 not an answer at all");
    assert!(
        matches!(garbage, Err(UseCaseError::Reply(_))),
        "{garbage:?}"
    );
    assert!(
        state(&store).starts_with("needs a replacement"),
        "refused messages changed nothing"
    );

    // A proposed time waits; accepting it moves the interview and queues the update.
    let proposed = tech.start + Duration::minutes(30);
    let counter = import(
        &store,
        &counter(&cand_uid, "a@mail.example.org", t, &tech, proposed),
    )
    .expect("read");
    assert!(
        counter[0].changed && counter[0].said.contains("proposes"),
        "{counter:?}"
    );
    let b: Booking = store.need(tech.id.as_str()).expect("booking");
    let (said, _, counters) = replies::who_said(&store, &b).expect("answers");
    assert_eq!(counters.len(), 1);
    assert_eq!(
        said.iter().map(|s| s.answer.as_str()).collect::<Vec<_>>(),
        ["accepted", "declined"]
    );
    let queued_before = mailing::outbox(&store).expect("outbox").len();
    let moved = replies::accept_counter(&store, &tech.id, "a@mail.example.org", None, &out, now())
        .expect("accepted");
    assert_eq!(moved.bookings[0].start, proposed);
    assert_eq!(moved.bookings[0].sequence, 1);
    let queued = mailing::outbox(&store).expect("outbox");
    assert_eq!(
        queued.len(),
        queued_before + 2,
        "the update to candidate and panel"
    );
    assert_eq!(
        state(&store),
        "0 of 2 accepted",
        "answers to the old time no longer count"
    );
    assert!(matches!(
        replies::decline_counter(&store, &tech.id, "a@mail.example.org", &out, now()),
        Err(UseCaseError::NoCounter { .. })
    ));
    // The old answer, to version 0, is now stale.
    let stale = import(
        &store,
        &reply(
            "REPLY",
            &cand_uid,
            Some(0),
            "a@mail.example.org",
            "ACCEPTED",
            t,
            None,
        ),
    )
    .expect("read");
    assert!(
        !stale[0].changed && stale[0].said.contains("has changed since"),
        "{stale:?}"
    );
}
