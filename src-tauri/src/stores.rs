//! Tauri commands for where the data lives (issue 15): "Connect to server…", "Use the file on
//! this computer", "Publish to server…", "Save a copy as file…", and the live updates that
//! tell a window when another desk (or the CLI) changed the store.
//!
//! A server's password is never written to a file: the app keeps it in the operating
//! system's keychain (the `keyring` crate: Keychain on macOS, Credential Manager on Windows,
//! the Secret Service on Linux) when the user asks it to, and otherwise only in memory for the
//! session.

use crate::error::ApiError;
use crate::state::AppState;
use plenary_core::{db, server, transfer, Code, Error, FieldError};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;
use tauri::ipc::Channel;
use tauri::State;

type Reply<T> = Result<T, ApiError>;

/// Where the store is, as the app shows it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct StoreInfo {
    /// A file's path, or a server's address without its password.
    pub label: String,
    pub on_server: bool,
}

/// A server to connect to or publish to, as the user typed it.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct ServerLogin {
    /// `postgresql://user@host:port/database` (a password in it is taken too).
    pub address: String,
    /// The password, if the address has none; empty to use the one kept in the keychain.
    pub password: String,
    /// Keep the password in the system's keychain for next time.
    pub remember: bool,
}

/// What a copy of an event did, for the app's message.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct CopyDone {
    pub name: String,
    pub attendees: u32,
    pub replaced: bool,
    /// Where it went: a file's path, or a server's address without its password.
    pub to: String,
}

const KEYRING_SERVICE: &str = "Plenary";

/// The address with the password in it, for the connection only: the one typed, else the
/// one the keychain keeps for this address, else none (the driver then tries PGPASSWORD and
/// ~/.pgpass). Refuses what is not a server's address, naming the field.
fn with_password(login: &ServerLogin) -> Result<(PathBuf, String), Error> {
    let address = login.address.trim();
    if db::server_address(std::path::Path::new(address)).is_none() {
        return Err(FieldError::new("address", Code::ServerAddressInvalid)
            .param("detail", "postgresql://user@host:port/database")
            .into());
    }
    let has_password = server::address_has_password(address)?;
    let label = server::without_password(address);
    let typed = login.password.trim_end_matches(['\r', '\n']);
    let password = if !typed.is_empty() {
        Some(typed.to_owned())
    } else if has_password {
        None
    } else {
        keyring::Entry::new(KEYRING_SERVICE, &label)
            .and_then(|e| e.get_password())
            .ok()
    };
    let full = match password {
        Some(password) => add_password(address, &password),
        None => address.to_owned(),
    };
    Ok((PathBuf::from(full), label))
}

/// What a password may not hold as it is in a URI's user information (RFC 3986): all but the
/// unreserved characters.
const USERINFO: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `postgresql://user@host/db` with `password` put in as the URI's user information says
/// (percent-encoded).
fn add_password(address: &str, password: &str) -> String {
    let Some((scheme, rest)) = address.split_once("://") else {
        return address.to_owned();
    };
    let (authority, tail) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
    let (user, host) = match authority.rsplit_once('@') {
        Some((user, host)) => (user.split(':').next().unwrap_or(user), host),
        None => ("", authority),
    };
    let encoded = percent_encoding::utf8_percent_encode(password, USERINFO);
    format!("{scheme}://{user}:{encoded}@{host}{tail}")
}

/// Keeps the password for the address in the keychain; a keychain that cannot be reached
/// (no Secret Service on a bare Linux session) only means it is asked again next time.
fn remember(label: &str, password: &str) {
    if password.is_empty() {
        return;
    }
    if let Err(err) =
        keyring::Entry::new(KEYRING_SERVICE, label).and_then(|e| e.set_password(password))
    {
        log::warn!("the password could not be kept in the system's keychain: {err}");
    }
}

/// Where the store is now.
#[tauri::command]
#[specta::specta]
pub fn store_info(state: State<'_, AppState>) -> StoreInfo {
    StoreInfo {
        label: state.store_label(),
        on_server: state.on_server(),
    }
}

/// Connects to a server, migrating it if it is new, and works on it from now on.
#[tauri::command]
#[specta::specta]
pub async fn connect_server(state: State<'_, AppState>, login: ServerLogin) -> Reply<StoreInfo> {
    let (path, label) = with_password(&login)?;
    drop(db::open(&path)?);
    if login.remember {
        remember(&label, &login.password);
    }
    log::info!("working on the server {label}");
    state.switch_to(path);
    Ok(store_info(state))
}

/// Works on the file on this computer (the app's own, or the one given at start) again.
#[tauri::command]
#[specta::specta]
pub async fn use_local_file(state: State<'_, AppState>) -> Reply<StoreInfo> {
    let path = state.local_file.clone();
    drop(db::open(&path)?);
    state.switch_to(path);
    Ok(store_info(state))
}

fn done(report: &transfer::CopyReport, to: String) -> CopyDone {
    CopyDone {
        name: report.name.clone(),
        attendees: u32::try_from(report.attendees).unwrap_or(u32::MAX),
        replaced: report.replaced,
        to,
    }
}

/// Copies the event, with everything it has, to a server ("Publish to server…"). A server
/// that has the event already is refused unless `replace`.
#[tauri::command]
#[specta::specta]
pub async fn publish_event(
    state: State<'_, AppState>,
    event_id: String,
    login: ServerLogin,
    replace: bool,
) -> Reply<CopyDone> {
    let (path, label) = with_password(&login)?;
    let mut dest = db::open(&path)?;
    let report = transfer::copy_event(&*state.open()?, &mut dest, &event_id, replace)?;
    if login.remember {
        remember(&label, &login.password);
    }
    Ok(done(&report, label))
}

/// Asks where to save, then writes the event, with everything it has, into a new file there
/// ("Save a copy as file…"); `None` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn save_event_copy(
    state: State<'_, AppState>,
    event_id: String,
) -> Reply<Option<CopyDone>> {
    let conn = state.open()?;
    let name = ops_event_name(&conn, &event_id)?;
    let suggested = plenary_core::file_names::export(&name, "copy", None, "db");
    let chosen = state
        .save_dialog
        .as_ref()
        .and_then(|ask| ask(&suggested, "Plenary", &["db"]));
    let Some(path) = chosen else {
        return Ok(None);
    };
    let report = transfer::event_to_file(&conn, &event_id, &path)?;
    Ok(Some(done(&report, path.display().to_string())))
}

fn ops_event_name(conn: &db::Connection, event_id: &str) -> Result<String, Error> {
    Ok(plenary_core::ops::get_event(conn, event_id)?.name)
}

/// The live updates' threads, one per window: a window that loads again starts a new one, and
/// the old one ends.
#[derive(Default, Clone)]
pub struct Watchers(std::sync::Arc<WatcherTable>);

#[derive(Default)]
pub struct WatcherTable {
    generations: Mutex<HashMap<String, u64>>,
    next: AtomicU64,
}

impl Watchers {
    fn start(&self, viewer: &str) -> u64 {
        let generation = self.0.next.fetch_add(1, Ordering::Relaxed) + 1;
        self.0
            .generations
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(viewer.to_owned(), generation);
        generation
    }

    fn current(&self, viewer: &str, generation: u64) -> bool {
        self.0
            .generations
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(viewer)
            == Some(&generation)
    }
}

/// Tells the window `viewer` (an id the window makes when it loads), over `on_change`,
/// whenever the store changes: on a server, each commit of any desk or CLI (LISTEN, so an
/// idle app sends and receives nothing); on a file, each change of the file or its WAL (looked
/// at once a second). The number sent counts the changes seen.
#[tauri::command]
#[specta::specta]
pub fn watch_store(
    state: State<'_, AppState>,
    watchers: State<'_, Watchers>,
    viewer: String,
    on_change: Channel<u32>,
) {
    let store = state.store_handle();
    let watchers = watchers.inner().clone();
    let generation = watchers.start(&viewer);
    std::thread::spawn(move || {
        let mut seen = 0u32;
        let still = || watchers.current(&viewer, generation);
        while still() {
            let path = store.db_path();
            let same = || still() && store.db_path() == path;
            let mut changed = || {
                seen = seen.wrapping_add(1);
                on_change.send(seen).is_ok()
            };
            let keep_going = match db::server_address(&path) {
                Some(address) => listen(address, &same, &mut changed),
                None => poll_file(&path, &same, &mut changed),
            };
            if !keep_going {
                return;
            }
        }
    });
}

/// Listens on the server while `same` holds; `false` once the window is gone. A dropped
/// connection is made again after a pause.
fn listen(address: &str, same: &dyn Fn() -> bool, changed: &mut dyn FnMut() -> bool) -> bool {
    let mut listener = match server::Listener::new(address) {
        Ok(listener) => listener,
        Err(err) => {
            log::warn!("live updates: the server cannot be reached: {err}");
            std::thread::sleep(Duration::from_secs(5));
            return true;
        }
    };
    while same() {
        match listener.wait(Duration::from_secs(1)) {
            Ok(true) => {
                if !changed() {
                    return false;
                }
            }
            Ok(false) => {}
            Err(_) => return true,
        }
        if listener.is_closed() {
            return true;
        }
    }
    true
}

/// Asks the file once a second whether anyone committed (`db::FileWatch`: reads, and the
/// WAL coming and going as connections open and close, do not count) while `same` holds;
/// `false` once the window is gone.
fn poll_file(
    path: &std::path::Path,
    same: &dyn Fn() -> bool,
    changed: &mut dyn FnMut() -> bool,
) -> bool {
    let watch = match db::watch_file(path) {
        Ok(watch) => watch,
        Err(err) => {
            log::warn!("live updates: the file cannot be watched: {err}");
            std::thread::sleep(Duration::from_secs(5));
            return true;
        }
    };
    let mut last = watch.version().ok();
    while same() {
        std::thread::sleep(Duration::from_secs(1));
        let now = watch.version().ok();
        if now != last {
            last = now;
            if !changed() {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::add_password;

    #[test]
    fn a_password_goes_into_the_address_encoded() {
        assert_eq!(
            add_password("postgresql://desk@db.example.org:5432/seminar", "p@ss:w/rd"),
            "postgresql://desk:p%40ss%3Aw%2Frd@db.example.org:5432/seminar"
        );
        assert_eq!(
            add_password("postgres://db.example.org/seminar?sslmode=require", "x"),
            "postgres://:x@db.example.org/seminar?sslmode=require"
        );
        assert_eq!(
            add_password("postgresql://old:secret@host/db", "new"),
            "postgresql://old:new@host/db"
        );
    }
}
