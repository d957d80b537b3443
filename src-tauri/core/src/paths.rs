//! Where the database lives when nobody says otherwise.
//!
//! The desktop app asks Tauri's path resolver for its app-data folder; the CLI has no Tauri, so
//! it computes the same folder from the OS conventions (`dirs::data_dir()` joined with the app
//! identifier, which is exactly what Tauri's `app_data_dir` does). An IPC test checks that the
//! two agree.

use std::path::PathBuf;

/// The app identifier from `tauri.conf.json`; it names the app-data folder.
pub const APP_IDENTIFIER: &str = "org.plenary.desktop";
/// The database file name inside the app-data folder.
pub const DB_FILE_NAME: &str = "plenary.db";
/// The environment variable that overrides the database path for the CLI and the app.
pub const DB_ENV: &str = "PLENARY_DB";

/// The default database path: `<OS data dir>/org.plenary.desktop/plenary.db`.
pub fn default_db_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER).join(DB_FILE_NAME))
}
