//! The exports that calendars and conference apps read: the programme and one person's agenda
//! as iCalendar, and schedule.xml and schedule.json in the frab/c3voc formats, checked against
//! the vendored c3voc schemas (`tests/schemas/`) with xmllint and the `jsonschema` crate.

use crate::{now, person, store_with_event, Store};
use icalendar::{Calendar, Component, EventLike};
use plenary_core::exchange::{frab, ics};
use plenary_core::schedule::model::{RoomInput, Session, SessionInput, SessionType};
use plenary_core::schedule::ops as sched;
use plenary_core::{ops, sample};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

const XSD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/schemas/schedule.xml.xsd"
);
const JSON_SCHEMA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/schemas/schedule.json.schema.json"
);

/// The title of the escaping tests: every character that iCalendar escapes, a line break, and
/// two scripts.
const NASTY: &str = "Budget, risks; and \\ back-slashes\n中文 العربية";

fn sample_store() -> (Store, String, Vec<Session>) {
    let mut store = Store::default();
    let event = sample::load(&mut store.conn, now(), Uuid::now_v7)
        .expect("the sample loads")
        .event;
    let sessions = sched::list_sessions(&store.conn, &event.id, None).expect("sessions");
    (store, event.id, sessions)
}

/// A store with one event, one room and one lecture titled `title`; returns the session.
fn one_session(title: &str, description: &str) -> (Store, String, Session) {
    let (mut store, event) = store_with_event();
    let room = sched::add_room(
        &mut store.conn,
        &event,
        Uuid::now_v7(),
        &RoomInput {
            name: "Hall, east; \"B\" & <C>".into(),
            capacity: Some(40),
            ..RoomInput::default()
        },
        now(),
    )
    .expect("the room is valid");
    let speaker = crate::add(&mut store.conn, &event, &person("Amina", "Haddad", "MA"))
        .expect("the speaker registers");
    let session = sched::add_session(
        &mut store.conn,
        &event,
        Uuid::now_v7(),
        &SessionInput {
            title: title.into(),
            kind: SessionType::Lecture,
            start: "2024-09-04 14:00".into(),
            end: "2024-09-04 15:30".into(),
            room_id: Some(room.id),
            description: description.into(),
            capacity: None,
            track: "Policy & <law>".into(),
        },
        now(),
    )
    .expect("the session is valid");
    sched::assign_speaker(
        &mut store.conn,
        Uuid::now_v7(),
        &session.id,
        &speaker.id,
        plenary_core::schedule::model::Role::Lecturer,
        "",
        now(),
    )
    .expect("the speaker is assigned");
    let session = sched::get_session(&store.conn, &session.id).expect("the session");
    (store, event, session)
}

fn parse_calendar(text: &str) -> Calendar {
    text.parse::<Calendar>()
        .unwrap_or_else(|e| panic!("the export parses as iCalendar: {e}\n{text}"))
}

/// Every UID in the calendar, in order.
fn uids(calendar: &Calendar) -> Vec<String> {
    calendar
        .events()
        .map(|e| e.get_uid().expect("every VEVENT has a UID").to_owned())
        .collect()
}

/// RFC 5545, section 3.1: CRLF line ends and at most 75 octets per physical line.
fn assert_folded(text: &str) {
    assert!(text.ends_with("\r\n"), "the last line ends with CRLF");
    for line in text.trim_end_matches("\r\n").split("\r\n") {
        assert!(!line.contains('\n'), "a bare LF inside a line: {line:?}");
        assert!(
            line.len() <= 75,
            "a line of {} octets (at most 75): {line:?}",
            line.len()
        );
    }
}

/// Runs xmllint against the vendored XSD; Err holds its complaints.
fn xmllint(xml: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("schedule.xml");
    std::fs::write(&file, xml).expect("the file is written");
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--schema", XSD])
        .arg(&file)
        .output()
        .expect("xmllint runs (install libxml2-utils)");
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn json_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(JSON_SCHEMA).expect("the vendored JSON schema");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft6)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

/// Every complaint of the JSON schema about `doc`, one per line.
fn json_errors(doc: &Value) -> Vec<String> {
    json_validator()
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Every session of schedule.json by guid, wherever its day and room put it.
fn json_events(doc: &Value) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    let days = doc["schedule"]["conference"]["days"]
        .as_array()
        .expect("days");
    for day in days {
        for (room, list) in day["rooms"].as_object().expect("rooms by name") {
            for e in list.as_array().expect("a list of sessions") {
                assert_eq!(e["room"].as_str(), Some(room.as_str()), "in its own room");
                let guid = e["guid"].as_str().expect("a guid").to_owned();
                assert!(out.insert(guid, e.clone()).is_none(), "each session once");
            }
        }
    }
    out
}

/// The `<event>` elements of schedule.xml: (guid, id, the texts of their children by name).
fn xml_events(xml: &str) -> Vec<(String, u64, BTreeMap<String, String>)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut events: Vec<(String, u64, BTreeMap<String, String>)> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let name = e.name().as_ref().to_owned();
                if name == "event" {
                    let attr = |key: &str| {
                        e.try_get_attribute(key)
                            .expect("attributes parse")
                            .map(|a| {
                                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                    .expect("unescaped")
                                    .into_owned()
                            })
                            .unwrap_or_default()
                    };
                    let id = attr("id").parse().expect("a numeric id");
                    events.push((attr("guid"), id, BTreeMap::new()));
                }
                path.push(name);
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Text(t) => {
                let inside_event = path.len() >= 2 && path[path.len() - 2] == "event";
                if let (true, Some((_, _, fields)), Some(field)) =
                    (inside_event, events.last_mut(), path.last())
                {
                    let text = t.xml10_content().into_owned();
                    fields.entry(field.clone()).or_default().push_str(&text);
                }
            }
            Event::GeneralRef(r) => {
                let inside_event = path.len() >= 2 && path[path.len() - 2] == "event";
                if let (true, Some((_, _, fields)), Some(field)) =
                    (inside_event, events.last_mut(), path.last())
                {
                    let ch = match r.resolve_char_ref().expect("a valid reference") {
                        Some(c) => c,
                        None => match r.xml10_content().as_ref() {
                            "lt" => '<',
                            "gt" => '>',
                            "amp" => '&',
                            "quot" => '"',
                            "apos" => '\'',
                            other => panic!("an unexpected entity &{other};"),
                        },
                    };
                    fields.entry(field.clone()).or_default().push(ch);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    events
}

// ---- iCalendar ------------------------------------------------------------------------------

#[test]
fn the_programme_calendar_holds_every_session_in_utc() {
    let (store, event_id, sessions) = sample_store();
    let event = ops::get_event(&store.conn, &event_id).expect("the event");
    let text = ics::programme_at(&store.conn, &event_id, now()).expect("exports");
    assert_folded(&text);
    let calendar = parse_calendar(&text);

    assert_eq!(
        calendar.get_name(),
        Some(event.name.as_str()),
        "the calendar is named after the event"
    );
    assert_eq!(
        calendar.events().count(),
        sessions.len(),
        "one VEVENT per session"
    );
    let ids: Vec<String> = sessions.iter().map(|s| s.id.clone()).collect();
    assert_eq!(
        uids(&calendar),
        ids,
        "UIDs are the session ids, so a new import updates the old events"
    );

    let opening = sessions
        .iter()
        .find(|s| s.title == "Opening ceremony")
        .expect("the sample opens with a ceremony");
    let vevent = calendar
        .events()
        .find(|e| e.get_uid() == Some(opening.id.as_str()))
        .expect("the opening is in the calendar");
    assert_eq!(
        vevent.property_value("DTSTART"),
        Some("20240903T010000Z"),
        "09:00 in Shanghai (UTC+8) is written as 01:00 UTC"
    );
    assert_eq!(vevent.property_value("DTEND"), Some("20240903T020000Z"));
    assert_eq!(
        vevent.property_value("DTSTAMP"),
        Some("20240801T093000Z"),
        "DTSTAMP is the export's time, in UTC"
    );
    assert_eq!(vevent.get_summary(), Some("Opening ceremony"));
    assert_eq!(vevent.get_location(), Some("Main Plenary Hall"));
    let description = vevent.get_description().expect("a description");
    for part in [
        "Opening ceremony",
        "Video address (remote): H.E. Mr MA Zhaoxu 马朝旭",
        "Addresses by the co-sponsors and the host city.",
    ] {
        assert!(
            description.contains(part),
            "the description names the type, the speakers with their roles and the text; \
             {part:?} is missing from {description:?}"
        );
    }

    let visit = sessions
        .iter()
        .find(|s| s.kind == SessionType::SiteVisit)
        .expect("the sample has a site visit");
    let vevent = calendar
        .events()
        .find(|e| e.get_uid() == Some(visit.id.as_str()))
        .expect("the site visit is in the calendar");
    assert_eq!(
        vevent.get_location(),
        Some("AI Innovation Park (site visit), Pudong New Area, Shanghai"),
        "an off-site venue's address follows its name"
    );
    assert!(
        text.contains("LOCATION:AI Innovation Park (site visit)\\, Pudong New Area\\, Shanghai"),
        "commas in TEXT are escaped on the wire"
    );
}

#[test]
fn a_person_calendar_holds_exactly_their_talks_and_sign_ups() {
    let (store, event_id, sessions) = sample_store();
    // Who speaks where and who signed up where, read without `person_agenda`, which the export
    // itself uses.
    let mut talks: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut signed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in &sessions {
        for p in &s.speakers {
            talks
                .entry(p.person_id.clone())
                .or_default()
                .insert(s.id.clone());
        }
        for p in sched::list_signups(&store.conn, &s.id).expect("sign-ups") {
            signed.entry(p.person_id).or_default().insert(s.id.clone());
        }
    }
    let who = talks
        .keys()
        .find(|p| signed.contains_key(*p))
        .expect("someone in the sample both speaks and signed up for a visit")
        .clone();
    let mine: BTreeSet<String> = talks[&who].union(&signed[&who]).cloned().collect();
    assert!(
        mine.len() >= 2 && mine.len() < sessions.len(),
        "a real subset of the programme: {} of {}",
        mine.len(),
        sessions.len()
    );

    let text = ics::person_at(&store.conn, &who, now()).expect("exports");
    assert_folded(&text);
    let calendar = parse_calendar(&text);
    let got: BTreeSet<String> = uids(&calendar).into_iter().collect();
    assert_eq!(
        got, mine,
        "exactly the sessions they speak at or signed up for"
    );
    assert_eq!(calendar.events().count(), mine.len(), "each of them once");

    let attendee = ops::get_attendee(&store.conn, &who).expect("the person");
    let event = ops::get_event(&store.conn, &event_id).expect("the event");
    let name = calendar.get_name().expect("a calendar name");
    assert!(
        name.starts_with(&event.name) && name.contains(&attendee.given_name),
        "the calendar is named after the event and the person: {name:?}"
    );
    for e in calendar.events() {
        let uid = e.get_uid().unwrap_or_default();
        let description = e.get_description().unwrap_or_default();
        assert_eq!(
            description.contains("Your role: "),
            talks[&who].contains(uid),
            "their role is stated exactly where they speak: {description:?}"
        );
        assert_eq!(
            description.contains("You signed up"),
            signed[&who].contains(uid),
            "the sign-up is stated exactly where they signed up: {description:?}"
        );
    }

    let err = ics::person(&store.conn, "no-such-person").expect_err("an unknown person");
    assert!(
        matches!(err, plenary_core::Error::NotFound { .. }),
        "an unknown person is not found, not an empty calendar: {err:?}"
    );
}

#[test]
fn nasty_text_survives_the_calendar_escaped_and_folded() {
    // Long enough to be folded several times, with multi-byte characters across the folds.
    let description = format!("{NASTY}\n{}", "多语言，العربية؛ ".repeat(20));
    let (store, event, session) = one_session(NASTY, &description);
    let text = ics::programme_at(&store.conn, &event, now()).expect("exports");
    assert_folded(&text);
    assert!(
        text.contains("SUMMARY:Budget\\, risks\\; and \\\\ back-slashes\\n中文 العربية"),
        "commas, semicolons, backslashes and line breaks are escaped:\n{text}"
    );
    assert!(
        text.lines().any(|l| l.starts_with(' ')),
        "the long description is folded"
    );

    let calendar = parse_calendar(&text);
    let vevent = calendar.events().next().expect("the one session");
    assert_eq!(vevent.get_uid(), Some(session.id.as_str()));
    assert_eq!(
        vevent.get_summary(),
        Some(NASTY),
        "the title reads back exactly"
    );
    assert_eq!(
        vevent.get_location(),
        Some("Hall, east; \"B\" & <C>"),
        "the room reads back exactly"
    );
    let read = vevent.get_description().expect("a description");
    assert!(
        read.ends_with(&session.description) && session.description.starts_with(NASTY),
        "the description reads back whole after unfolding: {read:?}"
    );
    assert!(
        read.contains("Lecturer: Amina HADDAD"),
        "the speaker and role: {read:?}"
    );
}

#[test]
fn a_calendar_name_with_commas_semicolons_and_backslashes_is_escaped() {
    let mut store = Store::default();
    let name = "AI, data; policy \\ seminar";
    let event = ops::create_event(
        &mut store.conn,
        Uuid::now_v7(),
        &plenary_core::model::EventInput {
            name: name.into(),
            ..crate::seminar()
        },
        now(),
    )
    .expect("the event is valid");
    let text = ics::programme_at(&store.conn, &event.id, now()).expect("exports");
    assert_folded(&text);
    for key in ["NAME;VALUE=TEXT", "X-WR-CALNAME"] {
        assert!(
            text.contains(&format!("\r\n{key}:AI\\, data\\; policy \\\\ seminar\r\n")),
            "{key} is escaped:\n{text}"
        );
    }
    assert_eq!(parse_calendar(&text).get_name(), Some(name));
}

#[test]
fn a_person_without_sessions_gets_an_empty_but_valid_calendar() {
    let (mut store, event) = store_with_event();
    let nobody =
        crate::add(&mut store.conn, &event, &person("Li", "Wei", "CN")).expect("registers");
    let text = ics::person_at(&store.conn, &nobody.id, now()).expect("exports");
    assert_folded(&text);
    let calendar = parse_calendar(&text);
    assert_eq!(calendar.events().count(), 0, "nothing on their agenda");
    assert!(
        text.starts_with("BEGIN:VCALENDAR\r\n") && text.contains("PRODID:"),
        "still a calendar with its header:\n{text}"
    );
}

// ---- schedule.xml ---------------------------------------------------------------------------

#[test]
fn schedule_xml_of_the_sample_validates_against_the_c3voc_schema() {
    let (store, event_id, sessions) = sample_store();
    let xml = frab::xml(&store.conn, &event_id).expect("exports");
    if let Err(errors) = xmllint(&xml) {
        panic!("schedule.xml does not validate:\n{errors}\n{xml}");
    }

    let events = xml_events(&xml);
    assert_eq!(
        events.len(),
        sessions.len(),
        "every session, breaks included"
    );
    let guids: BTreeSet<&str> = events.iter().map(|(g, _, _)| g.as_str()).collect();
    let ids: BTreeSet<&str> = sessions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(guids, ids, "the guid is the session's UUID");

    let opening = sessions
        .iter()
        .find(|s| s.title == "Opening ceremony")
        .expect("the opening");
    let (_, number, fields) = events
        .iter()
        .find(|(g, _, _)| *g == opening.id)
        .expect("the opening is exported");
    let low_bits = Uuid::parse_str(&opening.id).expect("a UUID").as_u128() as u64 & 0x7FFF_FFFF;
    assert_eq!(*number, low_bits, "the id is the low 31 bits of the UUID");
    assert_eq!(
        fields["date"], "2024-09-03T09:00:00+08:00",
        "with the offset"
    );
    assert_eq!(fields["start"], "09:00", "local time");
    assert_eq!(fields["duration"], "01:00");
    assert_eq!(fields["room"], "Main Plenary Hall");
    assert_eq!(fields["type"], "Opening ceremony");
    assert!(
        fields["description"].contains("Video address (remote): H.E. Mr MA Zhaoxu 马朝旭"),
        "roles are in the description: {:?}",
        fields["description"]
    );

    let coffee = sessions
        .iter()
        .find(|s| s.title == "Coffee break")
        .expect("the sample has a coffee break without a room");
    assert!(coffee.room_id.is_none());
    let (_, _, fields) = events
        .iter()
        .find(|(g, _, _)| *g == coffee.id)
        .expect("the break is exported");
    assert_eq!(
        fields["room"], "No room",
        "roomless sessions share one room"
    );

    // The check bites: the same document without a required attribute fails.
    let broken = xml.replacen(&format!(" guid=\"{}\"", opening.id), "", 1);
    assert_ne!(broken, xml);
    assert!(
        xmllint(&broken).is_err(),
        "xmllint rejects an event without its guid, so the check above means something"
    );
}

#[test]
fn markup_in_a_title_is_escaped_in_schedule_xml() {
    let title = "</title><x> & \"quotes\" 'and' ]]>";
    let (store, event, session) = one_session(title, "<b>bold</b> & more\nsecond line");
    let xml = frab::xml(&store.conn, &event).expect("exports");
    assert!(
        !xml.contains("<x>") && xml.contains("&lt;/title&gt;&lt;x&gt;"),
        "markup in text is escaped:\n{xml}"
    );
    if let Err(errors) = xmllint(&xml) {
        panic!("schedule.xml does not validate:\n{errors}\n{xml}");
    }
    let events = xml_events(&xml);
    assert_eq!(events.len(), 1);
    let (guid, _, fields) = &events[0];
    assert_eq!(guid, &session.id);
    assert_eq!(fields["title"], title, "the title reads back exactly");
    assert_eq!(fields["abstract"], "<b>bold</b> & more\nsecond line");
    assert_eq!(fields["track"], "Policy & <law>");
    assert_eq!(fields["room"], "Hall, east; \"B\" & <C>");
}

// ---- schedule.json --------------------------------------------------------------------------

#[test]
fn schedule_json_of_the_sample_validates_against_the_c3voc_schema() {
    let (store, event_id, sessions) = sample_store();
    let text = frab::json(&store.conn, &event_id).expect("exports");
    let doc: Value = serde_json::from_str(&text).expect("valid JSON");
    let errors = json_errors(&doc);
    assert!(
        errors.is_empty(),
        "schedule.json does not validate:\n{}\n{text}",
        errors.join("\n")
    );

    let conference = &doc["schedule"]["conference"];
    assert_eq!(conference["daysCount"], 4);
    assert_eq!(conference["start"], "2024-09-03");
    assert_eq!(conference["end"], "2024-09-06");
    assert_eq!(conference["time_zone_name"], "Asia/Shanghai");
    let acronym = conference["acronym"].as_str().expect("an acronym");
    assert!(
        acronym.starts_with("workshop_on_capacity_building"),
        "the acronym comes from the event's name: {acronym}"
    );

    let events = json_events(&doc);
    let ids: BTreeSet<&str> = sessions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        events.keys().map(String::as_str).collect::<BTreeSet<_>>(),
        ids,
        "every session once, by its UUID"
    );
    let numbers: BTreeSet<u64> = events
        .values()
        .map(|e| e["id"].as_u64().expect("an integer id"))
        .collect();
    assert_eq!(numbers.len(), sessions.len(), "integer ids are unique");

    let opening = sessions
        .iter()
        .find(|s| s.title == "Opening ceremony")
        .expect("the opening");
    let e = &events[&opening.id];
    assert_eq!(e["date"], "2024-09-03T09:00:00+08:00");
    assert_eq!(e["end"], "2024-09-03T10:00:00+08:00");
    assert_eq!(e["start"], "09:00");
    assert_eq!(e["duration"], "01:00");
    assert_eq!(e["url"], format!("urn:uuid:{}", opening.id));
    let names: Vec<&str> = e["persons"]
        .as_array()
        .expect("persons")
        .iter()
        .map(|p| p["public_name"].as_str().expect("a public name"))
        .collect();
    let speakers: Vec<&str> = opening.speakers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, speakers, "the speakers in order");

    // The check bites: an acronym with a space and an event without its guid both fail.
    let mut broken = doc.clone();
    broken["schedule"]["conference"]["acronym"] = "Not an acronym".into();
    assert!(!json_errors(&broken).is_empty(), "a bad acronym is caught");
}

#[test]
fn markup_and_scripts_survive_schedule_json() {
    let (store, event, session) = one_session(NASTY, "</description>");
    let doc: Value =
        serde_json::from_str(&frab::json(&store.conn, &event).expect("exports")).expect("JSON");
    let errors = json_errors(&doc);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let events = json_events(&doc);
    let e = &events[&session.id];
    assert_eq!(e["title"], NASTY, "the title is kept exactly");
    assert_eq!(e["abstract"], "</description>");
    let slug = e["slug"].as_str().expect("a slug");
    assert!(
        slug.starts_with("ai_capacity_building_seminar-")
            && slug.contains("-budget-risks-and-back-slashes-zhong-wen-")
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_".contains(&b)),
        "the slug is the acronym, the number and the title in lower-case ASCII: {slug}"
    );
}

#[test]
fn ids_stay_put_when_sessions_are_added() {
    let (mut store, event_id, sessions) = sample_store();
    let before = json_events(
        &serde_json::from_str(&frab::json(&store.conn, &event_id).expect("exports")).expect("JSON"),
    );
    sched::add_session(
        &mut store.conn,
        &event_id,
        Uuid::now_v7(),
        &SessionInput {
            title: "An early extra session".into(),
            kind: SessionType::Other,
            start: "2024-09-03 07:00".into(),
            end: "2024-09-03 08:00".into(),
            room_id: None,
            description: String::new(),
            capacity: None,
            track: String::new(),
        },
        now(),
    )
    .expect("the session is added");
    let after = json_events(
        &serde_json::from_str(&frab::json(&store.conn, &event_id).expect("exports")).expect("JSON"),
    );
    assert_eq!(after.len(), sessions.len() + 1);
    for s in &sessions {
        assert_eq!(
            before[&s.id]["id"], after[&s.id]["id"],
            "{} keeps its number when an earlier session is added",
            s.title
        );
    }
}

#[test]
fn odd_schedules_still_validate_in_both_formats() {
    // A real room called "No room", a session without a room, and one after the event's last
    // day: the roomless session needs another name, and the extra day must not be dropped.
    let (mut store, event) = store_with_event();
    sched::add_room(
        &mut store.conn,
        &event,
        Uuid::now_v7(),
        &RoomInput {
            name: "No room".into(),
            ..RoomInput::default()
        },
        now(),
    )
    .expect("a room may be called that");
    let mut add = |title: &str, start: &str, end: &str| {
        sched::add_session(
            &mut store.conn,
            &event,
            Uuid::now_v7(),
            &SessionInput {
                title: title.into(),
                kind: SessionType::Meal,
                start: start.into(),
                end: end.into(),
                room_id: None,
                description: String::new(),
                capacity: None,
                track: String::new(),
            },
            now(),
        )
        .expect("the session is valid")
    };
    let lunch = add("Lunch", "2024-09-03 12:00", "2024-09-03 13:15");
    let late = add("Farewell dinner", "2024-09-08 19:00", "2024-09-08 21:00");

    let xml = frab::xml(&store.conn, &event).expect("exports");
    if let Err(errors) = xmllint(&xml) {
        panic!("schedule.xml does not validate:\n{errors}\n{xml}");
    }
    let by_guid: BTreeMap<String, BTreeMap<String, String>> = xml_events(&xml)
        .into_iter()
        .map(|(guid, _, fields)| (guid, fields))
        .collect();
    assert_eq!(
        by_guid[&lunch.id]["room"], "No room (2)",
        "not the real room"
    );
    assert_eq!(by_guid[&lunch.id]["duration"], "01:15");
    assert_eq!(by_guid[&late.id]["start"], "19:00");
    assert!(
        xml.contains("<timeslot_duration>00:15</timeslot_duration>"),
        "the grid fits 12:00 to 13:15:\n{xml}"
    );

    let doc: Value =
        serde_json::from_str(&frab::json(&store.conn, &event).expect("exports")).expect("JSON");
    let errors = json_errors(&doc);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let days: Vec<&str> = doc["schedule"]["conference"]["days"]
        .as_array()
        .expect("days")
        .iter()
        .map(|d| d["date"].as_str().expect("a date"))
        .collect();
    assert_eq!(
        days,
        [
            "2024-09-03",
            "2024-09-04",
            "2024-09-05",
            "2024-09-06",
            "2024-09-08"
        ],
        "the event's four days and the day of the session outside them"
    );
    assert_eq!(doc["schedule"]["conference"]["end"], "2024-09-08");
    let events = json_events(&doc);
    assert_eq!(events[&late.id]["room"], "No room (2)");
}

#[test]
fn a_line_of_exactly_two_folds_stays_within_75_octets() {
    // "SUMMARY:" and 142 characters make 150 octets: the icalendar crate's own folding leaves a
    // 76-octet second line here, which the export must not.
    let title = format!("A{}", "b".repeat(141));
    let (store, event, _) = one_session(&title, "");
    let text = ics::programme_at(&store.conn, &event, now()).expect("exports");
    assert_folded(&text);
    let calendar = parse_calendar(&text);
    let vevent = calendar.events().next().expect("the session");
    assert_eq!(
        vevent.get_summary(),
        Some(title.as_str()),
        "unfolds to the title"
    );
}
