//! Importing attendees: a preview that shows every problem with its line and field, then a
//! commit that is all or nothing (or, when asked, only the valid rows), in one transaction.
//!
//! A row whose `id` names an attendee of the event updates that attendee, so that importing
//! Plenary's own export changes nothing; every other row registers a new attendee.

use super::mapping::{ColumnMapping, ImportField};
use super::read::{Row, Source, Table};
use crate::model::{AttendeeInput, NameOrder};
use crate::ops::{self, timestamp, write_tx};
use crate::sql::Connection;
use crate::store::attendees;
use crate::{countries, fold, validate, Code, Error, FieldError, Message, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How many problems a preview carries; the total is always given.
pub const PREVIEW_PROBLEMS: usize = 1000;
/// How many rows a preview carries for display.
pub const PREVIEW_ROWS: usize = 200;

/// Choices the user makes for an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportOptions {
    /// The category of rows whose file gives none (a key, e.g. `guest`).
    pub default_category: String,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            default_category: "guest".into(),
        }
    }
}

/// What will happen to a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    New,
    Update,
    Unchanged,
    Invalid,
}

/// One row as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PreviewRow {
    pub line: u32,
    pub status: RowStatus,
    /// The values as they will be stored (as read, for an invalid row).
    pub attendee: AttendeeInput,
}

/// What an import would do, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Preview {
    pub source: Source,
    pub columns: Vec<ColumnMapping>,
    pub total_rows: u32,
    pub new_rows: u32,
    pub updated_rows: u32,
    pub unchanged_rows: u32,
    pub invalid_rows: u32,
    /// The first problems (a thousand in the app), each with its line and field.
    pub problems: Vec<FieldError>,
    pub problem_count: u32,
    /// The first [`PREVIEW_ROWS`] rows.
    pub rows: Vec<PreviewRow>,
}

/// What a commit did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportReport {
    pub imported: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Invalid rows left out (only with "valid rows only").
    pub skipped: u32,
    /// The ids of the attendees the import added, in file order.
    pub added_ids: Vec<String>,
}

struct Planned {
    line: u32,
    input: AttendeeInput,
    attending: Option<bool>,
    /// The attendee this row updates.
    existing: Option<String>,
    unchanged: bool,
    problems: Vec<FieldError>,
    /// The folded name and country (see [`person_key`]) when both are given.
    person: Option<String>,
    /// What is stored beside the row, computed with the plan for a commit.
    derived: Option<attendees::Derived>,
}

impl Planned {
    fn derived(&self) -> std::borrow::Cow<'_, attendees::Derived> {
        match &self.derived {
            Some(derived) => std::borrow::Cow::Borrowed(derived),
            None => std::borrow::Cow::Owned(attendees::Derived::of(&self.input)),
        }
    }
}

impl Planned {
    fn status(&self) -> RowStatus {
        match (&self.existing, self.problems.is_empty(), self.unchanged) {
            (_, false, _) => RowStatus::Invalid,
            (None, true, _) => RowStatus::New,
            (Some(_), true, true) => RowStatus::Unchanged,
            (Some(_), true, false) => RowStatus::Update,
        }
    }
}

/// What an import would do with `table` under `columns`, reading the store but not writing.
pub fn preview(
    conn: &Connection,
    event_id: &str,
    table: &Table,
    columns: &[ColumnMapping],
    options: &ImportOptions,
) -> Result<Preview> {
    preview_with_limit(conn, event_id, table, columns, options, PREVIEW_PROBLEMS)
}

/// [`preview`], carrying at most `limit` problems.
pub fn preview_with_limit(
    conn: &Connection,
    event_id: &str,
    table: &Table,
    columns: &[ColumnMapping],
    options: &ImportOptions,
    limit: usize,
) -> Result<Preview> {
    let plan = plan(conn, event_id, table, columns, options, false)?;
    let mut preview = Preview {
        source: table.source.clone(),
        columns: columns.to_vec(),
        total_rows: count(plan.len()),
        new_rows: 0,
        updated_rows: 0,
        unchanged_rows: 0,
        invalid_rows: 0,
        problems: Vec::new(),
        problem_count: 0,
        rows: Vec::new(),
    };
    for row in &plan {
        match row.status() {
            RowStatus::New => preview.new_rows += 1,
            RowStatus::Update => preview.updated_rows += 1,
            RowStatus::Unchanged => preview.unchanged_rows += 1,
            RowStatus::Invalid => preview.invalid_rows += 1,
        }
        preview.problem_count += count(row.problems.len());
        let room = limit.saturating_sub(preview.problems.len());
        preview
            .problems
            .extend(row.problems.iter().take(room).cloned());
        if preview.rows.len() < PREVIEW_ROWS {
            preview.rows.push(PreviewRow {
                line: row.line,
                status: row.status(),
                attendee: row.input.clone(),
            });
        }
    }
    Ok(preview)
}

/// Imports `table` in one transaction. With any invalid row nothing is written and every
/// problem is returned, unless `valid_only`, which imports the valid rows and counts the rest
/// as skipped. `new_id` names each added attendee; `progress(done, total)` is called as rows
/// are written.
#[allow(clippy::too_many_arguments)]
pub fn commit(
    conn: &mut Connection,
    event_id: &str,
    table: &Table,
    columns: &[ColumnMapping],
    options: &ImportOptions,
    valid_only: bool,
    now: DateTime<Utc>,
    new_id: &mut dyn FnMut() -> String,
    progress: &mut dyn FnMut(u32, u32),
) -> Result<ImportReport> {
    // A big import touches more pages than SQLite's default 2 MB cache holds; pages spilled
    // in the middle of the transaction are written to the WAL again and again. A larger
    // cache for the length of the import writes each page once.
    let cache: Option<i64> = match conn.lite() {
        Some(lite) => {
            let cache = lite.pragma_query_value(None, "cache_size", |r| r.get(0))?;
            lite.pragma_update(None, "cache_size", -128 * 1024)?;
            Some(cache)
        }
        None => None,
    };
    let result = commit_in(
        conn, event_id, table, columns, options, valid_only, now, new_id, progress,
    );
    if let (Some(cache), Some(lite)) = (cache, conn.lite()) {
        lite.pragma_update(None, "cache_size", cache)?;
    }
    result
}

#[allow(clippy::too_many_arguments)]
fn commit_in(
    conn: &mut Connection,
    event_id: &str,
    table: &Table,
    columns: &[ColumnMapping],
    options: &ImportOptions,
    valid_only: bool,
    now: DateTime<Utc>,
    new_id: &mut dyn FnMut() -> String,
    progress: &mut dyn FnMut(u32, u32),
) -> Result<ImportReport> {
    let mut tx = write_tx(conn)?;
    // Planned inside the transaction, so that the checks see what is stored now.
    let plan = plan(&tx, event_id, table, columns, options, true)?;
    let problems: Vec<FieldError> = plan.iter().flat_map(|r| r.problems.clone()).collect();
    if !problems.is_empty() && !valid_only {
        return Err(Error::Validation(problems));
    }
    let now = timestamp(now);
    let total = count(plan.len());
    // About a hundred progress reports, however long the file.
    let step = (plan.len() / 100).max(1);
    let mut report = ImportReport {
        imported: 0,
        updated: 0,
        unchanged: 0,
        skipped: 0,
        added_ids: Vec::new(),
    };
    // The triggers that bump the event's revision on every attendee row cost more than the
    // row itself in a bulk import. On a file they are set aside inside this transaction and
    // put back before it commits, and the revision is bumped once: no other connection ever
    // sees the table without them. A server keeps its triggers (dropping one would lock the
    // table against every other desk until the import commits): there the new rows go in by
    // one COPY, its revision trigger runs once per statement, and its audit trigger logs
    // each row whole.
    let on_file = tx.engine() == crate::sql::Engine::Sqlite;
    let triggers: Vec<String> = if on_file {
        let mut stmt = tx.prepare(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger'
             AND name IN ('attendee_insert_revision', 'attendee_update_revision',
                          'audit_attendee_insert')",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<crate::Result<_>>()?
    } else {
        Vec::new()
    };
    if on_file {
        tx.execute_batch(
            "DROP TRIGGER IF EXISTS attendee_insert_revision;
             DROP TRIGGER IF EXISTS attendee_update_revision;
             DROP TRIGGER IF EXISTS audit_attendee_insert;",
        )?;
    }
    // The audit log needs only the id of an added row to undo the import (updates are
    // logged whole by their trigger, which stays). The entry is given its event below, as
    // these rows do not name it.
    let mut log_added = if on_file {
        Some(tx.prepare_cached(
            "INSERT INTO change_row (tbl, pk, old, new)
             VALUES ('attendee', json_array(?1), NULL, json_object('id', ?1))",
        )?)
    } else {
        None
    };
    let mut set_attending =
        tx.prepare_cached("UPDATE attendee SET attending = ?2 WHERE id = ?1")?;
    // The new rows, written together after the loop on a server.
    let mut added_rows = Vec::new();
    let mut drop_head = tx.prepare_cached(
        "UPDATE delegation SET head_attendee_id = NULL
         WHERE head_attendee_id = ?1 AND country <> ?2",
    )?;
    for (done, row) in plan.iter().enumerate() {
        match row.status() {
            RowStatus::Invalid => report.skipped += 1,
            RowStatus::Unchanged => report.unchanged += 1,
            RowStatus::New => {
                let id = new_id();
                let attending = row.attending != Some(false);
                let values = attendees::new_values(
                    &id,
                    event_id,
                    &row.input,
                    &row.derived(),
                    &now,
                    attending,
                );
                if on_file {
                    attendees::insert_values(&tx, values)?;
                } else {
                    added_rows.push(values);
                }
                if let Some(log_added) = log_added.as_mut() {
                    log_added.execute([&id])?;
                }
                report.added_ids.push(id);
                report.imported += 1;
            }
            RowStatus::Update => {
                let id = row.existing.as_deref().unwrap_or_default();
                attendees::update_derived(&tx, id, &row.input, &row.derived(), &now)?;
                if let Some(attending) = row.attending {
                    set_attending.execute(crate::params![id, attending])?;
                }
                drop_head.execute(crate::params![id, row.input.country])?;
                report.updated += 1;
            }
        }
        // A row is done when it is written: on a server, the new ones at the end.
        if (done + 1) % step == 0 {
            progress(count(done + 1 - added_rows.len()), total);
        }
    }
    drop(set_attending);
    drop(drop_head);
    drop(log_added);
    // Said before the new rows are written, so that on a server the entry is there for the
    // log rows of the COPY to name.
    tx.describe(format!(
        "Imported {} attendees ({} updated)",
        report.imported, report.updated
    ));
    tx.for_event(event_id);
    if !added_rows.is_empty() {
        tx.open_entry()?;
        let before_copy = plan.len() - added_rows.len();
        attendees::copy_many(&tx, &added_rows, &mut |n| {
            progress(count(before_copy + n), total);
        })?;
    }
    progress(total, total);
    for sql in &triggers {
        tx.execute_batch(sql)?;
    }
    if on_file {
        tx.execute(
            "UPDATE event SET revision = revision + 1 WHERE id = ?1",
            [event_id],
        )?;
    }
    tx.commit()?;
    Ok(report)
}

/// What the app and the CLI run: an automatic backup beside the database (into `backups/`),
/// then [`commit`] with fresh UUID v7 ids at the current time.
#[allow(clippy::too_many_arguments)]
pub fn backup_and_commit(
    conn: &mut Connection,
    db_path: &std::path::Path,
    event_id: &str,
    table: &Table,
    columns: &[ColumnMapping],
    options: &ImportOptions,
    valid_only: bool,
    progress: &mut dyn FnMut(u32, u32),
) -> Result<ImportReport> {
    let keep = crate::backup::keep_setting(conn);
    let now = crate::clock::now();
    crate::backup::automatic(conn, db_path, "import", now, keep)?;
    commit(
        conn,
        event_id,
        table,
        columns,
        options,
        valid_only,
        now,
        &mut || uuid::Uuid::now_v7().to_string(),
        progress,
    )
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The folded name and country that say "this looks like the same person".
fn person_key(a: &AttendeeInput) -> String {
    format!(
        "{}\u{1}{}\u{1}{}",
        fold::fold_native(&a.family_name),
        fold::fold_native(&a.given_name),
        a.country
    )
}

struct Known {
    name: String,
    line: Option<u32>,
    email: String,
    id: Option<String>,
}

/// What the import would do with each row. Each row is read, validated and compared with the
/// store on its own, on every core; only the duplicate checks, which depend on the rows
/// above, run in file order. `for_commit` also computes what will be stored beside each row.
fn plan(
    conn: &Connection,
    event_id: &str,
    table: &Table,
    columns: &[ColumnMapping],
    options: &ImportOptions,
    for_commit: bool,
) -> Result<Vec<Planned>> {
    use rayon::prelude::*;
    let event = ops::get_event(conn, event_id)?;
    let categories = ops::list_categories(conn, event_id)?;
    let keys: Vec<String> = categories.iter().map(|c| c.key.clone()).collect();
    let mut category_of: HashMap<String, String> = HashMap::new();
    for c in &categories {
        category_of.insert(c.key.to_lowercase(), c.key.clone());
        category_of.insert(fold::fold_native(&c.label), c.key.clone());
    }
    // Read directly (not through the directory cache), as this runs inside the commit's
    // write transaction.
    let stored: Vec<crate::model::Attendee> = attendees::list_with_keys(conn, event_id)?
        .into_iter()
        .map(|(a, _)| a)
        .collect();
    let stored_by_id: HashMap<&str, &crate::model::Attendee> =
        stored.iter().map(|a| (a.id.as_str(), a)).collect();
    // Who is already known, by email and by name and country: the store, then the rows
    // above. A row that updates an attendee is that attendee, not a duplicate of them.
    let mut by_email: HashMap<String, Known> = HashMap::new();
    let mut by_person: HashMap<String, Known> = HashMap::new();
    for a in &stored {
        let known = || Known {
            name: crate::names::display(a, event.family_name_upper),
            line: None,
            email: a.email.clone(),
            id: Some(a.id.clone()),
        };
        if !a.email.is_empty() {
            by_email.insert(a.email.clone(), known());
        }
        by_person.insert(person_key(&a.to_input()), known());
    }
    let column = |field: ImportField| columns.iter().position(|c| c.field == Some(field));
    // The column of each field, indexed by the field (looked up for every cell).
    let at: Vec<Option<usize>> = ImportField::ALL.iter().map(|f| column(*f)).collect();
    let check = |row: &Row| -> Result<Planned> {
        let cell = |field: ImportField| at[field as usize].map_or("", |i| row.cell(i));
        let mut problems = Vec::new();
        let mut problem = |field: &str, message: Message| {
            problems.push(FieldError::of(field, message).at_row(Some(row.line)));
        };
        // A ragged row is a problem of its own: its values may not be under their headers.
        if let Some(message) = table.ragged(row) {
            problem("row", message);
        }
        let (mut raw, attending) = read_row(&cell, &category_of, options, &mut problem);
        let existing = match cell(ImportField::Id).trim() {
            "" => None,
            id => stored_by_id.get(id).map(|a| a.id.clone()),
        };
        if let Some(stored) = existing.as_deref().and_then(|id| stored_by_id.get(id)) {
            // A file that updates people may carry only some columns: what it does not map
            // keeps the stored value instead of being blanked.
            keep_unmapped(&mut raw, &stored.to_input(), &|f| at[f as usize].is_some());
        }
        let input = match validate::attendee(&raw, &keys) {
            Ok(input) => input,
            Err(Error::Validation(list)) => {
                for e in list {
                    if e.field == "country" && !raw.country.trim().is_empty() {
                        problem(
                            &e.field,
                            Message::new(Code::UnknownCountry).param("value", &raw.country),
                        );
                    } else {
                        problem(&e.field, e.to_message());
                    }
                }
                raw
            }
            Err(other) => return Err(other),
        };
        let unchanged = existing
            .as_deref()
            .and_then(|id| stored_by_id.get(id))
            .is_some_and(|a| a.to_input() == input && attending.is_none_or(|v| v == a.attending));
        let person = (!input.family_name.is_empty() && !input.country.is_empty())
            .then(|| person_key(&input));
        let derived = (for_commit && problems.is_empty() && !unchanged)
            .then(|| attendees::Derived::of(&input));
        Ok(Planned {
            line: row.line,
            unchanged,
            input,
            attending,
            existing,
            problems,
            person,
            derived,
        })
    };
    let mut plan: Vec<Planned> = table.rows.par_iter().map(check).collect::<Result<_>>()?;
    // The line that first updates each stored attendee: a second row for them would
    // silently overwrite the first.
    let mut updated_at: HashMap<String, u32> = HashMap::new();
    for (planned, row) in plan.iter_mut().zip(&table.rows) {
        if let Some(id) = &planned.existing {
            match updated_at.get(id) {
                Some(first) => planned.problems.push(
                    FieldError::new("id", Code::DuplicateUpdate)
                        .param("line", first)
                        .at_row(Some(row.line)),
                ),
                None => {
                    updated_at.insert(id.clone(), row.line);
                }
            }
        }
        check_duplicates(planned, &mut by_email, &mut by_person, row);
    }
    Ok(plan)
}

fn check_duplicates(
    planned: &mut Planned,
    by_email: &mut HashMap<String, Known>,
    by_person: &mut HashMap<String, Known>,
    row: &Row,
) {
    let is_self = |known: &Known| known.id.is_some() && known.id == planned.existing;
    // The other row, or the attendee already stored, that the duplicate clashes with.
    let with = |message: Message, known: &Known| match known.line {
        Some(line) => message.param("line", line),
        None => message.param("name", &known.name),
    };
    let this = || Known {
        name: planned.input.family_name.clone(),
        line: Some(row.line),
        email: planned.input.email.clone(),
        id: planned.existing.clone(),
    };
    let email = planned.input.email.clone();
    let mut found = Vec::new();
    if !email.is_empty() {
        match by_email.get(&email) {
            Some(known) if !is_self(known) => found.push((
                "email",
                with(
                    Message::new(if known.line.is_some() {
                        Code::DuplicateEmailLine
                    } else {
                        Code::DuplicateEmailRegistered
                    })
                    .param("email", &email),
                    known,
                ),
            )),
            _ => {
                by_email.insert(email.clone(), this());
            }
        }
    }
    if let Some(key) = planned.person.take() {
        match by_person.get(&key) {
            // Two people of one name and country are told apart by different emails.
            Some(known)
                if !is_self(known)
                    && (known.email.is_empty() || email.is_empty() || known.email == email)
                    && found.is_empty() =>
            {
                found.push((
                    "family_name",
                    with(
                        Message::new(if known.line.is_some() {
                            Code::DuplicateNameLine
                        } else {
                            Code::DuplicateNameRegistered
                        }),
                        known,
                    ),
                ));
            }
            Some(_) => {}
            None => {
                by_person.insert(key, this());
            }
        }
    }
    for (field, message) in found {
        planned
            .problems
            .push(FieldError::of(field, message).at_row(Some(row.line)));
    }
}

/// Copies into `row` the stored values of every field that the file does not map.
fn keep_unmapped(
    row: &mut AttendeeInput,
    stored: &AttendeeInput,
    mapped: &dyn Fn(ImportField) -> bool,
) {
    use ImportField as F;
    let names_mapped = mapped(F::GivenName) || mapped(F::FamilyName) || mapped(F::FullName);
    macro_rules! keep {
        ($($field:ident: $key:expr),+ $(,)?) => {
            $(if !$key { row.$field = stored.$field.clone(); })+
        };
    }
    keep! {
        honorific: mapped(F::Honorific),
        given_name: names_mapped,
        family_name: names_mapped,
        name_order: mapped(F::NameOrder) || names_mapped,
        given_name_latin: mapped(F::GivenNameLatin),
        family_name_latin: mapped(F::FamilyNameLatin),
        country: mapped(F::Country),
        organization: mapped(F::Organization),
        position: mapped(F::Position),
        category: mapped(F::Category),
        email: mapped(F::Email),
        phone: mapped(F::Phone),
        languages: mapped(F::Languages),
        dietary: mapped(F::Dietary),
        accessibility: mapped(F::Accessibility),
        notes: mapped(F::Notes),
    }
}

/// The attendee a row describes, before validation, and its `attending` value if given.
fn read_row<'a>(
    cell: &dyn Fn(ImportField) -> &'a str,
    category_of: &HashMap<String, String>,
    options: &ImportOptions,
    problem: &mut dyn FnMut(&str, Message),
) -> (AttendeeInput, Option<bool>) {
    use ImportField as F;
    let mut a = AttendeeInput {
        honorific: cell(F::Honorific).to_owned(),
        given_name: cell(F::GivenName).to_owned(),
        family_name: cell(F::FamilyName).to_owned(),
        given_name_latin: cell(F::GivenNameLatin).to_owned(),
        family_name_latin: cell(F::FamilyNameLatin).to_owned(),
        organization: cell(F::Organization).to_owned(),
        position: cell(F::Position).to_owned(),
        email: cell(F::Email).to_owned(),
        phone: cell(F::Phone).to_owned(),
        dietary: cell(F::Dietary).to_owned(),
        accessibility: cell(F::Accessibility).to_owned(),
        notes: cell(F::Notes).to_owned(),
        ..AttendeeInput::default()
    };
    let full = cell(F::FullName).trim();
    let from_full =
        a.family_name.trim().is_empty() && a.given_name.trim().is_empty() && !full.is_empty();
    if from_full {
        let (given, family, order) = split_full_name(full);
        a.given_name = given;
        a.family_name = family;
        a.name_order = order;
    }
    let order = cell(F::NameOrder).trim();
    a.name_order = match fold::fold_latin(order).replace([' ', '-'], "_").as_str() {
        // A full name says its order by how it is written ("GUTERRES António").
        "" if from_full => a.name_order,
        "" => infer_order(&a),
        "given_first" | "given" | "western" => NameOrder::GivenFirst,
        "family_first" | "family" | "eastern" => NameOrder::FamilyFirst,
        _ => {
            problem(
                "name_order",
                Message::new(Code::BadNameOrder).param("value", order),
            );
            a.name_order
        }
    };
    let country = cell(F::Country).trim();
    a.country = countries::resolve(country).unwrap_or_else(|| country.to_owned());
    let category = cell(F::Category).trim();
    a.category = if category.is_empty() {
        options.default_category.clone()
    } else {
        category_of
            .get(&category.to_lowercase())
            .or_else(|| category_of.get(&fold::fold_native(category)))
            .cloned()
            .unwrap_or_else(|| category.to_owned())
    };
    a.languages = cell(F::Languages)
        .split([';', ','])
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    let attending_text = cell(F::Attending).trim();
    let attending = match attending_text.to_lowercase().as_str() {
        "" => None,
        "true" | "yes" | "y" | "1" | "x" => Some(true),
        "false" | "no" | "n" | "0" => Some(false),
        _ => {
            problem(
                "attending",
                Message::new(Code::BadAttending).param("value", attending_text),
            );
            None
        }
    };
    (a, attending)
}

/// Chinese, Japanese and Korean names in their own script are written family name first.
fn infer_order(a: &AttendeeInput) -> NameOrder {
    if a.family_name.chars().any(crate::names::is_cjk) {
        NameOrder::FamilyFirst
    } else {
        NameOrder::GivenFirst
    }
}

/// Splits a full name: "Family, Given"; a name in CJK script (family name first, one
/// character, or two for the common compound surnames); a word in capitals, as UN lists
/// write family names ("António GUTERRES", "GUTERRES António"); else the last word.
pub fn split_full_name(full: &str) -> (String, String, NameOrder) {
    let full = full.trim();
    if let Some((family, given)) = full.split_once(',') {
        return (
            given.trim().to_owned(),
            family.trim().to_owned(),
            NameOrder::GivenFirst,
        );
    }
    let chars: Vec<char> = full.chars().filter(|c| !c.is_whitespace()).collect();
    if !chars.is_empty() && chars.iter().all(|c| crate::names::is_cjk(*c) || *c == '·') {
        const COMPOUND: [&str; 8] = [
            "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙",
        ];
        let split = if chars.len() > 2 && COMPOUND.iter().any(|s| full.starts_with(s)) {
            2
        } else {
            1
        };
        let family: String = chars[..split.min(chars.len())].iter().collect();
        let given: String = chars[split.min(chars.len())..].iter().collect();
        return (given, family, NameOrder::FamilyFirst);
    }
    let words: Vec<&str> = full.split_whitespace().collect();
    let upper = |w: &&str| {
        w.chars().filter(|c| c.is_alphabetic()).count() > 1
            && w.chars().all(|c| !c.is_lowercase())
            && w.chars().any(char::is_uppercase)
    };
    let capitals: Vec<usize> = (0..words.len()).filter(|i| upper(&words[*i])).collect();
    if !capitals.is_empty() && capitals.len() < words.len() {
        let family = capitals
            .iter()
            .map(|i| words[*i])
            .collect::<Vec<_>>()
            .join(" ");
        let given = (0..words.len())
            .filter(|i| !capitals.contains(i))
            .map(|i| words[i])
            .collect::<Vec<_>>()
            .join(" ");
        let order = if capitals[0] == 0 {
            NameOrder::FamilyFirst
        } else {
            NameOrder::GivenFirst
        };
        return (given, title_case(&family), order);
    }
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            (rest.join(" "), (*last).to_owned(), NameOrder::GivenFirst)
        }
        _ => (String::new(), full.to_owned(), NameOrder::GivenFirst),
    }
}

/// "GUTERRES" → "Guterres"; capitals in lists are a display setting, not the name.
fn title_case(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_names_split_the_way_people_write_them() {
        for (full, given, family, order) in [
            ("Ana Silva", "Ana", "Silva", NameOrder::GivenFirst),
            (
                "Silva, Ana Maria",
                "Ana Maria",
                "Silva",
                NameOrder::GivenFirst,
            ),
            ("张伟", "伟", "张", NameOrder::FamilyFirst),
            ("马朝旭", "朝旭", "马", NameOrder::FamilyFirst),
            ("欧阳修文", "修文", "欧阳", NameOrder::FamilyFirst),
            (
                "António GUTERRES",
                "António",
                "Guterres",
                NameOrder::GivenFirst,
            ),
            (
                "GUTERRES António",
                "António",
                "Guterres",
                NameOrder::FamilyFirst,
            ),
            ("Sukarno", "", "Sukarno", NameOrder::GivenFirst),
        ] {
            assert_eq!(
                split_full_name(full),
                (given.to_owned(), family.to_owned(), order),
                "{full}"
            );
        }
    }
}
