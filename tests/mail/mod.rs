//! Invites by e-mail and the answers that come back: messages sent to a real SMTP
//! server (aiosmtpd) and parsed back, replies in each client's shape, holds and the
//! candidate's options.

mod offer;
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
