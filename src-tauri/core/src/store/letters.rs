//! The `protocol_settings`, `letter_template` and `letter_issued` tables: an event's letterhead
//! and list order, its own wording of each letter, and the register of reference numbers.

use crate::params;
use crate::sql::{Connection, OptionalExtension, Transaction};
use crate::Result;

/// An event's protocol settings as stored; empty strings and `None` mean "the default".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    pub reference_prefix: String,
    pub letterhead: String,
    pub signatory_name: String,
    pub signatory_title: String,
    pub place: String,
    /// A JSON array of section names.
    pub section_order: Option<String>,
}

/// The event's row, or `None` before the organiser changed anything.
pub fn settings(conn: &Connection, event_id: &str) -> Result<Option<Settings>> {
    let mut stmt = conn.prepare_cached(
        "SELECT reference_prefix, letterhead, signatory_name, signatory_title, place,
                section_order
           FROM protocol_settings WHERE event_id = ?1",
    )?;
    stmt.query_row([event_id], |r| {
        Ok(Settings {
            reference_prefix: r.get(0)?,
            letterhead: r.get(1)?,
            signatory_name: r.get(2)?,
            signatory_title: r.get(3)?,
            place: r.get(4)?,
            section_order: r.get(5)?,
        })
    })
    .optional()
}

/// Writes the event's row, making it if needed.
pub fn put_settings(tx: &Transaction<'_>, event_id: &str, s: &Settings, now: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO protocol_settings (event_id, reference_prefix, letterhead, signatory_name,
                                        signatory_title, place, section_order, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (event_id) DO UPDATE SET reference_prefix = excluded.reference_prefix,
             letterhead = excluded.letterhead, signatory_name = excluded.signatory_name,
             signatory_title = excluded.signatory_title, place = excluded.place,
             section_order = excluded.section_order, updated_at = excluded.updated_at",
    )?
    .execute(params![
        event_id,
        s.reference_prefix,
        s.letterhead,
        s.signatory_name,
        s.signatory_title,
        s.place,
        s.section_order,
        now
    ])?;
    Ok(())
}

/// The event's own subject and body of a letter in a language, if it has one.
pub fn template(
    conn: &Connection,
    event_id: &str,
    kind: &str,
    lang: &str,
) -> Result<Option<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT subject, body FROM letter_template WHERE event_id = ?1 AND kind = ?2 AND lang = ?3",
    )?;
    stmt.query_row(params![event_id, kind, lang], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .optional()
}

/// Writes the event's own wording of a letter.
pub fn put_template(
    tx: &Transaction<'_>,
    event_id: &str,
    kind: &str,
    lang: &str,
    subject: &str,
    body: &str,
    now: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO letter_template (event_id, kind, lang, subject, body, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (event_id, kind, lang) DO UPDATE SET subject = excluded.subject,
             body = excluded.body, updated_at = excluded.updated_at",
    )?
    .execute(params![event_id, kind, lang, subject, body, now])?;
    Ok(())
}

/// Removes the event's own wording, so that the built-in text applies again. True if there
/// was one.
pub fn delete_template(
    tx: &Transaction<'_>,
    event_id: &str,
    kind: &str,
    lang: &str,
) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "DELETE FROM letter_template WHERE event_id = ?1 AND kind = ?2 AND lang = ?3",
        )?
        .execute(params![event_id, kind, lang])?
        > 0)
}

/// The reference numbers already given to letters of a kind, by attendee id.
pub fn issued(
    conn: &Connection,
    event_id: &str,
    kind: &str,
) -> Result<std::collections::HashMap<String, String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT attendee_id, reference FROM letter_issued
          WHERE event_id = ?1 AND kind = ?2 ORDER BY year, seq",
    )?;
    let rows = stmt.query_map(params![event_id, kind], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect::<crate::Result<_>>()
}

/// The highest sequence number given in the event in a year (0 when none).
pub fn last_seq(conn: &Connection, event_id: &str, year: i32) -> Result<u32> {
    conn.prepare_cached(
        "SELECT coalesce(max(seq), 0) FROM letter_issued WHERE event_id = ?1 AND year = ?2",
    )?
    .query_row(params![event_id, year], |r| r.get(0))
}

/// One line of the register.
pub struct Issue<'a> {
    pub reference: &'a str,
    pub kind: &'a str,
    pub attendee_id: &'a str,
    pub year: i32,
    pub seq: u32,
}

/// Adds a letter to the register.
pub fn insert_issued(
    tx: &Transaction<'_>,
    event_id: &str,
    issue: &Issue<'_>,
    now: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO letter_issued (event_id, reference, kind, attendee_id, year, seq, issued_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        event_id,
        issue.reference,
        issue.kind,
        issue.attendee_id,
        issue.year,
        issue.seq,
        now
    ])?;
    Ok(())
}
