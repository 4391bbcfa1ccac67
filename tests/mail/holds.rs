//! Holds and the candidate's pick through the store and the outbox, received by a real
//! SMTP server: options held on the panels and offered in one e-mail; the candidate's
//! "Accept" on one books it and releases the rest; holds nobody picked expire.

use super::import::{import, reply};
use super::send::calendars;
use crate::store::usecases::{now, request};
use crate::support::smtp;
use chrono::Duration;
use rondo::domain::{Booking, BookingStatus, CandidateId, HoldOffer, OfferState};
use rondo::mail::offer::option_uid;
use rondo::mail::outbox::Queued;
use rondo::mail::smtp::SmtpSender;
use rondo::store::Store;
use rondo::usecases::propose::propose;
use rondo::usecases::{holds, mail as mailing, UseCaseError};

fn queued_since(store: &Store, before: &[String]) -> Vec<Queued> {
    mailing::outbox(store)
        .expect("outbox")
        .into_iter()
        .filter(|q| !before.contains(&q.id))
        .collect()
}

fn ids(store: &Store) -> Vec<String> {
    queued_since(store, &[]).into_iter().map(|q| q.id).collect()
}

fn bookings_of(store: &Store, rec: &HoldOffer, option: usize) -> Vec<Booking> {
    rec.options[option]
        .iter()
        .map(|id| store.need(id.as_str()).expect("booking"))
        .collect()
}

#[test]
fn options_held_and_offered_the_pick_books_one_and_releases_the_rest() {
    let test = "mail::holds::options_held_and_offered_the_pick_books_one_and_releases_the_rest";
    let Some(sink) = smtp::shared(test) else {
        return;
    };
    let sender =
        SmtpSender::new(&super::local_settings(sink.port), Some(smtp::PASSWORD)).expect("sender");
    let clock = || now();
    let dir = tempfile::tempdir().expect("dir");
    let store = super::team_with_addresses(dir.path());
    let out = super::ana_mails();
    let a = CandidateId::new("a").expect("id");
    let proposal = propose(&store, &request("a"), now()).expect("propose");
    assert!(proposal.options.len() >= 3, "three options to offer");

    let folders_only = rondo::usecases::loops::Outbox {
        mail: false,
        ..out.clone()
    };
    assert!(matches!(
        holds::offer(&store, &a, &[1, 2, 3], 3, &folders_only, now()),
        Err(UseCaseError::MailOff)
    ));
    let rec = holds::offer(&store, &a, &[1, 2, 3], 3, &out, now()).expect("offered");
    assert_eq!(rec.options.len(), 3);
    assert_eq!(rec.expires_at, now() + Duration::days(3));
    for k in 0..3 {
        for b in bookings_of(&store, &rec, k) {
            assert_eq!(
                b.status,
                BookingStatus::Held,
                "held, so other proposals avoid it"
            );
        }
    }
    assert!(
        matches!(
            holds::offer(&store, &a, &[1], 3, &out, now()),
            Err(UseCaseError::OfferOpen { .. })
        ),
        "one open offer per candidate"
    );
    let queued = mailing::outbox(&store).expect("outbox");
    let to_candidate: Vec<&Queued> = queued
        .iter()
        .filter(|q| q.message.to == ["a@mail.example.org"])
        .collect();
    assert_eq!(
        to_candidate.len(),
        1,
        "the candidate gets one e-mail: the offer"
    );
    assert!(to_candidate[0].message.subject.starts_with("Choose a time"));
    assert!(
        queued
            .iter()
            .filter(|q| q.message.to != ["a@mail.example.org"])
            .all(|q| q.message.subject.starts_with("Hold: ")),
        "each panel gets its hold"
    );
    let run = mailing::deliver(&store, &sender, &clock).expect("run");
    assert_eq!(run.sent, queued.len());
    let got = sink.with_message_id(&to_candidate[0].id);
    assert_eq!(got.len(), 1);
    let options: Vec<_> = calendars(&got[0].raw)
        .into_iter()
        .filter(|(_, _, name)| name.as_deref().is_some_and(|n| n.starts_with("option-")))
        .collect();
    assert_eq!(options.len(), 3, "each option its own invitation");
    for (k, (method, ics, _)) in options.iter().enumerate() {
        assert_eq!(method.as_deref(), Some("REQUEST"));
        let ics = ics.replace("\r\n ", "");
        assert!(
            ics.contains(&format!("UID:{}", option_uid(&rec.key, k))),
            "{ics}"
        );
        assert!(ics.contains("STATUS:TENTATIVE"), "{ics}");
    }

    // The candidate accepts option 2 in Google Calendar (no SEQUENCE).
    let before = ids(&store);
    let start = bookings_of(&store, &rec, 1)
        .iter()
        .map(|b| b.start)
        .min()
        .expect("rounds");
    let mut accept = reply(
        "REPLY",
        &option_uid(&rec.key, 1),
        None,
        "a@mail.example.org",
        "ACCEPTED",
        now() + Duration::hours(2),
        Some((start, start + Duration::hours(1))),
    );
    let o = import(&store, &accept).expect("read");
    assert!(
        o[0].changed && o[0].said.contains("picked option 2"),
        "{o:?}"
    );
    for b in bookings_of(&store, &rec, 1) {
        assert_eq!((b.status, b.sequence), (BookingStatus::Confirmed, 1));
    }
    for k in [0, 2] {
        for b in bookings_of(&store, &rec, k) {
            assert_eq!(
                b.status,
                BookingStatus::Cancelled,
                "option {} released",
                k + 1
            );
        }
    }
    let after = queued_since(&store, &before);
    let cancels = after
        .iter()
        .filter(|q| q.message.method == "CANCEL")
        .count();
    let requests: Vec<&Queued> = after
        .iter()
        .filter(|q| q.message.method == "REQUEST")
        .collect();
    let held_elsewhere = bookings_of(&store, &rec, 0).len() + bookings_of(&store, &rec, 2).len();
    assert_eq!(
        cancels,
        held_elsewhere + 2,
        "each released hold's panel, and the two options not picked"
    );
    assert_eq!(
        requests.len(),
        bookings_of(&store, &rec, 1).len() + 1,
        "each booked round's panel, and the picked option confirmed"
    );
    assert!(
        requests
            .iter()
            .all(|q| !q.message.subject.starts_with("Hold: ")),
        "no longer tentative"
    );
    assert_eq!(
        mailing::deliver(&store, &sender, &clock).expect("run").sent,
        after.len()
    );
    for q in &after {
        assert_eq!(sink.with_message_id(&q.id).len(), 1, "{} once", q.id);
    }
    assert!(matches!(
        holds::offer_of(&store, &a).expect("offer").map(|o| o.state),
        Some(OfferState::Picked { index: 1, .. })
    ));
    // The same answer again, or one for another option, changes nothing.
    let again = import(&store, &accept).expect("read");
    assert!(
        !again[0].changed && again[0].said.contains("already picked"),
        "{again:?}"
    );
    accept = reply(
        "REPLY",
        &option_uid(&rec.key, 0),
        None,
        "a@mail.example.org",
        "ACCEPTED",
        now() + Duration::hours(3),
        None,
    );
    assert!(!import(&store, &accept).expect("read")[0].changed);
}

#[test]
fn holds_nobody_picked_are_released_when_they_expire() {
    let dir = tempfile::tempdir().expect("dir");
    let store = super::team_with_addresses(dir.path());
    let out = super::ana_mails();
    let b = CandidateId::new("b").expect("id");
    propose(&store, &request("b"), now()).expect("propose");
    let rec = holds::offer(&store, &b, &[1, 2], 2, &out, now()).expect("offered");
    assert!(
        holds::release_expired(&store, &out, now() + Duration::days(1))
            .expect("nothing yet")
            .is_empty(),
        "not before their time"
    );
    let before = ids(&store);
    let released =
        holds::release_expired(&store, &out, now() + Duration::days(2)).expect("released");
    assert_eq!(released.len(), 1);
    assert!(matches!(released[0].state, OfferState::Released { .. }));
    for k in 0..2 {
        for bk in bookings_of(&store, &rec, k) {
            assert_eq!(bk.status, BookingStatus::Cancelled);
        }
    }
    let after = queued_since(&store, &before);
    let holds_count = bookings_of(&store, &rec, 0).len() + bookings_of(&store, &rec, 1).len();
    assert_eq!(
        after.len(),
        holds_count + 2,
        "each panel's CANCEL and both options'"
    );
    assert!(after.iter().all(|q| q.message.method == "CANCEL"));
    assert!(
        holds::release_expired(&store, &out, now() + Duration::days(9))
            .expect("again")
            .is_empty(),
        "released once"
    );
    assert!(matches!(
        holds::take_pick(&store, &b, 0, &out, now()),
        Err(UseCaseError::NoOffer { .. })
    ));
}
