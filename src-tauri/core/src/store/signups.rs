//! The `signup` table: who registered for which session.

use crate::params;
use crate::sql::{Connection, Transaction};
use crate::Result;

/// (session id, attendee id) for every sign-up of the event.
pub fn list_for_event(conn: &Connection, event_id: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT session_id, attendee_id FROM signup
         WHERE session_id IN (SELECT id FROM session WHERE event_id = ?1)
         ORDER BY session_id, created_at",
    )?;
    let rows = stmt.query_map([event_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect::<crate::Result<_>>()
}

pub fn count(conn: &Connection, session_id: &str) -> Result<u32> {
    conn.query_row(
        "SELECT count(*) FROM signup WHERE session_id = ?1",
        [session_id],
        |r| r.get(0),
    )
}

/// Registers a sign-up; signing up twice changes nothing.
pub fn insert(tx: &Transaction<'_>, session_id: &str, attendee_id: &str, now: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO signup (session_id, attendee_id, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT DO NOTHING",
        params![session_id, attendee_id, now],
    )?;
    Ok(())
}

pub fn delete(tx: &Transaction<'_>, session_id: &str, attendee_id: &str) -> Result<bool> {
    Ok(tx.execute(
        "DELETE FROM signup WHERE session_id = ?1 AND attendee_id = ?2",
        params![session_id, attendee_id],
    )? > 0)
}
