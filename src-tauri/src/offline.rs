//! The desk without its server (`plenary_core::offline`), in the app: the cache of the event
//! this machine works on, whether the server answers, and the commands of the "Needs review"
//! list.
//!
//! On a server, the window asks [`desk_status`] every few seconds. When the server answers,
//! that call sends what the cache has queued (the automatic replay), brings the cache up to
//! date when the server's revision has moved, and counts the clashes to review. When it does
//! not (or any command finds it gone), the app is offline: the desk's commands work on the
//! cache (`AppState::read`, `AppState::desk_write`) and every other command is refused with
//! `error.offline_not_allowed`, until a status call finds the server again.

use crate::error::ApiError;
use crate::state::AppState;
use plenary_core::db::{self, Connection};
use plenary_core::directory::DirectoryCache;
use plenary_core::offline::{self, Cache, ReviewItem, SyncReport};
use plenary_core::{clock, Error, Result};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use tauri::State;

type Reply<T> = std::result::Result<T, ApiError>;

/// Chooses the cache file instead of the app-data folder's (as `--cache` does for the CLI):
/// two apps on one machine, in tests, each keep their own.
pub const CACHE_ENV: &str = "PLENARY_CACHE";

/// The cache and whether the server is gone. The flag is apart from the cache's lock, which a
/// sync or a copy of the event holds for seconds: commands that work online never wait on it.
#[derive(Default)]
pub struct DeskCache {
    inner: Mutex<Inner>,
    offline: AtomicBool,
    /// The last cache problem written to the log, so that a status call every 5 seconds does
    /// not write it again each time.
    logged: Mutex<String>,
    /// Attendee lists of the cache kept for search-as-you-type, as `AppState::directories`
    /// keeps the store's.
    pub directories: DirectoryCache,
}

#[derive(Default)]
struct Inner {
    /// The server's address (without its password) the cache is for, and the cache.
    cache: Option<(String, Cache)>,
}

impl DeskCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn is_offline(&self) -> bool {
        self.offline.load(Ordering::SeqCst)
    }

    pub fn set_offline(&self, offline: bool) {
        self.offline.store(offline, Ordering::SeqCst);
    }

    /// Runs `f` on the cache of the server at `address`, opening it first if needed.
    pub fn with<T>(&self, address: &str, f: impl FnOnce(&mut Cache) -> Result<T>) -> Result<T> {
        let mut inner = self.lock();
        if inner.cache.as_ref().is_none_or(|(a, _)| a != address) {
            let path = std::env::var_os(CACHE_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .or_else(|| offline::default_cache_path(address))
                .ok_or_else(|| Error::invalid("cache", plenary_core::Code::NoDataFolder))?;
            inner.cache = Some((address.to_owned(), Cache::open_or_renew(&path, address)?));
        }
        let (_, cache) = inner.cache.as_mut().expect("opened above");
        f(cache)
    }

    /// Logs a problem of the cache unless it is the one logged last.
    fn log_once(&self, err: &Error) {
        let text = err.to_string();
        let mut last = self
            .logged
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if *last != text {
            log::warn!("the desk's cache: {text}");
            *last = text;
        }
    }

    /// Forgets the cache (the app now works on another store).
    pub fn close(&self) {
        self.lock().cache = None;
        self.set_offline(false);
    }

    /// Moves the cache of the server at `address` aside (`Cache::set_aside`); returns where.
    fn set_aside(&self, address: &str) -> Result<PathBuf> {
        let mut inner = self.lock();
        inner.cache = None;
        Cache::set_aside(&cache_path(address)?, clock::now())
    }
}

/// The cache file of the server at `address`: `PLENARY_CACHE`, else the app-data folder's.
fn cache_path(address: &str) -> Result<PathBuf> {
    std::env::var_os(CACHE_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| offline::default_cache_path(address))
        .ok_or_else(|| Error::invalid("cache", plenary_core::Code::NoDataFolder))
}

/// Whether the window shows the offline banner, and what it says.
#[derive(Debug, Clone, Default, Serialize, specta::Type)]
pub struct DeskStatus {
    /// Whether the store is a server (on a file there is nothing to lose).
    pub on_server: bool,
    pub offline: bool,
    /// When the cache last matched the server (RFC 3339, UTC; empty: never).
    pub refreshed_at: String,
    /// Desk actions waiting to be sent.
    pub pending: u32,
    /// Clashes waiting for someone to accept or dismiss them (0 while offline).
    pub reviews: u32,
    /// What this call sent, if it sent anything.
    pub synced: Option<SyncReport>,
    /// Why the queue could not be sent or the cache could not be used, if so.
    pub problem: Option<ApiError>,
}

/// Where the server is, without its password (`None` on a file).
fn server_of(state: &AppState) -> Option<String> {
    db::server_address(&state.db_path()).map(plenary_core::server::without_password)
}

/// Checks the server, sends the queue, brings the cache up to date: see the module's notes.
#[tauri::command]
#[specta::specta]
pub async fn desk_status(state: State<'_, AppState>, event_id: String) -> Reply<DeskStatus> {
    let Some(address) = server_of(&state) else {
        return Ok(DeskStatus::default());
    };
    let mut status = DeskStatus {
        on_server: true,
        ..DeskStatus::default()
    };
    // While offline, a connection of our own: the pool would wait out its timeout first.
    let conn = if state.desk.is_offline() {
        db::open(&state.db_path()).map(crate::state::Conn::Own)
    } else {
        state.open_store()
    };
    let conn = conn.and_then(|c| c.ping().map(|()| c));
    match conn {
        Ok(mut conn) => {
            state.desk.set_offline(false);
            let work = state.desk.with(&address, |cache| {
                if cache.info()?.pending > 0 {
                    status.synced = Some(offline::sync(&mut conn, cache, clock::now())?);
                }
                cache.refresh(&conn, &event_id, clock::now())
            });
            match work {
                // A new copy: the lists kept for search-as-you-type load from it.
                Ok(true) => state.desk.directories.clear(),
                Ok(false) => {}
                Err(e) if offline::is_offline(&e) => state.desk.set_offline(true),
                // Busy, or a fault that passes: the next call tries again.
                Err(e) if offline::is_transient(&e) => log::info!("the desk's cache: {e}"),
                Err(e) => {
                    state.desk.log_once(&e);
                    status.problem = Some(ApiError::from(e));
                }
            }
            if !state.desk.is_offline() {
                status.reviews = offline::review_count(&conn, &event_id).unwrap_or(0);
            }
        }
        Err(e) if offline::is_offline(&e) => state.desk.set_offline(true),
        Err(e) => return Err(e.into()),
    }
    status.offline = state.desk.is_offline();
    if let Ok(info) = state.desk.with(&address, |cache| cache.info()) {
        status.refreshed_at = info.refreshed_at;
        status.pending = info.pending;
    }
    Ok(status)
}

/// Moves a cache that cannot be sent to this server aside, whole, with its queue, so that a new
/// one is made; returns where the old one now is.
#[tauri::command]
#[specta::specta]
pub async fn set_aside_cache(state: State<'_, AppState>) -> Reply<String> {
    let Some(address) = server_of(&state) else {
        return Err(not_while_offline().into());
    };
    Ok(state.desk.set_aside(&address)?.display().to_string())
}

/// The clashes of the event that wait for someone to accept or dismiss them.
#[tauri::command]
#[specta::specta]
pub async fn review_list(state: State<'_, AppState>, event_id: String) -> Reply<Vec<ReviewItem>> {
    Ok(offline::review_list(&*state.open()?, &event_id)?)
}

/// Accepts or dismisses a clash; returns the list left.
#[tauri::command]
#[specta::specta]
pub async fn resolve_review(
    state: State<'_, AppState>,
    id: String,
    accept: bool,
) -> Reply<Vec<ReviewItem>> {
    Ok(offline::resolve_review(
        &mut *state.open()?,
        &id,
        accept,
        clock::now(),
    )?)
}

impl AppState {
    /// Runs a desk's reading command on the store, or on the cache while the server cannot be
    /// reached (and when this call finds it gone).
    pub fn read<T>(&self, f: impl Fn(&Connection, &DirectoryCache) -> Result<T>) -> Result<T> {
        let Some(address) = server_of(self) else {
            return f(&*self.open()?, &self.directories);
        };
        if !self.desk.is_offline() {
            match self.open_store().and_then(|c| f(&c, &self.directories)) {
                Err(e) if offline::is_offline(&e) => self.desk.set_offline(true),
                other => return other,
            }
        }
        self.desk
            .with(&address, |cache| f(cache.conn(), &self.desk.directories))
    }

    /// Runs a desk action on the store (`online`), or, while the server cannot be reached,
    /// on the cache, which queues it (`offline`).
    pub fn desk_write<T>(
        &self,
        online: impl FnOnce(&mut Connection) -> Result<T>,
        offline: impl FnOnce(&mut Cache, &str) -> Result<T>,
    ) -> Result<T> {
        let Some(address) = server_of(self) else {
            return online(&mut *self.open()?);
        };
        if !self.desk.is_offline() {
            match self.open_store() {
                Ok(mut conn) => match online(&mut conn) {
                    // Lost during the action: the server knows whether it was saved (it was
                    // whole or not at all), so it is not queued a second time on a guess.
                    Err(e @ Error::Disconnected(_)) => {
                        self.desk.set_offline(true);
                        return Err(e);
                    }
                    other => return other,
                },
                Err(e) if offline::is_offline(&e) => self.desk.set_offline(true),
                Err(e) => return Err(e),
            }
        }
        let desk = offline::desk_name();
        self.desk.with(&address, |cache| offline(cache, &desk))
    }
}

/// The error for a command that waits until the server is back.
pub fn not_while_offline() -> Error {
    Error::Validation(vec![plenary_core::FieldError::new(
        "db",
        plenary_core::Code::OfflineNotAllowed,
    )])
}
