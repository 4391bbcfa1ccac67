//! Reading an answer saved from any mail client: an `.eml` file (the whole e-mail) or
//! the `.ics` attached to it, into typed iTIP messages.
//!
//! mail-parser walks the MIME tree (nested multiparts, forwarded `message/rfc822`
//! parts, base64 with CRLFs inside, quoted-printable, RFC 2047 headers, charsets); we
//! pick every calendar part in it — `text/calendar` inline or attached, `application/ics`,
//! or any attachment named `*.ics` — and read each with [`read_itip`]. A reply usually
//! carries the same calendar twice (inline and attached): identical messages are kept
//! once. The `From:` address is kept too, to tell who answered when a client lists
//! several attendees.

use crate::ical::itip::{mail_address, read_itip, ItipError, ItipMessage};
use mail_parser::{MessageParser, MimeHeaders, PartType};

/// The largest file read (replies are a few kilobytes; a huge file is not one).
pub const MAX_FILE_BYTES: usize = 25 * 1024 * 1024;

/// What one saved answer holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyFile {
    /// The sender's address (lower-cased), for an e-mail.
    pub from: Option<String>,
    /// The e-mail's subject, for an e-mail.
    pub subject: Option<String>,
    /// The iTIP messages inside, each once.
    pub messages: Vec<ItipMessage>,
}

/// Why a file gives no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InboundError {
    /// The file is empty.
    #[error("the file is empty")]
    Empty,
    /// The file is larger than any answer.
    #[error("the file has {bytes} bytes, more than any answer to an invitation ({max} at most)")]
    TooLarge {
        /// Its size.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// Neither an e-mail nor a calendar.
    #[error("this is neither an e-mail (.eml) nor a calendar file (.ics)")]
    Unreadable,
    /// An e-mail with no calendar part.
    #[error(
        "the e-mail {subject:?} carries no calendar answer (no text/calendar part or .ics \
         attachment): save the answer e-mail itself, not a forward of its text"
    )]
    NoCalendar {
        /// Its subject.
        subject: String,
    },
    /// The calendar inside cannot be read as an answer.
    #[error(transparent)]
    Itip(#[from] ItipError),
}

fn looks_like_calendar(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(64)]);
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_uppercase()
        .starts_with("BEGIN:VCALENDAR")
}

/// Reads a saved answer: a calendar text (`.ics`) or an e-mail (`.eml`).
///
/// # Errors
/// [`InboundError`] saying why the file holds no readable answer.
pub fn read_reply(bytes: &[u8]) -> Result<ReplyFile, InboundError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(InboundError::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(InboundError::TooLarge {
            bytes: bytes.len(),
            max: MAX_FILE_BYTES,
        });
    }
    if looks_like_calendar(bytes) {
        return Ok(ReplyFile {
            from: None,
            subject: None,
            messages: read_itip(&String::from_utf8_lossy(bytes))?,
        });
    }
    let message = MessageParser::default()
        .parse(bytes)
        .filter(is_mail)
        .ok_or(InboundError::Unreadable)?;
    let mut calendars = Vec::new();
    collect_calendars(&message, &mut calendars, 0);
    let subject = message.subject().unwrap_or_default().to_string();
    if calendars.is_empty() {
        return Err(InboundError::NoCalendar { subject });
    }
    let mut messages: Vec<ItipMessage> = Vec::new();
    let mut first_error = None;
    for text in calendars {
        match read_itip(&text) {
            Ok(found) => {
                for m in found {
                    if !messages.contains(&m) {
                        messages.push(m);
                    }
                }
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    if messages.is_empty() {
        if let Some(e) = first_error {
            return Err(e.into());
        }
    }
    let from = message
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .map(mail_address);
    Ok(ReplyFile {
        from,
        subject: Some(subject).filter(|s| !s.is_empty()),
        messages,
    })
}

/// True when a parsed text is an e-mail: it has at least one of the headers every mail
/// client writes (anything parses as *some* message, even random bytes).
fn is_mail(m: &mail_parser::Message<'_>) -> bool {
    const KNOWN: [&str; 6] = [
        "from",
        "to",
        "subject",
        "date",
        "message-id",
        "content-type",
    ];
    m.headers()
        .iter()
        .any(|h| KNOWN.iter().any(|k| h.name().eq_ignore_ascii_case(k)))
}

/// True when a part carries a calendar: its type, its file name or its first line.
fn is_calendar_part(part: &mail_parser::MessagePart<'_>) -> bool {
    let by_type = part.content_type().is_some_and(|ct| {
        let t = ct.ctype().to_ascii_lowercase();
        let s = ct.subtype().unwrap_or_default().to_ascii_lowercase();
        (t == "text" && s == "calendar") || (t == "application" && s == "ics")
    });
    let by_name = part
        .attachment_name()
        .is_some_and(|n| n.to_ascii_lowercase().ends_with(".ics"));
    by_type || by_name || looks_like_calendar(part.contents())
}

/// Every calendar text in `message`, forwarded messages included (to a small depth).
fn collect_calendars(message: &mail_parser::Message<'_>, out: &mut Vec<String>, depth: usize) {
    for part in &message.parts {
        match &part.body {
            PartType::Multipart(_) => {}
            PartType::Message(inner) => {
                if depth < 4 {
                    collect_calendars(inner, out, depth + 1);
                }
            }
            PartType::Text(_)
            | PartType::Html(_)
            | PartType::Binary(_)
            | PartType::InlineBinary(_) => {
                if is_calendar_part(part) {
                    out.push(String::from_utf8_lossy(part.contents()).into_owned());
                }
            }
        }
    }
}
