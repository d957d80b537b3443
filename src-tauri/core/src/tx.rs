//! The write transaction and the audit entry it seals. Every write goes through
//! [`write_tx`]: `BEGIN IMMEDIATE` takes the write lock at once, so two processes never both
//! read, then both try to write. The audit triggers (migration 0005) log every changed row in
//! `change_row` with no entry; [`WriteTx::commit`] seals those rows into one `change_entry`
//! (the OS user, the time, a summary, the reason) in the same transaction. Reading the log and
//! undoing an entry live in `audit.rs`, which builds on this module, never the other way.

use crate::params;
use crate::sql::{Connection, OptionalExtension, Transaction};
use crate::{clock, Result};
use serde_json::{Map, Value};

/// Starts a write transaction that takes the write lock at once, so that two processes
/// never both read, then both try to write. Its commit seals what it changed into one entry
/// of the audit log (this module).
pub(crate) fn write_tx(conn: &mut Connection) -> Result<WriteTx<'_>> {
    Ok(WriteTx {
        tx: conn.write_transaction()?,
        summary: None,
        reason: String::new(),
        event: None,
        entry: None,
    })
}

/// A write transaction whose commit records the change in the audit log.
pub(crate) struct WriteTx<'c> {
    tx: Transaction<'c>,
    summary: Option<String>,
    reason: String,
    /// The event the change belongs to, when the logged rows may not say (an import logs
    /// only the ids of the people it adds).
    event: Option<String>,
    /// The entry opened before the rows were written ([`WriteTx::open_entry`]).
    entry: Option<i64>,
}

impl<'c> std::ops::Deref for WriteTx<'c> {
    type Target = Transaction<'c>;

    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl WriteTx<'_> {
    /// Words for the audit log, instead of the summary made from the changed rows.
    pub(crate) fn describe(&mut self, summary: impl Into<String>) {
        self.summary = Some(summary.into());
    }

    /// The event this change belongs to, for the audit log.
    pub(crate) fn for_event(&mut self, event_id: &str) {
        self.event = Some(event_id.to_owned());
    }

    /// Why the user made the change, if they said.
    pub(crate) fn set_reason(&mut self, reason: &str) {
        reason.clone_into(&mut self.reason);
    }

    /// On a server, writes the audit entry now, with what [`Self::describe`] and
    /// [`Self::for_event`] said, so that the rows logged from here on carry it as they are
    /// written (the server's audit function reads it from the transaction's `plenary.entry`)
    /// and the commit has nothing to seal: a bulk import's 50,000 log rows are not all
    /// written a second time, which cost the import most of a second and left 50,000 dead
    /// versions for each later seal to step over. On a file this does nothing: its import
    /// logs only the added ids, and the seal stays cheap.
    pub(crate) fn open_entry(&mut self) -> Result<()> {
        if self.tx.engine() != crate::sql::Engine::Postgres || self.entry.is_some() {
            return Ok(());
        }
        let id = insert_entry(
            &self.tx,
            self.event.as_deref(),
            self.summary.as_deref().unwrap_or_default(),
            &self.reason,
        )?;
        log_into(&self.tx, Some(id))?;
        self.entry = Some(id);
        Ok(())
    }

    /// Records the change in the audit log and commits.
    pub(crate) fn commit(self) -> Result<()> {
        self.commit_entry().map(|_| ())
    }

    /// [`Self::commit`], returning the audit entry's id (`None` if nothing changed).
    pub(crate) fn commit_entry(self) -> Result<Option<i64>> {
        if let Some(id) = self.entry {
            // Rows logged before the entry was opened join it.
            self.tx.execute(
                "UPDATE change_row SET entry_id = ?1 WHERE entry_id IS NULL",
                [id],
            )?;
            self.tx.commit()?;
            return Ok(Some(id));
        }
        let entry = seal(
            &self.tx,
            self.summary.as_deref(),
            &self.reason,
            self.event.as_deref(),
        )?;
        self.tx.commit()?;
        Ok(entry)
    }
}

/// Who is making changes: the OS user's account name (from the system's user database, so
/// it does not depend on the environment the app was started with).
pub fn actor() -> String {
    whoami::username()
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// One logged row: its table, and its values before and after the change as JSON objects.
pub(crate) struct Row {
    pub(crate) tbl: String,
    pub(crate) old: Option<Map<String, Value>>,
    pub(crate) new: Option<Map<String, Value>>,
}

fn parse(text: Option<String>) -> Option<Map<String, Value>> {
    text.and_then(|t| match serde_json::from_str(&t) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    })
}

/// The rows of an entry, in the order they were logged; `None` for the unsealed rows.
pub(crate) fn rows_of(conn: &Connection, entry: Option<i64>) -> Result<Vec<Row>> {
    // Two statements, not one `IS NOT DISTINCT FROM ?1`: a server cannot use the index for
    // that, and a seal would read the whole log (30 ms a check-in after a big import).
    let (sql, key) = match entry {
        Some(id) => (
            "SELECT tbl, old, new FROM change_row WHERE entry_id = ?1 ORDER BY seq",
            vec![id],
        ),
        None => (
            "SELECT tbl, old, new FROM change_row WHERE entry_id IS NULL ORDER BY seq",
            vec![],
        ),
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(crate::sql::params_from_iter(key), |r| {
        Ok(Row {
            tbl: r.get(0)?,
            old: parse(r.get(1)?),
            new: parse(r.get(2)?),
        })
    })?;
    rows.collect::<crate::Result<_>>()
}

pub(crate) fn text<'a>(map: &'a Map<String, Value>, key: &str) -> &'a str {
    map.get(key).and_then(Value::as_str).unwrap_or("")
}

fn person(map: &Map<String, Value>) -> String {
    let (given, family) = (text(map, "given_name"), text(map, "family_name"));
    let order = text(map, "name_order");
    let name = if order == "family_first" {
        format!("{family} {given}")
    } else {
        format!("{given} {family}")
    };
    name.trim().to_owned()
}

/// Words for what a set of rows did: "Added Ana Silva", "Changed 张伟 (email, phone)",
/// "Deleted 3 attendees, 2 sign-ups".
fn summarize(rows: &[Row]) -> String {
    // Describe the change by its most important table: deleting an attendee also deletes
    // their sign-ups, which are mentioned only as linked records.
    const RANK: [&str; 6] = [
        "event",
        "session",
        "room",
        "attendee",
        "category",
        "assignment",
    ];
    let rank = |t: &str| RANK.iter().position(|r| *r == t).unwrap_or(RANK.len());
    let top = rows
        .iter()
        .map(|r| rank(&r.tbl))
        .min()
        .unwrap_or(RANK.len());
    let main: Vec<&Row> = rows.iter().filter(|r| rank(&r.tbl) == top).collect();
    let tail = match rows.len() - main.len() {
        0 => String::new(),
        1 => " and 1 linked record".to_owned(),
        n => format!(" and {n} linked records"),
    };
    if let [one] = main.as_slice() {
        return single(one) + &tail;
    }
    many(&main) + &tail
}

fn single(one: &Row) -> String {
    let map = one.new.as_ref().or(one.old.as_ref());
    let what = map.map_or_else(String::new, |m| match one.tbl.as_str() {
        "attendee" => person(m),
        "session" => format!("“{}”", text(m, "title")),
        "room" | "event" => text(m, "name").to_owned(),
        "category" => text(m, "label").to_owned(),
        other => other.replace('_', " "),
    });
    match (&one.old, &one.new) {
        (None, _) => format!("Added {what}"),
        (_, None) => format!("Deleted {what}"),
        (Some(old), Some(new)) => {
            let changed: Vec<&str> = new
                .iter()
                .filter(|(k, v)| {
                    old.get(*k) != Some(v) && !matches!(k.as_str(), "updated_at" | "search_key")
                })
                .map(|(k, _)| k.as_str())
                .collect();
            let verb = if one.tbl == "session"
                && changed.iter().any(|c| c.contains("_at") || *c == "room_id")
            {
                "Moved"
            } else {
                "Changed"
            };
            format!("{verb} {what} ({})", changed.join(", "))
        }
    }
}

fn many(main: &[&Row]) -> String {
    let mut counts: Vec<(&str, &str, u32)> = Vec::new();
    for r in main {
        let verb = match (&r.old, &r.new) {
            (None, _) => "added",
            (_, None) => "deleted",
            _ => "changed",
        };
        match counts
            .iter_mut()
            .find(|(v, t, _)| *v == verb && *t == r.tbl)
        {
            Some(c) => c.2 += 1,
            None => counts.push((verb, r.tbl.as_str(), 1)),
        }
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(verb, tbl, n)| {
            let noun = match *tbl {
                "attendee" => "attendees",
                "session" => "sessions",
                "assignment" => "speaker assignments",
                "signup" => "sign-ups",
                "attendance" => "attendance marks",
                "room" => "rooms",
                other => other,
            };
            format!("{verb} {n} {noun}")
        })
        .collect();
    let mut text = parts.join(", ");
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    text
}

/// The event a row belongs to.
fn event_of(conn: &Connection, row: &Row) -> Option<String> {
    let map = row.new.as_ref().or(row.old.as_ref())?;
    if row.tbl == "event" {
        return Some(text(map, "id").to_owned());
    }
    if let Some(id) = map.get("event_id").and_then(Value::as_str) {
        return Some(id.to_owned());
    }
    let lookup = |sql: &str, key: &str| -> Option<String> {
        let id = map.get(key).and_then(Value::as_str)?;
        conn.query_row(sql, [id], |r| r.get(0))
            .optional()
            .ok()
            .flatten()
    };
    lookup("SELECT event_id FROM session WHERE id = ?1", "session_id")
        .or_else(|| lookup("SELECT event_id FROM attendee WHERE id = ?1", "attendee_id"))
}

/// On a server, names the audit entry that the audit function gives each row it logs from
/// here to the end of the transaction (the transaction-local `plenary.entry`); `None` goes
/// back to rows left unsealed for the commit.
pub(crate) fn log_into(tx: &Transaction<'_>, entry: Option<i64>) -> Result<()> {
    let value = entry.map_or_else(String::new, |id| id.to_string());
    tx.query_row(
        "SELECT set_config('plenary.entry', ?1, true)",
        [value],
        |_| Ok(()),
    )
}

/// Writes an audit entry (now, by this OS user) and returns its id.
pub(crate) fn insert_entry(
    tx: &Transaction<'_>,
    event: Option<&str>,
    summary: &str,
    reason: &str,
) -> Result<i64> {
    tx.query_row(
        "INSERT INTO change_entry (event_id, at, actor, summary, reason) VALUES (?1, ?2, ?3, ?4, ?5)
         RETURNING id",
        params![
            event,
            clock::timestamp(clock::now()),
            actor(),
            summary,
            reason.trim()
        ],
        |r| r.get(0),
    )
}

/// Seals the rows this transaction logged into one entry; `None` if it changed nothing.
fn seal(
    tx: &Transaction<'_>,
    summary: Option<&str>,
    reason: &str,
    event: Option<&str>,
) -> Result<Option<i64>> {
    let (event, summary) = match (summary, event) {
        // What the caller said needs no parsing of the rows, which for an import are many.
        (Some(summary), Some(event)) => {
            let any: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM change_row WHERE entry_id IS NULL)",
                [],
                |r| r.get(0),
            )?;
            if !any {
                return Ok(None);
            }
            (Some(event.to_owned()), summary.to_owned())
        }
        (summary, event) => {
            let rows = rows_of(tx, None)?;
            if rows.is_empty() {
                return Ok(None);
            }
            let event = event
                .map(str::to_owned)
                .or_else(|| rows.iter().find_map(|r| event_of(tx, r)));
            let summary = summary.map_or_else(|| summarize(&rows), str::to_owned);
            (event, summary)
        }
    };
    let id = insert_entry(tx, event.as_deref(), &summary, reason)?;
    tx.execute(
        "UPDATE change_row SET entry_id = ?1 WHERE entry_id IS NULL",
        [id],
    )?;
    Ok(Some(id))
}
