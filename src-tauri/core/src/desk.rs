//! The registration desk and the dashboard: checking people in (and undoing it), walk-ins,
//! arrival counts, session attendance against sign-ups, and the figures the event's home
//! screen charts.

use crate::model::{Attendee, AttendeeFilter, AttendeeInput, CategoryCount};
use crate::ops::{self, timestamp, write_tx};
use crate::params;
use crate::schedule::model::Warning;
use crate::schedule::ops as sched;
use crate::sql::{Connection, Transaction};
use crate::store::{attendees, events, sessions, signups};
use crate::{names, Code, Error, FieldError, Message, Result};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CountryCount {
    pub country: String,
    /// Attendees still attending.
    pub expected: u32,
    pub arrived: u32,
}

/// What the desk shows at all times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeskCounts {
    pub expected: u32,
    pub arrived: u32,
    pub by_country: Vec<CountryCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AttendanceRow {
    pub person_id: String,
    pub name: String,
    pub country: String,
    pub signed_up: bool,
    pub present: bool,
    /// When they were ticked off (RFC 3339, UTC).
    pub at: Option<String>,
}

/// Everyone signed up for a session or present at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AttendanceSheet {
    pub session_id: String,
    pub title: String,
    pub capacity: Option<u32>,
    pub rows: Vec<AttendanceRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DayCount {
    pub day: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SessionFill {
    pub session_id: String,
    pub title: String,
    pub signups: u32,
    pub capacity: u32,
}

/// The event's home screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Dashboard {
    pub registered: u32,
    pub checked_in: u32,
    pub by_country: Vec<CountryCount>,
    pub by_category: Vec<CategoryCount>,
    pub sessions_per_day: Vec<DayCount>,
    pub fill: Vec<SessionFill>,
    pub open_warnings: Vec<Warning>,
}

/// Checks a person in now. Checking in twice is refused, saying when they arrived.
pub fn check_in(conn: &mut Connection, person_id: &str, now: DateTime<Utc>) -> Result<Attendee> {
    let tx = write_tx(conn)?;
    check_in_in(&tx, person_id, now)?;
    tx.commit()?;
    attendees::get(conn, person_id)
}

/// [`check_in`] inside a caller's transaction (the offline desk queues the action in the
/// same one).
pub(crate) fn check_in_in(tx: &Transaction<'_>, person_id: &str, now: DateTime<Utc>) -> Result<()> {
    let person = attendees::get(tx, person_id)?;
    if let Some(at) = &person.checked_in_at {
        return Err(FieldError::new("checked_in_at", Code::AlreadyCheckedIn)
            .param("name", names::display(&person, false))
            .param("checked_in_at", at)
            .param(
                "zone",
                events::get(tx, &person.event_id).map_or(String::new(), |e| e.timezone),
            )
            .into());
    }
    attendees::set_checked_in(tx, person_id, Some(&timestamp(now)))
}

pub fn undo_check_in(conn: &mut Connection, person_id: &str) -> Result<Attendee> {
    let tx = write_tx(conn)?;
    undo_check_in_in(&tx, person_id)?;
    tx.commit()?;
    attendees::get(conn, person_id)
}

pub(crate) fn undo_check_in_in(tx: &Transaction<'_>, person_id: &str) -> Result<()> {
    attendees::get(tx, person_id)?;
    attendees::set_checked_in(tx, person_id, None)
}

/// Checks in the one attendee whose name matches `search`; none or several is an error that
/// says so (the several are listed).
pub fn check_in_by_search(
    conn: &mut Connection,
    event_id: &str,
    search: &str,
    now: DateTime<Utc>,
) -> Result<Attendee> {
    let id = find_one(conn, event_id, search)?;
    check_in(conn, &id, now)
}

/// The id of the one attendee whose name matches `search`; none or several is an error that
/// says so (the several are listed).
pub fn find_one(conn: &Connection, event_id: &str, search: &str) -> Result<String> {
    let filter = AttendeeFilter {
        search: Some(search.to_owned()),
        ..Default::default()
    };
    let found = ops::list_attendees(conn, event_id, &filter)?;
    match found.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => Err(FieldError::new("search", Code::NobodyMatches)
            .param("search", search)
            .into()),
        many => {
            let list: Vec<String> = many
                .iter()
                .take(10)
                .map(|a| format!("{} ({})", names::display(a, false), a.id))
                .collect();
            Err(Error::Ambiguous(
                Message::new(Code::ManyMatch)
                    .param("number", many.len())
                    .param("search", search)
                    .param("list", list.join(", ")),
            ))
        }
    }
}

/// Registers a walk-in and checks them in, in one transaction.
pub fn register_walk_in(
    conn: &mut Connection,
    event_id: &str,
    id: Uuid,
    input: &AttendeeInput,
    now: DateTime<Utc>,
) -> Result<Attendee> {
    let id = id.to_string();
    let tx = write_tx(conn)?;
    register_walk_in_in(&tx, event_id, &id, input, now)?;
    tx.commit()?;
    attendees::get(conn, &id)
}

/// [`register_walk_in`] inside a caller's transaction.
pub(crate) fn register_walk_in_in(
    tx: &Transaction<'_>,
    event_id: &str,
    id: &str,
    input: &AttendeeInput,
    now: DateTime<Utc>,
) -> Result<()> {
    ops::register_arrived_in(tx, event_id, id, input, now, Some(now))
}

fn country_counts(conn: &Connection, event_id: &str) -> Result<Vec<CountryCount>> {
    let mut stmt = conn.prepare_cached(
        "SELECT country, sum(attending), count(checked_in_at)
         FROM attendee WHERE event_id = ?1 GROUP BY country ORDER BY country",
    )?;
    let rows = stmt.query_map([event_id], |r| {
        Ok(CountryCount {
            country: r.get(0)?,
            expected: r.get(1)?,
            arrived: r.get(2)?,
        })
    })?;
    rows.collect::<crate::Result<_>>()
}

pub fn desk_counts(conn: &Connection, event_id: &str) -> Result<DeskCounts> {
    events::revision(conn, event_id)?;
    let by_country = country_counts(conn, event_id)?;
    Ok(DeskCounts {
        expected: by_country.iter().map(|c| c.expected).sum(),
        arrived: by_country.iter().map(|c| c.arrived).sum(),
        by_country,
    })
}

/// Ticks a person off (or back) for a session; anyone of the event may attend, signed up or
/// not.
pub fn mark_attendance(
    conn: &mut Connection,
    session_id: &str,
    person_id: &str,
    present: bool,
    now: DateTime<Utc>,
) -> Result<AttendanceSheet> {
    let tx = write_tx(conn)?;
    mark_attendance_in(&tx, session_id, person_id, present, now)?;
    tx.commit()?;
    session_attendance(conn, session_id)
}

/// [`mark_attendance`] inside a caller's transaction.
pub(crate) fn mark_attendance_in(
    tx: &Transaction<'_>,
    session_id: &str,
    person_id: &str,
    present: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    let session = sessions::get(tx, session_id)?;
    let person = attendees::get(tx, person_id)?;
    if person.event_id != session.event_id {
        return Err(Error::invalid("person_id", Code::NotInSessionEvent));
    }
    if present {
        tx.execute(
            "INSERT INTO attendance (session_id, attendee_id, at) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
            params![session_id, person_id, timestamp(now)],
        )?;
    } else {
        tx.execute(
            "DELETE FROM attendance WHERE session_id = ?1 AND attendee_id = ?2",
            params![session_id, person_id],
        )?;
    }
    Ok(())
}

pub fn session_attendance(conn: &Connection, session_id: &str) -> Result<AttendanceSheet> {
    let session = sessions::get(conn, session_id)?;
    let upper = events::get(conn, &session.event_id)?.family_name_upper;
    let signed: Vec<String> = signups::list_for_event(conn, &session.event_id)?
        .into_iter()
        .filter(|(s, _)| s == session_id)
        .map(|(_, p)| p)
        .collect();
    let mut stmt =
        conn.prepare_cached("SELECT attendee_id, at FROM attendance WHERE session_id = ?1")?;
    let present: HashMap<String, String> = stmt
        .query_map([session_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<crate::Result<_>>()?;
    let mut ids: Vec<&String> = signed.iter().chain(present.keys()).collect();
    ids.sort();
    ids.dedup();
    let mut people = ids
        .into_iter()
        .map(|id| attendees::get(conn, id))
        .collect::<Result<Vec<_>>>()?;
    // The same order as the attendee list: family name, then given name, Latin forms first.
    let sort_key = |a: &Attendee| {
        let pick = |latin: &str, native: &str| {
            if latin.is_empty() {
                native.to_owned()
            } else {
                latin.to_owned()
            }
        };
        (
            pick(&a.family_name_latin, &a.family_name),
            pick(&a.given_name_latin, &a.given_name),
        )
    };
    people.sort_by(|x, y| {
        let (xf, xg) = sort_key(x);
        let (yf, yg) = sort_key(y);
        crate::collation::compare(&xf, &yf).then_with(|| crate::collation::compare(&xg, &yg))
    });
    let mut rows = Vec::with_capacity(people.len());
    for a in people {
        let id = &a.id;
        rows.push(AttendanceRow {
            name: names::display(&a, upper),
            country: a.country.clone(),
            signed_up: signed.contains(id),
            present: present.contains_key(id),
            at: present.get(id).cloned(),
            person_id: a.id.clone(),
        });
    }
    Ok(AttendanceSheet {
        session_id: session.id,
        title: session.title,
        capacity: session.capacity,
        rows,
    })
}

/// The figures of the event's home screen.
pub fn dashboard(conn: &Connection, event_id: &str) -> Result<Dashboard> {
    let by_country = country_counts(conn, event_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT category, count(*) FROM attendee WHERE event_id = ?1 GROUP BY category ORDER BY count(*) DESC, category",
    )?;
    let by_category = stmt
        .query_map([event_id], |r| {
            Ok(CategoryCount {
                category: r.get(0)?,
                count: r.get(1)?,
            })
        })?
        .collect::<crate::Result<_>>()?;
    let registered: u32 = conn.query_row(
        "SELECT count(*) FROM attendee WHERE event_id = ?1",
        [event_id],
        |r| r.get(0),
    )?;
    let sessions = sched::list_sessions(conn, event_id, None)?;
    let mut per_day: BTreeMap<String, u32> = BTreeMap::new();
    for s in &sessions {
        *per_day.entry(s.start[..10].to_owned()).or_default() += 1;
    }
    let fill = sessions
        .iter()
        .filter_map(|s| {
            s.capacity.map(|capacity| SessionFill {
                session_id: s.id.clone(),
                title: s.title.clone(),
                signups: s.signups,
                capacity,
            })
        })
        .collect();
    Ok(Dashboard {
        registered,
        checked_in: by_country.iter().map(|c| c.arrived).sum(),
        by_country,
        by_category,
        sessions_per_day: per_day
            .into_iter()
            .map(|(day, count)| DayCount { day, count })
            .collect(),
        fill,
        open_warnings: sched::check(conn, event_id)?
            .into_iter()
            .filter(|w| !w.accepted)
            .collect(),
    })
}
