//! The `assignment` table: who speaks in which session, in which role and order.

use crate::params;
use crate::schedule::model::Role;
use crate::sql::{Connection, OptionalExtension, Transaction};
use crate::{Error, Result};

/// A stored assignment with the speaker's attendee row fields the schedule needs.
#[derive(Debug, Clone)]
pub struct Stored {
    pub id: String,
    pub session_id: String,
    pub attendee_id: String,
    pub role: Role,
    pub position: u32,
    pub home_timezone: String,
}

const SELECT: &str =
    "SELECT id, session_id, attendee_id, role, position, home_timezone FROM assignment";

fn from_row(r: &crate::sql::Row<'_>) -> crate::Result<Stored> {
    let role: String = r.get(3)?;
    Ok(Stored {
        id: r.get(0)?,
        session_id: r.get(1)?,
        attendee_id: r.get(2)?,
        role: Role::parse(&role).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                3,
                rusqlite::types::Type::Text,
                format!("assignment.role holds {role:?}").into(),
            )
        })?,
        position: r.get(4)?,
        home_timezone: r.get(5)?,
    })
}

/// Every assignment of the event's sessions, by session then order.
pub fn list_for_event(conn: &Connection, event_id: &str) -> Result<Vec<Stored>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE session_id IN (SELECT id FROM session WHERE event_id = ?1)
         ORDER BY session_id, position, created_at"
    ))?;
    let rows = stmt.query_map([event_id], from_row)?;
    rows.collect::<crate::Result<_>>()
}

pub fn list_for_session(conn: &Connection, session_id: &str) -> Result<Vec<Stored>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE session_id = ?1 ORDER BY position, created_at"
    ))?;
    let rows = stmt.query_map([session_id], from_row)?;
    rows.collect::<crate::Result<_>>()
}

pub fn get(conn: &Connection, id: &str) -> Result<Stored> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("assignment", id))
}

pub fn exists(conn: &Connection, session_id: &str, attendee_id: &str, role: Role) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM assignment WHERE session_id = ?1 AND attendee_id = ?2 AND role = ?3",
            params![session_id, attendee_id, role.as_str()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub fn insert(tx: &Transaction<'_>, a: &Stored, now: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO assignment (id, session_id, attendee_id, role, position, home_timezone,
                                 created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            a.id,
            a.session_id,
            a.attendee_id,
            a.role.as_str(),
            a.position,
            a.home_timezone,
            now
        ],
    )?;
    Ok(())
}

/// The next free position in a session's speaker order.
pub fn next_position(conn: &Connection, session_id: &str) -> Result<u32> {
    conn.query_row(
        "SELECT coalesce(max(position) + 1, 1) FROM assignment WHERE session_id = ?1",
        [session_id],
        |r| r.get(0),
    )
}

pub fn update(
    tx: &Transaction<'_>,
    id: &str,
    role: Role,
    position: u32,
    home_timezone: &str,
) -> Result<()> {
    let changed = tx.execute(
        "UPDATE assignment SET role = ?2, position = ?3, home_timezone = ?4 WHERE id = ?1",
        params![id, role.as_str(), position, home_timezone],
    )?;
    if changed == 0 {
        return Err(Error::not_found("assignment", id));
    }
    Ok(())
}

pub fn delete(tx: &Transaction<'_>, id: &str) -> Result<()> {
    if tx.execute("DELETE FROM assignment WHERE id = ?1", [id])? == 0 {
        return Err(Error::not_found("assignment", id));
    }
    Ok(())
}
