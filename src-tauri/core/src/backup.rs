//! Backups and restore, through SQLite's online backup API (never a file copy of an open
//! database, which can catch it half-written). A backup is written beside its target under a
//! temporary name, checked, then renamed into place. A restore checks the file first
//! (`integrity_check`, schema version) and keeps a backup of the current state, so that the
//! restore itself can be undone.

use crate::db::{self, SCHEMA_VERSION};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags, MAIN_DB};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How many automatic backups are kept per database unless the caller says otherwise.
pub const DEFAULT_KEEP: usize = 10;

/// The most automatic backups the setting allows.
pub const MAX_KEEP: u32 = 1000;

/// How many automatic backups to keep: the `backups_keep` setting stored in the database
/// (so the app and the CLI agree), or [`DEFAULT_KEEP`] when it is unset or the file is older
/// than the setting.
pub fn keep_setting(conn: &Connection) -> usize {
    conn.query_row(
        "SELECT value FROM meta WHERE key = 'backups_keep'",
        [],
        |r| r.get::<_, String>(0),
    )
    .ok()
    .and_then(|v| v.parse::<usize>().ok())
    .filter(|n| *n >= 1)
    .unwrap_or(DEFAULT_KEEP)
}

/// Changes how many automatic backups are kept (1 to [`MAX_KEEP`]). Older ones beyond the
/// number are removed at the next automatic backup.
pub fn set_keep_setting(conn: &Connection, keep: u32) -> Result<()> {
    if !(1..=MAX_KEEP).contains(&keep) {
        return Err(Error::invalid(
            "backups_keep",
            format!("Keep between 1 and {MAX_KEEP} backups (you asked for {keep})."),
        ));
    }
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('backups_keep', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [keep.to_string()],
    )?;
    Ok(())
}

/// The folder that holds a database's automatic backups: `backups/` beside it.
pub fn folder_for(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or(Path::new(".")).join("backups")
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Copies the live database into `dest` (replacing it atomically). Other connections may keep
/// writing; the backup restarts its copy if they do, so it is always one consistent state.
pub fn backup_to(conn: &Connection, dest: &Path) -> Result<()> {
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
            return Err(Error::invalid(
                "out",
                "A backup cannot replace the database it copies; choose another file.",
            ));
        }
    }
    let dir = dest
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let temp = tempfile::Builder::new()
        .prefix(".plenary-backup-")
        .suffix(".db")
        .tempfile_in(dir)
        .map_err(io(dir))?;
    {
        let mut target = Connection::open(temp.path())?;
        let backup = Backup::new_with_names(conn, MAIN_DB, &mut target, MAIN_DB)?;
        loop {
            match backup.step(256)? {
                StepResult::Done => break,
                StepResult::More => {}
                // Another connection holds a lock: wait a moment and carry on.
                StepResult::Busy | StepResult::Locked => {
                    std::thread::sleep(Duration::from_millis(20))
                }
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
        }
        drop(backup);
        // The copied header says WAL, so the last pages may sit in a -wal file beside the
        // temporary name. Switching to a rollback journal folds them into the one file that
        // is renamed, and keeps the backup a single self-contained file.
        let mode: String = target.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        if mode != "delete" {
            return Err(Error::Incompatible(format!(
                "the backup could not leave WAL mode ({mode})"
            )));
        }
    }
    verify(temp.path())?;
    temp.persist(dest).map_err(|e| io(dest)(e.error))?;
    Ok(())
}

/// Checks that a file is a sound Plenary database this version can open, and returns its
/// schema version. The file is opened read-only and not changed.
pub fn verify(path: &Path) -> Result<u32> {
    let refuse =
        |why: String| Error::Incompatible(format!("{} cannot be used: {why}", path.display()));
    if !path.is_file() {
        return Err(refuse("there is no such file".into()));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| refuse(format!("it is not a SQLite database ({e})")))?;
    crate::collation::register(&conn)?;
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| refuse(format!("it is not a SQLite database ({e})")))?;
    if check != "ok" {
        return Err(refuse(format!("its integrity check failed ({check})")));
    }
    let version = db::user_version(&conn)?;
    if version > SCHEMA_VERSION {
        return Err(refuse(format!(
            "it was written by a newer Plenary (schema {version}; this one reads up to {SCHEMA_VERSION})"
        )));
    }
    let has_events: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'event'",
        [],
        |r| r.get(0),
    )?;
    if version == 0 || !has_events {
        return Err(refuse("it is not a Plenary database".into()));
    }
    Ok(version)
}

/// Takes an automatic backup into `backups/` beside the database, named by time and reason,
/// and keeps only the newest `keep`.
pub fn automatic(
    conn: &Connection,
    db_path: &Path,
    reason: &str,
    now: DateTime<Utc>,
    keep: usize,
) -> Result<PathBuf> {
    let folder = folder_for(db_path);
    let stem = db_path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("plenary");
    let dest = folder.join(format!(
        "{stem}-{}-{reason}.db",
        now.format("%Y%m%dT%H%M%S%.3fZ")
    ));
    backup_to(conn, &dest)?;
    prune(&folder, stem, keep)?;
    Ok(dest)
}

/// The automatic backups of the database at `db_path`, oldest first.
pub fn automatic_backups(db_path: &Path) -> Result<Vec<PathBuf>> {
    let folder = folder_for(db_path);
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let stem = db_path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("plenary");
    own_backups(&folder, stem)
}

/// Deletes all but the newest `keep` automatic backups of the database named `stem`.
fn prune(folder: &Path, stem: &str, keep: usize) -> Result<()> {
    let backups = own_backups(folder, stem)?;
    let excess = backups.len().saturating_sub(keep.max(1));
    for old in &backups[..excess] {
        std::fs::remove_file(old).map_err(io(old))?;
    }
    Ok(())
}

fn own_backups(folder: &Path, stem: &str) -> Result<Vec<PathBuf>> {
    let prefix = format!("{stem}-");
    let mut backups: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(io(folder))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            // Only this database's own backups: "<stem>-<YYYYMMDD>T…", never those of a
            // neighbour whose name merely starts the same way ("plenary-old.db").
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.ends_with(".db")
                    && n.strip_prefix(&prefix).is_some_and(|rest| {
                        rest.len() > 9
                            && rest[..8].bytes().all(|b| b.is_ascii_digit())
                            && rest.as_bytes()[8] == b'T'
                    })
            })
        })
        .collect();
    // The names start with a sortable UTC time, so the newest sort last.
    backups.sort();
    Ok(backups)
}

/// Replaces the database at `db_path` with the backup `from`, after checking it, and after
/// keeping a backup of the current state (returned, so the restore can be undone).
pub fn restore(db_path: &Path, from: &Path, now: DateTime<Utc>, keep: usize) -> Result<PathBuf> {
    verify(from)?;
    // Stage the source first: it may itself be an automatic backup that taking the safety
    // copy below would prune or overwrite.
    let folder = folder_for(db_path);
    std::fs::create_dir_all(&folder).map_err(io(&folder))?;
    let staged = tempfile::Builder::new()
        .prefix(".plenary-restore-")
        .suffix(".db")
        .tempfile_in(&folder)
        .map_err(io(&folder))?;
    backup_to(
        &Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?,
        staged.path(),
    )?;
    let opened = db::open(db_path).and_then(|conn| {
        let safety = automatic(&conn, db_path, "before-restore", now, keep)?;
        Ok((conn, safety))
    });
    let (mut conn, safety) = match opened {
        Ok(pair) => pair,
        // The live file is damaged (not a database, corrupt): it cannot be backed up, but a
        // restore is exactly what it needs. It is moved aside untouched, with its WAL, and
        // the backup is restored into a new file; the caller is told where it went.
        Err(Error::Database(_)) => {
            let aside = set_aside(db_path, now)?;
            (db::open(db_path)?, aside)
        }
        Err(other) => return Err(other),
    };
    let source = Connection::open_with_flags(staged.path(), OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    {
        let backup = Backup::new_with_names(&source, MAIN_DB, &mut conn, MAIN_DB)?;
        loop {
            match backup.step(256)? {
                StepResult::Done => break,
                StepResult::More => {}
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }
    drop(conn);
    // An older backup is migrated forward by the normal open path.
    let conn = db::open(db_path)?;
    // The restored revisions may equal ones an in-memory attendee list (directory.rs) saw
    // before, for other contents. Moving every revision to at least "now in milliseconds"
    // makes them newer than anything seen before the restore.
    conn.execute(
        "UPDATE event SET revision = max(revision + 1, ?1)",
        [now.timestamp_millis()],
    )?;
    Ok(safety)
}

/// Moves a damaged database and its WAL and shared-memory files into `backups/`, named by
/// time, and returns where the database went.
fn set_aside(db_path: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let folder = folder_for(db_path);
    std::fs::create_dir_all(&folder).map_err(io(&folder))?;
    let stem = db_path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("plenary");
    let dest = folder.join(format!(
        "{stem}-{}-damaged.db",
        now.format("%Y%m%dT%H%M%S%.3fZ")
    ));
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", db_path.display()));
        if from.exists() {
            let to = PathBuf::from(format!("{}{suffix}", dest.display()));
            std::fs::rename(&from, &to).map_err(io(&from))?;
        }
    }
    Ok(dest)
}

/// The size and modification time of the database and its WAL file: it changes whenever the
/// database does, which is all the backup timer needs to know.
pub fn fingerprint(db_path: &Path) -> Option<[(u64, std::time::SystemTime); 2]> {
    let of = |p: &Path| {
        std::fs::metadata(p)
            .ok()
            .and_then(|m| Some((m.len(), m.modified().ok()?)))
            .unwrap_or((0, std::time::UNIX_EPOCH))
    };
    let mut wal = db_path.as_os_str().to_owned();
    wal.push("-wal");
    db_path.exists().then(|| [of(db_path), of(Path::new(&wal))])
}
