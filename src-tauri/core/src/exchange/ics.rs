//! The programme as iCalendar (RFC 5545): the whole event, or one person's talks and sign-ups.
//!
//! Each session is one VEVENT whose UID is the session's id, so importing a later export again
//! updates the events instead of adding copies. Times are written in UTC (`…Z`), which every
//! client reads the same way without a VTIMEZONE; `X-WR-TIMEZONE` still names the event's zone
//! for clients that show a calendar in its own zone.
//!
//! The calendar is built with the `icalendar` crate, which escapes TEXT values (`\\`, `;`, `,`
//! and newlines). Its line folding can leave a continuation line of 76 octets (when exactly 75
//! octets remain after a fold), so the finished text is unfolded and folded again here, at 75
//! octets and never inside a UTF-8 character.

use crate::model::{Attendee, EventSummary};
use crate::schedule::model::{Role, Room, Session};
use crate::schedule::ops::{list_rooms, list_sessions, person_agenda};
use crate::schedule::time::parse_stored;
use crate::sql::Connection;
use crate::{names, ops, Error, Result};
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, Property};
use std::collections::HashMap;

/// Every session of an event as one calendar.
pub fn programme(conn: &Connection, event_id: &str) -> Result<String> {
    programme_at(conn, event_id, crate::clock::now())
}

/// One attendee's calendar: the sessions they speak at and the ones they signed up for.
pub fn person(conn: &Connection, attendee_id: &str) -> Result<String> {
    person_at(conn, attendee_id, crate::clock::now())
}

/// [`programme`] with the export's time (the DTSTAMP of every VEVENT) given, so that the output
/// is reproducible.
pub fn programme_at(conn: &Connection, event_id: &str, now: DateTime<Utc>) -> Result<String> {
    let event = ops::get_event(conn, event_id)?;
    let rooms = rooms_by_id(conn, event_id)?;
    let mut calendar = calendar_for(&event, &event.name);
    for session in list_sessions(conn, event_id, None)? {
        let text = details(&session, &rooms, None);
        calendar.push(vevent(&session, &rooms, text, now)?);
    }
    Ok(refold(&calendar.done().to_string()))
}

/// [`person`] with the export's time given.
pub fn person_at(conn: &Connection, attendee_id: &str, now: DateTime<Utc>) -> Result<String> {
    let attendee = ops::get_attendee(conn, attendee_id)?;
    let event = ops::get_event(conn, &attendee.event_id)?;
    let rooms = rooms_by_id(conn, &event.id)?;
    let name = display_name(&attendee, &event);
    let mut calendar = calendar_for(&event, &format!("{} — {name}", event.name));
    for item in person_agenda(conn, attendee_id)? {
        let part = Part {
            roles: &item.roles,
            signed_up: item.signed_up,
        };
        let text = details(&item.session, &rooms, Some(part));
        calendar.push(vevent(&item.session, &rooms, text, now)?);
    }
    Ok(refold(&calendar.done().to_string()))
}

/// What a person does in a session, for their own calendar.
#[derive(Clone, Copy)]
struct Part<'a> {
    roles: &'a [Role],
    signed_up: bool,
}

fn rooms_by_id(conn: &Connection, event_id: &str) -> Result<HashMap<String, Room>> {
    Ok(list_rooms(conn, event_id)?
        .into_iter()
        .map(|r| (r.id.clone(), r))
        .collect())
}

/// The person's name as the event writes it (family name in capitals where it asks for that).
fn display_name(attendee: &Attendee, event: &EventSummary) -> String {
    names::display(attendee, event.family_name_upper)
}

/// An empty calendar with Plenary's header and the given name.
fn calendar_for(event: &EventSummary, name: &str) -> Calendar {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new(
            "PRODID",
            concat!("-//Plenary//Plenary ", env!("CARGO_PKG_VERSION"), "//EN"),
        ))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        // icalendar's `name()` escapes X-WR-CALNAME but not NAME (RFC 7986), whose type it
        // does not know; VALUE=TEXT makes it escape commas, semicolons and line breaks.
        .append_property(
            Property::new("NAME", clean(name))
                .add_parameter("VALUE", "TEXT")
                .done(),
        )
        .append_property(Property::new("X-WR-CALNAME", clean(name)))
        .append_property(Property::new("X-WR-TIMEZONE", &event.timezone));
    calendar
}

fn vevent(
    session: &Session,
    rooms: &HashMap<String, Room>,
    description: String,
    now: DateTime<Utc>,
) -> Result<Event> {
    let bad = |what: &str| Error::bad_stored(what, &session.id);
    let start = parse_stored(&session.start).ok_or_else(|| bad("start"))?;
    let end = parse_stored(&session.end).ok_or_else(|| bad("end"))?;
    let mut event = Event::new();
    event
        .uid(&session.id)
        .timestamp(now)
        .starts(start)
        .ends(end)
        .summary(&clean(&session.title))
        .description(&description);
    if let Some(location) = location(session, rooms) {
        event.location(&location);
    }
    Ok(event.done())
}

/// The room's name, and for an off-site venue its address too. Sessions without a room (breaks
/// and meals, usually) have no location rather than a guessed one.
fn location(session: &Session, rooms: &HashMap<String, Room>) -> Option<String> {
    let name = session.room.as_deref().filter(|n| !n.is_empty())?;
    let room = session.room_id.as_ref().and_then(|id| rooms.get(id));
    let text = match room {
        Some(r) if r.offsite && !r.address.is_empty() => format!("{name}, {}", r.address),
        _ => name.to_owned(),
    };
    Some(clean(&text))
}

/// The DESCRIPTION: for a person, what they do there; then the session type and track, the
/// speakers with their roles, where to meet for an off-site visit, and the session's own text.
fn details(session: &Session, rooms: &HashMap<String, Room>, part: Option<Part<'_>>) -> String {
    let mut lines = Vec::new();
    if let Some(part) = part {
        if !part.roles.is_empty() {
            let roles: Vec<&str> = part.roles.iter().map(|r| r.label()).collect();
            lines.push(format!("Your role: {}", roles.join(", ")));
        }
        if part.signed_up {
            lines.push("You signed up for this session.".to_owned());
        }
    }
    let mut kind = session.kind.label().to_owned();
    if !session.track.is_empty() {
        kind.push_str(&format!(" · Track: {}", session.track));
    }
    lines.push(kind);
    for s in &session.speakers {
        lines.push(format!("{}: {}", s.role.label(), s.name));
    }
    if let Some(room) = session.room_id.as_ref().and_then(|id| rooms.get(id)) {
        if room.offsite && !room.meeting_point.is_empty() {
            let mut meet = format!("Meeting point: {}", room.meeting_point);
            if !room.departure_time.is_empty() {
                meet.push_str(&format!(", departure at {}", room.departure_time));
            }
            lines.push(meet);
        }
    }
    if !session.description.is_empty() {
        lines.push(String::new());
        lines.push(session.description.clone());
    }
    clean(&lines.join("\n"))
}

/// Text as iCalendar may carry it: line breaks as `\n` (which the crate escapes), and no other
/// control characters, which RFC 5545 forbids in TEXT (a tab is allowed).
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
}

/// The longest content line, in octets, without its CRLF (RFC 5545, section 3.1).
const LINE_OCTETS: usize = 75;

/// Unfolds the crate's output and folds every content line again so that no line is longer
/// than 75 octets, breaking only between UTF-8 characters.
fn refold(text: &str) -> String {
    let mut logical: Vec<String> = Vec::new();
    for piece in text.split("\r\n") {
        match (piece.strip_prefix([' ', '\t']), logical.last_mut()) {
            (Some(rest), Some(line)) => line.push_str(rest),
            _ if piece.is_empty() => {}
            _ => logical.push(piece.to_owned()),
        }
    }
    let mut out = String::with_capacity(text.len() + text.len() / 25);
    for line in &logical {
        fold_into(&mut out, line);
    }
    out
}

/// Writes one content line, folded: the first physical line holds up to 75 octets, each
/// continuation line a space and up to 74 more.
fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = LINE_OCTETS;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (head, tail) = rest.split_at(cut);
        out.push_str(head);
        out.push_str("\r\n ");
        rest = tail;
        limit = LINE_OCTETS - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_lines_hold_at_most_75_octets_and_whole_characters() {
        // 150 octets is where the crate's own folding leaves a 76-octet continuation line.
        for line in [
            format!("SUMMARY:{}", "a".repeat(142)),
            format!("SUMMARY:{}", "中".repeat(60)),
            format!("SUMMARY:{}", "اب".repeat(50)),
        ] {
            let folded = refold(&format!("{line}\r\n"));
            for physical in folded.split("\r\n") {
                assert!(
                    physical.len() <= 75,
                    "{} octets: {physical:?}",
                    physical.len()
                );
            }
            assert_eq!(
                folded.replace("\r\n ", ""),
                format!("{line}\r\n"),
                "unfolding gives the line back"
            );
        }
    }

    #[test]
    fn text_loses_control_characters_but_keeps_line_breaks() {
        assert_eq!(clean("a\r\nb\rc\u{7}d\te"), "a\nb\ncd\te");
    }
}
