//! The licences of every crate the app is built from, listed at build time from
//! `cargo metadata` (the resolved graph of this build's target, normal dependencies only,
//! walked from `rondo-app`) into `$OUT_DIR/licences.json`, which Help → About shows.
//! Nothing is typed by hand, so the list follows Cargo.lock; `--offline` keeps the build
//! off the network (the crates are already there: they are being built).

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Writes `$OUT_DIR/licences.json`: `[{"name", "version", "licence"}]` sorted by name.
pub fn write() {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let workspace = manifest_dir
        .parent()
        .expect("src-tauri lies in the workspace");
    for file in ["Cargo.lock", "Cargo.toml", "src-tauri/Cargo.toml"] {
        println!("cargo:rerun-if-changed={}", workspace.join(file).display());
    }
    let metadata = metadata(&manifest_dir);
    let crates = dependencies(&metadata, "rondo-app");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("licences.json");
    let text = serde_json::to_string(&crates).expect("a list of strings serialises");
    std::fs::write(&out, text)
        .unwrap_or_else(|e| panic!("{} could not be written: {e}", out.display()));
}

/// `cargo metadata` of the package in `manifest_dir`, for the target being built.
fn metadata(manifest_dir: &Path) -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let target = std::env::var("TARGET").expect("cargo sets it");
    let output = std::process::Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--offline",
            "--filter-platform",
        ])
        .arg(&target)
        .arg("--manifest-path")
        .arg(manifest_dir.join("Cargo.toml"))
        .output()
        .unwrap_or_else(|e| {
            panic!("cargo metadata could not run (the licence list needs it): {e}")
        });
    if !output.status.success() {
        panic!(
            "cargo metadata failed (the licence list needs it): {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON")
}

/// Every crate `root` depends on (normal dependencies, transitively; not itself, nor the
/// workspace's own packages), as `{name, version, licence}` sorted by name and version.
fn dependencies(metadata: &Value, root: &str) -> Vec<BTreeMap<&'static str, String>> {
    let packages: BTreeMap<&str, &Value> = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|p| (p["id"].as_str().expect("package id"), p))
        .collect();
    let members: BTreeSet<&str> = metadata["workspace_members"]
        .as_array()
        .expect("workspace members")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let nodes: BTreeMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .expect("the resolved graph")
        .iter()
        .map(|n| (n["id"].as_str().expect("node id"), n))
        .collect();
    let start = packages
        .iter()
        .find(|(id, p)| members.contains(*id) && p["name"] == root)
        .map(|(id, _)| *id)
        .unwrap_or_else(|| panic!("{root} is not in the workspace"));
    let mut seen = BTreeSet::from([start]);
    let mut todo = vec![start];
    while let Some(id) = todo.pop() {
        for dep in nodes[id]["deps"].as_array().into_iter().flatten() {
            let normal = dep["dep_kinds"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|k| k["kind"].is_null());
            let dep_id = dep["pkg"].as_str().expect("dependency id");
            if normal && seen.insert(dep_id) {
                todo.push(dep_id);
            }
        }
    }
    let mut out: Vec<BTreeMap<&'static str, String>> = seen
        .into_iter()
        .filter(|id| !members.contains(id))
        .map(|id| {
            let p = packages[id];
            let licence = p["license"].as_str().map_or_else(
                || "see the crate's licence file".to_string(),
                str::to_string,
            );
            BTreeMap::from([
                ("name", p["name"].as_str().unwrap_or_default().to_string()),
                (
                    "version",
                    p["version"].as_str().unwrap_or_default().to_string(),
                ),
                ("licence", licence),
            ])
        })
        .collect();
    out.sort_by(|a, b| (&a["name"], &a["version"]).cmp(&(&b["name"], &b["version"])));
    out
}
