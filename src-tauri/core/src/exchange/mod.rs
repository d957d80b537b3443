//! Data in and out: attendee import from CSV and XLSX files (with a preview), and exports of
//! the lists as Excel-safe CSV and XLSX, of the programme as iCalendar, and of the schedule in
//! the frab/c3voc formats that conference apps read.
//!
//! Every export is built in memory and written with [`crate::files::write_atomically`], so a
//! crash leaves either no file or the previous complete one.

pub mod frab;
pub mod ics;
pub mod import;
pub mod mapping;
pub mod read;
pub mod tabular;

use crate::sql::Connection;
use crate::{Code, Error, Result};
use serde::{Deserialize, Serialize};

/// A list that can be exported as a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    Attendees,
    Delegations,
    Sessions,
    Assignments,
    Signups,
    /// The list of participants, by section and delegation.
    Participants,
}

impl ListKind {
    /// The snake_case name, as in file names and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            ListKind::Attendees => "attendees",
            ListKind::Delegations => "delegations",
            ListKind::Sessions => "sessions",
            ListKind::Assignments => "assignments",
            ListKind::Signups => "signups",
            ListKind::Participants => "participants",
        }
    }
}

/// A file format for the lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TableFormat {
    Csv,
    Xlsx,
}

/// A file format for the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ScheduleFormat {
    Ics,
    FrabXml,
    FrabJson,
    Csv,
}

impl ScheduleFormat {
    /// The usual file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            ScheduleFormat::Ics => "ics",
            ScheduleFormat::FrabXml => "xml",
            ScheduleFormat::FrabJson => "json",
            ScheduleFormat::Csv => "csv",
        }
    }
}

/// A list of an event as file bytes, without sensitive fields.
pub fn export_list(
    conn: &Connection,
    event_id: &str,
    kind: ListKind,
    format: TableFormat,
) -> Result<Vec<u8>> {
    export_list_with(conn, event_id, kind, format, false)
}

/// [`export_list`]; with `include_sensitive`, the attendee list also carries passport numbers
/// and dates of birth (the caller warns the user first).
pub fn export_list_with(
    conn: &Connection,
    event_id: &str,
    kind: ListKind,
    format: TableFormat,
    include_sensitive: bool,
) -> Result<Vec<u8>> {
    if include_sensitive && kind != ListKind::Attendees {
        return Err(Error::invalid(
            "include_sensitive",
            Code::SensitiveOnlyInList,
        ));
    }
    let sheets = match kind {
        ListKind::Attendees if include_sensitive => {
            vec![tabular::attendees_with_sensitive(conn, event_id)?]
        }
        ListKind::Attendees => vec![tabular::attendees(conn, event_id)?],
        ListKind::Delegations => tabular::delegations(conn, event_id)?,
        ListKind::Sessions => vec![tabular::sessions(conn, event_id)?],
        ListKind::Assignments => vec![tabular::assignments(conn, event_id)?],
        ListKind::Signups => vec![tabular::signups(conn, event_id)?],
        ListKind::Participants => vec![tabular::participants(conn, event_id)?],
    };
    match format {
        TableFormat::Xlsx => tabular::to_xlsx(&sheets),
        // A CSV holds one table: the first sheet (for delegations, the summary with members).
        TableFormat::Csv => tabular::to_csv(
            sheets
                .first()
                .ok_or_else(|| Error::invalid("list", Code::NothingToExport))?,
        ),
    }
}

/// The programme of an event, or with `person` one attendee's own, as file bytes.
pub fn export_schedule(
    conn: &Connection,
    event_id: &str,
    person: Option<&str>,
    format: ScheduleFormat,
) -> Result<Vec<u8>> {
    if let Some(person) = person {
        let attendee = crate::ops::get_attendee(conn, person)?;
        if attendee.event_id != event_id {
            return Err(Error::invalid("person", Code::NotInEvent));
        }
    }
    Ok(match (format, person) {
        (ScheduleFormat::Ics, None) => ics::programme(conn, event_id)?.into_bytes(),
        (ScheduleFormat::Ics, Some(p)) => ics::person(conn, p)?.into_bytes(),
        (ScheduleFormat::Csv, None) => tabular::to_csv(&tabular::sessions(conn, event_id)?)?,
        (ScheduleFormat::Csv, Some(p)) => tabular::to_csv(&tabular::person_agenda(conn, p)?)?,
        (ScheduleFormat::FrabXml | ScheduleFormat::FrabJson, Some(_)) => {
            return Err(Error::invalid("person", Code::WholeProgrammeOnly))
        }
        (ScheduleFormat::FrabXml, None) => frab::xml(conn, event_id)?.into_bytes(),
        (ScheduleFormat::FrabJson, None) => frab::json(conn, event_id)?.into_bytes(),
    })
}

#[cfg(test)]
mod tests {
    use super::ListKind;

    #[test]
    fn list_names_match_their_serialised_form() {
        for kind in [
            ListKind::Attendees,
            ListKind::Delegations,
            ListKind::Sessions,
            ListKind::Assignments,
            ListKind::Signups,
        ] {
            assert_eq!(
                serde_json::to_value(kind).ok(),
                Some(serde_json::Value::from(kind.as_str()))
            );
        }
    }
}
