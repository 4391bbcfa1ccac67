//! Invites by e-mail and the answers that come back: messages sent to a real SMTP
//! server (aiosmtpd) and parsed back, replies in each client's shape, holds and the
//! candidate's options.

mod backup;
mod cli;
mod conversation;
mod holds;
mod import;
mod offer;
mod outbox;
mod replace;
mod replies;
mod send;

use chrono::{DateTime, Utc};
use rondo::ical::export::Person;
use std::path::PathBuf;

/// An instant written in RFC 3339.
pub fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("test instant")
}

/// Someone with a name and an address.
pub fn person(name: &str, email: &str) -> Person {
    Person {
        name: name.into(),
        email: email.into(),
    }
}

/// `../shared` when it is there; a plain "skipped" line outside CI, a failure under
/// `CI=true`.
pub fn shared_or_fail(test: &str) -> Option<PathBuf> {
    let dir = crate::support::shared_dir();
    if dir.is_none() {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true" && v != "1"),
            "{test}: ../shared is required under CI"
        );
        eprintln!("SKIPPED {test}: ../shared is not beside this checkout");
    }
    dir
}

/// A fixture of `tests/fixtures/replies/`.
pub fn reply_fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/replies")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The small team of the store tests (`store::usecases::small_team`), everyone with a
/// mail address: interviewers at corp.example.com, candidates at mail.example.org.
pub fn team_with_addresses(dir: &std::path::Path) -> rondo::store::Store {
    use rondo::domain::{Candidate, Interviewer};
    let store = crate::store::usecases::small_team(dir);
    for mut i in store.all::<Interviewer>().expect("people") {
        i.email = format!("{}@corp.example.com", i.id);
        store.put(&i).expect("address");
    }
    for mut c in store.all::<Candidate>().expect("candidates") {
        c.email = format!("{}@mail.example.org", c.id);
        store.put(&c).expect("address");
    }
    store
}

/// Settings for the test SMTP server on `port`: no TLS (loopback), its login, 10 s.
pub fn local_settings(port: u16) -> rondo::mail::smtp::SmtpSettings {
    use rondo::mail::smtp::{Security, SmtpSettings};
    let mut s = SmtpSettings::new("127.0.0.1", Security::None);
    s.port = port;
    s.user = Some(crate::support::smtp::USER.into());
    s.timeout_seconds = 10;
    s
}

/// The outbox of Ana, the coordinator, with mail set up.
pub fn ana_mails() -> rondo::usecases::loops::Outbox {
    rondo::usecases::loops::Outbox {
        organizer: person("Ana Recruiter", "ana@hr.example.com"),
        mail: true,
    }
}

/// The mailing outbox of Ana, the coordinator, and candidate `a`'s first option of the
/// small team's Monday booked through it (its messages queued with it).
pub fn book_with_mail(
    store: &rondo::store::Store,
) -> (rondo::usecases::loops::Outbox, Vec<rondo::domain::Booking>) {
    use crate::store::usecases::{now, request};
    let out = ana_mails();
    let a = rondo::domain::CandidateId::new("a").expect("id");
    rondo::usecases::propose::propose(store, &request("a"), now()).expect("propose");
    let booked = out
        .with_mailer(store, now(), |m| {
            rondo::usecases::bookings::book_mailed(store, &a, 1, now(), m)
        })
        .expect("booked");
    (out, booked)
}

/// A desk that has mailed: candidate `a`'s loop booked through Ana's outbox and its four
/// messages delivered to the shared test SMTP server.
pub struct Mailed {
    /// The server.
    pub sink: &'static crate::support::smtp::SmtpSink,
    /// A sender to it.
    pub sender: rondo::mail::smtp::SmtpSender,
    /// The store's folder (kept while the test runs).
    pub dir: tempfile::TempDir,
    /// The store.
    pub store: rondo::store::Store,
    /// Ana's outbox.
    pub out: rondo::usecases::loops::Outbox,
    /// The loop's technical round.
    pub tech: rondo::domain::Booking,
}

/// [`Mailed`], or `None` (said plainly, or a failure under CI) without the server.
pub fn booked_and_mailed(test: &str) -> Option<Mailed> {
    use crate::support::smtp;
    let sink = smtp::shared(test)?;
    let sender =
        rondo::mail::smtp::SmtpSender::new(&local_settings(sink.port), Some(smtp::PASSWORD))
            .expect("sender");
    let dir = tempfile::tempdir().expect("dir");
    let store = team_with_addresses(dir.path());
    let (out, booked) = book_with_mail(&store);
    let run =
        rondo::usecases::mail::deliver(&store, &sender, &crate::store::usecases::now).expect("run");
    assert_eq!(run.sent, 4, "both rounds to candidate and panel");
    let tech = booked
        .into_iter()
        .find(|b| b.round.as_str() == "tech")
        .expect("tech");
    Some(Mailed {
        sink,
        sender,
        dir,
        store,
        out,
        tech,
    })
}
