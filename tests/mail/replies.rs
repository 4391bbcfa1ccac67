//! Replies saved from Google, Outlook/Exchange, Apple and Thunderbird, read and judged
//! against one booking; stale, duplicate, superseded, unknown and garbage inputs change
//! nothing and say why.

use super::{at, reply_fixture};
use rondo::answers::pick::{pick, Pick};
use rondo::answers::{
    judge, status, AnswerStatus, Answers, Incoming, Invitation, Invitee, Part, Rejection,
};
use rondo::ical::itip::{ItipMethod, PartStat};
use rondo::mail::inbound::{read_reply, InboundError, ReplyFile};

fn invitee(email: &str, name: &str, part: Part) -> Invitee {
    Invitee {
        email: email.into(),
        name: name.into(),
        part,
    }
}

/// The booking of `tests/fixtures/replies/README.md`.
fn booking() -> Invitation {
    Invitation {
        uids: vec![
            "bk-000007.k3x9-candidate@rondo".into(),
            "bk-000007.k3x9-panel@rondo".into(),
        ],
        recurrence_id: None,
        sequence: 1,
        sent_at: Some(at("2026-03-02T08:00:00Z")),
        start: at("2026-03-10T09:30:00Z"),
        invitees: vec![
            invitee("priya.raman@gmail.com", "Priya Raman", Part::Candidate),
            invitee("ana.novak@example.com", "Ana Novak", Part::Interviewer),
            invitee("ben@example.com", "Ben Okafor", Part::Interviewer),
            invitee("chloe@example.com", "Chloé Martin", Part::Interviewer),
        ],
    }
}

fn read(name: &str) -> ReplyFile {
    read_reply(&reply_fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Judges every message of fixture `name` and records the answers; returns what each
/// message did.
fn import(inv: &Invitation, answers: &mut Answers, name: &str) -> Vec<Result<Incoming, Rejection>> {
    let file = read(name);
    assert!(!file.messages.is_empty(), "{name}: at least one message");
    file.messages
        .iter()
        .map(|m| {
            let before = answers.clone();
            let verdict = judge(inv, answers, m, file.from.as_deref());
            match &verdict {
                Ok(Incoming::Answer(change)) => answers.record(change),
                Ok(_) => assert_eq!(*answers, before, "{name}: only answers change answers"),
                Err(why) => {
                    assert_eq!(*answers, before, "{name}: a refusal changes nothing");
                    assert!(!why.to_string().is_empty(), "{name}: says why");
                }
            }
            verdict
        })
        .collect()
}

fn answer_of(v: &Result<Incoming, Rejection>) -> (String, PartStat) {
    match v {
        Ok(Incoming::Answer(c)) => (c.email.clone(), c.answer.partstat),
        other => panic!("expected an answer, got {other:?}"),
    }
}

#[test]
fn each_clients_reply_is_read_with_its_quirks() {
    let cases = [
        // (fixture, UID suffix, SEQUENCE as written, attendee, answer, comment)
        (
            "google-accept.eml",
            "candidate",
            None,
            "priya.raman@gmail.com",
            PartStat::Accepted,
            None,
        ),
        (
            "outlook-accept.eml",
            "panel",
            Some(1),
            "ana.novak@example.com",
            PartStat::Accepted,
            Some("See you then."),
        ),
        (
            "apple-tentative.eml",
            "panel",
            Some(1),
            "ben@example.com",
            PartStat::Tentative,
            None,
        ),
        (
            "thunderbird-decline.eml",
            "panel",
            Some(1),
            "chloe@example.com",
            PartStat::Declined,
            Some("I am on leave that week, sorry."),
        ),
    ];
    for (name, uid, seq, email, partstat, comment) in cases {
        let file = read(name);
        assert_eq!(
            file.messages.len(),
            1,
            "{name}: the inline and attached calendar are one message"
        );
        let m = &file.messages[0];
        assert_eq!(m.method, ItipMethod::Reply, "{name}: METHOD");
        assert_eq!(m.uid, format!("bk-000007.k3x9-{uid}@rondo"), "{name}: UID");
        assert_eq!(m.sequence, seq, "{name}: SEQUENCE as written");
        assert_eq!(m.attendees.len(), 1, "{name}: one attendee");
        assert_eq!(m.attendees[0].email, email, "{name}: address, lower-cased");
        assert_eq!(m.attendees[0].partstat, partstat, "{name}: PARTSTAT");
        assert_eq!(m.comment.as_deref(), comment, "{name}: COMMENT unescaped");
        assert_eq!(
            m.start,
            Some(at("2026-03-10T09:30:00Z")),
            "{name}: DTSTART read in its zone (Windows, London, Paris or UTC)"
        );
        assert_eq!(m.end, Some(at("2026-03-10T10:30:00Z")), "{name}: DTEND");
        assert_eq!(file.from.as_deref(), Some(email), "{name}: the sender");
    }
    let outlook = read("outlook-accept.eml");
    assert!(
        outlook.messages[0]
            .summary
            .as_deref()
            .is_some_and(|s| s.starts_with("Accepted: ")),
        "Outlook's summary is kept as written"
    );
}

#[test]
fn answers_from_every_client_make_the_bookings_status() {
    let inv = booking();
    let mut answers = Answers::default();
    assert_eq!(
        status(&inv, &answers).label(),
        "0 of 4 accepted",
        "nobody answered yet"
    );
    let google = import(&inv, &mut answers, "google-accept.eml");
    assert_eq!(
        answer_of(&google[0]),
        ("priya.raman@gmail.com".into(), PartStat::Accepted)
    );
    match &google[0] {
        Ok(Incoming::Answer(c)) => assert_eq!(
            c.answer.sequence, 1,
            "Google's reply without SEQUENCE, made after version 1 was sent, answers it"
        ),
        other => panic!("{other:?}"),
    }
    import(&inv, &mut answers, "outlook-accept.eml");
    assert_eq!(status(&inv, &answers).label(), "2 of 4 accepted");
    import(&inv, &mut answers, "apple-tentative.eml");
    assert_eq!(
        status(&inv, &answers),
        AnswerStatus::ToConfirm {
            accepted: 2,
            of: 4,
            tentative: vec!["Ben Okafor".into()]
        },
        "someone tentative: to confirm"
    );
    assert_eq!(
        status(&inv, &answers).label(),
        "2 of 4 accepted, Ben Okafor tentative"
    );
    let tb = import(&inv, &mut answers, "thunderbird-decline.eml");
    assert_eq!(
        answer_of(&tb[0]),
        ("chloe@example.com".into(), PartStat::Declined)
    );
    assert_eq!(
        status(&inv, &answers),
        AnswerStatus::NeedsReplacement {
            declined: vec!["Chloé Martin".into()]
        },
        "an interviewer declined: needs a replacement"
    );
    import(&inv, &mut answers, "google-decline.ics");
    assert_eq!(
        status(&inv, &answers).label(),
        "reschedule: Priya Raman declined",
        "the candidate declined: reschedule, before anything else"
    );
}

#[test]
fn all_accepted_is_confirmed_and_shadows_never_block() {
    let mut inv = booking();
    inv.invitees.truncate(2);
    inv.invitees
        .push(invitee("ben@example.com", "Ben Okafor", Part::Optional));
    let mut answers = Answers::default();
    import(&inv, &mut answers, "google-accept.eml");
    import(&inv, &mut answers, "outlook-accept.eml");
    import(&inv, &mut answers, "apple-tentative.eml");
    assert_eq!(
        status(&inv, &answers),
        AnswerStatus::Confirmed,
        "candidate and interviewer accepted; the shadow's 'tentative' does not count"
    );
    // A new version (the interview moved): the old answers no longer count.
    inv.sequence = 2;
    assert_eq!(status(&inv, &answers).label(), "0 of 2 accepted");
}

/// Tells whether a rejection is the expected kind.
type RejectionKind = fn(&Rejection) -> bool;

#[test]
fn stale_duplicate_superseded_and_strangers_change_nothing_and_say_why() {
    let inv = booking();
    let mut answers = Answers::default();
    import(&inv, &mut answers, "apple-tentative.eml");
    import(&inv, &mut answers, "google-accept.eml");
    let recorded = answers.clone();
    let cases: [(&str, RejectionKind, &str); 6] = [
        (
            "google-accept.eml",
            |r| matches!(r, Rejection::Duplicate { .. }),
            "already answered accepted",
        ),
        (
            "apple-accept-older.ics",
            |r| matches!(r, Rejection::Superseded { .. }),
            "answered again later",
        ),
        (
            "google-accept-old-time.ics",
            |r| {
                matches!(
                    r,
                    Rejection::Stale {
                        answered: 0,
                        current: 1,
                        ..
                    }
                )
            },
            "has changed since",
        ),
        (
            "candidate-accept-seq0.ics",
            |r| {
                matches!(
                    r,
                    Rejection::Stale {
                        answered: 0,
                        current: 1,
                        ..
                    }
                )
            },
            "version 0",
        ),
        (
            "outsider-accept.ics",
            |r| matches!(r, Rejection::NotInvited { .. }),
            "mallory@example.net was not invited",
        ),
        (
            "unknown-uid.ics",
            |r| matches!(r, Rejection::OtherEvent { .. }),
            "not one of this booking's invitations",
        ),
    ];
    for (name, is, words) in cases {
        let verdicts = import(&inv, &mut answers, name);
        match &verdicts[0] {
            Err(r) => {
                assert!(is(r), "{name}: {r:?}");
                assert!(
                    r.to_string().contains(words),
                    "{name}: {r} should say {words:?}"
                );
            }
            Ok(other) => panic!("{name}: should be refused, got {other:?}"),
        }
        assert_eq!(answers, recorded, "{name}: nothing changed");
    }
}

#[test]
fn a_counter_proposal_and_a_refresh_are_told_apart_from_answers() {
    let inv = booking();
    let mut answers = Answers::default();
    let counter = import(&inv, &mut answers, "outlook-counter.eml");
    match &counter[0] {
        Ok(Incoming::Counter(c)) => {
            assert_eq!(c.email, "ana.novak@example.com");
            assert_eq!(
                (c.start, c.end),
                (at("2026-03-10T13:00:00Z"), at("2026-03-10T14:00:00Z")),
                "14:00–15:00 W. Europe Standard Time in March is 13:00–14:00 UTC"
            );
            assert_eq!(
                c.comment.as_deref(),
                Some("Could we do the afternoon instead?")
            );
        }
        other => panic!("outlook-counter.eml: {other:?}"),
    }
    let refresh = import(&inv, &mut answers, "thunderbird-refresh.ics");
    assert_eq!(
        refresh[0],
        Ok(Incoming::Refresh {
            email: "chloe@example.com".into()
        })
    );
    assert_eq!(answers, Answers::default(), "neither records an answer");
}

#[test]
fn files_that_are_not_answers_are_refused_with_their_reason() {
    let cases: [(&str, &str); 6] = [
        ("garbage.bin", "neither an e-mail"),
        ("no-calendar.eml", "carries no calendar answer"),
        ("no-method.ics", "has no METHOD"),
        ("no-dtstamp.ics", "has no DTSTAMP"),
        ("unknown-zone.ics", "Mars/Olympus_Mons"),
        ("", "empty"),
    ];
    for (name, words) in cases {
        let bytes = if name.is_empty() {
            b"  \r\n".to_vec()
        } else {
            reply_fixture(name)
        };
        let err: InboundError = read_reply(&bytes).expect_err(name);
        assert!(
            err.to_string().contains(words),
            "{name}: {err} should say {words:?}"
        );
    }
}

#[test]
fn the_candidates_reply_to_one_option_picks_it() {
    let option = |n: usize, start: &str| Invitation {
        uids: vec![format!("offer-{n}@rondo")],
        recurrence_id: None,
        sequence: 0,
        sent_at: Some(at("2026-03-02T08:00:00Z")),
        start: at(start),
        invitees: vec![invitee(
            "priya.raman@gmail.com",
            "Priya Raman",
            Part::Candidate,
        )],
    };
    let options = [
        option(1, "2026-03-10T09:30:00Z"),
        option(2, "2026-03-11T09:30:00Z"),
        option(3, "2026-03-12T04:30:00Z"),
    ];
    let reply = |uid: &str, partstat: &str, who: &str| {
        let text = format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n\
             METHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260302T090000Z\r\n\
             ATTENDEE;PARTSTAT={partstat}:mailto:{who}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        );
        rondo::ical::itip::read_itip(&text).expect("reply")[0].clone()
    };
    let cases = [
        (
            "offer-2@rondo",
            "ACCEPTED",
            "Priya.Raman@gmail.com",
            Ok(Pick::Picked { index: 1 }),
        ),
        (
            "offer-3@rondo",
            "DECLINED",
            "priya.raman@gmail.com",
            Ok(Pick::Declined { index: 2 }),
        ),
        (
            "offer-1@rondo",
            "TENTATIVE",
            "priya.raman@gmail.com",
            Ok(Pick::Maybe { index: 0 }),
        ),
    ];
    for (uid, partstat, who, want) in cases {
        assert_eq!(
            pick(&options, &reply(uid, partstat, who), None),
            want,
            "{uid} {partstat}"
        );
    }
    assert!(
        matches!(
            pick(
                &options,
                &reply("offer-9@rondo", "ACCEPTED", "priya.raman@gmail.com"),
                None
            ),
            Err(Rejection::OtherEvent { .. })
        ),
        "an option never offered"
    );
    assert!(
        matches!(
            pick(
                &options,
                &reply("offer-1@rondo", "ACCEPTED", "ana.novak@example.com"),
                None
            ),
            Err(Rejection::NotInvited { .. })
        ),
        "only the candidate picks"
    );
}
