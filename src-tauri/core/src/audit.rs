//! The audit log as the Activity view reads it, and undo. Triggers (migration 0005) write
//! every changed row of every table into `change_row` as JSON; the write transaction seals
//! them into one `change_entry` when it commits (`tx::WriteTx::commit`, in `tx.rs`),
//! with the OS user, the time, a summary and the reason if the user gave one. Undo applies an
//! entry's rows backwards, in a new transaction that is itself logged.

use crate::params;
use crate::sql::Value as Sql;
use crate::sql::{Connection, OptionalExtension, Transaction};
use crate::tx::{rows_of, text, write_tx, Row};
use crate::{Code, Error, FieldError, Result};
use serde::Serialize;
use serde_json::{Map, Value};

pub use crate::tx::actor;

/// The tables the triggers watch, with their primary-key columns.
pub const TABLES: [(&str, &[&str]); 17] = [
    ("event", &["id"]),
    ("event_organizer", &["event_id", "position"]),
    ("category", &["event_id", "key"]),
    ("attendee", &["id"]),
    ("delegation", &["event_id", "country"]),
    ("room", &["id"]),
    ("session", &["id"]),
    ("assignment", &["id"]),
    ("signup", &["session_id", "attendee_id"]),
    ("attendance", &["session_id", "attendee_id"]),
    ("accepted_warning", &["event_id", "key"]),
    ("sensitive_policy", &["event_id"]),
    ("attendee_sensitive", &["attendee_id"]),
    ("seating", &["event_id"]),
    ("protocol_settings", &["event_id"]),
    ("letter_template", &["event_id", "kind", "lang"]),
    ("letter_issued", &["event_id", "reference"]),
];

/// Registers that undo never rewrites: a letter's reference number, once given, is never given
/// again, so the change that issued letters cannot be undone.
pub const REGISTERS: [&str; 1] = ["letter_issued"];

/// Tables whose values the log never holds (it records only that a field was set): undo
/// leaves them alone.
pub const MASKED: [&str; 1] = ["attendee_sensitive"];

/// Columns the triggers leave out on purpose: derived values that are computed again.
pub const UNLOGGED: [(&str, &str); 4] = [
    ("event", "revision"),
    ("attendee", "sort_key"),
    ("attendee", "sort_family"),
    ("attendee", "sort_given"),
];

/// One change as the Activity view lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ActivityEntry {
    /// The entry's number (the log's rowid; a u32 so that JavaScript reads it exactly).
    pub id: u32,
    /// RFC 3339, UTC.
    pub at: String,
    /// The OS user who made the change.
    pub actor: String,
    pub summary: String,
    pub reason: String,
    /// True once an undo has reverted it.
    pub undone: bool,
    /// True for an entry that is itself an undo.
    pub is_undo: bool,
    /// True when it can be undone: not undone yet, not itself an undo, and not the creation of
    /// the event (undoing that would delete the whole event). Undo and Ctrl+Z revert the newest
    /// such entry.
    pub undoable: bool,
    /// True when it brought back or removed attendees (a deleted attendee can be brought back
    /// from here).
    pub deleted_attendees: u32,
}

/// The newest changes of an event, newest first.
pub fn activity(conn: &Connection, event_id: &str, limit: u32) -> Result<Vec<ActivityEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ENTRY_SELECT} WHERE e.event_id = ?1 ORDER BY e.id DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![event_id, limit], entry_from_row)?;
    rows.collect::<crate::Result<_>>()
}

/// Whether the entry `e` can be undone (see [`ActivityEntry::undoable`]); the one rule that
/// the Activity view's Undo button and [`last_undoable`] share.
macro_rules! undoable_sql {
    () => {
        "(e.undone_by IS NULL AND e.undoes IS NULL AND NOT EXISTS (
            SELECT 1 FROM change_row c
             WHERE c.entry_id = e.id AND (c.tbl = 'letter_issued'
                OR (c.tbl = 'event' AND c.old IS NULL))))"
    };
}

/// The columns of an [`ActivityEntry`], read from `change_entry e`.
const ENTRY_SELECT: &str = concat!(
    "SELECT e.id, e.at, e.actor, e.summary, e.reason,
        e.undone_by IS NOT NULL, e.undoes IS NOT NULL,
        (SELECT count(*) FROM change_row r
          WHERE r.entry_id = e.id AND r.tbl = 'attendee' AND r.new IS NULL), ",
    undoable_sql!(),
    " FROM change_entry e"
);

fn entry_from_row(r: &crate::sql::Row<'_>) -> crate::Result<ActivityEntry> {
    Ok(ActivityEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        summary: r.get(3)?,
        reason: r.get(4)?,
        undone: r.get(5)?,
        is_undo: r.get(6)?,
        deleted_attendees: r.get(7)?,
        undoable: r.get(8)?,
    })
}

fn sql_value(v: &Value) -> Sql {
    match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(Sql::Integer)
            .or_else(|| n.as_f64().map(Sql::Real))
            .unwrap_or(Sql::Null),
        Value::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    }
}

fn pk_of(tbl: &str) -> Result<&'static [&'static str]> {
    TABLES
        .iter()
        .find(|(t, _)| *t == tbl)
        .map(|(_, pk)| *pk)
        .ok_or_else(|| Error::bad_stored("table", tbl))
}

/// Puts one row back as it was before the change.
fn revert(tx: &Transaction<'_>, row: &Row) -> Result<()> {
    if MASKED.contains(&row.tbl.as_str()) {
        return Ok(());
    }
    let pk = pk_of(&row.tbl)?;
    let table = row.tbl.as_str();
    let key_of = |map: &Map<String, Value>| -> Vec<Sql> {
        pk.iter()
            .map(|c| map.get(*c).map_or(Sql::Null, sql_value))
            .collect()
    };
    let where_pk: Vec<String> = pk
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect();
    let where_pk = where_pk.join(" AND ");
    match (&row.old, &row.new) {
        (None, Some(new)) => {
            tx.execute(
                &format!("DELETE FROM {table} WHERE {where_pk}"),
                crate::sql::params_from_iter(key_of(new)),
            )?;
        }
        (Some(old), None) => {
            let columns: Vec<&str> = old.keys().map(String::as_str).collect();
            let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
            tx.execute(
                &format!(
                    "INSERT INTO {table} ({}) VALUES ({})",
                    columns.join(", "),
                    marks.join(", ")
                ),
                crate::sql::params_from_iter(old.values().map(sql_value)),
            )?;
        }
        (Some(old), Some(new)) => {
            let n = pk.len();
            let sets: Vec<String> = old
                .keys()
                .enumerate()
                .map(|(i, c)| format!("{c} = ?{}", n + i + 1))
                .collect();
            let mut values = key_of(new);
            values.extend(old.values().map(sql_value));
            tx.execute(
                &format!("UPDATE {table} SET {} WHERE {where_pk}", sets.join(", ")),
                crate::sql::params_from_iter(values),
            )?;
        }
        (None, None) => {}
    }
    // The sort key is not logged (it is derived); a restored attendee gets it computed again.
    if let (Some(old), "attendee") = (&row.old, table) {
        // Computed here, not by SQL: a server has no ICU collation.
        let id = text(old, "id");
        let names: Option<(String, String)> = tx
            .query_row(
                "SELECT sort_family, sort_given FROM attendee WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((family, given)) = names {
            tx.execute(
                "UPDATE attendee SET sort_key = ?2 WHERE id = ?1",
                crate::params![id, crate::collation::sort_key(&family, &given)],
            )?;
        }
    }
    Ok(())
}

/// The order an entry's rows are reverted in: the rows it added go first, newest first; then
/// the rows it deleted come back, parents before children (the two engines log a cascade in
/// different orders: SQLite the children first, PostgreSQL the parent); then the rows it
/// changed get their old values back, newest first, when every row they may point to is
/// there again.
fn revert_order(rows: &[Row]) -> Vec<&Row> {
    let rank = |table: &str| {
        crate::transfer::tables()
            .position(|t| t == table)
            .unwrap_or(usize::MAX)
    };
    let added = rows.iter().rev().filter(|r| r.old.is_none());
    let mut deleted: Vec<&Row> = rows
        .iter()
        .rev()
        .filter(|r| r.old.is_some() && r.new.is_none())
        .collect();
    deleted.sort_by_key(|r| rank(&r.tbl));
    let changed = rows
        .iter()
        .rev()
        .filter(|r| r.old.is_some() && r.new.is_some());
    added.chain(deleted).chain(changed).collect()
}

/// Reverts the newest change of the event that is not undone yet (undos themselves are
/// skipped, so repeated undos walk back through the history). `None` if there is nothing.
pub fn undo_last(conn: &mut Connection, event_id: &str) -> Result<Option<ActivityEntry>> {
    match last_undoable(conn, event_id)? {
        Some(id) => undo(conn, id).map(Some),
        None => Ok(None),
    }
}

/// The entry that [`undo_last`] would revert: the newest change of the event that is neither
/// undone nor itself an undo. The event's own creation is never offered: undoing it would
/// delete the whole event, and with it the way back to its log.
pub fn last_undoable(conn: &Connection, event_id: &str) -> Result<Option<u32>> {
    conn.query_row(
        concat!(
            "SELECT e.id FROM change_entry e WHERE e.event_id = ?1 AND ",
            undoable_sql!(),
            " ORDER BY e.id DESC LIMIT 1"
        ),
        [event_id],
        |r| r.get(0),
    )
    .optional()
}

/// Reverts one change: the last one (Ctrl+Z), or an older deletion, to bring a deleted
/// attendee back. It fails, changing nothing, if what it would restore clashes with what
/// was done since (say, another attendee now has the email).
pub fn undo(conn: &mut Connection, entry_id: u32) -> Result<ActivityEntry> {
    let entry_id = i64::from(entry_id);
    let mut tx = write_tx(conn)?;
    let (summary, event_id, undone): (String, Option<String>, bool) = tx
        .query_row(
            "SELECT summary, event_id, undone_by IS NOT NULL FROM change_entry WHERE id = ?1",
            [entry_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("change", entry_id.to_string()))?;
    if undone {
        return Err(FieldError::new("undo", Code::AlreadyUndone)
            .param("summary", &summary)
            .into());
    }
    let rows = rows_of(&tx, Some(entry_id))?;
    if rows.iter().any(|r| r.tbl == "event" && r.old.is_none()) {
        return Err(Error::invalid("undo", Code::UndoCreatedEvent));
    }
    if rows.iter().any(|r| REGISTERS.contains(&r.tbl.as_str())) {
        return Err(Error::invalid("undo", Code::UndoLetters));
    }
    for row in revert_order(&rows) {
        revert(&tx, row).map_err(|e| match crate::store::constraint_violation(&e) {
            Some(detail) => FieldError::new("undo", Code::UndoClashes)
                .param("summary", &summary)
                .param("detail", detail)
                .into(),
            None => e,
        })?;
    }
    tx.describe(format!("Undid: {summary}"));
    let new_id = tx.commit_entry()?;
    if let Some(new_id) = new_id {
        conn.execute(
            "UPDATE change_entry SET undone_by = ?1 WHERE id = ?2",
            params![new_id, entry_id],
        )?;
        conn.execute(
            "UPDATE change_entry SET undoes = ?1, event_id = coalesce(event_id, ?3) WHERE id = ?2",
            params![entry_id, new_id, event_id],
        )?;
    }
    activity_entry(conn, new_id.unwrap_or(entry_id))
}

fn activity_entry(conn: &Connection, id: i64) -> Result<ActivityEntry> {
    conn.query_row(
        &format!("{ENTRY_SELECT} WHERE e.id = ?1"),
        [id],
        entry_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("change", id.to_string()))
}
