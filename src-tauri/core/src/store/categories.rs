//! The `category` table: categories an organiser added to one event.

use crate::params;
use crate::sql::{Connection, Transaction};
use crate::Result;

/// The (key, label) pairs the organiser added, in key order.
pub fn list_custom(conn: &Connection, event_id: &str) -> Result<Vec<(String, String)>> {
    let mut stmt =
        conn.prepare_cached("SELECT key, label FROM category WHERE event_id = ?1 ORDER BY key")?;
    let rows = stmt.query_map([event_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect::<crate::Result<_>>()
}

pub fn insert(tx: &Transaction<'_>, event_id: &str, key: &str, label: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO category (event_id, key, label) VALUES (?1, ?2, ?3)",
        params![event_id, key, label],
    )?;
    Ok(())
}
