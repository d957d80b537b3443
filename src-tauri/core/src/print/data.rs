//! The data each printed document shows, as one JSON value for its template.
//!
//! Every time is written here, in the event's zone (and for a remote speaker also in their
//! own), so the templates only place text. Every user-entered value is a JSON string, which
//! typst prints as text and never reads as markup.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::Serialize;
use serde_json::{json, Value};

use super::{engine, AgendaLayout, DocumentKind, PrintRequest};
use crate::model::{Attendee, AttendeeFilter, EventSummary};
use crate::schedule::model::{Colours, Room, Session};
use crate::schedule::ops::{list_rooms, list_sessions, AgendaBook};
use crate::schedule::time::parse_stored;
use crate::{countries, names, ops, Code, Error, FieldError, Result};

/// A document's data and the file name to suggest for it.
pub struct Doc {
    pub data: Value,
    pub file_name: String,
}

/// The most rooms a grid agenda shows side by side; more read better as a list.
const MAX_GRID_ROOMS: usize = 5;

/// Gathers what `request` prints.
pub fn build(conn: &Connection, request: &PrintRequest, today: NaiveDate) -> Result<Doc> {
    let event = ops::get_event(conn, &request.event_id)?;
    let zone: Tz = event.timezone.parse().map_err(|_| {
        Error::from(
            FieldError::new("timezone", Code::UnknownEventZone).param("value", &event.timezone),
        )
    })?;
    let ctx = Ctx {
        rooms: list_rooms(conn, &event.id)?
            .into_iter()
            .map(|r| (r.id.clone(), r))
            .collect(),
        categories: ops::list_categories(conn, &event.id)?
            .into_iter()
            .map(|c| (c.key, c.label))
            .collect(),
        zone,
        event,
    };
    let (title, file_name, body) = match request.kind {
        DocumentKind::Agenda => agenda(conn, &ctx, request)?,
        DocumentKind::Programme => programme(conn, &ctx, request)?,
        DocumentKind::Room => room_sheet(conn, &ctx, request)?,
        DocumentKind::Person => personal(conn, &ctx, request)?,
        DocumentKind::Briefing => briefings(conn, &ctx, request)?,
        DocumentKind::Badges => people_doc(conn, &ctx, request, "badges", "Badges")?,
        DocumentKind::Plates => people_doc(conn, &ctx, request, "plates", "Name plates")?,
        DocumentKind::Checkin => checkin(conn, &ctx, request)?,
    };
    let mut data = json!({
        "kind": request.kind.as_str(),
        "title": title,
        "paper": request.paper.as_str(),
        "fonts": engine::families(),
        "event": {
            "name": ctx.event.name,
            "dates": date_range(&ctx.event),
            "venue": ctx.event.venue,
            "city": ctx.event.city,
            "organizers": ctx.event.organizers.iter().map(|o| json!({
                "name": o.name,
                "role": organizer_role(o.role),
            })).collect::<Vec<_>>(),
        },
        "printed": today.format("%-d %B %Y").to_string(),
        "zone": zone_note(&ctx),
    });
    if let (Some(target), Value::Object(body)) = (data.as_object_mut(), body) {
        target.extend(body);
    }
    Ok(Doc {
        data,
        file_name: format!("{file_name}.pdf"),
    })
}

struct Ctx {
    event: EventSummary,
    zone: Tz,
    rooms: HashMap<String, Room>,
    categories: HashMap<String, String>,
}

type Built = (String, String, Value);

// ---- sessions -------------------------------------------------------------------------------

#[derive(Serialize)]
struct SpeakerOut {
    name: String,
    role: &'static str,
    remote: bool,
}

#[derive(Serialize)]
struct SessionOut {
    date: String,
    time: String,
    start: String,
    end: String,
    title: String,
    kind: &'static str,
    kind_label: &'static str,
    /// The type's colours, the app's light theme (`SessionType::group`).
    colour: Colours,
    room: String,
    /// For an off-site venue: its address.
    address: String,
    /// For an off-site venue: where and when to meet.
    meeting: String,
    track: String,
    description: String,
    speakers: Vec<SpeakerOut>,
}

fn instants(session: &Session) -> Result<(DateTime<Utc>, DateTime<Utc>)> {
    let bad = |what: &str| Error::bad_stored(what, &session.id);
    Ok((
        parse_stored(&session.start).ok_or_else(|| bad("start"))?,
        parse_stored(&session.end).ok_or_else(|| bad("end"))?,
    ))
}

fn session_out(ctx: &Ctx, session: &Session) -> Result<SessionOut> {
    let (start, end) = instants(session)?;
    let (start_local, end_local) = (start.with_timezone(&ctx.zone), end.with_timezone(&ctx.zone));
    let room = session.room_id.as_ref().and_then(|id| ctx.rooms.get(id));
    let offsite = room.filter(|r| r.offsite);
    let meeting = offsite.map(meeting_text).unwrap_or_default();
    Ok(SessionOut {
        date: start_local.format("%A %-d %B").to_string(),
        time: format!(
            "{}–{}",
            start_local.format("%H:%M"),
            end_local.format("%H:%M")
        ),
        start: start_local.format("%H:%M").to_string(),
        end: end_local.format("%H:%M").to_string(),
        title: session.title.clone(),
        kind: session.kind.as_str(),
        kind_label: session.kind.label(),
        colour: session.kind.group().light(),
        room: session.room.clone().unwrap_or_default(),
        address: offsite.map(|r| r.address.clone()).unwrap_or_default(),
        meeting,
        track: session.track.clone(),
        description: session.description.clone(),
        speakers: session
            .speakers
            .iter()
            .map(|s| SpeakerOut {
                name: s.name.clone(),
                role: s.role.label(),
                remote: s.role.is_remote(),
            })
            .collect(),
    })
}

fn meeting_text(room: &Room) -> String {
    match (
        room.meeting_point.is_empty(),
        room.departure_time.is_empty(),
    ) {
        (false, false) => format!(
            "Meet at {}; departure at {}.",
            room.meeting_point, room.departure_time
        ),
        (false, true) => format!("Meet at {}.", room.meeting_point),
        (true, false) => format!("Departure at {}.", room.departure_time),
        (true, true) => String::new(),
    }
}

// ---- days and agendas -----------------------------------------------------------------------

fn event_days(event: &EventSummary) -> Vec<NaiveDate> {
    let parse = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    match (parse(&event.start_date), parse(&event.end_date)) {
        (Some(first), Some(last)) => first.iter_days().take_while(|d| *d <= last).collect(),
        _ => Vec::new(),
    }
}

/// The day asked for: it must be one of the event's days.
fn chosen_day(ctx: &Ctx, request: &PrintRequest) -> Result<NaiveDate> {
    let day_error = |code: Code| {
        FieldError::new("day", code)
            .param("start_date", &ctx.event.start_date)
            .param("end_date", &ctx.event.end_date)
    };
    let Some(text) = request
        .day
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    else {
        return Err(day_error(Code::ChooseDay).into());
    };
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| Error::from(FieldError::new("day", Code::NotADate).param("value", text)))?;
    if !event_days(&ctx.event).contains(&date) {
        return Err(day_error(Code::NotAnEventDay)
            .param("day_date", text)
            .into());
    }
    Ok(date)
}

fn day_label(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// One day's sessions, as a list and, when it reads better, as a grid of rooms.
fn day_data(conn: &Connection, ctx: &Ctx, date: NaiveDate, layout: AgendaLayout) -> Result<Value> {
    let sessions = list_sessions(conn, &ctx.event.id, Some(&date.to_string()))?;
    let list = sessions
        .iter()
        .map(|s| session_out(ctx, s))
        .collect::<Result<Vec<_>>>()?;
    let grid = match layout {
        AgendaLayout::List => None,
        AgendaLayout::Auto | AgendaLayout::Grid => grid(ctx, &sessions, layout)?,
    };
    Ok(json!({
        "date": day_label(date),
        "iso": date.to_string(),
        "sessions": list,
        "grid": grid,
    }))
}

/// Rooms as columns and time slots as rows. `None` when a grid would not work (sessions in
/// one room overlap, or a session without a room overlaps another) or, for `Auto`, when
/// nothing runs in parallel or there are too many rooms to read side by side.
fn grid(ctx: &Ctx, sessions: &[Session], layout: AgendaLayout) -> Result<Option<Value>> {
    let mut timed = Vec::new();
    for s in sessions {
        let (start, end) = instants(s)?;
        timed.push((s, start, end));
    }
    let overlap =
        |a: &(&Session, DateTime<Utc>, DateTime<Utc>),
         b: &(&Session, DateTime<Utc>, DateTime<Utc>)| { a.1 < b.2 && b.1 < a.2 };
    let mut parallel = false;
    for (i, a) in timed.iter().enumerate() {
        for b in &timed[i + 1..] {
            if !overlap(a, b) {
                continue;
            }
            match (&a.0.room_id, &b.0.room_id) {
                (Some(x), Some(y)) if x != y => parallel = true,
                _ => return Ok(None),
            }
        }
    }
    let mut rooms: Vec<&Room> = timed
        .iter()
        .filter_map(|(s, _, _)| s.room_id.as_ref().and_then(|id| ctx.rooms.get(id)))
        .collect();
    rooms.sort_by_key(|r| (r.position, r.id.clone()));
    rooms.dedup_by_key(|r| r.id.clone());
    let wanted = match layout {
        AgendaLayout::Grid => !rooms.is_empty(),
        _ => parallel && (2..=MAX_GRID_ROOMS).contains(&rooms.len()),
    };
    if !wanted {
        return Ok(None);
    }
    let mut bounds: Vec<DateTime<Utc>> = timed.iter().flat_map(|t| [t.1, t.2]).collect();
    bounds.sort();
    bounds.dedup();
    let row = |t: DateTime<Utc>| bounds.iter().position(|b| *b == t).unwrap_or(0);
    let column: HashMap<&str, usize> = rooms
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut cells = Vec::new();
    for (s, start, end) in &timed {
        let (x, span) = match s.room_id.as_deref().and_then(|id| column.get(id)) {
            Some(x) => (*x, 1),
            None => (0, rooms.len()),
        };
        cells.push(json!({
            "x": x + 1,
            "y": row(*start) + 1,
            "colspan": span,
            "rowspan": (row(*end) - row(*start)).max(1),
            "session": session_out(ctx, s)?,
        }));
    }
    let times: Vec<String> = bounds[..bounds.len().saturating_sub(1)]
        .iter()
        .map(|t| t.with_timezone(&ctx.zone).format("%H:%M").to_string())
        .collect();
    Ok(Some(json!({
        "rooms": rooms.iter().map(|r| r.name.clone()).collect::<Vec<_>>(),
        "times": times,
        "cells": cells,
    })))
}

fn agenda(conn: &Connection, ctx: &Ctx, request: &PrintRequest) -> Result<Built> {
    let date = chosen_day(ctx, request)?;
    let day = day_data(conn, ctx, date, request.layout)?;
    Ok((
        format!("Daily agenda, {} — {}", day_label(date), ctx.event.name),
        format!("agenda-{date}"),
        json!({ "day": day }),
    ))
}

fn programme(conn: &Connection, ctx: &Ctx, request: &PrintRequest) -> Result<Built> {
    let days = event_days(&ctx.event)
        .into_iter()
        .map(|d| day_data(conn, ctx, d, request.layout))
        .collect::<Result<Vec<_>>>()?;
    Ok((
        format!("Programme — {}", ctx.event.name),
        "programme".to_owned(),
        json!({ "days": days }),
    ))
}

fn room_sheet(conn: &Connection, ctx: &Ctx, request: &PrintRequest) -> Result<Built> {
    let room = chosen_room(ctx, request)?;
    let date = chosen_day(ctx, request)?;
    let sessions = list_sessions(conn, &ctx.event.id, Some(&date.to_string()))?
        .into_iter()
        .filter(|s| s.room_id.as_deref() == Some(room.id.as_str()))
        .map(|s| session_out(ctx, &s))
        .collect::<Result<Vec<_>>>()?;
    Ok((
        format!("{}, {} — {}", room.name, day_label(date), ctx.event.name),
        format!("room-{}-{date}", slug(&room.name)),
        json!({
            "room": {
                "name": room.name,
                "address": if room.offsite { room.address.clone() } else { String::new() },
            },
            "date": day_label(date),
            "sessions": sessions,
        }),
    ))
}

fn chosen_room<'a>(ctx: &'a Ctx, request: &PrintRequest) -> Result<&'a Room> {
    let mut names: Vec<&Room> = ctx.rooms.values().collect();
    names.sort_by_key(|r| r.position);
    let list = names
        .iter()
        .map(|r| r.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let Some(wanted) = request
        .room
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    else {
        return Err(FieldError::new("room", Code::ChooseRoom)
            .param("list", list)
            .into());
    };
    ctx.rooms
        .get(wanted)
        .or_else(|| {
            ctx.rooms
                .values()
                .find(|r| r.name.trim().to_lowercase() == wanted.to_lowercase())
        })
        .ok_or_else(|| {
            Error::from(
                FieldError::new("room", Code::NoSuchRoom)
                    .param("name", wanted)
                    .param("list", &list),
            )
        })
}

// ---- people ---------------------------------------------------------------------------------

/// The people a batch prints: the one person asked for, or those of one delegation, or
/// everyone still attending; in the list's order (family name, then given name).
fn chosen_people(
    conn: &Connection,
    ctx: &Ctx,
    request: &PrintRequest,
) -> Result<Vec<Arc<Attendee>>> {
    if let Some(id) = request.person.as_deref().filter(|p| !p.trim().is_empty()) {
        let person = ops::get_attendee(conn, id.trim()).map_err(|e| match e {
            Error::NotFound { .. } => {
                Error::from(FieldError::new("person", Code::NoAttendeeWithId).param("id", id))
            }
            other => other,
        })?;
        if person.event_id != ctx.event.id {
            return Err(Error::invalid("person", Code::NotInEvent));
        }
        return Ok(vec![Arc::new(person)]);
    }
    let country = match request.country.as_deref().filter(|c| !c.trim().is_empty()) {
        None => None,
        Some(code) => Some(countries::normalize_code(code).ok_or_else(|| {
            Error::from(FieldError::new("country", Code::NotACountryCode).param("value", code))
        })?),
    };
    let filter = AttendeeFilter {
        country: country.clone(),
        ..AttendeeFilter::default()
    };
    let people: Vec<Arc<Attendee>> = ops::list_attendees(conn, &ctx.event.id, &filter)?
        .into_iter()
        .filter(|a| a.attending)
        .collect();
    if people.is_empty() {
        return Err(match &country {
            Some(code) => FieldError::new("country", Code::NoAttendingFromCountry)
                .param("country", countries::display_name(code))
                .param("country_code", code),
            None => FieldError::new("person", Code::NoAttending),
        }
        .into());
    }
    Ok(people)
}

/// The name of the file for a batch: one person, one delegation, or everyone.
fn batch_name(stem: &str, request: &PrintRequest, people: &[Arc<Attendee>], ctx: &Ctx) -> String {
    match (&request.person, &request.country, people) {
        (Some(_), _, [one]) => format!("{stem}-{}", slug(&display(ctx, one))),
        (_, Some(code), _) => format!("{stem}-{}", code.trim().to_uppercase()),
        _ => stem.to_owned(),
    }
}

fn display(ctx: &Ctx, a: &Attendee) -> String {
    names::display(a, ctx.event.family_name_upper)
}

#[derive(Serialize)]
struct PersonOut {
    id: String,
    honorific: String,
    /// The name as the person writes it, with the honorific: what lists show.
    display: String,
    /// The name in large type: the Latin form when there is one, else the native one.
    name: String,
    /// The native form under the Latin one, when both are given.
    second: String,
    country: String,
    country_code: String,
    organization: String,
    position: String,
    category: String,
    band: Band,
}

#[derive(Serialize)]
struct Band {
    fill: &'static str,
    text: &'static str,
}

/// A category's badge band: built-ins have their own colours; an organiser's own category gets
/// one from a spare palette, the same one every time.
fn band(key: &str) -> Band {
    let fill = match key {
        "official" => "#1f4e9c",
        "expert" => "#0f7a74",
        "speaker" => "#9b2c2c",
        "press" => "#8a5a00",
        "staff" => "#2f6b3a",
        "guest" => "#5b6470",
        other => {
            const SPARE: [&str; 4] = ["#6b46c1", "#a0306e", "#2c5f7a", "#7a4a12"];
            let hash = other
                .bytes()
                .fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize));
            SPARE[hash % SPARE.len()]
        }
    };
    Band {
        fill,
        text: "#ffffff",
    }
}

fn person_out(ctx: &Ctx, a: &Attendee) -> PersonOut {
    let lines = names::NameParts::from(a).lines(ctx.event.family_name_upper);
    PersonOut {
        id: a.id.clone(),
        honorific: names::clean(&a.honorific),
        display: display(ctx, a),
        name: lines.first,
        second: lines.second,
        country: if a.country.is_empty() {
            String::new()
        } else {
            countries::display_name(&a.country)
        },
        country_code: a.country.clone(),
        organization: a.organization.clone(),
        position: a.position.clone(),
        category: category_label(ctx, &a.category),
        band: band(&a.category),
    }
}

fn category_label(ctx: &Ctx, key: &str) -> String {
    ctx.categories
        .get(key)
        .cloned()
        .unwrap_or_else(|| key.to_owned())
}

fn personal(conn: &Connection, ctx: &Ctx, request: &PrintRequest) -> Result<Built> {
    let people = chosen_people(conn, ctx, request)?;
    let book = AgendaBook::load(conn, &ctx.event.id)?;
    let mut out = Vec::new();
    for person in &people {
        let mut days: Vec<(String, Vec<Value>)> = Vec::new();
        for item in book.agenda(&person.id) {
            let session = session_out(ctx, &item.session)?;
            let entry = json!({
                "session": session,
                "roles": item.roles.iter().map(|r| r.label()).collect::<Vec<_>>(),
                "signed_up": item.signed_up,
            });
            match days.last_mut() {
                Some((date, items)) if *date == session.date => items.push(entry),
                _ => days.push((session.date.clone(), vec![entry])),
            }
        }
        out.push(json!({
            "person": person_out(ctx, person),
            "days": days.into_iter().map(|(date, items)| json!({ "date": date, "items": items })).collect::<Vec<_>>(),
        }));
    }
    Ok((
        format!("Personal agendas — {}", ctx.event.name),
        batch_name("agenda", request, &people, ctx),
        json!({ "people": out }),
    ))
}

fn briefings(conn: &Connection, ctx: &Ctx, request: &PrintRequest) -> Result<Built> {
    let sessions = list_sessions(conn, &ctx.event.id, None)?;
    let speaking: HashSet<&str> = sessions
        .iter()
        .flat_map(|s| s.speakers.iter().map(|p| p.person_id.as_str()))
        .collect();
    let people: Vec<Arc<Attendee>> = if request.person.is_some() {
        let people = chosen_people(conn, ctx, request)?;
        if let Some(p) = people.iter().find(|p| !speaking.contains(p.id.as_str())) {
            return Err(FieldError::new("person", Code::NoTalks)
                .param("name", display(ctx, p))
                .into());
        }
        people
    } else {
        let all = chosen_people(conn, ctx, request)?;
        let speakers: Vec<_> = all
            .into_iter()
            .filter(|p| speaking.contains(p.id.as_str()))
            .collect();
        if speakers.is_empty() {
            return Err(Error::invalid(
                if request.country.is_some() {
                    "country"
                } else {
                    "person"
                },
                Code::NoSpeakers,
            ));
        }
        speakers
    };
    let mut out = Vec::new();
    for person in &people {
        let mut talks = Vec::new();
        for session in &sessions {
            let mine: Vec<_> = session
                .speakers
                .iter()
                .filter(|s| s.person_id == person.id)
                .collect();
            let Some(first) = mine.first() else { continue };
            let order = session
                .speakers
                .iter()
                .position(|s| s.person_id == person.id)
                .unwrap_or(0)
                + 1;
            let (start, end) = instants(session)?;
            let local = if first.home_timezone.is_empty() {
                String::new()
            } else {
                own_time(start, end, &first.home_timezone, ctx.zone)
            };
            talks.push(json!({
                "session": session_out(ctx, session)?,
                "roles": mine.iter().map(|s| s.role.label()).collect::<Vec<_>>(),
                "remote": mine.iter().any(|s| s.role.is_remote()),
                "order": order,
                "of": session.speakers.len(),
                "with": session.speakers.iter().filter(|s| s.person_id != person.id).map(|s| json!({
                    "name": s.name,
                    "role": s.role.label(),
                })).collect::<Vec<_>>(),
                "local_time": local,
            }));
        }
        out.push(json!({ "person": person_out(ctx, person), "talks": talks }));
    }
    Ok((
        format!("Speaker briefings — {}", ctx.event.name),
        batch_name("briefing", request, &people, ctx),
        json!({ "people": out }),
    ))
}

/// A remote speaker's own time for a session, e.g. "03:00–04:00 on Tuesday 3 September,
/// Europe/Lisbon time (UTC+01:00)". Empty when their zone is the event's.
fn own_time(start: DateTime<Utc>, end: DateTime<Utc>, zone: &str, event_zone: Tz) -> String {
    let Ok(tz) = zone.parse::<Tz>() else {
        return String::new();
    };
    if tz == event_zone {
        return String::new();
    }
    let (s, e) = (start.with_timezone(&tz), end.with_timezone(&tz));
    format!(
        "{}–{} on {}, {zone} time (UTC{})",
        s.format("%H:%M"),
        e.format("%H:%M"),
        s.format("%A %-d %B"),
        s.format("%:z")
    )
}

fn people_doc(
    conn: &Connection,
    ctx: &Ctx,
    request: &PrintRequest,
    stem: &str,
    what: &str,
) -> Result<Built> {
    let mut people = chosen_people(conn, ctx, request)?;
    if request.kind == DocumentKind::Plates {
        // Plates go out by delegation, as the seating plan reads.
        people.sort_by_cached_key(|p| countries::display_name(&p.country));
    }
    let out: Vec<PersonOut> = people.iter().map(|p| person_out(ctx, p)).collect();
    Ok((
        format!("{what} — {}", ctx.event.name),
        batch_name(stem, request, &people, ctx),
        json!({ "people": out }),
    ))
}

fn checkin(conn: &Connection, ctx: &Ctx, request: &PrintRequest) -> Result<Built> {
    let people = chosen_people(conn, ctx, request)?;
    let mut groups: Vec<(String, String, Vec<Value>)> = Vec::new();
    let mut sorted: Vec<&Arc<Attendee>> = people.iter().collect();
    sorted.sort_by_cached_key(|p| countries::display_name(&p.country));
    for p in sorted {
        let country = if p.country.is_empty() {
            "No country given".to_owned()
        } else {
            countries::display_name(&p.country)
        };
        let checked = p
            .checked_in_at
            .as_deref()
            .and_then(parse_stored)
            .map(|t| {
                t.with_timezone(&ctx.zone)
                    .format("%a %-d %b %H:%M")
                    .to_string()
            })
            .unwrap_or_default();
        let row = json!({
            "name": display(ctx, p),
            "organization": p.organization,
            "category": category_label(ctx, &p.category),
            "checked_in": checked,
        });
        match groups.last_mut() {
            Some((name, _, rows)) if *name == country => rows.push(row),
            _ => groups.push((country, p.country.clone(), vec![row])),
        }
    }
    let total = people.len();
    let arrived = people.iter().filter(|p| p.checked_in_at.is_some()).count();
    let stem = match request.country.as_deref().filter(|c| !c.trim().is_empty()) {
        Some(code) => format!("checkin-list-{}", code.trim().to_uppercase()),
        None => "checkin-list".to_owned(),
    };
    Ok((
        format!("Check-in list — {}", ctx.event.name),
        stem,
        json!({
            "total": total,
            "arrived": arrived,
            "groups": groups.into_iter().map(|(country, code, rows)| json!({
                "country": country,
                "code": code,
                "people": rows,
            })).collect::<Vec<_>>(),
        }),
    ))
}

// ---- the dialog's choices ----------------------------------------------------------------

pub(super) fn options(conn: &Connection, event_id: &str) -> Result<super::PrintOptions> {
    use super::PrintChoice;
    let event = ops::get_event(conn, event_id)?;
    let days = event_days(&event)
        .into_iter()
        .map(|d| PrintChoice {
            value: d.to_string(),
            label: day_label(d),
        })
        .collect();
    let mut rooms = list_rooms(conn, event_id)?;
    rooms.sort_by_key(|r| r.position);
    let rooms = rooms
        .into_iter()
        .map(|r| PrintChoice {
            value: r.id,
            label: r.name,
        })
        .collect();
    let people: Vec<Arc<Attendee>> =
        ops::list_attendees(conn, event_id, &AttendeeFilter::default())?
            .into_iter()
            .filter(|a| a.attending)
            .collect();
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for p in people.iter().filter(|p| !p.country.is_empty()) {
        *counts.entry(p.country.as_str()).or_default() += 1;
    }
    let mut delegations: Vec<PrintChoice> = counts
        .into_iter()
        .map(|(code, n)| PrintChoice {
            value: code.to_owned(),
            label: format!("{} ({n})", countries::display_name(code)),
        })
        .collect();
    delegations.sort_by(|a, b| a.label.cmp(&b.label));
    let speaking: HashSet<String> = list_sessions(conn, event_id, None)?
        .into_iter()
        .flat_map(|s| s.speakers.into_iter().map(|p| p.person_id))
        .collect();
    let speakers = people
        .iter()
        .filter(|p| speaking.contains(&p.id))
        .map(|p| PrintChoice {
            value: p.id.clone(),
            label: names::display(p, event.family_name_upper),
        })
        .collect();
    Ok(super::PrintOptions {
        days,
        rooms,
        delegations,
        speakers,
        fonts: engine::families().to_vec(),
    })
}

// ---- small things ---------------------------------------------------------------------------

/// "3–6 September 2024", "30 August – 2 September 2024", or one date.
fn date_range(event: &EventSummary) -> String {
    let parse = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    match (parse(&event.start_date), parse(&event.end_date)) {
        (Some(a), Some(b)) if a == b => a.format("%-d %B %Y").to_string(),
        (Some(a), Some(b)) if a.format("%Y-%m").to_string() == b.format("%Y-%m").to_string() => {
            format!("{}–{}", a.format("%-d"), b.format("%-d %B %Y"))
        }
        (Some(a), Some(b)) if a.format("%Y").to_string() == b.format("%Y").to_string() => {
            format!("{} – {}", a.format("%-d %B"), b.format("%-d %B %Y"))
        }
        (Some(a), Some(b)) => format!("{} – {}", a.format("%-d %B %Y"), b.format("%-d %B %Y")),
        _ => format!("{} – {}", event.start_date, event.end_date),
    }
}

/// "Times are in Asia/Shanghai (UTC+08:00)." at the event's first day.
fn zone_note(ctx: &Ctx) -> String {
    let offset = event_days(&ctx.event)
        .first()
        .and_then(|d| crate::schedule::time::start_of_day(*d, ctx.zone))
        .map(|t| t.with_timezone(&ctx.zone).format("%:z").to_string())
        .unwrap_or_default();
    if offset.is_empty() {
        format!("Times are in {}.", ctx.zone)
    } else {
        format!("Times are in {} (UTC{offset}).", ctx.zone)
    }
}

fn organizer_role(role: crate::model::OrganizerRole) -> &'static str {
    match role {
        crate::model::OrganizerRole::CoSponsor => "Co-sponsor",
        crate::model::OrganizerRole::Host => "Host",
        crate::model::OrganizerRole::Organizer => "Organiser",
    }
}

/// A file-name-safe form of a name: ASCII letters and digits, joined by hyphens.
fn slug(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_lowercase();
    let words: Vec<&str> = ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        "untitled".to_owned()
    } else {
        words.join("-").chars().take(60).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_plain_ascii() {
        assert_eq!(slug("Main Plenary Hall"), "main-plenary-hall");
        assert_eq!(slug("马朝旭"), "ma-zhao-xu");
        assert_eq!(slug("#set page(...)"), "set-page");
        assert_eq!(slug("!!!"), "untitled");
    }

    #[test]
    fn a_remote_speaker_sees_their_own_time() {
        let start = parse_stored("2024-09-03T01:00:00Z").unwrap_or_default();
        let end = parse_stored("2024-09-03T02:00:00Z").unwrap_or_default();
        assert_eq!(
            own_time(start, end, "America/New_York", chrono_tz::Asia::Shanghai),
            "21:00–22:00 on Monday 2 September, America/New_York time (UTC-04:00)"
        );
        assert_eq!(
            own_time(start, end, "Asia/Shanghai", chrono_tz::Asia::Shanghai),
            ""
        );
    }
}
