//! Benchmark of sending invites by e-mail: 500 invites (250 booked rounds, the
//! candidate's and the panel's message each) built as iMIP messages and sent to a real
//! SMTP server on a loopback port (aiosmtpd, `scripts/test-smtp.sh` installs it), which
//! saves each to disk before it answers.
//!
//! Run with `cargo bench --bench mail`. It prints the messages per second of building
//! and of sending (one sender, kept-alive connections, logging in), checks that the
//! server received every message exactly once, and prints the peak memory (VmHWM) of
//! the run. `RONDO_BENCH_MESSAGES` changes the count.

#[path = "support/memory.rs"]
mod memory;
use memory::peak_memory;

#[path = "../tests/support/smtp.rs"]
mod smtp;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use rondo::ical::export::{round_invites, Method, Person, RoundBooking};
use rondo::mail::outbox::Queued;
use rondo::mail::smtp::{Security, SmtpSender, SmtpSettings};
use rondo::mail::{invite_message, Outgoing, Recipient};
use rondo::store::Store;
use rondo::usecases::mail as mailing;
use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

fn person(name: &str, email: &str) -> Person {
    Person {
        name: name.into(),
        email: email.into(),
    }
}

const ZONES: [Tz; 5] = [
    chrono_tz::Asia::Kolkata,
    chrono_tz::Europe::Berlin,
    chrono_tz::America::New_York,
    chrono_tz::Australia::Sydney,
    chrono_tz::Europe::London,
];

/// `count` messages: round `i` at a half-hour step from Monday 9 March 2026, its
/// candidate and interviewers in zones that vary.
fn messages(count: usize, now: DateTime<Utc>) -> Vec<Outgoing> {
    let organizer = person("Example Corp Recruiting", "recruiting@example.com");
    let base: DateTime<Utc> = "2026-03-09T08:00:00Z".parse().expect("instant");
    let mut out = Vec::with_capacity(count);
    let mut i = 0;
    while out.len() < count {
        let start = base + Duration::minutes(30 * i as i64);
        let cz = ZONES[i % ZONES.len()];
        let (a, b) = (ZONES[(i + 1) % ZONES.len()], ZONES[(i + 2) % ZONES.len()]);
        let candidate = person(&format!("Candidate {i}"), &format!("cand{i}@example.org"));
        let ana = person(
            &format!("Interviewer A{i}"),
            &format!("a{}@example.com", i % 40),
        );
        let bo = person(
            &format!("Interviewer B{i}"),
            &format!("b{}@example.com", i % 40),
        );
        let round = RoundBooking {
            key: format!("bench/{i}/tech"),
            round_name: "Technical interview".into(),
            company: "Example Corp".into(),
            candidate: candidate.clone(),
            candidate_zone: cz,
            interviewers: vec![ana.clone(), bo.clone()],
            shadows: Vec::new(),
            panel_zone: a,
            start,
            end: start + Duration::hours(1),
            video_link: format!("https://meet.example.com/bench-{i}"),
            contact: organizer.clone(),
            notes: "Focus on systems design.".into(),
            sequence: 0,
        };
        let (cand, panel) = round_invites(&round, &organizer, Method::Request, now);
        out.push(
            invite_message(
                &cand,
                &[Recipient {
                    person: candidate,
                    zone: cz,
                }],
                now,
            )
            .expect("candidate message"),
        );
        if out.len() < count {
            let to = [
                Recipient {
                    person: ana,
                    zone: a,
                },
                Recipient {
                    person: bo,
                    zone: b,
                },
            ];
            out.push(invite_message(&panel, &to, now).expect("panel message"));
        }
        i += 1;
    }
    out
}

fn main() {
    let count: usize = std::env::var("RONDO_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("mail-bench");
    let _ = std::fs::remove_dir_all(&dir);
    let sink = match smtp::SmtpSink::start(&dir) {
        Ok(s) => s,
        Err(why) => {
            eprintln!("mail bench: {why}");
            std::process::exit(1);
        }
    };
    let now: DateTime<Utc> = "2026-03-01T09:00:00Z".parse().expect("instant");

    let t = Instant::now();
    let msgs = messages(count, now);
    let build = t.elapsed();
    let bytes: usize = msgs.iter().map(|m| m.raw.len()).sum();

    let mut settings = SmtpSettings::new("127.0.0.1", Security::None);
    settings.port = sink.port;
    settings.user = Some(smtp::USER.into());
    let sender = SmtpSender::new(&settings, Some(smtp::PASSWORD)).expect("settings");
    let t = Instant::now();
    for m in &msgs {
        sender.send(m).expect("sent");
    }
    let send = t.elapsed();

    let received = sink.received();
    let ids: HashSet<&str> = msgs.iter().map(|m| m.message_id.as_str()).collect();
    assert_eq!(ids.len(), count, "every message has its own Message-ID");
    assert_eq!(
        received.len(),
        count,
        "the server received every message once"
    );

    // The same messages through the outbox in a store: queued in one batch, then
    // delivered with each step recorded (two flushes per message).
    let data = tempfile::tempdir().expect("data folder");
    let store = Store::open(data.path()).expect("store");
    let queued: Vec<Queued> = msgs
        .iter()
        .map(|m| {
            let mut m = m.clone();
            m.message_id = m.message_id.replace('@', ".outbox@");
            Queued::new(m, Vec::new(), now)
        })
        .collect();
    let t = Instant::now();
    store.put_all(&queued).expect("queued");
    let queue = t.elapsed();
    let t = Instant::now();
    let run = mailing::deliver(&store, &sender, &|| now).expect("delivered");
    let outbox = t.elapsed();
    assert_eq!(run.sent, count, "the outbox sent every message");
    assert_eq!(sink.received().len(), 2 * count, "each once more, no more");

    let per_s = |d: std::time::Duration| count as f64 / d.as_secs_f64();
    println!(
        "mail bench: through the outbox: queued in {:.0} ms, delivered in {:.2} s = {:.0} messages/s",
        queue.as_secs_f64() * 1e3,
        outbox.as_secs_f64(),
        per_s(outbox)
    );
    println!(
        "mail bench: {count} invites, {:.0} KB in all ({:.1} KB each)",
        bytes as f64 / 1e3,
        bytes as f64 / 1e3 / count as f64
    );
    println!(
        "mail bench: built in {:.0} ms = {:.0} messages/s",
        build.as_secs_f64() * 1e3,
        per_s(build)
    );
    println!(
        "mail bench: sent over SMTP in {:.2} s = {:.0} messages/s (received: {})",
        send.as_secs_f64(),
        per_s(send),
        received.len()
    );
    println!(
        "mail bench: peak memory (VmHWM) of the run: {}",
        peak_memory()
    );
}
