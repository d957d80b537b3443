//! The `attendee` table.

use crate::model::{Attendee, AttendeeInput, NameOrder};
use crate::params;
use crate::sql::{Connection, OptionalExtension, Row, Transaction, Value};
use crate::{fold, names};
use crate::{Error, Result};

const COLUMNS: &str = "id, event_id, honorific, given_name, family_name, name_order,
    given_name_latin, family_name_latin, country, organization, position, category, email,
    phone, languages, dietary, accessibility, notes, created_at, updated_at, attending,
    checked_in_at";

fn from_row(row: &Row<'_>) -> crate::Result<Attendee> {
    let order: String = row.get(5)?;
    let languages: String = row.get(14)?;
    Ok(Attendee {
        id: row.get(0)?,
        event_id: row.get(1)?,
        honorific: row.get(2)?,
        given_name: row.get(3)?,
        family_name: row.get(4)?,
        name_order: NameOrder::parse(&order).ok_or_else(|| bad_column(5, "name_order", &order))?,
        given_name_latin: row.get(6)?,
        family_name_latin: row.get(7)?,
        country: row.get(8)?,
        organization: row.get(9)?,
        position: row.get(10)?,
        category: row.get(11)?,
        email: row.get(12)?,
        phone: row.get(13)?,
        languages: serde_json::from_str(&languages)
            .map_err(|_| bad_column(14, "languages", &languages))?,
        dietary: row.get(15)?,
        accessibility: row.get(16)?,
        notes: row.get(17)?,
        created_at: row.get(18)?,
        updated_at: row.get(19)?,
        attending: row.get(20)?,
        checked_in_at: row.get(21)?,
    })
}

/// A stored value that the schema's CHECKs should have kept out: a corrupt row is reported,
/// never silently turned into a default.
fn bad_column(index: usize, name: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        index,
        rusqlite::types::Type::Text,
        format!("attendee.{name} holds {value:?}").into(),
    )
}

/// The search key stored with an attendee: the name as it is written (in the person's order,
/// so "马朝旭" and "Ana Silva" are found as typed) and in the other order, the same for the
/// Latin form, then the organisation and the email.
pub fn search_key(a: &AttendeeInput) -> String {
    let written = |given: &str, family: &str| {
        let other = match a.name_order {
            NameOrder::GivenFirst => NameOrder::FamilyFirst,
            NameOrder::FamilyFirst => NameOrder::GivenFirst,
        };
        [
            names::join(given, family, a.name_order, false),
            names::join(given, family, other, false),
        ]
    };
    let [native, native_reversed] = written(&a.given_name, &a.family_name);
    let [latin, latin_reversed] = written(&a.given_name_latin, &a.family_name_latin);
    fold::search_key([
        native.as_str(),
        native_reversed.as_str(),
        latin.as_str(),
        latin_reversed.as_str(),
        a.organization.as_str(),
        a.email.as_str(),
    ])
}

/// Every attendee of an event with its search key, ordered by family name, then given name
/// (the Latin forms where given), in ICU order (through the stored sort key).
pub fn list_with_keys(conn: &Connection, event_id: &str) -> Result<Vec<(Attendee, String)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, search_key FROM attendee WHERE event_id = ?1
         ORDER BY sort_key, id"
    ))?;
    let rows = stmt.query_map([event_id], |r| Ok((from_row(r)?, r.get(22)?)))?;
    rows.collect::<crate::Result<_>>()
}

pub fn get(conn: &Connection, id: &str) -> Result<Attendee> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM attendee WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("attendee", id))
}

/// The id of another attendee of the event with this email (case-insensitive).
pub fn find_email(
    conn: &Connection,
    event_id: &str,
    email: &str,
    except_id: Option<&str>,
) -> Result<Option<String>> {
    if email.is_empty() {
        return Ok(None);
    }
    conn.query_row(
        "SELECT id FROM attendee
             WHERE event_id = ?1 AND lower(email) = lower(?2) AND email <> ''
               AND id IS DISTINCT FROM ?3
             LIMIT 1",
        params![event_id, email, except_id],
        |r| r.get(0),
    )
    .optional()
}

/// How many attendees an event has.
pub fn count(conn: &Connection, event_id: &str) -> Result<u32> {
    conn.query_row(
        "SELECT count(*) FROM attendee WHERE event_id = ?1",
        [event_id],
        |r| r.get(0),
    )
}

/// What is stored beside an attendee's fields and derived from them: the search key, the
/// ICU sort key and the languages as JSON. A bulk import computes them on every core before
/// it writes (see `exchange::import`).
#[derive(Debug, Clone)]
pub struct Derived {
    pub search_key: String,
    pub sort_key: Vec<u8>,
    pub languages: String,
}

impl Derived {
    pub fn of(a: &AttendeeInput) -> Self {
        Self {
            search_key: search_key(a),
            sort_key: sort_key(a),
            languages: languages_json(&a.languages),
        }
    }
}

/// Inserts a new attendee; `checked_in_at` set for one who arrives checked in (a walk-in).
pub fn insert(
    tx: &Transaction<'_>,
    id: &str,
    event_id: &str,
    a: &AttendeeInput,
    now: &str,
    checked_in_at: Option<&str>,
) -> Result<()> {
    let values = new_values(id, event_id, a, &Derived::of(a), now, true);
    match checked_in_at {
        None => insert_values(tx, values),
        Some(at) => {
            let mut values = values;
            values.push(Value::Text(at.to_owned()));
            tx.prepare_cached(&ARRIVED_SQL)?
                .execute(crate::sql::params_from_iter(values))?;
            Ok(())
        }
    }
}

/// The columns a new attendee is written with, in the order of [`new_values`].
const NEW_COLUMNS: [&str; 23] = [
    "id",
    "event_id",
    "honorific",
    "given_name",
    "family_name",
    "name_order",
    "given_name_latin",
    "family_name_latin",
    "country",
    "organization",
    "position",
    "category",
    "email",
    "phone",
    "languages",
    "dietary",
    "accessibility",
    "notes",
    "search_key",
    "created_at",
    "updated_at",
    "sort_key",
    "attending",
];

/// The statement that inserts one row of [`NEW_COLUMNS`].
static INSERT_SQL: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| insert_statement(&NEW_COLUMNS));

/// The statement that inserts one row of [`NEW_COLUMNS`] and its `checked_in_at`.
static ARRIVED_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let mut columns = NEW_COLUMNS.to_vec();
    columns.push("checked_in_at");
    insert_statement(&columns)
});

fn insert_statement(columns: &[&str]) -> String {
    let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO attendee ({}) VALUES ({})",
        columns.join(", "),
        marks.join(", ")
    )
}

/// The values of a new attendee's row, in the order of [`NEW_COLUMNS`].
pub fn new_values(
    id: &str,
    event_id: &str,
    a: &AttendeeInput,
    derived: &Derived,
    now: &str,
    attending: bool,
) -> Vec<Value> {
    let text = |t: &str| Value::Text(t.to_owned());
    vec![
        text(id),
        text(event_id),
        text(&a.honorific),
        text(&a.given_name),
        text(&a.family_name),
        text(a.name_order.as_str()),
        text(&a.given_name_latin),
        text(&a.family_name_latin),
        text(&a.country),
        text(&a.organization),
        text(&a.position),
        text(&a.category),
        text(&a.email),
        text(&a.phone),
        text(&derived.languages),
        text(&a.dietary),
        text(&a.accessibility),
        text(&a.notes),
        text(&derived.search_key),
        text(now),
        text(now),
        Value::Blob(derived.sort_key.clone()),
        Value::Integer(i64::from(attending)),
    ]
}

/// Inserts one row made by [`new_values`].
pub fn insert_values(tx: &Transaction<'_>, values: Vec<Value>) -> Result<()> {
    tx.prepare_cached(&INSERT_SQL)?
        .execute(crate::sql::params_from_iter(values))?;
    Ok(())
}

/// Many new attendees at once on a server, each row made by [`new_values`]: one
/// `COPY … FROM STDIN BINARY` (the event's revision moves once, the log has each row). Returns
/// how many were written; `written` hears how many so far, every thousand rows. (A file's
/// import inserts row by row with [`insert_values`], its triggers set aside.)
pub fn copy_many(
    tx: &Transaction<'_>,
    rows: &[Vec<Value>],
    written: &mut dyn FnMut(usize),
) -> Result<u64> {
    tx.copy_in("attendee", &NEW_COLUMNS, rows, written)
}

/// The stored sort key: the Latin forms where given, as the generated `sort_family` and
/// `sort_given` columns choose them.
fn sort_key(a: &AttendeeInput) -> Vec<u8> {
    fn pick<'a>(latin: &'a str, native: &'a str) -> &'a str {
        if latin.is_empty() {
            native
        } else {
            latin
        }
    }
    crate::collation::sort_key(
        pick(&a.family_name_latin, &a.family_name),
        pick(&a.given_name_latin, &a.given_name),
    )
}

pub fn update(tx: &Transaction<'_>, id: &str, a: &AttendeeInput, now: &str) -> Result<()> {
    update_derived(tx, id, a, &Derived::of(a), now)
}

/// [`update`], with the derived values already computed from `a`.
pub fn update_derived(
    tx: &Transaction<'_>,
    id: &str,
    a: &AttendeeInput,
    derived: &Derived,
    now: &str,
) -> Result<()> {
    let changed = tx
        .prepare_cached(
            "UPDATE attendee SET honorific = ?2, given_name = ?3, family_name = ?4,
             name_order = ?5, given_name_latin = ?6, family_name_latin = ?7, country = ?8,
             organization = ?9, position = ?10, category = ?11, email = ?12, phone = ?13,
             languages = ?14, dietary = ?15, accessibility = ?16, notes = ?17,
             search_key = ?18, updated_at = ?19, sort_key = ?20
         WHERE id = ?1",
        )?
        .execute(params![
            id,
            a.honorific,
            a.given_name,
            a.family_name,
            a.name_order.as_str(),
            a.given_name_latin,
            a.family_name_latin,
            a.country,
            a.organization,
            a.position,
            a.category,
            a.email,
            a.phone,
            derived.languages,
            a.dietary,
            a.accessibility,
            a.notes,
            derived.search_key,
            now,
            derived.sort_key
        ])?;
    if changed == 0 {
        return Err(Error::not_found("attendee", id));
    }
    Ok(())
}

pub fn delete(tx: &Transaction<'_>, id: &str) -> Result<()> {
    if tx.execute("DELETE FROM attendee WHERE id = ?1", [id])? == 0 {
        return Err(Error::not_found("attendee", id));
    }
    Ok(())
}

fn languages_json(languages: &[String]) -> String {
    // Serialising a list of strings cannot fail.
    serde_json::to_string(languages).unwrap_or_else(|_| "[]".to_owned())
}

/// Records (or, with `None`, clears) the moment a person was checked in at the desk.
pub fn set_checked_in(tx: &Transaction<'_>, id: &str, at: Option<&str>) -> Result<()> {
    if tx.execute(
        "UPDATE attendee SET checked_in_at = ?2 WHERE id = ?1",
        params![id, at],
    )? == 0
    {
        return Err(Error::not_found("attendee", id));
    }
    Ok(())
}
