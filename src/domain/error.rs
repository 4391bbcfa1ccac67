//! Why raw input was refused as a domain value.

/// A field of a domain value that is not acceptable, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// An id that is empty, too long or holds characters other than letters, digits, `.`, `_`, `-`.
    #[error("{kind} id {id:?} is not valid: use 1 to 64 letters, digits, '.', '_' or '-'")]
    BadId {
        /// What kind of id (`interviewer`, `candidate`, ...).
        kind: &'static str,
        /// The text given.
        id: String,
    },
    /// A time-zone name the IANA database does not know.
    #[error("{field}: unknown time zone {name:?}: use an IANA name such as Europe/Berlin")]
    UnknownZone {
        /// Where it was given.
        field: String,
        /// The name given.
        name: String,
    },
    /// A weekly-hours entry that is not a valid `HH:MM-HH:MM` window on a known weekday.
    #[error("{field}: {message}")]
    BadHours {
        /// Where it was given.
        field: String,
        /// What is wrong and how to write it.
        message: String,
    },
    /// An interval whose end is not after its start.
    #[error("{field}: {start} .. {end} does not end after it starts")]
    BadInterval {
        /// Where it was given.
        field: String,
        /// Its start.
        start: String,
        /// Its end.
        end: String,
    },
    /// A number outside its allowed range.
    #[error("{field}: {value} is not allowed ({rule})")]
    BadNumber {
        /// Where it was given.
        field: String,
        /// The value given.
        value: i64,
        /// What is allowed.
        rule: &'static str,
    },
    /// A plan that refers to a round it does not have, repeats a round id, or orders
    /// rounds in a cycle.
    #[error("plan {plan}: {message}")]
    BadPlan {
        /// The plan's id.
        plan: String,
        /// What is wrong.
        message: String,
    },
    /// A field typed in a form or on the command line that does not follow its grammar
    /// (a plan's "who" or "after" column, a date, a count).
    #[error("{field}: {message}")]
    BadText {
        /// The field, as the person sees it (`Technical, who`).
        field: String,
        /// What is wrong and how to write it.
        message: String,
    },
    /// A required text field left empty.
    #[error("{field} must not be empty")]
    Empty {
        /// The field.
        field: &'static str,
    },
    /// A booking status change the life cycle does not allow.
    #[error("a booking that is {from} cannot become {to} (allowed: proposed -> held -> confirmed, any -> cancelled)")]
    BadTransition {
        /// The current status.
        from: super::BookingStatus,
        /// The status asked for.
        to: super::BookingStatus,
    },
}

impl DomainError {
    /// A field that does not follow its grammar: `field` as the person sees it, `message`
    /// saying what is wrong and how to write it.
    pub fn bad_text(field: &str, message: impl std::fmt::Display) -> DomainError {
        DomainError::BadText {
            field: field.to_string(),
            message: message.to_string(),
        }
    }
}
