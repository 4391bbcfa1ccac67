//! The outbox in the store: a booking change and its e-mails are stored in one
//! transaction, sent through a real SMTP server once each, and a refused change queues
//! nothing. The killed-sender test runs the `rondo` binary and kills it (SIGKILL) while
//! it sends, over and over, then counts what the server received.

use crate::store::usecases::{now, request, utc};
use crate::support::smtp;
use chrono::{DateTime, Utc};
use rondo::domain::{Candidate, CandidateId};
use rondo::mail::outbox::{Delivery, Queued};
use rondo::mail::smtp::SmtpSender;
use rondo::mail::Outgoing;
use rondo::store::Store;
use rondo::usecases::loops::{self, Outbox};
use rondo::usecases::mail as mailing;
use rondo::usecases::propose::propose;
use rondo::usecases::settings::Settings;
use rondo::usecases::{bookings, UseCaseError};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

fn sender(port: u16) -> SmtpSender {
    SmtpSender::new(&super::local_settings(port), Some(smtp::PASSWORD)).expect("sender")
}

fn states(store: &Store) -> Vec<(String, &'static str, u32)> {
    mailing::outbox(store)
        .expect("outbox")
        .into_iter()
        .map(|q| {
            (
                q.message.method.clone(),
                q.delivery.name(),
                q.message.sequence,
            )
        })
        .collect()
}

fn has_method(raw: &[u8], method: &str) -> bool {
    let text = String::from_utf8_lossy(raw);
    text.contains(&format!("method={method}"))
}

#[test]
fn a_booking_change_and_its_mail_are_stored_together_and_each_message_goes_once() {
    let test = "mail::outbox::a_booking_change_and_its_mail_are_stored_together_and_each_message_goes_once";
    let Some(sink) = smtp::shared(test) else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let store = super::team_with_addresses(dir.path());
    let (out, booked) = super::book_with_mail(&store);
    let a = CandidateId::new("a").expect("id");
    assert_eq!(booked.len(), 2, "two rounds");
    assert_eq!(
        states(&store),
        vec![("REQUEST".to_string(), "waiting", 0); 4],
        "each round's candidate and panel message queued with the booking"
    );
    let clock = || now();
    let run = mailing::deliver(&store, &sender(sink.port), &clock).expect("deliver");
    assert_eq!((run.sent, run.in_doubt, run.failed.len()), (4, 0, 0));
    let queued = mailing::outbox(&store).expect("outbox");
    for q in &queued {
        let got = sink.with_message_id(&q.id);
        assert_eq!(got.len(), 1, "{} arrived once", q.id);
        assert!(has_method(&got[0].raw, "REQUEST"));
        assert_eq!(got[0].rcpt_tos, q.message.to, "to the envelope recipients");
    }
    let candidate_copy = queued
        .iter()
        .find(|q| q.message.to == ["a@mail.example.org"])
        .expect("the candidate's message");
    assert!(
        !candidate_copy.message.raw.contains("eng-1@corp"),
        "the candidate's message is not the panel's"
    );
    assert_eq!(
        mailing::deliver(&store, &sender(sink.port), &clock)
            .expect("again")
            .sent,
        0,
        "nothing is sent twice"
    );
    assert!(
        mailing::queue(&store, Some(&a), &out.organizer, now())
            .expect("queue")
            .is_empty(),
        "the current version is already in the outbox"
    );

    // A move that breaks a rule is refused and queues nothing.
    let tech = booked
        .iter()
        .find(|b| b.round.as_str() == "tech")
        .expect("tech");
    let saturday = utc(2026, 3, 14, 10, 0);
    let refused = loops::reschedule(&store, &[(tech.id.clone(), saturday)], None, &out, now());
    assert!(
        matches!(refused, Err(UseCaseError::Conflict { .. })),
        "{refused:?}"
    );
    assert_eq!(states(&store).len(), 4, "a refused move queues nothing");

    // A move queues the update (SEQUENCE 1), a cancellation the CANCEL messages.
    let later = tech.start + chrono::Duration::minutes(30);
    loops::reschedule(&store, &[(tech.id.clone(), later)], None, &out, now())
        .expect("the move holds");
    loops::cancel(&store, &a, None, &out, now()).expect("cancelled");
    let mut s = states(&store);
    s.sort();
    assert_eq!(
        s.iter()
            .filter(|(m, st, _)| m == "CANCEL" && *st == "waiting")
            .count(),
        4,
        "both rounds' cancellations to candidate and panel: {s:?}"
    );
    assert_eq!(
        s.iter()
            .filter(|(m, _, seq)| m == "REQUEST" && *seq == 1)
            .count(),
        2,
        "the moved round's update: {s:?}"
    );
    let run = mailing::deliver(&store, &sender(sink.port), &clock).expect("deliver");
    assert_eq!(run.sent, 6);
    for q in mailing::outbox(&store).expect("outbox") {
        assert!(matches!(q.delivery, Delivery::Sent { .. }), "{q:?}");
        let got = sink.with_message_id(&q.id);
        assert_eq!(got.len(), 1, "{} arrived once", q.id);
        assert!(has_method(&got[0].raw, &q.message.method));
    }
}

#[test]
fn someone_without_an_address_stops_the_change_before_anything_is_stored() {
    let dir = tempfile::tempdir().expect("dir");
    let store = super::team_with_addresses(dir.path());
    let mut c: Candidate = store.need("a").expect("a");
    c.email.clear();
    store.put(&c).expect("no address");
    propose(&store, &request("a"), now()).expect("propose");
    let a = CandidateId::new("a").expect("id");
    let out = Outbox {
        organizer: super::person("Ana Recruiter", "ana@hr.example.com"),
        mail: true,
    };
    let err = out
        .with_mailer(&store, now(), |m| {
            bookings::book_mailed(&store, &a, 1, now(), m)
        })
        .expect_err("refused");
    assert!(
        err.to_string().contains("has no e-mail address"),
        "says why: {err}"
    );
    assert!(
        store.candidate_bookings(&a).expect("list").is_empty(),
        "nothing booked"
    );
    assert!(states(&store).is_empty(), "nothing queued");
}

/// A synthetic message `n`: what the server counts is its Message-ID.
fn numbered(n: usize) -> Outgoing {
    let id = format!("<kill-{n:03}@hr.example.com>");
    Outgoing {
        message_id: id.clone(),
        uids: vec![format!("u{n}")],
        sequence: 0,
        method: "REQUEST".into(),
        from: "ana@hr.example.com".into(),
        to: vec![format!("p{n}@corp.example.com")],
        subject: format!("message {n}"),
        raw: format!(
            "Message-ID: {id}\r\nFrom: ana@hr.example.com\r\nTo: p{n}@corp.example.com\r\n\
             Subject: message {n}\r\nDate: Sun, 1 Mar 2026 12:00:00 +0000\r\n\r\nbody {n}\r\n"
        ),
    }
}

fn run_send(data: &Path) -> std::process::Child {
    crate::store::cli::command(
        data,
        &["outbox", "send", "--json"],
        &[("RONDO_MAIL_PASSWORD", smtp::PASSWORD)],
    )
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .expect("start rondo")
}

#[test]
fn a_killed_sender_loses_nothing_and_sends_again_only_what_was_in_flight() {
    let test =
        "mail::outbox::a_killed_sender_loses_nothing_and_sends_again_only_what_was_in_flight";
    const MESSAGES: usize = 60;
    let work = tempfile::tempdir().expect("dir");
    let Some(sink) = smtp::own(test, &work.path().join("sink")) else {
        return;
    };
    let data = work.path().join("data");
    {
        let store = Store::open(&data).expect("store");
        let t0: DateTime<Utc> = now();
        let all: Vec<Queued> = (0..MESSAGES)
            .map(|n| {
                Queued::new(
                    numbered(n),
                    Vec::new(),
                    t0 + chrono::Duration::seconds(n as i64),
                )
            })
            .collect();
        store.put_all(&all).expect("queued");
        let settings = Settings {
            organizer: None,
            mail: Some(super::local_settings(sink.port)),
        };
        settings.save(&data).expect("settings");
    }
    // Kill the sender at a few moments while it sends, each time after more arrived and
    // a varying moment later (0-19 ms: sometimes while the server holds a message,
    // sometimes between messages).
    let mut kills = 0;
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(7, |d| d.subsec_nanos() | 1);
    for target in [3, 15, 30, 45] {
        let mut child = run_send(&data);
        let started = Instant::now();
        loop {
            let got = sink.received().len();
            if got >= target || started.elapsed() > Duration::from_secs(60) {
                break;
            }
            if child.try_wait().expect("poll").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        std::thread::sleep(Duration::from_millis(u64::from(seed % 20)));
        if child.try_wait().expect("poll").is_none() {
            child.kill().expect("SIGKILL");
            kills += 1;
        }
        child.wait().expect("reaped");
    }
    let done = run_send(&data).wait_with_output().expect("the last run");
    assert!(
        done.status.success(),
        "the last run sends the rest: {}",
        String::from_utf8_lossy(&done.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&done.stdout).expect("json");
    let received = sink.received();
    let mut twice = Vec::new();
    for n in 0..MESSAGES {
        let id = numbered(n).message_id;
        let count = sink.with_message_id(&id).len();
        assert!(count >= 1, "{id} was lost ({kills} kills)");
        if count > 1 {
            twice.push((id, count));
        }
    }
    // Only a kill in the instant between the server's "250 accepted" and the outbox's
    // record of it leaves a message in doubt; it goes again with the same Message-ID
    // (so receiving servers and calendars take it once). Each kill leaves at most one.
    assert!(
        twice.len() <= kills && twice.iter().all(|(_, c)| *c == 2),
        "at most one message in doubt per kill: {twice:?} after {kills} kills"
    );
    assert_eq!(received.len(), MESSAGES + twice.len());
    eprintln!(
        "{test}: {kills} kills, {} messages received for {MESSAGES}, in doubt and sent again: {twice:?}; last run: {report}",
        received.len()
    );
    let store = Store::open(&data).expect("reopen");
    let q = mailing::outbox(&store).expect("outbox");
    assert!(
        q.iter()
            .all(|q| matches!(q.delivery, Delivery::Sent { .. })),
        "every message recorded sent"
    );
}
