//! Benchmark of the calendar import (`rondo::ical::import`), next to the parsers real
//! clients use, timed in the same run.
//!
//! Run with `cargo bench --bench ical_import` (release). It
//! 1. generates a calendar of 20,000 events (half of them weekly series; about 105,000
//!    occurrences in 2026, zoned times with VTIMEZONEs in four zones, some EXDATEs)
//!    deterministically into `target/bench-ical/generated.ics`;
//! 2. imports it with Rondo in-process (median of 5 runs) and as a process
//!    (`rondo ics busy`, wall time and peak memory), then runs libical, python
//!    icalendar and ical.js on the same file (their checkers in `../shared/ics/checkers`,
//!    skipped with a message when not installed), and checks that libical finds the same
//!    busy time;
//! 3. imports the whole corpus (400 files, window 2024–2025) with Rondo and libical.
//!
//! It prints occurrences per second for each, and the ratio to libical.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rondo::ical::export::vtimezone::vtimezone_lines;
use rondo::ical::import::{busy_from_ics, ImportOptions, Window};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The corpus walk shared with the tests.
#[path = "../tests/ical/corpus.rs"]
mod corpus;

const EVENTS: usize = 20_000;

/// Merged busy intervals.
type Busy = Vec<(DateTime<Utc>, DateTime<Utc>)>;

/// A small deterministic generator (64-bit LCG), so every run reads the same file.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn generate() -> String {
    let zones = [
        chrono_tz::Europe::Berlin,
        chrono_tz::America::New_York,
        chrono_tz::Asia::Kolkata,
        chrono_tz::Australia::Sydney,
    ];
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rondo//bench//EN\r\n");
    for z in zones {
        for (k, v) in vtimezone_lines(z, 2025, 2027) {
            out.push_str(&format!("{k}:{v}\r\n"));
        }
    }
    let mut rng = Lcg(42);
    let year = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    for i in 0..EVENTS {
        let zone = zones[i % zones.len()].name();
        // Starts before mid-September, so a series of up to 14 weeks ends within 2026.
        let day = year + Duration::days(rng.below(260) as i64);
        let start = day
            .and_hms_opt(
                7 + rng.below(11) as u32,
                [0, 15, 30, 45][rng.below(4) as usize],
                0,
            )
            .expect("time");
        let end = start + Duration::minutes([15, 30, 45, 60, 90][rng.below(5) as usize]);
        let f = |t: chrono::NaiveDateTime| t.format("%Y%m%dT%H%M%S").to_string();
        out.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:bench-{i}@rondo.invalid\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID={zone}:{}\r\nDTEND;TZID={zone}:{}\r\nSUMMARY:Meeting {i}\r\n",
            f(start),
            f(end)
        ));
        if i % 2 == 1 {
            // Weekly series of 5 to 14 instances (9.5 on average).
            let count = 5 + rng.below(10);
            out.push_str(&format!("RRULE:FREQ=WEEKLY;COUNT={count}\r\n"));
            if rng.below(10) == 0 {
                out.push_str(&format!(
                    "EXDATE;TZID={zone}:{}\r\n",
                    f(start + Duration::weeks(1))
                ));
            }
        }
        out.push_str("END:VEVENT\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn checkers_home() -> PathBuf {
    std::env::var_os("ICS_CHECKERS_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache/ics-checkers")
        })
}

/// Runs `cmd` under /usr/bin/time: (seconds, peak RSS in MiB, stdout) or why not.
fn timed(cmd: &mut Command) -> Result<(f64, f64, String), String> {
    let prog = cmd.get_program().to_owned();
    let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
    let out = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("__TIME__ %e %M")
        .arg(&prog)
        .args(&args)
        .output()
        .map_err(|e| format!("cannot run /usr/bin/time {}: {e}", prog.to_string_lossy()))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr
        .lines()
        .rev()
        .find(|l| l.starts_with("__TIME__"))
        .ok_or_else(|| format!("no timing: {stderr}"))?;
    let mut parts = line.split_whitespace().skip(1);
    let secs: f64 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(f64::NAN);
    let kib: f64 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(f64::NAN);
    if !out.status.success() {
        return Err(format!(
            "exit {:?}: {}",
            out.status.code(),
            stderr.lines().take(3).collect::<Vec<_>>().join(" | ")
        ));
    }
    Ok((
        secs,
        kib / 1024.0,
        String::from_utf8_lossy(&out.stdout).into_owned(),
    ))
}

/// Merged busy intervals from a checker's JSON lines (not CANCELLED, not TRANSPARENT).
fn busy_of_lines(stdout: &str, from: DateTime<Utc>, to: DateTime<Utc>) -> (usize, Busy) {
    let mut n = 0;
    let mut spans = Vec::new();
    for line in stdout.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        n += 1;
        if v["status"] == "CANCELLED" || v["transp"] == "TRANSPARENT" {
            continue;
        }
        let t = |k: &str| {
            DateTime::parse_from_rfc3339(v[k].as_str().unwrap_or_default())
                .ok()
                .map(|d| d.with_timezone(&Utc))
        };
        if let (Some(s), Some(e)) = (t("start_utc"), t("end_utc")) {
            let (s, e) = (s.max(from), e.min(to));
            if s < e {
                spans.push((s, e));
            }
        }
    }
    spans.sort();
    let mut merged: Busy = Vec::new();
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    (n, merged)
}

fn row(name: &str, secs: f64, occurrences: usize, mib: Option<f64>, libical: Option<f64>) {
    let rate = occurrences as f64 / secs;
    let mem = mib.map_or("      -".to_string(), |m| format!("{m:7.1}"));
    let vs = libical.map_or(String::new(), |l| {
        format!("  {:.1}× libical's speed", l / secs)
    });
    println!("  {name:<34} {secs:8.3} s  {occurrences:>8} occ  {rate:>12.0} occ/s  {mem} MiB{vs}");
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/ics");
    let dir = root.join("target/bench-ical");
    std::fs::create_dir_all(&dir).expect("create target/bench-ical");
    let file = dir.join("generated.ics");
    let text = generate();
    std::fs::write(&file, &text).expect("write generated calendar");
    let d = |s: &str| {
        DateTime::parse_from_rfc3339(s)
            .expect("date")
            .with_timezone(&Utc)
    };
    let (from, to) = (d("2026-01-01T00:00:00Z"), d("2027-01-01T00:00:00Z"));
    let window = Window::new(from, to).expect("window");
    let opts = ImportOptions::default();

    println!(
        "Generated calendar: {EVENTS} events, {} KiB, window 2026 ({})",
        text.len() / 1024,
        file.display()
    );
    let mut times = Vec::new();
    let mut result = None;
    for _ in 0..5 {
        let t0 = Instant::now();
        let imp = busy_from_ics(&text, window, &opts).expect("generated calendar imports");
        times.push(t0.elapsed().as_secs_f64());
        result = Some(imp);
    }
    times.sort_by(f64::total_cmp);
    let imp = result.expect("ran");
    let ours: Vec<_> = imp.busy.iter().map(|i| (i.start, i.end)).collect();
    let occ = imp.occurrences;

    // Everyone as a process, on the same file.
    let f = file.to_str().expect("utf-8 path");
    let cli = timed(Command::new(env!("CARGO_BIN_EXE_rondo")).args([
        "ics",
        "busy",
        f,
        "--from",
        "2026-01-01",
        "--to",
        "2027-01-01",
        "--json",
    ]));
    let lib_bin = checkers_home().join("bin/libical-check");
    let libical = lib_bin.is_file().then(|| {
        timed(Command::new(&lib_bin).args([f, "--from", "2026-01-01", "--to", "2027-01-01"]))
    });
    let venv_py = checkers_home().join("venv/bin/python");
    let py = venv_py.is_file().then(|| {
        timed(
            Command::new(&venv_py)
                .arg(shared.join("checkers/ical-py-check.py"))
                .args([f, "--from", "2026-01-01", "--to", "2027-01-01"]),
        )
    });
    let node_ok = checkers_home().join("node/node_modules/ical.js").is_dir();
    let js = node_ok.then(|| {
        timed(
            Command::new("node")
                .arg(shared.join("checkers/icaljs-check.mjs"))
                .args([f, "--from", "2026-01-01", "--to", "2027-01-01"]),
        )
    });

    let lib_secs = match &libical {
        Some(Ok((s, _, _))) => Some(*s),
        _ => None,
    };
    row(
        "Rondo (in-process, median of 5)",
        times[times.len() / 2],
        occ,
        None,
        lib_secs,
    );
    match &cli {
        Ok((s, m, _)) => row(
            "Rondo (rondo ics busy, process)",
            *s,
            occ,
            Some(*m),
            lib_secs,
        ),
        Err(e) => println!("  Rondo CLI failed: {e}"),
    }
    for (name, res) in [
        ("libical 3 (C, Evolution)", &libical),
        ("python icalendar + r-i-e", &py),
        ("ical.js (Thunderbird)", &js),
    ] {
        match res {
            None => println!(
                "  {name:<34} SKIPPED: not installed (bash ../shared/ics/checkers/setup.sh)"
            ),
            Some(Err(e)) => println!("  {name:<34} failed: {e}"),
            Some(Ok((s, m, out))) => {
                let (n, busy) = busy_of_lines(out, from, to);
                row(name, *s, n, Some(*m), lib_secs);
                println!(
                    "  {:<34} same busy time as Rondo: {}",
                    "",
                    if busy == ours { "yes" } else { "NO" }
                );
            }
        }
    }

    corpus(&shared, &lib_bin);
}

fn corpus(shared: &Path, lib_bin: &Path) {
    let files = corpus::ics_files(&shared.join("corpus"));
    if files.is_empty() {
        println!(
            "SKIPPED corpus: {} has no .ics files",
            shared.join("corpus").display()
        );
        return;
    }
    let texts: Vec<String> = files
        .iter()
        .map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned())
        .collect();
    let d = |s: &str| {
        DateTime::parse_from_rfc3339(s)
            .expect("date")
            .with_timezone(&Utc)
    };
    let window = Window::new(d("2024-01-01T00:00:00Z"), d("2026-01-01T00:00:00Z")).expect("window");
    let t0 = Instant::now();
    let mut occ = 0;
    for t in &texts {
        if let Ok(imp) = busy_from_ics(t, window, &ImportOptions::default()) {
            occ += imp.occurrences;
        }
    }
    let ours = t0.elapsed().as_secs_f64();
    println!("\nCorpus: {} files, window 2024–2025", files.len());
    let mut lib_total = None;
    if lib_bin.is_file() {
        let t0 = Instant::now();
        let mut n = 0;
        for p in &files {
            if let Ok(out) = Command::new(lib_bin)
                .arg(p)
                .args(["--from", "2024-01-01", "--to", "2026-01-01"])
                .output()
            {
                n += String::from_utf8_lossy(&out.stdout).lines().count();
            }
        }
        lib_total = Some((t0.elapsed().as_secs_f64(), n));
    }
    row(
        "Rondo (in-process, all files)",
        ours,
        occ,
        None,
        lib_total.map(|(s, _)| s),
    );
    match lib_total {
        Some((s, n)) => row("libical (one process per file)", s, n, None, Some(s)),
        None => println!("  libical                            SKIPPED: not installed"),
    }
}
