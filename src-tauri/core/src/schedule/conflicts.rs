//! The conflict check: one pure function over a snapshot of the schedule, used by the app, the
//! CLI (`plenary check`) and the exports alike. Warnings never block a change.
//!
//! Two sessions overlap when each starts before the other ends; sessions that merely touch
//! (one ends at 10:30, the next starts at 10:30) do not.

use super::model::{Role, SessionType, Warning, WarningKind};
use super::time::rfc3339_in;
use crate::{Code, Message};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use std::collections::{BTreeMap, HashMap};

/// The event's frame: its days and its zone.
pub struct EventFrame {
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub zone: Tz,
}

pub struct SessionFact {
    pub id: String,
    pub title: String,
    pub kind: SessionType,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub room_id: Option<String>,
    pub capacity: Option<u32>,
}

pub struct RoomFact {
    pub name: String,
    pub capacity: Option<u32>,
}

pub struct PersonFact {
    pub name: String,
    pub attending: bool,
}

pub struct AssignmentFact {
    pub session_id: String,
    pub person_id: String,
    pub role: Role,
}

/// Everything the check looks at.
pub struct Snapshot {
    pub event: EventFrame,
    pub sessions: Vec<SessionFact>,
    pub rooms: HashMap<String, RoomFact>,
    pub people: HashMap<String, PersonFact>,
    pub assignments: Vec<AssignmentFact>,
    /// (session id, person id)
    pub signups: Vec<(String, String)>,
}

/// Every warning in the snapshot, in a stable order (by kind, then key). `accepted` is false;
/// the caller marks the ones the organiser accepted.
pub fn check(s: &Snapshot) -> Vec<Warning> {
    let sessions: HashMap<&str, &SessionFact> =
        s.sessions.iter().map(|x| (x.id.as_str(), x)).collect();
    let mut out = Vec::new();
    room_overlaps(s, &mut out);
    person_overlaps(s, &sessions, WarningKind::SpeakerOverlap, &mut out);
    person_overlaps(s, &sessions, WarningKind::AttendeeOverlap, &mut out);
    outside_event(s, &mut out);
    over_capacity(s, &mut out);
    no_room(s, &mut out);
    absent_speakers(s, &sessions, &mut out);
    out.sort_by(|a, b| (a.kind, &a.key).cmp(&(b.kind, &b.key)));
    out.dedup_by(|a, b| a.key == b.key);
    out
}

fn overlaps(a: &SessionFact, b: &SessionFact) -> bool {
    a.start < b.end && b.start < a.end
}

/// Calls `found` for each overlapping pair among `list`, which must be sorted by start.
fn each_overlap<'a>(
    list: &[&'a SessionFact],
    mut found: impl FnMut(&'a SessionFact, &'a SessionFact),
) {
    for (i, a) in list.iter().enumerate() {
        for b in &list[i + 1..] {
            if b.start >= a.end {
                break;
            }
            if overlaps(a, b) {
                found(a, b);
            }
        }
    }
}

fn pair_key(kind: WarningKind, subject: &str, a: &str, b: &str) -> String {
    let (x, y) = if a <= b { (a, b) } else { (b, a) };
    format!("{}:{subject}:{x}:{y}", kind.as_str())
}

/// A message about sessions: each one's title, start and end (as `<prefix>title`,
/// `<prefix>start`, `<prefix>end`, so the text can say `<prefix>when`), and the event's zone.
fn about(code: Code, s: &Snapshot, sessions: &[(&str, &SessionFact)]) -> Message {
    let mut m = Message::new(code).param("zone", s.event.zone.name());
    for (prefix, x) in sessions {
        m = m
            .param(&format!("{prefix}title"), &x.title)
            .param(&format!("{prefix}start"), rfc3339_in(x.start, s.event.zone))
            .param(&format!("{prefix}end"), rfc3339_in(x.end, s.event.zone));
    }
    m
}

fn room_overlaps(s: &Snapshot, out: &mut Vec<Warning>) {
    let mut by_room: BTreeMap<&str, Vec<&SessionFact>> = BTreeMap::new();
    for x in &s.sessions {
        if let Some(room) = &x.room_id {
            by_room.entry(room).or_default().push(x);
        }
    }
    for (room, mut list) in by_room {
        list.sort_by_key(|x| (x.start, x.end));
        let name = s.rooms.get(room).map_or(room, |r| r.name.as_str());
        each_overlap(&list, |a, b| {
            out.push(Warning::new(
                WarningKind::RoomOverlap,
                pair_key(WarningKind::RoomOverlap, room, &a.id, &b.id),
                about(Code::RoomOverlap, s, &[("a_", a), ("b_", b)]).param("room", name),
                Code::RoomOverlapFix.into(),
                vec![a.id.clone(), b.id.clone()],
                vec![],
            ));
        });
    }
}

fn person_overlaps(
    s: &Snapshot,
    sessions: &HashMap<&str, &SessionFact>,
    kind: WarningKind,
    out: &mut Vec<Warning>,
) {
    let mut by_person: BTreeMap<&str, Vec<&SessionFact>> = BTreeMap::new();
    let links: Vec<(&str, &str)> = match kind {
        WarningKind::SpeakerOverlap => s
            .assignments
            .iter()
            .map(|a| (a.person_id.as_str(), a.session_id.as_str()))
            .collect(),
        _ => s
            .signups
            .iter()
            .map(|(session, person)| (person.as_str(), session.as_str()))
            .collect(),
    };
    for (person, session) in links {
        if let Some(x) = sessions.get(session) {
            by_person.entry(person).or_default().push(x);
        }
    }
    for (person, mut list) in by_person {
        list.sort_by_key(|x| (x.start, x.end, x.id.as_str()));
        list.dedup_by(|a, b| a.id == b.id);
        let name = s.people.get(person).map_or(person, |p| p.name.as_str());
        each_overlap(&list, |a, b| {
            let (code, fix) = match kind {
                WarningKind::SpeakerOverlap => (
                    Code::SpeakerOverlap,
                    Message::new(Code::SpeakerOverlapFix).param("name", name),
                ),
                _ => (Code::AttendeeOverlap, Code::AttendeeOverlapFix.into()),
            };
            out.push(Warning::new(
                kind,
                pair_key(kind, person, &a.id, &b.id),
                about(code, s, &[("a_", a), ("b_", b)]).param("name", name),
                fix,
                vec![a.id.clone(), b.id.clone()],
                vec![person.to_owned()],
            ));
        });
    }
}

fn outside_event(s: &Snapshot, out: &mut Vec<Warning>) {
    for x in &s.sessions {
        let zone = s.event.zone;
        let first = x.start.with_timezone(&zone).date_naive();
        // A session that ends at midnight belongs to the day it started.
        let last = (x.end - Duration::seconds(1))
            .with_timezone(&zone)
            .date_naive();
        let mut push = |what: &str, message: Message, fix: Code| {
            out.push(Warning::new(
                WarningKind::OutsideEvent,
                format!("outside_event:{what}:{}", x.id),
                message,
                fix.into(),
                vec![x.id.clone()],
                vec![],
            ));
        };
        if first < s.event.start_date || last > s.event.end_date {
            push(
                "dates",
                about(Code::OutsideDates, s, &[("", x)])
                    .param("start_date", s.event.start_date)
                    .param("end_date", s.event.end_date),
                Code::OutsideDatesFix,
            );
        }
        if last > first {
            push(
                "midnight",
                about(Code::PastMidnight, s, &[("", x)]).param("last_date", last),
                Code::PastMidnightFix,
            );
        }
    }
}

fn over_capacity(s: &Snapshot, out: &mut Vec<Warning>) {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for (session, _) in &s.signups {
        *counts.entry(session.as_str()).or_default() += 1;
    }
    for x in &s.sessions {
        let signed = counts.get(x.id.as_str()).copied().unwrap_or(0);
        if let Some(cap) = x.capacity.filter(|&c| signed > c) {
            out.push(Warning::new(
                WarningKind::OverCapacity,
                format!("over_capacity:session:{}", x.id),
                Message::new(Code::OverSessionCapacity)
                    .param("title", &x.title)
                    .param("signups", signed)
                    .param("capacity", cap),
                Code::OverSessionCapacityFix.into(),
                vec![x.id.clone()],
                vec![],
            ));
        }
        let room = x.room_id.as_deref().and_then(|r| s.rooms.get(r));
        if let Some((room, cap)) = room.and_then(|r| r.capacity.map(|c| (r, c))) {
            if signed > cap {
                out.push(Warning::new(
                    WarningKind::OverCapacity,
                    format!("over_capacity:room:{}", x.id),
                    Message::new(Code::OverRoomCapacity)
                        .param("title", &x.title)
                        .param("signups", signed)
                        .param("room", &room.name)
                        .param("capacity", cap),
                    Code::OverRoomCapacityFix.into(),
                    vec![x.id.clone()],
                    vec![],
                ));
            }
        }
    }
}

fn no_room(s: &Snapshot, out: &mut Vec<Warning>) {
    for x in s
        .sessions
        .iter()
        .filter(|x| x.room_id.is_none() && x.kind.needs_room())
    {
        out.push(Warning::new(
            WarningKind::NoRoom,
            format!("no_room:{}", x.id),
            about(Code::NoRoom, s, &[("", x)]),
            Code::NoRoomFix.into(),
            vec![x.id.clone()],
            vec![],
        ));
    }
}

fn absent_speakers(s: &Snapshot, sessions: &HashMap<&str, &SessionFact>, out: &mut Vec<Warning>) {
    for a in &s.assignments {
        let Some(person) = s.people.get(&a.person_id).filter(|p| !p.attending) else {
            continue;
        };
        let title = sessions
            .get(a.session_id.as_str())
            .map_or("?", |x| x.title.as_str());
        out.push(Warning::new(
            WarningKind::AbsentSpeaker,
            format!(
                "absent_speaker:{}:{}:{}",
                a.session_id,
                a.person_id,
                a.role.as_str()
            ),
            Message::new(Code::AbsentSpeaker)
                .param("name", &person.name)
                .param("title", title),
            Code::AbsentSpeakerFix.into(),
            vec![a.session_id.clone()],
            vec![a.person_id.clone()],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const ZONE: Tz = chrono_tz::Asia::Shanghai;

    /// A session on `day` (of September 2024) from `from` to `to` (local HH:MM), in `room`.
    fn session(id: &str, day: u32, from: &str, to: &str, room: Option<&str>) -> SessionFact {
        let at = |hm: &str, day: u32| {
            let (h, m) = hm.split_once(':').unwrap_or(("0", "0"));
            let (h, m): (u32, u32) = (h.parse().unwrap_or(0), m.parse().unwrap_or(0));
            let (day, h) = if h >= 24 { (day + 1, h - 24) } else { (day, h) };
            ZONE.with_ymd_and_hms(2024, 9, day, h, m, 0)
                .single()
                .map(|t| t.with_timezone(&Utc))
        };
        SessionFact {
            id: id.into(),
            title: format!("Session {id}"),
            kind: SessionType::Lecture,
            start: at(from, day).unwrap_or_default(),
            end: at(to, day).unwrap_or_default(),
            room_id: room.map(Into::into),
            capacity: None,
        }
    }

    fn snapshot(sessions: Vec<SessionFact>) -> Snapshot {
        let mut rooms = HashMap::new();
        rooms.insert(
            "hall".into(),
            RoomFact {
                name: "Main Hall".into(),
                capacity: Some(2),
            },
        );
        rooms.insert(
            "b".into(),
            RoomFact {
                name: "Room B".into(),
                capacity: None,
            },
        );
        let mut people = HashMap::new();
        for (id, name) in [
            ("ma", "MA Zhaoxu"),
            ("ana", "Ana SILVA"),
            ("ali", "Ali HASSAN"),
        ] {
            people.insert(
                id.into(),
                PersonFact {
                    name: name.into(),
                    attending: true,
                },
            );
        }
        Snapshot {
            event: EventFrame {
                start_date: NaiveDate::from_ymd_opt(2024, 9, 3).unwrap_or_default(),
                end_date: NaiveDate::from_ymd_opt(2024, 9, 6).unwrap_or_default(),
                zone: ZONE,
            },
            sessions,
            rooms,
            people,
            assignments: vec![],
            signups: vec![],
        }
    }

    fn speaker(session: &str, person: &str, role: Role) -> AssignmentFact {
        AssignmentFact {
            session_id: session.into(),
            person_id: person.into(),
            role,
        }
    }

    fn kinds(s: &Snapshot) -> Vec<String> {
        check(s)
            .into_iter()
            .map(|w| format!("{} {}", w.kind.as_str(), w.sessions.join("+")))
            .collect()
    }

    #[test]
    fn each_kind_of_conflict_is_found_and_touching_is_not_overlapping() {
        // (what, snapshot, expected warnings) side by side.
        let mut cases: Vec<(&str, Snapshot, Vec<&str>)> = vec![
            (
                "back-to-back in one room",
                snapshot(vec![
                    session("a", 3, "09:00", "10:00", Some("hall")),
                    session("b", 3, "10:00", "11:00", Some("hall")),
                ]),
                vec![],
            ),
            (
                "overlap in one room",
                snapshot(vec![
                    session("a", 3, "09:00", "10:30", Some("hall")),
                    session("b", 3, "10:00", "11:00", Some("hall")),
                ]),
                vec!["room_overlap a+b"],
            ),
            (
                "same time, other rooms",
                snapshot(vec![
                    session("a", 3, "09:00", "10:30", Some("hall")),
                    session("b", 3, "09:00", "10:30", Some("b")),
                ]),
                vec![],
            ),
            (
                "a day before the event",
                snapshot(vec![session("a", 2, "09:00", "10:00", Some("hall"))]),
                vec!["outside_event a"],
            ),
            (
                "a session ending at midnight belongs to its day",
                snapshot(vec![session("a", 6, "22:00", "24:00", Some("hall"))]),
                vec![],
            ),
            (
                "across midnight",
                snapshot(vec![session("a", 4, "23:00", "25:00", Some("hall"))]),
                vec!["outside_event a"],
            ),
            (
                "no room",
                snapshot(vec![session("a", 3, "09:00", "10:00", None)]),
                vec!["no_room a"],
            ),
        ];
        let mut speakers = snapshot(vec![
            session("a", 3, "09:00", "10:00", Some("hall")),
            session("b", 3, "09:30", "10:30", Some("b")),
            session("c", 3, "10:30", "11:00", Some("b")),
        ]);
        speakers.assignments = vec![
            speaker("a", "ma", Role::VideoAddress),
            speaker("b", "ma", Role::Panelist),
            speaker("b", "ana", Role::Moderator),
            speaker("c", "ana", Role::Lecturer),
        ];
        cases.push((
            "a remote video address overlapping an in-person role",
            speakers,
            vec!["speaker_overlap a+b"],
        ));
        let mut signups = snapshot(vec![
            session("a", 3, "09:00", "10:00", Some("hall")),
            session("b", 3, "09:59", "11:00", Some("b")),
        ]);
        signups.signups = vec![("a".into(), "ana".into()), ("b".into(), "ana".into())];
        cases.push((
            "one person signed up twice at once",
            signups,
            vec!["attendee_overlap a+b"],
        ));
        let mut full = snapshot(vec![session("a", 4, "08:00", "12:00", Some("hall"))]);
        full.sessions[0].capacity = Some(1);
        full.signups = vec![
            ("a".into(), "ana".into()),
            ("a".into(), "ali".into()),
            ("a".into(), "ma".into()),
        ];
        cases.push((
            "over the session's and the room's capacity",
            full,
            vec!["over_capacity a", "over_capacity a"],
        ));
        let mut absent = snapshot(vec![session("a", 3, "09:00", "10:00", Some("hall"))]);
        absent.assignments = vec![speaker("a", "ali", Role::Keynote)];
        if let Some(p) = absent.people.get_mut("ali") {
            p.attending = false;
        }
        cases.push((
            "a speaker who no longer attends",
            absent,
            vec!["absent_speaker a"],
        ));

        for (what, snapshot, expected) in cases {
            assert_eq!(kinds(&snapshot), expected, "{what}");
        }
    }

    #[test]
    fn a_warning_names_the_people_and_sessions_and_a_fix() {
        let mut s = snapshot(vec![
            session("a", 3, "09:00", "10:00", Some("hall")),
            session("b", 3, "09:30", "10:30", Some("b")),
        ]);
        s.assignments = vec![
            speaker("a", "ma", Role::VideoAddress),
            speaker("b", "ma", Role::Panelist),
        ];
        let w = check(&s);
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("MA Zhaoxu"), "{}", w[0].message);
        assert!(
            w[0].message.contains("Tue 3 Sep 09:00"),
            "times read in Shanghai: {}",
            w[0].message
        );
        assert_eq!(w[0].people, ["ma"]);
        assert!(!w[0].fix.is_empty());
        assert_eq!(
            w[0].key, "speaker_overlap:ma:a:b",
            "the key is stable, so it can be accepted"
        );
    }
}
