//! The audit log and undo. Triggers (migration 0005) write every changed row of every table
//! into `change_row` as JSON; the write transaction seals them into one `change_entry` when it
//! commits ([`seal`], called by `ops::WriteTx::commit`), with the OS user, the time, a summary
//! and the reason if the user gave one. Undo applies an entry's rows backwards, in a new
//! transaction that is itself logged.

use crate::{Error, Result};
use rusqlite::types::Value as Sql;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::{Map, Value};

/// The tables the triggers watch, with their primary-key columns.
pub const TABLES: [(&str, &[&str]); 13] = [
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
];

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

/// Who is making changes: the OS user's account name (from the system's user database, so
/// it does not depend on the environment the app was started with).
pub fn actor() -> String {
    whoami::username()
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

struct Row {
    tbl: String,
    old: Option<Map<String, Value>>,
    new: Option<Map<String, Value>>,
}

fn parse(text: Option<String>) -> Option<Map<String, Value>> {
    text.and_then(|t| match serde_json::from_str(&t) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    })
}

fn rows_of(conn: &Connection, entry: Option<i64>) -> Result<Vec<Row>> {
    let mut stmt = conn
        .prepare_cached("SELECT tbl, old, new FROM change_row WHERE entry_id IS ?1 ORDER BY seq")?;
    let rows = stmt.query_map([entry], |r| {
        Ok(Row {
            tbl: r.get(0)?,
            old: parse(r.get(1)?),
            new: parse(r.get(2)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn text<'a>(map: &'a Map<String, Value>, key: &str) -> &'a str {
    map.get(key).and_then(Value::as_str).unwrap_or("")
}

fn person(map: &Map<String, Value>) -> String {
    let (given, family) = (text(map, "given_name"), text(map, "family_name"));
    let order = text(map, "name_order");
    let name = if order == "family_first" {
        format!("{family} {given}")
    } else {
        format!("{given} {family}")
    };
    name.trim().to_owned()
}

/// Words for what a set of rows did: "Added Ana Silva", "Changed 张伟 (email, phone)",
/// "Deleted 3 attendees, 2 sign-ups".
fn summarize(rows: &[Row]) -> String {
    // Describe the change by its most important table: deleting an attendee also deletes
    // their sign-ups, which are mentioned only as linked records.
    const RANK: [&str; 6] = [
        "event",
        "session",
        "room",
        "attendee",
        "category",
        "assignment",
    ];
    let rank = |t: &str| RANK.iter().position(|r| *r == t).unwrap_or(RANK.len());
    let top = rows
        .iter()
        .map(|r| rank(&r.tbl))
        .min()
        .unwrap_or(RANK.len());
    let main: Vec<&Row> = rows.iter().filter(|r| rank(&r.tbl) == top).collect();
    let tail = match rows.len() - main.len() {
        0 => String::new(),
        1 => " and 1 linked record".to_owned(),
        n => format!(" and {n} linked records"),
    };
    if let [one] = main.as_slice() {
        return single(one) + &tail;
    }
    many(&main) + &tail
}

fn single(one: &Row) -> String {
    let map = one.new.as_ref().or(one.old.as_ref());
    let what = map.map_or_else(String::new, |m| match one.tbl.as_str() {
        "attendee" => person(m),
        "session" => format!("“{}”", text(m, "title")),
        "room" | "event" => text(m, "name").to_owned(),
        "category" => text(m, "label").to_owned(),
        other => other.replace('_', " "),
    });
    match (&one.old, &one.new) {
        (None, _) => format!("Added {what}"),
        (_, None) => format!("Deleted {what}"),
        (Some(old), Some(new)) => {
            let changed: Vec<&str> = new
                .iter()
                .filter(|(k, v)| {
                    old.get(*k) != Some(v) && !matches!(k.as_str(), "updated_at" | "search_key")
                })
                .map(|(k, _)| k.as_str())
                .collect();
            let verb = if one.tbl == "session"
                && changed.iter().any(|c| c.contains("_at") || *c == "room_id")
            {
                "Moved"
            } else {
                "Changed"
            };
            format!("{verb} {what} ({})", changed.join(", "))
        }
    }
}

fn many(main: &[&Row]) -> String {
    let mut counts: Vec<(&str, &str, u32)> = Vec::new();
    for r in main {
        let verb = match (&r.old, &r.new) {
            (None, _) => "added",
            (_, None) => "deleted",
            _ => "changed",
        };
        match counts
            .iter_mut()
            .find(|(v, t, _)| *v == verb && *t == r.tbl)
        {
            Some(c) => c.2 += 1,
            None => counts.push((verb, r.tbl.as_str(), 1)),
        }
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(verb, tbl, n)| {
            let noun = match *tbl {
                "attendee" => "attendees",
                "session" => "sessions",
                "assignment" => "speaker assignments",
                "signup" => "sign-ups",
                "attendance" => "attendance marks",
                "room" => "rooms",
                other => other,
            };
            format!("{verb} {n} {noun}")
        })
        .collect();
    let mut text = parts.join(", ");
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    text
}

/// The event a row belongs to.
fn event_of(conn: &Connection, row: &Row) -> Option<String> {
    let map = row.new.as_ref().or(row.old.as_ref())?;
    if row.tbl == "event" {
        return Some(text(map, "id").to_owned());
    }
    if let Some(id) = map.get("event_id").and_then(Value::as_str) {
        return Some(id.to_owned());
    }
    let lookup = |sql: &str, key: &str| -> Option<String> {
        let id = map.get(key).and_then(Value::as_str)?;
        conn.query_row(sql, [id], |r| r.get(0))
            .optional()
            .ok()
            .flatten()
    };
    lookup("SELECT event_id FROM session WHERE id = ?1", "session_id")
        .or_else(|| lookup("SELECT event_id FROM attendee WHERE id = ?1", "attendee_id"))
}

/// Seals the rows this transaction logged into one entry; `None` if it changed nothing.
pub(crate) fn seal(
    tx: &Transaction<'_>,
    summary: Option<&str>,
    reason: &str,
    event: Option<&str>,
) -> Result<Option<i64>> {
    let (event, summary) = match (summary, event) {
        // What the caller said needs no parsing of the rows, which for an import are many.
        (Some(summary), Some(event)) => {
            let any: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM change_row WHERE entry_id IS NULL)",
                [],
                |r| r.get(0),
            )?;
            if !any {
                return Ok(None);
            }
            (Some(event.to_owned()), summary.to_owned())
        }
        (summary, event) => {
            let rows = rows_of(tx, None)?;
            if rows.is_empty() {
                return Ok(None);
            }
            let event = event
                .map(str::to_owned)
                .or_else(|| rows.iter().find_map(|r| event_of(tx, r)));
            let summary = summary.map_or_else(|| summarize(&rows), str::to_owned);
            (event, summary)
        }
    };
    tx.execute(
        "INSERT INTO change_entry (event_id, at, actor, summary, reason) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            event,
            crate::ops::timestamp(chrono::Utc::now()),
            actor(),
            summary,
            reason.trim()
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "UPDATE change_row SET entry_id = ?1 WHERE entry_id IS NULL",
        [id],
    )?;
    Ok(Some(id))
}

/// The newest changes of an event, newest first.
pub fn activity(conn: &Connection, event_id: &str, limit: u32) -> Result<Vec<ActivityEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ENTRY_SELECT} WHERE e.event_id = ?1 ORDER BY e.id DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![event_id, limit], entry_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether the entry `e` can be undone (see [`ActivityEntry::undoable`]); the one rule that
/// the Activity view's Undo button and [`last_undoable`] share.
macro_rules! undoable_sql {
    () => {
        "(e.undone_by IS NULL AND e.undoes IS NULL AND NOT EXISTS (
            SELECT 1 FROM change_row c
             WHERE c.entry_id = e.id AND c.tbl = 'event' AND c.old IS NULL))"
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

fn entry_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ActivityEntry> {
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
        .ok_or_else(|| Error::Incompatible(format!("the audit log names an unknown table {tbl}")))
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
                rusqlite::params_from_iter(key_of(new)),
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
                rusqlite::params_from_iter(old.values().map(sql_value)),
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
                rusqlite::params_from_iter(values),
            )?;
        }
        (None, None) => {}
    }
    // The sort key is not logged (it is derived); a restored attendee gets it computed again.
    if let (Some(old), "attendee") = (&row.old, table) {
        tx.execute(
            &format!(
                "UPDATE attendee SET sort_key = {}(sort_family, sort_given) WHERE id = ?1",
                crate::collation::SORT_KEY_FUNCTION
            ),
            [text(old, "id")],
        )?;
    }
    Ok(())
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
    Ok(conn
        .query_row(
            concat!(
                "SELECT e.id FROM change_entry e WHERE e.event_id = ?1 AND ",
                undoable_sql!(),
                " ORDER BY e.id DESC LIMIT 1"
            ),
            [event_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Reverts one change: the last one (Ctrl+Z), or an older deletion, to bring a deleted
/// attendee back. It fails, changing nothing, if what it would restore clashes with what
/// was done since (say, another attendee now has the email).
pub fn undo(conn: &mut Connection, entry_id: u32) -> Result<ActivityEntry> {
    let entry_id = i64::from(entry_id);
    let mut tx = crate::ops::write_tx(conn)?;
    let (summary, event_id, undone): (String, Option<String>, bool) = tx
        .query_row(
            "SELECT summary, event_id, undone_by IS NOT NULL FROM change_entry WHERE id = ?1",
            [entry_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("change", entry_id.to_string()))?;
    if undone {
        return Err(Error::invalid(
            "undo",
            format!("“{summary}” was already undone."),
        ));
    }
    let rows = rows_of(&tx, Some(entry_id))?;
    if rows.iter().any(|r| r.tbl == "event" && r.old.is_none()) {
        return Err(Error::invalid(
            "undo",
            "This change created the event; undoing it would delete the whole event. Delete the event from the Events screen if that is what you want.",
        ));
    }
    for row in rows.iter().rev() {
        revert(&tx, row).map_err(|e| match e {
            Error::Database(rusqlite::Error::SqliteFailure(f, msg))
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                Error::invalid(
                    "undo",
                    format!(
                        "“{summary}” cannot be undone: what it would restore clashes with a later change ({}).",
                        msg.unwrap_or_default()
                    ),
                )
            }
            other => other,
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
