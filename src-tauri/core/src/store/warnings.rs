//! The `accepted_warning` table: conflict warnings the organiser accepted.

use crate::params;
use crate::sql::{Connection, Transaction};
use crate::Result;
use std::collections::HashSet;

pub fn accepted_keys(conn: &Connection, event_id: &str) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare_cached("SELECT key FROM accepted_warning WHERE event_id = ?1")?;
    let rows = stmt.query_map([event_id], |r| r.get(0))?;
    rows.collect::<crate::Result<_>>()
}

pub fn accept(
    tx: &Transaction<'_>,
    event_id: &str,
    key: &str,
    note: &str,
    now: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO accepted_warning (event_id, key, note, accepted_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (event_id, key) DO UPDATE SET note = excluded.note",
        params![event_id, key, note, now],
    )?;
    Ok(())
}

pub fn unaccept(tx: &Transaction<'_>, event_id: &str, key: &str) -> Result<()> {
    tx.execute(
        "DELETE FROM accepted_warning WHERE event_id = ?1 AND key = ?2",
        params![event_id, key],
    )?;
    Ok(())
}
