//! What the window works on: the store opened in the data folder (or why it could not be
//! opened), the core's scheduling workbench (the options being worked on), and a cache of
//! the pipeline. Held in
//! Tauri's managed state; every lock is held briefly (long work runs outside them).

use crate::error::AppError;
use chrono::{DateTime, Utc};
use rondo::domain::Interviewer;
use rondo::store::Store;
use rondo::usecases::invites::SentLog;
use rondo::usecases::loops::Outbox;
use rondo::usecases::pipeline::PipelineRow;
use rondo::usecases::settings::Settings;
use rondo::usecases::workbench::Workbench;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard};

/// A file in the data folder that says its first start is done (the example team is
/// loaded only on the first start, so a team the coordinator cleared stays cleared).
pub const FIRST_START_DONE: &str = "first-start-done";

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
    /// The store; `Err` says why it could not be opened (shown instead of the screens).
    store: RwLock<Result<Store, AppError>>,
    /// What happened on start that the coordinator should know (the example team was
    /// loaded), shown once.
    pub notice: Mutex<Option<String>>,
    /// The options being worked on (the Schedule screen).
    pub workbench: Workbench,
    settings: Mutex<Settings>,
    /// One more after every change of the stored data (invalidates the cached lists).
    generation: AtomicU64,
    pipeline: Cached<Vec<PipelineRow>>,
    interviewers: Cached<Vec<Interviewer>>,
    dropped: Mutex<Option<PathBuf>>,
}

/// A list built from what is stored, kept until the stored data changes (the state's
/// generation moves on). The cache stays locked while it is rebuilt, so a second caller
/// waits for that build instead of making its own.
#[derive(Debug)]
struct Cached<T>(Mutex<Option<(u64, Arc<T>)>>);

impl<T> Default for Cached<T> {
    fn default() -> Self {
        Cached(Mutex::new(None))
    }
}

impl<T> Cached<T> {
    fn get(
        &self,
        generation: &AtomicU64,
        build: impl FnOnce() -> Result<T, AppError>,
    ) -> Result<Arc<T>, AppError> {
        let mut cache = lock(&self.0);
        let now = generation.load(Ordering::SeqCst);
        if let Some((g, value)) = cache.as_ref() {
            if *g == now {
                return Ok(value.clone());
            }
        }
        let value = Arc::new(build()?);
        *cache = Some((now, value.clone()));
        Ok(value)
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while a lock was held leaves a whole value (each is replaced whole).
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl AppState {
    /// Opens the store in `data_dir`; on its first start (an empty store) loads the
    /// example team around `now`. A store that cannot be opened is kept as the error the
    /// window shows.
    pub fn open(data_dir: PathBuf, dialogs: DialogOverrides, now: DateTime<Utc>) -> AppState {
        let mut notice = None;
        let store = Store::open(&data_dir).map_err(AppError::from).map(|mut s| {
            // Only the very first start of a data folder is seeded: a team the
            // coordinator cleared stays cleared.
            let marker = data_dir.join(FIRST_START_DONE);
            if !marker.exists() {
                match rondo::usecases::demo::seed_demo_if_empty(&mut s, now.date_naive(), now) {
                    Ok(true) => {
                        notice = Some(
                            "Welcome: Rondo loaded a small example team to try things on. Clear it in Settings when you start for real.".to_string(),
                        );
                    }
                    Ok(false) => {}
                    Err(e) => eprintln!("rondo-app: the example team could not be loaded: {e}"),
                }
                if let Err(e) = std::fs::write(&marker, b"") {
                    eprintln!("rondo-app: {} could not be written: {e}", marker.display());
                }
            }
            s
        });
        let settings = Settings::load(&data_dir);
        AppState {
            data_dir,
            dialogs,
            store: RwLock::new(store),
            notice: Mutex::new(notice),
            workbench: Workbench::default(),
            settings: Mutex::new(settings),
            generation: AtomicU64::new(0),
            pipeline: Cached::default(),
            interviewers: Cached::default(),
            dropped: Mutex::new(None),
        }
    }

    /// A state whose store could not be opened, for `error` (when even the data folder
    /// is unknown).
    pub fn failed(data_dir: PathBuf, error: AppError) -> AppState {
        AppState {
            data_dir,
            dialogs: DialogOverrides::default(),
            store: RwLock::new(Err(error)),
            notice: Mutex::new(None),
            workbench: Workbench::default(),
            settings: Mutex::new(Settings::default()),
            generation: AtomicU64::new(0),
            pipeline: Cached::default(),
            interviewers: Cached::default(),
            dropped: Mutex::new(None),
        }
    }

    /// Why the store could not be opened, if it could not.
    pub fn open_error(&self) -> Option<AppError> {
        self.store
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .err()
            .cloned()
    }

    /// Reads with the store (shared with other readers).
    pub fn read<T>(&self, f: impl FnOnce(&Store) -> Result<T, AppError>) -> Result<T, AppError> {
        let guard: RwLockReadGuard<'_, _> =
            self.store.read().unwrap_or_else(PoisonError::into_inner);
        match guard.as_ref() {
            Ok(store) => f(store),
            Err(e) => Err(e.clone()),
        }
    }

    /// Changes what is stored (counted, so cached views are rebuilt).
    pub fn write<T>(&self, f: impl FnOnce(&Store) -> Result<T, AppError>) -> Result<T, AppError> {
        let out = self.read(f);
        self.generation.fetch_add(1, Ordering::SeqCst);
        out
    }

    /// Replaces everything stored (a restore needs the store alone); the options worked
    /// on go with the old data.
    pub fn replace(
        &self,
        f: impl FnOnce(&mut Store) -> Result<(), AppError>,
    ) -> Result<(), AppError> {
        let mut guard = self.store.write().unwrap_or_else(PoisonError::into_inner);
        let store = guard.as_mut().map_err(|e| e.clone())?;
        let out = f(store);
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.workbench.clear();
        out
    }

    /// Counts a change made outside the store that the pipeline shows (invites written).
    pub fn touch(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Which invites were written, as stored now.
    pub fn sent(&self) -> Result<SentLog, AppError> {
        self.read(|s| Ok(SentLog::load(s)?))
    }

    /// Runs `f` with the outbox invites are written from (the organizer of the
    /// settings), then counts the change for the pipeline (what was sent is stored by
    /// the write). No lock of this state is held while `f` runs: it takes the store's.
    pub fn with_outbox<T>(
        &self,
        f: impl FnOnce(&Outbox) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let outbox = Outbox::of(&self.settings());
        let out = f(&outbox);
        self.touch();
        out
    }

    /// The coordinator's settings (who the invites come from).
    pub fn settings(&self) -> MutexGuard<'_, Settings> {
        lock(&self.settings)
    }

    /// The pipeline's lines, rebuilt only when the stored data changed since (a second
    /// caller waits for a build under way instead of making its own: the window asks
    /// while the start-up build is running).
    pub fn pipeline(&self, now: DateTime<Utc>) -> Result<Arc<Vec<PipelineRow>>, AppError> {
        self.pipeline.get(&self.generation, || {
            self.read(|s| Ok(rondo::usecases::pipeline::rows(s, now)?))
        })
    }

    /// Every interviewer by name, read again only when the stored data changed since
    /// (the People screen pages through them).
    pub fn interviewers(&self) -> Result<Arc<Vec<Interviewer>>, AppError> {
        self.interviewers.get(&self.generation, || {
            self.read(|s| Ok(rondo::usecases::people::by_name(s)?))
        })
    }

    /// Remembers the file last dropped on the window (the drop event comes from Rust,
    /// so the page never names a path).
    pub fn set_dropped(&self, path: PathBuf) {
        *lock(&self.dropped) = Some(path);
    }

    /// The file last dropped, once.
    pub fn take_dropped(&self) -> Option<PathBuf> {
        lock(&self.dropped).take()
    }
}
