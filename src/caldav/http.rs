//! The HTTP side of CalDAV: one [`Client`] per server and account, with timeouts on every
//! request, redirects followed within the same origin only, Basic authentication, and
//! every failure turned into a [`CalDavError`] in words.
//!
//! Built on `ureq` (blocking, rustls, the platform's certificate store). ureq's own
//! redirect handling is off: a CalDAV server that moves a request to another host would
//! otherwise receive the password (or, with the header dropped, fail obscurely).

use super::error::{CalDavError, ServerName};
use base64::Engine as _;
use std::fmt;
use std::time::Duration;
use url::Url;

/// At most this many bytes of an answer are read (a year of a busy calendar is a few MiB).
pub const MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;

/// At most this many redirects are followed for one request.
const MAX_REDIRECTS: usize = 5;

/// A user name and password for a server. `Debug` never shows the password.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The user name.
    pub user: String,
    /// The password (an app password, usually).
    pub password: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("password", &"<hidden>")
            .finish()
    }
}

/// How long to wait, per request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// To open a connection (DNS, TCP and TLS).
    pub connect: Duration,
    /// For one whole request, answer included.
    pub request: Duration,
}

impl Default for Timeouts {
    /// 10 s to connect, 60 s for a request (a long calendar-query on a slow server).
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            request: Duration::from_secs(60),
        }
    }
}

/// The methods Rondo sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Read a resource.
    Get,
    /// Write a resource.
    Put,
    /// Remove a resource.
    Delete,
    /// WebDAV properties (RFC 4918).
    Propfind,
    /// WebDAV reports (calendar-query, multiget, sync-collection, free-busy-query).
    Report,
    /// Create a calendar collection (RFC 4791).
    Mkcalendar,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Propfind => "PROPFIND",
            Method::Report => "REPORT",
            Method::Mkcalendar => "MKCALENDAR",
        }
    }

    /// What a 403 on this method refused, in words.
    fn action(self) -> &'static str {
        match self {
            Method::Get | Method::Propfind | Method::Report => "read",
            Method::Put | Method::Mkcalendar => "write",
            Method::Delete => "delete",
        }
    }
}

/// A request to send: method, address, the headers that matter to CalDAV, and a body.
#[derive(Debug, Clone)]
pub struct Request {
    /// The method.
    pub method: Method,
    /// The absolute address.
    pub url: Url,
    /// `Depth` (PROPFIND and REPORT).
    pub depth: Option<&'static str>,
    /// `If-Match` (an ETag) or `If-None-Match` (`*` or an ETag) and `If-Modified-Since`.
    pub conditions: Vec<(&'static str, String)>,
    /// The body and its content type.
    pub body: Option<(&'static str, String)>,
}

impl Request {
    /// A request with no headers or body yet.
    pub fn new(method: Method, url: Url) -> Request {
        Request {
            method,
            url,
            depth: None,
            conditions: Vec::new(),
            body: None,
        }
    }

    /// With an XML body (PROPFIND, REPORT, MKCALENDAR).
    pub fn xml(mut self, depth: Option<&'static str>, body: String) -> Request {
        self.depth = depth;
        self.body = Some(("application/xml; charset=utf-8", body));
        self
    }

    /// With an iCalendar body (PUT of an event).
    pub fn calendar(mut self, body: String) -> Request {
        self.body = Some(("text/calendar; charset=utf-8", body));
        self
    }

    /// With a conditional header.
    pub fn when(mut self, header: &'static str, value: impl Into<String>) -> Request {
        self.conditions.push((header, value.into()));
        self
    }
}

/// An answer: status, the headers that matter, the body, and where it finally came from.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// `ETag`, as sent (quotes included).
    pub etag: Option<String>,
    /// `Last-Modified`, as sent.
    pub last_modified: Option<String>,
    /// The body, as text.
    pub body: String,
    /// The address that answered (after same-origin redirects).
    pub url: Url,
}

/// A connection to one calendar server as one user.
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    credentials: Option<Credentials>,
    timeouts: Timeouts,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("credentials", &self.credentials)
            .field("timeouts", &self.timeouts)
            .finish()
    }
}

/// Reads a calendar address: `https://`, `http://`, or `webcal://` (read as `https://`).
///
/// # Errors
/// [`CalDavError::InvalidUrl`] for anything else.
pub fn parse_url(text: &str) -> Result<Url, CalDavError> {
    let bad = || CalDavError::InvalidUrl {
        url: text.to_string(),
    };
    let trimmed = text.trim();
    let rewritten = match trimmed.strip_prefix("webcal://") {
        Some(rest) => format!("https://{rest}"),
        None => trimmed.to_string(),
    };
    let url = Url::parse(&rewritten).map_err(|_| bad())?;
    if !matches!(url.scheme(), "https" | "http") || url.host_str().is_none() {
        return Err(bad());
    }
    Ok(url)
}

/// The server's name for messages: host, and port when it is not the scheme's default.
pub fn server_name(url: &Url) -> ServerName {
    let host = url.host_str().unwrap_or("?");
    ServerName(match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    })
}

/// True when the address is this machine (clear text never leaves it).
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

impl Client {
    /// A client for one account, with `credentials` sent on every request (none for a
    /// public subscription) and the given timeouts.
    pub fn new(credentials: Option<Credentials>, timeouts: Timeouts) -> Client {
        let tls = ureq::tls::TlsConfig::builder()
            .root_certs(ureq::tls::RootCerts::PlatformVerifier)
            .build();
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .allow_non_standard_methods(true)
            .timeout_connect(Some(timeouts.connect))
            .timeout_global(Some(timeouts.request))
            .user_agent(concat!("Rondo/", env!("CARGO_PKG_VERSION")))
            .tls_config(tls)
            .build();
        Client {
            agent: config.new_agent(),
            credentials,
            timeouts,
        }
    }

    /// The user name this client signs in as ("" when anonymous).
    pub fn user(&self) -> &str {
        self.credentials.as_ref().map_or("", |c| c.user.as_str())
    }

    /// Sends `request`, following redirects within the same origin (scheme, host, port),
    /// and returns the answer whatever its status, except that statuses every caller
    /// treats alike (401, 403, 5xx, 404 on a non-GET) are turned into errors here.
    ///
    /// # Errors
    /// A [`CalDavError`] for a network, TLS or timeout failure, a redirect to another
    /// origin, a refused password, a forbidden action, a server error, or a body larger
    /// than [`MAX_BODY_BYTES`].
    pub fn send(&self, request: &Request) -> Result<Reply, CalDavError> {
        let origin = request.url.origin();
        let mut url = request.url.clone();
        let mut method = request.method;
        for _ in 0..=MAX_REDIRECTS {
            let reply = self.send_once(method, &url, request)?;
            let location = match reply.status {
                301 | 302 | 303 | 307 | 308 => reply.location.clone(),
                _ => None,
            };
            let Some(location) = location else {
                return self.classify(request.method, reply.into_reply(url));
            };
            let next = url.join(&location).map_err(|_| CalDavError::BadResponse {
                server: server_name(&url),
                path: url.path().to_string(),
                detail: format!("a redirect to {location:?}, which is not an address"),
            })?;
            if next.origin() != origin {
                return Err(CalDavError::RedirectElsewhere {
                    from: url.to_string(),
                    to: next.to_string(),
                });
            }
            if reply.status == 303 {
                method = Method::Get;
            }
            url = next;
        }
        Err(CalDavError::RedirectLoop {
            url: request.url.to_string(),
        })
    }

    fn send_once(
        &self,
        method: Method,
        url: &Url,
        request: &Request,
    ) -> Result<RawReply, CalDavError> {
        if let Some(c) = &self.credentials {
            if url.scheme() == "http" && !is_loopback(url) {
                return Err(CalDavError::PlainHttpPassword {
                    user: c.user.clone(),
                    server: server_name(url),
                });
            }
        }
        let mut builder = ureq::http::Request::builder()
            .method(method.as_str())
            .uri(url.as_str());
        if let Some(c) = &self.credentials {
            let token = base64::engine::general_purpose::STANDARD
                .encode(format!("{}:{}", c.user, c.password));
            builder = builder.header("Authorization", format!("Basic {token}"));
        }
        if let Some(depth) = request.depth {
            builder = builder.header("Depth", depth);
        }
        for (name, value) in &request.conditions {
            builder = builder.header(*name, value.as_str());
        }
        let body = match (&request.body, method) {
            (Some((kind, text)), m) if m != Method::Get => {
                builder = builder.header("Content-Type", *kind);
                text.clone()
            }
            _ => String::new(),
        };
        let http_request = builder.body(body).map_err(|e| CalDavError::InvalidUrl {
            url: format!("{url} ({e})"),
        })?;
        let response = self
            .agent
            .run(http_request)
            .map_err(|e| self.network_error(url, e))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let etag = header("etag");
        let last_modified = header("last-modified");
        let location = header("location");
        let mut body = response.into_body();
        let body = match body.with_config().limit(MAX_BODY_BYTES).read_to_vec() {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(ureq::Error::BodyExceedsLimit(_)) => {
                return Err(CalDavError::TooLarge {
                    server: server_name(url),
                    path: url.path().to_string(),
                    mib: MAX_BODY_BYTES / (1024 * 1024),
                })
            }
            Err(e) => return Err(self.network_error(url, e)),
        };
        Ok(RawReply {
            status,
            etag,
            last_modified,
            location,
            body,
        })
    }

    fn network_error(&self, url: &Url, e: ureq::Error) -> CalDavError {
        let server = server_name(url);
        match e {
            ureq::Error::Timeout(_) => CalDavError::NoAnswer {
                server,
                seconds: self.timeouts.request.as_secs().max(1),
            },
            ureq::Error::HostNotFound => CalDavError::HostNotFound { server },
            ureq::Error::Tls(detail) => CalDavError::Tls {
                server,
                detail: detail.to_string(),
            },
            ureq::Error::Rustls(e) => CalDavError::Tls {
                server,
                detail: e.to_string(),
            },
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => {
                // rustls reports a handshake with a server that does not speak TLS here.
                CalDavError::Tls {
                    server,
                    detail: io.to_string(),
                }
            }
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                CalDavError::NoAnswer {
                    server,
                    seconds: self.timeouts.request.as_secs().max(1),
                }
            }
            ureq::Error::Protocol(p) => CalDavError::BadResponse {
                server,
                path: url.path().to_string(),
                detail: format!("not an HTTP answer: {p}"),
            },
            other => CalDavError::Unreachable {
                server,
                detail: other.to_string(),
            },
        }
    }

    /// A 403 as [`CalDavError::Forbidden`]: the signed-in user may not `action` it.
    pub fn forbidden(&self, reply: &Reply, action: &'static str) -> CalDavError {
        CalDavError::Forbidden {
            user: self.user().to_string(),
            server: server_name(&reply.url),
            action,
            path: reply.url.path().to_string(),
        }
    }

    /// Turns the statuses every request treats alike into errors (a 403 on a REPORT is
    /// left to the caller: a sync-collection answers 403 for a token it forgot).
    fn classify(&self, method: Method, reply: Reply) -> Result<Reply, CalDavError> {
        let server = server_name(&reply.url);
        match reply.status {
            401 => Err(CalDavError::Unauthorized {
                user: self.user().to_string(),
                server,
            }),
            403 if method != Method::Report => Err(self.forbidden(&reply, method.action())),
            500..=599 => Err(CalDavError::ServerError {
                server,
                status: reply.status,
            }),
            _ => Ok(reply),
        }
    }
}

struct RawReply {
    status: u16,
    etag: Option<String>,
    last_modified: Option<String>,
    location: Option<String>,
    body: String,
}

impl RawReply {
    fn into_reply(self, url: Url) -> Reply {
        Reply {
            status: self.status,
            etag: self.etag,
            last_modified: self.last_modified,
            body: self.body,
            url,
        }
    }
}

impl Reply {
    /// This answer as an error, for a status the caller did not expect.
    pub fn unexpected(&self, method: Method) -> CalDavError {
        match self.status {
            404 | 410 => CalDavError::NotFound {
                url: self.url.to_string(),
                status: self.status,
            },
            412 => CalDavError::Conflict {
                url: self.url.to_string(),
            },
            status => CalDavError::UnexpectedStatus {
                server: server_name(&self.url),
                method: method.as_str().to_string(),
                path: self.url.path().to_string(),
                status,
            },
        }
    }

    /// True for 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}
