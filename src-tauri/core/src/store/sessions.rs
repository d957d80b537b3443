//! The `session` table.

use crate::params;
use crate::schedule::model::SessionType;
use crate::sql::{Connection, OptionalExtension, Row, Transaction};
use crate::{Error, Result};

/// A stored session, before speakers and sign-up counts are attached.
#[derive(Debug, Clone)]
pub struct Stored {
    pub id: String,
    pub event_id: String,
    pub title: String,
    pub kind: SessionType,
    /// RFC 3339 UTC.
    pub starts_at: String,
    pub ends_at: String,
    pub room_id: Option<String>,
    pub room: Option<String>,
    pub description: String,
    pub capacity: Option<u32>,
    pub track: String,
}

/// The stored columns of a session to write.
pub struct Write<'a> {
    pub title: &'a str,
    pub kind: SessionType,
    pub starts_at: &'a str,
    pub ends_at: &'a str,
    pub room_id: Option<&'a str>,
    pub description: &'a str,
    pub capacity: Option<u32>,
    pub track: &'a str,
}

const SELECT: &str = "SELECT s.id, s.event_id, s.title, s.type, s.starts_at, s.ends_at,
        s.room_id, r.name, s.description, s.capacity, s.track
    FROM session s LEFT JOIN room r ON r.id = s.room_id";

fn from_row(r: &Row<'_>) -> crate::Result<Stored> {
    let kind: String = r.get(3)?;
    Ok(Stored {
        id: r.get(0)?,
        event_id: r.get(1)?,
        title: r.get(2)?,
        kind: SessionType::parse(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                3,
                rusqlite::types::Type::Text,
                format!("session.type holds {kind:?}").into(),
            )
        })?,
        starts_at: r.get(4)?,
        ends_at: r.get(5)?,
        room_id: r.get(6)?,
        room: r.get(7)?,
        description: r.get(8)?,
        capacity: r.get(9)?,
        track: r.get(10)?,
    })
}

/// The event's sessions by start time; with `between`, only those starting in [from, to).
pub fn list(
    conn: &Connection,
    event_id: &str,
    between: Option<(&str, &str)>,
) -> Result<Vec<Stored>> {
    let (from, to) = between.unwrap_or(("", "\u{10FFFF}"));
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE s.event_id = ?1 AND s.starts_at >= ?2 AND s.starts_at < ?3
         ORDER BY s.starts_at, s.ends_at, s.title"
    ))?;
    let rows = stmt.query_map(params![event_id, from, to], from_row)?;
    rows.collect::<crate::Result<_>>()
}

pub fn get(conn: &Connection, id: &str) -> Result<Stored> {
    conn.query_row(&format!("{SELECT} WHERE s.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("session", id))
}

pub fn insert(
    tx: &Transaction<'_>,
    id: &str,
    event_id: &str,
    s: &Write<'_>,
    now: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO session (id, event_id, title, type, starts_at, ends_at, room_id,
                              description, capacity, track, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            id,
            event_id,
            s.title,
            s.kind.as_str(),
            s.starts_at,
            s.ends_at,
            s.room_id,
            s.description,
            s.capacity,
            s.track,
            now
        ],
    )?;
    Ok(())
}

pub fn update(tx: &Transaction<'_>, id: &str, s: &Write<'_>, now: &str) -> Result<()> {
    let changed = tx.execute(
        "UPDATE session SET title = ?2, type = ?3, starts_at = ?4, ends_at = ?5, room_id = ?6,
             description = ?7, capacity = ?8, track = ?9, updated_at = ?10 WHERE id = ?1",
        params![
            id,
            s.title,
            s.kind.as_str(),
            s.starts_at,
            s.ends_at,
            s.room_id,
            s.description,
            s.capacity,
            s.track,
            now
        ],
    )?;
    if changed == 0 {
        return Err(Error::not_found("session", id));
    }
    Ok(())
}

pub fn delete(tx: &Transaction<'_>, id: &str) -> Result<()> {
    if tx.execute("DELETE FROM session WHERE id = ?1", [id])? == 0 {
        return Err(Error::not_found("session", id));
    }
    Ok(())
}
