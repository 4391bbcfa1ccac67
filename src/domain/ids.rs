//! Typed ids: one newtype per kind, so a candidate id is never passed where an
//! interviewer id is meant. All share one spelling rule (1-64 of `A-Za-z0-9._-`), which
//! keeps them printable and free of the `0x00` byte the store uses as a key separator.

use super::DomainError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// True if `text` is a valid id of any kind.
fn valid(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// An id made from a name, not yet `taken`: lower case, runs of anything but ASCII
/// letters and digits as one `-`, at most 56 characters, then `-2`, `-3`, … while taken
/// (`Priya Raman` → `priya-raman`, `priya-raman-2`); `fallback` when the name has no
/// letter or digit. The window and the command line make new ids this way.
pub fn id_from_name(name: &str, taken: impl Fn(&str) -> bool, fallback: &str) -> String {
    let base: String = name
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let mut base = if base.is_empty() {
        fallback.to_string()
    } else {
        base
    };
    base.truncate(56);
    (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| !taken(id))
        .unwrap_or(base)
}

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Validates and wraps an id.
            pub fn new(text: impl Into<String>) -> Result<Self, DomainError> {
                let text = text.into();
                if valid(&text) {
                    Ok($name(text))
                } else {
                    Err(DomainError::BadId { kind: $kind, id: text })
                }
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = DomainError;
            fn try_from(text: String) -> Result<Self, DomainError> {
                $name::new(text)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = DomainError;
            fn from_str(text: &str) -> Result<Self, DomainError> {
                $name::new(text)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

typed_id!(
    /// Id of an [`super::Interviewer`].
    InterviewerId,
    "interviewer"
);
typed_id!(
    /// Id of a [`super::Candidate`].
    CandidateId,
    "candidate"
);
typed_id!(
    /// Id of a [`super::Plan`] (a job's interview plan).
    PlanId,
    "plan"
);
typed_id!(
    /// Id of a round inside a plan.
    RoundId,
    "round"
);
typed_id!(
    /// Id of a [`super::Booking`].
    BookingId,
    "booking"
);
typed_id!(
    /// Id of a calendar source of one interviewer (e.g. `work`, `personal`).
    SourceId,
    "calendar source"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_names_are_valid_and_not_taken() {
        let taken = |id: &str| ["priya-raman", "priya-raman-2"].contains(&id);
        let cases = [
            ("Priya Raman", "priya-raman-3"),
            ("  José  O'Neil ", "jos-o-neil"),
            ("Zoë", "zo"),
            ("***", "candidate"),
        ];
        for (name, want) in cases {
            let id = id_from_name(name, taken, "candidate");
            assert_eq!(id, want, "{name:?}");
            assert!(CandidateId::new(id).is_ok(), "{name:?}: a valid id");
        }
        let long = id_from_name(&"a".repeat(200), |_| false, "x");
        assert_eq!(long.len(), 56, "long names are cut");
    }

    #[test]
    fn ids_accept_only_the_documented_spelling() {
        let cases: &[(&str, bool)] = &[
            ("ivr-001", true),
            ("a.b_c-9", true),
            ("", false),
            ("has space", false),
            ("nul\0byte", false),
            ("é", false),
            (&"x".repeat(64), true),
            (&"x".repeat(65), false),
        ];
        for (text, ok) in cases {
            assert_eq!(InterviewerId::new(*text).is_ok(), *ok, "id {text:?}");
        }
    }

    #[test]
    fn a_bad_id_in_json_is_refused_with_its_kind() {
        let err = serde_json::from_str::<CandidateId>("\"a b\"").expect_err("space refused");
        assert!(
            err.to_string().contains("candidate id"),
            "message names the kind: {err}"
        );
    }
}
