//! The command line end to end: `rondo mail setup` against the test SMTP server, `rondo
//! book` queues the loop's invites, `rondo invites send` sends them once, `rondo outbox
//! list` shows them sent, `rondo reply import` applies a saved answer and `rondo booking
//! show` lists it; a file that is no answer fails and changes nothing.

use crate::store::cli::{command, ok_with};
use crate::store::usecases::{now, request};
use crate::support::smtp;
use rondo::domain::Booking;
use rondo::ical::export::audience_uid;
use rondo::store::Store;
use rondo::usecases::propose::propose;
use std::path::Path;
use std::process::Output;

const ENV: [(&str, &str); 1] = [("RONDO_MAIL_PASSWORD", smtp::PASSWORD)];

fn rondo(dir: &Path, args: &[&str]) -> Output {
    command(dir, args, &ENV)
        .output()
        .expect("the rondo binary runs")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    ok_with(dir, args, &ENV)
}

/// A work folder with its own test SMTP server (saving into `sink/`) and a data folder
/// `data/` holding the small team with addresses and a proposal for candidate `a`.
fn desk(test: &str) -> Option<(tempfile::TempDir, smtp::SmtpSink)> {
    let work = tempfile::tempdir().expect("dir");
    let sink = smtp::own(test, &work.path().join("sink"))?;
    let store = super::team_with_addresses(&work.path().join("data"));
    propose(&store, &request("a"), now()).expect("propose");
    Some((work, sink))
}

/// `rondo mail setup` for the test server on `port` (no TLS, its login), with `extra`.
fn mail_setup(data: &Path, port: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "mail",
        "setup",
        "--host",
        "127.0.0.1",
        "--port",
        port,
        "--security",
        "none",
        "--user",
        smtp::USER,
    ];
    args.extend_from_slice(extra);
    ok(data, &args)
}

#[test]
fn mail_setup_book_send_import_a_reply_and_show_the_answers() {
    let test = "mail::cli::mail_setup_book_send_import_a_reply_and_show_the_answers";
    let Some((work, sink)) = desk(test) else {
        return;
    };
    let data = work.path().join("data");
    let port = sink.port.to_string();
    let setup = mail_setup(&data, &port, &["--check"]);
    assert!(setup.contains(&format!("127.0.0.1:{port}")), "{setup}");
    let dry = ok(&data, &["invites", "send", "--dry-run"]);
    assert!(
        dry.contains("the outbox is empty"),
        "nothing booked yet: {dry}"
    );

    ok(&data, &["book", "--candidate", "a", "--option", "1"]);
    let listed = ok(&data, &["outbox", "list"]);
    assert_eq!(
        listed.lines().filter(|l| l.starts_with("waiting")).count(),
        4,
        "booking queued candidate and panel messages of both rounds: {listed}"
    );
    let sent = ok(&data, &["invites", "send", "--candidate", "a"]);
    assert!(
        sent.contains("queued 0 new") && sent.contains("sent 4 message(s)"),
        "{sent}"
    );
    assert_eq!(sink.received().len(), 4);
    let again = ok(&data, &["invites", "send"]);
    assert!(again.contains("sent 0 message(s)"), "{again}");
    assert_eq!(sink.received().len(), 4, "nothing sent twice");
    let listed = ok(&data, &["outbox", "list", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&listed).expect("json");
    assert!(
        listed
            .as_array()
            .is_some_and(|l| l.len() == 4 && l.iter().all(|m| m["state"] == "sent")),
        "{listed}"
    );

    // The candidate accepts, in Google's shape (no SEQUENCE).
    let tech: Booking = {
        let store = Store::open(&data).expect("store");
        let all: Vec<Booking> = store.all().expect("bookings");
        all.into_iter()
            .find(|b| b.round.as_str() == "tech")
            .expect("tech")
    };
    let file = work.path().join("accept.ics");
    std::fs::write(
        &file,
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n\
             METHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:{}\r\nDTSTAMP:20990101T000000Z\r\n\
             ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@mail.example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            audience_uid(&tech.uid, "candidate")
        ),
    )
    .expect("write the reply");
    let imported = ok(&data, &["reply", "import", file.to_str().expect("utf-8")]);
    assert!(
        imported.contains(tech.id.as_str()) && imported.contains("1 of 2 accepted"),
        "{imported}"
    );
    let shown = ok(&data, &["booking", "show", tech.id.as_str()]);
    assert!(
        shown.contains("answers: 1 of 2 accepted")
            && shown.contains("<a@mail.example.org>: accepted"),
        "{shown}"
    );

    let garbage = work.path().join("garbage.ics");
    std::fs::write(&garbage, b"this is not a calendar").expect("write");
    let refused = rondo(
        &data,
        &["reply", "import", garbage.to_str().expect("utf-8")],
    );
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("no answer to an invitation"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let shown_after = ok(&data, &["booking", "show", tech.id.as_str()]);
    assert_eq!(shown, shown_after, "a refused file changes nothing");

    let off = ok(&data, &["mail", "off"]);
    assert!(off.contains("no longer e-mailed"), "{off}");
    let unset = rondo(&data, &["outbox", "send"]);
    assert!(
        !unset.status.success()
            && String::from_utf8_lossy(&unset.stderr).contains("rondo mail setup"),
        "says how to set mail up"
    );
}

#[test]
fn holds_offered_picked_and_listed_from_the_command_line() {
    let test = "mail::cli::holds_offered_picked_and_listed_from_the_command_line";
    let Some((work, sink)) = desk(test) else {
        return;
    };
    let data = work.path().join("data");
    let port = sink.port.to_string();
    mail_setup(&data, &port, &[]);
    let bad = rondo(
        &data,
        &["holds", "offer", "--candidate", "a", "--option", "9"],
    );
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("pick one from 1 to"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
    let offered = ok(
        &data,
        &[
            "holds",
            "offer",
            "--candidate",
            "a",
            "--option",
            "1",
            "--option",
            "2",
        ],
    );
    assert!(offered.contains("held 2 option(s) for a"), "{offered}");
    let listed = ok(&data, &["holds", "list"]);
    assert!(listed.contains("a: 2 option(s), open until"), "{listed}");
    ok(&data, &["outbox", "send"]);
    let offers = sink
        .received()
        .into_iter()
        .filter(|m| m.rcpt_tos == ["a@mail.example.org"])
        .count();
    assert_eq!(offers, 1, "one e-mail to the candidate");
    let picked = ok(
        &data,
        &["holds", "pick", "--candidate", "a", "--option", "2"],
    );
    assert!(
        picked.contains("booked option 2") && picked.contains("released"),
        "{picked}"
    );
    let listed = ok(&data, &["holds", "list"]);
    assert!(
        listed.contains("a: 2 option(s), picked option 2"),
        "{listed}"
    );
    let again = rondo(
        &data,
        &["holds", "pick", "--candidate", "a", "--option", "1"],
    );
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("no options waiting"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[test]
fn a_test_message_goes_to_the_organizer_and_a_refused_login_says_so() {
    let test = "mail::cli::a_test_message_goes_to_the_organizer_and_a_refused_login_says_so";
    let Some((work, sink)) = desk(test) else {
        return;
    };
    let data = work.path().join("data");
    let unset = rondo(&data, &["mail", "test"]);
    assert!(
        !unset.status.success()
            && String::from_utf8_lossy(&unset.stderr).contains("rondo mail setup"),
        "says how to set mail up"
    );
    mail_setup(&data, &sink.port.to_string(), &[]);
    let said = ok(&data, &["mail", "test"]);
    assert!(said.contains("a test message went to"), "{said}");
    let got = sink.received();
    assert_eq!(got.len(), 1);
    assert_eq!(
        got[0].rcpt_tos,
        [got[0].mail_from.clone()],
        "to the organizer"
    );
    assert!(String::from_utf8_lossy(&got[0].raw).contains("Subject: Rondo test message"));
    let refused = command(
        &data,
        &["mail", "test"],
        &[("RONDO_MAIL_PASSWORD", "wrong")],
    )
    .output()
    .expect("runs");
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("refused the login"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert_eq!(sink.received().len(), 1, "nothing more arrived");
}
