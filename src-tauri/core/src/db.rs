//! Opening the store: the one place where connections are made, their pragmas set, the
//! ICU collation registered and the schema migrated.
//!
//! Migrations are embedded SQL files, only ever appended. Each runs in one `BEGIN IMMEDIATE`
//! transaction together with its `PRAGMA user_version` bump, so a crash leaves the file at
//! either the old or the new version.

use crate::{collation, Error, Result};
pub use rusqlite::Connection;
use rusqlite::{OpenFlags, TransactionBehavior};
use std::path::Path;
use std::time::Duration;

/// The embedded migrations; migration `i` brings the schema to version `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_events_attendees.sql"),
    include_str!("migrations/0002_schedule.sql"),
    include_str!("migrations/0003_checkin.sql"),
    include_str!("migrations/0004_sort_key.sql"),
    include_str!("migrations/0005_audit.sql"),
    include_str!("migrations/0006_sensitive.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// How long a writer waits for another process's write to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens (creating if needed) the database at `path`, ready for use.
pub fn open(path: &Path) -> Result<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.display().to_string(),
            source,
        })?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let mut conn = Connection::open_with_flags(path, flags)?;
    // Refuse a file from a newer Plenary before anything (even WAL mode) touches it.
    refuse_newer(&conn)?;
    configure(&conn)?;
    let current = user_version(&conn)?;
    if current > 0 && current < SCHEMA_VERSION {
        // An older file is about to change shape: keep a copy of it as it was.
        crate::backup::automatic(
            &conn,
            path,
            &format!("before-migration-v{current}"),
            chrono::Utc::now(),
            crate::backup::keep_setting(&conn),
        )?;
    }
    migrate(&mut conn)?;
    refresh_sort_keys(&mut conn)?;
    Ok(conn)
}

/// Opens a private in-memory database, for unit tests.
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrate(&mut conn)?;
    refresh_sort_keys(&mut conn)?;
    Ok(conn)
}

/// Computes every stored sort key again when they were made by another collation than this
/// build's (see [`collation::SORT_KEY_VERSION`]), in one transaction.
fn refresh_sort_keys(conn: &mut Connection) -> Result<()> {
    let stored = |conn: &Connection| -> Result<String> {
        Ok(conn.query_row(
            "SELECT value FROM meta WHERE key = 'sort_key_version'",
            [],
            |r| r.get(0),
        )?)
    };
    if stored(conn)? == collation::SORT_KEY_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have done it while we waited for the write lock.
    if stored(&tx)? != collation::SORT_KEY_VERSION {
        tx.execute(
            &format!(
                "UPDATE attendee SET sort_key = {}(sort_family, sort_given)",
                collation::SORT_KEY_FUNCTION
            ),
            [],
        )?;
        tx.execute(
            "UPDATE meta SET value = ?1 WHERE key = 'sort_key_version'",
            [collation::SORT_KEY_VERSION],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// Sets the pragmas every connection needs. WAL lets the app and the CLI read while the other
/// writes; `synchronous=FULL` makes a committed change survive a power cut; `secure_delete`
/// overwrites deleted personal data instead of leaving it in free pages.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    // An in-memory database reports "memory"; a file must really be in WAL mode.
    if mode != "wal" && mode != "memory" {
        return Err(Error::Incompatible(format!(
            "the database could not switch to WAL journaling (it reports {mode:?})"
        )));
    }
    // Memory-mapped reads share the OS page cache between the short-lived connections that
    // commands open, so a search does not copy the attendee index through SQLite's own cache.
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;
         PRAGMA mmap_size = 268435456;",
    )?;
    collation::register(conn)?;
    Ok(())
}

/// Brings the schema up to [`SCHEMA_VERSION`]. A file from a newer Plenary is refused and
/// left untouched.
fn refuse_newer(conn: &Connection) -> Result<()> {
    let current = user_version(conn)?;
    if current > SCHEMA_VERSION {
        return Err(Error::Incompatible(format!(
            "this database was written by a newer version of Plenary (schema {current}; this \
             version understands up to {SCHEMA_VERSION}). Update Plenary to open it."
        )));
    }
    Ok(())
}

fn migrate(conn: &mut Connection) -> Result<()> {
    refuse_newer(conn)?;
    let current = user_version(conn)?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let target = index as u32 + 1;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the write lock.
        if user_version(&tx)? >= target {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", target)?;
        tx.commit()?;
    }
    Ok(())
}

/// The schema version recorded in the file.
pub fn user_version(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pragma_i64(conn: &Connection, name: &str) -> i64 {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
            .unwrap_or_else(|e| panic!("PRAGMA {name}: {e}"))
    }

    #[test]
    fn every_connection_gets_the_safety_pragmas() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::Io {
            path: "tmp".into(),
            source: e,
        })?;
        let conn = open(&dir.path().join("p.db"))?;
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        assert_eq!(mode, "wal", "WAL lets the app read while the CLI writes");
        assert_eq!(
            pragma_i64(&conn, "synchronous"),
            2,
            "FULL (2) survives a power cut"
        );
        assert_eq!(
            pragma_i64(&conn, "foreign_keys"),
            1,
            "foreign keys must be enforced"
        );
        assert_eq!(
            pragma_i64(&conn, "secure_delete"),
            1,
            "deleted data must be overwritten"
        );
        assert_eq!(
            pragma_i64(&conn, "busy_timeout"),
            5000,
            "writers wait for each other"
        );
        assert_eq!(
            user_version(&conn)?,
            SCHEMA_VERSION,
            "a new file is fully migrated"
        );
        Ok(())
    }

    #[test]
    fn opening_twice_does_not_migrate_twice() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::Io {
            path: "tmp".into(),
            source: e,
        })?;
        let path = dir.path().join("p.db");
        drop(open(&path)?);
        let conn = open(&path)?;
        assert_eq!(user_version(&conn)?, SCHEMA_VERSION);
        Ok(())
    }

    #[test]
    fn a_newer_schema_is_refused_and_left_alone() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::Io {
            path: "tmp".into(),
            source: e,
        })?;
        let path = dir.path().join("future.db");
        {
            let conn = Connection::open(&path)?;
            conn.pragma_update(None, "user_version", SCHEMA_VERSION + 7)?;
        }
        let err = open(&path).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("newer version"), "got {err:?}");
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        assert!(!Path::new(&wal).exists(), "not even switched to WAL");
        let conn = Connection::open(&path)?;
        assert_eq!(
            user_version(&conn)?,
            SCHEMA_VERSION + 7,
            "the file must not be changed"
        );
        Ok(())
    }
}
