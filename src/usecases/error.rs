//! Why a use case did not do what was asked.

use crate::domain::DomainError;
use crate::problem::ProblemError;
use crate::store::StoreError;

/// A use case's failure; each says what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum UseCaseError {
    /// The store failed or refused (see [`StoreError`]).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A value given is not acceptable (see [`DomainError`]).
    #[error(transparent)]
    Invalid(#[from] DomainError),
    /// What is stored does not make a valid scheduling request.
    #[error("what is stored for this candidate and plan is not a valid scheduling request: {0}")]
    Problem(#[from] ProblemError),
    /// A calendar file could not be read (see the calendar importer's error).
    #[error("the calendar cannot be imported, nothing was changed: {0}")]
    Calendar(#[from] crate::ical::import::ImportError),
    /// The candidate has no plan and none was named.
    #[error(
        "candidate {candidate} is in no plan: name one with --plan, or set the candidate's plan"
    )]
    NoPlan {
        /// The candidate.
        candidate: String,
    },
    /// The horizon ends before it starts or is empty.
    #[error("the search window {from} .. {to} is empty: give a --to after --from")]
    EmptyHorizon {
        /// Its start.
        from: String,
        /// Its end.
        to: String,
    },
    /// No proposal is kept for the candidate (never proposed, or already booked).
    #[error("there is no proposal for candidate {candidate}: run `rondo propose` for them first")]
    NoProposal {
        /// The candidate.
        candidate: String,
    },
    /// The latest proposal found no schedule at all.
    #[error("the latest proposal for candidate {candidate} found no schedule: propose again over more dates or with more interviewers")]
    NoOptions {
        /// The candidate.
        candidate: String,
    },
    /// The proposal has no option with that number.
    #[error(
        "the proposal for candidate {candidate} has {count} option(s); pick one from 1 to {count}"
    )]
    NoSuchOption {
        /// The candidate.
        candidate: String,
        /// How many options there are.
        count: usize,
    },
    /// The option or new time no longer fits what is stored now (someone booked the
    /// same people, a calendar changed); nothing was written.
    #[error("this no longer fits, nothing was booked: {}; propose again", .reasons.join("; "))]
    Conflict {
        /// Each reason in words.
        reasons: Vec<String>,
    },
    /// A backup document with a bad record; nothing was restored.
    #[error("the backup cannot be restored, nothing was changed: {record} {message}")]
    BadBackup {
        /// Which record (`bookings[17] (bk-000017)`), or `format`.
        record: String,
        /// What is wrong with it.
        message: String,
    },
    /// Invite files could not be written into the folder chosen (the bookings are
    /// stored; writing the invites again is safe).
    #[error("the invites could not be written to {folder}: {message}")]
    InviteFiles {
        /// The folder.
        folder: std::path::PathBuf,
        /// What went wrong.
        message: String,
    },
    /// An invite could not be made from what is stored (an address that is not one).
    #[error("the invites cannot be made: {0}")]
    Invite(#[from] crate::ical::export::PlanInviteError),
    /// A file for the coordinator (a backup) could not be written; nothing else changed.
    #[error(transparent)]
    File(#[from] crate::whole_file::WriteFileError),
    /// The booking's status does not allow the change.
    #[error("booking {booking} is {status}: it cannot be changed any more")]
    Closed {
        /// The booking.
        booking: String,
        /// Its status.
        status: crate::domain::BookingStatus,
    },
    /// The moves given are not of one loop (bookings of several candidates or plans, or
    /// one booking moved twice); nothing was moved.
    #[error("these moves are not of one loop: {message}")]
    NotOneLoop {
        /// What is wrong, in words.
        message: String,
    },
    /// No options were found yet to work on.
    #[error("there are no options yet: find options for a candidate first")]
    NoWorkbench,
    /// The options being worked on have no option with that number.
    #[error("option {option} does not exist: pick one of the {count} options listed")]
    OptionMissing {
        /// The option asked for (1 = the first).
        option: usize,
        /// How many there are.
        count: usize,
    },
    /// The suggested relaxation asked for is not in the answer any more.
    #[error("that suggestion is gone: find options again")]
    SuggestionGone,
    /// A round could not be moved (see [`crate::display::ShiftError`]).
    #[error(transparent)]
    Shift(#[from] crate::display::ShiftError),
    /// An interviewer could not be swapped (see [`crate::swap::SwapError`]).
    #[error(transparent)]
    Swap(#[from] crate::swap::SwapError),
    /// A round of a hiring day could not be moved (see [`crate::batch::MoveError`]:
    /// each rule broken named, with who is in the way); the day is unchanged.
    #[error(transparent)]
    Move(#[from] crate::batch::MoveError),
    /// The hiring day is booked: its rounds are not moved or booked again.
    #[error("this hiring day is booked already: plan a new day to change it")]
    DayBooked,
    /// The day's sheets could not be written into the folder; nothing is booked or
    /// changed by that.
    #[error("the day's sheets could not be written to {folder}: {message}")]
    SheetFiles {
        /// The folder.
        folder: std::path::PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The option as adjusted by hand breaks a hard rule: it is not booked or sent.
    #[error("the option breaks a rule ({message}): move the round back or undo the moves")]
    Breaks {
        /// The first rule broken, in words.
        message: String,
    },
    /// An option of these options is booked already: its rounds are moved, not booked again.
    #[error("an option of this search is booked already: move its rounds and write updated invites, or cancel the loop first")]
    AlreadyBooked,
    /// Nothing of these options is booked yet.
    #[error("nothing is booked yet: book an option first")]
    NotBooked,
    /// No round of the booked option has moved.
    #[error("no round of the booked loop has moved: the invites already written are up to date")]
    NothingMoved,
    /// The booked option's interviewers are fixed.
    #[error("this option is booked: its interviewers are fixed; cancel the loop and book again to change who sits in")]
    SeatsFixed,
    /// The candidate has no live interview.
    #[error("candidate {candidate} has no interview to cancel")]
    NothingToCancel {
        /// The candidate.
        candidate: String,
    },
    /// Every invite of the candidate is written at its current version.
    #[error("every invite of candidate {candidate} is written and up to date")]
    NothingToSend {
        /// The candidate.
        candidate: String,
    },
    /// Someone invited has no e-mail address, so their invite cannot be mailed.
    #[error("{who} has no e-mail address: add one, or write the invites into a folder instead of mailing them")]
    NoAddress {
        /// Who, in words.
        who: String,
    },
    /// An e-mail could not be made (see [`crate::mail::MailError`]).
    #[error(transparent)]
    Mail(#[from] crate::mail::MailError),
    /// Nothing in the outbox waits to be retried under that Message-ID.
    #[error("no message {id} is waiting or failed in the outbox: `rondo outbox list` shows them")]
    NothingToRetry {
        /// The Message-ID asked for.
        id: String,
    },
    /// A saved reply holds no readable answer (see [`crate::mail::inbound::InboundError`]).
    #[error("the file holds no answer to an invitation, nothing was changed: {0}")]
    Reply(#[from] crate::mail::inbound::InboundError),
    /// No proposed time from that person is waiting for the booking.
    #[error("{email} has no proposed time waiting for booking {booking}: `rondo booking show {booking}` lists them")]
    NoCounter {
        /// The booking.
        booking: String,
        /// Who was named.
        email: String,
    },
    /// Updated invites have nowhere to go: the first ones were never written.
    #[error("the invites of these interviews were never written: name a folder for them")]
    NoInviteFolder,
    /// A calendar server failed or refused (see [`crate::caldav::CalDavError`]).
    #[error(transparent)]
    CalendarServer(#[from] crate::caldav::CalDavError),
    /// No password for a calendar account (see [`crate::passwords::PasswordError`]).
    #[error(transparent)]
    Password(#[from] crate::passwords::PasswordError),
    /// No calendar account has that name.
    #[error("there is no calendar account named {name}: add it with `rondo calendar add` (or in Settings → Calendars)")]
    NoAccount {
        /// The name asked for.
        name: String,
    },
    /// The account lists no such calendar.
    #[error("calendar account {account} has no calendar {calendar}: see its calendars with `rondo calendar list {account}`")]
    NoCalendar {
        /// The account.
        account: String,
        /// The calendar asked for, in words.
        calendar: String,
    },
    /// A subscription cannot hold the team's interview calendar.
    #[error("account {account} is a subscription, which Rondo can only read: choose a calendar of a CalDAV account for the team's interviews")]
    NotWritable {
        /// The account.
        account: String,
    },
    /// The team calendar's settings are gone or unusable.
    #[error("the team's interview calendar is not set: choose one with `rondo calendar publish ACCOUNT:HREF`")]
    NoTeamCalendar,
    /// An interviewer without an e-mail address cannot be claimed on the team server.
    #[error("interviewer {interviewer} has no e-mail address, which other coordinators' desks know them by: add one before booking them with the team's calendar")]
    NoEmail {
        /// The interviewer.
        interviewer: String,
    },
    /// A pool without a training path was named for training.
    #[error("pool {pool} has no training path: set one first, e.g. `rondo team path set {pool} --shadows 2 --reverse-shadows 1`")]
    NoTrainingPath {
        /// The pool.
        pool: String,
    },
    /// Someone already in a pool cannot train for it.
    #[error("interviewer {interviewer} is in pool {pool} already: only people outside a pool train for it")]
    AlreadyInPool {
        /// The interviewer.
        interviewer: String,
        /// The pool.
        pool: String,
    },
    /// Someone already trains (or trained) for the pool.
    #[error("interviewer {interviewer} is already on the training path of pool {pool}: `rondo team progress {interviewer}` shows where they stand")]
    AlreadyTraining {
        /// The interviewer.
        interviewer: String,
        /// The pool.
        pool: String,
    },
    /// Someone is not on the pool's training path.
    #[error("interviewer {interviewer} is not training for pool {pool}: start them with `rondo team train {interviewer} --pool {pool}`")]
    NotTraining {
        /// The interviewer.
        interviewer: String,
        /// The pool.
        pool: String,
    },
    /// The booking does not seat that trainee.
    #[error("booking {booking} has no trainee {interviewer}: `rondo team progress {interviewer}` lists their interviews")]
    NotTheirInterview {
        /// The booking.
        booking: String,
        /// The interviewer named.
        interviewer: String,
    },
    /// Sign-off was asked for someone not waiting for it.
    #[error("interviewer {interviewer} is not waiting for sign-off in pool {pool}: {state}")]
    NotAwaitingSignOff {
        /// The interviewer.
        interviewer: String,
        /// The pool.
        pool: String,
        /// Where they stand, in words.
        state: String,
    },
    /// No interviewer belongs to the pool asked for.
    #[error("no interviewer is in pool {pool:?}: the pools are {known}")]
    UnknownPool {
        /// The pool asked for.
        pool: String,
        /// The pools interviewers belong to, comma-separated.
        known: String,
    },
    /// Holds and options travel by e-mail.
    #[error("holds and options go to people by e-mail: set up mail first (`rondo mail setup`, or Settings → Mail)")]
    MailOff,
    /// The candidate has an offer waiting.
    #[error("candidate {candidate} has options waiting for their pick: wait for it, or withdraw them (`rondo holds withdraw --candidate {candidate}`) first")]
    OfferOpen {
        /// The candidate.
        candidate: String,
    },
    /// No offer waits for the candidate.
    #[error("candidate {candidate} has no options waiting for a pick: offer some with `rondo holds offer`")]
    NoOffer {
        /// The candidate.
        candidate: String,
    },
    /// An offer that cannot be made (see [`crate::mail::offer::OfferError`]).
    #[error("the options cannot be offered: {0}")]
    Offer(#[from] crate::mail::offer::OfferError),
    /// The mail server refused or could not be reached (see
    /// [`crate::mail::smtp::SendError`]: it says what to check).
    #[error(transparent)]
    Send(#[from] crate::mail::smtp::SendError),
    /// The mail password could not be found or kept (see
    /// [`crate::mail::password::SecretError`]: it says how to give it).
    #[error(transparent)]
    Secret(#[from] crate::mail::password::SecretError),
    /// The settings could not be saved, or an organizer was refused.
    #[error(transparent)]
    Settings(#[from] super::settings::SettingsError),
    /// The mail account typed is not one; the message names the field.
    #[error("{message}")]
    BadMailAccount {
        /// Which field and what to enter.
        message: String,
    },
}
