//! The domain's verbs: what the app's commands, the CLI and the tests do to the store. Each
//! verb validates its input, then changes the store in one transaction. Ids and the current
//! time come in as parameters, so results are deterministic under test.

use crate::directory::{Directory, DirectoryCache};
use crate::model::{
    Attendee, AttendeeFilter, AttendeeInput, Category, Delegation, EventInput, EventSummary,
    BUILTIN_CATEGORIES,
};
use crate::sql::Connection;
use crate::store::{self, attendees, categories, delegations, events};
use crate::{fold, names, validate, Code, Error, FieldError, Result};
use chrono::{DateTime, Utc};
use std::sync::Arc;
use uuid::Uuid;

pub use crate::clock::timestamp;
// The write transaction lives in `tx.rs`; the verbs of other modules reach it from here too.
pub(crate) use crate::tx::write_tx;

// ---- events ---------------------------------------------------------------------------------

pub fn list_events(conn: &Connection) -> Result<Vec<EventSummary>> {
    events::list(conn)
}

pub fn get_event(conn: &Connection, id: &str) -> Result<EventSummary> {
    events::get(conn, id)
}

pub fn create_event(
    conn: &mut Connection,
    id: Uuid,
    input: &EventInput,
    now: DateTime<Utc>,
) -> Result<EventSummary> {
    let input = validate::event(input)?;
    let id = id.to_string();
    let tx = write_tx(conn)?;
    events::insert(&tx, &id, &input, None, &timestamp(now))?;
    tx.commit()?;
    events::get(conn, &id)
}

pub fn update_event(
    conn: &mut Connection,
    id: &str,
    input: &EventInput,
    now: DateTime<Utc>,
) -> Result<EventSummary> {
    let input = validate::event(input)?;
    let tx = write_tx(conn)?;
    let before = events::get(&tx, id)?.timezone;
    events::update(&tx, id, &input, &timestamp(now))?;
    if before != input.timezone {
        reanchor_sessions(&tx, id, &before, &input.timezone)?;
    }
    tx.commit()?;
    events::get(conn, id)
}

/// Keeps every session at the same wall-clock time when the event's zone changes: a zone is
/// usually corrected because it was wrong, and "09:00" is what the organiser typed.
fn reanchor_sessions(
    tx: &crate::sql::Transaction<'_>,
    event_id: &str,
    from: &str,
    to: &str,
) -> Result<()> {
    use chrono::TimeZone;
    let zone = |name: &str| {
        name.parse::<chrono_tz::Tz>().map_err(|_| {
            Error::from(FieldError::new("timezone", Code::NotATimeZone).param("value", name))
        })
    };
    let (from, to) = (zone(from)?, zone(to)?);
    let rows: Vec<(String, String, String, String)> = {
        let mut stmt =
            tx.prepare("SELECT id, title, starts_at, ends_at FROM session WHERE event_id = ?1")?;
        let rows = stmt.query_map([event_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        rows.collect::<crate::Result<_>>()?
    };
    for (id, title, start, end) in rows {
        let moved = |stored: &str| -> Result<String> {
            let instant = crate::schedule::time::parse_stored(stored)
                .ok_or_else(|| Error::bad_stored("time", &id))?;
            let wall = instant.with_timezone(&from).naive_local();
            let again = to.from_local_datetime(&wall).earliest().ok_or_else(|| {
                Error::from(
                    FieldError::new("timezone", Code::TimeDoesNotExist)
                        .param("title", &title)
                        .param("wall", wall.format("%Y-%m-%d %H:%M"))
                        .param("zone", to),
                )
            })?;
            Ok(timestamp(again.with_timezone(&Utc)))
        };
        tx.execute(
            "UPDATE session SET starts_at = ?2, ends_at = ?3 WHERE id = ?1",
            crate::params![id, moved(&start)?, moved(&end)?],
        )?;
    }
    Ok(())
}

/// Deletes an event with all its attendees and delegations.
pub fn delete_event(conn: &mut Connection, id: &str) -> Result<()> {
    let tx = write_tx(conn)?;
    events::delete(&tx, id)?;
    tx.commit()?;
    Ok(())
}

/// The event a command means: the one given, or the only one in the store.
pub fn resolve_event(conn: &Connection, given: Option<&str>) -> Result<String> {
    if let Some(id) = given {
        return Ok(events::get(conn, id)?.id);
    }
    let ids = events::ids(conn)?;
    match ids.as_slice() {
        [only] => Ok(only.clone()),
        [] => Err(Error::invalid("event", Code::NoEventYet)),
        many => Err(FieldError::new("event", Code::ChooseEvent)
            .param("number", many.len())
            .into()),
    }
}

// ---- categories -----------------------------------------------------------------------------

/// The built-in categories, then the ones the organiser added.
pub fn list_categories(conn: &Connection, event_id: &str) -> Result<Vec<Category>> {
    events::revision(conn, event_id)?;
    let mut list: Vec<Category> = BUILTIN_CATEGORIES
        .iter()
        .map(|(key, label)| Category {
            key: (*key).into(),
            label: (*label).into(),
            builtin: true,
        })
        .collect();
    for (key, label) in categories::list_custom(conn, event_id)? {
        list.push(Category {
            key,
            label,
            builtin: false,
        });
    }
    Ok(list)
}

fn category_keys(conn: &Connection, event_id: &str) -> Result<Vec<String>> {
    Ok(list_categories(conn, event_id)?
        .into_iter()
        .map(|c| c.key)
        .collect())
}

/// Adds a category to an event; its key is the label folded to ASCII snake_case.
pub fn add_category(conn: &mut Connection, event_id: &str, label: &str) -> Result<Category> {
    let label = label.trim();
    if label.is_empty() {
        return Err(Error::invalid("label", Code::CategoryNameRequired));
    }
    if label.chars().count() > 60 {
        return Err(FieldError::new("label", Code::CategoryNameTooLong)
            .param("max", 60)
            .into());
    }
    let key: String = fold::fold_latin(label)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect::<String>()
        .split('_')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    if key.is_empty() {
        return Err(Error::invalid("label", Code::CategoryNameNeedsLetter));
    }
    let tx = write_tx(conn)?;
    if category_keys(&tx, event_id)?.contains(&key) {
        return Err(FieldError::new("label", Code::CategoryExists)
            .param("value", &key)
            .into());
    }
    categories::insert(&tx, event_id, &key, label)?;
    tx.commit()?;
    Ok(Category {
        key,
        label: label.to_owned(),
        builtin: false,
    })
}

// ---- attendees ------------------------------------------------------------------------------

pub fn list_attendees(
    conn: &Connection,
    event_id: &str,
    filter: &AttendeeFilter,
) -> Result<Vec<Arc<Attendee>>> {
    Ok(Directory::load(conn, event_id)?.search(filter))
}

/// Like [`list_attendees`], through a cache that reloads only when the event's attendees
/// changed (in this process or another); what the app uses while the user types.
pub fn list_attendees_cached(
    conn: &Connection,
    cache: &DirectoryCache,
    event_id: &str,
    filter: &AttendeeFilter,
) -> Result<Vec<Arc<Attendee>>> {
    Ok(cache.get(conn, event_id)?.search(filter))
}

pub fn get_attendee(conn: &Connection, id: &str) -> Result<Attendee> {
    attendees::get(conn, id)
}

/// Registers a new attendee of an event.
pub fn register_attendee(
    conn: &mut Connection,
    event_id: &str,
    id: Uuid,
    input: &AttendeeInput,
    now: DateTime<Utc>,
) -> Result<Attendee> {
    let id = id.to_string();
    let tx = write_tx(conn)?;
    register_in(&tx, event_id, &id, input, now)?;
    tx.commit()?;
    attendees::get(conn, &id)
}

/// Validates and inserts an attendee inside a caller's transaction.
pub(crate) fn register_in(
    tx: &crate::sql::Transaction<'_>,
    event_id: &str,
    id: &str,
    input: &AttendeeInput,
    now: DateTime<Utc>,
) -> Result<()> {
    register_arrived_in(tx, event_id, id, input, now, None)
}

/// [`register_in`], the person arriving checked in at `checked_in_at` when given (a walk-in):
/// one INSERT with the time in it, which a desk's role on a server may write (its row rule
/// admits only people who arrive checked in).
pub(crate) fn register_arrived_in(
    tx: &crate::sql::Transaction<'_>,
    event_id: &str,
    id: &str,
    input: &AttendeeInput,
    now: DateTime<Utc>,
    checked_in_at: Option<DateTime<Utc>>,
) -> Result<()> {
    let input = validate::attendee(input, &category_keys(tx, event_id)?)?;
    check_email_free(tx, event_id, &input.email, None)?;
    let arrived = checked_in_at.map(timestamp);
    attendees::insert(
        tx,
        id,
        event_id,
        &input,
        &timestamp(now),
        arrived.as_deref(),
    )
    .map_err(email_taken)
}

/// Changes an attendee's details.
pub fn update_attendee(
    conn: &mut Connection,
    id: &str,
    input: &AttendeeInput,
    now: DateTime<Utc>,
) -> Result<Attendee> {
    let tx = write_tx(conn)?;
    let event_id = attendees::get(&tx, id)?.event_id;
    let input = validate::attendee(input, &category_keys(&tx, &event_id)?)?;
    check_email_free(&tx, &event_id, &input.email, Some(id))?;
    attendees::update(&tx, id, &input, &timestamp(now)).map_err(email_taken)?;
    // Someone who moves to another country no longer heads the old country's delegation.
    tx.execute(
        "UPDATE delegation SET head_attendee_id = NULL
         WHERE head_attendee_id = ?1 AND country <> ?2",
        crate::params![id, input.country],
    )?;
    tx.commit()?;
    attendees::get(conn, id)
}

pub fn delete_attendee(conn: &mut Connection, id: &str) -> Result<()> {
    delete_attendee_because(conn, id, "")
}

/// Deletes an attendee, with the user's reason for the audit log.
pub fn delete_attendee_because(conn: &mut Connection, id: &str, reason: &str) -> Result<()> {
    let mut tx = write_tx(conn)?;
    tx.set_reason(reason);
    attendees::delete(&tx, id)?;
    tx.commit()?;
    Ok(())
}

fn check_email_free(
    conn: &Connection,
    event_id: &str,
    email: &str,
    except: Option<&str>,
) -> Result<()> {
    if let Some(other) = attendees::find_email(conn, event_id, email, except)? {
        let other = attendees::get(conn, &other)?;
        return Err(FieldError::new("email", Code::EmailUsedBy)
            .param("email", email)
            .param("name", names::display(&other, false))
            .into());
    }
    Ok(())
}

/// The unique index is the last line of defence against a duplicate email written by
/// another process between our check and our insert.
fn email_taken(err: Error) -> Error {
    match err {
        e if store::is_unique_violation(&e) => Error::invalid("email", Code::EmailTaken),
        other => other,
    }
}

// ---- delegations ----------------------------------------------------------------------------

/// One delegation per country with attendees, with the head's display name.
pub fn list_delegations(conn: &Connection, event_id: &str) -> Result<Vec<Delegation>> {
    let event = events::get(conn, event_id)?;
    let mut list = delegations::list(conn, event_id)?;
    for d in &mut list {
        if let Some(head) = &d.head_id {
            d.head_name = Some(names::display(
                &attendees::get(conn, head)?,
                event.family_name_upper,
            ));
        }
    }
    Ok(list)
}

/// Names the head of a country's delegation, or clears it with `None`. The head must be an
/// attendee of that event from that country.
pub fn set_delegation_head(
    conn: &mut Connection,
    event_id: &str,
    country: &str,
    head: Option<&str>,
) -> Result<()> {
    // Every check reads inside the write, so the person cannot move or go in between.
    let tx = write_tx(conn)?;
    events::revision(&tx, event_id)?;
    let country = crate::countries::normalize_code(country).ok_or_else(|| {
        Error::from(FieldError::new("country", Code::UnknownCountryCode).param("value", country))
    })?;
    if let Some(head) = head {
        let a = attendees::get(&tx, head)?;
        if a.event_id != event_id || a.country != country {
            return Err(FieldError::new("head_id", Code::NotADelegationMember)
                .param("name", names::display(&a, false))
                .param("country", &country)
                .into());
        }
    }
    delegations::set_head(&tx, event_id, &country, head)?;
    tx.commit()?;
    Ok(())
}

// ---- rooms by name ---------------------------------------------------------------------------

/// The event's room called `name`, if there is one. The CLI names rooms as people say them
/// (`session add --room "Hall A"`), so it needs the room behind a name.
pub fn find_room_by_name(
    conn: &Connection,
    event_id: &str,
    name: &str,
) -> Result<Option<crate::schedule::model::Room>> {
    store::rooms::find_by_name(conn, event_id, name)
}
