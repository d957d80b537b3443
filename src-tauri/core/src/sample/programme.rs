//! The sample seminar's four-day programme: rooms and off-site venues, the opening ceremony
//! with its three addresses, lectures, interactive exchanges, a panel, a site visit and a
//! field study with limited seats and sign-ups, and the closing. It has no conflicts.

use crate::model::AttendeeInput;
use crate::schedule::model::{Role, RoomInput, SessionType};
use crate::schedule::time::parse_local;
use crate::sql::Transaction;
use crate::store::{assignments, rooms, sessions, signups};
use crate::{ops, Error, Result};
use chrono_tz::Tz;
use uuid::Uuid;

struct Venue {
    key: &'static str,
    room: RoomInput,
}

fn venue(key: &'static str, name: &str, capacity: u32) -> Venue {
    Venue {
        key,
        room: RoomInput {
            name: name.into(),
            capacity: Some(capacity),
            ..RoomInput::default()
        },
    }
}

fn offsite(
    key: &'static str,
    name: &str,
    capacity: u32,
    address: &str,
    meeting: &str,
    departure: &str,
) -> Venue {
    Venue {
        key,
        room: RoomInput {
            name: name.into(),
            capacity: Some(capacity),
            offsite: true,
            address: address.into(),
            meeting_point: meeting.into(),
            departure_time: departure.into(),
        },
    }
}

/// Who speaks: an index into the list of people, or a role for the opening speakers.
enum Who {
    /// One of the three opening speakers, by index in `sample::officials()`.
    Official(usize),
    /// The n-th fictitious person of a category.
    Nth(&'static str, usize),
}

struct Slot {
    title: &'static str,
    kind: SessionType,
    day: u32,
    from: &'static str,
    to: &'static str,
    room: Option<&'static str>,
    capacity: Option<u32>,
    description: &'static str,
    speakers: Vec<(Who, Role, &'static str)>,
}

fn slot(
    title: &'static str,
    kind: SessionType,
    day: u32,
    from: &'static str,
    to: &'static str,
    room: Option<&'static str>,
) -> Slot {
    Slot {
        title,
        kind,
        day,
        from,
        to,
        room,
        capacity: None,
        description: "",
        speakers: vec![],
    }
}

fn programme() -> Vec<Slot> {
    use Role::*;
    use SessionType as T;
    use Who::*;
    vec![
        Slot {
            description: "Addresses by the co-sponsors and the host city.",
            speakers: vec![
                (Official(0), VideoAddress, "Asia/Shanghai"),
                (Official(1), Address, ""),
                (Official(2), Address, ""),
                (Nth("staff", 1), Moderator, ""),
            ],
            ..slot("Opening ceremony", T::OpeningCeremony, 3, "09:00", "10:00", Some("hall"))
        },
        slot("Coffee break", T::Break, 3, "10:00", "10:30", None),
        Slot {
            speakers: vec![(Nth("speaker", 0), Keynote, "")],
            ..slot("Keynote: capacity-building of AI for all", T::Keynote, 3, "10:30", "11:30", Some("hall"))
        },
        slot("Lunch", T::Meal, 3, "12:00", "13:30", None),
        Slot {
            speakers: vec![(Nth("speaker", 1), Lecturer, "")],
            ..slot("Machine learning foundations for policy makers", T::Lecture, 3, "13:30", "15:00", Some("a"))
        },
        Slot {
            speakers: vec![(Nth("speaker", 2), Moderator, ""), (Nth("official", 0), Panelist, ""), (Nth("official", 1), Panelist, ""), (Nth("expert", 0), Rapporteur, "")],
            ..slot("Interactive exchange: national AI strategies", T::InteractiveExchange, 3, "15:30", "17:00", Some("a"))
        },
        Slot {
            speakers: vec![(Nth("speaker", 3), Lecturer, "")],
            ..slot("Large language models: what they can and cannot do", T::Lecture, 4, "09:00", "10:30", Some("hall"))
        },
        Slot {
            speakers: vec![(Nth("speaker", 4), Moderator, ""), (Nth("expert", 1), Panelist, ""), (Nth("expert", 2), Panelist, ""), (Nth("official", 2), Panelist, "")],
            ..slot("Panel: governing AI safely and fairly", T::Panel, 4, "11:00", "12:30", Some("hall"))
        },
        slot("Lunch", T::Meal, 4, "12:30", "13:30", None),
        Slot {
            capacity: Some(30),
            description: "Visit to an AI industrial park: research labs and start-ups. Seats are limited; sign up in advance.",
            speakers: vec![(Nth("staff", 2), Moderator, "")],
            ..slot("Site visit: AI innovation park", T::SiteVisit, 4, "14:00", "17:30", Some("park"))
        },
        Slot {
            speakers: vec![(Nth("speaker", 5), Lecturer, "")],
            ..slot("Data infrastructure and computing power", T::Lecture, 5, "09:00", "10:30", Some("a"))
        },
        Slot {
            speakers: vec![(Nth("speaker", 6), Moderator, ""), (Nth("expert", 3), Panelist, ""), (Nth("expert", 4), Panelist, "")],
            ..slot("Interactive exchange: AI in agriculture and health", T::InteractiveExchange, 5, "11:00", "12:30", Some("b"))
        },
        slot("Lunch", T::Meal, 5, "12:30", "13:30", None),
        Slot {
            capacity: Some(25),
            description: "Field study at the city's operations centre: how data and AI run public services.",
            speakers: vec![(Nth("staff", 3), Moderator, "")],
            ..slot("Field study: smart city operations centre", T::FieldStudy, 5, "14:00", "17:00", Some("city"))
        },
        Slot {
            speakers: vec![(Nth("speaker", 7), Moderator, ""), (Nth("official", 3), Panelist, ""), (Nth("official", 4), Panelist, ""), (Nth("expert", 5), Rapporteur, "")],
            ..slot("Interactive exchange: building national capacity, lessons learned", T::InteractiveExchange, 6, "09:00", "10:30", Some("hall"))
        },
        Slot {
            speakers: vec![(Nth("expert", 5), Rapporteur, ""), (Official(2), Address, "")],
            ..slot("Closing ceremony", T::ClosingCeremony, 6, "11:00", "12:00", Some("hall"))
        },
    ]
}

fn venues() -> Vec<Venue> {
    vec![
        venue("hall", "Main Plenary Hall", 300),
        venue("a", "Meeting Room A", 80),
        venue("b", "Meeting Room B", 60),
        offsite(
            "park",
            "AI Innovation Park (site visit)",
            40,
            "Pudong New Area, Shanghai",
            "Hotel lobby, coach bay 2",
            "13:30",
        ),
        offsite(
            "city",
            "City Operations Centre (field study)",
            30,
            "Huangpu District, Shanghai",
            "Hotel lobby, coach bay 1",
            "13:30",
        ),
    ]
}

/// Writes the programme into the sample event. `people` are the sample's attendees with
/// their ids, officials first.
pub fn write(
    tx: &Transaction<'_>,
    event_id: &str,
    zone: Tz,
    people: &[(String, AttendeeInput)],
    officials: usize,
    now: &str,
    new_id: &mut dyn FnMut() -> Uuid,
) -> Result<()> {
    let mut room_ids = Vec::new();
    for v in venues() {
        let id = new_id().to_string();
        rooms::insert(tx, &id, event_id, &v.room, now)?;
        room_ids.push((v.key, id));
    }
    let room = |key: &str| {
        room_ids
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, id)| id.clone())
    };
    let fictitious = &people[officials..];
    let nth = |category: &str, n: usize| {
        fictitious
            .iter()
            .filter(|(_, p)| p.category == category)
            .nth(n)
            .map(|(id, _)| id.clone())
    };
    let bad = Error::Incompatible;
    let mut site_visits = Vec::new();
    for s in programme() {
        let at = |hm: &str| parse_local(&format!("2024-09-{:02} {hm}", s.day), zone).map_err(bad);
        let id = new_id().to_string();
        let room_id = s.room.and_then(room);
        let write = sessions::Write {
            title: s.title,
            kind: s.kind,
            starts_at: &ops::timestamp(at(s.from)?),
            ends_at: &ops::timestamp(at(s.to)?),
            room_id: room_id.as_deref(),
            description: s.description,
            capacity: s.capacity,
            track: "",
        };
        sessions::insert(tx, &id, event_id, &write, now)?;
        for (position, (who, role, home)) in s.speakers.into_iter().enumerate() {
            let person = match who {
                Who::Official(i) => people.get(i).map(|(id, _)| id.clone()),
                Who::Nth(category, n) => nth(category, n),
            }
            .ok_or_else(|| Error::bad_stored("speaker", s.title))?;
            let a = assignments::Stored {
                id: new_id().to_string(),
                session_id: id.clone(),
                attendee_id: person,
                role,
                position: position as u32 + 1,
                home_timezone: home.into(),
            };
            assignments::insert(tx, &a, now)?;
        }
        if let Some(cap) = s.capacity {
            site_visits.push((id, cap));
        }
    }
    // Delegates sign up for the visits, each for one, leaving a few seats free.
    let delegates: Vec<&String> = fictitious
        .iter()
        .filter(|(_, p)| p.category == "official" || p.category == "expert")
        .map(|(id, _)| id)
        .collect();
    let mut next = delegates.iter();
    for (session, capacity) in site_visits {
        for person in next.by_ref().take(capacity as usize - 4) {
            signups::insert(tx, &session, person, now)?;
        }
    }
    Ok(())
}
