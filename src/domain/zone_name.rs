//! Time zones travel as IANA names in JSON and are `chrono_tz::Tz` in memory.

use super::DomainError;
use chrono_tz::Tz;

/// Parses an IANA zone name, naming `field` in the error.
pub fn zone_from_name(field: &str, name: &str) -> Result<Tz, DomainError> {
    crate::zone::parse_zone(name).ok_or_else(|| DomainError::UnknownZone {
        field: field.to_string(),
        name: name.to_string(),
    })
}

/// `#[serde(with = "zone_name::serde_tz")]`: a `Tz` as its IANA name.
pub mod serde_tz {
    use chrono_tz::Tz;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the zone's IANA name.
    pub fn serialize<S: Serializer>(tz: &Tz, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(tz.name())
    }

    /// Reads an IANA name, refusing unknown zones.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Tz, D::Error> {
        let name = String::deserialize(d)?;
        super::zone_from_name("time_zone", &name).map_err(serde::de::Error::custom)
    }
}
