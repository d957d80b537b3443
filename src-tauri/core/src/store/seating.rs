//! The `seating` table: where an event's seating order starts, and the seats per delegation.

use crate::Result;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// An event's seating row as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub first_country: Option<String>,
    pub method: Option<String>,
    pub decided_at: Option<String>,
    pub seats_per_delegation: u32,
}

/// The event's row, or `None` before anything was drawn or set.
pub fn get(conn: &Connection, event_id: &str) -> Result<Option<Stored>> {
    let mut stmt = conn.prepare_cached(
        "SELECT first_country, method, decided_at, seats_per_delegation
         FROM seating WHERE event_id = ?1",
    )?;
    Ok(stmt
        .query_row([event_id], |r| {
            Ok(Stored {
                first_country: r.get(0)?,
                method: r.get(1)?,
                decided_at: r.get(2)?,
                seats_per_delegation: r.get(3)?,
            })
        })
        .optional()?)
}

/// Writes the event's row, making it if needed.
pub fn put(tx: &Transaction<'_>, event_id: &str, s: &Stored, now: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO seating (event_id, first_country, method, decided_at, seats_per_delegation,
                              updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (event_id) DO UPDATE SET first_country = excluded.first_country,
             method = excluded.method, decided_at = excluded.decided_at,
             seats_per_delegation = excluded.seats_per_delegation,
             updated_at = excluded.updated_at",
    )?
    .execute(params![
        event_id,
        s.first_country,
        s.method,
        s.decided_at,
        s.seats_per_delegation,
        now
    ])?;
    Ok(())
}
