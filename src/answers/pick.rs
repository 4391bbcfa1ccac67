//! The candidate's answer to an offer of several times: which option it picks.
//!
//! Each option was sent as its own tentative invitation with its own UID
//! ([`crate::mail::offer::option_uid`]), so a reply names exactly one option. The
//! reply is judged like any other ([`super::judge`]): the right UID, the candidate and
//! no one else, the offer's current version. Accepting an option picks it; declining
//! one only rules that one out; "tentative" picks nothing yet.

use super::{judge, Answers, Incoming, Invitation, Rejection};
use crate::ical::itip::{ItipMessage, PartStat};
use serde::Serialize;

/// What the candidate's reply says about the options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pick {
    /// They accepted option `index` (0-based): book it, release the others.
    Picked {
        /// The option.
        index: usize,
    },
    /// They declined option `index`; the others still stand.
    Declined {
        /// The option.
        index: usize,
    },
    /// They answered "tentative" to option `index`: nothing is decided.
    Maybe {
        /// The option.
        index: usize,
    },
}

/// Which option `msg` (from an e-mail sent by `from`, when known) picks among `options`
/// (one [`Invitation`] per option, in order, each with its own UID and the candidate as
/// the only invitee).
///
/// # Errors
/// [`Rejection`] when the message answers none of the options, comes from someone else,
/// answers an older version of the offer, or is not a reply.
pub fn pick(
    options: &[Invitation],
    msg: &ItipMessage,
    from: Option<&str>,
) -> Result<Pick, Rejection> {
    let Some(index) = options
        .iter()
        .position(|o| o.uids.iter().any(|u| u == &msg.uid))
    else {
        return Err(Rejection::OtherEvent {
            uid: msg.uid.clone(),
        });
    };
    match judge(&options[index], &Answers::default(), msg, from)? {
        Incoming::Answer(change) => match change.answer.partstat {
            PartStat::Accepted => Ok(Pick::Picked { index }),
            PartStat::Declined | PartStat::Delegated => Ok(Pick::Declined { index }),
            PartStat::Tentative | PartStat::NeedsAction => Ok(Pick::Maybe { index }),
        },
        Incoming::Counter(_) | Incoming::Refresh { .. } => Err(Rejection::NotAPick {
            method: msg.method.as_str().to_string(),
        }),
    }
}
