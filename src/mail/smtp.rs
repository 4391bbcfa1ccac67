//! Sending messages through the coordinator's SMTP server, with lettre's blocking
//! transport (a small pool of kept-alive connections, rustls for TLS).
//!
//! [`SmtpSettings`] is what Settings keep (never the password: see
//! [`super::password`]); [`SmtpSender`] sends [`Outgoing`] messages as they are (the
//! bytes built once, so a retry sends exactly the same message); [`SendError`] says in
//! words what went wrong and whether trying again later can help
//! ([`SendError::is_transient`]), which is what the outbox needs to decide between a
//! retry with backoff and "fix the settings, then Retry".

use super::message::Outgoing;
use lettre::address::{Address, Envelope};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::SmtpTransport;
use lettre::Transport;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// How the connection to the server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Security {
    /// Plain connection upgraded with STARTTLS, which is required (port 587).
    StartTls,
    /// TLS from the first byte ("SMTPS", port 465).
    Tls,
    /// No encryption: only for a relay on this machine (port 25). A password is never
    /// sent over it to another host.
    None,
}

impl Security {
    /// The usual port of this kind of connection.
    pub fn default_port(self) -> u16 {
        match self {
            Security::StartTls => 587,
            Security::Tls => 465,
            Security::None => 25,
        }
    }

    /// The name used in settings and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Security::StartTls => "starttls",
            Security::Tls => "tls",
            Security::None => "none",
        }
    }
}

impl std::str::FromStr for Security {
    type Err = String;
    fn from_str(s: &str) -> Result<Security, String> {
        match s.to_ascii_lowercase().as_str() {
            "starttls" => Ok(Security::StartTls),
            "tls" | "ssl" | "smtps" => Ok(Security::Tls),
            "none" | "plain" => Ok(Security::None),
            _ => Err(format!("unknown security {s:?} (starttls, tls or none)")),
        }
    }
}

/// The default time allowed for connecting and for each answer of the server.
pub const DEFAULT_TIMEOUT_SECONDS: u64 = 30;

fn default_timeout() -> u64 {
    DEFAULT_TIMEOUT_SECONDS
}

/// The outgoing mail account, as Settings keep it (no password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmtpSettings {
    /// The server's host name (or address).
    pub host: String,
    /// Its port.
    pub port: u16,
    /// STARTTLS, TLS or none.
    pub security: Security,
    /// The login name; `None` for a server that takes mail without logging in.
    #[serde(default)]
    pub user: Option<String>,
    /// Seconds allowed to connect and for each answer.
    #[serde(default = "default_timeout")]
    pub timeout_seconds: u64,
    /// An extra certificate authority to trust (PEM), for a company relay whose
    /// certificate is signed by its own authority; the system's are always trusted.
    #[serde(default)]
    pub extra_root_pem: Option<String>,
}

impl SmtpSettings {
    /// Settings for `host` with `security` on its usual port, no login, default timeout.
    pub fn new(host: &str, security: Security) -> SmtpSettings {
        SmtpSettings {
            host: host.to_string(),
            port: security.default_port(),
            security,
            user: None,
            timeout_seconds: DEFAULT_TIMEOUT_SECONDS,
            extra_root_pem: None,
        }
    }

    /// `host:port`, as messages name the server.
    pub fn server(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    /// True when the host is this machine (a loopback name or address).
    pub fn is_local(&self) -> bool {
        let h = self.host.trim_matches(['[', ']']);
        h.eq_ignore_ascii_case("localhost")
            || h.parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }
}

/// Why a message was not sent, in words, with whether a later try can help.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// The settings cannot work as they are.
    #[error("the mail settings cannot work: {message}")]
    Settings {
        /// What to change.
        message: String,
    },
    /// The server could not be reached (refused, no route, unknown name).
    #[error(
        "could not connect to the mail server {server}: {message}. Check the host and port \
         in the mail settings and that you are online; Rondo will try again"
    )]
    Unreachable {
        /// `host:port`.
        server: String,
        /// What the system said.
        message: String,
    },
    /// The server did not answer in time.
    #[error("the mail server {server} did not answer within {seconds} s; Rondo will try again")]
    Timeout {
        /// `host:port`.
        server: String,
        /// The time allowed.
        seconds: u64,
    },
    /// The connection broke in the middle of the conversation.
    #[error(
        "the connection to the mail server {server} was lost while sending ({message}); \
         Rondo will try again"
    )]
    Lost {
        /// `host:port`.
        server: String,
        /// What broke.
        message: String,
    },
    /// TLS could not be set up (untrusted certificate, wrong name, no STARTTLS offered).
    #[error(
        "a secure connection to {server} could not be made: {message}. Check the security \
         setting (STARTTLS on 587, TLS on 465) and the server's certificate"
    )]
    Tls {
        /// `host:port`.
        server: String,
        /// What failed.
        message: String,
    },
    /// The server refused the login.
    #[error(
        "the mail server {server} refused the login of {user:?} ({message}): check the user \
         name and the password (rondo mail setup)"
    )]
    Login {
        /// `host:port`.
        server: String,
        /// The user name tried.
        user: String,
        /// The server's words.
        message: String,
    },
    /// The server refused the message or a recipient.
    #[error("the mail server {server} refused the message: {code} {message}")]
    Refused {
        /// `host:port`.
        server: String,
        /// The SMTP reply code (4xx: try later, 5xx: will not work as is).
        code: String,
        /// The server's words.
        message: String,
        /// True for a 4xx reply: the same message may go through later.
        transient: bool,
    },
}

impl SendError {
    /// True when sending the same message again later may succeed without anyone
    /// changing anything (network trouble, a busy server): the outbox retries those
    /// with backoff; the others wait for a person.
    pub fn is_transient(&self) -> bool {
        match self {
            SendError::Unreachable { .. } | SendError::Timeout { .. } | SendError::Lost { .. } => {
                true
            }
            SendError::Refused { transient, .. } => *transient,
            SendError::Settings { .. } | SendError::Tls { .. } | SendError::Login { .. } => false,
        }
    }
}

/// Sends messages through one SMTP server.
pub struct SmtpSender {
    transport: SmtpTransport,
    settings: SmtpSettings,
}

impl std::fmt::Debug for SmtpSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSender")
            .field("server", &self.settings.server())
            .finish_non_exhaustive()
    }
}

impl SmtpSender {
    /// A sender for `settings`, logging in with `password` when the settings name a user.
    ///
    /// # Errors
    /// [`SendError::Settings`] when the host is empty, a user has no password, the
    /// extra certificate cannot be read, or a password would travel unencrypted to
    /// another machine.
    pub fn new(settings: &SmtpSettings, password: Option<&str>) -> Result<SmtpSender, SendError> {
        let bad = |message: String| SendError::Settings { message };
        let host = settings.host.trim();
        if host.is_empty() || host.contains(char::is_whitespace) {
            return Err(bad(format!(
                "the server's host name {:?} is empty or has spaces",
                settings.host
            )));
        }
        if settings.port == 0 {
            return Err(bad("the port cannot be 0".into()));
        }
        let mut builder = SmtpTransport::builder_dangerous(host)
            .port(settings.port)
            .timeout(Some(Duration::from_secs(settings.timeout_seconds.max(1))));
        if settings.security != Security::None {
            let mut tls = TlsParameters::builder(host.to_string());
            if let Some(pem) = &settings.extra_root_pem {
                let cert = Certificate::from_pem(pem.as_bytes()).map_err(|e| {
                    bad(format!(
                        "the extra certificate authority cannot be read ({e})"
                    ))
                })?;
                tls = tls.add_root_certificate(cert);
            }
            let tls = tls
                .build_rustls()
                .map_err(|e| bad(format!("TLS cannot be set up ({e})")))?;
            builder = builder.tls(match settings.security {
                Security::StartTls => Tls::Required(tls),
                Security::Tls | Security::None => Tls::Wrapper(tls),
            });
        }
        if let Some(user) = settings.user.as_deref().filter(|u| !u.is_empty()) {
            let Some(password) = password else {
                return Err(bad(format!(
                    "no password for {user:?}: run `rondo mail setup` or set RONDO_MAIL_PASSWORD"
                )));
            };
            if settings.security == Security::None && !settings.is_local() {
                return Err(bad(format!(
                    "the password of {user:?} would travel unencrypted to {}: use STARTTLS or \
                     TLS (security \"none\" is for a relay on this machine)",
                    settings.server()
                )));
            }
            builder = builder.credentials(Credentials::new(user.to_string(), password.to_string()));
        }
        Ok(SmtpSender {
            transport: builder.build(),
            settings: settings.clone(),
        })
    }

    /// Connects and greets the server (STARTTLS included), to check the settings.
    ///
    /// # Errors
    /// [`SendError`] as for [`SmtpSender::send`].
    pub fn check(&self) -> Result<(), SendError> {
        match self.transport.test_connection() {
            Ok(true) => Ok(()),
            Ok(false) => Err(SendError::Lost {
                server: self.settings.server(),
                message: "the server did not answer the greeting".into(),
            }),
            Err(e) => Err(self.error(&e)),
        }
    }

    /// Sends `message` as it is, to its envelope recipients.
    ///
    /// # Errors
    /// [`SendError`] saying what failed and whether a later try can help.
    pub fn send(&self, message: &Outgoing) -> Result<(), SendError> {
        let address = |a: &str| {
            a.parse::<Address>().map_err(|_| SendError::Settings {
                message: format!("{a:?} is not a mail address"),
            })
        };
        let to = message
            .to
            .iter()
            .map(|a| address(a))
            .collect::<Result<Vec<_>, _>>()?;
        let envelope =
            Envelope::new(Some(address(&message.from)?), to).map_err(|e| SendError::Settings {
                message: format!("the message has no usable envelope ({e})"),
            })?;
        self.transport
            .send_raw(&envelope, message.raw.as_bytes())
            .map(|_| ())
            .map_err(|e| self.error(&e))
    }

    /// lettre's error in our words.
    fn error(&self, e: &lettre::transport::smtp::Error) -> SendError {
        let server = self.settings.server();
        let message = source_text(e);
        if e.is_timeout() || timed_out(e) {
            return SendError::Timeout {
                server,
                seconds: self.settings.timeout_seconds,
            };
        }
        if let Some(code) = e.status() {
            let code = code.to_string();
            // 535: credentials refused; 530/534/454 about AUTH: login needed or refused.
            let about_login = code == "535"
                || (matches!(code.as_str(), "530" | "534" | "454")
                    && message.to_ascii_lowercase().contains("auth"));
            if about_login && self.settings.user.is_some() {
                return SendError::Login {
                    server,
                    user: self.settings.user.clone().unwrap_or_default(),
                    message,
                };
            }
            return SendError::Refused {
                server,
                transient: code.starts_with('4'),
                code,
                message,
            };
        }
        if e.is_tls() {
            return SendError::Tls { server, message };
        }
        let text = e.to_string();
        if text.starts_with("Connection error") {
            return SendError::Unreachable { server, message };
        }
        if e.is_response() && self.settings.security == Security::StartTls {
            // A server that does not offer STARTTLS fails here, before any TLS starts.
            if message.to_ascii_lowercase().contains("starttls") {
                return SendError::Tls { server, message };
            }
        }
        SendError::Lost { server, message }
    }
}

/// True when an I/O error in the chain is a socket timeout: Linux reports a read past
/// its timeout as `WouldBlock` (EAGAIN), which lettre does not count as one.
fn timed_out(e: &lettre::transport::smtp::Error) -> bool {
    let mut cur: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(s) = cur {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            if matches!(
                io.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
            ) {
                return true;
            }
        }
        cur = s.source();
    }
    false
}

/// The innermost words of an error chain (lettre's own Display adds its kind in front).
fn source_text(e: &lettre::transport::smtp::Error) -> String {
    let mut text = e.to_string();
    let mut cur: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(s) = cur {
        text = s.to_string();
        cur = s.source();
    }
    text
}
