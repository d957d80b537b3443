//! The schedule in the frab/c3voc formats (schedule.xml and schedule.json) that ConfClerk,
//! Giggity and other conference apps read. Both follow the c3voc schemas
//! (`tests/schemas/`, from github.com/voc/schedule) and are checked against them in the tests.
//!
//! Choices the formats leave open:
//!
//! - **Integer ids.** Apps key sessions and people by an integer `id` next to the `guid`. Ours
//!   is the low 31 bits of the UUID, which are random in UUIDs v4 and v7 (the `uuid` crate keeps
//!   its v7 counter in higher bits), so a session keeps its number when others are added, moved
//!   or deleted, and it fits a Java `int`. Two ids that share those bits (rare: about one chance
//!   in 4,000 for a thousand sessions) are told apart by giving the later UUID the next free
//!   number. 0 is not a valid id, so it becomes 1.
//! - **Sessions without a room** (breaks and meals, usually) go into a room called "No room",
//!   the same column the timetable shows for them, added only to the days that have such a
//!   session. A real room with that name pushes it to "No room (2)".
//! - **Days** run from local midnight to the next, in the event's zone: the event's dates, and
//!   any other date a session lies on, so that no session is left out.
//! - **`version`** is a hash of everything exported, so apps that compare it see a change
//!   exactly when the schedule changed.
//! - **Unknown facts are left out or empty** rather than guessed: no language, no recording
//!   licence or opt-out, no links. The JSON format requires a `url` per session; it is
//!   `urn:uuid:<session id>`, since a session has no web page.
//! - The `abstract` is the session's description; the `description` lists the speakers with
//!   their roles (the formats have no place for a role) and an off-site visit's meeting point.
//! - schedule.json's rooms within a day come in name order (`serde_json` sorts object keys);
//!   the conference's `rooms` list keeps the timetable's order.

use crate::model::EventSummary;
use crate::schedule::model::{Room, Session};
use crate::schedule::ops::{list_rooms, list_sessions};
use crate::schedule::time::{parse_stored, rfc3339_in, start_of_day};
use crate::sql::Connection;
use crate::validate::parse_date;
use crate::{ops, Error, Result};
use chrono::{Duration, NaiveDate, Timelike};
use chrono_tz::Tz;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use uuid::Uuid;

/// schedule.xml for an event.
pub fn xml(conn: &Connection, event_id: &str) -> Result<String> {
    let schedule = Schedule::read(conn, event_id)?;
    let io = |source| Error::Io {
        path: "schedule.xml".to_owned(),
        source,
    };
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    write_xml(&mut writer, &schedule).map_err(io)?;
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    String::from_utf8(bytes)
        .map_err(|e| io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

/// schedule.json for an event.
pub fn json(conn: &Connection, event_id: &str) -> Result<String> {
    let schedule = Schedule::read(conn, event_id)?;
    let mut text = serde_json::to_string_pretty(&to_json(&schedule)).map_err(|e| Error::Io {
        path: "schedule.json".to_owned(),
        source: e.into(),
    })?;
    text.push('\n');
    Ok(text)
}

/// The name of the room that holds sessions without one.
const NO_ROOM: &str = "No room";

/// What the JSON schema's `$schema` points at.
const JSON_SCHEMA_ID: &str = "https://c3voc.de/schedule/schema.json";

/// Everything both formats write, read once and cleaned for XML.
struct Schedule {
    title: String,
    acronym: String,
    time_zone: String,
    version: String,
    timeslot: String,
    first: NaiveDate,
    last: NaiveDate,
    rooms: Vec<Room>,
    tracks: Vec<String>,
    days: Vec<Day>,
}

struct Day {
    index: usize,
    date: NaiveDate,
    start: String,
    end: String,
    rooms: Vec<DayRoom>,
}

struct DayRoom {
    name: String,
    /// The room's id when it is a real room (a UUID), for the `guid` attribute.
    guid: Option<String>,
    items: Vec<Item>,
}

struct Item {
    number: u32,
    guid: String,
    title: String,
    kind: &'static str,
    track: String,
    /// RFC 3339 with the event's offset.
    date: String,
    end: String,
    /// `HH:MM` in the event's zone.
    start: String,
    /// `HH:MM`.
    duration: String,
    room: String,
    /// The session's own description: the formats' `abstract`.
    summary: String,
    /// The speakers with their roles and an off-site venue: the formats' `description`.
    details: String,
    /// schedule.json's `slug`.
    slug: String,
    persons: Vec<Person>,
}

struct Person {
    number: u32,
    guid: Option<String>,
    name: String,
}

impl Schedule {
    fn read(conn: &Connection, event_id: &str) -> Result<Schedule> {
        let event = ops::get_event(conn, event_id)?;
        let bad = |what: &str| Error::bad_stored(what, event_id);
        let zone: Tz = event.timezone.parse().map_err(|_| bad("time zone"))?;
        let rooms = list_rooms(conn, event_id)?;
        let sessions = list_sessions(conn, event_id, None)?;
        let acronym = acronym(&event.name);

        let session_numbers = numbers(sessions.iter().map(|s| s.id.as_str()));
        let person_numbers = numbers(
            sessions
                .iter()
                .flat_map(|s| s.speakers.iter().map(|p| p.person_id.as_str())),
        );
        let room_by_id: HashMap<&str, &Room> = rooms.iter().map(|r| (r.id.as_str(), r)).collect();
        let no_room = no_room_name(&rooms);

        let first = parse_date(&event.start_date).ok_or_else(|| bad("start date"))?;
        let last = parse_date(&event.end_date).ok_or_else(|| bad("end date"))?;
        // Each day's sessions in time order, with their room's id if the room exists.
        let mut placed: BTreeMap<NaiveDate, Vec<(Option<&str>, Item)>> = BTreeMap::new();
        let mut timeslot = 60;
        for session in &sessions {
            let bad = |what: &str| Error::bad_stored(what, &session.id);
            let start = parse_stored(&session.start).ok_or_else(|| bad("start"))?;
            let end = parse_stored(&session.end).ok_or_else(|| bad("end"))?;
            let local = start.with_timezone(&zone);
            let date = local.date_naive();
            timeslot = gcd(timeslot, local.minute());
            timeslot = gcd(timeslot, end.with_timezone(&zone).minute());
            let room = session.room_id.as_deref().and_then(|id| room_by_id.get(id));
            let number = session_numbers.get(&session.id).copied().unwrap_or(1);
            let item = Item {
                number,
                guid: uuid_text(&session.id).ok_or_else(|| bad("id"))?,
                title: xml_text(&session.title),
                kind: session.kind.label(),
                track: xml_text(&session.track),
                date: rfc3339_in(start, zone),
                end: rfc3339_in(end, zone),
                start: local.format("%H:%M").to_string(),
                duration: duration(end - start),
                room: room.map_or_else(|| no_room.clone(), |r| one_line(&r.name)),
                summary: xml_text(&session.description),
                details: xml_text(&details(session, room.copied())),
                slug: slug(&acronym, number, &session.title),
                persons: session
                    .speakers
                    .iter()
                    .map(|p| Person {
                        number: person_numbers.get(&p.person_id).copied().unwrap_or(1),
                        guid: uuid_text(&p.person_id),
                        name: one_line(&p.name),
                    })
                    .collect(),
            };
            placed
                .entry(date)
                .or_default()
                .push((room.map(|r| r.id.as_str()), item));
        }

        // The event's days, and any other day a session lies on.
        let mut dates: BTreeSet<NaiveDate> = first.iter_days().take_while(|d| *d <= last).collect();
        dates.extend(placed.keys().copied());
        let edge = |d: NaiveDate| {
            start_of_day(d, zone)
                .map(|t| rfc3339_in(t, zone))
                .ok_or_else(|| bad("time zone"))
        };
        let mut days = Vec::new();
        for (i, date) in dates.into_iter().enumerate() {
            days.push(Day {
                index: i + 1,
                date,
                start: edge(date)?,
                end: edge(date + Duration::days(1))?,
                rooms: day_rooms(&rooms, placed.remove(&date).unwrap_or_default(), &no_room),
            });
        }

        let tracks: BTreeSet<String> = sessions
            .iter()
            .map(|s| xml_text(&s.track))
            .filter(|t| !t.is_empty())
            .collect();
        Ok(Schedule {
            title: xml_text(&event.name),
            version: version(&event, &rooms, &sessions),
            acronym,
            time_zone: event.timezone.clone(),
            timeslot: duration(Duration::minutes(i64::from(timeslot))),
            first: days.first().map_or(first, |d| d.date),
            last: days.last().map_or(last, |d| d.date),
            rooms,
            tracks: tracks.into_iter().collect(),
            days,
        })
    }
}

/// The name for sessions without a room: "No room", unless a real room is called that.
fn no_room_name(rooms: &[Room]) -> String {
    let taken: HashSet<String> = rooms.iter().map(|r| one_line(&r.name)).collect();
    let mut name = NO_ROOM.to_owned();
    let mut n = 1;
    while taken.contains(&name) {
        n += 1;
        name = format!("{NO_ROOM} ({n})");
    }
    name
}

/// One day's rooms: every real room in its order, each with its sessions of the day, and the
/// room for sessions without one if the day has any.
fn day_rooms(rooms: &[Room], items: Vec<(Option<&str>, Item)>, no_room: &str) -> Vec<DayRoom> {
    let mut out: Vec<DayRoom> = rooms
        .iter()
        .map(|r| DayRoom {
            name: one_line(&r.name),
            guid: uuid_text(&r.id),
            items: Vec::new(),
        })
        .collect();
    let mut roomless = Vec::new();
    for (room_id, item) in items {
        let slot = room_id
            .and_then(|id| rooms.iter().position(|r| r.id == id))
            .and_then(|i| out.get_mut(i));
        match slot {
            Some(room) => room.items.push(item),
            None => roomless.push(item),
        }
    }
    if !roomless.is_empty() {
        out.push(DayRoom {
            name: no_room.to_owned(),
            guid: None,
            items: roomless,
        });
    }
    out
}

/// The `description`: who speaks in which role, and where an off-site visit meets.
fn details(session: &Session, room: Option<&Room>) -> String {
    let mut lines: Vec<String> = session
        .speakers
        .iter()
        .map(|s| format!("{}: {}", s.role.label(), s.name))
        .collect();
    lines.extend(room.map(venue_lines).unwrap_or_default());
    lines.join("\n")
}

/// An off-site venue's address and meeting point; nothing for a room on site.
fn venue_lines(room: &Room) -> Vec<String> {
    let mut lines = Vec::new();
    if !room.offsite {
        return lines;
    }
    if !room.address.is_empty() {
        lines.push(format!("Address: {}", room.address));
    }
    if !room.meeting_point.is_empty() {
        let mut meet = format!("Meeting point: {}", room.meeting_point);
        if !room.departure_time.is_empty() {
            meet.push_str(&format!(", departure at {}", room.departure_time));
        }
        lines.push(meet);
    }
    lines
}

/// A room's description in schedule.json: an off-site venue's address and meeting point.
fn room_description(room: &Room) -> Option<String> {
    let lines = venue_lines(room);
    (!lines.is_empty()).then(|| xml_text(&lines.join("\n")))
}

// ---- schedule.xml ---------------------------------------------------------------------------

fn write_xml(w: &mut Writer<Vec<u8>>, s: &Schedule) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("schedule").write_inner_content(|w| {
        w.create_element("generator")
            .with_attribute(("name", "Plenary"))
            .with_attribute(("version", env!("CARGO_PKG_VERSION")))
            .write_empty()?;
        text(w, "version", &s.version)?;
        w.create_element("conference").write_inner_content(|w| {
            text(w, "title", &s.title)?;
            text(w, "acronym", &s.acronym)?;
            text(w, "start", &s.first.to_string())?;
            text(w, "end", &s.last.to_string())?;
            text(w, "days", &s.days.len().to_string())?;
            text(w, "timeslot_duration", &s.timeslot)?;
            text(w, "time_zone_name", &s.time_zone)?;
            for track in &s.tracks {
                w.create_element("track")
                    .with_attribute(("name", one_line(track).as_str()))
                    .write_empty()?;
            }
            Ok(())
        })?;
        for day in &s.days {
            w.create_element("day")
                .with_attribute(("index", day.index.to_string().as_str()))
                .with_attribute(("date", day.date.to_string().as_str()))
                .with_attribute(("start", day.start.as_str()))
                .with_attribute(("end", day.end.as_str()))
                .write_inner_content(|w| {
                    for room in &day.rooms {
                        let mut element = w
                            .create_element("room")
                            .with_attribute(("name", room.name.as_str()));
                        if let Some(guid) = &room.guid {
                            element = element.with_attribute(("guid", guid.as_str()));
                        }
                        element.write_inner_content(|w| {
                            room.items.iter().try_for_each(|item| write_item(w, item))
                        })?;
                    }
                    Ok(())
                })?;
        }
        Ok(())
    })?;
    Ok(())
}

fn write_item(w: &mut Writer<Vec<u8>>, item: &Item) -> std::io::Result<()> {
    w.create_element("event")
        .with_attribute(("id", item.number.to_string().as_str()))
        .with_attribute(("guid", item.guid.as_str()))
        .write_inner_content(|w| {
            text(w, "date", &item.date)?;
            text(w, "start", &item.start)?;
            text(w, "duration", &item.duration)?;
            text(w, "room", &item.room)?;
            text(w, "title", &item.title)?;
            text(w, "type", item.kind)?;
            text(w, "track", &item.track)?;
            text(w, "abstract", &item.summary)?;
            text(w, "description", &item.details)?;
            w.create_element("persons").write_inner_content(|w| {
                for p in &item.persons {
                    let mut element = w
                        .create_element("person")
                        .with_attribute(("id", p.number.to_string().as_str()));
                    if let Some(guid) = &p.guid {
                        element = element.with_attribute(("guid", guid.as_str()));
                    }
                    element.write_text_content(BytesText::new(&p.name))?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(())
}

/// An element holding text, escaped by quick-xml.
fn text(w: &mut Writer<Vec<u8>>, name: &str, content: &str) -> std::io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(content))?;
    Ok(())
}

// ---- schedule.json --------------------------------------------------------------------------

fn to_json(s: &Schedule) -> Value {
    let rooms: Vec<Value> = s
        .rooms
        .iter()
        .filter_map(|r| {
            let mut room = Map::new();
            room.insert("name".into(), one_line(&r.name).into());
            room.insert("guid".into(), uuid_text(&r.id)?.into());
            room.insert("capacity".into(), r.capacity.into());
            room.insert("description".into(), room_description(r).into());
            if r.offsite {
                room.insert("type".into(), "outside".into());
            }
            Some(Value::Object(room))
        })
        .collect();
    let days: Vec<Value> = s
        .days
        .iter()
        .map(|day| {
            let mut by_room = Map::new();
            for room in &day.rooms {
                let list = by_room
                    .entry(room.name.clone())
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(list) = list {
                    list.extend(room.items.iter().map(item_json));
                }
            }
            json!({
                "index": day.index,
                "date": day.date.to_string(),
                "day_start": day.start,
                "day_end": day.end,
                "rooms": by_room,
            })
        })
        .collect();
    let mut conference = Map::new();
    conference.insert("acronym".into(), s.acronym.clone().into());
    conference.insert("title".into(), s.title.clone().into());
    conference.insert("start".into(), s.first.to_string().into());
    conference.insert("end".into(), s.last.to_string().into());
    conference.insert("daysCount".into(), s.days.len().into());
    conference.insert("timeslot_duration".into(), s.timeslot.clone().into());
    if fits_json_zone_pattern(&s.time_zone) {
        conference.insert("time_zone_name".into(), s.time_zone.clone().into());
    }
    conference.insert("rooms".into(), rooms.into());
    conference.insert(
        "tracks".into(),
        s.tracks.iter().map(|t| json!({ "name": t })).collect(),
    );
    conference.insert("days".into(), days.into());
    json!({
        "$schema": JSON_SCHEMA_ID,
        "generator": { "name": "Plenary", "version": env!("CARGO_PKG_VERSION") },
        "schedule": {
            "version": s.version,
            "conference": conference,
        },
    })
}

fn item_json(item: &Item) -> Value {
    let persons: Vec<Value> = item
        .persons
        .iter()
        .map(|p| {
            // `id` and `public_name` make this a FrabPerson; a `name` too would also make it
            // a PretalxPerson, which the schema's `oneOf` forbids.
            let mut person = Map::new();
            person.insert("id".into(), p.number.into());
            if let Some(guid) = &p.guid {
                person.insert("guid".into(), guid.clone().into());
            }
            person.insert("public_name".into(), p.name.clone().into());
            Value::Object(person)
        })
        .collect();
    json!({
        "id": item.number,
        "guid": item.guid,
        "date": item.date,
        "start": item.start,
        "end": item.end,
        "duration": item.duration,
        "room": item.room,
        "slug": item.slug,
        "url": format!("urn:uuid:{}", item.guid),
        "title": item.title,
        "subtitle": "",
        "track": item.track,
        "type": item.kind,
        "language": "",
        "abstract": item.summary,
        "description": item.details,
        "persons": persons,
        "links": [],
        "attachments": [],
    })
}

/// Whether `time_zone_name` fits the JSON schema's pattern,
/// `^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$`: a zone such as `Etc/GMT+8` does not, and is left out.
fn fits_json_zone_pattern(zone: &str) -> bool {
    fn word(text: &str) -> Option<&str> {
        let mut chars = text.char_indices();
        let (_, first) = chars.next()?;
        if !first.is_ascii_uppercase() {
            return None;
        }
        let end = chars
            .find(|(_, c)| !c.is_ascii_lowercase())
            .map_or(text.len(), |(i, _)| i);
        (end > 1).then(|| text.get(end..)).flatten()
    }
    let area_city = word(zone)
        .and_then(|rest| rest.strip_prefix('/'))
        .and_then(word)
        .is_some();
    area_city || zone.ends_with("UTC")
}

// ---- ids, names and numbers -----------------------------------------------------------------

/// The largest id: apps keep ids in a signed 32-bit integer.
const MAX_NUMBER: u32 = 0x7FFF_FFFF;

/// A stable positive number per id (see the module's notes). Ids are taken in sorted order,
/// which for UUIDs v7 is the order they were made in, so the older of two that share their
/// low bits keeps its number.
fn numbers<'a>(ids: impl IntoIterator<Item = &'a str>) -> HashMap<String, u32> {
    let sorted: BTreeSet<&str> = ids.into_iter().collect();
    let mut taken = HashSet::new();
    let mut out = HashMap::new();
    for id in sorted {
        let mut n = match Uuid::parse_str(id) {
            Ok(uuid) => (uuid.as_u128() as u32) & MAX_NUMBER,
            Err(_) => (fnv1a(id.as_bytes()) as u32) & MAX_NUMBER,
        }
        .max(1);
        while !taken.insert(n) {
            n = if n == MAX_NUMBER { 1 } else { n + 1 };
        }
        out.insert(id.to_owned(), n);
    }
    out
}

/// An id as the formats' `uuid` type wants it (hyphenated, lower case), if it is a UUID.
fn uuid_text(id: &str) -> Option<String> {
    Uuid::parse_str(id).ok().map(|u| u.hyphenated().to_string())
}

/// The conference's acronym from its name: lower-case ASCII words joined by `_`, as both
/// schemas accept (`[a-z0-9_-]{4,}` for XML; the JSON pattern allows no inner hyphen).
fn acronym(name: &str) -> String {
    let words = ascii_words(name, '_', 48);
    match words.len() {
        0 => "plenary_event".to_owned(),
        1..=3 => format!("{words}_event"),
        _ => words,
    }
}

/// A session's slug in schedule.json, in pretalx's form: acronym, number, title.
fn slug(acronym: &str, number: u32, title: &str) -> String {
    let title = ascii_words(title, '-', 50);
    if title.is_empty() {
        format!("{acronym}-{number}")
    } else {
        format!("{acronym}-{number}-{title}")
    }
}

/// `text` transliterated to lower-case ASCII letters and digits, runs of anything else
/// replaced by one `sep`, at most `max` bytes, never starting or ending with `sep`.
fn ascii_words(text: &str, sep: char, max: usize) -> String {
    let ascii = deunicode::deunicode_with_tofu(text, " ").to_ascii_lowercase();
    let mut out = String::new();
    for word in ascii.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if out.len() + word.len() + 1 > max {
            if out.is_empty() {
                out.push_str(word.get(..max).unwrap_or(word));
            }
            break;
        }
        if !out.is_empty() {
            out.push(sep);
        }
        out.push_str(word);
    }
    out
}

/// `HH:MM`, at most 99:59 (the XML schema allows two digits of hours).
fn duration(length: Duration) -> String {
    let minutes = length.num_minutes().clamp(0, 99 * 60 + 59);
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// A name on one line: attribute values lose their line breaks in XML anyway, and a room's
/// name must read the same in its `name` attribute and in each session's `<room>`.
fn one_line(text: &str) -> String {
    xml_text(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text without the characters XML 1.0 cannot carry at all, even escaped (control characters
/// other than tab and line breaks, and U+FFFE and U+FFFF).
fn xml_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|&c| match c {
            '\t' | '\n' | '\r' => true,
            '\u{FFFE}' | '\u{FFFF}' => false,
            c => c >= ' ',
        })
        .collect()
}

/// A hash of everything exported, for `version`.
fn version(event: &EventSummary, rooms: &[Room], sessions: &[Session]) -> String {
    let mut text = String::new();
    let mut add = |field: &str| {
        text.push_str(field);
        text.push('\u{1F}');
    };
    for field in [
        &event.name,
        &event.start_date,
        &event.end_date,
        &event.timezone,
    ] {
        add(field);
    }
    for r in rooms {
        for field in [
            &r.id,
            &r.name,
            &r.address,
            &r.meeting_point,
            &r.departure_time,
        ] {
            add(field);
        }
        add(if r.offsite { "offsite" } else { "onsite" });
        add(&format!("{:?}", r.capacity));
    }
    for s in sessions {
        for field in [&s.id, &s.title, &s.start, &s.end, &s.description, &s.track] {
            add(field);
        }
        add(s.kind.as_str());
        add(s.room_id.as_deref().unwrap_or(""));
        for p in &s.speakers {
            for field in [&p.person_id, &p.name] {
                add(field);
            }
            add(p.role.as_str());
        }
    }
    format!("{:016x}", fnv1a(text.as_bytes()))
}

/// 64-bit FNV-1a: small, and the same on every machine and Rust release (unlike `std`'s
/// `DefaultHasher`).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_fit_both_schemas() {
        for (name, expected) in [
            (
                "AI capacity-building seminar",
                "ai_capacity_building_seminar",
            ),
            ("AI", "ai_event"),
            ("人工智能能力建设", "ren_gong_zhi_neng_neng_li_jian_she"),
            ("!!!", "plenary_event"),
        ] {
            assert_eq!(acronym(name), expected, "the acronym of {name:?}");
        }
    }

    #[test]
    fn numbers_are_the_low_bits_and_collisions_move_the_later_id() {
        let a = "01900000-0000-7000-8000-000000000005";
        let b = "01910000-0000-7000-8000-000000000005";
        let c = "01900000-0000-7000-8000-000000000000";
        let n = numbers([b, a, c]);
        assert_eq!(n.get(a), Some(&5), "the low 31 bits");
        assert_eq!(
            n.get(b),
            Some(&6),
            "the later id sharing them takes the next number"
        );
        assert_eq!(n.get(c), Some(&1), "0 is not an id");
    }

    #[test]
    fn zone_names_are_checked_against_the_json_pattern() {
        for (zone, fits) in [
            ("Asia/Shanghai", true),
            ("America/Argentina/Buenos_Aires", true),
            ("UTC", true),
            ("Etc/GMT+8", false),
            ("GMT", false),
        ] {
            assert_eq!(fits_json_zone_pattern(zone), fits, "{zone}");
        }
    }
}
