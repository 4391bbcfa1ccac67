//! Answers and the outbox travel in a `rondo-data/1` backup: restored into a new data
//! folder, the answers read the same, a message recorded `sent` is never sent again and
//! one still waiting goes once (counted at a real SMTP server).

use super::import::{import, reply};
use crate::store::usecases::now;
use chrono::Duration;
use rondo::answers::BookingAnswers;
use rondo::domain::Booking;
use rondo::ical::export::audience_uid;
use rondo::mail::outbox::Delivery;
use rondo::store::Store;
use rondo::usecases::{backup, loops, mail as mailing, replies, UseCaseError};

#[test]
fn a_restored_outbox_keeps_sent_as_sent_and_still_sends_what_waits() {
    let test = "mail::backup::a_restored_outbox_keeps_sent_as_sent_and_still_sends_what_waits";
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
    let dir = &m.dir;
    let clock = || now();
    let answered = import(
        &store,
        &reply(
            "REPLY",
            &audience_uid(&tech.uid, "candidate"),
            Some(0),
            "a@mail.example.org",
            "ACCEPTED",
            now() + Duration::hours(1),
            None,
        ),
    )
    .expect("read");
    assert!(answered[0].changed, "{answered:?}");
    // A move queues the update, which waits (not delivered before the backup).
    let later = tech.start + Duration::minutes(30);
    loops::reschedule(&store, &[(tech.id.clone(), later)], None, &out, now()).expect("moved");
    let before = mailing::outbox(&store).expect("outbox");
    assert_eq!(
        before
            .iter()
            .filter(|q| q.delivery.name() == "waiting")
            .count(),
        2,
        "the update to candidate and panel waits"
    );

    let doc = backup::export(&store, now()).expect("export");
    let file = dir.path().join("backup.json");
    backup::save(&doc, &file).expect("saved");
    let text = std::fs::read_to_string(&file).expect("read back");
    let parsed = backup::parse(&text).expect("parses");
    assert_eq!(parsed, doc, "the backup reads back as written");
    assert_eq!((doc.answers.len(), doc.outbox.len()), (1, 6));

    let other = tempfile::tempdir().expect("dir");
    let mut restored = Store::open(other.path()).expect("store");
    let summary = backup::restore(&mut restored, &parsed).expect("restored");
    assert_eq!((summary.answers, summary.outbox), (1, 6));
    assert_eq!(
        restored.all::<BookingAnswers>().expect("answers"),
        store.all::<BookingAnswers>().expect("answers"),
        "every answer and counter-proposal restored"
    );
    assert_eq!(mailing::outbox(&restored).expect("outbox"), before);
    let b: Booking = restored.need(tech.id.as_str()).expect("booking");
    let (_, status, _) = replies::who_said(&restored, &b).expect("answers");
    assert_eq!(
        status.label(),
        "0 of 2 accepted",
        "the answer to the old time still does not count after a restore"
    );

    let run = mailing::deliver(&restored, &sender, &clock).expect("run");
    assert_eq!(
        (run.sent, run.in_doubt),
        (2, 0),
        "only the waiting update goes"
    );
    assert_eq!(
        mailing::deliver(&restored, &sender, &clock)
            .expect("again")
            .sent,
        0
    );
    for q in mailing::outbox(&restored).expect("outbox") {
        assert!(matches!(q.delivery, Delivery::Sent { .. }), "{q:?}");
        assert_eq!(
            sink.with_message_id(&q.id).len(),
            1,
            "{} arrived exactly once across the backup and restore",
            q.id
        );
    }
    let a = rondo::domain::CandidateId::new("a").expect("id");
    assert!(
        mailing::queue(&restored, Some(&a), &out.organizer, now())
            .expect("queue")
            .is_empty(),
        "`invites send` after a restore finds everything already sent"
    );
}

#[test]
fn a_backup_whose_outbox_or_answers_point_nowhere_is_refused_and_named() {
    let dir = tempfile::tempdir().expect("dir");
    let store = super::team_with_addresses(dir.path());
    super::book_with_mail(&store);
    let doc = backup::export(&store, now()).expect("export");
    let mut json: serde_json::Value = serde_json::to_value(&doc).expect("json");
    json["outbox"][0]["bookings"][0] = "bk-999999".into();
    let err = backup::parse(&json.to_string()).expect_err("refused");
    assert!(
        matches!(&err, UseCaseError::BadBackup { record, message }
            if record.starts_with("outbox[0]") && message.contains("bk-999999")),
        "{err}"
    );
    let mut json: serde_json::Value = serde_json::to_value(&doc).expect("json");
    json["outbox"][1]["id"] = json["outbox"][0]["id"].clone();
    let err = backup::parse(&json.to_string()).expect_err("refused");
    assert!(err.to_string().contains("appears twice"), "{err}");
    let mut json: serde_json::Value = serde_json::to_value(&doc).expect("json");
    json["answers"] = serde_json::json!([{"booking": "bk-999999", "answers": {"by_email": {}}}]);
    let err = backup::parse(&json.to_string()).expect_err("refused");
    assert!(err.to_string().contains("bk-999999"), "{err}");
    let mut json: serde_json::Value = serde_json::to_value(&doc).expect("json");
    json["outbox"][0]["delivery"] = serde_json::json!({"state": "lost"});
    let err = backup::parse(&json.to_string()).expect_err("refused");
    assert!(
        matches!(&err, UseCaseError::BadBackup { record, .. } if record.starts_with("outbox[0]")),
        "{err}"
    );
}
