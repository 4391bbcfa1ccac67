//! The mail account's password: in the OS keyring (Keychain on macOS, Credential Manager
//! on Windows, the Secret Service on Linux), never in sled or in a file.
//!
//! Secrets are named by service and account, as every keyring does: Rondo's mail
//! password is service [`MAIL_SERVICE`], account `user@host`. [`SecretStore`] is the
//! small interface (get, set, delete) so the same code works with the OS keyring
//! ([`OsKeyring`]) and, in tests, with a store in memory. Where no keyring is running (a
//! server, CI, a container) the password comes from [`PASSWORD_ENV`], or from standard
//! input (`rondo mail setup --password-stdin`, read with [`read_password`]).
//!
//! Calendar accounts will keep their passwords the same way; this module is meant to
//! become the one place for every secret Rondo keeps.

use std::cell::RefCell;
use std::collections::BTreeMap;
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
    #[error(
        "the system keyring cannot be used ({message}): unlock it, or set RONDO_MAIL_PASSWORD \
         in the environment instead"
    )]
    Unavailable {
        /// What the keyring said.
        message: String,
    },
    /// The password given is empty or has a line break.
    #[error("the password is empty or has a line break")]
    BadPassword,
}

/// Secrets by service and account.
pub trait SecretStore {
    /// The secret of `account` at `service`.
    ///
    /// # Errors
    /// [`SecretError::Missing`] when none is stored, [`SecretError::Unavailable`] when the
    /// store cannot be used.
    fn get(&self, service: &str, account: &str) -> Result<String, SecretError>;
    /// Stores (or replaces) the secret.
    ///
    /// # Errors
    /// [`SecretError::Unavailable`] when the store cannot be used.
    fn set(&self, service: &str, account: &str, secret: &str) -> Result<(), SecretError>;
    /// Forgets the secret (no error when there was none).
    ///
    /// # Errors
    /// [`SecretError::Unavailable`] when the store cannot be used.
    fn delete(&self, service: &str, account: &str) -> Result<(), SecretError>;
}

/// The operating system's keyring, through the `keyring` crate.
#[derive(Debug, Clone, Copy, Default)]
pub struct OsKeyring;

fn keyring_error(service: &str, account: &str, e: keyring::Error) -> SecretError {
    match e {
        keyring::Error::NoEntry => SecretError::Missing {
            service: service.to_string(),
            account: account.to_string(),
        },
        other => SecretError::Unavailable {
            message: other.to_string(),
        },
    }
}

impl SecretStore for OsKeyring {
    fn get(&self, service: &str, account: &str) -> Result<String, SecretError> {
        keyring::Entry::new(service, account)
            .and_then(|e| e.get_password())
            .map_err(|e| keyring_error(service, account, e))
    }

    fn set(&self, service: &str, account: &str, secret: &str) -> Result<(), SecretError> {
        keyring::Entry::new(service, account)
            .and_then(|e| e.set_password(secret))
            .map_err(|e| keyring_error(service, account, e))
    }

    fn delete(&self, service: &str, account: &str) -> Result<(), SecretError> {
        match keyring::Entry::new(service, account).and_then(|e| e.delete_credential()) {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keyring_error(service, account, e)),
        }
    }
}

/// The keyring account of a mail login: `user@host` (a user name is often itself an
/// address: `ana@example.com@smtp.example.com` is still one unique name).
pub fn mail_account(user: &str, host: &str) -> String {
    format!("{user}@{host}")
}

/// The mail password of `user` at `host`: `env` (the value of [`PASSWORD_ENV`], read
/// by the caller) when given and not empty, else the one in `store`.
///
/// # Errors
/// [`SecretError`] when neither has it, saying how to give it.
pub fn mail_password(
    store: &dyn SecretStore,
    user: &str,
    host: &str,
    env: Option<&str>,
) -> Result<String, SecretError> {
    if let Some(p) = env.filter(|p| !p.is_empty()) {
        return Ok(p.to_string());
    }
    store.get(MAIL_SERVICE, &mail_account(user, host))
}

/// Keeps the mail password of `user` at `host` in `store`.
///
/// # Errors
/// [`SecretError::BadPassword`] for an empty password or one with a line break;
/// [`SecretError::Unavailable`] when the store cannot be used.
pub fn set_mail_password(
    store: &dyn SecretStore,
    user: &str,
    host: &str,
    password: &str,
) -> Result<(), SecretError> {
    if password.is_empty() || password.contains(['\r', '\n']) {
        return Err(SecretError::BadPassword);
    }
    store.set(MAIL_SERVICE, &mail_account(user, host), password)
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

/// Secrets in memory, as a keyring would keep them: for tests (the core's and the
/// shell's), and for callers that must not touch the system's keyring.
#[derive(Debug, Default)]
pub struct MemorySecrets(RefCell<BTreeMap<(String, String), String>>);

impl MemorySecrets {
    /// True when no secret is kept.
    pub fn is_empty(&self) -> bool {
        self.0.borrow().is_empty()
    }
}

impl SecretStore for MemorySecrets {
    fn get(&self, service: &str, account: &str) -> Result<String, SecretError> {
        self.0
            .borrow()
            .get(&(service.into(), account.into()))
            .cloned()
            .ok_or(SecretError::Missing {
                service: service.into(),
                account: account.into(),
            })
    }
    fn set(&self, service: &str, account: &str, secret: &str) -> Result<(), SecretError> {
        self.0
            .borrow_mut()
            .insert((service.into(), account.into()), secret.into());
        Ok(())
    }
    fn delete(&self, service: &str, account: &str) -> Result<(), SecretError> {
        self.0
            .borrow_mut()
            .remove(&(service.into(), account.into()));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_comes_from_the_environment_first_then_the_keyring() {
        let store = MemorySecrets::default();
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
