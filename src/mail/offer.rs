//! Before the candidate has chosen: tentative holds in the interviewers' calendars, and
//! the candidate's options in one e-mail.
//!
//! A hold ([`as_hold`]) is the panel's invite made tentative (`STATUS:TENTATIVE`,
//! tentative busy time) with a "Hold: " title; confirming it later is a REQUEST with
//! the same UID and a higher SEQUENCE, releasing it a CANCEL.
//!
//! An [`Offer`] is up to [`MAX_OPTIONS`] times for one candidate. Each option is its own
//! tentative invite with its own UID ([`option_uid`]): an iTIP object carries one UID,
//! so one "Accept" in any client answers for exactly that option. All go in one e-mail
//! ([`offer_message`]): the text lists every option on the candidate's clock, and each
//! option is attached as `option-N.ics` (`text/calendar; method=REQUEST`). After the
//! pick, [`after_pick`] gives the picked option confirmed and the others cancelled;
//! [`crate::answers::pick`] reads which option a reply picks.

use super::body::{escape_html, when_in};
use super::message::{assemble, attachment, Head, MailError, Outgoing, Recipient};
use crate::ical::export::{stable_uid, write_invite, Attendee, Invite, Method, Person, Role};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use lettre::message::SinglePart;

/// The most options one e-mail offers: more is a burden to the candidate, and some
/// clients show attachments past a handful poorly.
pub const MAX_OPTIONS: usize = 5;

/// `invite` as a tentative hold: `STATUS:TENTATIVE`, "Hold: " before its title.
pub fn as_hold(mut invite: Invite) -> Invite {
    invite.tentative = true;
    if !invite.summary.starts_with("Hold: ") {
        invite.summary = format!("Hold: {}", invite.summary);
    }
    invite
}

/// One round inside an option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferRound {
    /// Its name ("Technical interview").
    pub name: String,
    /// Start instant.
    pub start: DateTime<Utc>,
    /// End instant.
    pub end: DateTime<Utc>,
}

/// One option: the rounds of the loop at one set of times, in start order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferOption {
    /// Its rounds (at least one).
    pub rounds: Vec<OfferRound>,
}

impl OfferOption {
    fn span(&self) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let start = self.rounds.iter().map(|r| r.start).min()?;
        let end = self.rounds.iter().map(|r| r.end).max()?;
        Some((start, end))
    }
}

/// The times offered to one candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// A stable key of the offer (candidate and proposal): the options' UIDs derive from
    /// it, so sending the offer again updates the same events.
    pub key: String,
    /// What the interviews are ("Example Corp – Technical interview").
    pub title: String,
    /// The candidate.
    pub candidate: Person,
    /// Their zone: every time is written on their clock.
    pub candidate_zone: Tz,
    /// Who sends the offer and gets the answer.
    pub organizer: Person,
    /// Where, or the video link (may be empty).
    pub location: String,
    /// A note for the candidate (may be empty).
    pub note: String,
    /// The options, at most [`MAX_OPTIONS`].
    pub options: Vec<OfferOption>,
    /// 0 when first sent, higher for each change of the offer.
    pub sequence: u32,
}

/// Why an offer cannot be sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OfferError {
    /// No options, or more than [`MAX_OPTIONS`].
    #[error("an offer has 1 to {max} options, not {count}")]
    Count {
        /// How many were given.
        count: usize,
        /// The most allowed.
        max: usize,
    },
    /// An option without rounds.
    #[error("option {index} has no interviews")]
    EmptyOption {
        /// 1-based.
        index: usize,
    },
    /// No option picked where one must be.
    #[error("option {index} is not one of the {count} offered")]
    NoSuchOption {
        /// 1-based.
        index: usize,
        /// How many were offered.
        count: usize,
    },
    /// The e-mail could not be made.
    #[error(transparent)]
    Mail(#[from] MailError),
}

/// The UID of option `index` (0-based) of the offer with `key`.
pub fn option_uid(key: &str, index: usize) -> String {
    stable_uid(key, &format!("option-{}", index + 1))
}

fn check(offer: &Offer) -> Result<(), OfferError> {
    let count = offer.options.len();
    if count == 0 || count > MAX_OPTIONS {
        return Err(OfferError::Count {
            count,
            max: MAX_OPTIONS,
        });
    }
    if let Some(i) = offer.options.iter().position(|o| o.rounds.is_empty()) {
        return Err(OfferError::EmptyOption { index: i + 1 });
    }
    Ok(())
}

/// The lines describing an option's rounds on the candidate's clock.
fn round_lines(offer: &Offer, option: &OfferOption) -> Vec<String> {
    option
        .rounds
        .iter()
        .map(|r| {
            format!(
                "{}: {}",
                r.name,
                when_in(offer.candidate_zone, r.start, r.end)
            )
        })
        .collect()
}

/// The tentative invite of option `index` (0-based) with `method` at `sequence`.
fn option_invite(
    offer: &Offer,
    index: usize,
    method: Method,
    sequence: u32,
    tentative: bool,
    dtstamp: DateTime<Utc>,
) -> Option<Invite> {
    let option = offer.options.get(index)?;
    let (start, end) = option.span()?;
    let count = offer.options.len();
    let mut description = round_lines(offer, option);
    if !offer.note.trim().is_empty() {
        description.push(offer.note.clone());
    }
    Some(Invite {
        uid: option_uid(&offer.key, index),
        sequence,
        method,
        summary: format!("Option {} of {count}: {}", index + 1, offer.title),
        description: description.join("\n"),
        location: offer.location.clone(),
        start,
        end,
        display_zone: offer.candidate_zone,
        organizer: offer.organizer.clone(),
        attendees: vec![Attendee {
            person: offer.candidate.clone(),
            role: Role::Required,
            rsvp: true,
        }],
        dtstamp,
        tentative,
    })
}

/// Every option of `offer` as a tentative REQUEST at the offer's SEQUENCE, in order.
///
/// # Errors
/// [`OfferError`] for no options, too many, or an empty one.
pub fn option_invites(offer: &Offer, dtstamp: DateTime<Utc>) -> Result<Vec<Invite>, OfferError> {
    check(offer)?;
    Ok((0..offer.options.len())
        .filter_map(|i| option_invite(offer, i, Method::Request, offer.sequence, true, dtstamp))
        .collect())
}

/// After the candidate picked option `picked` (0-based): that option confirmed (a
/// REQUEST, no longer tentative) and every other one cancelled, all at the offer's
/// SEQUENCE + 1, in option order.
///
/// # Errors
/// [`OfferError::NoSuchOption`] when `picked` is not offered; [`OfferError`] as for
/// [`option_invites`].
pub fn after_pick(
    offer: &Offer,
    picked: usize,
    dtstamp: DateTime<Utc>,
) -> Result<Vec<Invite>, OfferError> {
    check(offer)?;
    let count = offer.options.len();
    if picked >= count {
        return Err(OfferError::NoSuchOption {
            index: picked + 1,
            count,
        });
    }
    let next = offer.sequence + 1;
    Ok((0..count)
        .filter_map(|i| {
            if i == picked {
                option_invite(offer, i, Method::Request, next, false, dtstamp)
            } else {
                option_invite(offer, i, Method::Cancel, next, true, dtstamp)
            }
        })
        .collect())
}

/// Every option of `offer` cancelled, at the offer's SEQUENCE + 1, in option order: the
/// offer is withdrawn (its holds expired, or the coordinator took it back).
///
/// # Errors
/// [`OfferError`] as for [`option_invites`].
pub fn withdrawn(offer: &Offer, dtstamp: DateTime<Utc>) -> Result<Vec<Invite>, OfferError> {
    check(offer)?;
    let next = offer.sequence + 1;
    Ok((0..offer.options.len())
        .filter_map(|i| option_invite(offer, i, Method::Cancel, next, true, dtstamp))
        .collect())
}

/// The text of the offer e-mail.
fn offer_text(offer: &Offer) -> Vec<String> {
    let count = offer.options.len();
    let mut lines = vec![format!(
        "{}: please choose one of these {count} times. Each is attached as its own \
         invitation (option-1.ics, …): open the one that suits you and press Accept.",
        offer.title
    )];
    for (i, option) in offer.options.iter().enumerate() {
        lines.push(format!("Option {}:", i + 1));
        lines.extend(
            round_lines(offer, option)
                .into_iter()
                .map(|l| format!("  {l}")),
        );
    }
    if !offer.location.trim().is_empty() {
        lines.push(format!("Where: {}", offer.location));
    }
    if !offer.note.trim().is_empty() {
        lines.push(offer.note.clone());
    }
    lines.push(format!(
        "None suits you? Decline them, or write to {} <{}>.",
        offer.organizer.name, offer.organizer.email
    ));
    lines
}

/// One e-mail to the candidate with every option of `offer`: a text and HTML list of
/// the times on their clock, and each option attached as its own tentative invitation
/// (`option-N.ics`, `text/calendar; method=REQUEST`).
///
/// # Errors
/// [`OfferError`] for a bad offer or a message that cannot be made.
pub fn offer_message(offer: &Offer, now: DateTime<Utc>) -> Result<Outgoing, OfferError> {
    let invites = option_invites(offer, now)?;
    let recipients = [Recipient {
        person: offer.candidate.clone(),
        zone: offer.candidate_zone,
    }];
    let lines = offer_text(offer);
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let mut html =
        String::from("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n");
    for l in &lines {
        html.push_str(&format!("<p>{}</p>\n", escape_html(l)));
    }
    html.push_str("</body></html>\n");
    let mut attachments: Vec<SinglePart> = Vec::new();
    for (i, invite) in invites.iter().enumerate() {
        let ics = write_invite(invite).map_err(MailError::from)?;
        attachments.push(attachment(
            &ics,
            &format!("option-{}.ics", i + 1),
            Some("REQUEST"),
        )?);
    }
    let first = offer
        .options
        .first()
        .and_then(OfferOption::span)
        .map(|(s, _)| s.with_timezone(&offer.candidate_zone));
    let head = Head {
        uids: invites.iter().map(|i| i.uid.clone()).collect(),
        sequence: offer.sequence,
        method: Method::Request.as_str(),
        organizer: &offer.organizer,
        subject: format!(
            "Choose a time: {} ({} options{})",
            offer.title,
            invites.len(),
            first.map_or(String::new(), |f| format!(
                ", from {}",
                f.format("%a %-d %b")
            ))
        ),
        variant: "options",
    };
    Ok(assemble(
        &head,
        &recipients,
        now,
        vec![SinglePart::plain(text), SinglePart::html(html)],
        attachments,
    )?)
}
