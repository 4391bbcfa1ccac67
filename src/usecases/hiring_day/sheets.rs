//! The day's sheets ([`sheets`], [`save`]): what a coordinator prints or hands out after
//! planning a hiring day. For each interviewer who interviews, their day in their own
//! zone as text (`day-<id>.txt`: each interview's time, candidate, round, the others on
//! the panel and the candidate's own clock) and as an "add to calendar" file
//! (`day-<id>.ics`, METHOD:PUBLISH, times in their zone with its VTIMEZONE, one event
//! per interview with the UID the panel's invite of that round has); for each scheduled
//! candidate, their itinerary in their own zone (`itinerary-<id>.txt` and `.ics`).
//! Nothing here schedules: it reads the day's answer.

use super::HiringDay;
use crate::batch::{Batch, BatchCandidate, ScheduledDoc};
use crate::display::{city, clock_label, date_label, offset_label};
use crate::ical::export::{
    file_safe, person, round_invites, write_publish, Invite, InviteFile, Method, Person,
    PlanInviteError, RoundBooking,
};
use crate::problem::Interviewer;
use crate::solution::PlacedRound;
use crate::usecases::UseCaseError;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use std::fmt::Write as _;
use std::path::Path;

/// The sheets written by [`save`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SavedSheets {
    /// The folder they are in.
    pub folder: String,
    /// The files, by name.
    pub files: Vec<String>,
    /// In words: how many sheets, for whom, where.
    pub said: String,
}

/// One round of the day with whose it is.
struct Seat<'a> {
    candidate: &'a BatchCandidate,
    placed: &'a PlacedRound,
}

impl Seat<'_> {
    fn round_name(&self) -> String {
        round_name(self.candidate, &self.placed.round)
    }
}

fn round_name(c: &BatchCandidate, round: &str) -> String {
    c.problem
        .rounds
        .iter()
        .find(|r| r.id == round)
        .map_or_else(|| round.to_string(), |r| r.name.clone())
}

fn name_of(it: &Interviewer) -> String {
    it.name.clone().unwrap_or_else(|| it.id.clone())
}

/// The names of the interviewers `ids` of the day.
fn names<'a>(b: &Batch, ids: impl Iterator<Item = &'a String>) -> Vec<String> {
    ids.map(|id| {
        b.interviewers
            .iter()
            .find(|i| &i.id == id)
            .map_or_else(|| id.clone(), name_of)
    })
    .collect()
}

fn candidate_name(c: &BatchCandidate) -> String {
    let p = &c.problem.candidate;
    p.name.clone().unwrap_or_else(|| p.id.clone())
}

fn zone_line(zone: Tz, at: DateTime<Utc>) -> String {
    format!("Times in {} ({}).", city(zone), offset_label(zone, at))
}

/// The day's sheets of `day`, their calendar files sent by `organizer` and stamped
/// `now`.
///
/// # Errors
/// [`UseCaseError::Problem`] when the day's request no longer reads (a file edited by
/// hand), [`UseCaseError::Invite`] when an address cannot be written into a calendar.
pub fn sheets(
    day: &HiringDay,
    organizer: &Person,
    now: DateTime<Utc>,
) -> Result<Vec<InviteFile>, UseCaseError> {
    let b = Batch::from_doc(&day.request).map_err(super::from_batch)?;
    let scheduled: Vec<(&BatchCandidate, &ScheduledDoc)> = day
        .answer
        .scheduled
        .iter()
        .filter_map(|s| {
            b.candidates
                .iter()
                .find(|c| c.id() == s.candidate)
                .map(|c| (c, s))
        })
        .collect();
    let mut files = Vec::new();
    for it in &b.interviewers {
        let mut seats: Vec<Seat<'_>> = scheduled
            .iter()
            .flat_map(|&(candidate, s)| {
                s.rounds
                    .iter()
                    .filter(|r| r.interviewers.contains(&it.id))
                    .map(move |placed| Seat { candidate, placed })
            })
            .collect();
        if seats.is_empty() {
            continue;
        }
        seats.sort_by_key(|s| (s.placed.start, s.candidate.id().to_string()));
        let stem = format!("day-{}", file_safe(&it.id));
        files.push(InviteFile {
            name: format!("{stem}.txt"),
            text: interviewer_text(&b, it, &seats),
        });
        let events = seats
            .iter()
            .map(|s| invite(&b, s, organizer, now, Audience::Panel(it.zone)))
            .collect::<Result<Vec<_>, _>>()?;
        files.push(InviteFile {
            name: format!("{stem}.ics"),
            text: write_publish(&events).map_err(PlanInviteError::from)?,
        });
    }
    for &(c, s) in &scheduled {
        let stem = format!("itinerary-{}", file_safe(c.id()));
        files.push(InviteFile {
            name: format!("{stem}.txt"),
            text: candidate_text(&b, c, s),
        });
        let events = s
            .rounds
            .iter()
            .map(|placed| {
                invite(
                    &b,
                    &Seat {
                        candidate: c,
                        placed,
                    },
                    organizer,
                    now,
                    Audience::Candidate,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        files.push(InviteFile {
            name: format!("{stem}.ics"),
            text: write_publish(&events).map_err(PlanInviteError::from)?,
        });
    }
    Ok(files)
}

/// Whose calendar an event is for.
#[derive(Clone, Copy)]
enum Audience {
    /// The panel's event, written in this interviewer's zone.
    Panel(Tz),
    /// The candidate's event, in their zone.
    Candidate,
}

/// The event of one round for `audience`: the UID and words of that audience's invite
/// of the round (so importing two panel members' days into one calendar keeps one
/// event), as an "add to calendar" entry.
fn invite(
    b: &Batch,
    s: &Seat<'_>,
    organizer: &Person,
    now: DateTime<Utc>,
    audience: Audience,
) -> Result<Invite, PlanInviteError> {
    let c = &s.candidate.problem.candidate;
    let mut panel = Vec::new();
    for id in &s.placed.interviewers {
        let it = b.interviewers.iter().find(|i| &i.id == id).ok_or_else(|| {
            PlanInviteError::Unknown {
                what: "interviewer",
                id: id.clone(),
            }
        })?;
        panel.push(person(&it.id, it.name.as_ref(), it.email.as_ref()));
    }
    let panel_zone = match audience {
        Audience::Panel(z) => z,
        Audience::Candidate => c.zone,
    };
    let round = RoundBooking {
        key: format!("{}/{}/{}", b.id, c.id, s.placed.round),
        round_name: s.round_name(),
        company: organizer.name.clone(),
        candidate: person(&c.id, c.name.as_ref(), c.email.as_ref()),
        candidate_zone: c.zone,
        interviewers: panel,
        shadows: Vec::new(),
        panel_zone,
        start: s.placed.start,
        end: s.placed.end,
        video_link: String::new(),
        contact: organizer.clone(),
        notes: String::new(),
        sequence: 0,
    };
    let (cand, panel) = round_invites(&round, organizer, Method::Publish, now);
    Ok(match audience {
        Audience::Panel(_) => panel,
        Audience::Candidate => cand,
    })
}

/// An interviewer's day in words, on their clock.
fn interviewer_text(b: &Batch, it: &Interviewer, seats: &[Seat<'_>]) -> String {
    let z = it.zone;
    let mut out = format!(
        "{} — interviews of the hiring day\n{}\n",
        name_of(it),
        zone_line(z, seats[0].placed.start)
    );
    let mut date = String::new();
    for s in seats {
        let d = date_label(z, s.placed.start);
        if d != date {
            let _ = write!(out, "\n{d}\n");
            date = d;
        }
        let c = &s.candidate.problem.candidate;
        let others = names(b, s.placed.interviewers.iter().filter(|id| **id != it.id));
        let _ = writeln!(
            out,
            "  {}–{}  {} with {} ({} {} for them){}",
            clock_label(z, s.placed.start),
            clock_label(z, s.placed.end),
            s.round_name(),
            candidate_name(s.candidate),
            clock_label(c.zone, s.placed.start),
            city(c.zone),
            if others.is_empty() {
                String::new()
            } else {
                format!("; also on the panel: {}", others.join(", "))
            }
        );
    }
    out
}

/// A candidate's itinerary in words, on their clock.
fn candidate_text(b: &Batch, c: &BatchCandidate, s: &ScheduledDoc) -> String {
    let z = c.problem.candidate.zone;
    let first = s.rounds.iter().map(|r| r.start).min().unwrap_or(s.finish);
    let mut out = format!(
        "Itinerary of {}\n{}\n",
        candidate_name(c),
        zone_line(z, first)
    );
    let mut rounds: Vec<&PlacedRound> = s.rounds.iter().collect();
    rounds.sort_by_key(|r| r.start);
    let mut date = String::new();
    for r in rounds {
        let d = date_label(z, r.start);
        if d != date {
            let _ = write!(out, "\n{d}\n");
            date = d;
        }
        let with = names(b, r.interviewers.iter());
        let _ = writeln!(
            out,
            "  {}–{}  {} with {}",
            clock_label(z, r.start),
            clock_label(z, r.end),
            round_name(c, &r.round),
            with.join(", ")
        );
    }
    let _ = write!(
        out,
        "\nDone by {} {} {}.\n",
        date_label(z, s.finish),
        clock_label(z, s.finish),
        city(z)
    );
    out
}

/// Writes the day's [`sheets`] into `folder` (made when missing), replacing sheets of
/// the same names.
///
/// # Errors
/// As [`sheets`]; [`UseCaseError::SheetFiles`] when the folder cannot be written.
pub fn save(
    day: &HiringDay,
    organizer: &Person,
    folder: &Path,
    now: DateTime<Utc>,
) -> Result<SavedSheets, UseCaseError> {
    let files = sheets(day, organizer, now)?;
    let failed = |message: String| UseCaseError::SheetFiles {
        folder: folder.to_path_buf(),
        message,
    };
    std::fs::create_dir_all(folder).map_err(|e| failed(e.to_string()))?;
    for f in &files {
        crate::whole_file::write(&folder.join(&f.name), f.text.as_bytes())
            .map_err(|e| failed(e.to_string()))?;
    }
    let people = files.iter().filter(|f| f.name.starts_with("day-")).count() / 2;
    let candidates = files.len() / 2 - people;
    let said = format!(
        "Saved the day of {people} interviewer{} and the itinerary of {candidates} candidate{} (text and calendar files) in {}.",
        if people == 1 { "" } else { "s" },
        if candidates == 1 { "" } else { "s" },
        folder.display()
    );
    Ok(SavedSheets {
        folder: folder.display().to_string(),
        files: files.into_iter().map(|f| f.name).collect(),
        said,
    })
}
