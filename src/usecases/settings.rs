//! The coordinator's own settings, kept in the data folder beside the store: who the
//! invites come from. Calendars show the organizer on every invite and send replies
//! there, so it must be the coordinator (or their team's mailbox), not a placeholder.
//!
//! Kept as a small JSON file (`settings.json`), written whole or not at all
//! ([`crate::whole_file`]), so a crash leaves the old or the new settings, never half. A file
//! that cannot be read gives the defaults: nothing stored depends on it.

use crate::ical::export::Person;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The file in the data folder that holds the settings.
pub const SETTINGS_FILE: &str = "settings.json";

/// The organizer named on invites until the coordinator sets their own.
pub const DEFAULT_ORGANIZER_NAME: &str = "Rondo Recruiting";
/// See [`DEFAULT_ORGANIZER_NAME`].
pub const DEFAULT_ORGANIZER_EMAIL: &str = "recruiting@example.com";

/// What the coordinator set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The invites' organizer, when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizer: Option<Organizer>,
}

/// The invites' organizer as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organizer {
    /// Display name.
    pub name: String,
    /// Mail address.
    pub email: String,
}

/// Why an organizer was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    /// The mail address is not one (`name@domain`, no spaces).
    #[error("\"{0}\" is not an e-mail address: write it as name@domain, without spaces")]
    BadEmail(String),
    /// The settings could not be written (the message says why and what to do).
    #[error("the settings could not be saved in {folder}: {message}")]
    Write {
        /// The data folder.
        folder: String,
        /// What the system said.
        message: String,
    },
}

impl Organizer {
    /// An organizer from what the coordinator typed: trimmed; the e-mail must be an
    /// address; an empty name becomes the address.
    pub fn new(name: &str, email: &str) -> Result<Organizer, SettingsError> {
        let email = email.trim();
        let (local, domain) = email.split_once('@').unwrap_or(("", ""));
        if local.is_empty()
            || domain.is_empty()
            || domain.contains('@')
            || email.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(SettingsError::BadEmail(email.to_string()));
        }
        let name = name.trim();
        Ok(Organizer {
            name: if name.is_empty() { email } else { name }.to_string(),
            email: email.to_string(),
        })
    }
}

impl Settings {
    /// The settings kept in data folder `dir` (the defaults when none were saved or the
    /// file cannot be read).
    pub fn load(dir: &Path) -> Settings {
        std::fs::read(dir.join(SETTINGS_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Saves the settings in data folder `dir`, whole or not at all.
    pub fn save(&self, dir: &Path) -> Result<(), SettingsError> {
        let text = serde_json::to_vec_pretty(self).unwrap_or_default();
        crate::whole_file::write(&dir.join(SETTINGS_FILE), &text).map_err(|e| {
            SettingsError::Write {
                folder: dir.display().to_string(),
                message: e.to_string(),
            }
        })
    }

    /// Who the invites come from: the coordinator's organizer, or the default.
    pub fn organizer(&self) -> Person {
        match &self.organizer {
            Some(o) => Person {
                name: o.name.clone(),
                email: o.email.clone(),
            },
            None => Person {
                name: DEFAULT_ORGANIZER_NAME.to_string(),
                email: DEFAULT_ORGANIZER_EMAIL.to_string(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organizers_need_an_address() {
        let ok = Organizer::new("  Ana Ilić ", " ana@hr.example.com ").unwrap();
        assert_eq!(
            (ok.name.as_str(), ok.email.as_str()),
            ("Ana Ilić", "ana@hr.example.com")
        );
        let nameless = Organizer::new("", "team@example.com").unwrap();
        assert_eq!(nameless.name, "team@example.com");
        for bad in [
            "",
            "ana",
            "@example.com",
            "ana@",
            "a na@example.com",
            "a@b@c",
            "a@b\r\nX:y",
        ] {
            assert_eq!(
                Organizer::new("Ana", bad),
                Err(SettingsError::BadEmail(bad.trim().to_string())),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn settings_survive_a_round_trip_and_a_bad_file_gives_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Settings::load(dir.path()), Settings::default());
        assert_eq!(
            Settings::default().organizer().email,
            DEFAULT_ORGANIZER_EMAIL
        );
        let s = Settings {
            organizer: Some(Organizer::new("Ana", "ana@example.com").unwrap()),
        };
        s.save(dir.path()).unwrap();
        assert_eq!(Settings::load(dir.path()), s);
        assert_eq!(
            Settings::load(dir.path()).organizer().email,
            "ana@example.com"
        );
        std::fs::write(dir.path().join(SETTINGS_FILE), b"{not json").unwrap();
        assert_eq!(Settings::load(dir.path()), Settings::default());
    }

    #[test]
    fn a_folder_that_cannot_be_written_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("gone");
        let err = Settings::default().save(&missing).unwrap_err();
        assert!(matches!(err, SettingsError::Write { .. }), "{err:?}");
        assert!(err.to_string().contains("does not exist"), "{err}");
    }
}
