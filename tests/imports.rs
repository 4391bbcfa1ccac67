//! The core's modules form no circle of imports: each part can be read, tested and
//! changed from the bottom up (formats and the domain, then the engine, then the store,
//! then the use cases). The graph is read from the sources: a file's `crate::a::…` and
//! `super::…` paths are edges from its module to `a`; the use cases count one node per
//! use case (`usecases::bookings`), as they call each other. Unit-test modules
//! (`#[cfg(test)] mod …`) are left out: they are not part of the library, and a test may
//! build its data with any part of the core (the example team, say).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The node of a file given by its path components under `src/` (`None`: the binary's
/// files and the crate root, which only declare modules).
fn node_of(parts: &[&str]) -> Option<String> {
    let stem = |p: &str| p.trim_end_matches(".rs").to_string();
    match parts {
        ["main.rs" | "lib.rs"] | ["cli", ..] => None,
        ["usecases", "mod.rs" | "error.rs"] => Some("usecases".into()),
        ["usecases", sub, ..] => Some(format!("usecases::{}", stem(sub))),
        [top, ..] => Some(stem(top)),
        [] => None,
    }
}

/// The text without `//` comments (doc links name modules without using them) and
/// without its unit-test modules.
fn code(text: &str) -> String {
    let mut text = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    while let Some(at) = test_module(&text) {
        text.replace_range(at, "");
    }
    text
}

/// Where the first `#[cfg(test)] mod name { … }` of `text` is, attribute to closing brace.
fn test_module(text: &str) -> Option<std::ops::Range<usize>> {
    let mut from = 0;
    while let Some(found) = text[from..].find("#[cfg(test)]") {
        let start = from + found;
        let after = text[start + "#[cfg(test)]".len()..].trim_start();
        from = start + 1;
        if !after.starts_with("mod ") {
            continue;
        }
        let open = start + text[start..].find('{')?;
        let mut depth = 0;
        for (k, c) in text[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(start..open + k + 1);
                    }
                }
                _ => {}
            }
        }
        return Some(start..text.len());
    }
    None
}

fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first names of the paths at the start of `s`: `a::…` gives `a`, `{a, b::c}`
/// gives `a` and `b`.
fn heads(s: &str) -> Vec<String> {
    let Some(group) = s.strip_prefix('{') else {
        return vec![ident(s).to_string()];
    };
    let (mut depth, mut item, mut out) = (0, String::new(), Vec::new());
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(ident(item.trim()).to_string());
                item.clear();
                continue;
            }
            _ => {}
        }
        item.push(c);
    }
    out.push(ident(item.trim()).to_string());
    out.retain(|h| !h.is_empty());
    out
}

/// The modules named after `crate::` (with the use case for `crate::usecases::x`).
fn crate_targets(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        for head in heads(rest) {
            if head == "usecases" {
                let after = rest
                    .trim_start_matches('{')
                    .trim_start()
                    .strip_prefix("usecases::");
                match after {
                    Some(sub) => out.extend(heads(sub).into_iter().map(|s| use_case(&s))),
                    None => {
                        out.insert("usecases".to_string());
                    }
                }
            } else {
                out.insert(head);
            }
        }
    }
    out
}

/// The node of `usecases::name` (an item of the module itself, such as the error, is
/// the root node).
fn use_case(name: &str) -> String {
    if name.chars().next().is_some_and(char::is_uppercase) {
        "usecases".into()
    } else {
        format!("usecases::{name}")
    }
}

/// The use cases a file inside `usecases/` names through `super::` paths.
fn super_targets(text: &str, parts: &[&str]) -> BTreeSet<String> {
    // From usecases/x.rs, `super::` is `usecases`; from usecases/x/y.rs it is `x`
    // (the same node) and `super::super::` is `usecases`.
    let prefix = match parts {
        ["usecases", _] => "super::",
        ["usecases", _, _] => "super::super::",
        _ => return BTreeSet::new(),
    };
    let mut out = BTreeSet::new();
    for (at, _) in text.match_indices(prefix) {
        if text[..at].ends_with("super::") {
            continue;
        }
        let rest = &text[at + prefix.len()..];
        if rest.starts_with("super::") {
            continue;
        }
        out.extend(heads(rest).into_iter().map(|h| use_case(&h)));
    }
    out
}

/// The import graph of the core library, by module.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let modules: BTreeSet<String> = files
        .iter()
        .filter_map(|f| {
            let rel = f.strip_prefix(&src).expect("under src");
            let parts: Vec<&str> = rel.iter().map(|p| p.to_str().expect("utf-8")).collect();
            node_of(&parts)
        })
        .collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let rel = f.strip_prefix(&src).expect("under src");
        let parts: Vec<&str> = rel.iter().map(|p| p.to_str().expect("utf-8")).collect();
        let Some(node) = node_of(&parts) else {
            continue;
        };
        let text = code(&std::fs::read_to_string(f).expect("read a source"));
        let mut targets = crate_targets(&text);
        targets.extend(super_targets(&text, &parts));
        let entry = edges.entry(node.clone()).or_default();
        entry.extend(
            targets
                .into_iter()
                .filter(|t| t != &node && modules.contains(t)),
        );
    }
    edges
}

/// A circle through `from`, if there is one.
fn circle(
    edges: &BTreeMap<String, BTreeSet<String>>,
    from: &str,
    path: &mut Vec<String>,
) -> Option<Vec<String>> {
    for next in edges.get(from).into_iter().flatten() {
        if let Some(k) = path.iter().position(|p| p == next) {
            let mut found = path[k..].to_vec();
            found.push(next.clone());
            return Some(found);
        }
        path.push(next.clone());
        if let Some(found) = circle(edges, next, path) {
            return Some(found);
        }
        path.pop();
    }
    None
}

#[test]
fn the_core_has_no_circle_of_imports() {
    let edges = graph();
    assert!(
        edges.get("engine").is_some_and(|e| e.contains("solution")),
        "the graph is read (the engine writes answers): {edges:#?}"
    );
    assert!(
        edges
            .get("usecases::bookings")
            .is_some_and(|e| e.contains("usecases::propose")),
        "use cases are nodes of their own: {edges:#?}"
    );
    for from in edges.keys() {
        let mut path = vec![from.clone()];
        if let Some(found) = circle(&edges, from, &mut path) {
            panic!("a circle of imports: {}", found.join(" -> "));
        }
    }
}

#[test]
fn the_reader_finds_paths_in_groups_and_use_cases() {
    let text = "use crate::{domain::{A, B}, store::Store};\nlet x = crate::usecases::{propose::p, UseCaseError};";
    let found: Vec<String> = crate_targets(text).into_iter().collect();
    assert_eq!(
        found,
        ["domain", "store", "usecases", "usecases::propose"],
        "every head of a group"
    );
    let inner = super_targets(
        "use super::bookings::book;\nuse super::UseCaseError;",
        &["usecases", "demo.rs"],
    );
    assert_eq!(
        inner.into_iter().collect::<Vec<_>>(),
        ["usecases", "usecases::bookings"],
        "super:: inside the use cases"
    );
}

#[test]
fn unit_test_modules_are_left_out_and_the_code_after_them_is_kept() {
    let text = "use crate::domain::A;\n#[cfg(test)]\nmod tests {\n    use crate::example::team;\n    fn f() { if x { format!(\"{y}\") } }\n}\nuse crate::store::S;\n#[cfg(test)]\nfn helper() { crate::zone::z(); }";
    let found: Vec<String> = crate_targets(&code(text)).into_iter().collect();
    assert_eq!(
        found,
        ["domain", "store", "zone"],
        "the test module goes; what follows it and a test-only function stay"
    );
}
