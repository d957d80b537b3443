//! What every command shares: where the database is. Each command opens its own connection
//! (cheap with SQLite), so no lock is ever held across an `.await` and two windows or the CLI
//! can work on the same file at once; WAL and `busy_timeout` order their writes. The only
//! shared memory is the attendee directory cache, whose lock is held for a map look-up.

use plenary_core::db::{self, Connection};
use plenary_core::directory::DirectoryCache;
use plenary_core::Result;
use std::path::PathBuf;

pub struct AppState {
    pub db_path: PathBuf,
    /// Attendee lists kept in memory for search-as-you-type; each is checked against the
    /// event's revision before use, so a change from any process is seen at once.
    pub directories: DirectoryCache,
}

impl AppState {
    pub fn new(db_path: PathBuf) -> Self {
        Self {
            db_path,
            directories: DirectoryCache::default(),
        }
    }

    /// A ready connection: pragmas set, collation registered, schema migrated.
    pub fn open(&self) -> Result<Connection> {
        db::open(&self.db_path)
    }
}
