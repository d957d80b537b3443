//! The data each printed document shows, as one JSON value for its template.
//!
//! Every time is written here, in the event's zone (and for a remote speaker also in their
//! own), so the templates only place text. Every user-entered value is a JSON string, which
//! typst prints as text and never reads as markup.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::sql::Connection;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use serde_json::{json, Value};

use super::words::Words;
use super::{engine, AgendaLayout, DocumentKind, PrintRequest};
use crate::letters::{self, LetterKind};
use crate::messages::Coded;
use crate::model::{Attendee, AttendeeFilter, EventSummary};
use crate::schedule::model::{Colours, Room, Session};
use crate::schedule::ops::{list_rooms, list_sessions, AgendaBook};
use crate::schedule::time::parse_stored;
use crate::{catalogue, countries, names, ops, Code, Error, FieldError, Lang, Result};

/// A document's data and the file name to suggest for it.
pub struct Doc {
    pub data: Value,
    pub file_name: String,
    /// What the reader should know about what was left out (certificates for people not
    /// checked in), as message codes.
    pub notes: Vec<Coded>,
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
    let lang = request.lang.unwrap_or(event.language);
    let words = Words::new(lang, request.also)?;
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
        words,
    };
    let w = &ctx.words;
    let mut notes = Vec::new();
    let (title, file_name, body) = match request.kind {
        DocumentKind::Agenda => agenda(conn, &ctx, request)?,
        DocumentKind::Programme => programme(conn, &ctx, request)?,
        DocumentKind::Room => room_sheet(conn, &ctx, request)?,
        DocumentKind::Person => personal(conn, &ctx, request)?,
        DocumentKind::Briefing => briefings(conn, &ctx, request)?,
        DocumentKind::Badges => people_doc(conn, &ctx, request, "badges")?,
        DocumentKind::Plates => people_doc(conn, &ctx, request, "plates")?,
        DocumentKind::Checkin => checkin(conn, &ctx, request)?,
        DocumentKind::Meals => meal_sheet(conn, &ctx)?,
        DocumentKind::Seating => seating_plan(conn, &ctx)?,
        DocumentKind::Participants => participants(conn, &ctx, request, today)?,
        DocumentKind::Letter => letters(conn, &ctx, request, today, &mut notes)?,
    };
    let mut data = json!({
        "kind": request.kind.as_str(),
        "title": title,
        "paper": request.paper.as_str(),
        "fonts": engine::families(),
        "lang": lang.code(),
        "region": region(lang),
        "rtl": lang.is_rtl(),
        "labels": labels(w, request.kind),
        "event": {
            "name": ctx.event.name,
            "dates": date_range(w, &ctx.event),
            "venue": ctx.event.venue,
            "city": ctx.event.city,
            "organizers": ctx.event.organizers.iter().map(|o| json!({
                "name": o.name,
                "role": w.word(&format!("doc.organizer.{}", o.role.as_str())),
            })).collect::<Vec<_>>(),
        },
        "printed": w.text("doc.printed", &[("date", &w.date(today))]),
        "zone": zone_note(&ctx),
    });
    if let (Some(target), Value::Object(body)) = (data.as_object_mut(), body) {
        target.extend(body);
    }
    Ok(Doc {
        data,
        file_name: format!("{file_name}.pdf"),
        notes,
    })
}

struct Ctx {
    event: EventSummary,
    words: Words,
    zone: Tz,
    rooms: HashMap<String, Room>,
    categories: HashMap<String, String>,
}

type Built = (String, String, Value);

// ---- sessions -------------------------------------------------------------------------------

#[derive(Serialize)]
struct SpeakerOut {
    name: String,
    role: String,
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
    kind_label: String,
    /// The type's colours, the app's light theme (`SessionType::group`).
    colour: Colours,
    room: String,
    /// For an off-site venue: its address.
    address: String,
    /// For an off-site venue: where and when to meet.
    meeting: String,
    track: String,
    /// "Track: …" in the document's language, or empty.
    track_line: String,
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
    let w = &ctx.words;
    let meeting = offsite.map(|r| meeting_text(w, r)).unwrap_or_default();
    let (start_time, end_time) = (start_local.time(), end_local.time());
    Ok(SessionOut {
        date: w.weekday_day(start_local.date_naive()),
        time: w.time_range(start_time, end_time),
        start: w.time(start_time),
        end: w.time(end_time),
        title: session.title.clone(),
        kind: session.kind.as_str(),
        kind_label: w.session_type(session.kind),
        colour: session.kind.group().light(),
        room: session.room.clone().unwrap_or_default(),
        address: offsite.map(|r| r.address.clone()).unwrap_or_default(),
        meeting,
        track: session.track.clone(),
        track_line: if session.track.is_empty() {
            String::new()
        } else {
            sentence(w, "doc.track", &[("track", &session.track)])
        },
        description: session.description.clone(),
        speakers: session
            .speakers
            .iter()
            .map(|s| SpeakerOut {
                name: s.name.clone(),
                role: w.role(s.role),
                remote: s.role.is_remote(),
            })
            .collect(),
    })
}

fn meeting_text(w: &Words, room: &Room) -> String {
    let place = room.meeting_point.as_str();
    // The departure is typed as HH:MM; it prints in the language's form of a time.
    let time = chrono::NaiveTime::parse_from_str(room.departure_time.trim(), "%H:%M")
        .map(|t| w.time(t))
        .unwrap_or_else(|_| room.departure_time.clone());
    match (place.is_empty(), room.departure_time.is_empty()) {
        (false, false) => sentence(
            w,
            "doc.meeting.placeAndDeparture",
            &[("place", place), ("time", &time)],
        ),
        (false, true) => sentence(w, "doc.meeting.place", &[("place", place)]),
        (true, false) => sentence(w, "doc.meeting.departure", &[("time", &time)]),
        (true, true) => String::new(),
    }
}

/// A sentence around user text ("Track: AI governance"), in the document's language only: a
/// bilingual document translates labels, not the organiser's own words twice.
fn sentence(w: &Words, key: &str, params: &[(&str, &str)]) -> String {
    let params = params
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    crate::catalogue::text(w.lang, key, &params)
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
        "date": ctx.words.weekday_date(date),
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
        .map(|t| ctx.words.time(t.with_timezone(&ctx.zone).time()))
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
        title(ctx, "agenda", Some(&ctx.words.weekday_date(date))),
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
        title(ctx, "programme", None),
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
    let day = ctx.words.weekday_date(date);
    Ok((
        format!("{} — {day} — {}", room.name, ctx.event.name),
        format!("room-{}-{date}", slug(&room.name)),
        json!({
            "room": {
                "name": room.name,
                "address": if room.offsite { room.address.clone() } else { String::new() },
            },
            "date": day,
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
pub(super) fn chosen_people(
    conn: &Connection,
    event_id: &str,
    request: &PrintRequest,
) -> Result<Vec<Arc<Attendee>>> {
    if let Some(id) = request.person.as_deref().filter(|p| !p.trim().is_empty()) {
        let person = ops::get_attendee(conn, id.trim()).map_err(|e| match e {
            Error::NotFound { .. } => {
                Error::from(FieldError::new("person", Code::NoAttendeeWithId).param("id", id))
            }
            other => other,
        })?;
        if person.event_id != event_id {
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
    let people: Vec<Arc<Attendee>> = ops::list_attendees(conn, event_id, &filter)?
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
    /// The country in the second language of a bilingual document, or empty.
    country_also: String,
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
            ctx.words.country(&a.country)
        },
        country_also: ctx.words.country_also(&a.country),
        country_code: a.country.clone(),
        organization: a.organization.clone(),
        position: a.position.clone(),
        category: category_label(ctx, &a.category),
        band: band(&a.category),
    }
}

fn category_label(ctx: &Ctx, key: &str) -> String {
    let label = ctx.categories.get(key).map(String::as_str).unwrap_or("");
    ctx.words.category(key, label)
}

fn personal(conn: &Connection, ctx: &Ctx, request: &PrintRequest) -> Result<Built> {
    let people = chosen_people(conn, &ctx.event.id, request)?;
    let book = AgendaBook::load(conn, &ctx.event.id)?;
    let mut out = Vec::new();
    for person in &people {
        let mut days: Vec<(String, Vec<Value>)> = Vec::new();
        for item in book.agenda(&person.id) {
            let session = session_out(ctx, &item.session)?;
            let entry = json!({
                "session": session,
                "roles": item.roles.iter().map(|r| ctx.words.role(*r)).collect::<Vec<_>>(),
                "your_role": if item.roles.is_empty() { String::new() } else { ctx.words.with_roles("doc.person.yourRole", &item.roles) },
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
        title(ctx, "person", None),
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
        let people = chosen_people(conn, &ctx.event.id, request)?;
        if let Some(p) = people.iter().find(|p| !speaking.contains(p.id.as_str())) {
            return Err(FieldError::new("person", Code::NoTalks)
                .param("name", display(ctx, p))
                .into());
        }
        people
    } else {
        let all = chosen_people(conn, &ctx.event.id, request)?;
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
                own_time(&ctx.words, start, end, &first.home_timezone, ctx.zone)
            };
            talks.push(json!({
                "session": session_out(ctx, session)?,
                "roles": mine.iter().map(|s| ctx.words.role(s.role)).collect::<Vec<_>>(),
                "remote": mine.iter().any(|s| s.role.is_remote()),
                "order": order,
                "of": session.speakers.len(),
                "with": session.speakers.iter().filter(|s| s.person_id != person.id).map(|s| json!({
                    "name": s.name,
                    "role": ctx.words.role(s.role),
                })).collect::<Vec<_>>(),
                "local_time": local,
                "when": sentence(&ctx.words, "doc.briefing.whenValue", &[("time", &session_time(ctx, session)?), ("date", &ctx.words.weekday_day(start.with_timezone(&ctx.zone).date_naive()))]),
                "order_line": ctx.words.text("doc.briefing.orderValue", &[("order", &order.to_string()), ("total", &session.speakers.len().to_string())]),
            }));
        }
        out.push(json!({ "person": person_out(ctx, person), "talks": talks }));
    }
    Ok((
        title(ctx, "briefing", None),
        batch_name("briefing", request, &people, ctx),
        json!({ "people": out }),
    ))
}

/// A remote speaker's own time for a session, e.g. "03:00–04:00 on Tuesday 3 September,
/// Europe/Lisbon time (UTC+01:00)". Empty when their zone is the event's.
fn own_time(
    w: &Words,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    zone: &str,
    event_zone: Tz,
) -> String {
    let Ok(tz) = zone.parse::<Tz>() else {
        return String::new();
    };
    if tz == event_zone {
        return String::new();
    }
    let (s, e) = (start.with_timezone(&tz), end.with_timezone(&tz));
    sentence(
        w,
        "doc.briefing.ownTime",
        &[
            ("time", &w.time_range(s.time(), e.time())),
            ("date", &w.weekday_day(s.date_naive())),
            ("zone", zone),
            ("offset", &s.format("%:z").to_string()),
        ],
    )
}

/// A session's times in the event's zone, "09:00–10:00".
fn session_time(ctx: &Ctx, session: &Session) -> Result<String> {
    let (start, end) = instants(session)?;
    Ok(ctx.words.time_range(
        start.with_timezone(&ctx.zone).time(),
        end.with_timezone(&ctx.zone).time(),
    ))
}

fn people_doc(conn: &Connection, ctx: &Ctx, request: &PrintRequest, stem: &str) -> Result<Built> {
    let mut people = chosen_people(conn, &ctx.event.id, request)?;
    if request.kind == DocumentKind::Plates {
        // Plates go out in seat order, as the seating plan and the hall read them.
        in_seat_order(conn, ctx, &mut people)?;
    }
    let out: Vec<PersonOut> = people.iter().map(|p| person_out(ctx, p)).collect();
    Ok((
        title(ctx, stem, None),
        batch_name(stem, request, &people, ctx),
        json!({ "people": out }),
    ))
}

fn checkin(conn: &Connection, ctx: &Ctx, request: &PrintRequest) -> Result<Built> {
    let people = chosen_people(conn, &ctx.event.id, request)?;
    let mut groups: Vec<(String, String, Vec<Value>)> = Vec::new();
    let mut sorted: Vec<Arc<Attendee>> = people.clone();
    by_country(ctx, &mut sorted);
    for p in &sorted {
        let country = if p.country.is_empty() {
            ctx.words.word("doc.checkin.noCountry")
        } else {
            ctx.words.country(&p.country)
        };
        let checked = p
            .checked_in_at
            .as_deref()
            .and_then(parse_stored)
            .map(|t| ctx.words.stamp(t.with_timezone(&ctx.zone).naive_local()))
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
        title(ctx, "checkin", None),
        stem,
        json!({
            "total": total,
            "arrived": arrived,
            "summary": [
                ctx.words.count("doc.checkin.expected", total),
                ctx.words.count("doc.checkin.arrived", arrived),
            ],
            "groups": groups.into_iter().map(|(country, code, rows)| json!({
                "country": country,
                "code": code,
                "people": rows,
            })).collect::<Vec<_>>(),
        }),
    ))
}

// ---- seating --------------------------------------------------------------------------------

/// Orders people as the seating plan seats them: the podium's delegations first, then the
/// hall's in seat order, within each the seated members first (head first), then the others in
/// the list's order; people without a country last.
fn in_seat_order(conn: &Connection, ctx: &Ctx, people: &mut [Arc<Attendee>]) -> Result<()> {
    let plan = crate::seating::plan(conn, &ctx.event.id)?;
    let mut rank: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut delegation: HashMap<&str, usize> = HashMap::new();
    // The podium's plates first (hosts first), then the hall's in seat order.
    for (i, seat) in plan.podium.iter().chain(&plan.seats).enumerate() {
        delegation.insert(seat.country.as_str(), i);
        for (j, person) in seat.people.iter().enumerate() {
            rank.insert(person.as_str(), (i, j));
        }
    }
    // A stable sort keeps the list's order among equals.
    people.sort_by_key(|p| {
        let at = delegation
            .get(p.country.as_str())
            .copied()
            .unwrap_or(usize::MAX);
        rank.get(p.id.as_str()).copied().unwrap_or((at, usize::MAX))
    });
    Ok(())
}

/// The seating plan: each delegation's place with its country in the document's language and
/// the names of its seated members, the line saying how the order was decided.
fn seating_plan(conn: &Connection, ctx: &Ctx) -> Result<Built> {
    let w = &ctx.words;
    let plan = crate::seating::plan(conn, &ctx.event.id)?;
    let upper = ctx.event.family_name_upper;
    // One read of the attendees for the short names at the table (the plan has the full ones).
    let people: HashMap<String, Arc<Attendee>> =
        ops::list_attendees(conn, &ctx.event.id, &AttendeeFilter::default())?
            .into_iter()
            .map(|a| (a.id.clone(), a))
            .collect();
    let places: Vec<Value> = plan
        .seats
        .iter()
        .map(|seat| {
            json!({
                "seat": seat.seat,
                "country": w.country(&seat.country),
                "code": seat.country,
                // The full names for the list; the place on the plan has room for one short line.
                "people": seat.people_names,
                "at_table": seat
                    .people
                    .first()
                    .and_then(|id| people.get(id))
                    .map(|a| names::NameParts::from(a.as_ref()).lines(upper).first)
                    .unwrap_or_default(),
                "accessible": seat.accessible,
            })
        })
        .collect();
    let podium: Vec<String> = plan.podium.iter().map(|s| w.country(&s.country)).collect();
    let decided = plan
        .decided_at
        .as_deref()
        .and_then(parse_stored)
        .map(|t| w.date(t.with_timezone(&ctx.zone).date_naive()));
    let how = match (
        plan.method.as_deref(),
        plan.first_country.as_deref(),
        decided,
    ) {
        (Some(method), Some(code), Some(date)) => {
            let key = if method == "draw" {
                "doc.seating.drawn"
            } else {
                "doc.seating.set"
            };
            sentence(w, key, &[("country", &w.country(code)), ("date", &date)])
        }
        _ => w.word("doc.seating.notDrawn"),
    };
    Ok((
        title(ctx, "seating", None),
        "seating-plan".to_owned(),
        json!({
            "how": how,
            "order": w.word("doc.seating.order"),
            "seats_line": w.count("doc.seating.seatsEach", plan.seats_per_delegation as usize),
            "places": places,
            "podium": podium,
            "swapped": if plan.swaps > 0 { w.word("doc.seating.swapped") } else { String::new() },
        }),
    ))
}

// ---- list of participants -----------------------------------------------------------------

/// The list of participants (`crate::participants`): sections in order, delegations by their
/// country's name as the document's language sorts it (people without a country under other
/// organisations, by organisation), the head of delegation first, then the list's order of
/// family names.
fn participants(
    conn: &Connection,
    ctx: &Ctx,
    request: &PrintRequest,
    today: NaiveDate,
) -> Result<Built> {
    let w = &ctx.words;
    let upper = ctx.event.family_name_upper;
    let list = crate::participants::list(
        conn,
        &ctx.event.id,
        |code| w.country(code),
        &w.word("doc.participants.noOrganization"),
        |a, b| w.compare(a, b),
    )?;
    let sections: Vec<Value> = list
        .into_iter()
        .map(|(section, groups)| {
            let delegations: Vec<Value> = groups
                .into_iter()
                .map(|g| {
                    json!({
                        "name": g.name,
                        "people": g.people.iter().map(|a| {
                            let lines = names::NameParts::from(a.as_ref()).lines(upper);
                            json!({
                                "honorific": names::clean(&a.honorific),
                                "name": lines.first,
                                "native": lines.second,
                                "position": a.position.trim(),
                                "organization": a.organization.trim(),
                                "email": if request.include_email { a.email.trim() } else { "" },
                            })
                        }).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({
                "title": w.word(&format!("doc.participants.section.{}", section.word())),
                "delegations": delegations,
            })
        })
        .collect();
    let edition = request.edition.unwrap_or_default();
    let (heading, stem) = match edition {
        crate::print::Edition::Provisional => {
            ("doc.participants.provisional", "participants-provisional")
        }
        crate::print::Edition::Final => ("doc.participants.final", "participants-final"),
    };
    let revision = request.revision.filter(|n| *n > 0);
    let stem = match revision {
        Some(n) => format!("{stem}-rev{n}"),
        None => stem.to_owned(),
    };
    Ok((
        format!("{} — {}", w.word(heading), ctx.event.name),
        stem,
        json!({
            "heading": w.word(heading),
            "revision": revision
                .map(|n| sentence(w, "doc.participants.revision", &[("number", &n.to_string())]))
                .unwrap_or_default(),
            "date": w.date(today),
            "sections": sections,
        }),
    ))
}

// ---- letters -------------------------------------------------------------------------------

/// The letter a request asks for, or `letter: choose …`.
pub(super) fn letter_kind(request: &PrintRequest) -> Result<LetterKind> {
    request
        .letter
        .ok_or_else(|| FieldError::new("template", Code::ChooseLetter).into())
}

/// The people a letter request prints for (`letters::recipients`: a visa letter refused for
/// anyone without a passport number or a date of birth, certificates only for people checked
/// in), with the notes about those left out.
pub(super) fn letter_people(
    conn: &Connection,
    event: &EventSummary,
    request: &PrintRequest,
) -> Result<(LetterKind, Vec<Arc<Attendee>>, Vec<Coded>)> {
    let kind = letter_kind(request)?;
    let mut people = chosen_people(conn, &event.id, request)?;
    // The order the letters print in, which is also the order their numbers are given in: by
    // country as the document's language names and sorts them, then the list's order.
    let lang = request.lang.unwrap_or(event.language);
    sort_by_country_name(&mut people, lang, |code| {
        super::words::country_name(code, lang)
    });
    let (people, notes) = letters::recipients(conn, event, kind, people)?;
    Ok((kind, people, notes))
}

/// One letter per person, merged in the document's language from the event's wording (or
/// the built-in one). A person whose letter has no reference number yet (a preview before the
/// first print) shows where it will go.
fn letters(
    conn: &Connection,
    ctx: &Ctx,
    request: &PrintRequest,
    today: NaiveDate,
    notes: &mut Vec<Coded>,
) -> Result<Built> {
    let w = &ctx.words;
    let lang = w.lang;
    let (kind, people, left_out) = letter_people(conn, &ctx.event, request)?;
    notes.extend(left_out);
    let head = letters::letterhead(conn, &ctx.event)?;
    let wording = letters::template(conn, &ctx.event.id, kind, lang)?;
    let numbers = letters::issued(conn, &ctx.event.id, kind)?;
    let secret = if kind == LetterKind::Visa {
        crate::sensitive::for_event(conn, &ctx.event.id)?
    } else {
        HashMap::new()
    };
    let country_name = |code: &str| super::words::country_name(code, lang);
    let format_date = |d: NaiveDate| w.date(d);
    let merge_ctx = letters::Context {
        event: &ctx.event,
        head: &head,
        dates: date_range(w, &ctx.event),
        date: w.date(today),
        country_name: &country_name,
        format_date: &format_date,
    };
    let pending = catalogue::word(lang, "doc.letter.pending");
    let line = |key: &str, params: &[(&str, &str)]| {
        let params = params
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        catalogue::text(lang, key, &params)
    };
    let out: Vec<Value> = people
        .iter()
        .map(|a| {
            let reference = numbers.get(&a.id).cloned();
            let values = letters::values(
                &merge_ctx,
                a,
                secret.get(&a.id),
                reference.as_deref().unwrap_or(&pending),
            );
            let body = letters::merge(&wording.body, &values);
            let paragraphs: Vec<Vec<&str>> = body
                .split("\n\n")
                .map(|p| p.lines().filter(|l| !l.is_empty()).collect::<Vec<_>>())
                .filter(|p| !p.is_empty())
                .collect();
            json!({
                "person": a.id,
                "reference": line("doc.letter.reference", &[("reference", reference.as_deref().unwrap_or(&pending))]),
                "place_date": if head.place.is_empty() {
                    merge_ctx.date.clone()
                } else {
                    line("doc.letter.placeDate", &[("place", &head.place), ("date", &merge_ctx.date)])
                },
                "subject": letters::merge(&wording.subject, &values),
                "paragraphs": paragraphs,
            })
        })
        .collect();
    let stem = format!("letter-{}", kind.as_str());
    let title = format!(
        "{} — {}",
        catalogue::word(lang, &format!("doc.letter.{}.title", kind.as_str())),
        ctx.event.name
    );
    Ok((
        title,
        batch_name(&stem, request, &people, ctx),
        json!({
            "letter_kind": kind.as_str(),
            "letterhead": head.letterhead.lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>(),
            "signatory_name": head.signatory_name,
            "signatory_title": head.signatory_title.lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>(),
            "letters": out,
        }),
    ))
}

// ---- meals ----------------------------------------------------------------------------------

/// The caterer's sheet: the meals of each day with their counts (`meals::meal_counts`), every
/// category listed (a zero as well, so that the caterer sees it was counted), the values no
/// category matched as typed, and the people with allergies by name.
fn meal_sheet(conn: &Connection, ctx: &Ctx) -> Result<Built> {
    let w = &ctx.words;
    let mut days: Vec<(NaiveDate, Vec<Value>)> = Vec::new();
    for meal in crate::meals::meal_counts(conn, &ctx.event.id)? {
        let bad = |what: &str| Error::bad_stored(what, &meal.session_id);
        let start = parse_stored(&meal.start).ok_or_else(|| bad("start"))?;
        let end = parse_stored(&meal.end).ok_or_else(|| bad("end"))?;
        let (start, end) = (start.with_timezone(&ctx.zone), end.with_timezone(&ctx.zone));
        let mut needs: Vec<Value> = crate::meals::NEEDS
            .iter()
            .map(|need| {
                let key = need.key();
                json!({
                    "label": w.word(&format!("doc.meals.need.{}", need_word(&key))),
                    "count": meal.counts.get(&key).copied().unwrap_or(0),
                })
            })
            .collect();
        needs.extend(meal.counts.iter().filter_map(|(key, count)| {
            let text = key.strip_prefix("other: ")?;
            Some(json!({
                "label": sentence(w, "doc.meals.other", &[("text", text)]),
                "count": count,
            }))
        }));
        let row = json!({
            "title": meal.title,
            "time": w.time_range(start.time(), end.time()),
            "expected": w.count("doc.meals.expected", meal.total as usize),
            "total": meal.total,
            "by_signup": if meal.by_signup { w.word("doc.meals.bySignup") } else { String::new() },
            "needs": needs,
            "allergies": meal.allergies.iter().map(|a| json!({
                "name": a.name,
                "text": a.text,
            })).collect::<Vec<_>>(),
        });
        let date = start.date_naive();
        match days.last_mut() {
            Some((day, meals)) if *day == date => meals.push(row),
            _ => days.push((date, vec![row])),
        }
    }
    Ok((
        title(ctx, "meals", None),
        "meal-counts".to_owned(),
        json!({
            "days": days.into_iter().map(|(date, meals)| json!({
                "date": w.weekday_date(date),
                "meals": meals,
            })).collect::<Vec<_>>(),
        }),
    ))
}

/// The locale key's last part for a need's key: `gluten_free` → `glutenFree`.
fn need_word(key: &str) -> &str {
    match key {
        "gluten_free" => "glutenFree",
        other => other,
    }
}

// ---- the dialog's choices ----------------------------------------------------------------

pub(super) fn options(
    conn: &Connection,
    event_id: &str,
    lang: Option<Lang>,
) -> Result<super::PrintOptions> {
    use super::PrintChoice;
    let event = ops::get_event(conn, event_id)?;
    let words = Words::new(lang.unwrap_or(event.language), None)?;
    let days = event_days(&event)
        .into_iter()
        .map(|d| PrintChoice {
            value: d.to_string(),
            label: words.weekday_date(d),
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
            label: format!("{} ({n})", words.country(code)),
        })
        .collect();
    delegations.sort_by(|a, b| words.compare(&a.label, &b.label));
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
fn date_range(w: &Words, event: &EventSummary) -> String {
    let parse = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    match (parse(&event.start_date), parse(&event.end_date)) {
        (Some(a), Some(b)) => w.date_range(a, b),
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
    let zone = ctx.zone.to_string();
    if offset.is_empty() {
        ctx.words.text("doc.zoneNoOffset", &[("zone", &zone)])
    } else {
        ctx.words
            .text("doc.zone", &[("zone", &zone), ("offset", &offset)])
    }
}

/// A document's title (its PDF metadata): "Programme — Workshop on …", or with a day.
fn title(ctx: &Ctx, kind: &str, day: Option<&str>) -> String {
    let kind = ctx.words.word(&format!("doc.kind.{kind}"));
    match day {
        Some(day) => format!("{kind} — {day} — {}", ctx.event.name),
        None => format!("{kind} — {}", ctx.event.name),
    }
}

/// The region typst's text takes with the language (hyphenation and quotes): British English,
/// Simplified Chinese as written in China; the others need none.
fn region(lang: Lang) -> Option<&'static str> {
    match lang {
        Lang::En => Some("GB"),
        Lang::Zh => Some("CN"),
        _ => None,
    }
}

/// Orders people by their country's name as the document's language sorts it (people without
/// a country last), keeping the list's order of names within a country.
fn by_country(ctx: &Ctx, people: &mut [Arc<Attendee>]) {
    let w = &ctx.words;
    sort_by_country_name(people, w.lang, |code| w.country(code));
}

/// [`by_country`] with the country's name given: `lang` sorts the names `name` gives.
fn sort_by_country_name(people: &mut [Arc<Attendee>], lang: Lang, name: impl Fn(&str) -> String) {
    let collator = crate::collation::for_lang(lang);
    people.sort_by_cached_key(|p| {
        let mut key = vec![u8::from(p.country.is_empty())];
        // Writing to a Vec cannot fail.
        let _ = collator.write_sort_key_to(&name(&p.country), &mut key);
        key
    });
}

/// The words the templates place themselves, in the document's language(s).
fn labels(w: &Words, kind: DocumentKind) -> Value {
    let mut labels = serde_json::Map::new();
    let keys: &[(&str, &str)] = &[
        ("kind", &format!("doc.kind.{}", kind.as_str())),
        ("time", "doc.time"),
        ("noSessionsDay", "doc.noSessionsDay"),
        ("noSessionsRoom", "doc.noSessionsRoom"),
        ("when", "doc.briefing.when"),
        ("yourTime", "doc.briefing.yourTime"),
        ("where", "doc.briefing.where"),
        ("toBeAnnounced", "doc.briefing.toBeAnnounced"),
        ("meeting", "doc.briefing.meeting"),
        ("yourRole", "doc.briefing.yourRole"),
        ("remote", "doc.briefing.remote"),
        ("order", "doc.briefing.order"),
        ("with", "doc.briefing.with"),
        ("noCoSpeakers", "doc.briefing.noCoSpeakers"),
        ("personEmpty", "doc.person.empty"),
        ("signedUp", "doc.person.signedUp"),
        ("name", "doc.checkin.name"),
        ("organization", "doc.checkin.organization"),
        ("category", "doc.checkin.category"),
        ("checkedIn", "doc.checkin.checkedIn"),
        ("mealNeed", "doc.meals.need.label"),
        ("mealPeople", "doc.meals.people"),
        ("mealAllergies", "doc.meals.allergyList"),
        ("noMeals", "doc.meals.noMeals"),
        ("mealNote", "doc.meals.note"),
        ("podium", "doc.seating.podium"),
        ("seat", "doc.seating.seat"),
        ("delegation", "doc.seating.delegation"),
        ("seated", "doc.seating.seated"),
        ("noDelegations", "doc.seating.noDelegations"),
        ("accessible", "doc.seating.accessible"),
        ("noParticipants", "doc.participants.empty"),
        ("noLetters", "doc.letter.empty"),
    ];
    for (name, key) in keys {
        labels.insert((*name).to_owned(), Value::String(w.word(key)));
    }
    // Filled in by the template, which alone knows the page numbers.
    labels.insert("page".into(), Value::String(w.pattern("doc.page")));
    labels.insert(
        "separator".into(),
        Value::String(crate::catalogue::word(w.lang, "doc.listSeparator")),
    );
    Value::Object(labels)
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
    fn a_remote_speaker_sees_their_own_time() -> Result<()> {
        let start = parse_stored("2024-09-03T01:00:00Z").unwrap_or_default();
        let end = parse_stored("2024-09-03T02:00:00Z").unwrap_or_default();
        let en = Words::new(Lang::En, None)?;
        assert_eq!(
            own_time(
                &en,
                start,
                end,
                "America/New_York",
                chrono_tz::Asia::Shanghai
            ),
            "21:00–22:00 on Monday 2 September, America/New_York time (UTC-04:00)"
        );
        assert_eq!(
            own_time(&en, start, end, "Asia/Shanghai", chrono_tz::Asia::Shanghai),
            ""
        );
        let fr = Words::new(Lang::Fr, None)?;
        assert_eq!(
            own_time(
                &fr,
                start,
                end,
                "America/New_York",
                chrono_tz::Asia::Shanghai
            ),
            "21:00–22:00 le lundi 2 septembre, heure de America/New_York (UTC-04:00)"
        );
        Ok(())
    }
}
