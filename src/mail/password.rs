//! The mail account's password: in the OS keyring (Keychain on macOS, Credential Manager
//! on Windows, the Secret Service on Linux), never in sled or in a file.
//!
//! It is kept through [`crate::passwords::Keyring`], as the calendar passwords are:
//! service [`MAIL_SERVICE`], account `user@host`. Where no keyring is running (a server,
//! CI, a container) the password comes from [`PASSWORD_ENV`], or from standard input
//! (`rondo mail setup --password-stdin`, read with [`read_password`]).

use crate::passwords::{Keyring, SecretName, Unavailable};
use std::io::BufRead;

/// The keyring service under which the mail password is kept.
pub const MAIL_SERVICE: &str = "rondo-mail";

/// The environment variable that gives the mail password when no keyring is available
/// (or to override it): `RONDO_MAIL_PASSWORD`.
pub const PASSWORD_ENV: &str = "RONDO_MAIL_PASSWORD";

/// Why a secret could not be read or kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// No secret is stored under this name.
    #[error(
        "no password is stored for {account} ({service}): run `rondo mail setup` or set \
         RONDO_MAIL_PASSWORD"
    )]
    Missing {
        /// The service.
        service: String,
        /// The account.
        account: String,
    },
    /// The keyring cannot be used here (none running, locked, access refused).
    #[error("{message}: unlock it, or set RONDO_MAIL_PASSWORD in the environment instead")]
    Unavailable {
        /// What the keyring said.
        message: String,
    },
    /// The password given is empty or has a line break.
    #[error("the password is empty or has a line break")]
    BadPassword,
}

/// The keyring account of a mail login: `user@host` (a user name is often itself an
/// address: `ana@example.com@smtp.example.com` is still one unique name).
pub fn mail_account(user: &str, host: &str) -> String {
    format!("{user}@{host}")
}

/// The keyring's name for the mail password of `user` at `host`.
pub fn mail_secret(user: &str, host: &str) -> SecretName {
    SecretName::new(MAIL_SERVICE, &mail_account(user, host))
}

fn unusable(Unavailable(message): Unavailable) -> SecretError {
    SecretError::Unavailable { message }
}

/// The mail password of `user` at `host`: `env` (the value of [`PASSWORD_ENV`], read
/// by the caller) when given and not empty, else the one in `keyring`.
///
/// # Errors
/// [`SecretError`] when neither has it, saying how to give it.
pub fn mail_password(
    keyring: &dyn Keyring,
    user: &str,
    host: &str,
    env: Option<&str>,
) -> Result<String, SecretError> {
    if let Some(p) = env.filter(|p| !p.is_empty()) {
        return Ok(p.to_string());
    }
    keyring
        .get(&mail_secret(user, host))
        .map_err(unusable)?
        .ok_or_else(|| SecretError::Missing {
            service: MAIL_SERVICE.to_string(),
            account: mail_account(user, host),
        })
}

/// Keeps the mail password of `user` at `host` in `keyring`.
///
/// # Errors
/// [`SecretError::BadPassword`] for an empty password or one with a line break;
/// [`SecretError::Unavailable`] when the store cannot be used.
pub fn set_mail_password(
    keyring: &dyn Keyring,
    user: &str,
    host: &str,
    password: &str,
) -> Result<(), SecretError> {
    if password.is_empty() || password.contains(['\r', '\n']) {
        return Err(SecretError::BadPassword);
    }
    keyring
        .set(&mail_secret(user, host), password)
        .map_err(unusable)
}

/// The first line of `input` without its line end, as a password (for
/// `--password-stdin`).
///
/// # Errors
/// [`SecretError::BadPassword`] when the line is empty or cannot be read.
pub fn read_password(mut input: impl BufRead) -> Result<String, SecretError> {
    let mut line = String::new();
    input
        .read_line(&mut line)
        .map_err(|_| SecretError::BadPassword)?;
    let password = line.trim_end_matches(['\r', '\n']).to_string();
    if password.is_empty() {
        return Err(SecretError::BadPassword);
    }
    Ok(password)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_comes_from_the_environment_first_then_the_keyring() {
        let store = crate::passwords::MemoryKeyring::default();
        let missing = mail_password(&store, "ana", "smtp.example.com", None).expect_err("none");
        assert!(
            missing.to_string().contains("rondo mail setup")
                && missing.to_string().contains("RONDO_MAIL_PASSWORD"),
            "says how to give it: {missing}"
        );
        set_mail_password(&store, "ana", "smtp.example.com", "kept").expect("set");
        assert_eq!(
            mail_password(&store, "ana", "smtp.example.com", None).as_deref(),
            Ok("kept")
        );
        assert_eq!(
            mail_password(&store, "ana", "smtp.example.com", Some("from env")).as_deref(),
            Ok("from env"),
            "the environment overrides the keyring"
        );
        assert_eq!(
            mail_password(&store, "ana", "smtp.example.com", Some("")).as_deref(),
            Ok("kept"),
            "an empty variable is no password"
        );
        assert!(
            mail_password(&store, "ana", "smtp.other.example", None).is_err(),
            "one password per user and host"
        );
        assert_eq!(
            set_mail_password(&store, "ana", "smtp.example.com", "two\nlines"),
            Err(SecretError::BadPassword)
        );
    }

    #[test]
    fn a_password_on_standard_input_is_its_first_line() {
        assert_eq!(
            read_password(&b"p@ss word\r\nignored\n"[..]).as_deref(),
            Ok("p@ss word")
        );
        assert_eq!(read_password(&b"\n"[..]), Err(SecretError::BadPassword));
        assert_eq!(read_password(&b""[..]), Err(SecretError::BadPassword));
    }
}
