//! What the window is working on: the data folder, the current scheduling request and the
//! engine's answer with the coordinator's manual moves. Held behind a mutex in Tauri's
//! managed state; every method is short (long work runs outside the lock).

use crate::error::{AppError, ErrorCode};
use rondo::problem::{Problem, ProblemDoc};
use rondo::solution::{PlacedRound, SolutionDoc};
use std::path::{Path, PathBuf};

/// The file in the data folder that holds the request being worked on.
pub const REQUEST_FILE: &str = "request.json";
use std::sync::{Mutex, MutexGuard};

/// The scheduling request shipped with the app, shown on first start: a four-round loop for
/// a candidate in Kolkata with a panel in Berlin, London, Singapore, New York and Kolkata.
pub const EXAMPLE_REQUEST: &str = include_str!("../resources/example-request.json");

/// The request being worked on, and what the engine and the coordinator made of it.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The request as entered (kept to edit and re-validate).
    pub doc: ProblemDoc,
    /// The validated request.
    pub problem: Problem,
    /// The engine's last answer, if any.
    pub answer: Option<SolutionDoc>,
    /// Each option as the coordinator adjusted it (starts as the engine's).
    pub edited: Vec<Vec<PlacedRound>>,
    /// The option booked, if any, and where its invites went.
    pub booked: Option<Booked>,
}

/// A booked option: its invites were written with `sequence` into `folder`.
#[derive(Debug, Clone, PartialEq)]
pub struct Booked {
    /// The option's index.
    pub option: usize,
    /// Its rounds as last sent.
    pub rounds: Vec<PlacedRound>,
    /// The SEQUENCE of the last invites written.
    pub sequence: u32,
    /// Where they were written.
    pub folder: PathBuf,
}

impl Workspace {
    /// A workspace on `doc`, validated by the core.
    pub fn new(doc: ProblemDoc) -> Result<Workspace, AppError> {
        let problem = Problem::from_doc(&doc)?;
        Ok(Workspace {
            doc,
            problem,
            answer: None,
            edited: Vec::new(),
            booked: None,
        })
    }

    /// The request saved in `dir` by [`AppState::save_request`], or the example on first
    /// start. A saved file that cannot be read is kept aside as `request.json.unreadable`
    /// (never overwritten silently) and the example is used; the reason is logged.
    pub fn open(dir: &Path) -> Workspace {
        let path = dir.join(REQUEST_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Workspace::example(),
            Err(e) => {
                eprintln!(
                    "rondo-app: {} could not be read ({e}); starting from the example",
                    path.display()
                );
                return Workspace::example();
            }
        };
        let parsed = serde_json::from_str::<ProblemDoc>(&text)
            .map_err(|e| e.to_string())
            .and_then(|doc| Workspace::new(doc).map_err(|e| e.message));
        parsed.unwrap_or_else(|why| {
            let aside = dir.join(format!("{REQUEST_FILE}.unreadable"));
            eprintln!(
                "rondo-app: {} is not a valid request ({why}); kept as {} and starting from the example",
                path.display(),
                aside.display()
            );
            let _ = std::fs::rename(&path, &aside);
            Workspace::example()
        })
    }

    /// The example request.
    pub fn example() -> Workspace {
        let doc: ProblemDoc =
            serde_json::from_str(EXAMPLE_REQUEST).expect("the bundled example request is JSON");
        Workspace::new(doc).expect("the bundled example request is valid")
    }

    /// Applies `change` to a copy of the request; keeps it only if the core accepts it.
    /// Any answer is dropped: it was found for the old request. A booking stays.
    pub fn edit(&mut self, change: impl FnOnce(&mut ProblemDoc)) -> Result<(), AppError> {
        let mut doc = self.doc.clone();
        change(&mut doc);
        let booked = self.booked.take();
        match Workspace::new(doc) {
            Ok(ws) => {
                *self = Workspace { booked, ..ws };
                Ok(())
            }
            Err(e) => {
                self.booked = booked;
                Err(e)
            }
        }
    }

    /// The adjusted option `index`, or an error that says to find options first.
    pub fn option(&self, index: usize) -> Result<&[PlacedRound], AppError> {
        if self.answer.is_none() {
            return Err(AppError::new(
                ErrorCode::NotReady,
                "There are no options yet. Press \u{201c}Find options\u{201d} first.",
            ));
        }
        self.edited.get(index).map(Vec::as_slice).ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                format!(
                    "Option {} does not exist. Pick one of the options listed.",
                    index + 1
                ),
            )
        })
    }
}

/// Answers for the file dialogs when the window is driven by tests (no person to click):
/// `RONDO_TEST_PICK_FILE` and `RONDO_TEST_PICK_FOLDER`. Unset in normal use.
#[derive(Debug, Clone, Default)]
pub struct DialogOverrides {
    /// The file every "choose a file" dialog returns.
    pub file: Option<PathBuf>,
    /// The folder every "choose a folder" dialog returns.
    pub folder: Option<PathBuf>,
}

impl DialogOverrides {
    /// Reads the overrides from the environment.
    pub fn from_env() -> DialogOverrides {
        DialogOverrides {
            file: std::env::var_os("RONDO_TEST_PICK_FILE").map(PathBuf::from),
            folder: std::env::var_os("RONDO_TEST_PICK_FOLDER").map(PathBuf::from),
        }
    }
}

/// Tauri's managed state for the window.
#[derive(Debug)]
pub struct AppState {
    /// Where Rondo keeps its data.
    pub data_dir: PathBuf,
    /// Dialog answers for tests.
    pub dialogs: DialogOverrides,
    workspace: Mutex<Workspace>,
    dropped: Mutex<Option<PathBuf>>,
}

impl AppState {
    /// State on `data_dir`, starting with `workspace`.
    pub fn new(data_dir: PathBuf, workspace: Workspace, dialogs: DialogOverrides) -> AppState {
        AppState {
            data_dir,
            dialogs,
            workspace: Mutex::new(workspace),
            dropped: Mutex::new(None),
        }
    }

    /// Writes the workspace's request to the data folder (a temporary file renamed over
    /// the old one, so a crash leaves the old or the new request, never half of one).
    pub fn save_request(&self) -> Result<(), AppError> {
        let json =
            serde_json::to_string_pretty(&self.workspace().doc).map_err(AppError::internal)?;
        let path = self.data_dir.join(REQUEST_FILE);
        let tmp = self.data_dir.join(format!("{REQUEST_FILE}.tmp"));
        std::fs::write(&tmp, json)
            .and_then(|()| std::fs::rename(&tmp, &path))
            .map_err(|e| {
                AppError::new(
                    ErrorCode::File,
                    format!(
                        "The change is made but could not be saved in {} ({e}). Check that the disk has room and that you may write there.",
                        self.data_dir.display()
                    ),
                )
            })
    }

    /// Remembers the file last dropped on the window (the drop event comes from Rust,
    /// so the page never names a path).
    pub fn set_dropped(&self, path: PathBuf) {
        *self
            .dropped
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(path);
    }

    /// The file last dropped, once.
    pub fn take_dropped(&self) -> Option<PathBuf> {
        self.dropped
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    }

    /// The workspace, locked. A panic while it was held leaves it usable (it is replaced
    /// whole by every edit, never left half-changed).
    pub fn workspace(&self) -> MutexGuard<'_, Workspace> {
        self.workspace
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
