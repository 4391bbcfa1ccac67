//! The things Rondo remembers: interviewers, candidates, interview plans and bookings.
//!
//! Every value here is validated when it is built from raw input ([`DomainError`] says
//! which field is wrong and how to fix it), so the store, the use cases and the engine
//! adapter never see an unknown time zone, an empty id or a round that follows itself.
//! Instants are `DateTime<Utc>`; each person carries their IANA zone ([`chrono_tz::Tz`])
//! for wall-clock input and display.
//!
//! Main types: [`Interviewer`], [`Candidate`], [`Plan`] (a job's interview plan, with
//! built-in [`templates`] and its text grammar in [`plan_text`]), [`Booking`] with its
//! [`BookingStatus`] life cycle, [`InviteSent`]: which version of a booking's invites
//! was written, and training into pools ([`TrainingPath`], [`Trainee`]) with where a
//! trainee stands on their path ([`progress`]).

mod booking;
mod candidate;
mod error;
mod hold;
mod hours;
mod ids;
mod interviewer;
mod plan;
pub mod plan_text;
pub mod progress;
mod proposal;
mod sent;
pub mod templates;
mod training;
mod windows;
mod zone_name;

pub use booking::{Booking, BookingStatus};
pub use candidate::{Candidate, Stage};
pub use error::DomainError;
pub use hold::{HoldOffer, OfferState};
pub use hours::{HoursWindow, WeeklyHours, OFFICE_WEEK, WEEKDAYS};
pub use ids::{
    id_from_name, AccountId, BookingId, CandidateId, InterviewerId, PlanId, RoundId, SourceId,
};
pub use interviewer::{CalendarSource, Interviewer};
pub use plan::{gap_text, AfterRule, Need, Plan, RoundSpec, GAP_UNITS};
pub use proposal::{Proposal, ProposedOption, Slot};
pub use sent::InviteSent;
pub use training::{BookedTrainee, Track, Trainee, TraineeSeats, TrainingPath, MAX_PATH_STEPS};
pub use windows::{parse_windows, window_lines};
pub use zone_name::zone_from_name;
