//! The schedule's data types: rooms and venues, sessions, speakers, sign-ups and warnings, as
//! they cross the IPC boundary and appear in `--json` output.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::Message;

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

string_enum! {
    /// What kind of session it is; each has its own colour on screen and in print.
    SessionType {
        OpeningCeremony = "opening_ceremony",
        ClosingCeremony = "closing_ceremony",
        Address = "address",
        Keynote = "keynote",
        Lecture = "lecture",
        InteractiveExchange = "interactive_exchange",
        Panel = "panel",
        SiteVisit = "site_visit",
        FieldStudy = "field_study",
        Break = "break",
        Meal = "meal",
        Other = "other",
    }
}

impl SessionType {
    /// Breaks and meals need no room of their own.
    pub fn needs_room(self) -> bool {
        !matches!(self, SessionType::Break | SessionType::Meal)
    }

    /// The colour family the type shares with its neighbours (`../shared/design/ui.md`:
    /// "ceremony and address: deep blue", and so on).
    pub fn group(self) -> TypeGroup {
        match self {
            SessionType::OpeningCeremony | SessionType::ClosingCeremony | SessionType::Address => {
                TypeGroup::Ceremony
            }
            SessionType::Keynote | SessionType::Lecture => TypeGroup::Lecture,
            SessionType::InteractiveExchange | SessionType::Panel => TypeGroup::Exchange,
            SessionType::SiteVisit | SessionType::FieldStudy => TypeGroup::Visit,
            SessionType::Break | SessionType::Meal => TypeGroup::Pause,
            SessionType::Other => TypeGroup::Other,
        }
    }

    /// The English name, in calendars, feeds and the CLI; the UI's `labels.sessionType` in en.json
    /// must say the same (a UI test compares them through the generated `core-tables.json`).
    /// Printed documents take every language's name from `labels.sessionType`.
    pub fn label(self) -> &'static str {
        match self {
            SessionType::OpeningCeremony => "Opening ceremony",
            SessionType::ClosingCeremony => "Closing ceremony",
            SessionType::Address => "Address",
            SessionType::Keynote => "Keynote",
            SessionType::Lecture => "Lecture",
            SessionType::InteractiveExchange => "Interactive exchange",
            SessionType::Panel => "Panel",
            SessionType::SiteVisit => "Site visit",
            SessionType::FieldStudy => "Field study",
            SessionType::Break => "Break",
            SessionType::Meal => "Meal",
            SessionType::Other => "Other",
        }
    }
}

string_enum! {
    /// A colour family of session types: the same colours on screen and in print.
    TypeGroup {
        Ceremony = "ceremony",
        Lecture = "lecture",
        Exchange = "exchange",
        Visit = "visit",
        Pause = "pause",
        Other = "other",
    }
}

/// The colours of a session block or chip: a tint behind the label, the label, and a strong
/// edge. The label meets WCAG AA (4.5:1) on the tint; a UI test checks every pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Colours {
    pub bg: &'static str,
    pub text: &'static str,
    pub edge: &'static str,
}

impl TypeGroup {
    /// The colours on a light background: the app's light theme, and print.
    pub fn light(self) -> Colours {
        let (bg, text, edge) = match self {
            TypeGroup::Ceremony => ("#dbe5f7", "#0f2f6b", "#1f4e9c"),
            TypeGroup::Lecture => ("#d4f0ee", "#0b4a47", "#0f7a74"),
            TypeGroup::Exchange => ("#fdecc8", "#5c3b00", "#b7791f"),
            TypeGroup::Visit => ("#d9f0dc", "#154d22", "#2f8a3e"),
            TypeGroup::Pause => ("#e7e9ec", "#30363d", "#7c8592"),
            TypeGroup::Other => ("#f1efe9", "#3b3a36", "#a19d91"),
        };
        Colours { bg, text, edge }
    }

    /// The colours in the app's dark theme.
    pub fn dark(self) -> Colours {
        let (bg, text, edge) = match self {
            TypeGroup::Ceremony => ("#1e3358", "#d6e3ff", "#7aa2f0"),
            TypeGroup::Lecture => ("#123f3d", "#c8f1ec", "#4fc2b8"),
            TypeGroup::Exchange => ("#4a3410", "#ffe2a8", "#e0a84a"),
            TypeGroup::Visit => ("#1a3f22", "#cdeed3", "#6cc27c"),
            TypeGroup::Pause => ("#30353c", "#e1e4e8", "#8e96a3"),
            TypeGroup::Other => ("#38352e", "#ece8dd", "#a8a291"),
        };
        Colours { bg, text, edge }
    }
}

string_enum! {
    /// What a person does in a session. A video address is given remotely.
    Role {
        Address = "address",
        VideoAddress = "video_address",
        Keynote = "keynote",
        Lecturer = "lecturer",
        Moderator = "moderator",
        Panelist = "panelist",
        Rapporteur = "rapporteur",
    }
}

impl Role {
    pub fn is_remote(self) -> bool {
        self == Role::VideoAddress
    }

    /// The English name, in calendars and feeds; the UI's `labels.role` in en.json must say the
    /// same (a UI test compares them through `core-tables.json`). Printed documents take every
    /// language's name from `labels.role`.
    pub fn label(self) -> &'static str {
        match self {
            Role::Address => "Address",
            Role::VideoAddress => "Video address (remote)",
            Role::Keynote => "Keynote speaker",
            Role::Lecturer => "Lecturer",
            Role::Moderator => "Moderator",
            Role::Panelist => "Panellist",
            Role::Rapporteur => "Rapporteur",
        }
    }
}

string_enum! {
    /// The kinds of conflict warning; the CLI's `check --json` uses these names.
    WarningKind {
        SpeakerOverlap = "speaker_overlap",
        RoomOverlap = "room_overlap",
        OutsideEvent = "outside_event",
        OverCapacity = "over_capacity",
        AttendeeOverlap = "attendee_overlap",
        NoRoom = "no_room",
        AbsentSpeaker = "absent_speaker",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RoomInput {
    pub name: String,
    pub capacity: Option<u32>,
    /// An off-site venue (site visits): it has an address, a meeting point and a departure.
    pub offsite: bool,
    pub address: String,
    pub meeting_point: String,
    /// `HH:MM` in the event's zone, or empty.
    pub departure_time: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Room {
    pub id: String,
    pub event_id: String,
    pub name: String,
    pub capacity: Option<u32>,
    pub offsite: bool,
    pub address: String,
    pub meeting_point: String,
    pub departure_time: String,
    /// The room's column in the timetable.
    pub position: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SessionInput {
    pub title: String,
    #[serde(rename = "type")]
    pub kind: SessionType,
    /// `YYYY-MM-DD HH:MM` in the event's zone.
    pub start: String,
    /// `YYYY-MM-DD HH:MM` in the event's zone.
    pub end: String,
    pub room_id: Option<String>,
    pub description: String,
    /// Seats for sign-ups (site visits), if limited.
    pub capacity: Option<u32>,
    pub track: String,
}

/// A speaker of a session, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Speaker {
    pub assignment_id: String,
    pub person_id: String,
    pub name: String,
    pub role: Role,
    pub position: u32,
    /// A remote speaker's IANA zone, or empty.
    pub home_timezone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Session {
    pub id: String,
    pub event_id: String,
    pub title: String,
    #[serde(rename = "type")]
    pub kind: SessionType,
    /// RFC 3339 with the event's offset, e.g. `2024-09-03T09:00:00+08:00`.
    pub start: String,
    pub end: String,
    pub room_id: Option<String>,
    /// The room's name.
    pub room: Option<String>,
    pub description: String,
    pub capacity: Option<u32>,
    pub track: String,
    pub speakers: Vec<Speaker>,
    /// How many people signed up.
    pub signups: u32,
}

/// A conflict the organiser should look at. Warnings never block a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Warning {
    pub kind: WarningKind,
    /// Names this exact warning, so that it can be accepted and stay quiet.
    pub key: String,
    /// What is wrong, as a message code (the key under `messages.` in the locale files).
    code: String,
    /// The code's parameters; times are RFC 3339, formatted in the zone `zone` names.
    params: BTreeMap<String, String>,
    /// What is wrong, in English, for the CLI and the log; the app renders `code`.
    pub message: String,
    /// A way to resolve it, as a message code.
    fix_code: String,
    /// The fix's parameters.
    fix_params: BTreeMap<String, String>,
    /// A way to resolve it, in English.
    pub fix: String,
    /// The ids of the sessions involved.
    pub sessions: Vec<String>,
    /// The ids of the people involved.
    pub people: Vec<String>,
    pub accepted: bool,
}

impl Warning {
    /// A warning that is not yet accepted, its texts rendered in English from the catalogue.
    pub fn new(
        kind: WarningKind,
        key: String,
        message: Message,
        fix: Message,
        sessions: Vec<String>,
        people: Vec<String>,
    ) -> Self {
        Self {
            kind,
            key,
            code: message.code.as_str().to_owned(),
            message: message.english(),
            params: message.params,
            fix_code: fix.code.as_str().to_owned(),
            fix: fix.english(),
            fix_params: fix.params,
            sessions,
            people,
            accepted: false,
        }
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn params(&self) -> &BTreeMap<String, String> {
        &self.params
    }

    pub fn fix_code(&self) -> &str {
        &self.fix_code
    }

    pub fn fix_params(&self) -> &BTreeMap<String, String> {
        &self.fix_params
    }
}

/// One line of a person's agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AgendaItem {
    pub session: Session,
    /// What the person does there (empty if they only signed up).
    pub roles: Vec<Role>,
    pub signed_up: bool,
}

/// One person signed up for a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Signup {
    pub person_id: String,
    /// The display name (honorific, the person's order, the event's capitals setting).
    pub name: String,
}
