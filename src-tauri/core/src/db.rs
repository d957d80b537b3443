//! Opening the store: the one place where connections are made, their pragmas set, the
//! ICU collation registered and the schema migrated. The connections that copy a database
//! into a file ([`copy_to`], SQLite's online backup API), check a file ([`verify`]) or clean
//! an automatic backup are opened here too, so that no other module opens one (a test in
//! `tests/core/invariants.rs` scans the sources). What to copy when, and where backups go, is
//! `backup.rs`, which builds on this module; this module never calls it.
//!
//! Migrations are embedded SQL files, only ever appended. Each runs in one `BEGIN IMMEDIATE`
//! transaction together with its `PRAGMA user_version` bump, so a crash leaves the file at
//! either the old or the new version.

pub use crate::sql::Connection;
use crate::{clock, collation, file_names, Code, Error, FieldError, Message, Result};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection as Lite;
use rusqlite::{OpenFlags, TransactionBehavior, MAIN_DB};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The embedded migrations; migration `i` brings the schema to version `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_events_attendees.sql"),
    include_str!("migrations/0002_schedule.sql"),
    include_str!("migrations/0003_checkin.sql"),
    include_str!("migrations/0004_sort_key.sql"),
    include_str!("migrations/0005_audit.sql"),
    include_str!("migrations/0006_sensitive.sql"),
    include_str!("migrations/0007_event_language.sql"),
    include_str!("migrations/0008_seating.sql"),
    include_str!("migrations/0009_delegation_section.sql"),
    include_str!("migrations/0010_protocol_letters.sql"),
    include_str!("migrations/0011_desk_sync.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// How long a writer waits for another process's write to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Refuses a `--db` value (or `PLENARY_DB`, or a path from elsewhere) that is a server's
/// address, such as `postgresql://user:secret@host/db`: this build opens files only, and taking
/// the address as a path would create folders named after it, the password included. The
/// message names the scheme only, never the rest of the address.
pub fn refuse_address(path: &Path) -> Result<()> {
    let text = path.to_string_lossy();
    let Some((scheme, _)) = text.split_once("://") else {
        return Ok(());
    };
    if is_server_scheme(scheme) {
        return Ok(());
    }
    // RFC 3986: a letter, then letters, digits, "+", "-" or ".".
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if is_scheme {
        return Err(FieldError::new("db", Code::DbAddressUnsupported)
            .param("scheme", scheme)
            .into());
    }
    Ok(())
}

/// The schemes of a PostgreSQL server's address, as libpq reads them.
fn is_server_scheme(scheme: &str) -> bool {
    scheme.eq_ignore_ascii_case("postgresql") || scheme.eq_ignore_ascii_case("postgres")
}

/// The server address in a `--db` value (`postgresql://…` or `postgres://…`), if it is one.
pub fn server_address(path: &Path) -> Option<&str> {
    let text = path.to_str()?;
    let (scheme, _) = text.split_once("://")?;
    is_server_scheme(scheme).then_some(text)
}

/// Opens the store at `path`, ready for use: a file (created if needed), or a PostgreSQL
/// server when `path` is its address (`postgresql://user@host:port/database`), which is
/// connected to and migrated (`server.rs`). Any other `scheme://` is refused.
pub fn open(path: &Path) -> Result<Connection> {
    refuse_address(path)?;
    if let Some(address) = server_address(path) {
        return crate::server::open(address);
    }
    open_file(path).map(Connection::from)
}

fn open_file(path: &Path) -> Result<Lite> {
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
    let mut conn = Lite::open_with_flags(path, flags)?;
    // Refuse a file from a newer Plenary before anything (even WAL mode) touches it.
    refuse_newer(&conn)?;
    configure(&conn)?;
    let current = version_of(&conn)?;
    if current > 0 && current < SCHEMA_VERSION {
        // An older file is about to change shape: keep a copy of it as it was, among the
        // automatic backups (the next automatic backup prunes them to the number kept).
        let reason = format!("before-migration-v{current}");
        copy_file(
            &conn,
            &file_names::automatic_backup(path, clock::now(), &reason),
        )?;
    }
    migrate(&mut conn)?;
    refresh_sort_keys(&mut conn)?;
    Ok(conn)
}

/// Opens a private in-memory database, for unit tests.
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Lite::open_in_memory()?;
    configure(&conn)?;
    migrate(&mut conn)?;
    refresh_sort_keys(&mut conn)?;
    Ok(conn.into())
}

/// Opens a database file read-only, to read or copy it without changing it (the source of a
/// restore). The collation is registered, so that the name index can be checked and read.
pub(crate) fn open_read_only(path: &Path) -> Result<Connection> {
    let conn = Lite::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    collation::register(&conn)?;
    Ok(conn.into())
}

/// Opens one of the automatic backups to change it in place (`sensitive::purge_everywhere`
/// scrubs them): it must exist, it is never migrated and never switched to WAL (a backup is
/// one self-contained file), a file from a newer Plenary is refused, and the connection gets
/// the pragmas that matter for a write: `secure_delete`, `foreign_keys`, `busy_timeout`, and
/// the collation.
pub(crate) fn open_backup_file(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Lite::open_with_flags(path, flags)?;
    refuse_newer(&conn)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.execute_batch(
        "PRAGMA secure_delete = ON;
         PRAGMA foreign_keys = ON;",
    )?;
    collation::register(&conn)?;
    Ok(conn.into())
}

/// A connection that only tells when a file's store changed, for the app's live updates: its
/// `PRAGMA data_version` moves with every commit made through any other connection, this
/// process's or another's (the CLI), and not with reads. It never migrates and never writes.
pub struct FileWatch(Lite);

/// Opens a [`FileWatch`] on the file at `path`, which must exist.
pub fn watch_file(path: &Path) -> Result<FileWatch> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Lite::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(FileWatch(conn))
}

impl FileWatch {
    /// A number that differs from the last one read once someone else has committed.
    pub fn version(&self) -> Result<i64> {
        Ok(self.0.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Copies the database behind `conn` into `dest` (replacing it atomically) with SQLite's
/// online backup API, never a file copy of an open database, which can catch it half-written.
/// Other connections may keep writing; the backup restarts its copy if they do, so it is
/// always one consistent state. The copy is written beside `dest` under a temporary name,
/// checked with [`verify`], then renamed into place.
pub fn copy_to(conn: &Connection, dest: &Path) -> Result<()> {
    match conn.lite() {
        Some(lite) => copy_file(lite, dest),
        // A server's events are copied into a file by `transfer::to_file`.
        None => Err(Error::Server(
            "a server is copied event by event, not page by page".into(),
        )),
    }
}

/// A new temporary file in the folder of `dest` (created if needed), for a copy that is
/// renamed over `dest` once it is complete and checked.
pub(crate) fn temp_beside(dest: &Path) -> Result<tempfile::NamedTempFile> {
    let dir = dest
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    tempfile::Builder::new()
        .prefix(".plenary-backup-")
        .suffix(".db")
        .tempfile_in(dir)
        .map_err(io(dir))
}

/// Folds a file's WAL into the file itself and switches it to a rollback journal, so that it
/// is one self-contained file (a backup). Nothing to do on a server.
pub(crate) fn fold_into_one_file(conn: &Connection) -> Result<()> {
    let Some(lite) = conn.lite() else {
        return Ok(());
    };
    let mode: String = lite.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    if mode != "delete" {
        return Err(Error::Incompatible(
            Message::new(Code::WalFailed).param("mode", mode),
        ));
    }
    Ok(())
}

fn copy_file(conn: &Lite, dest: &Path) -> Result<()> {
    // Renaming a copy over the live file would leave every open connection writing to the
    // old one: everything written afterwards would be lost.
    if let Some(live) = conn.path().filter(|p| !p.is_empty()) {
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        let live = Path::new(live);
        let wal_of = |suffix: &str| {
            let mut p = live.as_os_str().to_owned();
            p.push(suffix);
            PathBuf::from(p)
        };
        if same(dest, live) || same(dest, &wal_of("-wal")) || same(dest, &wal_of("-shm")) {
            return Err(Error::invalid("out", Code::BackupOverItself));
        }
    }
    let temp = temp_beside(dest)?;
    {
        // The target is a new, empty file: the copy brings its own schema and settings.
        let mut target = Lite::open(temp.path())?;
        copy_pages_lite(conn, &mut target)?;
        // The copied header says WAL, so the last pages may sit in a -wal file beside the
        // temporary name. Switching to a rollback journal folds them into the one file that
        // is renamed, and keeps the backup a single self-contained file.
        let mode: String = target.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        if mode != "delete" {
            return Err(Error::Incompatible(
                Message::new(Code::WalFailed).param("mode", mode),
            ));
        }
    }
    verify(temp.path())?;
    temp.persist(dest).map_err(|e| io(dest)(e.error))?;
    Ok(())
}

/// Copies every page of `source` over `target` with the online backup API, waiting a moment
/// whenever another connection holds a lock.
pub(crate) fn copy_pages(source: &Connection, target: &mut Connection) -> Result<()> {
    match (source.lite(), target.lite_mut()) {
        (Some(source), Some(target)) => copy_pages_lite(source, target),
        _ => Err(Error::Server(
            "pages are copied between two files only".into(),
        )),
    }
}

fn copy_pages_lite(source: &Lite, target: &mut Lite) -> Result<()> {
    let backup = Backup::new_with_names(source, MAIN_DB, target, MAIN_DB)?;
    loop {
        match backup.step(256)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            // Busy, Locked, or a state a later rusqlite adds: wait a moment and carry on.
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// Checks that a file is a sound Plenary database this version can open, and returns its
/// schema version. The file is opened read-only and not changed.
pub fn verify(path: &Path) -> Result<u32> {
    let refuse = |code: Code| Error::Incompatible(Message::new(code).param("path", path.display()));
    if !path.is_file() {
        return Err(refuse(Code::NoSuchFile));
    }
    let not_sqlite = |e: rusqlite::Error| {
        Error::Incompatible(
            Message::new(Code::NotSqlite)
                .param("path", path.display())
                .param("detail", e),
        )
    };
    let conn = Lite::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(not_sqlite)?;
    collation::register(&conn)?;
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(not_sqlite)?;
    if check != "ok" {
        return Err(Error::Incompatible(
            Message::new(Code::Damaged)
                .param("path", path.display())
                .param("detail", check),
        ));
    }
    let version = version_of(&conn)?;
    if version > SCHEMA_VERSION {
        return Err(Error::Incompatible(
            Message::new(Code::NewerBackup)
                .param("path", path.display())
                .param("version", version)
                .param("max", SCHEMA_VERSION),
        ));
    }
    let has_events: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'event'",
        [],
        |r| r.get(0),
    )?;
    if version == 0 || !has_events {
        return Err(refuse(Code::NotADatabase));
    }
    Ok(version)
}

/// Computes every stored sort key again when they were made by another collation than this
/// build's (see [`collation::SORT_KEY_VERSION`]), in one transaction.
fn refresh_sort_keys(conn: &mut Lite) -> Result<()> {
    let stored = |conn: &Lite| -> Result<String> {
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
fn configure(conn: &Lite) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    // An in-memory database reports "memory"; a file must really be in WAL mode.
    if mode != "wal" && mode != "memory" {
        return Err(Error::Incompatible(
            Message::new(Code::WalFailed).param("mode", mode),
        ));
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
fn refuse_newer(conn: &Lite) -> Result<()> {
    let current = version_of(conn)?;
    if current > SCHEMA_VERSION {
        return Err(Error::Incompatible(
            Message::new(Code::NewerVersion)
                .param("version", current)
                .param("max", SCHEMA_VERSION),
        ));
    }
    Ok(())
}

fn migrate(conn: &mut Lite) -> Result<()> {
    refuse_newer(conn)?;
    let current = version_of(conn)?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let target = index as u32 + 1;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the write lock.
        if version_of(&tx)? >= target {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", target)?;
        tx.commit()?;
    }
    Ok(())
}

/// The schema version recorded in the file, or on the server.
pub fn user_version(conn: &Connection) -> Result<u32> {
    match conn.lite() {
        Some(lite) => version_of(lite),
        None => conn
            .with_client(crate::server::schema_version)
            .unwrap_or(Ok(0)),
    }
}

fn version_of(conn: &Lite) -> Result<u32> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The FNV-1a hash that pins a released migration's text. Line endings are normalised: a
    /// Windows checkout may turn LF into CRLF.
    pub(crate) fn fnv1a(text: &str) -> u64 {
        text.replace("\r\n", "\n")
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            })
    }

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

    /// The `icu` collation and `plenary_sort_key` are needed to migrate (0001, 0004) but by
    /// nothing in the schema they leave: another tool (the `sqlite3` shell) can read and write
    /// the file without them, and what orders the lists is the stored key.
    #[test]
    fn the_migrated_schema_calls_no_function_of_ours() -> Result<()> {
        let conn = open_in_memory()?;
        let mut stmt = conn.prepare(
            "SELECT name FROM sqlite_schema
              WHERE sql LIKE '%COLLATE icu%' OR sql LIKE ?1",
        )?;
        let users: Vec<String> = stmt
            .query_map([format!("%{}%", collation::SORT_KEY_FUNCTION)], |r| {
                r.get(0)
            })?
            .collect::<Result<_>>()?;
        assert!(
            users.is_empty(),
            "these schema objects need a connection that registered Plenary's collation or \
             function; ARCHITECTURE.md says none do: {users:?}"
        );
        let indexed: bool = conn.query_row(
            "SELECT count(*) = 1 FROM sqlite_schema WHERE name = 'attendee_by_sort'
                AND sql LIKE '%sort_key%'",
            [],
            |r| r.get(0),
        )?;
        assert!(
            indexed,
            "the list order comes from the stored sort key's index"
        );
        Ok(())
    }

    /// "Migrations are append-only": a released migration never changes, because files in
    /// the field were migrated by its old text. Each file's FNV-1a hash is pinned here; a new
    /// migration adds a line, and an edited one fails with the hash it has now.
    #[test]
    fn released_migrations_never_change() {
        const RELEASED: &[(&str, u64)] = &[
            ("0001_events_attendees.sql", 0x5b88304254f519d0),
            ("0002_schedule.sql", 0x4fa9ff4564f8064c),
            ("0003_checkin.sql", 0xb5b110dd6c8eb147),
            ("0004_sort_key.sql", 0x4aff86df51f0c0d5),
            ("0005_audit.sql", 0x9b71b2aca2a8a984),
            ("0006_sensitive.sql", 0x85aee3d132f16ea3),
            ("0007_event_language.sql", 0x2dc5a42db9b8bcdf),
            ("0008_seating.sql", 0xd62901213859ba74),
            ("0009_delegation_section.sql", 0xe1aa725a2b70d989),
            ("0010_protocol_letters.sql", 0xb8645b08d4addc36),
            ("0011_desk_sync.sql", 0xd3b799a129479e8d),
        ];
        assert_eq!(
            MIGRATIONS.len(),
            RELEASED.len(),
            "a new migration adds its line to RELEASED (its hash is {:#018x})",
            MIGRATIONS.last().map_or(0, |m| fnv1a(m))
        );
        for (sql, (name, pinned)) in MIGRATIONS.iter().zip(RELEASED) {
            assert_eq!(
                fnv1a(sql),
                *pinned,
                "{name} was released and must not change; add a new migration instead"
            );
        }
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
            let conn = Lite::open(&path)?;
            conn.pragma_update(None, "user_version", SCHEMA_VERSION + 7)?;
        }
        let err = open(&path).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("newer version"), "got {err:?}");
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        assert!(!Path::new(&wal).exists(), "not even switched to WAL");
        let conn = Lite::open(&path)?;
        assert_eq!(
            version_of(&conn)?,
            SCHEMA_VERSION + 7,
            "the file must not be changed"
        );
        Ok(())
    }

    /// A server migration, once released, never changes: servers in the field were migrated
    /// by its old text (as `db.rs` pins the file's). A new one adds a line.
    #[test]
    fn released_server_migrations_never_change() {
        const RELEASED: &[(u32, u64)] = &[
            (10, 0xb87ffd3e5e49ea16),
            (11, 0x11a9f169f4ae08b0),
            (12, 0x7ecbe0226c09ef0d),
        ];
        use crate::server::MIGRATIONS;
        assert_eq!(
            MIGRATIONS.len(),
            RELEASED.len(),
            "a new migration adds its line"
        );
        for ((version, sql), (pinned_version, pinned)) in MIGRATIONS.iter().zip(RELEASED) {
            assert_eq!(version, pinned_version);
            assert_eq!(
                fnv1a(sql),
                *pinned,
                "the server's migration to {version} was released and must not change \
                 (its hash is {:#018x}); add a new one instead",
                fnv1a(sql)
            );
        }
    }
}
