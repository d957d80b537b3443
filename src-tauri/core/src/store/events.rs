//! The `event` and `event_organizer` tables.

use crate::model::{EventInput, EventSummary, Organizer, OrganizerRole};
use crate::params;
use crate::sql::{Connection, OptionalExtension, Row, Transaction};
use crate::{Error, Result};

const SUMMARY_SQL: &str = "
    SELECT e.id, e.name, e.venue, e.city, e.start_date, e.end_date, e.timezone,
           e.family_name_upper, e.sample_key IS NOT NULL, e.language,
           (SELECT count(*) FROM attendee a WHERE a.event_id = e.id),
           (SELECT count(DISTINCT a.country) FROM attendee a WHERE a.event_id = e.id)
    FROM event e";

fn summary_from_row(row: &Row<'_>) -> crate::Result<EventSummary> {
    Ok(EventSummary {
        id: row.get(0)?,
        name: row.get(1)?,
        venue: row.get(2)?,
        city: row.get(3)?,
        start_date: row.get(4)?,
        end_date: row.get(5)?,
        timezone: row.get(6)?,
        family_name_upper: row.get(7)?,
        is_sample: row.get(8)?,
        language: language(&row.get::<_, String>(9)?),
        attendee_count: row.get(10)?,
        country_count: row.get(11)?,
        organizers: Vec::new(),
    })
}

/// A stored language code; the schema's CHECK keeps it one of the six, and English stands in
/// for anything else.
fn language(code: &str) -> crate::Lang {
    code.parse().unwrap_or(crate::Lang::En)
}

/// Every event, the most recent first.
pub fn list(conn: &Connection) -> Result<Vec<EventSummary>> {
    let mut stmt = conn.prepare(&format!("{SUMMARY_SQL} ORDER BY e.start_date DESC, e.name"))?;
    let mut events: Vec<EventSummary> = stmt
        .query_map([], summary_from_row)?
        .collect::<crate::Result<_>>()?;
    for e in &mut events {
        e.organizers = organizers(conn, &e.id)?;
    }
    Ok(events)
}

pub fn get(conn: &Connection, id: &str) -> Result<EventSummary> {
    let mut event = conn
        .query_row(
            &format!("{SUMMARY_SQL} WHERE e.id = ?1"),
            [id],
            summary_from_row,
        )
        .optional()?
        .ok_or_else(|| Error::not_found("event", id))?;
    event.organizers = organizers(conn, id)?;
    Ok(event)
}

/// The event's attendee revision, which triggers bump on every attendee change; `NotFound`
/// unless the event exists. Cheaper than [`get`], which counts.
pub fn revision(conn: &Connection, id: &str) -> Result<i64> {
    conn.query_row("SELECT revision FROM event WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| Error::not_found("event", id))
}

/// The id of the event created from `sample_key`, if it exists.
pub fn find_by_sample_key(conn: &Connection, key: &str) -> Result<Option<String>> {
    conn.query_row("SELECT id FROM event WHERE sample_key = ?1", [key], |r| {
        r.get(0)
    })
    .optional()
}

/// All event ids, oldest first.
pub fn ids(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT id FROM event ORDER BY created_at, id")?;
    let ids = stmt
        .query_map([], |r| r.get(0))?
        .collect::<crate::Result<_>>()?;
    Ok(ids)
}

fn organizers(conn: &Connection, event_id: &str) -> Result<Vec<Organizer>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, role FROM event_organizer WHERE event_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([event_id], |r| {
        let role: String = r.get(1)?;
        Ok((r.get::<_, String>(0)?, role))
    })?;
    let mut list = Vec::new();
    for row in rows {
        let (name, role) = row?;
        let role = OrganizerRole::parse(&role)
            .ok_or_else(|| Error::bad_stored(format!("organiser role {role:?}"), event_id))?;
        list.push(Organizer { name, role });
    }
    Ok(list)
}

pub fn insert(
    tx: &Transaction<'_>,
    id: &str,
    input: &EventInput,
    sample_key: Option<&str>,
    now: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO event (id, name, venue, city, start_date, end_date, timezone,
                            family_name_upper, sample_key, created_at, updated_at, language)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)",
        params![
            id,
            input.name,
            input.venue,
            input.city,
            input.start_date,
            input.end_date,
            input.timezone,
            input.family_name_upper,
            sample_key,
            now,
            input.language.code()
        ],
    )?;
    replace_organizers(tx, id, &input.organizers)
}

pub fn update(tx: &Transaction<'_>, id: &str, input: &EventInput, now: &str) -> Result<()> {
    let changed = tx.execute(
        "UPDATE event SET name = ?2, venue = ?3, city = ?4, start_date = ?5, end_date = ?6,
                          timezone = ?7, family_name_upper = ?8, updated_at = ?9,
                          language = ?10
         WHERE id = ?1",
        params![
            id,
            input.name,
            input.venue,
            input.city,
            input.start_date,
            input.end_date,
            input.timezone,
            input.family_name_upper,
            now,
            input.language.code()
        ],
    )?;
    if changed == 0 {
        return Err(Error::not_found("event", id));
    }
    replace_organizers(tx, id, &input.organizers)
}

fn replace_organizers(tx: &Transaction<'_>, id: &str, organizers: &[Organizer]) -> Result<()> {
    tx.execute("DELETE FROM event_organizer WHERE event_id = ?1", [id])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO event_organizer (event_id, position, name, role) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (position, o) in organizers.iter().enumerate() {
        stmt.execute(params![id, position as i64, o.name, o.role.as_str()])?;
    }
    Ok(())
}

/// Deletes an event and, through the foreign keys, everything that belongs to it.
pub fn delete(tx: &Transaction<'_>, id: &str) -> Result<()> {
    if tx.execute("DELETE FROM event WHERE id = ?1", [id])? == 0 {
        return Err(Error::not_found("event", id));
    }
    Ok(())
}
