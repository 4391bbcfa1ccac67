//! Agreement with real parsers: on every corpus file (two windows) where ical.js
//! (Thunderbird) and python icalendar agree on the busy time, Rondo's busy time is the
//! same, except for the documented differences below (docs/ical.md), which must stay
//! differences (fixing one means removing it here and in the docs).

use crate::support::{checkers_or_skip, shared_or_skip};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rondo::ical::import::{busy_from_ics, ImportOptions, Window};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

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

/// One corpus file and the window it is compared over (a run over the union of both
/// windows would be slower, as long series then expand for decades).
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

/// Runs one checker over every job in one process (`batch_icaljs.mjs` or `batch_py.py`
/// beside this file) and returns, per job, the merged busy time, or None when the
/// checker failed on that file.
fn run_batch(program: &Path, driver: &str, checker: &Path, jobs: &[Job]) -> Vec<Option<Busy>> {
    let list: Vec<(String, String, String)> = jobs
        .iter()
        .map(|j| {
            (
                j.path.to_string_lossy().into_owned(),
                j.windows[0].1.to_string(),
                j.windows[0].2.to_string(),
            )
        })
        .collect();
    let mut child = Command::new(program)
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/ical")
                .join(driver),
        )
        .arg(checker)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("run {}: {e}", program.display()));
    let input = serde_json::to_vec(&list).expect("jobs as JSON");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, &input));
    let out = child.wait_with_output().expect("batch output");
    writer.join().expect("writer").expect("write jobs");
    let results: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_eq!(results.len(), jobs.len(), "{driver}: one result per job");
    results
        .iter()
        .zip(jobs)
        .map(|(r, job)| {
            (r["rc"].as_i64() == Some(0)).then(|| {
                let (_, from, to) = job.windows[0];
                canonical(
                    busy_rows(r["out"].as_str().unwrap_or_default()),
                    utc(from),
                    utc(to),
                )
            })
        })
        .collect()
}

/// Busy time from a checker's JSON lines, as `differential.py` counts it: VEVENTs not
/// CANCELLED and not TRANSPARENT, VFREEBUSY periods whose FBTYPE is not FREE.
fn busy_rows(stdout: &str) -> Busy {
    let t = |x: &Value| {
        DateTime::parse_from_rfc3339(x.as_str().unwrap_or_default())
            .map(|d| d.with_timezone(&Utc))
            .ok()
    };
    stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| match v["comp"].as_str() {
            Some("VFREEBUSY") => v["status"] != "FREE",
            _ => v["status"] != "CANCELLED" && v["transp"] != "TRANSPARENT",
        })
        .filter_map(|v| Some((t(&v["start_utc"])?, t(&v["end_utc"])?)))
        .collect()
}

fn outcome(job: &Job, js: Option<Busy>, py: Option<Busy>) -> Outcome {
    let (_, wf, wt) = job.windows[0];
    let (from, to) = (utc(wf), utc(wt));
    let text =
        String::from_utf8_lossy(&std::fs::read(&job.path).expect("read corpus file")).into_owned();
    let mine = canonical(ours(&text, from, to), from, to);
    match (js, py) {
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
    }
}

fn secs(b: &Busy) -> i64 {
    b.iter().map(|(s, e)| (*e - *s).num_seconds()).sum()
}

#[test]
fn corpus_busy_time_agrees_with_icaljs_and_python() {
    let test = "corpus_busy_time_agrees_with_icaljs_and_python";
    let Some(shared) = shared_or_skip(test) else {
        return;
    };
    if !checkers_or_skip(test, &shared, "icaljs,py") {
        return;
    }
    let checkers = shared.join("ics/checkers");
    let corpus = shared.join("ics/corpus");
    let files = super::corpus::ics_files(&corpus);
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
    // ical.js and python each run every job in one process, side by side (2 cores).
    let home = std::env::var_os("ICS_CHECKERS_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache/ics-checkers")
        });
    let (js, py) = std::thread::scope(|s| {
        let js = s.spawn(|| {
            run_batch(
                Path::new("node"),
                "batch_icaljs.mjs",
                &checkers.join("icaljs-check.mjs"),
                &jobs,
            )
        });
        let py = s.spawn(|| {
            run_batch(
                &home.join("venv/bin/python"),
                "batch_py.py",
                &checkers.join("ical-py-check.py"),
                &jobs,
            )
        });
        (
            js.join().expect("ical.js batch"),
            py.join().expect("python batch"),
        )
    });
    let results: Vec<(usize, Vec<Outcome>)> = js
        .into_iter()
        .zip(py)
        .enumerate()
        .map(|(i, (js, py))| (i, vec![outcome(&jobs[i], js, py)]))
        .collect();
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
        "ical agreement: {pairs} (file, window) pairs from {} files: {agree} agree, {} known differences, {} new differences; \
         where ical.js and python disagree or fail, Rondo matches: {sides:?}",
        jobs.iter().map(|j| &j.rel).collect::<std::collections::BTreeSet<_>>().len(),
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
