//! `plenary print`: one PDF document, through the same `print::print` as the app.

use super::output::line;
use super::Outcome;
use crate::print::{AgendaLayout, DocumentKind, Edition, Paper, PrintRequest};
use crate::sql::Connection;
use crate::{clock, ops, Lang, Result};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

// The flags of `plenary print`; its help text is the doc comment of `Command::Print`.
#[derive(Args, Debug)]
pub struct Print {
    #[arg(value_enum)]
    kind: DocumentKind,
    /// YYYY-MM-DD, in the event's zone (agenda, room).
    #[arg(long)]
    day: Option<String>,
    /// A room's name or id (room).
    #[arg(long)]
    room: Option<String>,
    /// One attendee's id.
    #[arg(long)]
    person: Option<String>,
    /// One delegation: a two-letter country code.
    #[arg(long)]
    country: Option<String>,
    #[arg(long, value_enum, default_value = "a4")]
    paper: Paper,
    /// A daily agenda's layout: rooms as columns (grid), one list, or whichever reads
    /// better (auto).
    #[arg(long, value_enum, default_value = "auto")]
    layout: AgendaLayout,
    /// The document's language: ar, en, es, fr, ru or zh (default: the event's language).
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// A second language: every label in both, as host-country documents are
    /// ("开幕式 / Opening ceremony"); badges and plates show the country in both.
    #[arg(long, value_name = "LANG")]
    also: Option<String>,
    /// The list of participants' edition (participants).
    #[arg(long, value_enum)]
    edition: Option<Edition>,
    /// The list of participants' correction number, printed as "Rev.N" (participants).
    #[arg(long, value_name = "N")]
    revision: Option<u32>,
    /// Show each person's email in the list of participants (never without this flag).
    #[arg(long)]
    email: bool,
    /// Which letter (letter): one per person, each with a reference number. A visa letter
    /// needs each person's passport number and date of birth; certificates go only to people
    /// checked in at the desk, and the others are named in a note.
    #[arg(long, value_enum)]
    template: Option<crate::letters::LetterKind>,
    #[arg(long)]
    event: Option<String>,
    #[arg(long, value_name = "FILE.pdf")]
    out: PathBuf,
}

/// `print` lays out the document (`print::print`), saves it, and names on stderr each
/// character that no font could draw; then the outcome is a warning (exit code 3).
pub(super) fn print(conn: &mut Connection, p: Print, out: &mut dyn Write) -> Result<Outcome> {
    let lang = p.lang.as_deref().map(language).transpose()?;
    let also = p.also.as_deref().map(language).transpose()?;
    let request = PrintRequest {
        event_id: ops::resolve_event(conn, p.event.as_deref())?,
        kind: p.kind,
        day: p.day,
        room: p.room,
        person: p.person,
        country: p.country,
        paper: p.paper,
        layout: p.layout,
        lang,
        also,
        edition: p.edition,
        revision: p.revision,
        include_email: p.email,
        letter: p.template,
    };
    // The print date in the footer is the organiser's day, so it is taken in the local zone.
    let today = clock::now().with_timezone(&chrono::Local).date_naive();
    let printed = crate::print::print_issuing(conn, &request, today, clock::now())?;
    crate::print::save(&printed, &p.out)?;
    for note in &printed.notes {
        eprintln!("note: {}", note.message);
    }
    for missing in &printed.missing_glyphs {
        eprintln!("warning: no installed font can draw {missing}");
    }
    let pages = printed.pages;
    let noun = if pages == 1 { "page" } else { "pages" };
    line(
        out,
        format_args!("Wrote {pages} {noun} to {}.", p.out.display()),
    )?;
    if printed.missing_glyphs.is_empty() {
        Ok(Outcome::Done)
    } else {
        Ok(Outcome::Warnings)
    }
}

/// A language flag's value; an unknown one is refused as `error: lang: ...` (exit code 1).
fn language(given: &str) -> Result<Lang> {
    super::events::parse_language("lang", given)
}
