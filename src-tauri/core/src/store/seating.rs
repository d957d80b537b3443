//! The `seating` table: where an event's seating order starts, the seats per delegation, where
//! the hosts and the UN system sit, accessible places, and swaps made by hand.

use crate::params;
use crate::sql::{Connection, OptionalExtension, Transaction};
use crate::Result;

/// Seats per delegation until the organiser says otherwise: one at the table, one behind.
pub const DEFAULT_SEATS: u32 = 2;

/// An event's seating row as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub first_country: Option<String>,
    pub method: Option<String>,
    pub decided_at: Option<String>,
    pub seats_per_delegation: u32,
    pub host_country: Option<String>,
    /// `order`, `podium` or `ends`.
    pub hosts_place: String,
    pub un_place: String,
    /// A JSON array of alpha-2 codes.
    pub accessible_countries: String,
    /// A JSON array of place numbers, or `None` for both ends of each row.
    pub accessible_seats: Option<String>,
    /// A JSON array of `[country, country]` pairs.
    pub swaps: String,
}

impl Stored {
    /// The row of an event before anything was drawn or set.
    pub fn default_row() -> Self {
        Stored {
            first_country: None,
            method: None,
            decided_at: None,
            seats_per_delegation: DEFAULT_SEATS,
            host_country: None,
            hosts_place: "order".to_owned(),
            un_place: "order".to_owned(),
            accessible_countries: "[]".to_owned(),
            accessible_seats: None,
            swaps: "[]".to_owned(),
        }
    }
}

/// The event's row, or `None` before anything was drawn or set.
pub fn get(conn: &Connection, event_id: &str) -> Result<Option<Stored>> {
    let mut stmt = conn.prepare_cached(
        "SELECT first_country, method, decided_at, seats_per_delegation, host_country,
                hosts_place, un_place, accessible_countries, accessible_seats, swaps
         FROM seating WHERE event_id = ?1",
    )?;
    stmt.query_row([event_id], |r| {
        Ok(Stored {
            first_country: r.get(0)?,
            method: r.get(1)?,
            decided_at: r.get(2)?,
            seats_per_delegation: r.get(3)?,
            host_country: r.get(4)?,
            hosts_place: r.get(5)?,
            un_place: r.get(6)?,
            accessible_countries: r.get(7)?,
            accessible_seats: r.get(8)?,
            swaps: r.get(9)?,
        })
    })
    .optional()
}

/// Writes the event's row, making it if needed.
pub fn put(tx: &Transaction<'_>, event_id: &str, s: &Stored, now: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO seating (event_id, first_country, method, decided_at, seats_per_delegation,
                              host_country, hosts_place, un_place, accessible_countries,
                              accessible_seats, swaps, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (event_id) DO UPDATE SET first_country = excluded.first_country,
             method = excluded.method, decided_at = excluded.decided_at,
             seats_per_delegation = excluded.seats_per_delegation,
             host_country = excluded.host_country, hosts_place = excluded.hosts_place,
             un_place = excluded.un_place, accessible_countries = excluded.accessible_countries,
             accessible_seats = excluded.accessible_seats, swaps = excluded.swaps,
             updated_at = excluded.updated_at",
    )?
    .execute(params![
        event_id,
        s.first_country,
        s.method,
        s.decided_at,
        s.seats_per_delegation,
        s.host_country,
        s.hosts_place,
        s.un_place,
        s.accessible_countries,
        s.accessible_seats,
        s.swaps,
        now
    ])?;
    Ok(())
}
