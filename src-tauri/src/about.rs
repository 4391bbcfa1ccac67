//! Help → About: Rondo's version, where its data and its log are, and the licences of
//! the crates it is built from (listed at build time from `cargo metadata` by
//! `build/licences.rs`, never typed by hand).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The crates the app is built from, as the build step listed them.
const LICENCES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/licences.json"));

/// One crate the app is built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Crate {
    /// Its name on crates.io.
    pub name: String,
    /// The version built.
    pub version: String,
    /// Its licence (an SPDX expression such as `MIT OR Apache-2.0`).
    pub licence: String,
}

/// The crates under one licence.
#[derive(Debug, Clone, Serialize)]
pub struct LicenceGroup {
    /// The licence (SPDX expression).
    pub licence: String,
    /// `name version` of each crate under it, by name.
    pub crates: Vec<String>,
}

/// What the About dialog shows.
#[derive(Debug, Clone, Serialize)]
pub struct About {
    /// Rondo's version.
    pub version: String,
    /// Rondo's own licence.
    pub licence: String,
    /// The data folder.
    pub data_dir: String,
    /// The log file being written, or why there is none.
    pub log_file: String,
    /// How many crates the app is built from.
    pub crate_count: usize,
    /// Their licences, the most used first.
    pub licences: Vec<LicenceGroup>,
}

/// Every crate the app is built from.
pub fn crates() -> Vec<Crate> {
    serde_json::from_str(LICENCES_JSON).expect("the build step writes a list of crates")
}

/// `crates` grouped by licence, the licence most crates use first.
pub fn by_licence(crates: &[Crate]) -> Vec<LicenceGroup> {
    let mut groups: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for c in crates {
        groups
            .entry(c.licence.as_str())
            .or_default()
            .push(format!("{} {}", c.name, c.version));
    }
    let mut out: Vec<LicenceGroup> = groups
        .into_iter()
        .map(|(licence, crates)| LicenceGroup {
            licence: licence.to_string(),
            crates,
        })
        .collect();
    out.sort_by(|a, b| {
        b.crates
            .len()
            .cmp(&a.crates.len())
            .then(a.licence.cmp(&b.licence))
    });
    out
}

/// The About dialog's content for data folder `data_dir`.
pub fn about(data_dir: &std::path::Path) -> About {
    let crates = crates();
    About {
        version: env!("CARGO_PKG_VERSION").to_string(),
        licence: env!("CARGO_PKG_LICENSE").to_string(),
        data_dir: data_dir.display().to_string(),
        log_file: crate::logging::current_file()
            .map_or_else(|why| format!("none ({why})"), |p| p.display().to_string()),
        crate_count: crates.len(),
        licences: by_licence(&crates),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_list_names_the_crates_the_app_links_with_their_licences() {
        let all = crates();
        let find = |name: &str| all.iter().find(|c| c.name == name);
        let tauri = find("tauri").expect("tauri is listed");
        assert!(tauri.licence.contains("MIT"), "{tauri:?}");
        assert!(
            find("sled").is_some() && find("chrono-tz").is_some(),
            "the core's crates too"
        );
        assert!(
            find("rondo").is_none() && find("rondo-app").is_none(),
            "not Rondo itself"
        );
        assert!(find("fantoccini").is_none(), "no test-only crate");
        assert!(find("tauri-build").is_none(), "no build-only crate");
        assert!(all
            .iter()
            .all(|c| !c.licence.is_empty() && !c.version.is_empty()));
    }

    #[test]
    fn licences_are_grouped_the_most_used_first() {
        let c = |name: &str, licence: &str| Crate {
            name: name.into(),
            version: "1.0.0".into(),
            licence: licence.into(),
        };
        let groups = by_licence(&[c("a", "MIT"), c("b", "Apache-2.0"), c("c", "MIT")]);
        let seen: Vec<(&str, usize)> = groups
            .iter()
            .map(|g| (g.licence.as_str(), g.crates.len()))
            .collect();
        assert_eq!(seen, [("MIT", 2), ("Apache-2.0", 1)]);
        assert_eq!(groups[0].crates, ["a 1.0.0", "c 1.0.0"]);
    }
}
