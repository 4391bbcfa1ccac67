//! How the record commands print: aligned text tables for people, JSON for scripts, and
//! instants shown in a zone with the zone's name (and UTC) beside them.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use clap::Args;
use serde::Serialize;

/// `--json`: machine-readable output instead of a table.
#[derive(Debug, Clone, Copy, Args)]
pub struct Output {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

impl Output {
    /// Prints `value` as pretty JSON, or `table()` as text.
    pub fn print<T: Serialize + ?Sized>(
        &self,
        value: &T,
        table: impl FnOnce() -> String,
    ) -> anyhow::Result<()> {
        if self.json {
            emit(&(serde_json::to_string_pretty(value)? + "\n"))
        } else {
            emit(&table())
        }
    }
}

/// Writes `text` to standard output; a closed pipe (`rondo … | head`) is not an error.
pub fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Rows under a header, each column as wide as its widest cell.
pub fn render(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (k, cell) in r.iter().enumerate() {
            if let Some(w) = widths.get_mut(k) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let line = |cells: Vec<String>| -> String {
        let mut out = String::new();
        for (k, c) in cells.iter().enumerate() {
            let pad = widths
                .get(k)
                .copied()
                .unwrap_or(0)
                .saturating_sub(c.chars().count());
            out.push_str(c);
            if k + 1 < cells.len() {
                out.push_str(&" ".repeat(pad + 2));
            }
        }
        out.trim_end().to_string() + "\n"
    };
    let mut out = line(header.iter().map(|h| h.to_string()).collect());
    for r in rows {
        out.push_str(&line(r.clone()));
    }
    if rows.is_empty() {
        out.push_str("(none)\n");
    }
    out
}

/// `Mon 2026-03-09 09:00` on the wall clock of `tz`.
pub fn local(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%a %Y-%m-%d %H:%M").to_string()
}

/// `Mon 2026-03-09 09:00-10:00 Europe/Berlin` (the end's date too if it differs).
pub fn span(start: DateTime<Utc>, end: DateTime<Utc>, tz: Tz) -> String {
    let (s, e) = (start.with_timezone(&tz), end.with_timezone(&tz));
    let end_text = if s.date_naive() == e.date_naive() {
        e.format("%H:%M").to_string()
    } else {
        e.format("%a %Y-%m-%d %H:%M").to_string()
    };
    format!("{}-{} {}", local(start, tz), end_text, tz.name())
}
