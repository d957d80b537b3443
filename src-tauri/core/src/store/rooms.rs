//! The `room` table: rooms at the venue and off-site venues.

use crate::params;
use crate::schedule::model::{Room, RoomInput};
use crate::sql::{Connection, OptionalExtension, Row, Transaction};
use crate::{Error, Result};

const COLUMNS: &str =
    "id, event_id, name, capacity, offsite, address, meeting_point, departure_time, position";

fn from_row(r: &Row<'_>) -> crate::Result<Room> {
    Ok(Room {
        id: r.get(0)?,
        event_id: r.get(1)?,
        name: r.get(2)?,
        capacity: r.get(3)?,
        offsite: r.get(4)?,
        address: r.get(5)?,
        meeting_point: r.get(6)?,
        departure_time: r.get(7)?,
        position: r.get(8)?,
    })
}

/// The event's rooms in timetable order.
pub fn list(conn: &Connection, event_id: &str) -> Result<Vec<Room>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM room WHERE event_id = ?1 ORDER BY position, name"
    ))?;
    let rows = stmt.query_map([event_id], from_row)?;
    rows.collect::<crate::Result<_>>()
}

pub fn get(conn: &Connection, id: &str) -> Result<Room> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM room WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("room", id))
}

/// The event's room with this name (case-insensitive).
pub fn find_by_name(conn: &Connection, event_id: &str, name: &str) -> Result<Option<Room>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM room WHERE event_id = ?1 AND lower(name) = lower(?2)"),
        params![event_id, name],
        from_row,
    )
    .optional()
}

pub fn insert(
    tx: &Transaction<'_>,
    id: &str,
    event_id: &str,
    r: &RoomInput,
    now: &str,
) -> Result<()> {
    let position: u32 = tx.query_row(
        "SELECT coalesce(max(position) + 1, 0) FROM room WHERE event_id = ?1",
        [event_id],
        |row| row.get(0),
    )?;
    tx.execute(
        "INSERT INTO room (id, event_id, name, capacity, offsite, address, meeting_point,
                           departure_time, position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            id,
            event_id,
            r.name,
            r.capacity,
            r.offsite,
            r.address,
            r.meeting_point,
            r.departure_time,
            position,
            now
        ],
    )?;
    Ok(())
}

pub fn update(tx: &Transaction<'_>, id: &str, r: &RoomInput, now: &str) -> Result<()> {
    let changed = tx.execute(
        "UPDATE room SET name = ?2, capacity = ?3, offsite = ?4, address = ?5,
             meeting_point = ?6, departure_time = ?7, updated_at = ?8 WHERE id = ?1",
        params![
            id,
            r.name,
            r.capacity,
            r.offsite,
            r.address,
            r.meeting_point,
            r.departure_time,
            now
        ],
    )?;
    if changed == 0 {
        return Err(Error::not_found("room", id));
    }
    Ok(())
}

/// Deletes a room; its sessions keep their times and lose their room (a `no_room` warning).
pub fn delete(tx: &Transaction<'_>, id: &str) -> Result<()> {
    if tx.execute("DELETE FROM room WHERE id = ?1", [id])? == 0 {
        return Err(Error::not_found("room", id));
    }
    Ok(())
}
