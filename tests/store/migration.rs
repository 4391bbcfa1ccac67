//! Upgrading a database written by schema 1 (the committed fixture
//! `tests/fixtures/v1-db`, written by [`write_v1`]; see `tests/fixtures/README.md`).

use rondo::domain::{Booking, BookingStatus, Interviewer, InterviewerId};
use rondo::store::{Store, SCHEMA_VERSION};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1-db")
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
        let store = Store::open(dir.path()).expect("open");
        assert_eq!(
            store.schema_version().expect("schema"),
            SCHEMA_VERSION,
            "{attempt}: schema is current"
        );
        let people: Vec<Interviewer> = store.all().expect("interviewers read as schema 2");
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
