//! E-mailed invites and the answers, in the real window against a real SMTP server
//! (aiosmtpd, started here on a free loopback port): Settings → Mail set up and a test
//! message sent; a loop booked, its invites sent by the background sender and listed
//! as sent in the outbox; an interviewer's decline imported from a saved reply; the
//! seat given to a free colleague; the update and the CANCEL arrive.

#[path = "../../../tests/support/smtp.rs"]
pub(crate) mod smtp;

use super::{tempfile_dir::TempDir, Window};
use rondo::domain::{Interviewer, InterviewerId};
use rondo::ical::itip::{ItipMessage, ItipMethod};
use rondo::mail::inbound::read_reply;
use rondo::usecases::records;
use std::time::{Duration, Instant};

/// Waits until the server received at least `n` messages; returns them all.
async fn arrived(sink: &smtp::SmtpSink, n: usize, what: &str) -> Vec<smtp::Received> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let got = sink.received();
        if got.len() >= n {
            return got;
        }
        assert!(
            Instant::now() < deadline,
            "{what}: {n} messages expected, {} arrived",
            got.len()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The calendar a received message carries (read by the core's own reader of saved
/// e-mails: the part is base64 inside `multipart/alternative`, and attached again).
fn calendar(raw: &[u8]) -> ItipMessage {
    let file = read_reply(raw).expect("a message with a calendar");
    assert_eq!(file.messages.len(), 1, "one calendar object per message");
    file.messages.into_iter().next().expect("one")
}

/// Waits until the Schedule screen shows options that hold (true) or says no
/// schedule fits (false).
async fn options_found(w: &Window) -> bool {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if !w
            .all("[data-testid=\"infeasible\"]:not([hidden])")
            .await
            .is_empty()
        {
            return false;
        }
        for v in w.all("[data-testid=\"verdict-text\"]").await {
            if v.text().await.is_ok_and(|t| t.contains("holds")) {
                return true;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

/// A header of a received message.
fn header(raw: &[u8], name: &str) -> String {
    let text = String::from_utf8_lossy(raw);
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")).map(str::to_string))
        .unwrap_or_default()
}

/// Asserts that no message reached the server twice (by Message-ID).
fn each_once(sink: &smtp::SmtpSink) {
    let ids: Vec<String> = sink
        .received()
        .iter()
        .map(|m| header(&m.raw, "Message-ID"))
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "no message arrived twice");
}

/// Settings → Mail: the organizer set, the local server (no TLS: it is this machine, no
/// login), and a test message that arrives.
async fn mail_on(w: &Window, sink: &smtp::SmtpSink) {
    w.click("nav-settings").await;
    w.ready("settings").await;
    w.fill("organizer-email", "coordinator@rondo.test").await;
    w.click("organizer-save").await;
    w.wait_text("organizer-hint", "the organizer is set", |t| {
        t.starts_with("Calendars show")
    })
    .await;
    w.fill("mail-host", "127.0.0.1").await;
    w.fill("mail-port", &sink.port.to_string()).await;
    w.get("mail-security")
        .await
        .select_by_value("none")
        .await
        .expect("pick no TLS");
    w.click("mail-save").await;
    w.wait_text("mail-hint", "mail is on", |t| {
        t.contains("are e-mailed from")
    })
    .await;
    w.click("mail-test").await;
    w.wait_text("status", "the test message went", |t| {
        t.contains("A test message went to coordinator@rondo.test")
    })
    .await;
    let test_message = arrived(sink, 1, "the test message").await;
    assert_eq!(
        header(&test_message[0].raw, "Subject"),
        "Rondo test message"
    );
    assert_eq!(test_message[0].rcpt_tos, ["coordinator@rondo.test"]);
    w.screenshot("settings-mail").await;
}

/// Opens the Schedule screen of the first of the candidates to schedule for whom
/// options are found (one of the first four has some); returns the option's rounds.
async fn schedule_someone(w: &Window) -> usize {
    w.click("nav-pipeline").await;
    w.ready("pipeline").await;
    w.click("filter-schedule").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut waiting = Vec::new();
    for b in w
        .all("[data-testid=\"pipeline-table\"] button[data-testid^=\"schedule-\"]")
        .await
    {
        waiting.push(b.attr("data-testid").await.expect("id").expect("an id"));
    }
    assert!(
        !waiting.is_empty(),
        "the example has candidates to schedule"
    );
    for id in waiting.iter().take(4) {
        w.click("nav-pipeline").await;
        w.ready("pipeline").await;
        w.click(id).await;
        w.ready("schedule").await;
        w.click("find-options").await;
        if options_found(w).await {
            let rounds = w.all("[data-testid^=\"when-\"]").await.len();
            assert!(rounds > 0, "the option has rounds");
            return rounds;
        }
    }
    panic!("options are found for one of the candidates to schedule");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_a_loop_import_a_decline_swap_the_interviewer_send_the_update() {
    let test = "e2e::mail::send_a_loop_import_a_decline_swap_the_interviewer_send_the_update";
    let work = TempDir::new("mail-work");
    let Some(sink) = smtp::own(test, &work.path().join("smtp")) else {
        return;
    };
    let reply = work.path().join("decline.eml");
    let folder = work.path().join("invites");
    std::fs::create_dir_all(&folder).expect("the invites' folder");
    // The example team, each interviewer with three colleagues of the same pools, hours
    // and zone who have nothing booked: whoever declines, someone can take the seat.
    let data = TempDir::new("mail");
    {
        let mut store = rondo::store::Store::open(data.path()).expect("a store");
        let now = chrono::Utc::now();
        rondo::usecases::demo::load_example(&mut store, now.date_naive(), now)
            .expect("the example team");
        for i in store.all::<Interviewer>().expect("the interviewers") {
            for tag in ["b", "c", "d"] {
                let mut twin = i.clone();
                twin.id = InterviewerId::new(format!("{}-{tag}", i.id)).expect("an id");
                twin.name = format!("{} {}", i.name, tag.to_uppercase());
                twin.email = format!("{}-{tag}@colleague.example", i.id);
                records::add_interviewer(&store, &twin).expect("a colleague");
            }
        }
    }
    let w = Window::open_in(
        data,
        &[
            ("RONDO_TEST_PICK_FILE", reply.as_path()),
            ("RONDO_TEST_PICK_FOLDER", folder.as_path()),
        ],
    )
    .await;

    mail_on(&w, &sink).await;

    // Book a loop for a candidate still to schedule: its e-mails are queued with the
    // booking and the background sender sends them.
    let rounds = schedule_someone(&w).await;
    w.click("book").await;
    w.wait_text("book", "booked", |t| t.contains("is booked"))
        .await;
    let booked = arrived(
        &sink,
        1 + 2 * rounds,
        "each round to the candidate and the panel",
    )
    .await;
    let invites = &booked[1..];
    assert!(
        invites
            .iter()
            .all(|m| calendar(&m.raw).method == ItipMethod::Request),
        "every invite is an iMIP REQUEST"
    );
    w.click("nav-settings").await;
    w.ready("settings").await;
    w.click("outbox-refresh").await;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let rows = w
            .all("[data-testid=\"outbox-row\"][data-state=\"sent\"]")
            .await;
        if rows.len() == 2 * rounds {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the outbox lists {} invites as sent, {} expected",
            rows.len(),
            2 * rounds
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
        w.click("outbox-refresh").await;
    }

    // An interviewer of the first round declines, in a reply saved from their client.
    // A round of two interviewers, if there is one (a pool's seat).
    let panels: Vec<&smtp::Received> = invites
        .iter()
        .filter(|m| calendar(&m.raw).uid.ends_with("-panel@rondo"))
        .collect();
    let panel = panels
        .iter()
        .find(|m| m.rcpt_tos.len() == 2)
        .or_else(|| panels.first())
        .expect("a panel invite");
    let uid = calendar(&panel.raw).uid;
    let decliner = panel.rcpt_tos[0].clone();
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let ics = format!(
        "BEGIN:VCALENDAR\r\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nSEQUENCE:0\r\nDTSTAMP:{stamp}\r\nATTENDEE;PARTSTAT=DECLINED:mailto:{decliner}\r\nORGANIZER:mailto:coordinator@rondo.test\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    );
    let eml = format!(
        "From: {decliner}\r\nTo: coordinator@rondo.test\r\nSubject: Declined: interview\r\nMIME-Version: 1.0\r\nContent-Type: text/calendar; method=REPLY; charset=UTF-8\r\n\r\n{ics}"
    );
    std::fs::write(&reply, eml).expect("the saved reply");

    w.click("nav-schedule").await;
    w.ready("schedule").await;
    w.click("open-candidate").await;
    w.ready("candidate").await;
    w.click("import-reply").await;
    let outcome = w
        .wait_text("reply-outcome", "the decline is read", |t| !t.is_empty())
        .await;
    assert!(
        outcome.contains("declined"),
        "what the reply did: {outcome}"
    );
    let declined_round = w.all("[data-testid^=\"answer-status-\"]").await;
    let mut round = None;
    for e in declined_round {
        let t = e.text().await.expect("an answer status");
        if t.starts_with("needs a replacement for") {
            let id = e.attr("data-testid").await.expect("its id").expect("an id");
            round = Some(id.trim_start_matches("answer-status-").to_string());
        }
    }
    let round = round.expect("a round needs a replacement after the decline");
    w.screenshot("candidate-answers").await;

    // One click finds who can take the seat (least loaded first), one more gives it.
    w.click(&format!("find-replacement-{round}")).await;
    let deadline = Instant::now() + Duration::from_secs(15);
    let choices = loop {
        let c = w.all("[data-testid^=\"replace-with-\"]").await;
        if !c.is_empty() || Instant::now() > deadline {
            break c;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    if choices.is_empty() {
        let shot = w.screenshot("failed-replacement").await;
        let said = w.text(&format!("replacements-{round}")).await;
        let banner = w.all("[data-testid=\"error-text\"]").await;
        let banner = match banner.first() {
            Some(b) => b.text().await.unwrap_or_default(),
            None => String::new(),
        };
        panic!(
            "someone free can take the seat: {said:?} {banner:?} (see {})",
            shot.display()
        );
    }
    let into = choices[0]
        .attr("data-testid")
        .await
        .expect("its id")
        .expect("an id")
        .trim_start_matches("replace-with-")
        .to_string();
    w.reveal(&choices[0]).await;
    choices[0].click().await.expect("give the seat");
    w.wait_text(
        &format!("answer-status-{round}"),
        "a new version waits for answers",
        |t| t.contains("of") && t.contains("accepted"),
    )
    .await;

    // The update (SEQUENCE 1) reaches the candidate and the new panel; the CANCEL the
    // one who declined; nothing reaches anyone twice.
    let all = arrived(&sink, 1 + 2 * rounds + 3, "the update and the cancellation").await;
    let later = &all[1 + 2 * rounds..];
    let cancel = later
        .iter()
        .find(|m| calendar(&m.raw).method == ItipMethod::Cancel)
        .expect("a CANCEL");
    assert_eq!(
        cancel.rcpt_tos,
        std::slice::from_ref(&decliner),
        "to the one who left, alone"
    );
    assert_eq!(
        calendar(&cancel.raw).uid,
        uid,
        "for the event they were invited to"
    );
    let updates: Vec<ItipMessage> = later
        .iter()
        .map(|m| calendar(&m.raw))
        .filter(|c| c.method == ItipMethod::Request)
        .collect();
    assert_eq!(
        updates.len(),
        2,
        "the candidate's and the new panel's update"
    );
    assert!(
        updates.iter().all(|c| c.sequence == Some(1)),
        "the update is SEQUENCE 1"
    );
    let new_panel = later
        .iter()
        .find(|m| {
            let c = calendar(&m.raw);
            c.method == ItipMethod::Request && c.uid == uid
        })
        .expect("the panel's update");
    assert!(
        !new_panel.rcpt_tos.is_empty() && !new_panel.rcpt_tos.contains(&decliner),
        "the panel's update goes to the new panel ({into} in), without the one who declined"
    );
    each_once(&sink);
    w.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hold_two_options_email_them_and_release_them() {
    let test = "e2e::mail::hold_two_options_email_them_and_release_them";
    let work = TempDir::new("holds-work");
    let Some(sink) = smtp::own(test, &work.path().join("smtp")) else {
        return;
    };
    let data = TempDir::new("holds");
    {
        let mut store = rondo::store::Store::open(data.path()).expect("a store");
        let now = chrono::Utc::now();
        rondo::usecases::demo::load_example(&mut store, now.date_naive(), now)
            .expect("the example team");
    }
    let w = Window::open_in(data, &[]).await;
    mail_on(&w, &sink).await;
    let rounds = schedule_someone(&w).await;

    // Hold the first two options for 3 days and e-mail them: the candidate's page shows
    // the offer.
    w.fill("offer-count", "2").await;
    w.click("offer-holds").await;
    w.ready("candidate").await;
    let state = w
        .wait_text("holds-state", "the offer is shown", |t| !t.is_empty())
        .await;
    assert!(state.starts_with("held until"), "the holds' state: {state}");
    assert_eq!(
        w.all("[data-testid=\"holds-option\"]").await.len(),
        2,
        "both options listed"
    );
    w.screenshot("candidate-holds").await;

    // One e-mail to the candidate carrying both options (each its own UID), and each
    // option's hold to each panel: tentative, "Hold: …".
    let all = arrived(&sink, 1 + 1 + 2 * rounds, "the offer and the panels' holds").await;
    let sent = &all[1..];
    assert_eq!(sent.len(), 1 + 2 * rounds, "nothing else, nothing twice");
    let files: Vec<_> = sent
        .iter()
        .map(|m| read_reply(&m.raw).expect("a message with a calendar"))
        .collect();
    let offers: Vec<_> = files.iter().filter(|f| f.messages.len() > 1).collect();
    assert_eq!(offers.len(), 1, "one e-mail offers the options");
    let uids: std::collections::BTreeSet<&str> =
        offers[0].messages.iter().map(|m| m.uid.as_str()).collect();
    assert_eq!(
        (offers[0].messages.len(), uids.len()),
        (2, 2),
        "two options, each its own UID"
    );
    assert!(
        offers[0]
            .messages
            .iter()
            .all(|m| m.method == ItipMethod::Request),
        "each option an invitation to accept"
    );
    let holds: Vec<&ItipMessage> = files
        .iter()
        .filter(|f| f.messages.len() == 1)
        .map(|f| &f.messages[0])
        .collect();
    assert_eq!(holds.len(), 2 * rounds, "each option's rounds held");
    assert!(
        holds.iter().all(|h| h.method == ItipMethod::Request
            && h.summary
                .as_deref()
                .is_some_and(|s| s.starts_with("Hold: "))),
        "the panels' holds are tentative invitations"
    );

    // Release them all: everyone held gets a CANCEL, the page says released.
    w.click("holds-withdraw").await;
    w.click("confirm-yes").await;
    let state = w
        .wait_text("holds-state", "the holds are released", |t| {
            t.starts_with("released")
        })
        .await;
    assert!(
        w.all("[data-testid^=\"holds-pick-\"]").await.is_empty(),
        "nothing left to pick: {state}"
    );
    // Each panel's hold, and each option for the candidate (one CANCEL per UID).
    let after = arrived(
        &sink,
        all.len() + 2 * rounds + 2,
        "a cancellation for every hold and both options",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        sink.received().len(),
        all.len() + 2 * rounds + 2,
        "nothing else, nothing twice"
    );
    let cancels: Vec<ItipMessage> = after[all.len()..]
        .iter()
        .flat_map(|m| read_reply(&m.raw).expect("a calendar").messages)
        .collect();
    assert!(
        cancels.iter().all(|c| c.method == ItipMethod::Cancel),
        "only cancellations after the release"
    );
    let held_uids: std::collections::BTreeSet<&str> =
        holds.iter().map(|h| h.uid.as_str()).collect();
    let cancelled: std::collections::BTreeSet<&str> =
        cancels.iter().map(|c| c.uid.as_str()).collect();
    let offered: std::collections::BTreeSet<&str> = uids.iter().copied().collect();
    assert_eq!(
        cancelled,
        held_uids.union(&offered).copied().collect(),
        "every panel's hold and both options are cancelled"
    );
    each_once(&sink);
    w.close().await;
}
