//! Upgrading databases written by schema 1 (the committed fixture `tests/fixtures/v1-db`,
//! written by [`write_v1`]) and schema 2 (`tests/fixtures/v2-db`, written by Rondo at
//! schema 2); see `tests/fixtures/README.md`.

use rondo::domain::{
    Booking, BookingId, BookingStatus, Candidate, CandidateId, Interviewer, InterviewerId, Proposal,
};
use rondo::store::{Store, CURRENT_FILE, DB_FOLDER, SCHEMA_VERSION};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1-db")
}

fn v2_fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2-db")
}

/// Opens data folder `dir` holding an upgraded (or to be upgraded) database, and checks
/// that it is at the current schema in a new database folder, the old one gone.
fn open_upgraded(dir: &Path, attempt: &str) -> Store {
    let store = Store::open(dir).expect("open");
    assert_eq!(
        store.schema_version().expect("schema"),
        SCHEMA_VERSION,
        "{attempt}: schema is current"
    );
    assert_upgraded_into_a_new_folder(dir, attempt);
    store
}

/// After an upgrade the data lives in a new database folder, named current, and the old
/// one is gone.
fn assert_upgraded_into_a_new_folder(dir: &Path, attempt: &str) {
    let folders: Vec<String> = std::fs::read_dir(dir)
        .expect("data folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n == DB_FOLDER || n.starts_with("db-"))
        .collect();
    assert_eq!(
        folders,
        [format!("{DB_FOLDER}-1")],
        "{attempt}: the upgrade wrote a new database and deleted the old one"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join(CURRENT_FILE)).ok(),
        Some(format!("{DB_FOLDER}-1\n")),
        "{attempt}: {CURRENT_FILE} names the new database"
    );
}

/// Writes a schema-1 database as the first release did: records as version byte 1 +
/// JSON, interviewers without `all_day_busy`, no booking indexes, schema 1 in `meta`.
pub fn write_v1(dir: &Path) {
    let db = super::raw_sled(dir.join("db"));
    let put = |tree: &str, key: &str, json: serde_json::Value| {
        let mut v = vec![1u8];
        v.extend_from_slice(json.to_string().as_bytes());
        db.open_tree(tree)
            .expect("tree")
            .insert(key, v)
            .expect("insert");
    };
    let hours = serde_json::json!({"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]], "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]});
    for (id, zone, pool) in [
        ("ivr-1", "Europe/Berlin", "recruiting"),
        ("ivr-2", "America/New_York", "backend"),
    ] {
        put(
            "interviewers",
            id,
            serde_json::json!({
                "id": id, "name": format!("Interviewer {id}"), "email": format!("{id}@example.com"), "time_zone": zone,
                "working_hours": hours, "pools": [pool], "max_per_day": 2, "max_per_week": 6, "buffer_minutes": 10,
                "calendars": [{"id": "work", "location": "work.ics", "imported_at": "2026-02-27T08:00:00Z",
                               "busy": [{"start": "2026-03-02T12:00:00Z", "end": "2026-03-02T13:00:00Z"}]}]
            }),
        );
    }
    put(
        "plans",
        "two",
        serde_json::json!({
            "id": "two", "name": "Two rounds", "job": "Backend engineer", "same_day": [],
            "rounds": [
                {"id": "screen", "name": "Recruiter screen", "duration_minutes": 30, "needs": [{"pool": {"pool": "recruiting", "count": 1}}], "after": []},
                {"id": "tech", "name": "Technical", "duration_minutes": 60, "needs": [{"pool": {"pool": "backend", "count": 1}}],
                 "after": [{"round": "screen", "min_gap_minutes": 0, "max_gap_minutes": null}]}
            ]
        }),
    );
    put(
        "candidates",
        "cand-1",
        serde_json::json!({
            "id": "cand-1", "name": "Ada Lovelace", "email": "ada@example.com", "time_zone": "Europe/London",
            "available": [{"start": "2026-03-02T09:00:00Z", "end": "2026-03-02T17:00:00Z"}], "max_minutes_per_day": null,
            "plan": "two", "stage": "interviewing", "notes": "private"
        }),
    );
    let bookings = [
        (
            "bk-000001",
            "screen",
            "Recruiter screen",
            "2026-03-02T09:00:00Z",
            "2026-03-02T09:30:00Z",
            "ivr-1",
            "confirmed",
        ),
        (
            "bk-000002",
            "tech",
            "Technical",
            "2026-03-02T14:00:00Z",
            "2026-03-02T15:00:00Z",
            "ivr-2",
            "held",
        ),
        (
            "bk-000003",
            "tech",
            "Technical",
            "2026-03-02T10:00:00Z",
            "2026-03-02T11:00:00Z",
            "ivr-2",
            "cancelled",
        ),
    ];
    for (id, round, name, start, end, who, status) in bookings {
        put(
            "bookings",
            id,
            serde_json::json!({
                "id": id, "uid": format!("{id}.fixture@rondo"), "sequence": 1, "candidate": "cand-1", "plan": "two",
                "round": round, "round_name": name, "start": start, "end": end, "interviewers": [who], "status": status,
                "created_at": "2026-02-27T08:00:00Z", "updated_at": "2026-02-27T08:00:00Z"
            }),
        );
    }
    db.open_tree("meta")
        .expect("meta")
        .insert("schema", &1u32.to_be_bytes())
        .expect("schema");
    db.flush().expect("flush");
}

/// Copies folder `from` to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create");
    for e in std::fs::read_dir(from).expect("read fixture") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).expect("copy");
        }
    }
}

/// With `RONDO_WRITE_V1_FIXTURE=1` set, this test first rewrites the
/// committed fixture from [`write_v1`] (tests/fixtures/README.md).
#[test]
fn the_committed_fixture_is_what_the_generator_writes() {
    if std::env::var_os("RONDO_WRITE_V1_FIXTURE").is_some() {
        let _ = std::fs::remove_dir_all(fixture());
        write_v1(&fixture());
    }
    let (a, b) = (
        tempfile::tempdir().expect("temp dir"),
        tempfile::tempdir().expect("temp dir"),
    );
    copy_dir(&fixture(), a.path());
    write_v1(b.path());
    let export = |dir: &Path| {
        let store = Store::open(dir).expect("open and migrate");
        let doc =
            rondo::usecases::backup::export(&store, chrono::DateTime::UNIX_EPOCH).expect("export");
        serde_json::to_string(&doc).expect("json")
    };
    assert_eq!(
        export(a.path()),
        export(b.path()),
        "the fixture holds what write_v1 writes"
    );
}

#[test]
fn a_version_1_database_is_upgraded_on_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture(), dir.path());
    {
        let raw = super::raw_sled(dir.path().join("db"));
        let schema = raw
            .open_tree("meta")
            .expect("meta")
            .get("schema")
            .expect("read");
        assert_eq!(
            schema.as_deref(),
            Some(1u32.to_be_bytes().as_slice()),
            "the fixture is schema 1"
        );
    }
    for attempt in ["first open (migrates)", "second open (already migrated)"] {
        let store = open_upgraded(dir.path(), attempt);
        let people: Vec<Interviewer> = store.all().expect("interviewers read as schema 3");
        assert_eq!(people.len(), 2, "{attempt}: both interviewers kept");
        assert!(
            people.iter().all(|i| i.all_day_busy),
            "{attempt}: the new field gets schema 1's behaviour"
        );
        assert_eq!(
            people[0].calendars[0].busy.len(),
            1,
            "{attempt}: busy blocks kept"
        );
        let week: Vec<Booking> = store
            .bookings_starting(
                super::usecases::utc(2026, 3, 2, 0, 0),
                super::usecases::utc(2026, 3, 9, 0, 0),
            )
            .expect("the new week index");
        let ids: Vec<&str> = week.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(
            ids,
            ["bk-000001", "bk-000003", "bk-000002"],
            "{attempt}: the week index lists all three in start order"
        );
        assert_eq!(
            week[1].status,
            BookingStatus::Cancelled,
            "{attempt}: statuses kept"
        );
        let ivr2 = InterviewerId::new("ivr-2").expect("valid");
        let days = store
            .interviewer_days(&ivr2, 0, 100_000)
            .expect("the new day index");
        let live: Vec<&str> = days.iter().map(|d| d.booking.as_str()).collect();
        assert_eq!(
            live,
            ["bk-000002"],
            "{attempt}: the day index holds only live bookings"
        );
    }
}

fn utc(text: &str) -> chrono::DateTime<chrono::Utc> {
    text.parse().expect("an RFC 3339 instant")
}

#[test]
fn a_version_2_database_is_upgraded_on_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&v2_fixture(), dir.path());
    let tag = {
        let raw = super::raw_sled(dir.path().join(DB_FOLDER));
        let meta = raw.open_tree("meta").expect("meta");
        assert_eq!(
            meta.get("schema").expect("read").as_deref(),
            Some(2u32.to_be_bytes().as_slice()),
            "the fixture is schema 2"
        );
        assert_eq!(
            meta.get("generation").expect("read").as_deref(),
            Some(1u64.to_be_bytes().as_slice()),
            "its data is in generation 1 of the trees, as a schema-2 restore left it"
        );
        String::from_utf8(meta.get("instance").expect("read").expect("a tag").to_vec())
            .expect("text")
    };
    {
        // What an upgrade killed before its switch leaves: part of the new database.
        let half = super::raw_sled(dir.path().join(format!("{DB_FOLDER}-1")));
        half.open_tree("candidates")
            .expect("tree")
            .insert("zz", b"\x03{}".as_slice())
            .expect("insert");
        half.flush().expect("flush");
    }
    let ids = |list: &[BookingId]| list.iter().map(|b| b.to_string()).collect::<Vec<_>>();
    for attempt in ["first open (migrates)", "second open (already migrated)"] {
        let store = open_upgraded(dir.path(), attempt);
        assert_eq!(
            store.instance_tag(),
            tag,
            "{attempt}: calendar UIDs keep their tag"
        );
        let people: Vec<Interviewer> = store.all().expect("interviewers");
        let flags: Vec<(String, bool, usize)> = people
            .iter()
            .map(|i| (i.id.to_string(), i.all_day_busy, i.calendars.len()))
            .collect();
        assert_eq!(
            flags,
            [
                ("ivr-1".to_string(), false, 1),
                ("ivr-2".to_string(), true, 0)
            ],
            "{attempt}: interviewers kept as they were"
        );
        let candidates: Vec<String> = store
            .all::<Candidate>()
            .expect("candidates")
            .iter()
            .map(|c| c.id.to_string())
            .collect();
        assert_eq!(
            candidates,
            ["cand-1", "cand-2"],
            "{attempt}: the current generation's candidates, not those of unfinished ones"
        );
        let bookings: Vec<Booking> = store.all().expect("bookings read as schema 3");
        let states: Vec<(String, BookingStatus, u32)> = bookings
            .iter()
            .map(|b| (b.id.to_string(), b.status, b.sequence))
            .collect();
        assert_eq!(
            states,
            [
                ("bk-000001".to_string(), BookingStatus::Confirmed, 1),
                ("bk-000002".to_string(), BookingStatus::Cancelled, 2),
                ("bk-000003".to_string(), BookingStatus::Cancelled, 1),
                ("bk-000004".to_string(), BookingStatus::Proposed, 0),
            ],
            "{attempt}: every booking, with the changes made after the restore"
        );
        assert_eq!(
            bookings[0].updated_at,
            utc("2026-02-27T08:00:00.123456789Z"),
            "{attempt}: instants keep their nanoseconds"
        );
        let week = store
            .bookings_starting(utc("2026-03-02T00:00:00Z"), utc("2026-03-09T00:00:00Z"))
            .expect("week index");
        assert_eq!(
            ids(&week.iter().map(|b| b.id.clone()).collect::<Vec<_>>()),
            ["bk-000001", "bk-000003", "bk-000002", "bk-000004"],
            "{attempt}: the week index lists them in start order"
        );
        let day = |who: &str| {
            let who = InterviewerId::new(who).expect("valid");
            let entries = store.interviewer_days(&who, 0, 100_000).expect("day index");
            ids(&entries
                .iter()
                .map(|d| d.booking.clone())
                .collect::<Vec<_>>())
        };
        assert_eq!(
            day("ivr-1"),
            ["bk-000001", "bk-000004"],
            "{attempt}: ivr-1's days"
        );
        assert!(
            day("ivr-2").is_empty(),
            "{attempt}: ivr-2's bookings are cancelled"
        );
        let own = store
            .candidate_bookings(&CandidateId::new("cand-1").expect("valid"))
            .expect("candidate index");
        assert_eq!(
            ids(&own.iter().map(|d| d.booking.clone()).collect::<Vec<_>>()),
            ["bk-000001", "bk-000004"],
            "{attempt}: the candidate's live bookings"
        );
        let kept: Proposal = store.need("cand-1").expect("the kept proposal");
        assert_eq!(
            (kept.options.len(), kept.options[0].slots.len()),
            (1, 2),
            "{attempt}: the proposal is kept"
        );
        if attempt.starts_with("second") {
            assert_eq!(
                store.new_booking_id().expect("id").as_str(),
                "bk-000005",
                "the booking-id counter carries on"
            );
        }
    }
}
