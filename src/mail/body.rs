//! The words of an invite e-mail: a short text and the same in HTML, read by people
//! whose client does not show the calendar card (or before they open it).
//!
//! The time is written in each recipient's own zone ("Tue 10 Mar 2026, 15:00–16:00
//! Kolkata (UTC+05:30)"); a group in several zones gets one line per zone, naming who
//! is in it. The rest comes from the invite of that audience (its description already
//! holds only what that audience may see), so the candidate's e-mail never shows the
//! panel's notes.

use super::message::Recipient;
use crate::display::{city, offset_label};
use crate::ical::export::{Invite, Method, Role};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// What kind of message an invite makes, for its subject and first line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A first invitation (SEQUENCE 0).
    Invitation,
    /// A changed invitation (SEQUENCE above 0): it replaces the one the calendar has.
    Update,
    /// A tentative hold while the candidate chooses (its title already says "Hold: ").
    Hold,
    /// The interview is called off.
    Cancellation,
    /// The time the recipient proposed is declined; the interview stays as it was.
    DeclinedProposal,
}

impl Kind {
    /// The kind of `invite`'s message.
    pub fn of(invite: &Invite) -> Kind {
        match invite.method {
            Method::Cancel => Kind::Cancellation,
            Method::DeclineCounter => Kind::DeclinedProposal,
            Method::Request | Method::Publish if invite.tentative => Kind::Hold,
            Method::Request | Method::Publish if invite.sequence > 0 => Kind::Update,
            Method::Request | Method::Publish => Kind::Invitation,
        }
    }

    /// The words the subject starts with (none for a hold: its title says it).
    pub fn subject_prefix(self) -> &'static str {
        match self {
            Kind::Invitation => "Invitation: ",
            Kind::Update => "Updated invitation: ",
            Kind::Hold => "",
            Kind::Cancellation => "Cancelled: ",
            Kind::DeclinedProposal => "New time declined: ",
        }
    }
}

/// `Tue 10 Mar 2026, 15:00–16:00 Kolkata (UTC+05:30)`: `[start, end)` on the wall clock
/// of `zone`, the end's date repeated when it is another day there.
pub fn when_in(zone: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let s = start.with_timezone(&zone);
    let e = end.with_timezone(&zone);
    let end_text = if s.date_naive() == e.date_naive() {
        e.format("%H:%M").to_string()
    } else {
        e.format("%a %-d %b %H:%M").to_string()
    };
    format!(
        "{}–{end_text} {} ({})",
        s.format("%a %-d %b %Y, %H:%M"),
        city(zone),
        offset_label(zone, start)
    )
}

/// The "When" lines of a message: one per zone among `recipients`, in order of first
/// appearance; with several zones each line names who is in it.
pub fn when_lines(invite: &Invite, recipients: &[Recipient]) -> Vec<String> {
    let mut zones: Vec<(Tz, Vec<&str>)> = Vec::new();
    for r in recipients {
        match zones.iter_mut().find(|(z, _)| *z == r.zone) {
            Some((_, names)) => names.push(&r.person.name),
            None => zones.push((r.zone, vec![&r.person.name])),
        }
    }
    if zones.is_empty() {
        zones.push((invite.display_zone, Vec::new()));
    }
    let many = zones.len() > 1;
    zones
        .into_iter()
        .map(|(zone, names)| {
            let when = when_in(zone, invite.start, invite.end);
            if many {
                format!("{when} – {}", names.join(", "))
            } else {
                when
            }
        })
        .collect()
}

/// The first line of the message.
fn heading(kind: Kind, invite: &Invite) -> String {
    let title = &invite.summary;
    match kind {
        Kind::Invitation => format!("You are invited: {title}."),
        Kind::Update => {
            format!("Updated: {title}. This replaces the invitation you had; please answer again.")
        }
        Kind::Hold => format!(
            "{title}. This time is held while the candidate chooses; it will be confirmed \
             or released."
        ),
        Kind::Cancellation => {
            format!("Cancelled: {title}. It will not take place; your calendar removes it.")
        }
        Kind::DeclinedProposal => format!(
            "{title}: the new time you proposed cannot be arranged. The interview stays at \
             the time below, as in the invitation you have."
        ),
    }
}

/// Who takes part: the organizer, then each attendee (optional ones marked).
fn who(invite: &Invite) -> String {
    let mut names = vec![format!("{} (organizer)", invite.organizer.name)];
    for a in &invite.attendees {
        names.push(match a.role {
            Role::Optional => format!("{} (optional)", a.person.name),
            Role::Chair | Role::Required => a.person.name.clone(),
        });
    }
    names.join(", ")
}

/// How to answer, for the message's kind.
fn how_to_reply(kind: Kind, invite: &Invite) -> String {
    let org = &invite.organizer;
    match kind {
        Kind::Cancellation => "Nothing to do.".to_string(),
        Kind::DeclinedProposal => format!(
            "If the time below does not suit you, decline it in your calendar or write to \
             {} <{}>.",
            org.name, org.email
        ),
        Kind::Invitation | Kind::Update | Kind::Hold => format!(
            "Use Accept, Maybe or Decline in your calendar (the invitation is also attached \
             as invite.ics), or write to {} <{}>.",
            org.name, org.email
        ),
    }
}

/// The labelled lines of the message, in order: (label, text). The label is empty for
/// free text.
fn sections(invite: &Invite, recipients: &[Recipient]) -> Vec<(&'static str, String)> {
    let kind = Kind::of(invite);
    let mut out = vec![("", heading(kind, invite))];
    for line in when_lines(invite, recipients) {
        out.push(("When", line));
    }
    out.push(("Who", who(invite)));
    if !invite.location.trim().is_empty() {
        out.push(("Where", invite.location.clone()));
    }
    for line in invite.description.lines().filter(|l| !l.trim().is_empty()) {
        out.push(("", line.to_string()));
    }
    out.push(("How to reply", how_to_reply(kind, invite)));
    out
}

/// The text/plain body.
pub fn text_body(invite: &Invite, recipients: &[Recipient]) -> String {
    let mut out = String::new();
    for (label, text) in sections(invite, recipients) {
        if label.is_empty() {
            out.push_str(&text);
        } else {
            out.push_str(&format!("{label}: {text}"));
        }
        out.push('\n');
    }
    out
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` escaped, with `http(s)://` words turned into links.
fn linked(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let is_link = (word.starts_with("https://") || word.starts_with("http://"))
                && !word.contains(['"', '<', '>']);
            if is_link {
                let w = escape_html(word);
                format!("<a href=\"{w}\">{w}</a>")
            } else {
                escape_html(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text/html body: the same lines as [`text_body`], escaped, links clickable.
pub fn html_body(invite: &Invite, recipients: &[Recipient]) -> String {
    let mut out =
        String::from("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n");
    for (label, text) in sections(invite, recipients) {
        if label.is_empty() {
            out.push_str(&format!("<p>{}</p>\n", linked(&text)));
        } else {
            out.push_str(&format!(
                "<p><strong>{}:</strong> {}</p>\n",
                escape_html(label),
                linked(&text)
            ));
        }
    }
    out.push_str("</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().expect("instant")
    }

    #[test]
    fn the_time_is_read_on_the_recipients_clock_with_its_offset() {
        let cases = [
            (
                chrono_tz::Asia::Kolkata,
                "2026-03-10T09:30:00Z",
                "2026-03-10T10:30:00Z",
                "Tue 10 Mar 2026, 15:00–16:00 Kolkata (UTC+05:30)",
            ),
            (
                chrono_tz::Europe::Berlin,
                "2026-03-29T00:30:00Z",
                "2026-03-29T01:30:00Z",
                "Sun 29 Mar 2026, 01:30–03:30 Berlin (UTC+01:00)",
            ),
            (
                chrono_tz::America::New_York,
                "2026-03-11T03:30:00Z",
                "2026-03-11T04:30:00Z",
                "Tue 10 Mar 2026, 23:30–Wed 11 Mar 00:30 New York (UTC−04:00)",
            ),
        ];
        for (zone, s, e, want) in cases {
            assert_eq!(when_in(zone, at(s), at(e)), want, "{zone}");
        }
    }

    #[test]
    fn html_escapes_names_and_links_only_web_addresses() {
        assert_eq!(
            linked("Video: https://meet.example/a?b=1&c=2 <script>"),
            "Video: <a href=\"https://meet.example/a?b=1&amp;c=2\">https://meet.example/a?b=1&amp;c=2</a> &lt;script&gt;"
        );
        assert_eq!(linked("javascript:alert(1)"), "javascript:alert(1)");
    }
}
