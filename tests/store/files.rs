//! Files written for a person ([`rondo::whole_file`]) on real disks: a reader and a
//! killed writer only ever see a whole file, a read-only disk and a full one refuse in
//! words and keep the old file, and no temporary file is left after an error.

use super::mount::TmpMount;
use rondo::example::SplitMix64;
use rondo::whole_file::{write, WriteFileError};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

const KILL_TEST: &str = "store::files::readers_and_killed_writers_only_see_whole_files";
/// Kills of the writer per run.
const KILLS: usize = 20;

/// Version `k` of the file the writer alternates between: sizes differ, so a mix or a
/// truncation of two versions is never another version.
fn version(k: u64) -> Vec<u8> {
    let size = if k.is_multiple_of(2) {
        3 << 20
    } else {
        5 << 20
    };
    vec![b'a' + (k % 2) as u8; size]
}

/// Whether `bytes` is one whole version.
fn is_whole(bytes: &[u8]) -> bool {
    bytes == version(0).as_slice() || bytes == version(1).as_slice()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .expect("read the folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

#[test]
fn readers_and_killed_writers_only_see_whole_files() {
    if let Some(path) = std::env::var_os("RONDO_WHOLE_FILE_CHILD") {
        // The writer: replaces the file by the other version, over and over, until killed.
        for k in 0.. {
            write(Path::new(&path), &version(k)).expect("the child's write");
            println!("W {k}");
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("backup.json");
    let exe = std::env::current_exe().expect("this test binary");
    let mut rng = SplitMix64::new(9);
    let mut reads = 0;
    for kill in 1..=KILLS {
        let mut child = Command::new(&exe)
            .args(["--exact", KILL_TEST, "--nocapture", "--test-threads=1"])
            .env("RONDO_WHOLE_FILE_CHILD", &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the writer");
        let mut lines = BufReader::new(child.stdout.take().expect("piped stdout")).lines();
        // Once it wrote a first whole file, read while it writes, then kill it.
        // (libtest prints its own lines first.)
        assert!(
            lines.any(|l| l.is_ok_and(|l| l.contains("W 0"))),
            "kill {kill}: the writer wrote"
        );
        let until = std::time::Instant::now()
            + std::time::Duration::from_millis(20 + rng.below(120) as u64);
        while std::time::Instant::now() < until {
            let bytes = std::fs::read(&path).expect("the file is always there");
            assert!(
                is_whole(&bytes),
                "kill {kill}: a reader saw {} bytes, not a whole version",
                bytes.len()
            );
            reads += 1;
        }
        child.kill().expect("SIGKILL the writer");
        let status = child.wait().expect("reap the writer");
        assert!(status.code().is_none(), "kill {kill}: died by the signal");
        let bytes = std::fs::read(&path).expect("the file survives the kill");
        assert!(
            is_whole(&bytes),
            "kill {kill}: after the kill the file holds {} bytes, not a whole version",
            bytes.len()
        );
    }
    assert!(
        reads >= KILLS,
        "the readers read while writes ran ({reads})"
    );
    for name in names(dir.path()) {
        assert!(
            name == "backup.json" || rondo::whole_file::is_temporary_of(&name, "backup.json"),
            "only the file and temporary files of killed writes are in the folder: {name}"
        );
    }
}

#[test]
fn a_read_only_disk_refuses_in_words_and_keeps_the_old_file() {
    let Some(mount) = TmpMount::new(
        "a_read_only_disk_refuses_in_words_and_keeps_the_old_file",
        "1m",
        "",
    ) else {
        return;
    };
    let path = mount.join("settings.json");
    write(&path, b"old").expect("the old file");
    assert!(mount.remount("remount,ro"), "remount read-only");
    let err = write(&path, b"new").expect_err("a read-only disk");
    assert!(mount.remount("remount,rw"), "remount writable");
    assert!(
        matches!(err, WriteFileError::Unwritable { .. }),
        "read-only: {err:?}"
    );
    assert!(err.to_string().contains("read-only"), "in words: {err}");
    assert_eq!(
        std::fs::read(&path).ok(),
        Some(b"old".to_vec()),
        "old file kept"
    );
    assert_eq!(names(&mount.join("")), ["settings.json"], "nothing else");
}

#[test]
fn a_full_disk_refuses_in_words_and_keeps_the_old_file() {
    let Some(mount) = TmpMount::new(
        "a_full_disk_refuses_in_words_and_keeps_the_old_file",
        "1m",
        "",
    ) else {
        return;
    };
    let path = mount.join("backup.json");
    write(&path, b"the last good backup").expect("the old file");
    let err = write(&path, &vec![b'x'; 2 << 20]).expect_err("2 MB on a 1 MB disk");
    assert!(
        matches!(err, WriteFileError::DiskFull { .. }),
        "full disk: {err:?}"
    );
    assert!(err.to_string().contains("is full"), "in words: {err}");
    assert_eq!(
        std::fs::read(&path).ok(),
        Some(b"the last good backup".to_vec()),
        "the old backup is whole"
    );
    assert_eq!(
        names(&mount.join("")),
        ["backup.json"],
        "the temporary file is gone"
    );
}
