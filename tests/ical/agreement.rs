//! Agreement with real parsers: on every corpus file (two windows) where ical.js
//! (Thunderbird) and python icalendar agree on the busy time, Rondo's busy time is the
//! same, except for the documented differences below (docs/ical.md), which must stay
//! differences (fixing one means removing it here and in the docs).

use crate::support::shared_or_skip;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rondo::ical::import::{busy_from_ics, ImportOptions, Window};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// (file under corpus/, window, why Rondo reads it differently).
const KNOWN_DIFFERENCES: &[(&str, &str, &str)] = &[
    (
        "private/recurring-ical-events/issue_253_additional_recurrence_id.ics",
        "fixed",
        "an override whose RECURRENCE-ID matches no instance is still an instance (RFC 5545 §3.8.4.4; CORPUS #10)",
    ),
];

/// At least this many (file, window) pairs must be compared and agree, so the test
/// cannot pass by comparing nothing.
const MIN_AGREEING: usize = 550;

type Busy = Vec<(DateTime<Utc>, DateTime<Utc>)>;

/// One corpus file and the window it is compared over (one checker run each: a run
/// over the union of both windows is slower, as long series then expand for decades).
struct Job {
    rel: String,
    path: PathBuf,
    windows: Vec<(&'static str, NaiveDate, NaiveDate)>,
}

enum Outcome {
    Agree,
    Differ {
        ours: Busy,
        theirs: Busy,
    },
    /// The two checkers disagree or one failed: which one Rondo sides with.
    NotComparable(&'static str),
}

fn corpus_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            corpus_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "ics") {
            out.push(p);
        }
    }
}

/// The file's own window: from the year of its first DTSTART, two years.
fn own_window(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let year = text
        .lines()
        .filter(|l| l.to_ascii_uppercase().starts_with("DTSTART"))
        .filter_map(|l| l.split_once(':').map(|(_, v)| v.trim()))
        .filter_map(|v| v.get(..4)?.parse::<i32>().ok())
        .filter(|y| (1901..2100).contains(y))
        .min()?;
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year + 2, 1, 1)?,
    ))
}

fn utc(d: NaiveDate) -> DateTime<Utc> {
    d.and_time(chrono::NaiveTime::MIN).and_utc()
}

fn parse_busy(v: &Value) -> Busy {
    let t = |x: &Value| {
        DateTime::parse_from_rfc3339(x.as_str().unwrap_or_default())
            .map(|d| d.with_timezone(&Utc))
            .ok()
    };
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| Some((t(&p[0])?, t(&p[1])?)))
                .collect()
        })
        .unwrap_or_default()
}

/// Clipped to the window, sorted and merged (touching spans joined).
fn canonical(mut busy: Busy, from: DateTime<Utc>, to: DateTime<Utc>) -> Busy {
    busy.retain_mut(|(s, e)| {
        *s = (*s).max(from);
        *e = (*e).min(to);
        s < e
    });
    busy.sort();
    let mut out: Busy = Vec::new();
    for (s, e) in busy {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

fn ours(text: &str, from: DateTime<Utc>, to: DateTime<Utc>) -> Busy {
    let window = Window::new(from, to).expect("window");
    match busy_from_ics(text, window, &ImportOptions::default()) {
        Ok(imp) => imp.busy.iter().map(|i| (i.start, i.end)).collect(),
        Err(_) => Vec::new(), // nothing usable: no busy time
    }
}

fn run_job(checkers: &Path, job: &Job) -> Vec<Outcome> {
    let (_, from, to) = job.windows[0];
    let out = Command::new("python3")
        .arg(checkers.join("differential.py"))
        .arg(&job.path)
        .args(["--from", &from.to_string(), "--to", &to.to_string()])
        .args([
            "--checkers",
            "icaljs,py",
            "--json",
            "--busy",
            "--timeout",
            "60",
        ])
        .output()
        .expect("run differential.py");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let text =
        String::from_utf8_lossy(&std::fs::read(&job.path).expect("read corpus file")).into_owned();
    let mut outcomes = Vec::new();
    for (_, wf, wt) in &job.windows {
        let (from, to) = (utc(*wf), utc(*wt));
        let mine = canonical(ours(&text, from, to), from, to);
        let side = |name: &str| {
            let c = &v["checkers"][name];
            (c["rc"].as_i64() == Some(0)).then(|| canonical(parse_busy(&c["busy"]), from, to))
        };
        outcomes.push(match (side("icaljs"), side("py")) {
            (Some(js), Some(py)) if js == py => {
                if mine == js {
                    Outcome::Agree
                } else {
                    Outcome::Differ {
                        ours: mine,
                        theirs: js,
                    }
                }
            }
            (js, py) => Outcome::NotComparable(
                match (js.as_ref() == Some(&mine), py.as_ref() == Some(&mine)) {
                    (true, true) => "both",
                    (true, false) => "ical.js",
                    (false, true) => "python",
                    (false, false) => "neither",
                },
            ),
        });
    }
    outcomes
}

fn secs(b: &Busy) -> i64 {
    b.iter().map(|(s, e)| (*e - *s).num_seconds()).sum()
}

#[test]
fn corpus_busy_time_agrees_with_icaljs_and_python() {
    let Some(shared) = shared_or_skip("corpus_busy_time_agrees_with_icaljs_and_python") else {
        return;
    };
    let checkers = shared.join("ics/checkers");
    let ready = Command::new("bash")
        .arg(checkers.join("setup.sh"))
        .args(["--check", "--only", "icaljs,py"])
        .output()
        .expect("run setup.sh --check");
    assert!(
        ready.status.success(),
        "the ical.js and python checkers are not installed: run scripts/test.sh (or bash ../shared/ics/checkers/setup.sh)\n{}",
        String::from_utf8_lossy(&ready.stderr)
    );
    let corpus = shared.join("ics/corpus");
    let mut files = Vec::new();
    corpus_files(&corpus, &mut files);
    files.sort();
    assert!(
        files.len() >= 400,
        "corpus has its 400 files, found {}",
        files.len()
    );
    let fixed = (
        NaiveDate::from_ymd_opt(2024, 1, 1).expect("date"),
        NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
    );
    let mut jobs = Vec::new();
    for path in files {
        let rel = path
            .strip_prefix(&corpus)
            .expect("under corpus")
            .to_string_lossy()
            .replace('\\', "/");
        let text = String::from_utf8_lossy(&std::fs::read(&path).expect("read")).into_owned();
        // The fixed window only where something can happen in it: a series, or a
        // DTSTART from 2023 on (the rest are empty for every parser).
        let own = own_window(&text);
        let recurs = text.contains("RRULE") || text.contains("RDATE");
        if recurs || own.is_none_or(|(from, _)| from.year() >= 2023) {
            jobs.push(Job {
                rel: rel.clone(),
                path: path.clone(),
                windows: vec![("fixed", fixed.0, fixed.1)],
            });
        }
        if let Some((from, to)) = own.filter(|w| *w != fixed) {
            jobs.push(Job {
                rel,
                path,
                windows: vec![("own", from, to)],
            });
        }
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Vec<Outcome>)>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(2, 8);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let outcome = run_job(&checkers, job);
                results.lock().expect("results lock").push((i, outcome));
            });
        }
    });
    let mut results = results.into_inner().expect("results");
    results.sort_by_key(|(i, _)| *i);
    let (mut agree, mut sides) = (0, std::collections::BTreeMap::<&str, usize>::new());
    let mut new_diffs = Vec::new();
    let mut seen_known = Vec::new();
    let mut pairs = 0;
    for (i, outcomes) in &results {
        let job = &jobs[*i];
        for ((kind, from, to), outcome) in job.windows.iter().zip(outcomes) {
            pairs += 1;
            match outcome {
                Outcome::Agree => agree += 1,
                Outcome::NotComparable(side) => *sides.entry(side).or_default() += 1,
                Outcome::Differ { ours, theirs } => {
                    if KNOWN_DIFFERENCES
                        .iter()
                        .any(|(f, k, _)| *f == job.rel && k == kind)
                    {
                        seen_known.push((job.rel.as_str(), *kind));
                    } else {
                        let only_theirs: Vec<_> = theirs
                            .iter()
                            .filter(|x| !ours.contains(x))
                            .take(3)
                            .collect();
                        let only_ours: Vec<_> = ours
                            .iter()
                            .filter(|x| !theirs.contains(x))
                            .take(3)
                            .collect();
                        new_diffs.push(format!(
                        "{} [{} {}..{}]: busy {} s here vs {} s in ical.js+python; only theirs {:?}; only ours {:?}",
                        job.rel, kind, from, to, secs(ours), secs(theirs), only_theirs, only_ours
                    ));
                    }
                }
            }
        }
    }
    eprintln!(
        "ical agreement: {pairs} (file, window) pairs in {} files: {agree} agree, {} known differences, {} new differences; \
         where ical.js and python disagree or fail, Rondo matches: {sides:?}",
        jobs.len(),
        seen_known.len(),
        new_diffs.len()
    );
    assert!(
        new_diffs.is_empty(),
        "Rondo differs from ical.js and python where they agree:\n{}",
        new_diffs.join("\n")
    );
    let stale: Vec<_> = KNOWN_DIFFERENCES
        .iter()
        .filter(|(f, k, _)| !seen_known.contains(&(*f, *k)))
        .collect();
    assert!(stale.is_empty(), "these known differences are gone: remove them from KNOWN_DIFFERENCES and docs/ical.md: {stale:?}");
    assert!(agree >= MIN_AGREEING, "only {agree} pairs compared and agreed (expected ≥ {MIN_AGREEING}): are the checkers working?");
}
