//! A coordinator's superday in the real window: ten candidates of one job waiting in the
//! Interviewing stage, eight interviewers in the London office. The coordinator filters
//! the pipeline by job and stage, ticks everyone shown at once, chooses the office and
//! the day, plans it (the grid, the itineraries, the proof in words), drags a round onto
//! another candidate's (refused, the rule and who named) and moves the day's last round
//! a quarter of an hour later with the arrow key (accepted), books all — the moved round
//! where it was moved — and saves the day's sheets; the bookings are in the store: the
//! Pipeline shows each candidate's next interview, and the invites of every round are in
//! the folder.

use super::{tempfile_dir::TempDir, Window};
use chrono::{NaiveDate, TimeZone};
use chrono_tz::Europe::London;
use fantoccini::key::Key;
use rondo::domain::{
    AfterRule, Candidate, CandidateId, Interviewer, InterviewerId, Need, Plan, PlanId, RoundId,
    RoundSpec, Stage, WeeklyHours,
};
use rondo::interval::{Interval, IntervalSet};
use rondo::usecases::records;
use std::time::Duration;

/// The superday: a Wednesday, far enough ahead to be free in everyone's calendar.
const DAY: (i32, u32, u32) = (2027, 3, 10);
/// How many candidates come.
const CANDIDATES: usize = 10;

fn round(id: &str, name: &str, minutes: u32, pool: &str, after: Option<&str>) -> RoundSpec {
    RoundSpec {
        id: RoundId::new(id).expect("a round id"),
        name: name.into(),
        duration_minutes: minutes,
        needs: vec![Need::Pool {
            pool: pool.into(),
            count: 1,
        }],
        after: after
            .map(|a| AfterRule {
                round: RoundId::new(a).expect("a round id"),
                min_gap_minutes: 0,
                max_gap_minutes: None,
            })
            .into_iter()
            .collect(),
        trainee_seats: Vec::new(),
    }
}

/// A data folder holding the London office's panel, the superday plan and the
/// candidates (not a first start: no example team).
fn superday_team() -> TempDir {
    let dir = TempDir::new("hiring-day");
    let store = rondo::store::Store::open(dir.path()).expect("open a store");
    let people = [
        ("rec-1", "Rita Recruiter", "recruiting"),
        ("rec-2", "Raj Recruiter", "recruiting"),
        ("eng-1", "Ella Engineer", "backend"),
        ("eng-2", "Emil Engineer", "backend"),
        ("eng-3", "Eve Engineer", "backend"),
        ("eng-4", "Ezra Engineer", "backend"),
        ("mgr-1", "Mona Manager", "managers"),
        ("mgr-2", "Milo Manager", "managers"),
    ];
    for (id, name, pool) in people {
        let mut i = Interviewer::new(
            InterviewerId::new(id).expect("an id"),
            name,
            London,
            WeeklyHours::parse("mon-fri 09:00-17:30").expect("hours"),
        );
        i.email = format!("{id}@corp.example.com");
        i.pools.insert(pool.to_string());
        i.buffer_minutes = 10;
        records::add_interviewer(&store, &i).expect("add an interviewer");
    }
    let plan = Plan {
        id: PlanId::new("superday").expect("a plan id"),
        name: "Superday".into(),
        job: "Backend engineer".into(),
        rounds: vec![
            round("screen", "Recruiter screen", 30, "recruiting", None),
            round("tech", "Technical", 60, "backend", Some("screen")),
            round("manager", "Hiring manager", 45, "managers", Some("screen")),
        ],
        same_day: vec![],
    };
    records::add_plan(&store, &plan).expect("add the plan");
    let date = NaiveDate::from_ymd_opt(DAY.0, DAY.1, DAY.2).expect("a date");
    let at = |h: u32| {
        London
            .from_local_datetime(&date.and_hms_opt(h, 0, 0).expect("a time"))
            .single()
            .expect("no DST change on the day")
            .to_utc()
    };
    let zones = [
        chrono_tz::Europe::London,
        chrono_tz::Europe::Berlin,
        chrono_tz::Europe::Lisbon,
        chrono_tz::America::New_York,
        chrono_tz::Asia::Kolkata,
    ];
    for k in 0..CANDIDATES {
        let mut c = Candidate::new(
            CandidateId::new(format!("sd-{k:02}")).expect("an id"),
            &format!("Superday Candidate {k:02}"),
            zones[k % zones.len()],
        );
        c.email = format!("sd-{k:02}@mail.example.org");
        c.available = IntervalSet::from_intervals(vec![Interval {
            start: at(8),
            end: at(18),
        }]);
        c.plan = Some(plan.id.clone());
        c.stage = Stage::Interviewing;
        records::add_candidate(&store, &c).expect("add a candidate");
    }
    // Someone in another stage, whom the stage filter leaves out.
    let mut other = Candidate::new(
        CandidateId::new("applied-1").expect("an id"),
        "Early Applicant",
        London,
    );
    other.plan = Some(plan.id.clone());
    records::add_candidate(&store, &other).expect("add a candidate");
    drop(store);
    std::fs::write(dir.path().join(rondo_app::state::FIRST_START_DONE), b"")
        .expect("mark the first start done");
    dir
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_plans_and_books_a_superday_of_ten_candidates() {
    let invites = TempDir::new("hiring-day-invites");
    let w = Window::open_in(
        superday_team(),
        &[("RONDO_TEST_PICK_FOLDER", invites.path())],
    )
    .await;
    w.click("nav-hiring-day").await;
    w.ready("hiring-day").await;

    // Everyone in Interviewing for the backend job, ticked at once.
    let job = w.get("hd-job").await;
    job.select_by_value("Backend engineer")
        .await
        .expect("choose the job");
    let stage = w.get("hd-stage").await;
    stage
        .select_by_value("interviewing")
        .await
        .expect("choose the stage");
    w.wait_text(
        "hd-candidates",
        "the stage filter leaves the applicant out",
        |t| !t.contains("Early Applicant") && t.contains("Superday Candidate 09"),
    )
    .await;
    w.click("hd-all").await;
    w.wait_text("hd-count", "ten chosen", |t| {
        t.starts_with("10 candidates chosen")
    })
    .await;
    let office = w.get("hd-office").await;
    office
        .select_by_value("Europe/London")
        .await
        .expect("choose the office");
    let iso = format!("{}-{:02}-{:02}", DAY.0, DAY.1, DAY.2);
    for field in ["hd-from", "hd-to"] {
        // The date fields read what is typed in the person's style; ISO is always read.
        w.fill(field, &iso).await;
    }
    w.click("hd-plan-day").await;

    let summary = w
        .wait_text("hd-summary", "the day is planned", |t| !t.is_empty())
        .await;
    assert!(
        summary.starts_with("10 of 10 candidates scheduled"),
        "everyone fits a free Wednesday with eight interviewers: {summary}"
    );
    let proof = w.text("hd-proof").await;
    assert!(
        proof.starts_with("Best possible") || proof.contains("of the best possible"),
        "the proof in words: {proof}"
    );
    // The grid: a row per interviewer who interviews, each candidate's name on the blocks.
    for id in ["rec-1", "eng-1", "mgr-1"] {
        let row = w.text(&format!("hd-grid-row-{id}")).await;
        assert!(
            row.contains("Superday Candidate"),
            "{id}'s row names the candidates on its blocks: {row}"
        );
    }
    // The itineraries in each candidate's own time: Kolkata reads 4 h 30 min later.
    let kolkata = w.text("hd-itinerary-sd-04").await;
    assert!(
        kolkata.contains("Kolkata (candidate)") && kolkata.contains("London"),
        "the candidate's clock first, then the panel's: {kolkata}"
    );
    w.reveal(&w.get("hd-day-0").await).await;
    w.screenshot("hiring-day-planned").await;

    // Drag Ella's first interview onto her second: the core refuses it, says which rule
    // and who, and nothing moves.
    let ella = w.all("[data-testid=\"hd-grid-row-eng-1\"] .hd-block").await;
    assert!(ella.len() >= 2, "Ella interviews more than one candidate");
    let title = ella[0].attr("title").await.expect("a title");
    let (x0, _, _, _) = ella[0].rectangle().await.expect("where the first block is");
    let (x1, _, _, _) = ella[1]
        .rectangle()
        .await
        .expect("where the second block is");
    w.reveal(&ella[0]).await;
    w.drag(&ella[0], x1 - x0).await;
    let refused = w
        .wait_text("hd-move-error", "the move is refused", |t| {
            t.contains("rule")
        })
        .await;
    assert!(
        refused.contains("rule 10")
            && refused.contains("Ella Engineer interviews Superday Candidate")
            && refused.contains("nothing was moved"),
        "the rule and who is in the way, in words: {refused}"
    );
    let still = w.all("[data-testid=\"hd-grid-row-eng-1\"] .hd-block").await;
    assert_eq!(
        still[0].attr("title").await.expect("a title"),
        title,
        "a refused move changes nothing"
    );

    // The keyboard: the round that ends last moves a quarter of an hour later (no one
    // has anything after it), and the day is drawn again.
    let mut last = None;
    for b in w.all(".hd-block").await {
        let title = b.attr("title").await.expect("a title").unwrap_or_default();
        // `Name\nRound · 13:15–14:00 London`: the end on the office's clock.
        let end = title
            .split('–')
            .nth(1)
            .map(|t| t.chars().take(5).collect::<String>())
            .unwrap_or_default();
        if last.as_ref().is_none_or(|(e, _)| end > *e) {
            last = Some((end, b));
        }
    }
    let (_, block) = last.expect("blocks on the grid");
    let who = block
        .attr("data-candidate")
        .await
        .expect("an attribute")
        .expect("the block's candidate");
    let round = block
        .attr("data-round")
        .await
        .expect("an attribute")
        .expect("the block's round");
    w.reveal(&block).await;
    block
        .send_keys(&Key::Right.to_string())
        .await
        .expect("press → on the round");
    let moved = w
        .wait_text("hd-moved", "the move is accepted", |t| {
            t.contains("now starts at")
        })
        .await;
    // `… now starts at Wed 10 Mar 13:30 London; …`: the new start, for the invite.
    let hhmm: String = moved
        .split("now starts at ")
        .nth(1)
        .and_then(|t| t.split(' ').nth(3))
        .expect("the new start in words")
        .replace(':', "");

    w.click("hd-book").await;
    let sent = w
        .wait_text("hd-sent-text", "the day is booked", |t| {
            t.starts_with("Booked")
        })
        .await;
    assert!(
        sent.contains("Booked 10 candidates, 30 interviews"),
        "three rounds for each of ten candidates: {sent}"
    );
    // The invites: every candidate's in a folder of their own (the files of one loop
    // have the same names as another's).
    for k in 0..CANDIDATES {
        let theirs = invites.path().join(format!("sd-{k:02}"));
        for f in [
            "loop.ics",
            "screen-candidate.ics",
            "tech-panel.ics",
            "manager-candidate.ics",
        ] {
            assert!(
                theirs.join(f).is_file(),
                "{f} of sd-{k:02} is in {}",
                theirs.display()
            );
        }
    }

    // The moved round is booked where it was moved (the panel's invite, on London's
    // clock).
    let invite =
        std::fs::read_to_string(invites.path().join(&who).join(format!("{round}-panel.ics")))
            .expect("the moved round's invite");
    let at = format!("{}{:02}{:02}T{hhmm}00", DAY.0, DAY.1, DAY.2);
    assert!(
        invite.contains(&format!("DTSTART;TZID=Europe/London:{at}")),
        "{round} of {who} booked at {at}: {invite}"
    );
    // The day's sheets: each interviewer's day and each candidate's itinerary.
    w.click("hd-sheets").await;
    let saved = w
        .wait_text("hd-sheets-saved-text", "the sheets are saved", |t| {
            t.starts_with("Saved")
        })
        .await;
    assert!(
        saved.starts_with("Saved the day of ")
            && saved.contains("interviewers and the itinerary of 10 candidates"),
        "{saved}"
    );
    for f in ["day-eng-1.ics", "day-eng-1.txt", "itinerary-sd-04.txt"] {
        assert!(invites.path().join(f).is_file(), "{f} is saved");
    }

    // In the store: the Pipeline shows every candidate's next interview on the day.
    w.click("nav-pipeline").await;
    w.ready("pipeline").await;
    for k in [0, 4, 9] {
        let id = format!("sd-{k:02}");
        let row = w
            .wait_text(&format!("candidate-{id}"), "a booked interview", |t| {
                t.contains(&format!("{} Mar", DAY.2))
            })
            .await;
        assert!(!row.contains("To schedule"), "{id} is booked: {row}");
    }
    // Booking the same day again is refused: nothing is planned any more.
    w.click("nav-hiring-day").await;
    w.ready("hiring-day").await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let book = w.get("hd-book").await;
    assert!(
        !book.is_enabled().await.expect("enabled state"),
        "a booked day cannot be booked twice"
    );
    w.close().await;
}
