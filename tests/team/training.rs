//! Training paths and trainees in a real store (`rondo::usecases::training`): progress
//! moves when a seated interview is held (marked, or over and not cancelled), never for a
//! cancelled one; the end of the path graduates the trainee into the pool, after
//! sign-off when the path asks; and everything survives a backup and a restore.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rondo::data::DataDoc;
use rondo::domain::progress::Progress;
use rondo::domain::{
    BookedTrainee, Booking, BookingId, BookingStatus, Interviewer, InterviewerId, Trainee,
    TrainingPath,
};
use rondo::example::{team, ExampleSpec};
use rondo::problem::TraineeRole;
use rondo::store::Store;
use rondo::usecases::{backup, training, UseCaseError};
use std::path::Path;

pub(crate) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 4, 7, 0, 0)
        .single()
        .expect("an instant")
}

/// A small example team in a store, and someone who is not in pool `backend`.
pub(crate) fn stored_team(dir: &Path) -> (DataDoc, Store, InterviewerId) {
    let doc = team(
        &ExampleSpec {
            interviewers: 12,
            candidates: 6,
            bookings: 30,
            seed: 3,
            week_of: NaiveDate::from_ymd_opt(2026, 3, 4).expect("a date"),
        },
        now(),
    );
    let mut store = Store::open(dir).expect("open");
    backup::restore(&mut store, &doc).expect("restore");
    let outsider = doc
        .interviewers
        .iter()
        .find(|i| !i.pools.contains("backend"))
        .expect("someone outside backend")
        .id
        .clone();
    (doc, store, outsider)
}

/// A booking like the team's first, `days` from now, one hour, seating `who` as
/// `role` of pool backend.
fn seated(
    doc: &DataDoc,
    n: u32,
    who: &InterviewerId,
    role: TraineeRole,
    days: i64,
    status: BookingStatus,
) -> Booking {
    let mut b = doc.bookings[0].clone();
    b.id = BookingId::new(format!("tr-{n:03}")).expect("an id");
    b.uid = format!("{}.test@rondo", b.id);
    b.start = now() + Duration::days(days);
    b.end = b.start + Duration::hours(1);
    b.interviewers.retain(|i| i != who);
    if b.interviewers.is_empty() {
        b.interviewers.push(doc.interviewers[0].id.clone());
    }
    b.trainees = vec![BookedTrainee {
        interviewer: who.clone(),
        pool: "backend".into(),
        role,
    }];
    b.status = status;
    b
}

fn write(store: &Store, b: &Booking) {
    store
        .write_bookings(std::slice::from_ref(b), |_| Ok::<(), ()>(()))
        .expect("written");
}

fn stand(store: &Store, who: &InterviewerId, at: DateTime<Utc>) -> Progress {
    training::of_person(store, who, at).expect("standing")[0].progress
}

#[test]
fn held_interviews_move_a_trainee_to_graduation_and_cancelled_ones_do_not() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (doc, store, who) = stored_team(tmp.path());
    assert!(
        matches!(
            training::enroll(&store, &who, "backend", now()),
            Err(UseCaseError::NoTrainingPath { .. })
        ),
        "no path yet"
    );
    training::set_path(
        &store,
        &TrainingPath::new("Backend", 2, 1, true).expect("a path"),
    )
    .expect("path stored");
    training::enroll(&store, &who, "backend", now()).expect("enrolled");
    assert!(
        matches!(
            training::enroll(&store, &who, "backend", now()),
            Err(UseCaseError::AlreadyTraining { .. })
        ),
        "twice"
    );
    let insider = doc
        .interviewers
        .iter()
        .find(|i| i.pools.contains("backend"))
        .expect("someone in backend");
    assert!(
        matches!(
            training::enroll(&store, &insider.id, "backend", now()),
            Err(UseCaseError::AlreadyInPool { .. })
        ),
        "a qualified interviewer does not train"
    );

    use BookingStatus::{Cancelled, Confirmed};
    use TraineeRole::{ReverseShadow as R, Shadow as S};
    let shadow1 = seated(&doc, 1, &who, S, 1, Confirmed);
    let shadow_cancelled = seated(&doc, 2, &who, S, 2, Confirmed);
    let shadow2 = seated(&doc, 3, &who, S, 3, Confirmed);
    let reverse = seated(&doc, 4, &who, R, 5, Confirmed);
    for b in [&shadow1, &shadow_cancelled, &shadow2, &reverse] {
        write(&store, b);
    }
    let mut cancelled = shadow_cancelled.clone();
    cancelled.set_status(Cancelled, now()).expect("cancellable");
    write(&store, &cancelled);

    let at = |days: i64| now() + Duration::days(days) + Duration::hours(2);
    let training_at = |p: Progress| match p {
        Progress::Training {
            shadows_held,
            reverse_shadows_held,
            remaining,
            ..
        } => Some((shadows_held, reverse_shadows_held, remaining)),
        _ => None,
    };
    assert_eq!(
        training_at(stand(&store, &who, now())),
        Some((0, 0, 3)),
        "nothing held yet"
    );
    assert_eq!(
        training_at(stand(&store, &who, at(2))),
        Some((1, 0, 2)),
        "the first shadow is over; the cancelled one does not count"
    );
    // Marking the second shadow held counts it before its end.
    assert!(
        matches!(
            training::mark_held(&store, &cancelled.id, &who, at(2)),
            Err(UseCaseError::Closed { .. })
        ),
        "a cancelled interview cannot be marked held"
    );
    let other = doc.interviewers[1].id.clone();
    assert!(
        matches!(
            training::mark_held(&store, &shadow2.id, &other, at(2)),
            Err(UseCaseError::NotTheirInterview { .. })
        ),
        "only the booking's own trainee"
    );
    let s = training::mark_held(&store, &shadow2.id, &who, at(2)).expect("marked");
    assert_eq!(training_at(s.progress), Some((2, 0, 1)), "two shadows held");
    assert!(
        matches!(
            training::sign_off(&store, &who, "backend", at(2)),
            Err(UseCaseError::NotAwaitingSignOff { .. })
        ),
        "not before the reverse shadow"
    );
    // After the reverse shadow: waiting for sign-off, not in the pool yet.
    assert_eq!(
        stand(&store, &who, at(6)),
        Progress::AwaitingSignOff,
        "waits for sign-off"
    );
    let person: Interviewer = store.need(who.as_str()).expect("stored");
    assert!(!person.pools.contains("backend"), "not graduated yet");
    let engine = training::engine_training(&store, at(6)).expect("engine view");
    assert!(
        !engine.contains_key(&who),
        "waiting for sign-off: no trainee seats"
    );
    let s = training::sign_off(&store, &who, "backend", at(6)).expect("signed off");
    assert_eq!(s.progress, Progress::Graduated, "graduated");
    let person: Interviewer = store.need(who.as_str()).expect("stored");
    assert!(person.pools.contains("backend"), "graduated into the pool");
    let record: Trainee = store.need(who.as_str()).expect("record");
    assert_eq!(
        record.tracks[0].graduated_at,
        Some(at(6)),
        "graduation is stamped"
    );
    assert_eq!(
        stand(&store, &who, at(9)),
        Progress::Graduated,
        "stays graduated"
    );
}

#[test]
fn without_sign_off_the_last_interview_graduates_and_a_trainee_is_busy() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (doc, store, who) = stored_team(tmp.path());
    training::set_path(
        &store,
        &TrainingPath::new("backend", 1, 0, false).expect("a path"),
    )
    .expect("path");
    training::enroll(&store, &who, "backend", now()).expect("enrolled");
    let b = seated(&doc, 1, &who, TraineeRole::Shadow, 1, BookingStatus::Held);
    write(&store, &b);
    // The trainee is busy then, as the interviewers are (the day index lists them).
    let day = rondo::store::codec::day_number(b.start);
    let theirs = store.interviewer_days(&who, day, day).expect("days");
    assert!(
        theirs.iter().any(|e| e.booking == b.id),
        "the trainee's day lists the interview: {theirs:?}"
    );
    assert!(
        matches!(
            training::of_person(&store, &who, now()).expect("standing")[0].progress,
            Progress::Training { remaining: 1, .. }
        ),
        "ahead"
    );
    let after = b.end + Duration::minutes(1);
    let standings = training::standings(&store, after).expect("standings");
    assert_eq!(standings.len(), 1, "one trainee");
    assert_eq!(
        standings[0].progress,
        Progress::Graduated,
        "over: graduated"
    );
    let person: Interviewer = store.need(who.as_str()).expect("stored");
    assert!(person.pools.contains("backend"), "in the pool");
}

#[test]
fn paths_trainees_and_seated_bookings_survive_a_backup_and_a_restore() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (doc, store, who) = stored_team(tmp.path());
    training::set_path(
        &store,
        &TrainingPath::new("backend", 2, 1, true).expect("a path"),
    )
    .expect("path");
    training::set_path(
        &store,
        &TrainingPath::new("frontend", 1, 0, false).expect("a path"),
    )
    .expect("path");
    training::enroll(&store, &who, "backend", now()).expect("enrolled");
    let b = seated(
        &doc,
        1,
        &who,
        TraineeRole::Shadow,
        1,
        BookingStatus::Confirmed,
    );
    write(&store, &b);
    training::mark_held(&store, &b.id, &who, now()).expect("marked");
    let before = training::standings(&store, now()).expect("standings");

    let exported = backup::export(&store, now()).expect("export");
    assert_eq!(exported.training_paths.len(), 2, "both paths");
    assert_eq!(exported.trainees.len(), 1, "one trainee");
    let text = serde_json::to_string(&exported).expect("json");
    assert!(
        text.contains("\"trainees\":[{\"interviewer\""),
        "the seated booking names its trainee"
    );
    let read = backup::parse(&text).expect("parsed back");
    assert_eq!(read, exported, "the document reads back as written");

    let tmp2 = tempfile::tempdir().expect("tempdir");
    let mut other = Store::open(tmp2.path()).expect("open");
    backup::restore(&mut other, &read).expect("restored");
    assert_eq!(
        training::standings(&other, now()).expect("standings"),
        before,
        "the same standings after a restore"
    );
    let restored: Booking = other.need(b.id.as_str()).expect("booking");
    assert_eq!(restored.trainees, b.trainees, "the trainee seat is kept");
    let day = rondo::store::codec::day_number(b.start);
    assert!(
        other
            .interviewer_days(&who, day, day)
            .expect("days")
            .iter()
            .any(|e| e.booking == b.id),
        "the restored day index lists the trainee"
    );

    // A backup naming a pool without a path, or a trainee who is not there, is refused.
    let mut bad = exported.clone();
    bad.training_paths.retain(|p| p.pool != "backend");
    let err = backup::restore(&mut other, &bad).expect_err("refused");
    assert!(
        err.to_string().contains("no training path"),
        "names the missing path: {err}"
    );
    let mut bad = exported.clone();
    bad.trainees[0].interviewer = InterviewerId::new("nobody").expect("an id");
    let err = backup::restore(&mut other, &bad).expect_err("refused");
    assert!(
        err.to_string().contains("trainees[0] (nobody)"),
        "names the record: {err}"
    );
    // An older backup without the new fields is still read.
    let mut old: serde_json::Value = serde_json::to_value(&doc).expect("json");
    old.as_object_mut()
        .expect("object")
        .remove("training_paths");
    let old = backup::parse(&old.to_string()).expect("old backups read");
    assert!(old.trainees.is_empty(), "nobody in training");
}

/// A plan of one round needing one of pool `backend` with one trainee seat of it, a
/// qualified interviewer and three people training for backend, all working around the
/// clock in Berlin, and a candidate free all next week.
fn seat_team(dir: &Path) -> (Store, Vec<InterviewerId>, InterviewerId) {
    use rondo::domain::{Candidate, CandidateId, Need, Plan, PlanId, RoundSpec, TraineeSeats};
    use rondo::domain::{RoundId, WeeklyHours};
    let mut store = Store::open(dir).expect("open");
    backup::clear(&mut store, now()).expect("empty");
    let hours = WeeklyHours::parse("mon-sun 00:00-24:00").expect("hours");
    let person = |id: &str, pools: &[&str]| {
        let mut i = Interviewer::new(
            InterviewerId::new(id).expect("id"),
            id,
            chrono_tz::Europe::Berlin,
            hours.clone(),
        );
        i.pools = pools.iter().map(|p| p.to_string()).collect();
        store.put(&i).expect("stored");
        i.id
    };
    let lead = person("lead", &["backend"]);
    let trainees: Vec<InterviewerId> = ["t-far", "t-near", "t-rev"]
        .iter()
        .map(|id| person(id, &[]))
        .collect();
    let plan = Plan {
        id: PlanId::new("tech").expect("id"),
        name: "Technical".into(),
        job: "Backend engineer".into(),
        rounds: vec![RoundSpec {
            id: RoundId::new("tech").expect("id"),
            name: "Technical".into(),
            duration_minutes: 60,
            needs: vec![Need::Pool {
                pool: "backend".into(),
                count: 1,
            }],
            after: vec![],
            trainee_seats: vec![TraineeSeats {
                pool: "backend".into(),
                count: 1,
            }],
        }],
        same_day: vec![],
    };
    store.put(&plan).expect("plan");
    let mut c = Candidate::new(
        CandidateId::new("cand").expect("id"),
        "Cand",
        chrono_tz::Europe::Berlin,
    );
    c.plan = Some(plan.id.clone());
    c.available = rondo::interval::IntervalSet::from_intervals(vec![rondo::interval::Interval {
        start: now() + Duration::days(5),
        end: now() + Duration::days(12),
    }]);
    store.put(&c).expect("candidate");
    training::set_path(
        &store,
        &TrainingPath::new("backend", 2, 1, false).expect("path"),
    )
    .expect("path");
    for t in &trainees {
        training::enroll(&store, t, "backend", now() - Duration::days(30)).expect("enrolled");
    }
    (store, trainees, lead)
}

/// A past booking of the technical round for `lead`, seating `who` as a held `role`.
fn past_session(
    store: &Store,
    n: u32,
    lead: &InterviewerId,
    who: &InterviewerId,
    role: TraineeRole,
) {
    let start = now() - Duration::days(i64::from(n) + 1);
    let trainee = BookedTrainee {
        interviewer: who.clone(),
        pool: "backend".into(),
        role,
    };
    let b = technical(
        &format!("past-{n}"),
        start,
        lead,
        trainee,
        start - Duration::days(3),
    );
    write(store, &b);
}

/// A confirmed one-hour booking `id` of the technical round at `start` for `lead`,
/// seating `trainee`, made at `made`.
fn technical(
    id: &str,
    start: DateTime<Utc>,
    lead: &InterviewerId,
    trainee: BookedTrainee,
    made: DateTime<Utc>,
) -> Booking {
    use rondo::domain::{CandidateId, PlanId, RoundId};
    Booking {
        id: BookingId::new(id).expect("id"),
        uid: format!("{id}@rondo"),
        sequence: 0,
        candidate: CandidateId::new("cand").expect("id"),
        plan: PlanId::new("tech").expect("id"),
        round: RoundId::new("tech").expect("id"),
        round_name: "Technical".into(),
        start,
        end: start + Duration::hours(1),
        interviewers: vec![lead.clone()],
        trainees: vec![trainee],
        status: BookingStatus::Confirmed,
        created_at: made,
        updated_at: made,
    }
}

#[test]
fn options_seat_the_trainee_closest_to_graduating_and_booking_keeps_them_apart() {
    use rondo::usecases::{bookings, propose};
    let tmp = tempfile::tempdir().expect("tempdir");
    let (store, trainees, lead) = seat_team(tmp.path());
    let (far, near) = (&trainees[0], &trainees[1]);
    // `near` has held one shadow (two left), `far` none (three left).
    past_session(&store, 1, &lead, near, TraineeRole::Shadow);
    let rev = &trainees[2];
    // `rev` has held both shadows: a reverse shadow, one left.
    past_session(&store, 2, &lead, rev, TraineeRole::Shadow);
    past_session(&store, 3, &lead, rev, TraineeRole::Shadow);
    let request = propose::ProposeRequest {
        candidate: "cand".parse().expect("id"),
        plan: None,
        horizon: rondo::interval::Interval {
            start: now() + Duration::days(5),
            end: now() + Duration::days(12),
        },
        options: 3,
        slot_minutes: 15,
    };
    let p = propose::propose(&store, &request, now()).expect("proposed");
    assert!(!p.options.is_empty(), "options found");
    for (k, o) in p.options.iter().enumerate() {
        let slot = &o.slots[0];
        assert_eq!(
            slot.interviewers,
            vec![lead.clone()],
            "option {k}: the qualified seat is the lead's, never a trainee's"
        );
        let seated: Vec<(&str, TraineeRole)> = slot
            .trainees
            .iter()
            .map(|t| (t.interviewer.as_str(), t.role))
            .collect();
        assert_eq!(
            seated,
            [(rev.as_str(), TraineeRole::ReverseShadow)],
            "option {k}: the seat goes to the trainee closest to graduating, as a reverse shadow beside the lead"
        );
    }
    // Without the reverse shadow in the running, `near` beats `far`.
    store.remove::<Trainee>(rev.as_str()).expect("removed");
    let p = propose::propose(&store, &request, now()).expect("proposed");
    assert_eq!(
        p.options[0].slots[0].trainees[0].interviewer, *near,
        "fewer interviews left comes first"
    );
    assert_ne!(&p.options[0].slots[0].trainees[0].interviewer, far);
    // Booking keeps the trainee apart from the interviewers, busy, and re-checked.
    let booked = bookings::book(&store, &request.candidate, 1, now()).expect("booked");
    assert_eq!(booked[0].interviewers, vec![lead.clone()], "interviewers");
    assert_eq!(booked[0].trainees[0].interviewer, *near, "the trainee");
    assert_eq!(booked[0].trainees[0].role, TraineeRole::Shadow, "shadowing");
    let s =
        training::of_person(&store, near, booked[0].end + Duration::minutes(1)).expect("standing");
    assert!(
        matches!(
            s[0].progress,
            Progress::Training {
                shadows_held: 2,
                ..
            }
        ),
        "the booked shadow counts once over: {:?}",
        s[0].progress
    );
}

/// A booking of the technical round on `day` of 2030 (ahead of any clock the test runs
/// on) for `lead`, seating `who` as a shadow of pool `pool`.
fn ahead(n: u32, day: u32, lead: &InterviewerId, who: &InterviewerId, pool: &str) -> Booking {
    let start = Utc
        .with_ymd_and_hms(2030, 1, day, 10, 0, 0)
        .single()
        .expect("an instant");
    let trainee = BookedTrainee {
        interviewer: who.clone(),
        pool: pool.into(),
        role: TraineeRole::Shadow,
    };
    technical(&format!("ahead-{n}"), start, lead, trainee, now())
}

/// Runs `rondo` on `dir`; its standard output, or a panic with its standard error.
fn ok(dir: &Path, args: &[&str]) -> String {
    let out = crate::support::rondo(dir, args);
    assert!(
        out.status.success(),
        "rondo {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Runs `rondo` on `dir` expecting it to fail; its standard error.
fn refused(dir: &Path, args: &[&str]) -> String {
    let out = crate::support::rondo(dir, args);
    assert!(!out.status.success(), "rondo {args:?} should fail");
    String::from_utf8(out.stderr).expect("utf-8")
}

#[test]
fn rondo_team_sets_a_path_trains_marks_held_and_signs_off() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let (store, trainees, lead) = seat_team(dir);
    let who = &trainees[0];
    drop(store);

    let set = ok(
        dir,
        &[
            "team",
            "path",
            "set",
            "Design",
            "--shadows",
            "1",
            "--sign-off",
        ],
    );
    assert_eq!(
        set.trim(),
        "pool design: 1 shadow, 0 reverse shadows, sign-off",
        "the path in words"
    );
    let list: serde_json::Value =
        serde_json::from_str(&ok(dir, &["team", "path", "list", "--json"])).expect("json");
    let pools: Vec<&str> = list
        .as_array()
        .expect("a list")
        .iter()
        .map(|p| p["pool"].as_str().expect("a pool"))
        .collect();
    assert_eq!(pools, ["backend", "design"], "both paths, by pool");
    let table = ok(dir, &["team", "path", "list"]);
    assert!(
        table.contains("backend  2 shadows, 1 reverse shadow"),
        "the table: {table}"
    );

    for (args, says) in [
        (
            vec!["team", "train", who.as_str(), "--pool", "sre"],
            "rondo team path set sre",
        ),
        (
            vec!["team", "train", lead.as_str(), "--pool", "backend"],
            "is in pool backend already",
        ),
        (
            vec!["team", "train", who.as_str(), "--pool", "backend"],
            "already on the training path of pool backend",
        ),
        (
            vec!["team", "sign-off", who.as_str(), "--pool", "design"],
            "rondo team train",
        ),
    ] {
        let err = refused(dir, &args);
        assert!(err.contains(says), "{args:?} says {says:?}: {err}");
    }
    let started = ok(dir, &["team", "train", who.as_str(), "--pool", "Design"]);
    assert_eq!(
        started.trim(),
        format!("{who} starts the training path of pool design"),
        "enrolled"
    );

    // Two interviews ahead seat them as a design shadow; one is cancelled.
    let store = Store::open(dir).expect("open");
    let held = ahead(1, 7, &lead, who, "design");
    let mut gone = ahead(2, 8, &lead, who, "design");
    write(&store, &held);
    write(&store, &gone);
    gone.set_status(BookingStatus::Cancelled, now())
        .expect("cancellable");
    write(&store, &gone);
    drop(store);

    let table = ok(dir, &["team", "progress"]);
    let line = table
        .lines()
        .find(|l| l.starts_with(who.as_str()) && l.contains("design"))
        .unwrap_or_else(|| panic!("a line for {who} in design: {table}"));
    assert!(
        line.contains("0/1") && line.contains("shadow next, 1 to go"),
        "nothing held yet: {line}"
    );
    let err = refused(dir, &["team", "held", "ahead-2", "--trainee", who.as_str()]);
    assert!(
        err.contains("cancelled"),
        "a cancelled one is refused: {err}"
    );
    let err = refused(
        dir,
        &["team", "held", "ahead-1", "--trainee", lead.as_str()],
    );
    assert!(
        err.contains("has no trainee"),
        "only its own trainee: {err}"
    );
    let marked = ok(dir, &["team", "held", "ahead-1", "--trainee", who.as_str()]);
    assert!(
        marked.contains("1 of 1 held, waiting for sign-off"),
        "held, not graduated before sign-off: {marked}"
    );
    let signed = ok(dir, &["team", "sign-off", who.as_str(), "--pool", "design"]);
    assert!(signed.contains("graduated"), "graduated: {signed}");
    let err = refused(dir, &["team", "sign-off", who.as_str(), "--pool", "design"]);
    assert!(err.contains("graduated already"), "once: {err}");

    let mine: serde_json::Value =
        serde_json::from_str(&ok(dir, &["team", "progress", who.as_str(), "--json"]))
            .expect("json");
    let design = mine
        .as_array()
        .expect("a list")
        .iter()
        .find(|s| s["pool"] == "design")
        .expect("the design track");
    assert_eq!(design["progress"]["state"], "graduated", "{design}");
    let sessions: Vec<(&str, &str, bool)> = design["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .map(|s| {
            (
                s["booking"].as_str().expect("id"),
                s["outcome"].as_str().expect("outcome"),
                s["counts"].as_bool().expect("counts"),
            )
        })
        .collect();
    assert_eq!(
        sessions,
        [("ahead-1", "held", true), ("ahead-2", "cancelled", false)],
        "each interview with what became of it"
    );
    let text = ok(dir, &["team", "progress", who.as_str()]);
    assert!(
        text.contains("ahead-2") && text.contains("cancelled"),
        "the person's interviews are listed: {text}"
    );
    let person: serde_json::Value =
        serde_json::from_str(&ok(dir, &["interviewer", "show", who.as_str(), "--json"]))
            .expect("json");
    assert!(
        person["pools"]
            .as_array()
            .expect("pools")
            .iter()
            .any(|p| p == "design"),
        "graduated into the pool: {person}"
    );
    let load = ok(
        dir,
        &[
            "team",
            "load",
            "--from",
            "2030-01-07",
            "--to",
            "2030-01-13",
            "--csv",
        ],
    );
    assert!(
        load.lines()
            .any(|l| l.starts_with(&format!("{who},2030-W02,1,"))),
        "the trainee's held interview is in the load: {load}"
    );
}
