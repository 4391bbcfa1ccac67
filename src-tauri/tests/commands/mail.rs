//! The mail commands without a window (`commands::mail`, `answers`, `holds`): the
//! account set up (its password kept in the keyring, never in the data folder),
//! the outbox sent to a real SMTP server after a failed try and Retry, a saved decline
//! imported and the seat given to a colleague, the candidate's options held, picked
//! and withdrawn; each bad input refused with the code the UI branches on and nothing
//! stored.

use super::{find, kolkata_loop, now, open, panel, weekdays, TempDir};
use crate::e2e::mail::smtp;
use chrono::{Duration, Utc};
use rondo::domain::{Booking, BookingStatus, CandidateId, Interviewer};
use rondo::ical::export::audience_uid;
use rondo::passwords::{Keyring, MemoryKeyring, SecretName};
use rondo::usecases::invites::live_bookings;
use rondo::usecases::mail::{outbox_lines, OutboxLine};
use rondo::usecases::mail_account::MailForm;
use rondo::usecases::people::InterviewerForm;
use rondo_app::commands::{answers, app, bookings, holds, mail, people};
use rondo_app::error::ErrorCode;
use rondo_app::state::AppState;

/// A relay on this machine at `port`: no TLS, no login.
fn relay(port: u16) -> MailForm {
    MailForm {
        host: "127.0.0.1".into(),
        port: Some(port),
        security: "none".into(),
        user: String::new(),
        password: String::new(),
    }
}

/// A loopback port nothing listens on.
fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    l.local_addr().expect("its address").port()
}

/// The outbox as listed.
fn lines(state: &AppState) -> Vec<OutboxLine> {
    state
        .read(|s| Ok(outbox_lines(s, false)?))
        .expect("the outbox")
}

/// The Kolkata loop's desk with mail on (to `port`), everyone with their own address
/// and a third backend engineer free on the same hours; returns the candidate's id.
fn mailing_desk(state: &AppState, port: u16) -> String {
    panel(state, 2);
    people::save(
        state,
        &InterviewerForm {
            id: String::new(),
            name: "Ida Berg".into(),
            email: "ida@example.com".into(),
            zone: "Europe/Berlin".into(),
            pools: "backend".into(),
            hours: weekdays("08:00-18:00"),
            buffer_minutes: Some(10),
            max_per_day: Some(3),
            max_per_week: None,
        },
    )
    .expect("a third backend engineer");
    state
        .write(|s| {
            for mut i in s.all::<Interviewer>()? {
                i.email = format!("{}@corp.example.com", i.id);
                s.put(&i)?;
            }
            Ok(())
        })
        .expect("addresses");
    app::set_organizer_in(state, "Ana Ilić", "ana@hr.example.com").expect("the organizer");
    mail::setup(state, &relay(port), &MemoryKeyring::default()).expect("mail on");
    kolkata_loop(state).0
}

/// The candidate's live bookings.
fn live(state: &AppState, candidate: &str) -> Vec<Booking> {
    let id = CandidateId::new(candidate).expect("an id");
    state
        .read(|s| Ok(live_bookings(s, &id)?))
        .expect("bookings")
}

#[test]
fn the_mail_account_is_set_up_and_the_outbox_sent_after_a_failure_and_retry() {
    let test =
        "commands::mail::the_mail_account_is_set_up_and_the_outbox_sent_after_a_failure_and_retry";
    let dir = TempDir::new("mail-commands");
    let work = TempDir::new("mail-commands-smtp");
    let Some(sink) = smtp::own(test, work.path()) else {
        return;
    };
    let state = open(&dir);

    let secrets = MemoryKeyring::default();
    let refused = mail::setup(
        &state,
        &MailForm {
            security: "smoke signals".into(),
            ..relay(25)
        },
        &secrets,
    )
    .expect_err("no such security");
    assert_eq!(refused.code, ErrorCode::BadInput, "{}", refused.message);
    assert!(!mail::view(&state).on, "a refused account leaves mail off");
    let orphan = mail::setup(
        &state,
        &MailForm {
            password: "s3cret".into(),
            ..relay(25)
        },
        &secrets,
    )
    .expect_err("a password without a login");
    assert_eq!(orphan.code, ErrorCode::BadInput, "{}", orphan.message);
    assert!(secrets.is_empty(), "nothing kept");

    let shown = mail::setup(
        &state,
        &MailForm {
            host: "smtp.example.com".into(),
            port: None,
            security: "starttls".into(),
            user: "ana@example.com".into(),
            password: "s3cret pass".into(),
        },
        &secrets,
    )
    .expect("an account");
    assert_eq!(
        (shown.on, shown.port, shown.user.as_str()),
        (true, 587, "ana@example.com"),
        "STARTTLS on its usual port"
    );
    assert_eq!(
        secrets.get(&SecretName::new(
            "rondo-mail",
            "ana@example.com@smtp.example.com"
        )),
        Ok(Some("s3cret pass".to_string())),
        "the password is in the keyring"
    );
    for f in std::fs::read_dir(dir.path())
        .expect("the data folder")
        .flatten()
    {
        if f.path().is_file() {
            let text =
                String::from_utf8_lossy(&std::fs::read(f.path()).expect("a file")).into_owned();
            assert!(
                !text.contains("s3cret"),
                "{} holds the password",
                f.path().display()
            );
        }
    }

    // Booked while the server is down: every message waits to be tried again.
    let cand = mailing_desk(&state, closed_port());
    find(&state, &cand);
    let folder = TempDir::new("mail-commands-invites");
    bookings::book_into(&state, 0, folder.path(), now()).expect("booked");
    let queued = lines(&state);
    assert_eq!(queued.len(), 8, "four rounds, candidate and panel each");
    assert!(queued.iter().all(|l| l.state == "waiting"), "{queued:?}");
    let down = mail::deliver(&state).expect("a run");
    assert_eq!(
        (down.sent, down.will_retry),
        (0, 8),
        "no connection: all tried again later"
    );
    assert!(
        lines(&state)
            .iter()
            .all(|l| l.state == "waiting" && l.attempts == 1 && l.why.is_some()),
        "each says why it waits"
    );
    let unknown =
        mail::retry(&state, Some("nobody@rondo"), Utc::now()).expect_err("no such message");
    assert_eq!(unknown.code, ErrorCode::NotFound, "{}", unknown.message);

    // The server is fixed in Settings; Retry sends all, once.
    mail::setup(&state, &relay(sink.port), &secrets).expect("the right port");
    let sent = mail::retry(&state, None, Utc::now()).expect("sent");
    assert_eq!(sent.sent, 8, "{sent:?}");
    assert!(lines(&state).iter().all(|l| l.state == "sent"));
    let again = mail::deliver(&state).expect("a run");
    assert_eq!(again.sent, 0, "nothing goes twice");
    let got = sink.received();
    assert_eq!(got.len(), 8, "the server got each message once");
    let mut ids: Vec<String> = lines(&state).into_iter().map(|l| l.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 8, "eight Message-IDs");
}

#[test]
fn a_saved_decline_is_imported_and_the_seat_given_to_a_colleague() {
    let dir = TempDir::new("answer-commands");
    let state = open(&dir);
    let cand = mailing_desk(&state, closed_port());
    find(&state, &cand);
    let folder = TempDir::new("answer-commands-invites");
    bookings::book_into(&state, 0, folder.path(), now()).expect("booked");
    let tech = live(&state, &cand)
        .into_iter()
        .find(|b| b.interviewers.len() == 2)
        .expect("the technical round, two backend engineers");
    let leaving = tech.interviewers[0].to_string();
    let stayed = tech.interviewers[1].to_string();

    let files = TempDir::new("answer-commands-replies");
    let garbage = files.path().join("garbage.eml");
    std::fs::write(&garbage, "Subject: hello\r\n\r\nno calendar here\r\n").expect("written");
    let bad = answers::import_file(&state, &garbage, now()).expect_err("no calendar");
    assert_eq!(bad.code, ErrorCode::BadInput, "{}", bad.message);
    let missing = answers::import_file(&state, &files.path().join("gone.eml"), now())
        .expect_err("no such file");
    assert_eq!(missing.code, ErrorCode::File, "{}", missing.message);

    let decline = files.path().join("decline.ics");
    std::fs::write(
        &decline,
        format!(
            "BEGIN:VCALENDAR\r\nPRODID:-//Test//EN\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:{}\r\nSEQUENCE:0\r\nDTSTAMP:20260302T090000Z\r\nATTENDEE;PARTSTAT=DECLINED:mailto:{leaving}@corp.example.com\r\nORGANIZER:mailto:ana@hr.example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            audience_uid(&tech.uid, "panel")
        ),
    )
    .expect("written");
    let t = now() + Duration::hours(1);
    let read = answers::import_file(&state, &decline, t).expect("imported");
    assert_eq!(read.len(), 1, "{read:?}");
    assert!(read[0].changed, "{read:?}");
    assert_eq!(read[0].booking.as_ref(), Some(&tech.id));
    assert!(
        read[0]
            .status
            .as_deref()
            .is_some_and(|s| s.starts_with("needs a replacement")),
        "{read:?}"
    );

    let bad_id = answers::choices(&state, "not a booking!", &leaving).expect_err("bad id");
    assert_eq!(bad_id.code, ErrorCode::BadInput, "{}", bad_id.message);
    let found = answers::choices(&state, tech.id.as_str(), &leaving).expect("choices");
    let free: Vec<String> = state
        .read(|s| Ok(s.all::<Interviewer>()?))
        .expect("people")
        .into_iter()
        .filter(|i| i.pools.iter().any(|p| p == "backend") && !tech.interviewers.contains(&i.id))
        .map(|i| i.id.to_string())
        .collect();
    let ids: Vec<&str> = found.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids, free,
        "the backend engineer not in the loop, free the same hours"
    );

    let before = lines(&state).len();
    let refused = answers::replace_in(&state, tech.id.as_str(), &leaving, &stayed, t)
        .expect_err("already in the interview");
    assert_eq!(refused.code, ErrorCode::BadInput, "{}", refused.message);
    assert_eq!(lines(&state).len(), before, "a refusal queues nothing");
    let unchanged: Booking = state
        .read(|s| Ok(s.need(tech.id.as_str())?))
        .expect("the booking");
    assert_eq!(unchanged, tech, "a refusal changes nothing");

    answers::replace_in(&state, tech.id.as_str(), &leaving, &found[0].id, t)
        .expect("the seat is given");
    let now_stored: Booking = state
        .read(|s| Ok(s.need(tech.id.as_str())?))
        .expect("the booking");
    assert_eq!(
        (
            now_stored.sequence,
            now_stored.start,
            now_stored
                .interviewers
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
        ),
        (1, tech.start, vec![found[0].id.clone(), stayed.clone()]),
        "same time, the colleague in the seat, SEQUENCE + 1"
    );
    let mut fresh: Vec<(String, Vec<String>)> = lines(&state)
        .into_iter()
        .skip(before)
        .map(|l| {
            let mut to = l.to;
            to.sort();
            (l.method, to)
        })
        .collect();
    fresh.sort();
    let mut new_panel = vec![
        format!("{}@corp.example.com", found[0].id),
        format!("{stayed}@corp.example.com"),
    ];
    new_panel.sort();
    let mut expected = vec![
        (
            "CANCEL".to_string(),
            vec![format!("{leaving}@corp.example.com")],
        ),
        ("REQUEST".to_string(), vec!["priya@example.org".to_string()]),
        ("REQUEST".to_string(), new_panel),
    ];
    expected.sort();
    assert_eq!(
        fresh, expected,
        "the update to the candidate and the new panel, a CANCEL to the one who left"
    );
}

#[test]
fn options_are_held_offered_withdrawn_and_picked() {
    let dir = TempDir::new("hold-commands");
    let state = open(&dir);
    let cand = mailing_desk(&state, closed_port());
    find(&state, &cand);

    let none = holds::offer(&state, &cand, 0, 3, now()).expect_err("no option");
    assert_eq!(none.code, ErrorCode::BadInput, "{}", none.message);
    let nobody = holds::offer(&state, "no such one!", 2, 3, now()).expect_err("bad id");
    assert_eq!(nobody.code, ErrorCode::BadInput, "{}", nobody.message);
    assert!(lines(&state).is_empty(), "nothing queued");
    assert!(live(&state, &cand).is_empty(), "nothing held");

    let offered = holds::offer(&state, &cand, 2, 3, now())
        .expect("held")
        .expect("an offer");
    assert!(offered.open, "{offered:?}");
    assert!(offered.state.starts_with("held until"), "{}", offered.state);
    assert_eq!(offered.options.len(), 2, "two options");
    let held = live(&state, &cand);
    assert_eq!(held.len(), 8, "four rounds of each option held");
    assert!(held.iter().all(|b| b.status == BookingStatus::Held));
    let mail = lines(&state);
    assert_eq!(
        mail.iter()
            .filter(|l| l.to == ["priya@example.org".to_string()])
            .count(),
        1,
        "one e-mail to the candidate with both options: {mail:?}"
    );
    assert!(
        mail.iter().all(|l| l.method == "REQUEST"),
        "the holds are tentative invitations"
    );

    let twice = holds::offer(&state, &cand, 1, 3, now()).expect_err("one offer at a time");
    assert_eq!(twice.code, ErrorCode::BadInput, "{}", twice.message);
    let withdrawn = holds::withdraw(&state, &cand, now() + Duration::hours(1))
        .expect("released")
        .expect("the offer");
    assert!(
        !withdrawn.open && withdrawn.state.starts_with("released"),
        "{withdrawn:?}"
    );
    assert!(live(&state, &cand).is_empty(), "every hold released");
    assert!(
        lines(&state).iter().any(|l| l.method == "CANCEL"),
        "the panels' holds are cancelled"
    );

    find(&state, &cand);
    holds::offer(&state, &cand, 2, 3, now() + Duration::hours(2)).expect("held again");
    let gone = holds::pick(&state, &cand, 3, now() + Duration::hours(3)).expect_err("two options");
    assert_eq!(gone.code, ErrorCode::NotReady, "{}", gone.message);
    assert_eq!(
        live(&state, &cand).len(),
        8,
        "a pick refused changes nothing"
    );
    let picked = holds::pick(&state, &cand, 2, now() + Duration::hours(3))
        .expect("picked")
        .expect("the offer");
    assert_eq!(picked.state, "picked option 2");
    let booked = live(&state, &cand);
    assert_eq!(booked.len(), 4, "option 2's rounds, the others released");
    assert!(
        booked.iter().all(|b| b.status == BookingStatus::Confirmed),
        "{booked:?}"
    );
}
