//! Calendars in and out: an interviewer's `.ics` read into busy time, and the invites of a
//! booked option written to a folder the coordinator chooses (updates keep the UIDs and
//! raise SEQUENCE).

use crate::dialogs;
use crate::error::{AppError, ErrorCode};
use crate::state::{AppState, Booked, Workspace};
use chrono::{DateTime, Utc};
use rondo::ical::export::{invites_for_option, InviteFile, Person};
use rondo::ical::import::{busy_from_ics, BusyImport, ImportOptions, Window};
use rondo::problem::IntervalDoc;
use rondo::solution::{OptionDoc, PlacedRound, Score};
use rondo::zone::parse_zone;
use serde::Serialize;
use std::path::{Path, PathBuf};
use tauri::{Emitter, State};

/// What an import read, for the summary the coordinator sees.
#[derive(Debug, Clone, Serialize)]
pub struct ImportSummary {
    /// Whose calendar.
    pub name: String,
    /// The file's name.
    pub file: String,
    /// Events read.
    pub events: usize,
    /// Occurrences in the request's dates.
    pub occurrences: usize,
    /// Busy blocks kept (merged).
    pub busy_blocks: usize,
    /// Busy time in hours, one decimal.
    pub busy_hours: f64,
    /// Events left out, each as "line N: why".
    pub skipped: Vec<String>,
    /// Caveats (the event was imported), each as "line N: what".
    pub warnings: Vec<String>,
}

/// A step of a long import, sent as the `import-progress` event.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// Whose calendar.
    pub name: String,
    /// What is happening, in words.
    pub step: String,
    /// 0–100.
    pub percent: u8,
}

fn file_error(path: &Path, e: std::io::Error, what: &str) -> AppError {
    AppError::new(
        ErrorCode::File,
        format!(
            "{} could not be {what} ({e}). Check that it exists and that you may use it.",
            path.display()
        ),
    )
}

/// Reads `text` as interviewer `id`'s calendar over the request's dates and replaces their
/// busy time with it (all or nothing).
pub fn import_into(
    ws: &mut Workspace,
    id: &str,
    file: &str,
    text: &str,
) -> Result<ImportSummary, AppError> {
    let Some(ix) = ws.doc.interviewers.iter().position(|i| i.id == id) else {
        return Err(AppError::new(
            ErrorCode::NotFound,
            "That interviewer no longer exists. The list has been refreshed.",
        ));
    };
    let doc = &ws.doc.interviewers[ix];
    let name = doc.name.clone().unwrap_or_else(|| doc.id.clone());
    let zone = parse_zone(&doc.time_zone)
        .ok_or_else(|| AppError::internal("a validated zone no longer parses"))?;
    let window = Window::new(ws.problem.horizon.start, ws.problem.horizon.end)
        .map_err(AppError::internal)?;
    let read: BusyImport = busy_from_ics(text, window, &ImportOptions::in_zone(zone))
        .map_err(|e| AppError::bad_input(format!("{file} was not imported for {name}: {e}.")))?;
    let busy: Vec<IntervalDoc> = read
        .busy
        .iter()
        .map(|i| IntervalDoc {
            start: i.start.fixed_offset(),
            end: i.end.fixed_offset(),
        })
        .collect();
    ws.edit(|d| d.interviewers[ix].busy = busy)?;
    Ok(ImportSummary {
        name,
        file: file.to_string(),
        events: read.events,
        occurrences: read.occurrences,
        busy_blocks: read.busy.len(),
        busy_hours: (read.busy_seconds() as f64 / 360.0).round() / 10.0,
        skipped: read
            .skipped
            .iter()
            .map(|s| format!("line {}: {}", s.line, s.reason))
            .collect(),
        warnings: read
            .warnings
            .iter()
            .map(|w| format!("line {}: {}", w.line, w.reason))
            .collect(),
    })
}

/// Imports an interviewer's calendar from a file the coordinator chooses, off the main
/// thread, with `import-progress` events.
#[tauri::command]
pub async fn import_calendar<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> Result<ImportSummary, AppError> {
    let path = dialogs::pick_file(&app, &state, "Calendar (.ics)", &["ics", "ical", "ifb"])?;
    import_path(&app, &state, &id, path).await
}

/// Imports the calendar file last dropped on the window for interviewer `id`.
#[tauri::command]
pub async fn import_dropped_calendar<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> Result<ImportSummary, AppError> {
    let Some(path) = state.take_dropped() else {
        return Err(AppError::new(
            ErrorCode::NotReady,
            "Drop one .ics file on an interviewer's row to import it.",
        ));
    };
    import_path(&app, &state, &id, path).await
}

async fn import_path<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    state: &AppState,
    id: &str,
    path: PathBuf,
) -> Result<ImportSummary, AppError> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    let progress = |step: &str, percent: u8| {
        let _ = app.emit(
            "import-progress",
            Progress {
                name: id.to_string(),
                step: step.to_string(),
                percent,
            },
        );
    };
    progress(&format!("Reading {file}…"), 10);
    let read_path = path.clone();
    let text = tauri::async_runtime::spawn_blocking(move || std::fs::read(&read_path))
        .await
        .map_err(AppError::internal)?
        .map_err(|e| file_error(&path, e, "read"))?;
    let text = String::from_utf8_lossy(&text).into_owned();
    progress("Reading the events…", 40);
    // The import itself runs on a worker thread on a copy of the workspace; the result
    // replaces the workspace only if nothing changed meanwhile.
    let mut copy = state.workspace().clone();
    let (id_owned, file_owned) = (id.to_string(), file.clone());
    let (copy, summary) = tauri::async_runtime::spawn_blocking(move || {
        let s = import_into(&mut copy, &id_owned, &file_owned, &text);
        (copy, s)
    })
    .await
    .map_err(AppError::internal)?;
    let summary = summary?;
    {
        let mut ws = state.workspace();
        if ws.doc.interviewers.len() != copy.doc.interviewers.len() {
            return Err(AppError::new(
                ErrorCode::NotReady,
                "The team changed during the import. Import the calendar again.",
            ));
        }
        *ws = copy;
    }
    state.save_request()?;
    progress("Done", 100);
    Ok(summary)
}

/// The invite files written for a booked option.
#[derive(Debug, Clone, Serialize)]
pub struct Sent {
    /// The folder.
    pub folder: String,
    /// The files, by name.
    pub files: Vec<String>,
    /// The SEQUENCE written (0 for the first invites).
    pub sequence: u32,
    /// The option booked (0-based).
    pub option: usize,
}

/// The organizer of the invites (the coordinator).
pub fn organizer() -> Person {
    Person {
        name: "Rondo Recruiting".into(),
        email: "recruiting@example.com".into(),
    }
}

/// Writes the invites of a schedule of the workspace's request, with `sequence`, into
/// `folder`. A schedule that breaks a rule is refused: invites must never go out for it.
pub fn write_invites(
    ws: &Workspace,
    rounds: &[PlacedRound],
    sequence: u32,
    folder: &Path,
    now: DateTime<Utc>,
) -> Result<Vec<InviteFile>, AppError> {
    if let Some(v) = rondo::engine::check(&ws.problem, rounds).first() {
        return Err(AppError::bad_input(format!(
            "This option breaks a rule ({}). Move the round back or undo your moves before sending invites.",
            v.message
        )));
    }
    let option = OptionDoc {
        finish: rounds.iter().map(|r| r.end).max().unwrap_or(now),
        rounds: rounds.to_vec(),
        score: Score {
            total: 0.0,
            parts: Default::default(),
            reasons: Vec::new(),
        },
    };
    let files = invites_for_option(&ws.problem, &option, &organizer(), sequence, now)
        .map_err(|e| AppError::bad_input(format!("The invites could not be made: {e}.")))?;
    std::fs::create_dir_all(folder).map_err(|e| file_error(folder, e, "created"))?;
    for f in &files {
        let path = folder.join(&f.name);
        std::fs::write(&path, &f.text).map_err(|e| file_error(&path, e, "written"))?;
    }
    Ok(files)
}

/// Books option `option` as adjusted: writes its invites into `folder` and remembers it.
pub fn book_into(
    ws: &mut Workspace,
    option: usize,
    folder: &Path,
    now: DateTime<Utc>,
) -> Result<Sent, AppError> {
    let rounds = ws.option(option)?.to_vec();
    let files = write_invites(ws, &rounds, 0, folder, now)?;
    ws.booked = Some(Booked {
        option,
        rounds,
        sequence: 0,
        folder: folder.to_path_buf(),
    });
    Ok(sent(folder, &files, 0, option))
}

/// Writes the booked loop again as it now stands (the booked option as adjusted since),
/// with the same UIDs and SEQUENCE + 1, into the booking's folder.
pub fn update_into(ws: &mut Workspace, now: DateTime<Utc>) -> Result<Sent, AppError> {
    let Some(b) = ws.booked.clone() else {
        return Err(AppError::new(
            ErrorCode::NotReady,
            "Nothing is booked yet. Book an option first.",
        ));
    };
    let rounds = match ws.answer {
        Some(_) => ws.option(b.option)?.to_vec(),
        None => b.rounds.clone(),
    };
    let files = write_invites(ws, &rounds, b.sequence + 1, &b.folder, now)?;
    let sequence = b.sequence + 1;
    let folder = b.folder.clone();
    ws.booked = Some(Booked {
        rounds,
        sequence,
        ..b
    });
    Ok(sent(
        &folder,
        &files,
        sequence,
        ws.booked.as_ref().map_or(0, |b| b.option),
    ))
}

/// Books option `option` and writes its invites into a folder chosen in a dialog.
#[tauri::command]
pub async fn book_option<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    option: usize,
) -> Result<Sent, AppError> {
    let folder = dialogs::pick_folder(&app, &state, "Folder for the invites")?;
    book_into(&mut state.workspace(), option, &folder, Utc::now())
}

/// Writes updated invites of the booked loop (same UIDs, SEQUENCE + 1).
#[tauri::command]
pub fn send_update(state: State<'_, AppState>) -> Result<Sent, AppError> {
    update_into(&mut state.workspace(), Utc::now())
}

fn sent(folder: &Path, files: &[InviteFile], sequence: u32, option: usize) -> Sent {
    Sent {
        folder: folder.display().to_string(),
        files: files.iter().map(|f| f.name.clone()).collect(),
        sequence,
        option,
    }
}
