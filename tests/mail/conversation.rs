//! The organizer's side of the conversation, through the outbox to a real SMTP server:
//! a REFRESH gets the current invite again (to that person alone, once per request), a
//! declined proposal gets a DECLINECOUNTER, an accepted one the update to everyone.

use super::import::{counter, import, reply};
use super::send::calendars;
use crate::store::usecases::now;
use crate::support::smtp;
use chrono::Duration;
use rondo::domain::Booking;
use rondo::ical::export::audience_uid;
use rondo::store::Store;
use rondo::usecases::{mail as mailing, replies};

/// The calendar text of the only message the server received with Message-ID `id`,
/// with its `method=` parameter and its envelope recipients.
fn received(sink: &smtp::SmtpSink, id: &str) -> (Option<String>, String, Vec<String>) {
    let got = sink.with_message_id(id);
    assert_eq!(got.len(), 1, "{id} arrived once");
    let cal = calendars(&got[0].raw);
    assert!(!cal.is_empty(), "{id} carries its calendar");
    let (method, text, _) = cal[0].clone();
    (method, text.replace("\r\n ", ""), got[0].rcpt_tos.clone())
}

/// The Message-IDs in the outbox.
fn ids(store: &Store) -> Vec<String> {
    mailing::outbox(store)
        .expect("outbox")
        .into_iter()
        .map(|q| q.id)
        .collect()
}

/// The messages queued since the outbox held `before`.
fn new_since(store: &Store, before: &[String]) -> Vec<rondo::mail::outbox::Queued> {
    mailing::outbox(store)
        .expect("outbox")
        .into_iter()
        .filter(|q| !before.contains(&q.id))
        .collect()
}

#[test]
fn refresh_declinecounter_and_an_accepted_counter_go_out_through_the_outbox() {
    let test = "mail::conversation::refresh_declinecounter_and_an_accepted_counter_go_out_through_the_outbox";
    let Some(m) = super::booked_and_mailed(test) else {
        return;
    };
    let super::Mailed {
        sink,
        sender,
        store,
        out,
        tech,
        ..
    } = m;
    let clock = || now();
    let cand_uid = audience_uid(&tech.uid, "candidate");
    let panel_uid = audience_uid(&tech.uid, "panel");
    let engineer = format!("{}@corp.example.com", tech.interviewers[0]);
    let t = now() + Duration::hours(1);
    let first = ids(&store);

    // REFRESH: the panel's current invite, to the engineer who asked and no one else.
    let asked = reply(
        "REFRESH",
        &panel_uid,
        None,
        &engineer,
        "NEEDS-ACTION",
        t,
        None,
    );
    let o = import(&store, &asked).expect("read");
    assert!(o[0].changed && o[0].said.contains("queued"), "{o:?}");
    let again = import(&store, &asked).expect("read");
    assert!(
        !again[0].changed && again[0].said.contains("already"),
        "the same request queues nothing more: {again:?}"
    );
    let fresh = new_since(&store, &first);
    assert_eq!(fresh.len(), 1);
    assert_eq!(fresh[0].message.to, std::slice::from_ref(&engineer));
    assert_eq!(
        mailing::deliver(&store, &sender, &clock).expect("run").sent,
        1
    );
    let (method, ics, to) = received(sink, &fresh[0].id);
    assert_eq!(method.as_deref(), Some("REQUEST"));
    assert_eq!(to, std::slice::from_ref(&engineer));
    assert!(ics.contains(&format!("UID:{panel_uid}")), "{ics}");
    assert!(ics.contains("SEQUENCE:0"), "the current version: {ics}");
    let later = import(
        &store,
        &reply(
            "REFRESH",
            &panel_uid,
            None,
            &engineer,
            "NEEDS-ACTION",
            t + Duration::hours(1),
            None,
        ),
    )
    .expect("read");
    assert!(later[0].changed, "a later request is sent again: {later:?}");

    // A proposal declined: DECLINECOUNTER to the candidate, the interview unchanged.
    let proposed = tech.start + Duration::hours(2);
    let proposal = import(
        &store,
        &counter(&cand_uid, "a@mail.example.org", t, &tech, proposed),
    )
    .expect("read");
    assert!(proposal[0].changed, "{proposal:?}");
    let before = ids(&store);
    let declined = replies::decline_counter(&store, &tech.id, "A@Mail.Example.org", &out, now())
        .expect("declined");
    assert_eq!(declined.counter.start, proposed);
    let id = declined.queued.expect("a DECLINECOUNTER queued");
    assert_eq!(new_since(&store, &before).len(), 1);
    assert_eq!(
        mailing::deliver(&store, &sender, &clock).expect("run").sent,
        2
    );
    let (method, ics, to) = received(sink, &id);
    assert_eq!(method.as_deref(), Some("DECLINECOUNTER"));
    assert!(ics.contains("METHOD:DECLINECOUNTER"), "{ics}");
    assert!(ics.contains(&format!("UID:{cand_uid}")), "{ics}");
    assert_eq!(to, ["a@mail.example.org"]);
    assert_eq!(
        ics.matches("ATTENDEE").count(),
        1,
        "only the person who proposed: {ics}"
    );
    let b: Booking = store.need(tech.id.as_str()).expect("booking");
    assert_eq!(
        (b.start, b.sequence),
        (tech.start, 0),
        "the interview stays"
    );

    // A proposal accepted: the interview moves and everyone gets SEQUENCE 1.
    let moved_to = tech.start + Duration::minutes(30);
    import(&store, &counter(&panel_uid, &engineer, t, &tech, moved_to)).expect("read");
    let before = ids(&store);
    replies::accept_counter(&store, &tech.id, &engineer, None, &out, now()).expect("accepted");
    let update = new_since(&store, &before);
    assert_eq!(update.len(), 2, "to the candidate and to the panel");
    assert_eq!(
        mailing::deliver(&store, &sender, &clock).expect("run").sent,
        2
    );
    for q in &update {
        let (method, ics, _) = received(sink, &q.id);
        assert_eq!(method.as_deref(), Some("REQUEST"));
        assert!(ics.contains("SEQUENCE:1"), "{ics}");
    }
    let tos: Vec<Vec<String>> = update.iter().map(|q| q.message.to.clone()).collect();
    assert!(
        tos.contains(&vec!["a@mail.example.org".to_string()]),
        "{tos:?}"
    );
    assert!(tos.iter().any(|t| t.contains(&engineer)), "{tos:?}");
}
