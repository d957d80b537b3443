//! Passport numbers and dates of birth, which visa invitation letters need. They live in their
//! own table (`attendee_sensitive`), are never part of an `Attendee`, a list or an export
//! unless asked for, never go into the audit log (it records only that a field was set), and
//! can be purged for an event so that the values are gone from the database and WAL bytes:
//! `secure_delete` overwrites the deleted cells, and a `wal_checkpoint(TRUNCATE)` empties the
//! WAL that still held the old pages.

use crate::ops::{timestamp, write_tx};
use crate::params;
use crate::sql::{Connection, OptionalExtension};
use crate::store::attendees;
use crate::{validate, Code, Error, Message, Result};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// An attendee's sensitive fields; empty means not recorded.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SensitiveData {
    pub passport_number: String,
    /// `YYYY-MM-DD`.
    pub date_of_birth: String,
}

/// What is recorded for an event, without the values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SensitiveSummary {
    /// How many attendees have a passport number or a date of birth recorded.
    pub people: u32,
    /// Days after the event's last day at which the data is purged; null keeps it.
    pub retention_days: Option<u32>,
    /// The day the automatic purge happens (`YYYY-MM-DD`), if there is a retention period.
    pub purge_on: Option<String>,
}

/// The sensitive fields of one attendee.
pub fn get(conn: &Connection, attendee_id: &str) -> Result<SensitiveData> {
    attendees::get(conn, attendee_id)?;
    Ok(conn
        .query_row(
            "SELECT passport_number, date_of_birth FROM attendee_sensitive WHERE attendee_id = ?1",
            [attendee_id],
            |r| {
                Ok(SensitiveData {
                    passport_number: r.get(0)?,
                    date_of_birth: r.get(1)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

fn check(input: &SensitiveData, today: NaiveDate) -> Result<SensitiveData> {
    let mut problems = Vec::new();
    let passport: String = input
        .passport_number
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let well_formed =
        (5..=20).contains(&passport.len()) && passport.chars().all(|c| c.is_ascii_alphanumeric());
    if !passport.is_empty() && !well_formed {
        problems.push(crate::FieldError::new(
            "passport_number",
            Code::PassportFormat,
        ));
    }
    let dob = input.date_of_birth.trim();
    if !dob.is_empty() {
        match validate::parse_date(dob) {
            Some(d) if d <= today && d.format("%Y").to_string().as_str() >= "1900" => {}
            Some(_) => problems.push(crate::FieldError::new(
                "date_of_birth",
                Code::BirthDateRange,
            )),
            None => problems.push(crate::FieldError::new(
                "date_of_birth",
                Code::BirthDateFormat,
            )),
        }
    }
    if problems.is_empty() {
        Ok(SensitiveData {
            passport_number: passport,
            date_of_birth: dob.to_owned(),
        })
    } else {
        Err(Error::Validation(problems))
    }
}

/// Records (or, with empty fields, removes) an attendee's sensitive fields.
pub fn set(
    conn: &mut Connection,
    attendee_id: &str,
    input: &SensitiveData,
    now: DateTime<Utc>,
) -> Result<SensitiveData> {
    let clean = check(input, now.date_naive())?;
    let tx = write_tx(conn)?;
    attendees::get(&tx, attendee_id)?;
    if clean == SensitiveData::default() {
        tx.execute(
            "DELETE FROM attendee_sensitive WHERE attendee_id = ?1",
            [attendee_id],
        )?;
    } else {
        tx.execute(
            "INSERT INTO attendee_sensitive (attendee_id, passport_number, date_of_birth, updated_at)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (attendee_id) DO UPDATE SET passport_number = excluded.passport_number,
                 date_of_birth = excluded.date_of_birth, updated_at = excluded.updated_at",
            params![attendee_id, clean.passport_number, clean.date_of_birth, timestamp(now)],
        )?;
    }
    tx.commit()?;
    Ok(clean)
}

/// Every recorded attendee of an event with their sensitive fields, for an export that the
/// user explicitly asked to include them in.
pub fn for_event(
    conn: &Connection,
    event_id: &str,
) -> Result<std::collections::HashMap<String, SensitiveData>> {
    let mut stmt = conn.prepare(
        "SELECT s.attendee_id, s.passport_number, s.date_of_birth
           FROM attendee_sensitive s JOIN attendee a ON a.id = s.attendee_id
          WHERE a.event_id = ?1",
    )?;
    let rows = stmt.query_map([event_id], |r| {
        Ok((
            r.get(0)?,
            SensitiveData {
                passport_number: r.get(1)?,
                date_of_birth: r.get(2)?,
            },
        ))
    })?;
    rows.collect::<crate::Result<_>>()
}

/// How much sensitive data an event holds, and its retention rule.
pub fn summary(conn: &Connection, event_id: &str) -> Result<SensitiveSummary> {
    let event = crate::ops::get_event(conn, event_id)?;
    let people: u32 = conn.query_row(
        "SELECT count(*) FROM attendee_sensitive s JOIN attendee a ON a.id = s.attendee_id
          WHERE a.event_id = ?1",
        [event_id],
        |r| r.get(0),
    )?;
    let retention_days: Option<u32> = conn
        .query_row(
            "SELECT retention_days FROM sensitive_policy WHERE event_id = ?1",
            [event_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let purge_on = retention_days.and_then(|days| {
        validate::parse_date(&event.end_date)
            .map(|end| (end + chrono::Duration::days(i64::from(days))).to_string())
    });
    Ok(SensitiveSummary {
        people,
        retention_days,
        purge_on,
    })
}

/// Sets how many days after its last day an event's sensitive data is purged (None: never).
pub fn set_retention(conn: &mut Connection, event_id: &str, days: Option<u32>) -> Result<()> {
    if days.is_some_and(|d| d > 3650) {
        return Err(
            crate::FieldError::new("retention_days", Code::RetentionRange)
                .param("max", 3650)
                .into(),
        );
    }
    let tx = write_tx(conn)?;
    crate::ops::get_event(&tx, event_id)?;
    tx.execute(
        "INSERT INTO sensitive_policy (event_id, retention_days) VALUES (?1, ?2)
         ON CONFLICT (event_id) DO UPDATE SET retention_days = excluded.retention_days",
        params![event_id, days],
    )?;
    tx.commit()?;
    Ok(())
}

/// Removes every passport number and date of birth of an event, so that the values are gone
/// from the file's bytes: the deleted cells are overwritten (`secure_delete`), and the WAL,
/// which still holds the old pages, is checkpointed and truncated. Returns how many people
/// had data. Fails, after the deletion, if another connection keeps the WAL from being
/// emptied (close other Plenary windows and purge again).
pub fn purge(conn: &mut Connection, event_id: &str) -> Result<u32> {
    let mut tx = write_tx(conn)?;
    crate::ops::get_event(&tx, event_id)?;
    let removed = tx.execute(
        "DELETE FROM attendee_sensitive
          WHERE attendee_id IN (SELECT id FROM attendee WHERE event_id = ?1)",
        [event_id],
    )?;
    tx.describe(purged_summary(removed));
    tx.commit()?;
    empty_wal(conn)?;
    Ok(u32::try_from(removed).unwrap_or(u32::MAX))
}

/// [`purge`], and the same in every automatic backup beside the database (`backups/`), which
/// would otherwise keep the values: each is opened on its own (never migrated), the rows are
/// deleted with `secure_delete` in a logged write (see `scrub_backup`), and the file is
/// vacuumed. Returns the people purged and the backups that could not be cleaned (damaged,
/// or from a newer Plenary; those from before this table existed hold no such data and are
/// skipped silently).
pub fn purge_everywhere(
    conn: &mut Connection,
    db_path: &std::path::Path,
    event_id: &str,
) -> Result<(u32, Vec<String>)> {
    let people = purge(conn, event_id)?;
    let mut failed = Vec::new();
    for file in crate::backup::automatic_backups(db_path)? {
        if let Err(err) = scrub_backup(&file, event_id) {
            failed.push(format!("{}: {err}", file.display()));
        }
    }
    Ok((people, failed))
}

/// An error naming the backups that still hold sensitive data, if any.
pub fn backups_cleaned(failed: &[String]) -> Result<()> {
    if failed.is_empty() {
        return Ok(());
    }
    Err(Error::Ambiguous(
        Message::new(Code::BackupsNotCleaned).param("list", failed.join("; ")),
    ))
}

/// Deletes an event's sensitive rows from one automatic backup, then vacuums it. The audit
/// triggers fire in the backup as in the store, so the deletion goes through a write
/// transaction whose commit seals their rows into the backup's own "Purged …" entry: left
/// unsealed, a restore of the backup would bring them back, and the next change's seal would
/// fold them into that unrelated entry.
fn scrub_backup(file: &std::path::Path, event_id: &str) -> Result<()> {
    let mut backup = crate::db::open_backup_file(file)?;
    let has_table: bool = backup.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'attendee_sensitive'",
        [],
        |r| r.get(0),
    )?;
    if !has_table {
        return Ok(());
    }
    let mut tx = write_tx(&mut backup)?;
    let removed = tx.execute(
        "DELETE FROM attendee_sensitive
          WHERE attendee_id IN (SELECT id FROM attendee WHERE event_id = ?1)",
        [event_id],
    )?;
    tx.describe(purged_summary(removed));
    tx.for_event(event_id);
    tx.commit()?;
    // The audit log of a backup holds no values (only "(set)"), but VACUUM rewrites the whole
    // file, so not even a free page keeps an old copy.
    backup.execute_batch("VACUUM")?;
    Ok(())
}

fn purged_summary(people: usize) -> String {
    format!("Purged the passport numbers and dates of birth of {people} attendees")
}

/// Purges every event whose retention period has passed on `today`; returns the events.
pub fn purge_expired(
    conn: &mut Connection,
    db_path: &std::path::Path,
    today: NaiveDate,
) -> Result<Vec<String>> {
    let due: Vec<String> = {
        let mut stmt = conn.prepare(
            "SELECT e.id, e.end_date, p.retention_days FROM sensitive_policy p
               JOIN event e ON e.id = p.event_id
              WHERE p.retention_days IS NOT NULL
                AND EXISTS (SELECT 1 FROM attendee_sensitive s JOIN attendee a
                             ON a.id = s.attendee_id WHERE a.event_id = e.id)",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u32>(2)?,
            ))
        })?;
        rows.collect::<crate::Result<Vec<_>>>()?
            .into_iter()
            .filter(|(_, end, days)| {
                validate::parse_date(end)
                    .is_some_and(|end| end + chrono::Duration::days(i64::from(*days)) <= today)
            })
            .map(|(id, _, _)| id)
            .collect()
    };
    for event in &due {
        let (_, failed) = purge_everywhere(conn, db_path, event)?;
        backups_cleaned(&failed)?;
    }
    Ok(due)
}

fn empty_wal(conn: &Connection) -> Result<()> {
    if conn.engine() == crate::sql::Engine::Postgres {
        // A server keeps deleted rows in its pages until a vacuum; VACUUM FULL rewrites the
        // table, so no page keeps an old copy. (The server's own WAL archive and backups are
        // its administrator's: docs/server.md.)
        return conn.execute_batch("VACUUM FULL attendee_sensitive");
    }
    let (busy, _, _): (i64, i64, i64) =
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    if busy != 0 {
        return Err(Error::Ambiguous(Message::new(Code::JournalBusy)));
    }
    Ok(())
}
