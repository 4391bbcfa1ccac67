//! The client of one account: its password from `RONDO_CALENDAR_PASSWORD`, the system
//! keyring, or what the coordinator gave for this run ([`give_password`]: the window
//! asks once per run where no keyring is available). Never stored anywhere else.

use super::super::UseCaseError;
use crate::caldav::{http::server_name, parse_url, Client, Credentials, Timeouts};
use crate::caldav::{AccountKind, CalendarAccount};
use crate::passwords::{self, AccountKey, Keyring, MemoryKeyring, SystemKeyring};
use std::sync::OnceLock;

/// Passwords given for this run (the window's "asked once"); gone when Rondo quits.
fn this_run() -> &'static MemoryKeyring {
    static RUN: OnceLock<MemoryKeyring> = OnceLock::new();
    RUN.get_or_init(MemoryKeyring::default)
}

/// Whose password an account needs (`None` for a subscription).
pub(crate) fn key_of(kind: &AccountKind) -> Result<Option<AccountKey>, UseCaseError> {
    match kind {
        AccountKind::Server { url, user } => Ok(Some(AccountKey {
            user: user.clone(),
            server: server_name(&parse_url(url)?).0,
        })),
        AccountKind::Subscription { .. } => Ok(None),
    }
}

/// Keeps `password` for `account`'s user for the rest of this run (in memory only),
/// for a desk whose keyring cannot keep it.
pub fn give_password(account: &CalendarAccount, password: &str) -> Result<(), UseCaseError> {
    if let Some(key) = key_of(&account.kind)? {
        let _ = this_run().set(&key.secret(), password);
    }
    Ok(())
}

/// The client for `kind` with `password` (or the one found as the module says).
pub(crate) fn client_with(
    kind: &AccountKind,
    password: Option<String>,
) -> Result<Client, UseCaseError> {
    let credentials = match (kind, key_of(kind)?) {
        (AccountKind::Server { user, .. }, Some(key)) => {
            let password = match password {
                Some(p) => p,
                None => {
                    let mut ask = |k: &AccountKey| this_run().get(&k.secret()).ok().flatten();
                    passwords::find(
                        &key,
                        std::env::var(passwords::ENV_VAR).ok(),
                        &SystemKeyring,
                        Some(&mut ask),
                    )?
                    .0
                }
            };
            Some(Credentials {
                user: user.clone(),
                password,
            })
        }
        _ => None,
    };
    Ok(Client::new(credentials, Timeouts::default()))
}

/// The client of a stored account.
pub(crate) fn client(account: &CalendarAccount) -> Result<Client, UseCaseError> {
    client_with(&account.kind, None)
}

/// Where the password of an account of `kind` comes from, in words — `Ok` when one is
/// there, `Err` (what to do) when the window must ask; `None` for a subscription.
pub(crate) fn password_state(
    kind: &AccountKind,
) -> Result<Option<Result<String, String>>, UseCaseError> {
    let Some(key) = key_of(kind)? else {
        return Ok(None);
    };
    if std::env::var(passwords::ENV_VAR).is_ok_and(|p| !p.is_empty()) {
        return Ok(Some(Ok(format!("from {}", passwords::ENV_VAR))));
    }
    let why = match SystemKeyring.get(&key.secret()) {
        Ok(Some(_)) => return Ok(Some(Ok("kept in the system keyring".into()))),
        Ok(None) => "the system keyring holds none".to_string(),
        Err(e) => e.0,
    };
    if this_run().get(&key.secret()).ok().flatten().is_some() {
        return Ok(Some(Ok(format!(
            "given for this run only ({why}): Rondo asks again after it restarts"
        ))));
    }
    Ok(Some(Err(format!(
        "no password ({why}): enter it; without a keyring it is kept in memory until Rondo quits"
    ))))
}
