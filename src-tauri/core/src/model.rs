//! The domain's data types, as they cross the IPC boundary and appear in `--json` output.
//! Field names are the snake_case names that the CLI's JSON and the CSV header use.

use serde::{Deserialize, Serialize};

/// The order in which a person's names are written. Family-first names, such as 马朝旭
/// (family name 马, given name 朝旭), display with the family name first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum NameOrder {
    #[default]
    GivenFirst,
    FamilyFirst,
}

impl NameOrder {
    pub fn as_str(self) -> &'static str {
        match self {
            NameOrder::GivenFirst => "given_first",
            NameOrder::FamilyFirst => "family_first",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "given_first" => Some(NameOrder::GivenFirst),
            "family_first" => Some(NameOrder::FamilyFirst),
            _ => None,
        }
    }
}

/// What part an organisation plays in putting on the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum OrganizerRole {
    CoSponsor,
    Host,
    Organizer,
}

impl OrganizerRole {
    pub fn as_str(self) -> &'static str {
        match self {
            OrganizerRole::CoSponsor => "co_sponsor",
            OrganizerRole::Host => "host",
            OrganizerRole::Organizer => "organizer",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "co_sponsor" => Some(OrganizerRole::CoSponsor),
            "host" => Some(OrganizerRole::Host),
            "organizer" => Some(OrganizerRole::Organizer),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Organizer {
    pub name: String,
    pub role: OrganizerRole,
}

/// What the user types to create or change an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EventInput {
    pub name: String,
    pub venue: String,
    pub city: String,
    /// The first day, `YYYY-MM-DD`, in the event's own calendar.
    pub start_date: String,
    /// The last day, `YYYY-MM-DD`, inclusive.
    pub end_date: String,
    /// The IANA time zone every time of the event is shown in, e.g. `Asia/Shanghai`.
    pub timezone: String,
    pub organizers: Vec<Organizer>,
    /// UN practice: family names in capitals in lists, badges and name plates.
    pub family_name_upper: bool,
    /// The language the event's documents print in unless another is chosen; English when
    /// not given.
    #[serde(default = "crate::Lang::document_default")]
    pub language: crate::Lang,
}

/// An event with the counts the events list shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EventSummary {
    pub id: String,
    pub name: String,
    pub venue: String,
    pub city: String,
    pub start_date: String,
    pub end_date: String,
    pub timezone: String,
    pub organizers: Vec<Organizer>,
    pub family_name_upper: bool,
    /// The language the event's documents print in unless another is chosen.
    pub language: crate::Lang,
    /// True for the sample seminar, whose people are fictitious.
    pub is_sample: bool,
    pub attendee_count: u32,
    pub country_count: u32,
}

/// What the user types to register or change an attendee. Text fields are never null: an
/// empty string means "not given".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AttendeeInput {
    /// H.E., Mr, Ms, Dr, Prof, ... (free text; the UI suggests the usual ones).
    pub honorific: String,
    pub given_name: String,
    pub family_name: String,
    pub name_order: NameOrder,
    /// The Latin form of the given name, when the native one is in another script.
    pub given_name_latin: String,
    pub family_name_latin: String,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: String,
    pub organization: String,
    pub position: String,
    /// A built-in category key or one the organiser added to the event.
    pub category: String,
    pub email: String,
    pub phone: String,
    /// Languages spoken, as given (ISO 639-1 codes or names).
    pub languages: Vec<String>,
    pub dietary: String,
    pub accessibility: String,
    pub notes: String,
}

/// A registered attendee of one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Attendee {
    pub id: String,
    pub event_id: String,
    pub honorific: String,
    pub given_name: String,
    pub family_name: String,
    pub name_order: NameOrder,
    pub given_name_latin: String,
    pub family_name_latin: String,
    pub country: String,
    pub organization: String,
    pub position: String,
    pub category: String,
    pub email: String,
    pub phone: String,
    pub languages: Vec<String>,
    pub dietary: String,
    pub accessibility: String,
    pub notes: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC.
    pub updated_at: String,
    /// False once the person has cancelled; they stay in the list and the history.
    pub attending: bool,
    /// When the person was checked in at the desk (RFC 3339, UTC), or null.
    pub checked_in_at: Option<String>,
}

impl Attendee {
    /// The editable fields of this attendee, e.g. to change one of them.
    pub fn to_input(&self) -> AttendeeInput {
        AttendeeInput {
            honorific: self.honorific.clone(),
            given_name: self.given_name.clone(),
            family_name: self.family_name.clone(),
            name_order: self.name_order,
            given_name_latin: self.given_name_latin.clone(),
            family_name_latin: self.family_name_latin.clone(),
            country: self.country.clone(),
            organization: self.organization.clone(),
            position: self.position.clone(),
            category: self.category.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            languages: self.languages.clone(),
            dietary: self.dietary.clone(),
            accessibility: self.accessibility.clone(),
            notes: self.notes.clone(),
        }
    }
}

/// Which attendees to list. `None` filters nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AttendeeFilter {
    /// Matches names (native and Latin), organisation and email, ignoring case, accents
    /// and script; every word must match.
    pub search: Option<String>,
    pub country: Option<String>,
    pub category: Option<String>,
}

/// A section of the list of participants (`crate::participants`), in the default order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
#[derive(clap::ValueEnum)]
pub enum Section {
    MemberState,
    Observer,
    UnSystem,
    Organization,
}

impl Section {
    /// The sections in the order the list gives them.
    pub const ALL: [Section; 4] = [
        Section::MemberState,
        Section::Observer,
        Section::UnSystem,
        Section::Organization,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::MemberState => "member_state",
            Section::Observer => "observer",
            Section::UnSystem => "un_system",
            Section::Organization => "organization",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Section::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The locale key of the section's heading, under `doc.participants.section`.
    pub fn word(self) -> &'static str {
        match self {
            Section::MemberState => "memberState",
            Section::Observer => "observer",
            Section::UnSystem => "unSystem",
            Section::Organization => "organization",
        }
    }

    /// Where a country's delegation goes when nobody chose.
    pub fn default_for(country: &str) -> Section {
        match country {
            "" => Section::Organization,
            "VA" | "PS" => Section::Observer,
            _ => Section::MemberState,
        }
    }
}

/// The attendees of one country at one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Delegation {
    pub country: String,
    pub count: u32,
    pub head_id: Option<String>,
    pub head_name: Option<String>,
    pub categories: Vec<CategoryCount>,
    /// The section of the list of participants the organiser chose, or null for the default.
    pub section: Option<Section>,
    /// Where the delegation is listed when nobody chose ([`Section::default_for`]).
    pub default_section: Section,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CategoryCount {
    pub category: String,
    pub count: u32,
}

/// An attendee category: a built-in one, or one the organiser added to an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Category {
    pub key: String,
    pub label: String,
    pub builtin: bool,
}

/// The built-in categories, in the order the UI lists them.
pub const BUILTIN_CATEGORIES: [(&str, &str); 6] = [
    ("official", "Official"),
    ("expert", "Expert"),
    ("speaker", "Speaker"),
    ("press", "Press"),
    ("staff", "Staff"),
    ("guest", "Guest"),
];
