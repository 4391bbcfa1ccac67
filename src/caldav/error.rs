//! What can go wrong talking to a calendar server, in words that say what to do.

use std::fmt;

/// A server, named for the coordinator: the host (and port when not the default) they
/// typed, never the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerName(pub String);

impl fmt::Display for ServerName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An error of the CalDAV client, a subscription fetch or the claim protocol.
///
/// Every message names the server or the address and says what to do; none holds a
/// password. A write refused because someone else changed the resource is the typed
/// [`CalDavError::Conflict`], so callers can read it again and show the difference.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalDavError {
    /// The address could not be read as an `https://`, `http://` or `webcal://` URL.
    #[error("{url:?} is not a calendar address: give one such as https://cal.example.com/")]
    InvalidUrl {
        /// The address as given.
        url: String,
    },
    /// A password would have travelled in clear text over `http://` to another machine.
    #[error("Rondo will not send the password for {user} to {server} over plain http: use the server's https:// address")]
    PlainHttpPassword {
        /// The user name.
        user: String,
        /// The server.
        server: ServerName,
    },
    /// No IP address for the host name.
    #[error("the calendar server {server} was not found (no such host name): check the address")]
    HostNotFound {
        /// The server.
        server: ServerName,
    },
    /// The connection was refused or broken before an answer came.
    #[error("the calendar server {server} could not be reached ({detail}): check the address and the network, or try again later")]
    Unreachable {
        /// The server.
        server: ServerName,
        /// What the network said.
        detail: String,
    },
    /// The server did not answer within the time allowed.
    #[error("the calendar server {server} did not answer within {seconds} s: try again later, or check the address")]
    NoAnswer {
        /// The server.
        server: ServerName,
        /// The time allowed.
        seconds: u64,
    },
    /// The secure connection failed: an untrusted or expired certificate, or not TLS.
    #[error("a secure connection to {server} could not be made ({detail}): check that the address is the server's https:// address and that its certificate is valid and trusted by this computer")]
    Tls {
        /// The server.
        server: ServerName,
        /// What TLS said.
        detail: String,
    },
    /// 401: the user name or password is wrong (or an app password is needed).
    #[error("the server {server} refused the password for {user}: check the user name and password (many providers need an app password for calendar apps)")]
    Unauthorized {
        /// The user name sent (empty when none was).
        user: String,
        /// The server.
        server: ServerName,
    },
    /// 403: signed in, but not allowed to do this.
    #[error("the server {server} does not allow {user} to {action} {path}: ask the calendar's owner to share it with this account")]
    Forbidden {
        /// The user name.
        user: String,
        /// The server.
        server: ServerName,
        /// What was attempted ("read", "write", ...).
        action: &'static str,
        /// The path on the server.
        path: String,
    },
    /// 404 or 410: nothing at that address.
    #[error("there is no calendar or event at {url} (the server answered {status}): check the address, or list the account's calendars again")]
    NotFound {
        /// The full address.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// 412 on a write: someone else created or changed the resource since it was read.
    #[error("{url} was changed on the server by someone else since Rondo read it: read it again before writing")]
    Conflict {
        /// The resource's address.
        url: String,
    },
    /// 5xx: the server failed.
    #[error("the calendar server {server} had a problem (HTTP {status}): try again later; if it persists, tell the server's administrator")]
    ServerError {
        /// The server.
        server: ServerName,
        /// The HTTP status.
        status: u16,
    },
    /// Any other status Rondo does not expect for this request.
    #[error("the calendar server {server} answered HTTP {status} to {method} {path}, which Rondo did not expect: check that the address is a CalDAV server")]
    UnexpectedStatus {
        /// The server.
        server: ServerName,
        /// The request method.
        method: String,
        /// The path.
        path: String,
        /// The HTTP status.
        status: u16,
    },
    /// The answer was not the XML (or calendar) it should be.
    #[error("the calendar server {server} answered something Rondo cannot read at {path} ({detail}): check that the address is a CalDAV server")]
    BadResponse {
        /// The server.
        server: ServerName,
        /// The path.
        path: String,
        /// What was wrong.
        detail: String,
    },
    /// The answer was larger than Rondo reads.
    #[error("the calendar server {server} sent more than {mib} MiB for {path}: read a shorter window or a smaller calendar")]
    TooLarge {
        /// The server.
        server: ServerName,
        /// The path.
        path: String,
        /// The limit.
        mib: u64,
    },
    /// A redirect pointed at another server (scheme, host or port), which Rondo does not follow.
    #[error("the server sent Rondo from {from} to {to}, another server; Rondo only follows redirects within one server: if you trust it, add the account with the address {to}")]
    RedirectElsewhere {
        /// Where the request went.
        from: String,
        /// Where the server pointed.
        to: String,
    },
    /// Too many redirects in a row.
    #[error("the server at {url} redirects in a loop: check the address")]
    RedirectLoop {
        /// The first address.
        url: String,
    },
    /// Discovery found no CalDAV service at the address.
    #[error("no CalDAV calendars were found at {url}: give the address your provider documents for CalDAV (often https://host/remote.php/dav or https://host/dav), or a subscription address")]
    NotCalDav {
        /// The address tried.
        url: String,
    },
    /// A claim could not be taken: another desk holds the slot.
    #[error(
        "{person} is being booked at {at} by another coordinator ({desk}): find options again"
    )]
    SlotTaken {
        /// The person's shared key (their e-mail address).
        person: String,
        /// The slot (granule start, UTC, RFC 3339).
        at: String,
        /// The desk that holds it.
        desk: String,
    },
    /// A pending claim of ours expired and another desk took it before we confirmed.
    #[error("the hold on {person} at {at} ran out before the booking was confirmed and another coordinator took the slot: find options again")]
    ClaimLost {
        /// The person's shared key.
        person: String,
        /// The slot (granule start).
        at: String,
    },
}

impl CalDavError {
    /// True when no other request to this server as this user can succeed now: it
    /// cannot be found or reached, does not answer, fails TLS, or refuses the password.
    /// Trying each of its calendars in turn would only wait longer for the same answer.
    pub fn server_unusable(&self) -> bool {
        match self {
            CalDavError::PlainHttpPassword { .. }
            | CalDavError::HostNotFound { .. }
            | CalDavError::Unreachable { .. }
            | CalDavError::NoAnswer { .. }
            | CalDavError::Tls { .. }
            | CalDavError::Unauthorized { .. } => true,
            CalDavError::InvalidUrl { .. }
            | CalDavError::Forbidden { .. }
            | CalDavError::NotFound { .. }
            | CalDavError::Conflict { .. }
            | CalDavError::ServerError { .. }
            | CalDavError::UnexpectedStatus { .. }
            | CalDavError::BadResponse { .. }
            | CalDavError::TooLarge { .. }
            | CalDavError::RedirectElsewhere { .. }
            | CalDavError::RedirectLoop { .. }
            | CalDavError::NotCalDav { .. }
            | CalDavError::SlotTaken { .. }
            | CalDavError::ClaimLost { .. } => false,
        }
    }
}
