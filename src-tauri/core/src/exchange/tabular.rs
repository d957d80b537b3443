//! The lists as tables, written as Excel-safe CSV or as typed XLSX: attendees, delegations
//! (per-country counts, and the roster), sessions, speaker assignments, sign-ups, and the
//! programme (or one person's agenda). Every list opens on the columns people read (names,
//! countries, titles, times); its ids and record times come last, for programs and for the
//! import, which matches columns by name.

use crate::model::Attendee;
use crate::schedule::model::Session;
use crate::schedule::ops as sched;
use crate::sql::Connection;
use crate::{countries, names, ops, Code, Error, Result};
use chrono::{DateTime, FixedOffset, NaiveDateTime};
use std::collections::HashMap;

/// One cell, typed so that XLSX can write numbers as numbers and times as times.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Bool(bool),
    /// A local date and time in the event's zone.
    Time(NaiveDateTime),
    Empty,
}

impl Cell {
    fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::Text(s) => s.as_str().into(),
            Cell::Int(i) => i.to_string().into(),
            Cell::Bool(b) => if *b { "true" } else { "false" }.into(),
            Cell::Time(t) => t.format("%Y-%m-%d %H:%M").to_string().into(),
            Cell::Empty => "".into(),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

/// A sheet: a name, a header row and data rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

// ---- CSV ------------------------------------------------------------------------------------

/// Characters that make a spreadsheet read a cell as a formula, with their full-width forms.
const FORMULA_STARTS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// Guards a cell against formula injection: a value that a spreadsheet would run as a
/// formula gets a leading `'`. A value that already starts with `'` gets one too, so that
/// [`unguard`] gives back exactly the original.
pub fn guard(value: &str) -> std::borrow::Cow<'_, str> {
    match value.chars().next() {
        Some(c) if FORMULA_STARTS.contains(&c) || c == '\'' => format!("'{value}").into(),
        _ => value.into(),
    }
}

/// Undoes [`guard`]: a `'` followed by a formula character or another `'` is dropped. A `'`
/// before anything else is the user's own and stays.
pub fn unguard(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest)
            if rest
                .chars()
                .next()
                .is_some_and(|c| FORMULA_STARTS.contains(&c) || c == '\'') =>
        {
            rest
        }
        _ => value,
    }
}

/// The sheet as CSV: UTF-8 with a byte-order mark and CRLF line ends, so that Excel shows
/// every script right, with every cell guarded against formula injection.
pub fn to_csv(sheet: &Sheet) -> Result<Vec<u8>> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let fail = |e: csv::Error| Error::Io {
            path: "CSV".into(),
            source: std::io::Error::other(e.to_string()),
        };
        writer.write_record(&sheet.headers).map_err(fail)?;
        for row in &sheet.rows {
            for cell in row {
                writer
                    .write_field(guard(&cell.text()).as_bytes())
                    .map_err(fail)?;
            }
            writer.write_record(None::<&[u8]>).map_err(fail)?;
        }
        writer.flush().map_err(|source| Error::Io {
            path: "CSV".into(),
            source,
        })?;
    }
    Ok(out)
}

// ---- XLSX -----------------------------------------------------------------------------------

/// The sheets as an XLSX workbook: a bold header row, frozen below it, with an autofilter;
/// strings are written as strings (never parsed as numbers or formulas), whole numbers as
/// numbers, booleans as booleans and times as Excel dates.
pub fn to_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| Error::Io {
        path: "XLSX".into(),
        source: std::io::Error::other(e.to_string()),
    };
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let time = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for sheet in sheets {
        let ws = workbook.add_worksheet();
        ws.set_name(sheet_name(&sheet.name)).map_err(fail)?;
        let mut widths: Vec<usize> = sheet.headers.iter().map(|h| h.len()).collect();
        for (col, header) in sheet.headers.iter().enumerate() {
            ws.write_string_with_format(0, col_index(col), *header, &bold)
                .map_err(fail)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = u32::try_from(r + 1)
                .map_err(|_| Error::invalid("rows", Code::TooManyRowsForSheet))?;
            for (col, cell) in row.iter().enumerate() {
                let c = col_index(col);
                match cell {
                    Cell::Text(s) => ws
                        .write_string(r, c, fit_excel_cell(s).as_ref())
                        .map(|_| ()),
                    // Excel's numbers are doubles; ids and counts here are far below 2^53.
                    Cell::Int(i) => ws.write_number(r, c, *i as f64).map(|_| ()),
                    Cell::Bool(b) => ws.write_boolean(r, c, *b).map(|_| ()),
                    Cell::Time(t) => {
                        let dt = ExcelDateTime::parse_from_str(
                            &t.format("%Y-%m-%dT%H:%M:%S").to_string(),
                        )
                        .map_err(fail)?;
                        ws.write_datetime_with_format(r, c, &dt, &time).map(|_| ())
                    }
                    Cell::Empty => Ok(()),
                }
                .map_err(fail)?;
                if let Some(w) = widths.get_mut(col) {
                    *w = (*w).max(cell.text().chars().count().min(60));
                }
            }
        }
        for (col, width) in widths.iter().enumerate() {
            ws.set_column_width(col_index(col), (*width as f64 + 2.0).max(8.0))
                .map_err(fail)?;
        }
        ws.set_freeze_panes(1, 0).map_err(fail)?;
        if !sheet.headers.is_empty() {
            let last_row = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
            ws.autofilter(0, 0, last_row, col_index(sheet.headers.len() - 1))
                .map_err(fail)?;
        }
    }
    workbook.save_to_buffer().map_err(fail)
}

fn col_index(col: usize) -> u16 {
    u16::try_from(col).unwrap_or(u16::MAX)
}

/// Excel sheet names: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    name.chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}

// ---- the lists ------------------------------------------------------------------------------

/// A column of a list: its header and the cell it shows of one item. Each list is one table
/// of these, so a header and its cells cannot drift apart when the order changes.
type Column<T> = (&'static str, fn(&T) -> Cell);

/// The headers of a table of columns.
const fn headers<T, const N: usize>(columns: &[Column<T>; N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = columns[i].0;
        i += 1;
    }
    out
}

fn row_of<T>(columns: &[Column<T>], item: &T) -> Vec<Cell> {
    columns.iter().map(|(_, cell)| cell(item)).collect()
}

/// The attendee export, in the order a person reads it: who the person is and how to reach
/// them, then the record's own keys and times (which the import matches by `id` or reads
/// past), so that the file does not open on two columns of ids. The headers are the keys of
/// `attendee list --json`, so an export maps itself when imported again.
const ATTENDEE: [Column<Attendee>; 22] = [
    ("honorific", |a| a.honorific.as_str().into()),
    ("given_name", |a| a.given_name.as_str().into()),
    ("family_name", |a| a.family_name.as_str().into()),
    ("given_name_latin", |a| a.given_name_latin.as_str().into()),
    ("family_name_latin", |a| a.family_name_latin.as_str().into()),
    ("country", |a| a.country.as_str().into()),
    ("organization", |a| a.organization.as_str().into()),
    ("position", |a| a.position.as_str().into()),
    ("category", |a| a.category.as_str().into()),
    ("email", |a| a.email.as_str().into()),
    ("phone", |a| a.phone.as_str().into()),
    ("languages", |a| a.languages.join("; ").into()),
    ("dietary", |a| a.dietary.as_str().into()),
    ("accessibility", |a| a.accessibility.as_str().into()),
    ("notes", |a| a.notes.as_str().into()),
    ("attending", |a| Cell::Bool(a.attending)),
    ("name_order", |a| a.name_order.as_str().into()),
    // The bookkeeping: from here on, the columns describe the record, not the person.
    ("id", |a| a.id.as_str().into()),
    ("event_id", |a| a.event_id.as_str().into()),
    ("checked_in_at", |a| {
        a.checked_in_at.clone().map_or(Cell::Empty, Cell::Text)
    }),
    ("created_at", |a| a.created_at.as_str().into()),
    ("updated_at", |a| a.updated_at.as_str().into()),
];

/// The columns of the attendee export, in their order: the keys of `attendee list --json`,
/// the person's details first and the bookkeeping (from `id` on) last.
pub const ATTENDEE_COLUMNS: [&str; 22] = headers(&ATTENDEE);

/// The first of the attendee export's bookkeeping columns.
const FIRST_BOOKKEEPING: &str = "id";

/// Every attendee of an event with their passport number and date of birth as two more
/// columns, after the person's details and before the bookkeeping: only for an export the
/// user explicitly asked to include them in.
pub fn attendees_with_sensitive(conn: &Connection, event_id: &str) -> Result<Sheet> {
    let mut sheet = attendees(conn, event_id)?;
    let data = crate::sensitive::for_event(conn, event_id)?;
    let at = sheet
        .headers
        .iter()
        .position(|h| *h == FIRST_BOOKKEEPING)
        .ok_or_else(|| Error::invalid("list", Code::NoIdColumn))?;
    sheet
        .headers
        .splice(at..at, ["passport_number", "date_of_birth"]);
    for row in &mut sheet.rows {
        let found = match row.get(at) {
            Some(Cell::Text(id)) => data.get(id),
            _ => None,
        };
        let passport = found.map_or(Cell::Empty, |d| d.passport_number.as_str().into());
        let birth = found.map_or(Cell::Empty, |d| d.date_of_birth.as_str().into());
        row.splice(at..at, [passport, birth]);
    }
    Ok(sheet)
}

/// Every attendee of an event, in list order (never their sensitive fields).
pub fn attendees(conn: &Connection, event_id: &str) -> Result<Sheet> {
    // Read straight from the store: the in-memory search directory is not needed here.
    ops::get_event(conn, event_id)?;
    let list = crate::store::attendees::list_with_keys(conn, event_id)?;
    Ok(Sheet {
        name: "Attendees".into(),
        headers: ATTENDEE_COLUMNS.to_vec(),
        rows: list.iter().map(|(a, _)| row_of(&ATTENDEE, a)).collect(),
    })
}

/// One row per country: its size, head and categories; the roster is a second sheet.
pub fn delegations(conn: &Connection, event_id: &str) -> Result<Vec<Sheet>> {
    let event = ops::get_event(conn, event_id)?;
    let people = ops::list_attendees(conn, event_id, &Default::default())?;
    let mut members: HashMap<&str, Vec<String>> = HashMap::new();
    for a in &people {
        members
            .entry(a.country.as_str())
            .or_default()
            .push(names::display(a, event.family_name_upper));
    }
    let summary = ops::list_delegations(conn, event_id)?
        .iter()
        .map(|d| {
            vec![
                d.country.as_str().into(),
                countries::name(&d.country).unwrap_or_default().into(),
                Cell::Int(i64::from(d.count)),
                d.head_name.clone().unwrap_or_default().into(),
                d.categories
                    .iter()
                    .map(|c| format!("{}: {}", c.category, c.count))
                    .collect::<Vec<_>>()
                    .join("; ")
                    .into(),
                members
                    .get(d.country.as_str())
                    .map(|m| m.join("; "))
                    .unwrap_or_default()
                    .into(),
            ]
        })
        .collect();
    let mut roster: Vec<&Attendee> = people.iter().map(AsRef::as_ref).collect();
    // The attendee list is in name order already; a stable sort keeps it within a country.
    roster.sort_by(|a, b| a.country.cmp(&b.country));
    Ok(vec![
        Sheet {
            name: "Delegations".into(),
            headers: vec![
                "country",
                "country_name",
                "count",
                "head",
                "categories",
                "members",
            ],
            rows: summary,
        },
        Sheet {
            name: "Roster".into(),
            // The id last, after what people read.
            headers: vec![
                "country",
                "name",
                "category",
                "organization",
                "position",
                "email",
                "attending",
                "id",
            ],
            rows: roster
                .iter()
                .map(|a| {
                    vec![
                        a.country.as_str().into(),
                        names::display(a, event.family_name_upper).into(),
                        a.category.as_str().into(),
                        a.organization.as_str().into(),
                        a.position.as_str().into(),
                        a.email.as_str().into(),
                        Cell::Bool(a.attending),
                        a.id.as_str().into(),
                    ]
                })
                .collect(),
        },
    ])
}

fn local(rfc3339: &str) -> Cell {
    DateTime::<FixedOffset>::parse_from_rfc3339(rfc3339).map_or_else(
        |_| Cell::Text(rfc3339.to_owned()),
        |t| Cell::Time(t.naive_local()),
    )
}

fn opt_int(value: Option<u32>) -> Cell {
    value.map_or(Cell::Empty, |v| Cell::Int(i64::from(v)))
}

/// A session's columns as people read them: when, what, where and who.
const SESSION: [Column<Session>; 10] = [
    ("start", |s| local(&s.start)),
    ("end", |s| local(&s.end)),
    ("title", |s| s.title.as_str().into()),
    ("type", |s| s.kind.as_str().into()),
    ("room", |s| s.room.clone().unwrap_or_default().into()),
    ("track", |s| s.track.as_str().into()),
    ("speakers", |s| {
        s.speakers
            .iter()
            .map(|p| format!("{} ({})", p.name, p.role.as_str()))
            .collect::<Vec<_>>()
            .join("; ")
            .into()
    }),
    ("capacity", |s| opt_int(s.capacity)),
    ("signups", |s| Cell::Int(i64::from(s.signups))),
    ("description", |s| s.description.as_str().into()),
];

/// A session's keys for programs, after what people read: its start in UTC and its id.
const SESSION_KEYS: [Column<Session>; 2] = [
    ("start_utc", |s| {
        DateTime::<FixedOffset>::parse_from_rfc3339(&s.start)
            .map(|t| t.to_utc().format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .unwrap_or_default()
            .into()
    }),
    ("id", |s| s.id.as_str().into()),
];

/// The programme: every session in time order, times local to the event.
pub fn sessions(conn: &Connection, event_id: &str) -> Result<Sheet> {
    let list = sched::list_sessions(conn, event_id, None)?;
    Ok(Sheet {
        name: "Sessions".into(),
        headers: [headers(&SESSION).as_slice(), &headers(&SESSION_KEYS)].concat(),
        rows: list
            .iter()
            .map(|s| [row_of(&SESSION, s), row_of(&SESSION_KEYS, s)].concat())
            .collect(),
    })
}

/// One person's agenda: their talks with roles, and their sign-ups.
pub fn person_agenda(conn: &Connection, person_id: &str) -> Result<Sheet> {
    let agenda = sched::person_agenda(conn, person_id)?;
    Ok(Sheet {
        name: "Agenda".into(),
        headers: [
            headers(&SESSION).as_slice(),
            &["roles", "signed_up"],
            &headers(&SESSION_KEYS),
        ]
        .concat(),
        rows: agenda
            .iter()
            .map(|item| {
                let roles = item
                    .roles
                    .iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join("; ");
                [
                    row_of(&SESSION, &item.session),
                    vec![roles.into(), Cell::Bool(item.signed_up)],
                    row_of(&SESSION_KEYS, &item.session),
                ]
                .concat()
            })
            .collect(),
    })
}

/// Every speaker assignment, session by session in speaking order.
pub fn assignments(conn: &Connection, event_id: &str) -> Result<Sheet> {
    let people: HashMap<String, std::sync::Arc<Attendee>> =
        ops::list_attendees(conn, event_id, &Default::default())?
            .into_iter()
            .map(|a| (a.id.clone(), a))
            .collect();
    let mut rows = Vec::new();
    for s in sched::list_sessions(conn, event_id, None)? {
        for p in &s.speakers {
            let person = people.get(&p.person_id);
            rows.push(vec![
                s.title.as_str().into(),
                local(&s.start),
                s.room.clone().unwrap_or_default().into(),
                p.name.as_str().into(),
                person.map(|a| a.country.clone()).unwrap_or_default().into(),
                p.role.as_str().into(),
                Cell::Int(i64::from(p.position)),
                p.home_timezone.as_str().into(),
                p.assignment_id.as_str().into(),
                s.id.as_str().into(),
                p.person_id.as_str().into(),
            ]);
        }
    }
    Ok(Sheet {
        name: "Assignments".into(),
        // The ids last, after what people read.
        headers: vec![
            "session_title",
            "start",
            "room",
            "name",
            "country",
            "role",
            "position",
            "home_timezone",
            "id",
            "session_id",
            "person_id",
        ],
        rows,
    })
}

/// Every sign-up, session by session.
pub fn signups(conn: &Connection, event_id: &str) -> Result<Sheet> {
    let event = ops::get_event(conn, event_id)?;
    let people: HashMap<String, std::sync::Arc<Attendee>> =
        ops::list_attendees(conn, event_id, &Default::default())?
            .into_iter()
            .map(|a| (a.id.clone(), a))
            .collect();
    let mut by_session: HashMap<String, Vec<String>> = HashMap::new();
    for (session, person) in crate::store::signups::list_for_event(conn, event_id)? {
        by_session.entry(session).or_default().push(person);
    }
    let mut rows = Vec::new();
    for s in sched::list_sessions(conn, event_id, None)? {
        for person_id in by_session.remove(&s.id).unwrap_or_default() {
            let person = people.get(&person_id);
            rows.push(vec![
                s.title.as_str().into(),
                local(&s.start),
                person
                    .map(|a| names::display(a, event.family_name_upper))
                    .unwrap_or_default()
                    .into(),
                person.map(|a| a.country.clone()).unwrap_or_default().into(),
                person.map(|a| a.email.clone()).unwrap_or_default().into(),
                s.id.as_str().into(),
                person_id.as_str().into(),
            ]);
        }
    }
    Ok(Sheet {
        name: "Sign-ups".into(),
        // The ids last, after what people read.
        headers: vec![
            "session_title",
            "start",
            "name",
            "country",
            "email",
            "session_id",
            "person_id",
        ],
        rows,
    })
}

/// Excel's limit on the text in one cell, in UTF-16 units.
const EXCEL_CELL_TEXT: usize = 32_767;

/// `text`, cut with a note where Excel's limit falls (a large delegation's member list can
/// pass it; the Roster sheet lists every member on a row of their own).
fn fit_excel_cell(text: &str) -> std::borrow::Cow<'_, str> {
    const NOTE: &str = " … (cut here: an Excel cell holds at most 32,767 characters)";
    if text.encode_utf16().count() <= EXCEL_CELL_TEXT {
        return std::borrow::Cow::Borrowed(text);
    }
    let budget = EXCEL_CELL_TEXT - NOTE.encode_utf16().count();
    let (mut used, mut end) = (0, 0);
    for (i, c) in text.char_indices() {
        if used + c.len_utf16() > budget {
            break;
        }
        used += c.len_utf16();
        end = i + c.len_utf8();
    }
    std::borrow::Cow::Owned(format!("{}{NOTE}", &text[..end]))
}

/// The list of participants in its printed order (`participants::list`, countries by their
/// English UN short name): section, delegation, then each person's line; the head of
/// delegation is marked. Emails are not in it: the printed list shows them only when asked.
pub fn participants(conn: &Connection, event_id: &str) -> Result<Sheet> {
    let event = ops::get_event(conn, event_id)?;
    let list = crate::participants::list(
        conn,
        event_id,
        |code| countries::name(code).unwrap_or(code).to_owned(),
        "",
        |a, b| crate::collation::for_lang(crate::Lang::En).compare(a, b),
    )?;
    let mut rows = Vec::new();
    for (section, groups) in list {
        for g in groups {
            for (i, a) in g.people.iter().enumerate() {
                let lines = names::NameParts::from(a.as_ref()).lines(event.family_name_upper);
                rows.push(vec![
                    section.as_str().into(),
                    g.country.as_str().into(),
                    g.name.as_str().into(),
                    names::clean(&a.honorific).into(),
                    lines.first.into(),
                    lines.second.into(),
                    a.position.trim().into(),
                    a.organization.trim().into(),
                    (if i == 0 && g.has_head { "yes" } else { "" }).into(),
                    a.id.as_str().into(),
                ]);
            }
        }
    }
    Ok(Sheet {
        name: "Participants".into(),
        headers: vec![
            "section",
            "country",
            "delegation",
            "honorific",
            "name",
            "native_name",
            "position",
            "organization",
            "head_of_delegation",
            "id",
        ],
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_guarded_and_restored() {
        for value in [
            "=1+1",
            "+86 21 5555 0101",
            "-5",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "＝1",
            "＋86",
            "－1",
            "＠x",
            "'quoted",
            "''=x",
        ] {
            let guarded = guard(value);
            assert!(guarded.starts_with('\''), "{value:?} is guarded");
            assert_eq!(
                unguard(&guarded),
                value,
                "{value:?} survives the round trip"
            );
        }
        for value in ["Plain", "", "张伟", "'hello"] {
            assert_eq!(unguard(value), value, "{value:?} is read as written");
        }
        assert_eq!(guard("Plain"), "Plain");
    }

    #[test]
    fn csv_has_a_bom_and_crlf() -> Result<()> {
        let sheet = Sheet {
            name: "x".into(),
            headers: vec!["name", "phone"],
            rows: vec![vec!["张伟, Jr.".into(), "+86 21".into()]],
        };
        let bytes = to_csv(&sheet)?;
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
        let text =
            String::from_utf8(bytes[3..].to_vec()).map_err(|e| Error::bad_stored(e, "csv"))?;
        assert_eq!(text, "name,phone\r\n\"张伟, Jr.\",'+86 21\r\n");
        Ok(())
    }
}
