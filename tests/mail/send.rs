//! Invites sent over SMTP to a real server (aiosmtpd) and parsed back: the MIME tree
//! calendar clients expect, `method=` equal to METHOD, the attachment read the same by
//! every iCalendar checker at the instants booked, the body on each recipient's clock;
//! and the errors of a server that refuses, drops the line or is not there.

use super::local_settings;
use super::{at, person, shared_or_fail};
use crate::support::smtp::{self, Received};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use mail_parser::{MessageParser, MimeHeaders, PartType};
use rondo::ical::export::{round_invites, Invite, Method, Person, RoundBooking};
use rondo::mail::offer::as_hold;
use rondo::mail::smtp::{Security, SendError, SmtpSender, SmtpSettings};
use rondo::mail::{invite_message, Outgoing, Recipient};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

fn organizer() -> Person {
    person("Example Corp Recruiting", "recruiting@example.com")
}

const KOLKATA: Tz = chrono_tz::Asia::Kolkata;
const BERLIN: Tz = chrono_tz::Europe::Berlin;
const NEW_YORK: Tz = chrono_tz::America::New_York;

/// A round on Berlin's spring-forward day: Kolkata 12:30, Berlin 09:00 (CEST), New York
/// 03:00 (EDT).
fn round(key: &str) -> RoundBooking {
    RoundBooking {
        key: key.into(),
        round_name: "Technical interview".into(),
        company: "Example Corp".into(),
        candidate: person("Priya Raman", "priya@example.org"),
        candidate_zone: KOLKATA,
        interviewers: vec![
            person("Ana Novak", "ana@example.com"),
            person("Bo Builder", "bo@example.com"),
        ],
        shadows: Vec::new(),
        panel_zone: BERLIN,
        start: at("2026-03-29T07:00:00Z"),
        end: at("2026-03-29T08:00:00Z"),
        video_link: "https://meet.example.com/abc-defg-hij".into(),
        contact: organizer(),
        notes: "Panel only: ask about the migration".into(),
        sequence: 0,
    }
}

fn candidate_recipients() -> Vec<Recipient> {
    vec![Recipient {
        person: person("Priya Raman", "priya@example.org"),
        zone: KOLKATA,
    }]
}

fn panel_recipients() -> Vec<Recipient> {
    vec![
        Recipient {
            person: person("Ana Novak", "ana@example.com"),
            zone: BERLIN,
        },
        Recipient {
            person: person("Bo Builder", "bo@example.com"),
            zone: NEW_YORK,
        },
    ]
}

/// The invites of one round's life: request, update (a day later, SEQUENCE 1), cancel
/// (SEQUENCE 2), and a hold of the panel's time; each with its recipients.
fn life_of(key: &str) -> Vec<(&'static str, Invite, Vec<Recipient>)> {
    let stamp = at("2026-03-01T09:00:00Z");
    let first = round(key);
    let mut moved = first.clone();
    moved.start += Duration::days(1);
    moved.end += Duration::days(1);
    moved.sequence = 1;
    let mut cancelled = moved.clone();
    cancelled.sequence = 2;
    let mut out = Vec::new();
    for (step, r, method) in [
        ("request", &first, Method::Request),
        ("update", &moved, Method::Request),
        ("cancel", &cancelled, Method::Cancel),
    ] {
        let (cand, panel) = round_invites(r, &organizer(), method, stamp);
        out.push((step, cand, candidate_recipients()));
        out.push((step, panel, panel_recipients()));
    }
    let (_, panel) = round_invites(&first, &organizer(), Method::Request, stamp);
    out.push(("hold", as_hold(panel), panel_recipients()));
    out
}

/// The MIME tree of `raw`: one line per part, indented by depth, `type/subtype`.
fn tree(raw: &[u8]) -> Vec<String> {
    let msg = MessageParser::default().parse(raw).expect("a message");
    fn walk(msg: &mail_parser::Message<'_>, id: u32, depth: usize, out: &mut Vec<String>) {
        let part = msg.part(id).expect("part");
        let ct = part
            .content_type()
            .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or_default()))
            .unwrap_or_else(|| "text/plain".into())
            .to_ascii_lowercase();
        out.push(format!("{}{ct}", "  ".repeat(depth)));
        if let PartType::Multipart(children) = &part.body {
            for c in children {
                walk(msg, *c, depth + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&msg, 0, 0, &mut out);
    out
}

/// (method parameter, decoded text) of every calendar part, inline first.
pub(super) fn calendars(raw: &[u8]) -> Vec<(Option<String>, String, Option<String>)> {
    let msg = MessageParser::default().parse(raw).expect("a message");
    msg.parts
        .iter()
        .filter(|p| {
            p.content_type().is_some_and(|c| {
                let t = format!("{}/{}", c.ctype(), c.subtype().unwrap_or_default());
                t.eq_ignore_ascii_case("text/calendar") || t.eq_ignore_ascii_case("application/ics")
            })
        })
        .map(|p| {
            (
                p.content_type()
                    .and_then(|c| c.attribute("method"))
                    .map(str::to_string),
                String::from_utf8_lossy(p.contents()).into_owned(),
                p.attachment_name().map(str::to_string),
            )
        })
        .collect()
}

fn text_body(raw: &[u8]) -> String {
    let msg = MessageParser::default().parse(raw).expect("a message");
    msg.body_text(0).expect("a text body").into_owned()
}

fn html_body(raw: &[u8]) -> String {
    let msg = MessageParser::default().parse(raw).expect("a message");
    msg.body_html(0).expect("an html body").into_owned()
}

fn check_invite(shared: &Path, path: &Path) -> (bool, Value) {
    let out = Command::new("python3")
        .arg(shared.join("ics/checkers/check-invite.py"))
        .arg(path)
        .args(["--json", "--checkers", "available"])
        .output()
        .expect("run check-invite.py");
    (
        out.status.success(),
        serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
    )
}

fn out_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("mail-send");
    std::fs::create_dir_all(&d).expect("out dir");
    d
}

fn z(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[test]
fn invites_sent_over_smtp_arrive_whole_and_every_checker_reads_them() {
    let test = "invites_sent_over_smtp_arrive_whole_and_every_checker_reads_them";
    let Some(sink) = smtp::shared(test) else {
        return;
    };
    let shared = shared_or_fail(test);
    let sender =
        SmtpSender::new(&local_settings(sink.port), Some(smtp::PASSWORD)).expect("settings");
    let now = at("2026-03-01T09:00:00Z");
    let life = life_of("send-test/cand/tech");
    let mut sent: Vec<(&str, Invite, Outgoing)> = Vec::new();
    for (step, invite, recipients) in life {
        let msg = invite_message(&invite, &recipients, now).expect("message");
        sender.send(&msg).expect("sent");
        sent.push((step, invite, msg));
    }
    let dir = out_dir();
    for (step, invite, msg) in &sent {
        let case = format!("{step} {}", invite.uid);
        let got: Vec<Received> = sink.with_message_id(&msg.message_id);
        assert_eq!(got.len(), 1, "{case}: received exactly once");
        let r = &got[0];
        assert_eq!(
            r.mail_from, "recruiting@example.com",
            "{case}: envelope sender"
        );
        assert_eq!(r.rcpt_tos, msg.to, "{case}: envelope recipients");
        assert_eq!(
            tree(&r.raw),
            [
                "multipart/mixed",
                "  multipart/alternative",
                "    text/plain",
                "    text/html",
                "    text/calendar",
                "  application/ics",
            ],
            "{case}: the MIME tree calendar clients expect"
        );
        let cals = calendars(&r.raw);
        assert_eq!(cals.len(), 2, "{case}: inline and attached");
        let (method, inline, _) = &cals[0];
        let method_inside = inline
            .lines()
            .find_map(|l| l.strip_prefix("METHOD:"))
            .map(|m| m.trim().to_string());
        assert_eq!(
            method.as_deref(),
            Some(invite.method.as_str()),
            "{case}: method="
        );
        assert_eq!(
            method_inside,
            method.clone(),
            "{case}: method= equals METHOD"
        );
        assert_eq!(
            cals[1].1, *inline,
            "{case}: the attachment is the same .ics"
        );
        assert_eq!(cals[1].2.as_deref(), Some("invite.ics"), "{case}: its name");
        assert!(inline.contains("\r\n"), "{case}: CRLF survived base64");

        // Read back by our own reply reader too: same UID, SEQUENCE, instants.
        let back = rondo::ical::itip::read_itip(inline).expect("our reader");
        assert_eq!(back[0].uid, invite.uid, "{case}");
        assert_eq!(back[0].sequence, Some(invite.sequence), "{case}");
        assert_eq!(
            (back[0].start, back[0].end),
            (Some(invite.start), Some(invite.end)),
            "{case}"
        );

        let Some(shared) = &shared else { continue };
        let path = dir.join(format!("{step}-{}.ics", invite.uid.replace('@', "_")));
        std::fs::write(&path, &cals[1].1).expect("save attachment");
        let (ok, v) = check_invite(shared, &path);
        assert!(
            ok,
            "{case}: check-invite: {}",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        );
        let checkers = v["checkers"].as_object().expect("checkers");
        assert!(checkers.len() >= 2, "{case}: at least two checkers ran");
        let status = match (invite.method, invite.tentative) {
            (Method::Cancel, _) => "CANCELLED",
            (_, true) => "TENTATIVE",
            (_, false) => "CONFIRMED",
        };
        for (name, c) in checkers {
            let ev = &c["events"][0];
            assert_eq!(
                ev["uid"].as_str(),
                Some(invite.uid.as_str()),
                "{case} {name}: UID"
            );
            assert_eq!(
                ev["start_utc"].as_str(),
                Some(z(invite.start).as_str()),
                "{case} {name}: start as booked"
            );
            assert_eq!(
                ev["end_utc"].as_str(),
                Some(z(invite.end).as_str()),
                "{case} {name}: end as booked"
            );
            if !ev["sequence"].is_null() {
                assert_eq!(
                    ev["sequence"].as_u64(),
                    Some(u64::from(invite.sequence)),
                    "{case} {name}: SEQUENCE"
                );
            }
            if !ev["status"].is_null() {
                assert_eq!(ev["status"].as_str(), Some(status), "{case} {name}: STATUS");
            }
        }
    }
}

#[test]
fn each_recipient_reads_the_time_on_their_own_clock_and_only_what_is_theirs() {
    let now = at("2026-03-01T09:00:00Z");
    let (cand, panel) = round_invites(
        &round("bodies/cand/tech"),
        &organizer(),
        Method::Request,
        now,
    );
    let c = invite_message(&cand, &candidate_recipients(), now).expect("candidate");
    let p = invite_message(&panel, &panel_recipients(), now).expect("panel");
    let ct = text_body(c.raw.as_bytes());
    let pt = text_body(p.raw.as_bytes());
    assert!(
        ct.contains("When: Sun 29 Mar 2026, 12:30–13:30 Kolkata (UTC+05:30)"),
        "candidate's clock:\n{ct}"
    );
    assert!(
        pt.contains("Sun 29 Mar 2026, 09:00–10:00 Berlin (UTC+02:00) – Ana Novak"),
        "Ana's clock (CEST from that morning):\n{pt}"
    );
    assert!(
        pt.contains("Sun 29 Mar 2026, 03:00–04:00 New York (UTC−04:00) – Bo Builder"),
        "Bo's clock:\n{pt}"
    );
    for (who, text) in [("candidate", &ct), ("panel", &pt)] {
        assert!(
            text.contains("https://meet.example.com/abc-defg-hij"),
            "{who}: the video link"
        );
        assert!(
            text.contains("How to reply: Use Accept, Maybe or Decline"),
            "{who}: how to reply"
        );
    }
    assert!(
        pt.contains("Panel only: ask about the migration"),
        "the panel sees its notes"
    );
    assert!(
        !ct.contains("Panel only") && !c.raw.contains("migration"),
        "the candidate never does"
    );
    assert!(
        !ct.contains("Ana Novak"),
        "the candidate's e-mail names no interviewer"
    );
    assert!(
        pt.contains("Who: Example Corp Recruiting (organizer), Ana Novak, Bo Builder"),
        "{pt}"
    );
    let html = html_body(p.raw.as_bytes());
    assert!(
        html.contains("<a href=\"https://meet.example.com/abc-defg-hij\">"),
        "the link is clickable"
    );
    assert!(
        c.subject.starts_with(
            "Invitation: Example Corp – Technical interview @ Sun 29 Mar 2026 12:30 Kolkata"
        ),
        "{}",
        c.subject
    );
}

#[test]
fn the_same_version_to_the_same_people_keeps_its_message_id_and_bytes() {
    let now = at("2026-03-01T09:00:00Z");
    let (cand, _) = round_invites(&round("ids/cand/tech"), &organizer(), Method::Request, now);
    let a = invite_message(&cand, &candidate_recipients(), now).expect("a");
    let b = invite_message(&cand, &candidate_recipients(), now).expect("b");
    assert_eq!(a, b, "a resend is the same message, byte for byte");
    assert!(
        a.message_id.starts_with('<') && a.message_id.ends_with("@example.com>"),
        "{}",
        a.message_id
    );
    let mut moved = cand.clone();
    moved.sequence = 1;
    let mut cancelled = cand.clone();
    cancelled.method = Method::Cancel;
    let mut other = candidate_recipients();
    other[0].person.email = "priya.r@example.org".into();
    let ids = [
        invite_message(&moved, &candidate_recipients(), now)
            .expect("moved")
            .message_id,
        invite_message(&cancelled, &candidate_recipients(), now)
            .expect("cancel")
            .message_id,
        invite_message(&cand, &other, now)
            .expect("other")
            .message_id,
        invite_message(&as_hold(cand.clone()), &candidate_recipients(), now)
            .expect("hold")
            .message_id,
    ];
    for id in &ids {
        assert_ne!(
            *id, a.message_id,
            "another version, method or recipient: another id"
        );
    }
    let mut upper = candidate_recipients();
    upper[0].person.email = "Priya@Example.org".into();
    assert_eq!(
        invite_message(&cand, &upper, now)
            .expect("upper")
            .message_id,
        a.message_id,
        "addresses are compared without case"
    );
}

#[test]
fn an_eml_file_opens_as_a_draft_and_reads_back() {
    let now = at("2026-03-01T09:00:00Z");
    let (cand, _) = round_invites(&round("eml/cand/tech"), &organizer(), Method::Request, now);
    let msg = invite_message(&cand, &candidate_recipients(), now).expect("message");
    let eml = msg.eml();
    assert!(
        eml.starts_with(b"X-Unsent: 1\r\n"),
        "Outlook opens it as a draft to send"
    );
    let file = rondo::mail::inbound::read_reply(&eml).expect("our reader reads it");
    assert_eq!(file.from.as_deref(), Some("recruiting@example.com"));
    assert_eq!(
        file.messages.len(),
        1,
        "inline and attached are one message"
    );
    assert_eq!(file.messages[0].uid, cand.uid);
    let parsed = MessageParser::default().parse(&eml).expect("parses");
    assert_eq!(
        parsed.subject(),
        Some(msg.subject.as_str()),
        "the subject round-trips (RFC 2047)"
    );
}

#[test]
fn a_refused_login_is_not_retried_and_says_what_to_check() {
    let test = "a_refused_login_is_not_retried_and_says_what_to_check";
    let Some(sink) = smtp::shared(test) else {
        return;
    };
    let sender = SmtpSender::new(&local_settings(sink.port), Some("wrong")).expect("settings");
    let now = at("2026-03-01T09:00:00Z");
    let (cand, _) = round_invites(
        &round("login/cand/tech"),
        &organizer(),
        Method::Request,
        now,
    );
    let msg = invite_message(&cand, &candidate_recipients(), now).expect("message");
    let err = sender.send(&msg).expect_err("wrong password");
    assert!(matches!(err, SendError::Login { .. }), "{err:?}");
    assert!(!err.is_transient(), "a wrong password waits for a person");
    assert!(
        err.to_string()
            .contains("check the user name and the password"),
        "{err}"
    );
    assert!(
        sink.with_message_id(&msg.message_id).is_empty(),
        "nothing was delivered"
    );
}

/// A server on a free loopback port that runs `script` on each connection.
fn fake_server(script: fn(std::net::TcpStream)) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || script(stream));
        }
    });
    port
}

fn message() -> Outgoing {
    let now = at("2026-03-01T09:00:00Z");
    let (cand, _) = round_invites(
        &round("errors/cand/tech"),
        &organizer(),
        Method::Request,
        now,
    );
    invite_message(&cand, &candidate_recipients(), now).expect("message")
}

fn send_to(port: u16, timeout: u64) -> SendError {
    let mut s = SmtpSettings::new("127.0.0.1", Security::None);
    s.port = port;
    s.timeout_seconds = timeout;
    SmtpSender::new(&s, None)
        .expect("settings")
        .send(&message())
        .expect_err("must fail")
}

#[test]
fn a_connection_lost_while_sending_is_a_clear_error_to_retry() {
    // Greets, reads EHLO, then hangs up.
    let port = fake_server(|mut s| {
        let _ = s.write_all(b"220 flaky.test ESMTP\r\n");
        let mut buf = [0u8; 512];
        let _ = s.read(&mut buf);
    });
    let err = send_to(port, 5);
    assert!(matches!(err, SendError::Lost { .. }), "{err:?}");
    assert!(err.is_transient(), "a lost line is tried again");
    assert!(err.to_string().contains("was lost while sending"), "{err}");
    assert!(
        err.to_string().contains(&format!("127.0.0.1:{port}")),
        "names the server: {err}"
    );

    // Hangs up in the middle of DATA.
    let port = fake_server(|mut s| {
        let mut buf = [0u8; 4096];
        let _ = s.write_all(b"220 flaky.test ESMTP\r\n");
        for reply in [
            &b"250 flaky.test\r\n"[..],
            b"250 OK\r\n",
            b"250 OK\r\n",
            b"354 go ahead\r\n",
        ] {
            let _ = s.read(&mut buf);
            let _ = s.write_all(reply);
        }
        let _ = s.read(&mut buf);
    });
    let err = send_to(port, 5);
    assert!(err.is_transient(), "{err:?}");
    assert!(matches!(err, SendError::Lost { .. }), "{err:?}");
}

#[test]
fn a_server_that_is_not_there_or_silent_is_a_clear_error() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let err = send_to(port, 5);
    assert!(matches!(err, SendError::Unreachable { .. }), "{err:?}");
    assert!(err.is_transient());
    assert!(
        err.to_string()
            .contains("could not connect to the mail server 127.0.0.1:"),
        "{err}"
    );

    let silent = fake_server(|s| {
        std::thread::sleep(std::time::Duration::from_secs(5));
        drop(s);
    });
    let err = send_to(silent, 1);
    assert!(
        matches!(err, SendError::Timeout { seconds: 1, .. }),
        "{err:?}"
    );
    assert!(err.is_transient());
}

#[test]
fn settings_that_cannot_work_are_refused_before_connecting() {
    let mut s = SmtpSettings::new("smtp.example.com", Security::None);
    s.user = Some("ana".into());
    let err = SmtpSender::new(&s, Some("pw")).expect_err("clear-text password");
    assert!(
        err.to_string().contains("would travel unencrypted"),
        "{err}"
    );
    s.security = Security::StartTls;
    let err = SmtpSender::new(&s, None).expect_err("no password");
    assert!(err.to_string().contains("RONDO_MAIL_PASSWORD"), "{err}");
    assert!(
        SmtpSender::new(&s, Some("pw")).is_ok(),
        "STARTTLS with a password"
    );
    let err = SmtpSender::new(&SmtpSettings::new(" ", Security::Tls), None).expect_err("no host");
    assert!(matches!(err, SendError::Settings { .. }));
    assert_eq!("STARTTLS".parse::<Security>(), Ok(Security::StartTls));
    assert_eq!(Security::Tls.default_port(), 465);
}
