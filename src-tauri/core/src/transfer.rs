//! Copying one event, with everything it has, from one store to another: a file to a server, a
//! server to a file, or between two of either (`plenary event copy`, the app's "Publish to
//! server…" and "Save a copy as file…", and a server's `plenary backup`).
//!
//! Every row keeps its id, so the copy exports byte for byte as the original does. The
//! activity log comes along: its entries get the destination's next numbers, and their rows
//! and their "undoes"/"undone by" links follow them. The copy is read in one snapshot of the
//! source, then written in one transaction that holds the destination's write lock: a desk
//! working on the destination sees the event before or after, never half of it. A destination
//! that already has the event is refused unless asked to replace it.

use crate::sql::{params_from_iter, Connection, Engine, OptionalExtension, Value};
use crate::{Code, Error, FieldError, Result};
use std::collections::HashMap;

/// The tables that hold an event's rows, parents before children, each with the condition
/// that picks the event's rows (`?1` is the event's id). The activity log is copied apart.
const TABLES: &[(&str, &str)] = &[
    ("event", "id = ?1"),
    ("event_organizer", "event_id = ?1"),
    ("category", "event_id = ?1"),
    ("attendee", "event_id = ?1"),
    (
        "attendee_sensitive",
        "attendee_id IN (SELECT id FROM attendee WHERE event_id = ?1)",
    ),
    ("sensitive_policy", "event_id = ?1"),
    ("delegation", "event_id = ?1"),
    ("room", "event_id = ?1"),
    ("session", "event_id = ?1"),
    (
        "assignment",
        "session_id IN (SELECT id FROM session WHERE event_id = ?1)",
    ),
    (
        "signup",
        "session_id IN (SELECT id FROM session WHERE event_id = ?1)",
    ),
    ("accepted_warning", "event_id = ?1"),
    (
        "attendance",
        "session_id IN (SELECT id FROM session WHERE event_id = ?1)",
    ),
    ("seating", "event_id = ?1"),
    ("protocol_settings", "event_id = ?1"),
    ("letter_template", "event_id = ?1"),
    ("letter_issued", "event_id = ?1"),
    ("desk_action", "event_id = ?1"),
    ("desk_review", "event_id = ?1"),
];

/// The tables a desk may read (`server::grant_desk`) that its cache (offline.rs) leaves out:
/// the letters' settings, and the replay's own records. Without the log either, and never
/// passport numbers or dates of birth, which a desk may not read at all.
const NOT_FOR_DESK: &[&str] = &[
    "protocol_settings",
    "letter_template",
    "desk_action",
    "desk_review",
];

fn for_desk(table: &str) -> bool {
    crate::server::DESK_READS.contains(&table) && !NOT_FOR_DESK.contains(&table)
}

/// The tables that are not an event's: settings of the whole store, and the activity log,
/// which [`copy_event`] copies by its own rule. (A test checks that every table of the schema
/// is in [`TABLES`] or here.)
pub const NOT_COPIED_BY_TABLE: &[&str] = &["meta", "change_entry", "change_row"];

/// The tables [`copy_event`] copies row by row.
pub fn tables() -> impl Iterator<Item = &'static str> {
    TABLES.iter().map(|(t, _)| *t)
}

/// What a copy did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CopyReport {
    pub event_id: String,
    pub name: String,
    /// Rows copied, all tables together (the log not counted).
    pub rows: u64,
    pub attendees: u64,
    /// Entries of the activity log copied.
    pub entries: u64,
    /// Whether the destination had the event, which the copy replaced.
    pub replaced: bool,
}

/// One table's rows, read from the source.
struct Rows {
    table: &'static str,
    columns: Vec<String>,
    rows: Vec<Vec<Value>>,
}

/// The columns of a table that a copy writes: all but generated ones, in schema order.
fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let sql = match conn.engine() {
        Engine::Sqlite => "SELECT name FROM pragma_table_xinfo(?1) WHERE hidden = 0 ORDER BY cid",
        Engine::Postgres => {
            "SELECT column_name::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = ?1
               AND is_generated = 'NEVER'
             ORDER BY ordinal_position"
        }
    };
    let mut stmt = conn.prepare(sql)?;
    let names = stmt.query_map([table], |r| r.get::<_, String>(0))?;
    names.collect()
}

fn read_table(conn: &Connection, table: &'static str, filter: &str, event: &str) -> Result<Rows> {
    let columns = columns(conn, table)?;
    let list = columns.join(", ");
    let mut stmt = conn.prepare(&format!("SELECT {list} FROM {table} WHERE {filter}"))?;
    let n = columns.len();
    let rows = stmt.query_map([event], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())?;
    Ok(Rows {
        table,
        columns,
        rows: rows.collect::<Result<_>>()?,
    })
}

/// The activity log's entries of an event, oldest first, and their rows.
struct Log {
    /// id, at, actor, summary, reason, undoes, undone_by.
    entries: Vec<(i64, [Value; 6])>,
    /// entry id, tbl, pk, old, new; in the order they were logged.
    rows: Vec<(i64, [Value; 4])>,
}

fn read_log(conn: &Connection, event: &str) -> Result<Log> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, summary, reason, undoes, undone_by FROM change_entry
         WHERE event_id = ?1 ORDER BY id",
    )?;
    let entries = stmt.query_map([event], |r| {
        Ok((
            r.get(0)?,
            [
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ],
        ))
    })?;
    let entries = entries.collect::<Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT r.entry_id, r.tbl, r.pk, r.old, r.new FROM change_row r
         JOIN change_entry e ON e.id = r.entry_id
         WHERE e.event_id = ?1 ORDER BY r.seq",
    )?;
    let rows = stmt.query_map([event], |r| {
        Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?]))
    })?;
    Ok(Log {
        entries,
        rows: rows.collect::<Result<_>>()?,
    })
}

/// The ids of the events in a store, oldest first.
pub fn event_ids(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT id FROM event ORDER BY created_at, id")?;
    let ids = stmt.query_map([], |r| r.get(0))?;
    ids.collect()
}

/// Copies the event `event_id` from `src` into `dest` (see the module's notes). Without
/// `replace`, a destination that has the event already is refused (field `to`), and nothing
/// is written.
pub fn copy_event(
    src: &Connection,
    dest: &mut Connection,
    event_id: &str,
    replace: bool,
) -> Result<CopyReport> {
    copy(src, dest, event_id, replace, false)
}

/// Copies what a registration desk needs of an event (see [`NOT_FOR_DESK`]; no activity log)
/// into a desk's cache, replacing what the cache had of it.
pub(crate) fn copy_for_desk(
    src: &Connection,
    dest: &mut Connection,
    event_id: &str,
) -> Result<CopyReport> {
    copy(src, dest, event_id, true, true)
}

fn copy(
    src: &Connection,
    dest: &mut Connection,
    event_id: &str,
    replace: bool,
    desk: bool,
) -> Result<CopyReport> {
    // One snapshot of the source, read before the destination is locked.
    let snapshot = src.read_transaction()?;
    let (name, revision): (String, i64) = snapshot
        .query_row(
            "SELECT name, revision FROM event WHERE id = ?1",
            [event_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("event", event_id))?;
    let tables = TABLES
        .iter()
        .filter(|(table, _)| !desk || for_desk(table))
        .map(|(table, filter)| read_table(&snapshot, table, filter, event_id))
        .collect::<Result<Vec<_>>>()?;
    let log = if desk {
        Log {
            entries: Vec::new(),
            rows: Vec::new(),
        }
    } else {
        read_log(&snapshot, event_id)?
    };
    snapshot.commit()?;

    let tx = dest.write_transaction()?;
    let existing: Option<i64> = tx
        .query_row(
            "SELECT revision FROM event WHERE id = ?1",
            [event_id],
            |r| r.get(0),
        )
        .optional()?;
    if existing.is_some() && !replace {
        return Err(FieldError::new("to", Code::EventCopyExists)
            .param("name", &name)
            .param("id", event_id)
            .into());
    }
    if existing.is_some() {
        tx.execute(
            "UPDATE change_entry SET undoes = NULL, undone_by = NULL WHERE event_id = ?1",
            [event_id],
        )?;
        tx.execute("DELETE FROM change_entry WHERE event_id = ?1", [event_id])?;
        tx.execute("DELETE FROM event WHERE id = ?1", [event_id])?;
    }
    let mut report = CopyReport {
        event_id: event_id.to_owned(),
        name,
        rows: 0,
        attendees: 0,
        entries: 0,
        replaced: existing.is_some(),
    };
    // On a server each table goes in by one COPY (one statement: the revision trigger runs
    // once, not once per attendee), and what the audit function logs meanwhile is written
    // under a scratch entry deleted below, so that no row is left looking unsealed for the
    // next seals to step over (tx.rs, `WriteTx::open_entry`).
    let on_server = tx.engine() == Engine::Postgres;
    let scratch: Option<i64> = if on_server {
        let id = crate::tx::insert_entry(&tx, None, "", "")?;
        crate::tx::log_into(&tx, Some(id))?;
        Some(id)
    } else {
        None
    };
    for table in &tables {
        if table.rows.is_empty() {
            continue;
        }
        if on_server {
            let columns: Vec<&str> = table.columns.iter().map(String::as_str).collect();
            tx.copy_in(table.table, &columns, &table.rows, &mut |_| {})?;
        } else {
            let marks: Vec<String> = (1..=table.columns.len()).map(|i| format!("?{i}")).collect();
            let mut insert = tx.prepare(&format!(
                "INSERT INTO {} ({}) VALUES ({})",
                table.table,
                table.columns.join(", "),
                marks.join(", ")
            ))?;
            for row in &table.rows {
                insert.execute(params_from_iter(row.iter()))?;
            }
        }
        report.rows += table.rows.len() as u64;
        if table.table == "attendee" {
            report.attendees = table.rows.len() as u64;
        }
    }
    // The rows the destination's triggers logged while the copy was written are not a change
    // anyone made: the log that comes with the event says what happened to it.
    if let Some(id) = scratch {
        crate::tx::log_into(&tx, None)?;
        tx.execute("DELETE FROM change_entry WHERE id = ?1", [id])?;
    }
    tx.execute("DELETE FROM change_row WHERE entry_id IS NULL", [])?;
    let mut ids: HashMap<i64, i64> = HashMap::new();
    for (old_id, [at, actor, summary, reason, undoes, _]) in &log.entries {
        let undoes = match undoes {
            Value::Integer(i) => ids.get(i).map_or(Value::Null, |n| Value::Integer(*n)),
            _ => Value::Null,
        };
        let new_id: i64 = tx.query_row(
            "INSERT INTO change_entry (event_id, at, actor, summary, reason, undoes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
            crate::params![event_id, at, actor, summary, reason, undoes],
            |r| r.get(0),
        )?;
        ids.insert(*old_id, new_id);
    }
    for (old_id, [.., undone_by]) in &log.entries {
        if let (Value::Integer(by), Some(id)) = (undone_by, ids.get(old_id)) {
            if let Some(by) = ids.get(by) {
                tx.execute(
                    "UPDATE change_entry SET undone_by = ?2 WHERE id = ?1",
                    [id, by],
                )?;
            }
        }
    }
    let mut insert_row = tx.prepare(
        "INSERT INTO change_row (entry_id, tbl, pk, old, new) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (entry, [tbl, pk, old, new]) in &log.rows {
        if let Some(id) = ids.get(entry) {
            insert_row.execute(crate::params![id, tbl, pk, old, new])?;
        }
    }
    drop(insert_row);
    report.entries = log.entries.len() as u64;
    // Newer than anything a desk on the destination saw before, so that every in-memory list
    // of the event (directory.rs) reloads.
    let moved = revision.max(existing.unwrap_or(0)) + 1;
    tx.execute(
        "UPDATE event SET revision = ?2 WHERE id = ?1",
        crate::params![event_id, moved],
    )?;
    tx.commit()?;
    Ok(report)
}

/// Writes every event of a store (a server's, usually) into a new SQLite file at `dest`,
/// replacing it atomically once the copy is complete and checked (`plenary backup` on a
/// server). The file is a store of its own, which `plenary restore` takes back.
pub fn to_file(conn: &Connection, dest: &std::path::Path) -> Result<()> {
    into_new_file(conn, &event_ids(conn)?, dest).map(|_| ())
}

/// Writes one event, with everything it has, into a new SQLite file at `dest`, replacing it
/// atomically once complete and checked (the app's "Save a copy as file…").
pub fn event_to_file(
    conn: &Connection,
    event_id: &str,
    dest: &std::path::Path,
) -> Result<CopyReport> {
    into_new_file(conn, &[event_id.to_owned()], dest)?
        .pop()
        .ok_or_else(|| Error::not_found("event", event_id))
}

fn into_new_file(
    conn: &Connection,
    events: &[String],
    dest: &std::path::Path,
) -> Result<Vec<CopyReport>> {
    let temp = crate::db::temp_beside(dest)?;
    let reports = {
        let mut file = crate::db::open(temp.path())?;
        let reports = events
            .iter()
            .map(|id| copy_event(conn, &mut file, id, true))
            .collect::<Result<Vec<_>>>()?;
        crate::db::fold_into_one_file(&file)?;
        reports
    };
    crate::db::verify(temp.path())?;
    temp.persist(dest).map_err(|e| Error::Io {
        path: dest.display().to_string(),
        source: e.error,
    })?;
    Ok(reports)
}

/// Copies every event of a backup file into `dest` (a server), each replacing the event of
/// the same id there; returns what each copy did. The file is checked first, and opened from
/// a private copy, migrated there if it is older, so the backup itself is never changed.
pub fn restore_from_file(dest: &mut Connection, from: &std::path::Path) -> Result<Vec<CopyReport>> {
    crate::db::verify(from)?;
    let dir = tempfile::tempdir().map_err(|source| Error::Io {
        path: std::env::temp_dir().display().to_string(),
        source,
    })?;
    let staged = dir.path().join("restore.db");
    crate::db::copy_to(&crate::db::open_read_only(from)?, &staged)?;
    let src = crate::db::open(&staged)?;
    event_ids(&src)?
        .iter()
        .map(|id| copy_event(&src, dest, id, true))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_is_copied_or_named_as_not_copied() {
        let conn = crate::db::open_in_memory().expect("a store");
        let mut stmt = conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table'
                 AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .expect("the schema reads");
        let names: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .expect("names")
            .collect::<Result<_>>()
            .expect("names");
        let missing: Vec<&String> = names
            .iter()
            .filter(|n| !tables().any(|t| t == *n) && !NOT_COPIED_BY_TABLE.contains(&n.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "tables an event copy leaves out: {missing:?}"
        );
    }
}
