//! The invites of stored bookings: each booked round's candidate and panel messages,
//! with UIDs derived from the booking's own calendar UID (kept for its whole life) and
//! its SEQUENCE, so an update (REQUEST) or a cancellation (CANCEL) replaces the event
//! calendars already have.

use super::plan::{file_safe, person};
use super::{
    round_invites, write_invite, write_publish, Invite, InviteFile, Method, PlanInviteError,
    RoundBooking,
};
use crate::domain::{Booking, Candidate, Interviewer};

/// The people of the bookings: the candidate and every interviewer and trainee they name.
#[derive(Debug, Clone, Copy)]
pub struct Party<'a> {
    /// The candidate of every booking.
    pub candidate: &'a Candidate,
    /// The interviewers (at least those the bookings name).
    pub interviewers: &'a [Interviewer],
    /// Who sends the invites and gets the replies.
    pub organizer: &'a super::Person,
}

/// The UID of one audience's event of a booking: `bk-000042.tag@rondo` gives
/// `bk-000042.tag-candidate@rondo`. The same for every version of the booking.
pub fn audience_uid(booking_uid: &str, audience: &str) -> String {
    match booking_uid.rsplit_once('@') {
        Some((local, domain)) => format!("{local}-{audience}@{domain}"),
        None => format!("{booking_uid}-{audience}"),
    }
}

/// The candidate's and the panel's invite of one stored booking `b` with `method`, at
/// the booking's SEQUENCE, with UIDs from [`audience_uid`]. What each audience sees is
/// [`round_invites`]'s: the candidate never sees the panel's notes. Trainees are optional
/// attendees of the panel's invite, whose notes say their part ("Sam Lee is shadowing
/// (training for backend)."); the candidate's invite never names them. The panel's
/// invite is written in the zone of the booking's first interviewer.
///
/// # Errors
/// [`PlanInviteError::Unknown`] when `b` names an interviewer not in `party`.
pub fn booking_round_invites(
    b: &Booking,
    party: Party<'_>,
    method: Method,
    dtstamp: chrono::DateTime<chrono::Utc>,
) -> Result<(Invite, Invite), PlanInviteError> {
    let c = party.candidate;
    let email = |e: &String| (!e.is_empty()).then(|| e.clone());
    let candidate = person(c.id.as_str(), Some(&c.name), email(&c.email).as_ref());
    let mut panel = Vec::new();
    let mut panel_zone = c.time_zone;
    for (n, id) in b.interviewers.iter().enumerate() {
        let it = party
            .interviewers
            .iter()
            .find(|i| &i.id == id)
            .ok_or_else(|| PlanInviteError::Unknown {
                what: "interviewer",
                id: id.to_string(),
            })?;
        if n == 0 {
            panel_zone = it.time_zone;
        }
        panel.push(person(
            it.id.as_str(),
            Some(&it.name),
            email(&it.email).as_ref(),
        ));
    }
    // Trainees join the panel as optional attendees, their part said in the panel's
    // notes; the candidate's invite names neither.
    let mut shadows = Vec::new();
    let mut notes = Vec::new();
    for t in &b.trainees {
        let it = party
            .interviewers
            .iter()
            .find(|i| i.id == t.interviewer)
            .ok_or_else(|| PlanInviteError::Unknown {
                what: "trainee",
                id: t.interviewer.to_string(),
            })?;
        shadows.push(person(
            it.id.as_str(),
            Some(&it.name),
            email(&it.email).as_ref(),
        ));
        notes.push(format!(
            "{} is {} (training for {}).",
            it.name,
            t.role_words(),
            t.pool
        ));
    }
    let round = RoundBooking {
        key: b.uid.clone(),
        round_name: b.round_name.clone(),
        company: party.organizer.name.clone(),
        candidate,
        candidate_zone: c.time_zone,
        interviewers: panel,
        shadows,
        panel_zone,
        start: b.start,
        end: b.end,
        video_link: String::new(),
        contact: party.organizer.clone(),
        notes: notes.join(" "),
        sequence: b.sequence,
    };
    let (mut cand, mut panel) = round_invites(&round, party.organizer, method, dtstamp);
    cand.uid = audience_uid(&b.uid, "candidate");
    panel.uid = audience_uid(&b.uid, "panel");
    Ok((cand, panel))
}

/// For each of `bookings`, the candidate's and the panel's message with `method`
/// (REQUEST for new and moved rounds, CANCEL for cancelled ones) at the booking's
/// SEQUENCE: files `<round>-candidate.ics` and `<round>-panel.ics`, with `-cancelled`
/// before `.ics` for CANCEL. With REQUEST, `loop.ics` adds the candidate's whole loop
/// (`whole_loop`, their live bookings) as an "add to calendar" file.
///
/// # Errors
/// [`PlanInviteError::Unknown`] when a booking names an interviewer not in `party`;
/// [`PlanInviteError::Export`] for a bad address or time.
pub fn booking_invites(
    bookings: &[Booking],
    whole_loop: &[Booking],
    party: Party<'_>,
    method: Method,
    dtstamp: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<InviteFile>, PlanInviteError> {
    let suffix = match method {
        Method::Cancel => "-cancelled",
        Method::Request | Method::Publish => "",
        Method::DeclineCounter => "-declined-proposal",
    };
    let mut files = Vec::new();
    for b in bookings {
        let (cand, panel) = booking_round_invites(b, party, method, dtstamp)?;
        let stem = file_safe(b.round.as_str());
        files.push(InviteFile {
            name: format!("{stem}-candidate{suffix}.ics"),
            text: write_invite(&cand)?,
        });
        files.push(InviteFile {
            name: format!("{stem}-panel{suffix}.ics"),
            text: write_invite(&panel)?,
        });
    }
    if method == Method::Request && !whole_loop.is_empty() {
        let mut all = Vec::new();
        for b in whole_loop {
            all.push(booking_round_invites(b, party, Method::Publish, dtstamp)?.0);
        }
        files.push(InviteFile {
            name: "loop.ics".into(),
            text: write_publish(&all)?,
        });
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        BookingId, BookingStatus, CandidateId, InterviewerId, PlanId, RoundId, WeeklyHours,
    };

    fn booking(seq: u32) -> Booking {
        let t = |s: &str| s.parse().expect("instant");
        Booking {
            id: BookingId::new("bk-000001").expect("id"),
            uid: "bk-000001.abc@rondo".into(),
            sequence: seq,
            candidate: CandidateId::new("cand-1").expect("id"),
            plan: PlanId::new("loop").expect("id"),
            round: RoundId::new("tech").expect("id"),
            round_name: "Technical interview".into(),
            start: t("2026-03-10T09:30:00Z"),
            end: t("2026-03-10T10:30:00Z"),
            interviewers: vec![InterviewerId::new("ana").expect("id")],
            trainees: Vec::new(),
            status: BookingStatus::Proposed,
            created_at: t("2026-03-01T00:00:00Z"),
            updated_at: t("2026-03-01T00:00:00Z"),
        }
    }

    #[test]
    fn a_cancellation_keeps_the_uids_of_the_request_and_carries_its_sequence() {
        let c = Candidate::new(
            CandidateId::new("cand-1").expect("id"),
            "Priya Raman",
            chrono_tz::Asia::Kolkata,
        );
        let ana = Interviewer::new(
            InterviewerId::new("ana").expect("id"),
            "Ana Novak",
            chrono_tz::Europe::Berlin,
            WeeklyHours::default(),
        );
        let organizer = super::super::Person {
            name: "Rondo".into(),
            email: "recruiting@example.com".into(),
        };
        let party = Party {
            candidate: &c,
            interviewers: std::slice::from_ref(&ana),
            organizer: &organizer,
        };
        let now = "2026-03-01T00:00:00Z".parse().expect("instant");
        let sent = booking_invites(&[booking(0)], &[booking(0)], party, Method::Request, now)
            .expect("request");
        let names: Vec<&str> = sent.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            ["tech-candidate.ics", "tech-panel.ics", "loop.ics"],
            "one file per audience and the loop"
        );
        let cancel =
            booking_invites(&[booking(2)], &[], party, Method::Cancel, now).expect("cancel");
        assert_eq!(cancel.len(), 2, "both audiences are told, no loop file");
        for (req, can) in sent.iter().zip(&cancel) {
            let uid = |t: &str| {
                t.lines()
                    .find_map(|l| l.strip_prefix("UID:"))
                    .map(str::to_string)
            };
            assert_eq!(uid(&req.text), uid(&can.text), "{}: same UID", can.name);
            assert!(can.text.contains("METHOD:CANCEL"), "{}: a CANCEL", can.name);
            assert!(
                can.text.contains("SEQUENCE:2"),
                "{}: its sequence",
                can.name
            );
        }
        assert_eq!(
            audience_uid("bk-000001.abc@rondo", "panel"),
            "bk-000001.abc-panel@rondo",
            "the audience goes before the domain"
        );
    }

    #[test]
    fn a_trainee_is_named_with_their_part_to_the_panel_and_never_to_the_candidate() {
        let c = Candidate::new(
            CandidateId::new("cand-1").expect("id"),
            "Priya Raman",
            chrono_tz::Asia::Kolkata,
        );
        let hours = WeeklyHours::default();
        let ana = Interviewer::new(
            InterviewerId::new("ana").expect("id"),
            "Ana Novak",
            chrono_tz::Europe::Berlin,
            hours.clone(),
        );
        let mut sam = Interviewer::new(
            InterviewerId::new("sam").expect("id"),
            "Sam Lee",
            chrono_tz::Europe::London,
            hours,
        );
        sam.email = "sam@example.com".into();
        let organizer = super::super::Person {
            name: "Rondo".into(),
            email: "recruiting@example.com".into(),
        };
        let people = [ana, sam];
        let party = Party {
            candidate: &c,
            interviewers: &people,
            organizer: &organizer,
        };
        let mut b = booking(0);
        b.trainees.push(crate::domain::BookedTrainee {
            interviewer: InterviewerId::new("sam").expect("id"),
            pool: "backend".into(),
            role: crate::problem::TraineeRole::Shadow,
        });
        let now = "2026-03-01T00:00:00Z".parse().expect("instant");
        let (cand, panel) =
            booking_round_invites(&b, party, Method::Request, now).expect("invites");
        let text = |i: &Invite| format!("{} {:?}", i.description, i.attendees);
        assert!(
            text(&panel).contains("Sam Lee is shadowing (training for backend)."),
            "the panel reads the trainee's part: {}",
            panel.description
        );
        assert!(
            panel
                .attendees
                .iter()
                .any(|a| a.person.email == "sam@example.com"
                    && a.role == super::super::Role::Optional),
            "the trainee is an optional attendee of the panel"
        );
        for word in ["Sam", "sam@example.com", "shadow", "training"] {
            assert!(
                !text(&cand).contains(word),
                "the candidate's invite never says {word:?}: {}",
                text(&cand)
            );
        }
    }
}
