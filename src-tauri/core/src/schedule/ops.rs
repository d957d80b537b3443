//! The schedule's verbs: rooms, sessions, speakers and sign-ups, each validated and written in
//! one transaction, and the conflict check over the stored schedule.

use super::conflicts::{
    self, AssignmentFact, EventFrame, PersonFact, RoomFact, SessionFact, Snapshot,
};
use super::model::{
    AgendaItem, Role, Room, RoomInput, Session, SessionInput, Signup, Speaker, Warning,
};
use super::time::{parse_local, parse_stored, rfc3339_in};
use crate::clock::timestamp;
use crate::model::EventSummary;
use crate::sql::Connection;
use crate::store::{assignments, attendees, events, rooms, sessions, signups, warnings};
use crate::tx::write_tx;
use crate::validate::{parse_date, MAX_LONG, MAX_SHORT};
use crate::{names, Code, Error, FieldError, Result};
use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Tz;
use std::collections::HashMap;
use uuid::Uuid;

/// The event's zone.
fn zone_of(conn: &Connection, event_id: &str) -> Result<Tz> {
    zone_in(&events::get(conn, event_id)?)
}

/// The zone of an event already read, so callers that need the event too read it once.
fn zone_in(event: &EventSummary) -> Result<Tz> {
    event
        .timezone
        .parse()
        .map_err(|_| Error::bad_stored("time zone", &event.id))
}

// ---- rooms ----------------------------------------------------------------------------------

fn check_room(input: &RoomInput) -> Result<RoomInput> {
    let mut out = input.clone();
    out.name = input.name.trim().to_owned();
    out.address = input.address.trim().to_owned();
    out.meeting_point = input.meeting_point.trim().to_owned();
    out.departure_time = input.departure_time.trim().to_owned();
    let mut problems = Vec::new();
    if out.name.is_empty() {
        problems.push(FieldError::new("name", Code::RoomNameRequired));
    }
    for (field, value) in [
        ("name", &out.name),
        ("address", &out.address),
        ("meeting_point", &out.meeting_point),
    ] {
        if value.chars().count() > MAX_SHORT {
            problems.push(FieldError::new(field, Code::AtMostChars).param("max", MAX_SHORT));
        }
    }
    if !out.departure_time.is_empty()
        && NaiveTime::parse_from_str(&out.departure_time, "%H:%M").is_err()
    {
        problems.push(FieldError::new("departure_time", Code::DepartureTimeFormat));
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::Validation(problems))
    }
}

pub fn list_rooms(conn: &Connection, event_id: &str) -> Result<Vec<Room>> {
    events::revision(conn, event_id)?;
    rooms::list(conn, event_id)
}

pub fn add_room(
    conn: &mut Connection,
    event_id: &str,
    id: Uuid,
    input: &RoomInput,
    now: DateTime<Utc>,
) -> Result<Room> {
    let input = check_room(input)?;
    let id = id.to_string();
    let tx = write_tx(conn)?;
    events::revision(&tx, event_id)?;
    if rooms::find_by_name(&tx, event_id, &input.name)?.is_some() {
        return Err(FieldError::new("name", Code::RoomExists)
            .param("name", &input.name)
            .into());
    }
    rooms::insert(&tx, &id, event_id, &input, &timestamp(now))?;
    tx.commit()?;
    rooms::get(conn, &id)
}

pub fn update_room(
    conn: &mut Connection,
    id: &str,
    input: &RoomInput,
    now: DateTime<Utc>,
) -> Result<Room> {
    let input = check_room(input)?;
    let tx = write_tx(conn)?;
    let room = rooms::get(&tx, id)?;
    if rooms::find_by_name(&tx, &room.event_id, &input.name)?.is_some_and(|other| other.id != id) {
        return Err(FieldError::new("name", Code::RoomExists)
            .param("name", &input.name)
            .into());
    }
    rooms::update(&tx, id, &input, &timestamp(now))?;
    tx.commit()?;
    rooms::get(conn, id)
}

pub fn delete_room(conn: &mut Connection, id: &str) -> Result<()> {
    let tx = write_tx(conn)?;
    rooms::delete(&tx, id)?;
    tx.commit()?;
    Ok(())
}

// ---- sessions -------------------------------------------------------------------------------

/// Validated columns of a session.
struct Checked {
    title: String,
    starts_at: String,
    ends_at: String,
    room_id: Option<String>,
    description: String,
    track: String,
}

fn check_session(
    conn: &Connection,
    event_id: &str,
    zone: Tz,
    input: &SessionInput,
) -> Result<Checked> {
    let mut problems = Vec::new();
    let title = input.title.trim().to_owned();
    if title.is_empty() {
        problems.push(FieldError::new("title", Code::TitleRequired));
    } else if title.chars().count() > MAX_SHORT {
        problems.push(FieldError::new("title", Code::AtMostChars).param("max", MAX_SHORT));
    }
    if input.description.chars().count() > MAX_LONG {
        problems.push(FieldError::new("description", Code::AtMostChars).param("max", MAX_LONG));
    }
    let start = parse_local(&input.start, zone)
        .map_err(|m| problems.push(FieldError::of("start", m)))
        .ok();
    let end = parse_local(&input.end, zone)
        .map_err(|m| problems.push(FieldError::of("end", m)))
        .ok();
    if let (Some(start), Some(end)) = (start, end) {
        if end <= start {
            problems.push(FieldError::new("end", Code::EndsBeforeItStarts));
        }
    }
    let room_id = input
        .room_id
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    if let Some(room) = &room_id {
        match rooms::get(conn, room) {
            Ok(r) if r.event_id == event_id => {}
            Ok(_) | Err(Error::NotFound { .. }) => {
                problems.push(FieldError::new("room_id", Code::RoomNotInEvent));
            }
            Err(other) => return Err(other),
        }
    }
    match (start, end) {
        (Some(start), Some(end)) if problems.is_empty() => Ok(Checked {
            title,
            starts_at: timestamp(start),
            ends_at: timestamp(end),
            room_id,
            description: input.description.trim().to_owned(),
            track: input.track.trim().to_owned(),
        }),
        _ => Err(Error::Validation(problems)),
    }
}

fn write_of<'a>(c: &'a Checked, input: &SessionInput) -> sessions::Write<'a> {
    sessions::Write {
        title: &c.title,
        kind: input.kind,
        starts_at: &c.starts_at,
        ends_at: &c.ends_at,
        room_id: c.room_id.as_deref(),
        description: &c.description,
        capacity: input.capacity,
        track: &c.track,
    }
}

/// Adds a session. Times are `YYYY-MM-DD HH:MM` in the event's zone.
pub fn add_session(
    conn: &mut Connection,
    event_id: &str,
    id: Uuid,
    input: &SessionInput,
    now: DateTime<Utc>,
) -> Result<Session> {
    let id = id.to_string();
    let tx = write_tx(conn)?;
    // Read the zone inside the write: a zone changed meanwhile would shift the typed times.
    let zone = zone_of(&tx, event_id)?;
    let checked = check_session(&tx, event_id, zone, input)?;
    sessions::insert(
        &tx,
        &id,
        event_id,
        &write_of(&checked, input),
        &timestamp(now),
    )?;
    tx.commit()?;
    get_session(conn, &id)
}

pub fn update_session(
    conn: &mut Connection,
    id: &str,
    input: &SessionInput,
    now: DateTime<Utc>,
) -> Result<Session> {
    let tx = write_tx(conn)?;
    let event_id = sessions::get(&tx, id)?.event_id;
    let zone = zone_of(&tx, &event_id)?;
    let checked = check_session(&tx, &event_id, zone, input)?;
    sessions::update(&tx, id, &write_of(&checked, input), &timestamp(now))?;
    tx.commit()?;
    get_session(conn, id)
}

/// Moves a session to new times and a room, keeping everything else.
pub fn move_session(
    conn: &mut Connection,
    id: &str,
    start: &str,
    end: &str,
    room_id: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Session> {
    // Everything but the time and the room comes from the row as it is inside this write,
    // so an edit committed elsewhere a moment ago is kept, not overwritten.
    let tx = write_tx(conn)?;
    let current = sessions::get(&tx, id)?;
    let zone = zone_of(&tx, &current.event_id)?;
    let input = SessionInput {
        title: current.title,
        kind: current.kind,
        start: start.to_owned(),
        end: end.to_owned(),
        room_id: room_id.map(str::to_owned),
        description: current.description,
        capacity: current.capacity,
        track: current.track,
    };
    let checked = check_session(&tx, &current.event_id, zone, &input)?;
    sessions::update(&tx, id, &write_of(&checked, &input), &timestamp(now))?;
    tx.commit()?;
    get_session(conn, id)
}

pub fn delete_session(conn: &mut Connection, id: &str) -> Result<()> {
    let tx = write_tx(conn)?;
    sessions::delete(&tx, id)?;
    tx.commit()?;
    Ok(())
}

/// Every attendee's display name by id, for views over the whole event (the programme, the
/// conflict check).
fn speaker_names(
    conn: &Connection,
    event_id: &str,
    upper: bool,
) -> Result<HashMap<String, String>> {
    let list = attendees::list_with_keys(conn, event_id)?;
    Ok(list
        .into_iter()
        .map(|(a, _)| (a.id.clone(), names::display(&a, upper)))
        .collect())
}

/// Display names of just these people: a session's reply names its few speakers without
/// reading the whole attendee list.
fn names_of<'a>(
    conn: &Connection,
    ids: impl IntoIterator<Item = &'a str>,
    upper: bool,
) -> Result<HashMap<String, String>> {
    let mut names = HashMap::new();
    for id in ids {
        if !names.contains_key(id) {
            names.insert(
                id.to_owned(),
                names::display(&attendees::get(conn, id)?, upper),
            );
        }
    }
    Ok(names)
}

fn assemble(
    stored: sessions::Stored,
    zone: Tz,
    speakers: Vec<Speaker>,
    signups: u32,
) -> Result<Session> {
    let start =
        parse_stored(&stored.starts_at).ok_or_else(|| Error::bad_stored("start", &stored.id))?;
    let end = parse_stored(&stored.ends_at).ok_or_else(|| Error::bad_stored("end", &stored.id))?;
    Ok(Session {
        id: stored.id,
        event_id: stored.event_id,
        title: stored.title,
        kind: stored.kind,
        start: rfc3339_in(start, zone),
        end: rfc3339_in(end, zone),
        room_id: stored.room_id,
        room: stored.room,
        description: stored.description,
        capacity: stored.capacity,
        track: stored.track,
        speakers,
        signups,
    })
}

fn speakers_of(list: Vec<assignments::Stored>, names: &HashMap<String, String>) -> Vec<Speaker> {
    list.into_iter()
        .map(|a| Speaker {
            name: names.get(&a.attendee_id).cloned().unwrap_or_default(),
            assignment_id: a.id,
            person_id: a.attendee_id,
            role: a.role,
            position: a.position,
            home_timezone: a.home_timezone,
        })
        .collect()
}

pub fn get_session(conn: &Connection, id: &str) -> Result<Session> {
    let stored = sessions::get(conn, id)?;
    let event = events::get(conn, &stored.event_id)?;
    let zone = zone_in(&event)?;
    let assigned = assignments::list_for_session(conn, id)?;
    let names = names_of(
        conn,
        assigned.iter().map(|a| a.attendee_id.as_str()),
        event.family_name_upper,
    )?;
    let speakers = speakers_of(assigned, &names);
    let count = signups::count(conn, id)?;
    assemble(stored, zone, speakers, count)
}

/// The event's sessions in time order; with `day` (`YYYY-MM-DD`), only those starting on
/// that day in the event's zone.
pub fn list_sessions(conn: &Connection, event_id: &str, day: Option<&str>) -> Result<Vec<Session>> {
    let event = events::get(conn, event_id)?;
    let zone = zone_in(&event)?;
    let bounds = match day {
        None => None,
        Some(day) => {
            let date = parse_date(day).ok_or_else(|| {
                Error::from(FieldError::new("day", Code::NotADate).param("value", day))
            })?;
            let bad = || {
                Error::from(
                    FieldError::new("day", Code::DayHasNoStart)
                        .param("day_date", day)
                        .param("zone", zone),
                )
            };
            let from = super::time::start_of_day(date, zone).ok_or_else(bad)?;
            let to = super::time::start_of_day(date + Duration::days(1), zone).ok_or_else(bad)?;
            Some((timestamp(from), timestamp(to)))
        }
    };
    let stored = sessions::list(
        conn,
        event_id,
        bounds.as_ref().map(|(a, b)| (a.as_str(), b.as_str())),
    )?;
    let names = speaker_names(conn, event_id, event.family_name_upper)?;
    let mut by_session: HashMap<String, Vec<assignments::Stored>> = HashMap::new();
    for a in assignments::list_for_event(conn, event_id)? {
        by_session.entry(a.session_id.clone()).or_default().push(a);
    }
    let mut counts: HashMap<String, u32> = HashMap::new();
    for (session, _) in signups::list_for_event(conn, event_id)? {
        *counts.entry(session).or_default() += 1;
    }
    stored
        .into_iter()
        .map(|s| {
            let speakers = speakers_of(by_session.remove(&s.id).unwrap_or_default(), &names);
            let count = counts.get(&s.id).copied().unwrap_or(0);
            assemble(s, zone, speakers, count)
        })
        .collect()
}

// ---- speakers and sign-ups ------------------------------------------------------------------

fn same_event_person(conn: &Connection, session_id: &str, person_id: &str) -> Result<String> {
    let session = sessions::get(conn, session_id)?;
    let person = attendees::get(conn, person_id).map_err(|e| match e {
        Error::NotFound { .. } => FieldError::new("person_id", Code::NoAttendeeWithId)
            .param("id", person_id)
            .into(),
        other => other,
    })?;
    if person.event_id != session.event_id {
        return Err(Error::invalid("person_id", Code::NotInSessionEvent));
    }
    Ok(session.event_id)
}

fn check_zone(zone: &str) -> Result<String> {
    let zone = zone.trim();
    if !zone.is_empty() && zone.parse::<Tz>().is_err() {
        return Err(FieldError::new("home_timezone", Code::NotATimeZoneExample)
            .param("value", zone)
            .param("example", "Europe/Lisbon")
            .into());
    }
    Ok(zone.to_owned())
}

/// Assigns a person to a session in a role, last in the speaker order.
pub fn assign_speaker(
    conn: &mut Connection,
    id: Uuid,
    session_id: &str,
    person_id: &str,
    role: Role,
    home_timezone: &str,
    now: DateTime<Utc>,
) -> Result<Session> {
    let home_timezone = check_zone(home_timezone)?;
    let tx = write_tx(conn)?;
    same_event_person(&tx, session_id, person_id)?;
    if assignments::exists(&tx, session_id, person_id, role)? {
        return Err(FieldError::new("role", Code::RoleTaken)
            .param("role", role.as_str())
            .into());
    }
    let position = assignments::next_position(&tx, session_id)?;
    let stored = assignments::Stored {
        id: id.to_string(),
        session_id: session_id.to_owned(),
        attendee_id: person_id.to_owned(),
        role,
        position,
        home_timezone,
    };
    assignments::insert(&tx, &stored, &timestamp(now))?;
    tx.commit()?;
    get_session(conn, session_id)
}

pub fn update_assignment(
    conn: &mut Connection,
    id: &str,
    role: Role,
    position: u32,
    home_timezone: &str,
) -> Result<Session> {
    let home_timezone = check_zone(home_timezone)?;
    let tx = write_tx(conn)?;
    let a = assignments::get(&tx, id)?;
    // Moving a speaker onto another's place swaps the two, so the order stays a sequence.
    if let Some(other) = assignments::list_for_session(&tx, &a.session_id)?
        .into_iter()
        .find(|o| o.id != id && o.position == position)
    {
        assignments::update(&tx, &other.id, other.role, a.position, &other.home_timezone)?;
    }
    assignments::update(&tx, id, role, position, &home_timezone)?;
    tx.commit()?;
    get_session(conn, &a.session_id)
}

pub fn remove_assignment(conn: &mut Connection, id: &str) -> Result<Session> {
    let tx = write_tx(conn)?;
    let a = assignments::get(&tx, id)?;
    assignments::delete(&tx, id)?;
    tx.commit()?;
    get_session(conn, &a.session_id)
}

/// Signs a person up for a session. Over capacity is a warning, not a refusal.
pub fn sign_up(
    conn: &mut Connection,
    session_id: &str,
    person_id: &str,
    now: DateTime<Utc>,
) -> Result<Session> {
    let tx = write_tx(conn)?;
    same_event_person(&tx, session_id, person_id)?;
    signups::insert(&tx, session_id, person_id, &timestamp(now))?;
    tx.commit()?;
    get_session(conn, session_id)
}

/// Who signed up for a session, in the order they signed up.
pub fn list_signups(conn: &Connection, session_id: &str) -> Result<Vec<Signup>> {
    let session = sessions::get(conn, session_id)?;
    let event = events::get(conn, &session.event_id)?;
    let people: Vec<String> = signups::list_for_event(conn, &session.event_id)?
        .into_iter()
        .filter(|(s, _)| s == session_id)
        .map(|(_, person)| person)
        .collect();
    let names = names_of(
        conn,
        people.iter().map(String::as_str),
        event.family_name_upper,
    )?;
    Ok(people
        .into_iter()
        .map(|person| Signup {
            name: names.get(&person).cloned().unwrap_or_default(),
            person_id: person,
        })
        .collect())
}

pub fn cancel_signup(conn: &mut Connection, session_id: &str, person_id: &str) -> Result<Session> {
    let tx = write_tx(conn)?;
    if !signups::delete(&tx, session_id, person_id)? {
        return Err(Error::not_found(
            "sign-up",
            format!("{person_id} for {session_id}"),
        ));
    }
    tx.commit()?;
    get_session(conn, session_id)
}

/// Marks whether a person still attends; an assignment of someone who no longer attends is a
/// warning (`absent_speaker`).
pub fn set_attending(conn: &mut Connection, person_id: &str, attending: bool) -> Result<()> {
    let tx = write_tx(conn)?;
    attendees::get(&tx, person_id)?;
    tx.execute(
        "UPDATE attendee SET attending = ?2 WHERE id = ?1",
        crate::params![person_id, attending],
    )?;
    tx.commit()?;
    Ok(())
}

// ---- conflicts and agendas ------------------------------------------------------------------

/// Reads everything the conflict check needs.
pub fn snapshot(conn: &Connection, event_id: &str) -> Result<Snapshot> {
    let event = events::get(conn, event_id)?;
    let zone = zone_in(&event)?;
    let bad = |what: &str| Error::bad_stored(what, event_id);
    let frame = EventFrame {
        start_date: parse_date(&event.start_date).ok_or_else(|| bad("start date"))?,
        end_date: parse_date(&event.end_date).ok_or_else(|| bad("end date"))?,
        zone,
    };
    let sessions = sessions::list(conn, event_id, None)?
        .into_iter()
        .map(|s| {
            Ok(SessionFact {
                start: parse_stored(&s.starts_at).ok_or_else(|| bad("session start"))?,
                end: parse_stored(&s.ends_at).ok_or_else(|| bad("session end"))?,
                id: s.id,
                title: s.title,
                kind: s.kind,
                room_id: s.room_id,
                capacity: s.capacity,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let rooms = rooms::list(conn, event_id)?
        .into_iter()
        .map(|r| {
            (
                r.id,
                RoomFact {
                    name: r.name,
                    capacity: r.capacity,
                },
            )
        })
        .collect();
    let mut people = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT id, attending FROM attendee WHERE event_id = ?1")?;
    let attending: HashMap<String, bool> = stmt
        .query_map([event_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<crate::Result<_>>()?;
    for (id, name) in speaker_names(conn, event_id, event.family_name_upper)? {
        let attending = attending.get(&id).copied().unwrap_or(true);
        people.insert(id, PersonFact { name, attending });
    }
    let assignments = assignments::list_for_event(conn, event_id)?
        .into_iter()
        .map(|a| AssignmentFact {
            session_id: a.session_id,
            person_id: a.attendee_id,
            role: a.role,
        })
        .collect();
    let signups = signups::list_for_event(conn, event_id)?;
    Ok(Snapshot {
        event: frame,
        sessions,
        rooms,
        people,
        assignments,
        signups,
    })
}

/// Every warning of the event, accepted ones marked.
pub fn check(conn: &Connection, event_id: &str) -> Result<Vec<Warning>> {
    let mut list = conflicts::check(&snapshot(conn, event_id)?);
    let accepted = warnings::accepted_keys(conn, event_id)?;
    for w in &mut list {
        w.accepted = accepted.contains(&w.key);
    }
    Ok(list)
}

pub fn accept_warning(
    conn: &mut Connection,
    event_id: &str,
    key: &str,
    note: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    if key.trim().is_empty() {
        return Err(Error::invalid("key", Code::WarningKeyRequired));
    }
    let tx = write_tx(conn)?;
    events::revision(&tx, event_id)?;
    warnings::accept(&tx, event_id, key.trim(), note.trim(), &timestamp(now))?;
    tx.commit()?;
    Ok(())
}

pub fn unaccept_warning(conn: &mut Connection, event_id: &str, key: &str) -> Result<()> {
    let tx = write_tx(conn)?;
    warnings::unaccept(&tx, event_id, key)?;
    tx.commit()?;
    Ok(())
}

/// Everything one person speaks at or signed up for, in time order.
pub fn person_agenda(conn: &Connection, person_id: &str) -> Result<Vec<AgendaItem>> {
    let person = attendees::get(conn, person_id)?;
    let book = AgendaBook::load(conn, &person.event_id)?;
    Ok(book.agenda(person_id))
}

/// An event's sessions and sign-ups, read once, from which any number of people's agendas
/// are made (a batch of personal agendas reads the store once, not once a person).
pub struct AgendaBook {
    sessions: Vec<Session>,
    /// (session id, person id) of every sign-up.
    signups: std::collections::HashSet<(String, String)>,
}

impl AgendaBook {
    pub fn load(conn: &Connection, event_id: &str) -> Result<Self> {
        Ok(AgendaBook {
            sessions: list_sessions(conn, event_id, None)?,
            signups: signups::list_for_event(conn, event_id)?
                .into_iter()
                .collect(),
        })
    }

    /// Everything `person_id` speaks at or signed up for, in time order.
    pub fn agenda(&self, person_id: &str) -> Vec<AgendaItem> {
        let mut items = Vec::new();
        for session in &self.sessions {
            let roles: Vec<Role> = session
                .speakers
                .iter()
                .filter(|s| s.person_id == person_id)
                .map(|s| s.role)
                .collect();
            let signed_up = self
                .signups
                .contains(&(session.id.clone(), person_id.to_owned()));
            if !roles.is_empty() || signed_up {
                items.push(AgendaItem {
                    session: session.clone(),
                    roles,
                    signed_up,
                });
            }
        }
        items
    }
}
