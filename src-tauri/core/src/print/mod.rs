//! Printing: daily agendas, the whole programme, room door sheets, personal agendas, speaker
//! briefings, badges, name plates, the desk's check-in list, the caterer's meal counts, the
//! seating plan and the list of participants, as PDF.
//!
//! [`data`] turns the store into one JSON value per document, with every time already written
//! in the event's zone; [`engine`] lays it out with a fixed typst template from `templates/`.
//! The app, the CLI, the tests and the benchmarks all print through [`print`].

pub mod data;
pub mod engine;
pub mod words;

use crate::sql::Connection;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::letters::LetterKind;
use crate::messages::Coded;
use crate::{Lang, Message, Result};

/// What to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
#[derive(clap::ValueEnum)]
pub enum DocumentKind {
    /// One day, all rooms.
    Agenda,
    /// Every day, with a cover page.
    Programme,
    /// One room's door sheet for one day, in large type.
    Room,
    /// Personal agendas: one person, a delegation, or everyone.
    Person,
    /// Speaker briefings: one speaker, a delegation's speakers, or every speaker.
    Briefing,
    /// A6 badges, four to a sheet, with cut marks.
    Badges,
    /// Folded tent name plates, one per sheet.
    Plates,
    /// The desk's check-in list: by country, then name, with a tick box.
    Checkin,
    /// The caterer's sheet: one page per day, each meal with the people expected and their
    /// dietary needs (`crate::meals`).
    Meals,
    /// The plenary hall's seating plan in UN order (`crate::seating`): the places as rows of
    /// tables facing the podium, then the list in seat order.
    Seating,
    /// The list of participants: by section, then delegation (`crate::participants`).
    Participants,
    /// Letters by mail merge (`crate::letters`): an invitation, a visa-support letter or a
    /// certificate of participation per person, each on a new page.
    Letter,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 12] = [
        DocumentKind::Agenda,
        DocumentKind::Programme,
        DocumentKind::Room,
        DocumentKind::Person,
        DocumentKind::Briefing,
        DocumentKind::Badges,
        DocumentKind::Plates,
        DocumentKind::Checkin,
        DocumentKind::Meals,
        DocumentKind::Seating,
        DocumentKind::Participants,
        DocumentKind::Letter,
    ];

    /// The name the CLI and the file names use.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Agenda => "agenda",
            DocumentKind::Programme => "programme",
            DocumentKind::Room => "room",
            DocumentKind::Person => "person",
            DocumentKind::Briefing => "briefing",
            DocumentKind::Badges => "badges",
            DocumentKind::Plates => "plates",
            DocumentKind::Checkin => "checkin",
            DocumentKind::Meals => "meals",
            DocumentKind::Seating => "seating",
            DocumentKind::Participants => "participants",
            DocumentKind::Letter => "letter",
        }
    }

    fn template(self) -> &'static str {
        match self {
            DocumentKind::Agenda => include_str!("templates/agenda.typ"),
            DocumentKind::Programme => include_str!("templates/programme.typ"),
            DocumentKind::Room => include_str!("templates/room.typ"),
            DocumentKind::Person => include_str!("templates/person.typ"),
            DocumentKind::Briefing => include_str!("templates/briefing.typ"),
            DocumentKind::Badges => include_str!("templates/badges.typ"),
            DocumentKind::Plates => include_str!("templates/plates.typ"),
            DocumentKind::Checkin => include_str!("templates/checkin.typ"),
            DocumentKind::Meals => include_str!("templates/meals.typ"),
            DocumentKind::Seating => include_str!("templates/seating.typ"),
            DocumentKind::Participants => include_str!("templates/participants.typ"),
            DocumentKind::Letter => include_str!("templates/letter.typ"),
        }
    }
}

/// The sheet size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
#[derive(clap::ValueEnum)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    pub fn as_str(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }
}

/// How a daily agenda is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
#[derive(clap::ValueEnum)]
pub enum AgendaLayout {
    /// A grid when sessions run in parallel in two to five rooms, otherwise a list.
    #[default]
    Auto,
    /// One time-ordered list.
    List,
    /// Rooms as columns (a list when sessions in one room overlap).
    Grid,
}

/// Which edition of the list of participants: provisional until the meeting closes, then final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
#[derive(clap::ValueEnum)]
pub enum Edition {
    #[default]
    Provisional,
    Final,
}

/// Everything the print dialog and the CLI ask for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PrintRequest {
    pub event_id: String,
    pub kind: DocumentKind,
    /// `YYYY-MM-DD` in the event's zone (agenda and room).
    pub day: Option<String>,
    /// A room's id or name (room).
    pub room: Option<String>,
    /// An attendee's id (person, briefing, badges, plates).
    pub person: Option<String>,
    /// A delegation's alpha-2 code (person, briefing, badges, plates, checkin).
    pub country: Option<String>,
    pub paper: Paper,
    pub layout: AgendaLayout,
    /// The document's language; the event's document language when not given.
    #[serde(default)]
    pub lang: Option<Lang>,
    /// A second language: each label in both ("开幕式 / Opening ceremony").
    #[serde(default)]
    pub also: Option<Lang>,
    /// The list of participants' edition (provisional unless given).
    #[serde(default)]
    pub edition: Option<Edition>,
    /// The list of participants' correction number: "Rev.1" from 1; none below.
    #[serde(default)]
    pub revision: Option<u32>,
    /// The list of participants shows each person's email (never unless asked).
    #[serde(default)]
    pub include_email: bool,
    /// Which letter (letter).
    #[serde(default)]
    pub letter: Option<LetterKind>,
}

impl PrintRequest {
    /// A request for `kind` with everything else left to the defaults.
    pub fn new(event_id: &str, kind: DocumentKind) -> Self {
        PrintRequest {
            event_id: event_id.to_owned(),
            kind,
            day: None,
            room: None,
            person: None,
            country: None,
            paper: Paper::A4,
            layout: AgendaLayout::Auto,
            lang: None,
            also: None,
            edition: None,
            revision: None,
            include_email: false,
            letter: None,
        }
    }
}

/// A printed document.
#[derive(Debug, Clone)]
pub struct Printed {
    pub pdf: Vec<u8>,
    pub pages: u32,
    /// Characters that no installed font could draw, each with the text it is in (English).
    pub missing_glyphs: Vec<String>,
    /// The same as message codes, for the app.
    pub missing_glyph_messages: Vec<Coded>,
    /// A file name to suggest in the save dialog, e.g. `agenda-2024-09-03.pdf`.
    pub file_name: String,
    /// What was left out and why (no certificate for someone not checked in).
    pub notes: Vec<Coded>,
}

/// Pages of a document drawn as SVG, for the app's preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PagePreview {
    /// The first pages, each a complete SVG document.
    pub pages: Vec<String>,
    /// How many pages the whole document has.
    pub page_count: u32,
    /// Characters that no installed font could draw (English, for the log).
    pub missing_glyphs: Vec<String>,
    /// The same as message codes: what the app shows.
    pub missing_glyph_messages: Vec<Coded>,
    pub file_name: String,
    /// What was left out and why (no certificate for someone not checked in).
    pub notes: Vec<Coded>,
}

/// One choice in the print dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PrintChoice {
    /// What the request carries: a date, a room id, a country code or a person's id.
    pub value: String,
    pub label: String,
}

/// What the print dialog offers for an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PrintOptions {
    /// The event's days: `2024-09-03`, "Tuesday 3 September 2024".
    pub days: Vec<PrintChoice>,
    /// Rooms and off-site venues, in timetable order.
    pub rooms: Vec<PrintChoice>,
    /// Delegations with attending members: `CN`, "China (14)".
    pub delegations: Vec<PrintChoice>,
    /// People who speak at a session, for briefings.
    pub speakers: Vec<PrintChoice>,
    /// The font families the documents use, first choice first, as found on this machine.
    pub fonts: Vec<String>,
}

/// The days, rooms, delegations and speakers that an event's documents can be printed for.
pub fn options(conn: &Connection, event_id: &str) -> Result<PrintOptions> {
    data::options(conn, event_id, None)
}

/// [`options`] with the days and delegations named in `lang` (default: the event's document
/// language) and the delegations sorted as that language sorts.
pub fn options_in(conn: &Connection, event_id: &str, lang: Option<Lang>) -> Result<PrintOptions> {
    data::options(conn, event_id, lang)
}

/// Prints a document as PDF. `today` is the print date in the footer.
pub fn print(conn: &Connection, request: &PrintRequest, today: NaiveDate) -> Result<Printed> {
    let doc = data::build(conn, request, today)?;
    let laid = engine::layout(request.kind.template(), &doc.data, today)?;
    let pdf = engine::pdf(&laid.document, &doc.file_name)?;
    Ok(Printed {
        pdf,
        pages: laid.document.pages().len() as u32,
        missing_glyphs: laid.missing.iter().map(Message::english).collect(),
        missing_glyph_messages: laid.missing.iter().map(Coded::from).collect(),
        file_name: doc.file_name,
        notes: doc.notes,
    })
}

/// [`print`], after giving a reference number to each letter that has none yet (a letter
/// request only; `crate::letters::issue`, one logged transaction). A refused request (a visa
/// letter without a passport number) gives no number. Numbers stay with their letters: the
/// next print of the same letter for the same person shows the same one.
pub fn print_issuing(
    conn: &mut Connection,
    request: &PrintRequest,
    today: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Printed> {
    if request.kind == DocumentKind::Letter {
        let event = crate::ops::get_event(conn, &request.event_id)?;
        let (kind, people, _) = data::letter_people(conn, &event, request)?;
        crate::letters::issue(conn, &event, kind, &people, today, now)?;
    }
    print(conn, request, today)
}

/// Lays a document out and draws its first `max_pages` pages as SVG.
pub fn preview(
    conn: &Connection,
    request: &PrintRequest,
    today: NaiveDate,
    max_pages: usize,
) -> Result<PagePreview> {
    let doc = data::build(conn, request, today)?;
    let laid = engine::layout(request.kind.template(), &doc.data, today)?;
    let count = laid.document.pages().len();
    let pages = (0..count.min(max_pages))
        .filter_map(|i| engine::svg(&laid.document, i))
        .collect();
    Ok(PagePreview {
        pages,
        page_count: count as u32,
        missing_glyphs: laid.missing.iter().map(Message::english).collect(),
        missing_glyph_messages: laid.missing.iter().map(Coded::from).collect(),
        file_name: doc.file_name,
        notes: doc.notes,
    })
}

/// Writes a printed document to `path` (through a temporary file, then a rename).
pub fn save(printed: &Printed, path: &std::path::Path) -> Result<()> {
    crate::files::write_atomically(path, &printed.pdf)
}
