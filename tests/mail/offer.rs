//! Holds and the candidate's options: tentative invites, one UID per option, all in one
//! e-mail on the candidate's clock; after the pick, one confirmed and the rest released.

use super::{at, person, shared_or_fail};
use crate::support::smtp;
use mail_parser::{MessageParser, MimeHeaders};
use rondo::ical::export::{round_invites, write_invite, Method, RoundBooking};
use rondo::ical::itip::read_itip;
use rondo::mail::invite_message;
use rondo::mail::offer::{
    after_pick, as_hold, offer_message, option_invites, option_uid, Offer, OfferError, OfferOption,
    OfferRound, MAX_OPTIONS,
};
use rondo::mail::smtp::{Security, SmtpSender, SmtpSettings};
use rondo::mail::Recipient;
use std::path::PathBuf;
use std::process::Command;

fn option(rounds: &[(&str, &str, &str)]) -> OfferOption {
    OfferOption {
        rounds: rounds
            .iter()
            .map(|(name, s, e)| OfferRound {
                name: (*name).into(),
                start: at(s),
                end: at(e),
            })
            .collect(),
    }
}

/// Three options for a candidate in Kolkata: a two-round morning, another day, and one
/// across Sydney's DST change (irrelevant to Kolkata: its clock never moves).
fn offer() -> Offer {
    Offer {
        key: "offer-test/priya/loop".into(),
        title: "Example Corp – Interviews".into(),
        candidate: person("Priya Raman", "priya@example.org"),
        candidate_zone: chrono_tz::Asia::Kolkata,
        organizer: person("Example Corp Recruiting", "recruiting@example.com"),
        location: "https://meet.example.com/abc-defg-hij".into(),
        note: "Bring a laptop.".into(),
        options: vec![
            option(&[
                (
                    "Technical interview",
                    "2026-04-02T04:30:00Z",
                    "2026-04-02T05:30:00Z",
                ),
                (
                    "System design",
                    "2026-04-02T06:00:00Z",
                    "2026-04-02T07:00:00Z",
                ),
            ]),
            option(&[(
                "Technical interview",
                "2026-04-03T09:30:00Z",
                "2026-04-03T10:30:00Z",
            )]),
            option(&[(
                "Technical interview",
                "2026-04-05T03:00:00Z",
                "2026-04-05T04:00:00Z",
            )]),
        ],
        sequence: 0,
    }
}

#[test]
fn the_candidates_options_travel_in_one_email_each_its_own_tentative_invite() {
    let test = "the_candidates_options_travel_in_one_email_each_its_own_tentative_invite";
    let now = at("2026-03-25T08:00:00Z");
    let o = offer();
    let msg = offer_message(&o, now).expect("offer e-mail");
    let parsed = MessageParser::default()
        .parse(msg.raw.as_bytes())
        .expect("parses");
    let text = parsed.body_text(0).expect("text").into_owned();
    for line in [
        "Option 1:",
        "Technical interview: Thu 2 Apr 2026, 10:00–11:00 Kolkata (UTC+05:30)",
        "System design: Thu 2 Apr 2026, 11:30–12:30 Kolkata (UTC+05:30)",
        "Technical interview: Fri 3 Apr 2026, 15:00–16:00 Kolkata (UTC+05:30)",
        "Technical interview: Sun 5 Apr 2026, 08:30–09:30 Kolkata (UTC+05:30)",
        "Bring a laptop.",
    ] {
        assert!(text.contains(line), "the text lists {line:?}:\n{text}");
    }
    let calendars: Vec<_> = parsed
        .parts
        .iter()
        .filter(|p| {
            p.content_type()
                .is_some_and(|c| c.subtype() == Some("calendar"))
        })
        .collect();
    assert_eq!(calendars.len(), 3, "one invitation per option");
    let mut uids = Vec::new();
    for (i, part) in calendars.iter().enumerate() {
        let case = format!("option {}", i + 1);
        let ct = part.content_type().expect("type");
        assert_eq!(ct.attribute("method"), Some("REQUEST"), "{case}: method=");
        assert_eq!(
            part.attachment_name(),
            Some(format!("option-{}.ics", i + 1).as_str()),
            "{case}"
        );
        let ics = String::from_utf8_lossy(part.contents()).into_owned();
        assert!(
            ics.contains("METHOD:REQUEST\r\n") && ics.contains("STATUS:TENTATIVE\r\n"),
            "{case}: tentative request"
        );
        assert!(
            ics.contains("TZID=Asia/Kolkata"),
            "{case}: on the candidate's clock"
        );
        let m = &read_itip(&ics).expect("reads")[0];
        assert_eq!(m.uid, option_uid(&o.key, i), "{case}: its own UID");
        let rounds = &o.options[i].rounds;
        assert_eq!(
            m.start,
            rounds.first().map(|r| r.start),
            "{case}: starts with its first round"
        );
        assert_eq!(
            m.end,
            rounds.last().map(|r| r.end),
            "{case}: ends with its last round"
        );
        uids.push(m.uid.clone());
    }
    uids.dedup();
    assert_eq!(uids.len(), 3, "three different UIDs");
    assert_eq!(msg.uids, uids, "the outbox knows every UID inside");
    assert!(
        msg.subject
            .starts_with("Choose a time: Example Corp – Interviews (3 options, from Thu 2 Apr)"),
        "{}",
        msg.subject
    );

    // Through a real server, and each option read the same by every checker.
    if let Some(sink) = smtp::shared(test) {
        let mut s = SmtpSettings::new("127.0.0.1", Security::None);
        s.port = sink.port;
        SmtpSender::new(&s, None)
            .expect("settings")
            .send(&msg)
            .expect("sent");
        assert_eq!(
            sink.with_message_id(&msg.message_id).len(),
            1,
            "received once"
        );
    }
    let Some(shared) = shared_or_fail(test) else {
        return;
    };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("mail-offer");
    std::fs::create_dir_all(&dir).expect("dir");
    for (i, invite) in option_invites(&o, now).expect("options").iter().enumerate() {
        let path = dir.join(format!("option-{}.ics", i + 1));
        std::fs::write(&path, write_invite(invite).expect("writes")).expect("save");
        let out = Command::new("python3")
            .arg(shared.join("ics/checkers/check-invite.py"))
            .arg(&path)
            .args(["--checkers", "available"])
            .output()
            .expect("run check-invite.py");
        assert!(
            out.status.success(),
            "option {}: {}",
            i + 1,
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn after_the_pick_one_option_is_confirmed_and_the_others_released() {
    let now = at("2026-03-26T08:00:00Z");
    let o = offer();
    let after = after_pick(&o, 1, now).expect("pick option 2");
    assert_eq!(after.len(), 3);
    for (i, inv) in after.iter().enumerate() {
        assert_eq!(inv.uid, option_uid(&o.key, i), "same UID as offered");
        assert_eq!(inv.sequence, 1, "one version later");
        let text = write_invite(inv).expect("writes");
        if i == 1 {
            assert_eq!(inv.method, Method::Request);
            assert!(
                text.contains("STATUS:CONFIRMED\r\n"),
                "the pick is confirmed"
            );
        } else {
            assert_eq!(inv.method, Method::Cancel);
            assert!(
                text.contains("STATUS:CANCELLED\r\n"),
                "option {} released",
                i + 1
            );
        }
    }
    assert_eq!(
        after_pick(&o, 3, now),
        Err(OfferError::NoSuchOption { index: 4, count: 3 })
    );
    let mut too_many = o.clone();
    too_many.options = vec![o.options[1].clone(); MAX_OPTIONS + 1];
    assert!(matches!(
        offer_message(&too_many, now),
        Err(OfferError::Count { .. })
    ));
    let mut none = o;
    none.options.clear();
    assert!(matches!(
        option_invites(&none, now),
        Err(OfferError::Count { count: 0, .. })
    ));
}

#[test]
fn a_hold_is_tentative_and_says_so_in_title_subject_and_body() {
    let now = at("2026-03-25T08:00:00Z");
    let round = RoundBooking {
        key: "hold-test/priya/tech".into(),
        round_name: "Technical interview".into(),
        company: "Example Corp".into(),
        candidate: person("Priya Raman", "priya@example.org"),
        candidate_zone: chrono_tz::Asia::Kolkata,
        interviewers: vec![person("Ana Novak", "ana@example.com")],
        shadows: Vec::new(),
        panel_zone: chrono_tz::Europe::Berlin,
        start: at("2026-04-02T08:00:00Z"),
        end: at("2026-04-02T09:00:00Z"),
        video_link: String::new(),
        contact: person("Example Corp Recruiting", "recruiting@example.com"),
        notes: String::new(),
        sequence: 0,
    };
    let (_, panel) = round_invites(&round, &round.contact, Method::Request, now);
    let hold = as_hold(panel.clone());
    assert_eq!(as_hold(hold.clone()), hold, "holding twice changes nothing");
    let text = write_invite(&hold).expect("writes");
    for line in [
        "SUMMARY:Hold: Interview: Priya Raman – Technical interview\r\n",
        "STATUS:TENTATIVE\r\n",
        "X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE\r\n",
        "TRANSP:OPAQUE\r\n",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }
    let msg = invite_message(
        &hold,
        &[Recipient {
            person: person("Ana Novak", "ana@example.com"),
            zone: chrono_tz::Europe::Berlin,
        }],
        now,
    )
    .expect("message");
    assert!(
        msg.subject.starts_with("Hold: Interview: Priya Raman"),
        "{}",
        msg.subject
    );
    let body = MessageParser::default()
        .parse(msg.raw.as_bytes())
        .and_then(|m| m.body_text(0).map(|t| t.into_owned()))
        .expect("text");
    assert!(body.contains("held while the candidate chooses"), "{body}");
    assert!(
        body.contains("Thu 2 Apr 2026, 10:00–11:00 Berlin (UTC+02:00)"),
        "{body}"
    );
}
