//! Backups and restore: when a copy is taken, how many automatic backups are kept, and
//! putting one back. The copying itself (SQLite's online backup API, written under a
//! temporary name, checked, then renamed into place) and the check of a file are
//! `db::copy_to` and `db::verify`, re-exported here; the names of the files are
//! `file_names.rs`. A restore checks the file first (`integrity_check`, schema version) and
//! keeps a backup of the current state, so that the restore itself can be undone.

use crate::db::{self, Connection};
use crate::{file_names, Code, Error, FieldError, Result};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

pub use crate::db::verify;

/// Writes a consistent copy of the store into the file `dest` (replacing it atomically): a
/// file's pages with SQLite's online backup API (`db::copy_to`), or a server's events, each
/// with everything it has, into a new file (`transfer::to_file`). Either way the copy is a
/// store that `restore` takes back.
pub fn backup_to(conn: &Connection, dest: &Path) -> Result<()> {
    match conn.lite() {
        Some(_) => db::copy_to(conn, dest),
        None => crate::transfer::to_file(conn, dest),
    }
}

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
        return Err(FieldError::new("backups_keep", Code::BackupsKeepRange)
            .param("max", MAX_KEEP)
            .param("value", keep)
            .into());
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
    file_names::backup_folder(db_path)
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Takes an automatic backup into `backups/` beside the database, named by time and reason,
/// and keeps only the newest `keep`. A server's store has no folder beside it, and its
/// administrator keeps its backups (`docs/server.md`): there it takes none and says `None`.
pub fn automatic(
    conn: &Connection,
    db_path: &Path,
    reason: &str,
    now: DateTime<Utc>,
    keep: usize,
) -> Result<Option<PathBuf>> {
    if conn.lite().is_none() {
        return Ok(None);
    }
    automatic_file(conn, db_path, reason, now, keep).map(Some)
}

fn automatic_file(
    conn: &Connection,
    db_path: &Path,
    reason: &str,
    now: DateTime<Utc>,
    keep: usize,
) -> Result<PathBuf> {
    let dest = file_names::automatic_backup(db_path, now, reason);
    db::copy_to(conn, &dest)?;
    prune(&folder_for(db_path), file_names::backup_stem(db_path), keep)?;
    Ok(dest)
}

/// The automatic backups of the database at `db_path`, oldest first.
pub fn automatic_backups(db_path: &Path) -> Result<Vec<PathBuf>> {
    let folder = folder_for(db_path);
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    own_backups(&folder, file_names::backup_stem(db_path))
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
    let mut backups: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(io(folder))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| file_names::is_automatic_backup_of(stem, n))
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
    // A server has no folder beside it (and none may ever be made from its address): its
    // events are restored one by one (`transfer::restore_from_file`).
    if db::server_address(db_path).is_some() {
        return Err(Error::Server(
            "a server is restored event by event, not as a file".into(),
        ));
    }
    // Stage the source first: it may itself be an automatic backup that taking the safety
    // copy below would prune or overwrite.
    let folder = folder_for(db_path);
    std::fs::create_dir_all(&folder).map_err(io(&folder))?;
    let staged = tempfile::Builder::new()
        .prefix(".plenary-restore-")
        .suffix(".db")
        .tempfile_in(&folder)
        .map_err(io(&folder))?;
    db::copy_to(&db::open_read_only(from)?, staged.path())?;
    let opened = db::open(db_path).and_then(|conn| {
        let safety = automatic_file(&conn, db_path, "before-restore", now, keep)?;
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
    db::copy_pages(&db::open_read_only(staged.path())?, &mut conn)?;
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
    let dest = file_names::automatic_backup(db_path, now, "damaged");
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
