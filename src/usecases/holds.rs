//! Holds and the candidate's pick: before the candidate has chosen, up to
//! [`MAX_OPTIONS`] options of their proposal are held on the panels' calendars (bookings
//! with status `held`, so other proposals avoid them; each panel gets a tentative
//! "Hold: …" invite) and offered to the candidate in one e-mail, each option its own
//! tentative invitation ([`crate::mail::offer`]). The candidate's "Accept" on one option
//! is a REPLY that [`answer`] reads: that option is booked (confirmed, the panel's
//! invite no longer tentative, the candidate's option confirmed) and every other hold is
//! released (CANCEL to its panel and for its option). Holds that nobody picked by their
//! expiry are released by [`release_expired`]. Every change and its e-mails are stored
//! in one transaction ([`super::bookings`]), the e-mails through the outbox.

use super::bookings::{guarded, kept_proposal, option_of, use_up_proposal, NewLoop};
use super::connected::team;
use super::outbox::Outbox;
use super::UseCaseError;
use crate::answers::pick::{pick, Pick};
use crate::answers::Outcome;
use crate::answers::{Invitation, Invitee, Part};
use crate::domain::{
    Booking, BookingId, BookingStatus, Candidate, CandidateId, HoldOffer, OfferState, Plan,
};
use crate::ical::export::{audience_uid, Person};
use crate::ical::itip::ItipMessage;
use crate::mail::offer::{
    after_pick, offer_message, option_uid, withdrawn, Offer, OfferOption, OfferRound,
};
use crate::mail::outbox::Queued;
use crate::mail::{invite_message, Recipient};
use crate::store::Store;
use chrono::{DateTime, Duration, Utc};

pub use crate::mail::offer::MAX_OPTIONS;

/// How long holds last unless the candidate picks, when not said otherwise.
pub const DEFAULT_HOLD_DAYS: u32 = 3;

/// The offer stored for `candidate`, if any.
pub fn offer_of(store: &Store, candidate: &CandidateId) -> Result<Option<HoldOffer>, UseCaseError> {
    Ok(store.get::<HoldOffer>(candidate.as_str())?)
}

/// Every offer stored, open or not, by candidate.
pub fn offers(store: &Store) -> Result<Vec<HoldOffer>, UseCaseError> {
    Ok(store.all::<HoldOffer>()?)
}

/// A candidate's offer as their page shows it: where it stands and each option's
/// rounds on everyone's clock.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OfferView {
    /// True while the candidate may still pick.
    pub open: bool,
    /// Where it stands, in words ("open until Tue 24 Mar 2026 · 16:45 Kolkata",
    /// "picked option 2", "released: expired").
    pub state: String,
    /// Each option offered, in order: its rounds' times in words.
    pub options: Vec<Vec<String>>,
}

/// `candidate`'s offer as their page shows it at `now`, if they have one (holds past
/// their time are shown released only once [`release_expired`] ran).
pub fn offer_view(
    store: &Store,
    candidate: &CandidateId,
    now: DateTime<Utc>,
) -> Result<Option<OfferView>, UseCaseError> {
    let Some(rec) = offer_of(store, candidate)? else {
        return Ok(None);
    };
    let c: Candidate = store.need(candidate.as_str())?;
    let state = match &rec.state {
        OfferState::Open if rec.has_expired(now) => "lapsed: released at the next check".into(),
        OfferState::Open => format!(
            "held until {}",
            crate::display::instant_label(c.time_zone, rec.expires_at)
        ),
        OfferState::Picked { index, .. } => format!("picked option {}", index + 1),
        OfferState::Released { why, .. } => format!("released: {why}"),
    };
    let mut options = Vec::with_capacity(rec.options.len());
    for list in option_bookings(store, &rec)? {
        let mut rounds = Vec::with_capacity(list.len());
        for b in &list {
            let mut people = Vec::with_capacity(b.interviewers.len());
            for id in &b.interviewers {
                let i: crate::domain::Interviewer = store.need(id.as_str())?;
                people.push((i.name, i.time_zone));
            }
            rounds.push(format!(
                "{}: {}",
                b.round_name,
                crate::display::when_in_zones(c.time_zone, b.start, b.end, &people)
            ));
        }
        options.push(rounds);
    }
    Ok(Some(OfferView {
        open: rec.is_open(),
        state,
        options,
    }))
}

/// The bookings of each option of `rec`, as stored now.
fn option_bookings(store: &Store, rec: &HoldOffer) -> Result<Vec<Vec<Booking>>, UseCaseError> {
    rec.options
        .iter()
        .map(|ids| ids.iter().map(|id| Ok(store.need(id.as_str())?)).collect())
        .collect()
}

/// The candidate as a person and recipient.
fn candidate_person(c: &Candidate) -> Result<Recipient, UseCaseError> {
    if c.email.trim().is_empty() {
        return Err(UseCaseError::NoAddress {
            who: format!("candidate {} ({})", c.name, c.id),
        });
    }
    Ok(Recipient {
        person: Person {
            name: c.name.clone(),
            email: c.email.trim().to_string(),
        },
        zone: c.time_zone,
    })
}

/// The e-mail side of `rec` whose options are `by_option`, sent by `organizer`.
fn mail_offer(
    store: &Store,
    rec: &HoldOffer,
    by_option: &[Vec<Booking>],
    organizer: &Person,
) -> Result<(Offer, Recipient), UseCaseError> {
    let c: Candidate = store.need(rec.candidate.as_str())?;
    let to = candidate_person(&c)?;
    let plan_name = match by_option.first().and_then(|o| o.first()) {
        Some(b) => store
            .get::<Plan>(b.plan.as_str())?
            .map_or_else(|| b.plan.to_string(), |p| p.name),
        None => String::new(),
    };
    let options = by_option
        .iter()
        .map(|list| {
            let mut rounds: Vec<OfferRound> = list
                .iter()
                .map(|b| OfferRound {
                    name: b.round_name.clone(),
                    start: b.start,
                    end: b.end,
                })
                .collect();
            rounds.sort_by_key(|r| r.start);
            OfferOption { rounds }
        })
        .collect();
    let offer = Offer {
        key: rec.key.clone(),
        title: format!("{} – {plan_name}", organizer.name),
        candidate: to.person.clone(),
        candidate_zone: to.zone,
        organizer: organizer.clone(),
        location: String::new(),
        note: String::new(),
        options,
        sequence: rec.sequence,
    };
    Ok((offer, to))
}

/// `queued` without the messages to the candidate about `list`'s own invitations: a
/// candidate with an offer has the options' events instead.
fn panel_only(list: &[Booking], queued: Vec<Queued>) -> Vec<Queued> {
    let theirs: Vec<String> = list
        .iter()
        .map(|b| audience_uid(&b.uid, "candidate"))
        .collect();
    queued
        .into_iter()
        .filter(|q| !q.message.uids.iter().any(|u| theirs.contains(u)))
        .collect()
}

/// Writes the offer's `changed` bookings in one transaction with their e-mails when
/// `out` mails: each panel's (confirmed or cancelled) and, for the candidate
/// `candidate.0`, the option invites `candidate.1` (about bookings `candidate.2`).
fn settle(
    store: &Store,
    changed: &[Booking],
    candidate: (&Recipient, &[crate::ical::export::Invite], &[BookingId]),
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<(), UseCaseError> {
    let (to, invites, about) = candidate;
    let mailer = |list: &[Booking]| -> Result<Vec<Queued>, UseCaseError> {
        let mut q = panel_only(
            list,
            super::mail::messages(store, list, &out.organizer, now)?,
        );
        for invite in invites {
            let message = invite_message(invite, std::slice::from_ref(to), now)?;
            q.push(Queued::new(message, about.to_vec(), now));
        }
        Ok(q)
    };
    guarded(
        store,
        None,
        changed,
        &[],
        out.mail.then_some(&mailer as super::bookings::Mailer<'_>),
        now,
        |_| Ok(()),
    )
}

/// Holds options `options` (1 = the first) of `candidate`'s latest proposal on their
/// panels for `hold_days` days and mails the candidate one e-mail offering them, each
/// its own tentative invitation; every panel gets its hold. One transaction: all the
/// holds and their e-mails are stored, or none (an option that no longer fits is named
/// in the refusal). The proposal is used up.
///
/// # Errors
/// [`UseCaseError::MailOff`] without a mail account; [`UseCaseError::OfferOpen`] while
/// an earlier offer waits for the candidate; [`UseCaseError::NoProposal`],
/// [`UseCaseError::NoSuchOption`], [`UseCaseError::Offer`] (none or too many options),
/// [`UseCaseError::Conflict`].
pub fn offer(
    store: &Store,
    candidate: &CandidateId,
    options: &[usize],
    hold_days: u32,
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<HoldOffer, UseCaseError> {
    if !out.mail {
        return Err(UseCaseError::MailOff);
    }
    let earlier = offer_of(store, candidate)?;
    if earlier.as_ref().is_some_and(HoldOffer::is_open) {
        return Err(UseCaseError::OfferOpen {
            candidate: candidate.to_string(),
        });
    }
    let proposal = kept_proposal(store, candidate)?;
    let mut picked: Vec<usize> = Vec::new();
    for &n in options {
        if !picked.contains(&n) {
            picked.push(n);
        }
    }
    if picked.is_empty() || picked.len() > MAX_OPTIONS {
        return Err(crate::mail::offer::OfferError::Count {
            count: picked.len(),
            max: MAX_OPTIONS,
        }
        .into());
    }
    let mut loops = Vec::with_capacity(picked.len());
    for &n in &picked {
        let chosen = option_of(&proposal, n)?;
        loops.push(NewLoop::of(
            store,
            &proposal,
            chosen,
            BookingStatus::Held,
            now,
        )?);
    }
    let by_option: Vec<Vec<Booking>> = loops.iter().map(|l| l.bookings.clone()).collect();
    let all: Vec<Booking> = by_option.iter().flatten().cloned().collect();
    let first = all.first().map(|b| b.id.to_string()).unwrap_or_default();
    let rec = HoldOffer {
        candidate: candidate.clone(),
        key: format!("offer.{first}.{}", store.instance_tag()),
        options: by_option
            .iter()
            .map(|o| o.iter().map(|b| b.id.clone()).collect())
            .collect(),
        sequence: 0,
        sent_at: now,
        expires_at: now + Duration::days(i64::from(hold_days.max(1))),
        state: OfferState::Open,
    };
    let (mail_offer, _) = mail_offer(store, &rec, &by_option, &out.organizer)?;
    let ids: Vec<BookingId> = all.iter().map(|b| b.id.clone()).collect();
    let mailer = |list: &[Booking]| -> Result<Vec<Queued>, UseCaseError> {
        let mut q = super::mail::messages(store, list, &out.organizer, now)?;
        q.push(Queued::new(
            offer_message(&mail_offer, now)?,
            ids.clone(),
            now,
        ));
        Ok(q)
    };
    // The offer is recorded first: a crash after it and before the holds leaves an
    // offer whose bookings do not exist, which expiry releases; the other way round
    // would leave holds nobody can pick.
    store.put(&rec)?;
    let guard = team::before(store, &all, now)?;
    let written = guarded(store, guard, &all, &[], Some(&mailer), now, |view| {
        loops.iter().enumerate().try_for_each(|(k, l)| {
            l.check(view).map_err(|e| match e {
                UseCaseError::Conflict { reasons } => UseCaseError::Conflict {
                    reasons: reasons
                        .into_iter()
                        .map(|r| format!("option {}: {r}", picked[k]))
                        .collect(),
                },
                other => other,
            })
        })
    });
    if let Err(e) = written {
        match earlier {
            Some(old) => store.put(&old)?,
            None => store.remove::<HoldOffer>(candidate.as_str())?,
        }
        return Err(e);
    }
    use_up_proposal(store, candidate)?;
    Ok(rec)
}

/// What the candidate's pick did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Picked {
    /// The option picked (1 = the first).
    pub option: usize,
    /// Its bookings, confirmed.
    pub booked: Vec<Booking>,
    /// The other options' bookings, released.
    pub released: Vec<Booking>,
}

/// Books option `index` (0-based) of `candidate`'s open offer and releases every other
/// hold, in one transaction with their e-mails: the panels' invites confirmed or
/// cancelled, the candidate's picked option confirmed and the others cancelled.
///
/// # Errors
/// [`UseCaseError::NoOffer`] when no offer waits; [`UseCaseError::NoSuchOption`].
pub fn take_pick(
    store: &Store,
    candidate: &CandidateId,
    index: usize,
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<Picked, UseCaseError> {
    let rec = offer_of(store, candidate)?
        .filter(HoldOffer::is_open)
        .ok_or_else(|| UseCaseError::NoOffer {
            candidate: candidate.to_string(),
        })?;
    if index >= rec.options.len() {
        return Err(UseCaseError::NoSuchOption {
            candidate: candidate.to_string(),
            count: rec.options.len(),
        });
    }
    let by_option = option_bookings(store, &rec)?;
    let (mail_offer, to) = mail_offer(store, &rec, &by_option, &out.organizer)?;
    let mut booked = Vec::new();
    let mut released = Vec::new();
    for (k, list) in by_option.into_iter().enumerate() {
        for mut b in list.into_iter().filter(|b| b.status.is_live()) {
            if k == index {
                b.set_status(BookingStatus::Confirmed, now)?;
                booked.push(b);
            } else {
                b.set_status(BookingStatus::Cancelled, now)?;
                released.push(b);
            }
        }
    }
    let changed: Vec<Booking> = booked.iter().chain(&released).cloned().collect();
    let ids: Vec<BookingId> = booked.iter().map(|b| b.id.clone()).collect();
    let to_candidate = after_pick(&mail_offer, index, now)?;
    settle(store, &changed, (&to, &to_candidate, &ids), out, now)?;
    let mut done = rec;
    done.state = OfferState::Picked { index, at: now };
    store.put(&done)?;
    Ok(Picked {
        option: index + 1,
        booked,
        released,
    })
}

/// Releases every hold of `rec` still standing (CANCEL to each panel, every option
/// cancelled for the candidate) and records why.
fn release(
    store: &Store,
    rec: HoldOffer,
    why: &str,
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<HoldOffer, UseCaseError> {
    let mut by_option = Vec::with_capacity(rec.options.len());
    for ids in &rec.options {
        // A booking the offer names but the store lacks was never written (a crash
        // between the offer's record and its holds): nothing to release.
        let mut list = Vec::new();
        for id in ids {
            if let Some(b) = store.get::<Booking>(id.as_str())? {
                list.push(b);
            }
        }
        by_option.push(list);
    }
    let mut changed = Vec::new();
    for b in by_option.iter().flatten() {
        if b.status.is_live() {
            let mut b = b.clone();
            b.set_status(BookingStatus::Cancelled, now)?;
            changed.push(b);
        }
    }
    if !changed.is_empty() {
        let (mail_offer, to) = mail_offer(store, &rec, &by_option, &out.organizer)?;
        let to_candidate = withdrawn(&mail_offer, now)?;
        settle(store, &changed, (&to, &to_candidate, &[]), out, now)?;
    }
    let mut done = rec;
    done.state = OfferState::Released {
        why: why.to_string(),
        at: now,
    };
    store.put(&done)?;
    Ok(done)
}

/// Releases the holds of every open offer whose time ran out by `now` (nobody picked):
/// CANCEL to the panels and for the candidate's options, through the outbox. Returns
/// the offers released.
pub fn release_expired(
    store: &Store,
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<Vec<HoldOffer>, UseCaseError> {
    let mut done = Vec::new();
    for rec in offers(store)? {
        if rec.has_expired(now) {
            let why = format!(
                "the holds expired on {} without a pick",
                rec.expires_at.format("%Y-%m-%d %H:%M UTC")
            );
            done.push(release(store, rec, &why, out, now)?);
        }
    }
    Ok(done)
}

/// Withdraws `candidate`'s open offer: every hold released, as on expiry.
pub fn withdraw(
    store: &Store,
    candidate: &CandidateId,
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<HoldOffer, UseCaseError> {
    let rec = offer_of(store, candidate)?
        .filter(HoldOffer::is_open)
        .ok_or_else(|| UseCaseError::NoOffer {
            candidate: candidate.to_string(),
        })?;
    release(store, rec, "withdrawn by the coordinator", out, now)
}

/// If `msg` answers one of an offer's options, what it did (`None`: it is not about
/// an offer). A pick books that option and releases the rest; a decline of one option
/// or a "maybe" changes nothing and says so.
pub fn answer(
    store: &Store,
    msg: &ItipMessage,
    from: Option<&str>,
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<Option<Outcome>, UseCaseError> {
    let Some(rec) = offers(store)?
        .into_iter()
        .find(|r| (0..r.options.len()).any(|i| option_uid(&r.key, i) == msg.uid))
    else {
        return Ok(None);
    };
    let said = |said: String, changed: bool, booking: Option<BookingId>| Outcome {
        uid: msg.uid.clone(),
        booking,
        said,
        changed,
        status: None,
    };
    if let OfferState::Picked { index, .. } = rec.state {
        return Ok(Some(said(
            format!(
                "{} already picked option {}: nothing changes",
                rec.candidate,
                index + 1
            ),
            false,
            None,
        )));
    }
    if let OfferState::Released { why, .. } = &rec.state {
        return Ok(Some(said(
            format!(
                "the options offered to {} were released ({why}): nothing changes",
                rec.candidate
            ),
            false,
            None,
        )));
    }
    let c: Candidate = store.need(rec.candidate.as_str())?;
    let by_option = option_bookings(store, &rec)?;
    let invitations: Vec<Invitation> = by_option
        .iter()
        .enumerate()
        .map(|(i, list)| Invitation {
            uids: vec![option_uid(&rec.key, i)],
            recurrence_id: None,
            sequence: rec.sequence,
            sent_at: Some(rec.sent_at),
            start: list.iter().map(|b| b.start).min().unwrap_or(rec.sent_at),
            invitees: vec![Invitee {
                email: c.email.trim().to_string(),
                name: c.name.clone(),
                part: Part::Candidate,
            }],
        })
        .collect();
    Ok(Some(match pick(&invitations, msg, from) {
        Err(why) => said(why.to_string(), false, None),
        Ok(Pick::Picked { index }) => {
            let p = take_pick(store, &rec.candidate, index, out, now)?;
            said(
                format!(
                    "{} picked option {}: {} interview(s) booked, {} hold(s) released",
                    c.name,
                    p.option,
                    p.booked.len(),
                    p.released.len()
                ),
                true,
                p.booked.first().map(|b| b.id.clone()),
            )
        }
        Ok(Pick::Declined { index }) => said(
            format!(
                "{} declined option {}; the other options still stand",
                c.name,
                index + 1
            ),
            false,
            None,
        ),
        Ok(Pick::Maybe { index }) => said(
            format!(
                "{} answered \"maybe\" to option {}: nothing is decided yet",
                c.name,
                index + 1
            ),
            false,
            None,
        ),
    }))
}
