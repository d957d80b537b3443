//! The programme: `plenary room add|list`, `plenary session add|list`, `plenary assign` and
//! `plenary signup`.

use super::output::{json, line, table};
use super::Outcome;
use crate::schedule::model::{Role, RoomInput, Session, SessionInput, SessionType};
use crate::schedule::ops as sched;
use crate::sql::Connection;
use crate::{clock, ops, Code, Error, Result};
use clap::{Args, Subcommand};
use std::io::Write;
use uuid::Uuid;

#[derive(Subcommand, Debug)]
pub enum RoomCommand {
    /// Add a room and print its id.
    Add {
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        name: String,
        #[arg(long)]
        capacity: Option<u32>,
        /// An off-site venue (site visits).
        #[arg(long)]
        offsite: bool,
        #[arg(long, default_value = "")]
        address: String,
        #[arg(long, default_value = "")]
        meeting_point: String,
        /// HH:MM, local to the event.
        #[arg(long, default_value = "")]
        departure_time: String,
    },
    /// List the rooms in timetable order.
    List {
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum SessionCommand {
    /// Add a session and print its id. Times are in the event's zone.
    Add {
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        title: String,
        #[arg(long = "type", value_parser = parse_session_type)]
        kind: SessionType,
        /// "YYYY-MM-DD HH:MM" in the event's zone.
        #[arg(long)]
        start: String,
        /// "YYYY-MM-DD HH:MM" in the event's zone.
        #[arg(long)]
        end: String,
        /// The room's name.
        #[arg(long)]
        room: Option<String>,
        /// Seats for sign-ups.
        #[arg(long)]
        capacity: Option<u32>,
        #[arg(long, default_value = "")]
        track: String,
        #[arg(long, default_value = "")]
        description: String,
    },
    /// List sessions in time order.
    List {
        #[arg(long)]
        event: Option<String>,
        /// Only sessions starting on this day (YYYY-MM-DD, in the event's zone).
        #[arg(long)]
        day: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

// The flags of `plenary assign`; its help text is the doc comment of `Command::Assign`.
#[derive(Args, Debug)]
pub struct Assign {
    #[arg(long)]
    session: String,
    #[arg(long)]
    person: String,
    #[arg(long, value_parser = parse_role)]
    role: Role,
    /// A remote speaker's IANA time zone.
    #[arg(long, default_value = "")]
    home_timezone: String,
}

// The flags of `plenary signup`.
#[derive(Args, Debug)]
pub struct Signup {
    #[arg(long)]
    session: String,
    #[arg(long)]
    person: String,
}

/// `room add` adds a room (`schedule::ops::add_room`); `room list` lists them.
pub(super) fn room(
    conn: &mut Connection,
    command: RoomCommand,
    out: &mut dyn Write,
) -> Result<Outcome> {
    match command {
        RoomCommand::Add {
            event,
            name,
            capacity,
            offsite,
            address,
            meeting_point,
            departure_time,
        } => {
            let event_id = ops::resolve_event(conn, event.as_deref())?;
            let input = RoomInput {
                name,
                capacity,
                offsite,
                address,
                meeting_point,
                departure_time,
            };
            let room = sched::add_room(conn, &event_id, Uuid::now_v7(), &input, clock::now())?;
            line(out, room.id)?;
        }
        RoomCommand::List {
            event,
            json: as_json,
        } => {
            let event_id = ops::resolve_event(conn, event.as_deref())?;
            let rooms = sched::list_rooms(conn, &event_id)?;
            if as_json {
                json(out, &rooms)?;
            } else {
                let rows = rooms
                    .iter()
                    .map(|r| {
                        vec![
                            r.name.clone(),
                            r.capacity.map_or(String::new(), |c| format!("{c} seats")),
                            if r.offsite {
                                "off-site".into()
                            } else {
                                String::new()
                            },
                            r.id.clone(),
                        ]
                    })
                    .collect();
                table(out, rows)?;
            }
        }
    }
    Ok(Outcome::Done)
}

/// `session add` adds a session (`schedule::ops::add_session`), its room given by name;
/// `session list` lists them in time order.
pub(super) fn session(
    conn: &mut Connection,
    command: SessionCommand,
    out: &mut dyn Write,
) -> Result<Outcome> {
    match command {
        SessionCommand::Add {
            event,
            title,
            kind,
            start,
            end,
            room,
            capacity,
            track,
            description,
        } => {
            let event_id = ops::resolve_event(conn, event.as_deref())?;
            let room_id = match room.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
                None => None,
                Some(name) => Some(room_named(conn, &event_id, name)?),
            };
            let input = SessionInput {
                title,
                kind,
                start,
                end,
                room_id,
                description,
                capacity,
                track,
            };
            let session =
                sched::add_session(conn, &event_id, Uuid::now_v7(), &input, clock::now())?;
            line(out, session.id)?;
        }
        SessionCommand::List {
            event,
            day,
            json: as_json,
        } => {
            let event_id = ops::resolve_event(conn, event.as_deref())?;
            let list = sched::list_sessions(conn, &event_id, day.as_deref())?;
            if as_json {
                let rows: Vec<serde_json::Value> = list.iter().map(session_json).collect();
                json(out, &rows)?;
            } else {
                let rows = list
                    .iter()
                    .map(|s| {
                        vec![
                            format!("{}–{}", &s.start[..16].replace('T', " "), &s.end[11..16]),
                            s.kind.as_str().to_owned(),
                            s.title.clone(),
                            s.room.clone().unwrap_or_default(),
                            s.id.clone(),
                        ]
                    })
                    .collect();
                table(out, rows)?;
            }
        }
    }
    Ok(Outcome::Done)
}

/// `assign` gives a person a role in a session (`schedule::ops::assign_speaker`) and prints
/// the assignment's id.
pub(super) fn assign(conn: &mut Connection, a: Assign, out: &mut dyn Write) -> Result<Outcome> {
    let id = Uuid::now_v7();
    sched::assign_speaker(
        conn,
        id,
        &a.session,
        &a.person,
        a.role,
        &a.home_timezone,
        clock::now(),
    )?;
    line(out, id)?;
    Ok(Outcome::Done)
}

/// `signup` signs a person up for a session (`schedule::ops::sign_up`).
pub(super) fn signup(conn: &mut Connection, s: Signup, out: &mut dyn Write) -> Result<Outcome> {
    let session = sched::sign_up(conn, &s.session, &s.person, clock::now())?;
    let seats = session
        .capacity
        .map_or(String::new(), |c| format!(" of {c} seats"));
    line(
        out,
        format_args!(
            "Signed up: {} for “{}” ({}{seats})",
            s.person, session.title, session.signups
        ),
    )?;
    Ok(Outcome::Done)
}

/// The id of the event's room called `name`; the CLI takes rooms by name, as people say them.
fn room_named(conn: &Connection, event_id: &str, name: &str) -> Result<String> {
    let room = ops::find_room_by_name(conn, event_id, name)?.ok_or_else(|| {
        Error::from(crate::FieldError::new("room", Code::NoRoomCalled).param("name", name))
    })?;
    Ok(room.id)
}

/// The contract form of a session in `session list --json`.
fn session_json(s: &Session) -> serde_json::Value {
    serde_json::json!({
        "id": s.id,
        "title": s.title,
        "type": s.kind,
        "start": s.start,
        "end": s.end,
        "room": s.room,
        "room_id": s.room_id,
        "capacity": s.capacity,
        "signups": s.signups,
        "track": s.track,
        "description": s.description,
        "speakers": s.speakers.iter().map(|p| serde_json::json!({
            "person_id": p.person_id,
            "name": p.name,
            "role": p.role,
            "position": p.position,
            "home_timezone": p.home_timezone,
        })).collect::<Vec<_>>(),
    })
}

fn parse_role(text: &str) -> std::result::Result<Role, String> {
    Role::parse(text).ok_or_else(|| {
        let all: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        format!("expected one of {}", all.join(", "))
    })
}

fn parse_session_type(text: &str) -> std::result::Result<SessionType, String> {
    SessionType::parse(text).ok_or_else(|| {
        let all: Vec<&str> = SessionType::ALL.iter().map(|r| r.as_str()).collect();
        format!("expected one of {}", all.join(", "))
    })
}
