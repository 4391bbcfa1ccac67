//! One invite as one e-mail (iMIP, RFC 6047 and `../shared/ics/EXPORT-RULES.md` §6):
//!
//! ```text
//! multipart/mixed
//! ├─ multipart/alternative
//! │   ├─ text/plain; charset=utf-8
//! │   ├─ text/html; charset=utf-8
//! │   └─ text/calendar; charset=UTF-8; method=REQUEST   (base64)
//! └─ application/ics; name="invite.ics"                 (attachment, base64)
//! ```
//!
//! The `method` parameter always equals the `METHOD` inside (both come from the same
//! [`Invite`]); the attachment is the same `.ics`, for clients that only offer files.
//! The `Message-ID` is derived from the event's UID, SEQUENCE, method and recipients, so
//! sending the same version to the same people again carries the same id (a resend is
//! recognisable, by us and by the receiving server), and the multipart boundaries are
//! derived from it, so the same invite at the same `now` gives the same bytes.
//!
//! lettre builds the MIME tree (RFC 2047 headers for non-ASCII names, base64 and
//! quoted-printable bodies, line lengths); we only choose the structure.

use super::body::{html_body, text_body, Kind};
use crate::ical::export::{digest, write_invite, ExportError, Invite, Person};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Attachment, Body, Mailbox, MultiPart, SinglePart};
use serde::{Deserialize, Serialize};

/// The file name of the attached invite (EXPORT-RULES §6: `.ics`, `text/calendar`).
pub const ATTACHMENT_NAME: &str = "invite.ics";

/// The header line that makes a saved `.eml` open as a draft ready to send (Outlook;
/// Thunderbird and Apple Mail open it as a message to forward or "edit as new").
pub const UNSENT_HEADER: &str = "X-Unsent: 1\r\n";

/// Someone who gets a message, and the zone their copy of the time is written in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// Who.
    pub person: Person,
    /// Their own zone: the body shows the interview on their clock.
    pub zone: Tz,
}

/// Why a message cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailError {
    /// The invite itself cannot be written (bad UID, time or address).
    #[error(transparent)]
    Export(#[from] ExportError),
    /// A message without recipients reaches nobody.
    #[error("invite {uid}: the message has no recipients")]
    NoRecipients {
        /// The event's UID.
        uid: String,
    },
    /// An address that mail cannot carry.
    #[error("{who}: {email:?} is not a mail address that can be sent to (name@domain)")]
    BadAddress {
        /// Whose address.
        who: String,
        /// The address as given.
        email: String,
    },
    /// The organizer would receive their own invitation: clients show no buttons then.
    #[error(
        "{email} is both the sender and a recipient: invites must come from the coordinator's \
         own address and go to others (set who invites come from in Settings)"
    )]
    SenderIsRecipient {
        /// The address.
        email: String,
    },
    /// lettre refused to assemble the message (a bug on our side if it happens).
    #[error("the e-mail could not be assembled: {message}")]
    Assemble {
        /// lettre's words.
        message: String,
    },
}

/// A message ready to send: what the outbox keeps and the SMTP sender needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outgoing {
    /// `<…@domain>`: the same for the same event version, method and recipients.
    pub message_id: String,
    /// The UIDs of the events inside (one for an invite; one per option for a
    /// candidate's options).
    pub uids: Vec<String>,
    /// Their SEQUENCE.
    pub sequence: u32,
    /// Its METHOD (`REQUEST`, `CANCEL`), equal to the MIME `method=` parameter.
    pub method: String,
    /// The envelope sender: the organizer's address.
    pub from: String,
    /// The envelope recipients, in the order of the `To:` header.
    pub to: Vec<String>,
    /// The subject line (before encoding).
    pub subject: String,
    /// The whole RFC 5322 message, CRLF line ends (what SMTP DATA carries).
    pub raw: String,
}

impl Outgoing {
    /// The message as a `.eml` file that opens in a mail client ready to send: the same
    /// bytes with an `X-Unsent: 1` header first.
    pub fn eml(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(UNSENT_HEADER.len() + self.raw.len());
        out.extend_from_slice(UNSENT_HEADER.as_bytes());
        out.extend_from_slice(self.raw.as_bytes());
        out
    }
}

fn mailbox(who: &str, p: &Person) -> Result<Mailbox, MailError> {
    let address = p.email.parse().map_err(|_| MailError::BadAddress {
        who: who.to_string(),
        email: p.email.clone(),
    })?;
    let name = p.name.trim();
    Ok(Mailbox::new(
        (!name.is_empty()).then(|| name.to_string()),
        address,
    ))
}

/// The domain of an address (after the last `@`), for Message-IDs.
fn domain_of(email: &str) -> &str {
    email.rsplit_once('@').map_or("rondo.invalid", |(_, d)| d)
}

/// The `Message-ID` of a message about `parts` (the event UID(s), SEQUENCE, method and
/// what else tells versions apart) sent to `to`: a digest of them and of the sorted,
/// lower-cased recipient addresses, at the organizer's domain.
pub fn message_id(parts: &[&str], sequence: u32, organizer: &str, to: &[&str]) -> String {
    let mut addresses: Vec<String> = to.iter().map(|a| a.to_ascii_lowercase()).collect();
    addresses.sort();
    let seq = sequence.to_string();
    let mut all: Vec<&str> = parts.to_vec();
    all.push(&seq);
    all.extend(addresses.iter().map(String::as_str));
    format!("<{:032x}.{seq}@{}>", digest(&all), domain_of(organizer))
}

/// The headers of a message: what [`assemble`] needs besides the parts.
pub(super) struct Head<'a> {
    /// The UIDs of the events inside.
    pub uids: Vec<String>,
    /// Their SEQUENCE.
    pub sequence: u32,
    /// Their METHOD.
    pub method: &'static str,
    /// Who sends it.
    pub organizer: &'a Person,
    /// The subject line.
    pub subject: String,
    /// What else tells this message apart from another about the same events
    /// ("tentative", "options", a copy sent again on request).
    pub variant: &'a str,
}

/// `Invitation: Example Corp – Technical interview @ Tue 10 Mar 2026 15:00 Kolkata`: the
/// kind, the title and the start on the first recipient's clock.
pub(super) fn subject(invite: &Invite, recipients: &[Recipient]) -> String {
    let zone = recipients.first().map_or(invite.display_zone, |r| r.zone);
    let start = invite.start.with_timezone(&zone);
    format!(
        "{}{} @ {} {}",
        Kind::of(invite).subject_prefix(),
        invite.summary,
        start.format("%a %-d %b %Y %H:%M"),
        crate::display::city(zone)
    )
}

/// The `text/calendar` part for `ics` written with `method`.
pub(super) fn calendar_part(ics: &str, method: &str) -> Result<SinglePart, MailError> {
    let content_type = ContentType::parse(&format!(
        "text/calendar; charset=UTF-8; method={method}"
    ))
    .map_err(|e| MailError::Assemble {
        message: e.to_string(),
    })?;
    Ok(SinglePart::builder()
        .header(content_type)
        .header(ContentTransferEncoding::Base64)
        .body(
            Body::new_with_encoding(ics.to_string(), ContentTransferEncoding::Base64).map_err(
                |_| MailError::Assemble {
                    message: "the calendar part cannot be base64-encoded".into(),
                },
            )?,
        ))
}

/// The attachment `name` carrying `ics`: `application/ics` beside an inline calendar
/// part (so clients show one invitation, not two), or `text/calendar; method=…` when it
/// is the invitation itself (`method`: the candidate's options).
pub(super) fn attachment(
    ics: &str,
    name: &str,
    method: Option<&str>,
) -> Result<SinglePart, MailError> {
    let content_type = match method {
        None => format!("application/ics; name=\"{name}\""),
        Some(m) => format!("text/calendar; charset=UTF-8; method={m}; name=\"{name}\""),
    };
    let content_type = ContentType::parse(&content_type).map_err(|e| MailError::Assemble {
        message: e.to_string(),
    })?;
    let body = Body::new_with_encoding(ics.to_string(), ContentTransferEncoding::Base64).map_err(
        |_| MailError::Assemble {
            message: "the attachment cannot be base64-encoded".into(),
        },
    )?;
    Ok(Attachment::new(name.to_string()).body(body, content_type))
}

/// The e-mail of one iTIP `invite` (REQUEST or CANCEL; a hold is a REQUEST) to
/// `recipients`, from the invite's organizer, dated `now`. The body shows the time in
/// each recipient's zone; the `.ics` is written once and used both inline and attached.
///
/// # Errors
/// [`MailError`] when the invite cannot be written, an address cannot be mailed, there
/// are no recipients, or the organizer is among them.
pub fn invite_message(
    invite: &Invite,
    recipients: &[Recipient],
    now: DateTime<Utc>,
) -> Result<Outgoing, MailError> {
    invite_message_variant(invite, recipients, now, "")
}

/// [`invite_message`] with `variant` in its Message-ID: another copy of the same
/// version of the invite (sent again on request, or a reply to a proposal) that must
/// not be taken for the first one. An empty `variant` is [`invite_message`].
pub fn invite_message_variant(
    invite: &Invite,
    recipients: &[Recipient],
    now: DateTime<Utc>,
    variant: &str,
) -> Result<Outgoing, MailError> {
    let ics = write_invite(invite)?;
    let method = invite.method.as_str();
    let alternative = vec![
        SinglePart::plain(text_body(invite, recipients)),
        SinglePart::html(html_body(invite, recipients)),
        calendar_part(&ics, method)?,
    ];
    let variant = format!(
        "{}{variant}",
        if invite.tentative { "tentative" } else { "" }
    );
    let head = Head {
        uids: vec![invite.uid.clone()],
        sequence: invite.sequence,
        method,
        organizer: &invite.organizer,
        subject: subject(invite, recipients),
        variant: &variant,
    };
    assemble(
        &head,
        recipients,
        now,
        alternative,
        vec![attachment(&ics, ATTACHMENT_NAME, None)?],
    )
}

/// Builds the `multipart/mixed` message of the `alternative` parts and `attachments`,
/// with the headers of `head` (Message-ID, Subject, From, To, Date).
pub(super) fn assemble(
    head: &Head<'_>,
    recipients: &[Recipient],
    now: DateTime<Utc>,
    alternative: Vec<SinglePart>,
    attachments: Vec<SinglePart>,
) -> Result<Outgoing, MailError> {
    if recipients.is_empty() {
        return Err(MailError::NoRecipients {
            uid: head.uids.join(", "),
        });
    }
    let from = mailbox("organizer", head.organizer)?;
    let to_addresses: Vec<&str> = recipients.iter().map(|r| r.person.email.as_str()).collect();
    if let Some(same) = to_addresses
        .iter()
        .find(|a| a.eq_ignore_ascii_case(&head.organizer.email))
    {
        return Err(MailError::SenderIsRecipient {
            email: (*same).to_string(),
        });
    }
    let mut id_parts: Vec<&str> = head.uids.iter().map(String::as_str).collect();
    id_parts.push(head.method);
    id_parts.push(head.variant);
    let id = message_id(
        &id_parts,
        head.sequence,
        &head.organizer.email,
        &to_addresses,
    );
    let subject = head.subject.clone();
    let mut builder = lettre::Message::builder()
        .from(from)
        .subject(subject.clone())
        .date(std::time::SystemTime::from(now))
        .message_id(Some(id.clone()))
        .user_agent(format!("Rondo {}", env!("CARGO_PKG_VERSION")));
    for r in recipients {
        builder = builder.to(mailbox(&format!("recipient {}", r.person.name), &r.person)?);
    }
    // Boundaries from the Message-ID: the same invite gives the same bytes.
    let token = id.trim_matches(['<', '>']).replace(['@', '.'], "-");
    let mut alt = MultiPart::alternative()
        .boundary(format!("alt-{token}"))
        .build();
    for part in alternative {
        alt = alt.singlepart(part);
    }
    let mut mixed = MultiPart::mixed()
        .boundary(format!("mix-{token}"))
        .multipart(alt);
    for a in attachments {
        mixed = mixed.singlepart(a);
    }
    let raw = formatted(builder.multipart(mixed))?;
    Ok(Outgoing {
        message_id: id,
        uids: head.uids.clone(),
        sequence: head.sequence,
        method: head.method.to_string(),
        from: head.organizer.email.clone(),
        to: to_addresses.iter().map(|a| (*a).to_string()).collect(),
        subject,
        raw,
    })
}

/// A short plain e-mail from `organizer` to `organizer` (the coordinator's own address)
/// at `now`: what "Send a test message" sends to show that the account works, the
/// server accepts the sender and mail arrives. Its Message-ID carries `now`, so each
/// test is its own message.
///
/// # Errors
/// [`MailError::BadAddress`] when the organizer's address cannot be mailed;
/// [`MailError::Assemble`] when the message cannot be made.
pub fn test_message(organizer: &Person, now: DateTime<Utc>) -> Result<Outgoing, MailError> {
    let me = mailbox("organizer", organizer)?;
    let stamp = now.timestamp().to_string();
    let id = message_id(&["test", &stamp], 0, &organizer.email, &[&organizer.email]);
    let subject = "Rondo test message".to_string();
    let text = format!(
        "This is a test from Rondo, sent at {} UTC.\n\nIf you read it, the invites Rondo \
         sends from {} reach their recipients through this mail account.\n",
        now.format("%Y-%m-%d %H:%M"),
        organizer.email
    );
    let message = lettre::Message::builder()
        .from(me.clone())
        .to(me)
        .subject(subject.clone())
        .date(std::time::SystemTime::from(now))
        .message_id(Some(id.clone()))
        .user_agent(format!("Rondo {}", env!("CARGO_PKG_VERSION")))
        .singlepart(SinglePart::plain(text));
    let raw = formatted(message)?;
    Ok(Outgoing {
        message_id: id,
        uids: Vec::new(),
        sequence: 0,
        method: String::new(),
        from: organizer.email.clone(),
        to: vec![organizer.email.clone()],
        subject,
        raw,
    })
}

/// The bytes of a message lettre built, as text (every part is 7-bit once encoded).
fn formatted(message: Result<lettre::Message, lettre::error::Error>) -> Result<String, MailError> {
    let message = message.map_err(|e| MailError::Assemble {
        message: e.to_string(),
    })?;
    String::from_utf8(message.formatted()).map_err(|e| MailError::Assemble {
        message: e.to_string(),
    })
}
