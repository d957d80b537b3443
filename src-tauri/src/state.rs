//! What every command shares: where the store is. On a file each command opens its own
//! connection (cheap with SQLite), so no lock is ever held across an `.await` and two windows
//! or the CLI can work on the same file at once; WAL and `busy_timeout` order their writes. On
//! a server (a `postgresql://` address) commands take a connected, migrated connection from a
//! small pool. The store can change while the app runs ("Connect to server…", "Use the file on
//! this computer"). The other shared memory is the attendee directory cache, whose lock is
//! held for a map look-up.

use plenary_core::db::{self, Connection};
use plenary_core::directory::DirectoryCache;
use plenary_core::Result;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

/// Opens the native Save dialog: (suggested name, filter name, extensions) → the chosen path,
/// or `None` when the user cancels.
pub type SaveDialog = Box<dyn Fn(&str, &str, &[&str]) -> Option<PathBuf> + Send + Sync>;
/// Opens the native Open dialog: (filter name, extensions) → the chosen file, or `None`.
pub type OpenDialog = Box<dyn Fn(&str, &[&str]) -> Option<PathBuf> + Send + Sync>;

/// Hands a file to the operating system's default application (the PDF viewer, to print).
pub type Opener = Box<dyn Fn(&std::path::Path) -> std::result::Result<(), String> + Send + Sync>;

/// A file the user chose to import, read and waiting for "Import".
pub struct PendingImport {
    pub table: plenary_core::exchange::read::Table,
}

pub struct AppState {
    /// The store: a file's path, or a server's address. Read it with [`AppState::db_path`].
    store: std::sync::Arc<RwLock<Store>>,
    /// The file on this computer that "Use the file on this computer" goes back to: the one
    /// the app started with, or the app's own when it started on a server.
    pub local_file: PathBuf,
    /// The Save dialog; absent in tests, where saving answers "cancelled".
    pub save_dialog: Option<SaveDialog>,
    /// The Open dialog; absent in tests, where choosing answers "cancelled".
    pub open_dialog: Option<OpenDialog>,
    /// The OS's "open this file"; absent in tests, where nothing is opened.
    pub opener: Option<Opener>,
    /// Where the app writes its log files (tauri-plugin-log), for the About box.
    pub log_dir: Option<PathBuf>,
    /// The backup file the user chose and Plenary checked, waiting for "Restore".
    pub pending_restore: Mutex<Option<PathBuf>>,
    /// The file being imported, between the preview and the commit.
    pub pending_import: Mutex<Option<PendingImport>>,
    /// Attendee lists kept in memory for search-as-you-type; each is checked against the
    /// event's revision before use, so a change from any process is seen at once.
    pub directories: DirectoryCache,
    /// The desk's cache of a server's event, and whether the server is gone (offline.rs).
    pub desk: crate::offline::DeskCache,
}

impl AppState {
    pub fn new(db_path: PathBuf) -> Self {
        Self::with_local_file(db_path.clone(), db_path)
    }

    /// The state for a store, with the file "Use the file on this computer" goes back to.
    pub fn with_local_file(db_path: PathBuf, local_file: PathBuf) -> Self {
        Self {
            local_file,
            store: std::sync::Arc::new(RwLock::new(Store::at(db_path))),
            directories: DirectoryCache::default(),
            desk: crate::offline::DeskCache::default(),
            save_dialog: None,
            open_dialog: None,
            opener: None,
            log_dir: None,
            pending_restore: Mutex::new(None),
            pending_import: Mutex::new(None),
        }
    }

    /// The same state with an Open dialog, which the real app takes from tauri-plugin-dialog.
    pub fn with_open_dialog(
        mut self,
        dialog: impl Fn(&str, &[&str]) -> Option<PathBuf> + Send + Sync + 'static,
    ) -> Self {
        self.open_dialog = Some(Box::new(dialog));
        self
    }

    /// The same state with a Save dialog, which the real app takes from tauri-plugin-dialog.
    pub fn with_save_dialog(
        mut self,
        dialog: impl Fn(&str, &str, &[&str]) -> Option<PathBuf> + Send + Sync + 'static,
    ) -> Self {
        self.save_dialog = Some(Box::new(dialog));
        self
    }

    /// The same state with an opener, which the real app takes from tauri-plugin-opener.
    pub fn with_opener(
        mut self,
        open: impl Fn(&std::path::Path) -> std::result::Result<(), String> + Send + Sync + 'static,
    ) -> Self {
        self.opener = Some(Box::new(open));
        self
    }

    /// The pending import, locked; a panic elsewhere never makes it unusable.
    pub fn pending_import(&self) -> std::sync::MutexGuard<'_, Option<PendingImport>> {
        self.pending_import
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A ready connection: pragmas set, collation registered, schema migrated. On a server it
    /// comes from the pool and goes back to it when dropped. While the server cannot be
    /// reached, refused: only the desk's commands work then, on the cache (offline.rs).
    pub fn open(&self) -> Result<Conn> {
        if self.desk.is_offline() {
            return Err(crate::offline::not_while_offline());
        }
        self.open_store()
    }

    /// [`AppState::open`], even while offline (to find out whether the server is back).
    pub fn open_store(&self) -> Result<Conn> {
        let (path, pool) = {
            let store = self
                .store
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            (store.path.clone(), store.pool.clone())
        };
        let Some(pool) = pool else {
            return db::open(&path).map(Conn::Own);
        };
        match pool.get() {
            Ok(conn) => Ok(Conn::Pooled(conn)),
            // The pool says only that it timed out; a connection of our own says why.
            Err(_) => db::open(&path).map(Conn::Own),
        }
    }

    /// Where the store is: a file's path, or a server's address (which may hold a password:
    /// show [`AppState::store_label`] instead).
    pub fn db_path(&self) -> PathBuf {
        self.store
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .path
            .clone()
    }

    /// The store as the user may see it: a file's path, or a server's address without its
    /// password.
    pub fn store_label(&self) -> String {
        let path = self.db_path();
        match db::server_address(&path) {
            Some(address) => plenary_core::server::without_password(address),
            None => path.display().to_string(),
        }
    }

    /// Where the store is, for a thread that outlives the command that started it.
    pub fn store_handle(&self) -> StoreHandle {
        StoreHandle(self.store.clone())
    }

    /// Whether the store is on a server.
    pub fn on_server(&self) -> bool {
        db::server_address(&self.db_path()).is_some()
    }

    /// Works on another store from now on (it has been opened and checked by the caller).
    pub fn switch_to(&self, path: PathBuf) {
        self.desk.close();
        *self
            .store
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Store::at(path);
    }
}

/// Where the store is, readable from any thread.
pub struct StoreHandle(std::sync::Arc<RwLock<Store>>);

impl StoreHandle {
    pub fn db_path(&self) -> PathBuf {
        self.0
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .path
            .clone()
    }
}

/// The store and, on a server, its pool of connections.
struct Store {
    path: PathBuf,
    pool: Option<r2d2::Pool<ServerStore>>,
}

impl Store {
    fn at(path: PathBuf) -> Self {
        let pool = db::server_address(&path).map(|_| {
            let failures = Arc::new(Failures::default());
            r2d2::Pool::builder()
                .max_size(4)
                .min_idle(Some(0))
                .connection_timeout(std::time::Duration::from_secs(5))
                .error_handler(Box::new(LogFailures(failures.clone())))
                .build_unchecked(ServerStore {
                    path: path.clone(),
                    failures,
                })
        });
        Store { path, pool }
    }
}

/// The pool's last failure to connect. r2d2's own handler logs every attempt, about every two
/// seconds while a server is away, which buries the log: each failure is logged once until a
/// connection succeeds again.
#[derive(Debug, Default)]
struct Failures {
    last: Mutex<Option<String>>,
}

impl Failures {
    /// Whether `text` is new since the last success or the last failure logged.
    fn is_new(&self, text: &str) -> bool {
        let mut last = self
            .last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if last.as_deref() == Some(text) {
            return false;
        }
        *last = Some(text.to_owned());
        true
    }

    fn succeeded(&self) {
        *self
            .last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    }
}

#[derive(Debug)]
struct LogFailures(Arc<Failures>);

impl r2d2::HandleError<plenary_core::Error> for LogFailures {
    fn handle_error(&self, error: plenary_core::Error) {
        let text = error.to_string();
        if self.0.is_new(&text) {
            log::warn!("a connection to the server: {text}");
        }
    }
}

/// Makes and checks a server's connections for the pool.
#[derive(Debug)]
pub struct ServerStore {
    path: PathBuf,
    failures: Arc<Failures>,
}

impl r2d2::ManageConnection for ServerStore {
    type Connection = Connection;
    type Error = plenary_core::Error;

    fn connect(&self) -> Result<Connection> {
        let conn = db::open(&self.path)?;
        self.failures.succeeded();
        Ok(conn)
    }

    fn is_valid(&self, conn: &mut Connection) -> Result<()> {
        conn.ping()
    }

    fn has_broken(&self, conn: &mut Connection) -> bool {
        conn.is_broken()
    }
}

/// A connection for one command: its own (a file's) or one lent by the server's pool.
pub enum Conn {
    Own(Connection),
    Pooled(r2d2::PooledConnection<ServerStore>),
}

impl std::ops::Deref for Conn {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        match self {
            Conn::Own(c) => c,
            Conn::Pooled(c) => c,
        }
    }
}

impl std::ops::DerefMut for Conn {
    fn deref_mut(&mut self) -> &mut Connection {
        match self {
            Conn::Own(c) => c,
            Conn::Pooled(c) => c,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Failures;

    #[test]
    fn a_failure_to_connect_is_logged_once_until_a_connection_succeeds() {
        let failures = Failures::default();
        assert!(failures.is_new("connection refused"));
        assert!(
            !failures.is_new("connection refused"),
            "the same failure again"
        );
        assert!(failures.is_new("timed out"), "another failure");
        failures.succeeded();
        assert!(failures.is_new("timed out"), "the server went away again");
    }
}
