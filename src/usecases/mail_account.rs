//! The outgoing mail account, as Settings → Mail and `rondo mail setup|off` change it:
//! the server, its security and the login kept in `settings.json`, the password in the
//! OS keyring ([`crate::mail::password`]), never in a file. [`sender`] makes the
//! connection every send uses (the outbox, the test message), with the password from
//! the environment or the keyring.

use super::settings::Settings;
use super::UseCaseError;
use crate::mail::password::{mail_password, set_mail_password};
use crate::mail::smtp::{Security, SmtpSender, SmtpSettings};
use crate::passwords::Keyring;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The account as typed in a form (Settings → Mail); read by [`setup`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailForm {
    /// The SMTP server's host name.
    pub host: String,
    /// Its port; `None`: the usual one of `security`.
    pub port: Option<u16>,
    /// `starttls`, `tls` or `none`.
    pub security: String,
    /// The login name; empty: the server takes mail without logging in.
    pub user: String,
    /// The password, kept in the keyring; empty: keep the one already there.
    pub password: String,
}

/// The account as shown (no password: it never leaves the keyring).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailView {
    /// True when invites are e-mailed.
    pub on: bool,
    /// The server's host name (empty when off).
    pub host: String,
    /// Its port.
    pub port: u16,
    /// `starttls`, `tls` or `none`.
    pub security: String,
    /// The login name (empty: none).
    pub user: String,
    /// The address invites and test messages come from (the organizer's).
    pub from: String,
}

/// The account of `settings` as shown.
pub fn view(settings: &Settings) -> MailView {
    let from = settings.organizer().email;
    match &settings.mail {
        Some(m) => MailView {
            on: true,
            host: m.host.clone(),
            port: m.port,
            security: m.security.as_str().to_string(),
            user: m.user.clone().unwrap_or_default(),
            from,
        },
        None => MailView {
            on: false,
            host: String::new(),
            port: Security::StartTls.default_port(),
            security: Security::StartTls.as_str().to_string(),
            user: String::new(),
            from,
        },
    }
}

/// The account `form` describes, validated: a host, a known security, a port (the
/// usual one when left out), the login trimmed.
///
/// # Errors
/// [`UseCaseError::BadMailAccount`] naming the field and what to enter.
pub fn read_form(form: &MailForm) -> Result<SmtpSettings, UseCaseError> {
    let host = form.host.trim();
    if host.is_empty() || host.contains(char::is_whitespace) {
        return Err(UseCaseError::BadMailAccount {
            message: "Server: enter the SMTP server's host name, like smtp.example.com".into(),
        });
    }
    let security: Security =
        form.security
            .trim()
            .parse()
            .map_err(|e: String| UseCaseError::BadMailAccount {
                message: format!("Security: {e}"),
            })?;
    let mut smtp = SmtpSettings::new(host, security);
    if let Some(p) = form.port {
        if p == 0 {
            return Err(UseCaseError::BadMailAccount {
                message: "Port: enter a number from 1 to 65535, or leave it empty".into(),
            });
        }
        smtp.port = p;
    }
    smtp.user = Some(form.user.trim().to_string()).filter(|u| !u.is_empty());
    Ok(smtp)
}

/// Sets the account of `form` in the settings of data folder `dir` (saved at once) and,
/// when a password is given, keeps it in `secrets` for that login. Returns the settings
/// as saved.
///
/// # Errors
/// [`UseCaseError::BadMailAccount`] for a form that is not an account;
/// [`UseCaseError::Secret`] when the password cannot be kept;
/// [`UseCaseError::Settings`] when the settings cannot be saved.
pub fn setup(
    dir: &Path,
    settings: &Settings,
    form: &MailForm,
    secrets: &dyn Keyring,
) -> Result<Settings, UseCaseError> {
    let smtp = read_form(form)?;
    if !form.password.is_empty() {
        let Some(user) = &smtp.user else {
            return Err(UseCaseError::BadMailAccount {
                message: "User: enter the login name the password belongs to".into(),
            });
        };
        set_mail_password(secrets, user, &smtp.host, &form.password)?;
    }
    let mut next = settings.clone();
    next.mail = Some(smtp);
    next.save(dir)?;
    Ok(next)
}

/// Stops e-mailing invites (messages queued stay in the outbox); returns the settings
/// as saved.
///
/// # Errors
/// [`UseCaseError::Settings`] when the settings cannot be saved.
pub fn off(dir: &Path, settings: &Settings) -> Result<Settings, UseCaseError> {
    let mut next = settings.clone();
    next.mail = None;
    next.save(dir)?;
    Ok(next)
}

/// A connection to the account of `settings`, with its password from `env` (the value
/// of [`crate::mail::password::PASSWORD_ENV`], when set) or `secrets`.
///
/// # Errors
/// [`UseCaseError::MailOff`] when no account is set up; [`UseCaseError::Secret`] when
/// the password cannot be found; [`UseCaseError::Send`] for unusable settings.
pub fn sender(
    settings: &Settings,
    secrets: &dyn Keyring,
    env: Option<&str>,
) -> Result<SmtpSender, UseCaseError> {
    let smtp = settings.mail.as_ref().ok_or(UseCaseError::MailOff)?;
    let password = match &smtp.user {
        Some(user) => Some(mail_password(secrets, user, &smtp.host, env)?),
        None => None,
    };
    Ok(SmtpSender::new(smtp, password.as_deref())?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::password::mail_secret;
    use crate::passwords::MemoryKeyring as Memory;

    fn form(host: &str, port: Option<u16>, security: &str, user: &str, pw: &str) -> MailForm {
        MailForm {
            host: host.into(),
            port,
            security: security.into(),
            user: user.into(),
            password: pw.into(),
        }
    }

    #[test]
    fn a_form_becomes_an_account_and_its_password_goes_to_the_keyring_only() {
        let dir = tempfile::tempdir().expect("dir");
        let keys = Memory::default();
        let saved = setup(
            dir.path(),
            &Settings::default(),
            &form(" smtp.example.com ", None, "tls", " ana ", "s3cret"),
            &keys,
        )
        .expect("set up");
        let v = view(&saved);
        assert_eq!(
            (
                v.on,
                v.host.as_str(),
                v.port,
                v.security.as_str(),
                v.user.as_str()
            ),
            (true, "smtp.example.com", 465, "tls", "ana"),
            "trimmed, usual port of tls"
        );
        assert_eq!(
            keys.get(&mail_secret("ana", "smtp.example.com")),
            Ok(Some("s3cret".to_string()))
        );
        let file = std::fs::read_to_string(dir.path().join(super::super::settings::SETTINGS_FILE))
            .expect("settings saved");
        assert!(!file.contains("s3cret"), "no password in the file: {file}");
        assert_eq!(Settings::load(dir.path()), saved, "saved as shown");
        let off = off(dir.path(), &saved).expect("off");
        assert!(!view(&off).on && Settings::load(dir.path()).mail.is_none());
    }

    #[test]
    fn a_bad_form_names_the_field_and_saves_nothing() {
        let dir = tempfile::tempdir().expect("dir");
        let keys = Memory::default();
        for (f, field) in [
            (form("", None, "starttls", "", ""), "Server"),
            (form("smtp.example.com", None, "smoke", "", ""), "Security"),
            (form("smtp.example.com", Some(0), "none", "", ""), "Port"),
            (form("smtp.example.com", None, "starttls", "", "pw"), "User"),
        ] {
            let e = setup(dir.path(), &Settings::default(), &f, &keys)
                .expect_err("refused")
                .to_string();
            assert!(e.contains(field), "{f:?} should name {field}: {e}");
        }
        assert!(Settings::load(dir.path()).mail.is_none(), "nothing saved");
        assert!(keys.is_empty(), "no password kept");
        assert!(matches!(
            sender(&Settings::default(), &keys, None),
            Err(UseCaseError::MailOff)
        ));
    }
}
