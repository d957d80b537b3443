//! What every command shares: where the database is. Each command opens its own connection
//! (cheap with SQLite), so no lock is ever held across an `.await` and two windows or the CLI
//! can work on the same file at once; WAL and `busy_timeout` order their writes. The only
//! shared memory is the attendee directory cache, whose lock is held for a map look-up.

use plenary_core::db::{self, Connection};
use plenary_core::directory::DirectoryCache;
use plenary_core::Result;
use std::path::PathBuf;
use std::sync::Mutex;

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
    pub db_path: PathBuf,
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
}

impl AppState {
    pub fn new(db_path: PathBuf) -> Self {
        Self {
            db_path,
            directories: DirectoryCache::default(),
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

    /// A ready connection: pragmas set, collation registered, schema migrated.
    pub fn open(&self) -> Result<Connection> {
        db::open(&self.db_path)
    }
}
