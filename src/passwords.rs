//! Passwords: kept in the operating system's keyring (Secret Service on Linux, the
//! Keychain on macOS, the Credential Manager on Windows), never in the database, the
//! settings or a log. [`Keyring`] is the one way to them, for calendar accounts (here)
//! and the mail account ([`crate::mail::password`]); secrets are named by service and
//! account, as every keyring names them ([`SecretName`]).
//!
//! Where no keyring is available (a server without a desktop session, a locked or
//! missing Secret Service), the password comes from `RONDO_CALENDAR_PASSWORD` or is
//! asked for: the command line reads standard input, the window asks once per run.
//! [`find`] makes that decision in one place; [`remember`] stores a password and says
//! plainly when it could not.

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

/// The environment variable read when the keyring has no password.
pub const ENV_VAR: &str = "RONDO_CALENDAR_PASSWORD";

/// The keyring's service name for Rondo's calendar passwords.
const SERVICE: &str = "Rondo calendar";

/// A secret's name in a keyring: a service and an account within it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SecretName {
    /// The service (`Rondo calendar`, `rondo-mail`).
    pub service: String,
    /// The account within it.
    pub account: String,
}

impl SecretName {
    /// The secret of `account` at `service`.
    pub fn new(service: &str, account: &str) -> SecretName {
        SecretName {
            service: service.to_string(),
            account: account.to_string(),
        }
    }
}

/// Whose password: a user on a server (`alice` at `cal.example.com`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AccountKey {
    /// The user name.
    pub user: String,
    /// The server (host, and port when not the default).
    pub server: String,
}

impl AccountKey {
    /// The name its password has in the keyring.
    pub fn secret(&self) -> SecretName {
        SecretName::new(SERVICE, &self.to_string())
    }
}

impl fmt::Display for AccountKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}", self.user, self.server)
    }
}

/// Why the keyring could not be used, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailable(pub String);

impl fmt::Display for Unavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where passwords are kept.
pub trait Keyring: Send + Sync {
    /// The secret kept as `name`, `None` when none is.
    ///
    /// # Errors
    /// [`Unavailable`] when the keyring cannot be reached.
    fn get(&self, name: &SecretName) -> Result<Option<String>, Unavailable>;
    /// Keeps `secret` as `name`, replacing any.
    ///
    /// # Errors
    /// [`Unavailable`] when the keyring cannot be reached.
    fn set(&self, name: &SecretName, secret: &str) -> Result<(), Unavailable>;
    /// Forgets the secret `name` (nothing kept is fine).
    ///
    /// # Errors
    /// [`Unavailable`] when the keyring cannot be reached.
    fn delete(&self, name: &SecretName) -> Result<(), Unavailable>;
}

/// The operating system's keyring.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemKeyring;

fn entry(name: &SecretName) -> Result<keyring::Entry, Unavailable> {
    keyring::Entry::new(&name.service, &name.account).map_err(unavailable)
}

fn unavailable(e: keyring::Error) -> Unavailable {
    Unavailable(match e {
        keyring::Error::NoDefaultStore => match keyring::Entry::store_status() {
            Err(inner) => format!("the system keyring could not be opened ({inner})"),
            Ok(()) => "the system keyring could not be opened".to_string(),
        },
        keyring::Error::NoStorageAccess(inner) => {
            format!("the system keyring is locked or refused access ({inner})")
        }
        other => format!("the system keyring failed ({other})"),
    })
}

impl Keyring for SystemKeyring {
    fn get(&self, name: &SecretName) -> Result<Option<String>, Unavailable> {
        match entry(name)?.get_password() {
            Ok(p) => Ok(Some(p)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn set(&self, name: &SecretName, secret: &str) -> Result<(), Unavailable> {
        entry(name)?.set_password(secret).map_err(unavailable)
    }

    fn delete(&self, name: &SecretName) -> Result<(), Unavailable> {
        match entry(name)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }
}

/// A keyring in memory: the window's "asked once per run", callers that must not touch
/// the system's keyring, and tests.
#[derive(Debug, Default)]
pub struct MemoryKeyring(Mutex<HashMap<SecretName, String>>);

impl MemoryKeyring {
    /// True when no secret is kept.
    pub fn is_empty(&self) -> bool {
        self.0.lock().map_or(true, |m| m.is_empty())
    }
}

impl Keyring for MemoryKeyring {
    fn get(&self, name: &SecretName) -> Result<Option<String>, Unavailable> {
        Ok(self.0.lock().map_err(|_| poisoned())?.get(name).cloned())
    }

    fn set(&self, name: &SecretName, secret: &str) -> Result<(), Unavailable> {
        self.0
            .lock()
            .map_err(|_| poisoned())?
            .insert(name.clone(), secret.to_string());
        Ok(())
    }

    fn delete(&self, name: &SecretName) -> Result<(), Unavailable> {
        self.0.lock().map_err(|_| poisoned())?.remove(name);
        Ok(())
    }
}

fn poisoned() -> Unavailable {
    Unavailable("the in-memory keyring was left inconsistent by a crash".into())
}

/// Asks the person for the password of an account (`None`: they declined, or nobody
/// can be asked).
pub type Ask<'a> = &'a mut dyn FnMut(&AccountKey) -> Option<String>;

/// Where a password came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `RONDO_CALENDAR_PASSWORD`.
    Environment,
    /// The keyring.
    Keyring,
    /// The person typed it when asked.
    Asked,
}

/// No password could be had.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    /// Neither the environment, the keyring nor the person gave one.
    #[error(
        "no password for {account}: {why}; set RONDO_CALENDAR_PASSWORD, or enter it when asked"
    )]
    Missing {
        /// Whose.
        account: String,
        /// What the keyring said.
        why: String,
    },
}

/// The password of `account`: `RONDO_CALENDAR_PASSWORD` when set (`env`, so a script
/// can always say which), else the keyring's, else whatever `ask` returns (the CLI reads
/// standard input, the window shows a field; `None` when nobody can be asked).
///
/// # Errors
/// [`PasswordError::Missing`], saying what the keyring said and what to do.
pub fn find(
    account: &AccountKey,
    env: Option<String>,
    keyring: &dyn Keyring,
    ask: Option<Ask<'_>>,
) -> Result<(String, Source), PasswordError> {
    if let Some(p) = env.filter(|p| !p.is_empty()) {
        return Ok((p, Source::Environment));
    }
    let why = match keyring.get(&account.secret()) {
        Ok(Some(p)) => return Ok((p, Source::Keyring)),
        Ok(None) => "the system keyring holds none".to_string(),
        Err(Unavailable(reason)) => reason,
    };
    if let Some(ask) = ask {
        if let Some(p) = ask(account).filter(|p| !p.is_empty()) {
            return Ok((p, Source::Asked));
        }
    }
    Err(PasswordError::Missing {
        account: account.to_string(),
        why,
    })
}

/// What became of a password to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remembered {
    /// It is in the keyring.
    InKeyring,
    /// It could not be kept: say so, with what to do next time.
    NotKept(Unavailable),
}

impl fmt::Display for Remembered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Remembered::InKeyring => f.write_str("the password is kept in the system keyring"),
            Remembered::NotKept(why) => write!(
                f,
                "the password was not kept ({why}): set {ENV_VAR} or enter it again next time"
            ),
        }
    }
}

/// Keeps `password` for `account` in `keyring`, and says whether it could.
pub fn remember(account: &AccountKey, password: &str, keyring: &dyn Keyring) -> Remembered {
    match keyring.set(&account.secret(), password) {
        Ok(()) => Remembered::InKeyring,
        Err(why) => Remembered::NotKept(why),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Broken;
    impl Keyring for Broken {
        fn get(&self, _: &SecretName) -> Result<Option<String>, Unavailable> {
            Err(Unavailable("no Secret Service on the session bus".into()))
        }
        fn set(&self, _: &SecretName, _: &str) -> Result<(), Unavailable> {
            Err(Unavailable("no Secret Service on the session bus".into()))
        }
        fn delete(&self, _: &SecretName) -> Result<(), Unavailable> {
            Ok(())
        }
    }

    fn alice() -> AccountKey {
        AccountKey {
            user: "alice".into(),
            server: "cal.example.com".into(),
        }
    }

    #[test]
    fn the_environment_wins_then_the_keyring_then_asking() {
        let ring = MemoryKeyring::default();
        assert_eq!(remember(&alice(), "kept", &ring), Remembered::InKeyring);
        let mut asked = 0;
        let mut ask = |_: &AccountKey| {
            asked += 1;
            Some("typed".to_string())
        };
        assert_eq!(
            find(&alice(), Some("env".into()), &ring, Some(&mut ask)).unwrap(),
            ("env".into(), Source::Environment)
        );
        assert_eq!(
            find(&alice(), None, &ring, Some(&mut ask)).unwrap(),
            ("kept".into(), Source::Keyring)
        );
        assert_eq!(
            find(&alice(), None, &Broken, Some(&mut ask)).unwrap(),
            ("typed".into(), Source::Asked)
        );
        assert_eq!(asked, 1, "asked only when neither had one");
    }

    #[test]
    fn without_a_keyring_the_error_says_why_and_what_to_do() {
        let err = find(&alice(), Some(String::new()), &Broken, None).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("alice at cal.example.com"), "{text}");
        assert!(text.contains("no Secret Service"), "{text}");
        assert!(text.contains("RONDO_CALENDAR_PASSWORD"), "{text}");
        let kept = remember(&alice(), "pw", &Broken).to_string();
        assert!(
            kept.contains("not kept") && kept.contains(ENV_VAR),
            "{kept}"
        );
    }

    #[test]
    fn passwords_never_show_in_debug_output() {
        let c = crate::caldav::Credentials {
            user: "alice".into(),
            password: "hunter2".into(),
        };
        assert!(!format!("{c:?}").contains("hunter2"));
    }
}
