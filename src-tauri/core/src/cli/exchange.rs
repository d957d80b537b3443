//! Data in and out: `plenary import attendees` and `plenary export …`.

use super::output::{io, line};
use super::Outcome;
use crate::exchange::import::ImportOptions;
use crate::exchange::{self, ListKind, ScheduleFormat, TableFormat};
use crate::sql::Connection;
use crate::{files, ops, Code, Error, Message, Result};
use clap::{Args, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// Import attendees. Every problem is printed as "line N: field: message" on standard
    /// error, and then nothing is imported (unless --valid-only).
    Attendees {
        file: PathBuf,
        #[arg(long)]
        event: Option<String>,
        /// Check the file and print the report; change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Import the valid rows and skip the invalid ones.
        #[arg(long)]
        valid_only: bool,
        /// The category of rows whose file gives none.
        #[arg(long, default_value = "guest")]
        category: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// Every attendee, with the columns of `attendee list --json`.
    Attendees(ListExport),
    /// Per-country counts, heads and members (XLSX adds a roster sheet).
    Delegations(ListExport),
    /// The sessions in time order.
    Sessions(ListExport),
    /// Every speaker assignment.
    Assignments(ListExport),
    /// Every sign-up.
    Signups(ListExport),
    /// The list of participants: by section, then delegation (English UN short names), the
    /// head of delegation first.
    Participants(ListExport),
    /// The programme, or one person's (their talks and sign-ups).
    Schedule {
        #[arg(long, value_enum)]
        format: ScheduleFormatArg,
        /// Only this attendee's sessions (ics or csv).
        #[arg(long)]
        person: Option<String>,
        #[arg(long)]
        event: Option<String>,
        /// The file to write; without it the text goes to standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Args, Debug)]
pub struct ListExport {
    #[arg(long, value_enum)]
    format: TableFormatArg,
    /// Attendees only: add passport numbers and dates of birth (personal data; a warning is
    /// printed).
    #[arg(long)]
    include_sensitive: bool,
    #[arg(long)]
    event: Option<String>,
    /// The file to write; without it CSV goes to standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum TableFormatArg {
    Csv,
    Xlsx,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum ScheduleFormatArg {
    Ics,
    FrabXml,
    FrabJson,
    Csv,
}

/// `import attendees` previews the file (every problem on stderr), then commits it all or,
/// with `--valid-only`, its valid rows (`exchange::import::backup_and_commit`).
pub(super) fn import(
    conn: &mut Connection,
    db_path: &Path,
    command: ImportCommand,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let ImportCommand::Attendees {
        file,
        event,
        dry_run,
        valid_only,
        category,
    } = command;
    let event_id = ops::resolve_event(conn, event.as_deref())?;
    let table = exchange::read::read_file(&file)?;
    let columns = exchange::mapping::suggest(&table.headers);
    let options = ImportOptions {
        default_category: category,
    };
    for c in columns.iter().filter(|c| c.unknown) {
        eprintln!(
            "note: column {:?} is not an attendee field and is not imported",
            c.header
        );
    }
    // The command line prints every problem, not just the first thousand.
    let preview = exchange::import::preview_with_limit(
        conn,
        &event_id,
        &table,
        &columns,
        &options,
        usize::MAX,
    )?;
    for p in &preview.problems {
        eprintln!("{p}");
    }
    if dry_run {
        line(
            out,
            format_args!(
                "Dry run, nothing changed: {} new, {} to update, {} unchanged, {} invalid.",
                preview.new_rows,
                preview.updated_rows,
                preview.unchanged_rows,
                preview.invalid_rows
            ),
        )?;
    }
    if preview.invalid_rows > 0 && !valid_only {
        return Err(nothing_imported(preview.invalid_rows));
    }
    if dry_run {
        return Ok(Outcome::Done);
    }
    let report = exchange::import::backup_and_commit(
        conn,
        db_path,
        &event_id,
        &table,
        &columns,
        &options,
        valid_only,
        &mut |_, _| {},
    )?;
    line(
        out,
        format_args!(
            "Imported {} attendees ({} updated, {} unchanged, {} invalid rows skipped).",
            report.imported, report.updated, report.unchanged, report.skipped
        ),
    )?;
    Ok(Outcome::Done)
}

/// `export …` writes a list (`exchange::export_list_with`) or the programme
/// (`exchange::export_schedule`) to `--out`, or text to standard output.
pub(super) fn export(
    conn: &Connection,
    command: ExportCommand,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let (bytes, binary, file) = match command {
        ExportCommand::Schedule {
            format,
            person,
            event,
            out: file,
        } => {
            // A person's schedule belongs to their event, so --person alone is enough.
            let event_id = match (&event, &person) {
                (None, Some(person)) => ops::get_attendee(conn, person)?.event_id,
                _ => ops::resolve_event(conn, event.as_deref())?,
            };
            let format = match format {
                ScheduleFormatArg::Ics => ScheduleFormat::Ics,
                ScheduleFormatArg::FrabXml => ScheduleFormat::FrabXml,
                ScheduleFormatArg::FrabJson => ScheduleFormat::FrabJson,
                ScheduleFormatArg::Csv => ScheduleFormat::Csv,
            };
            let bytes = exchange::export_schedule(conn, &event_id, person.as_deref(), format)?;
            (bytes, false, file)
        }
        ExportCommand::Attendees(list) => list_export(conn, ListKind::Attendees, list)?,
        ExportCommand::Delegations(list) => list_export(conn, ListKind::Delegations, list)?,
        ExportCommand::Sessions(list) => list_export(conn, ListKind::Sessions, list)?,
        ExportCommand::Assignments(list) => list_export(conn, ListKind::Assignments, list)?,
        ExportCommand::Signups(list) => list_export(conn, ListKind::Signups, list)?,
        ExportCommand::Participants(list) => list_export(conn, ListKind::Participants, list)?,
    };
    match file {
        Some(path) => files::write_atomically(&path, &bytes)?,
        None if binary => return Err(Error::invalid("out", Code::XlsxNeedsOut)),
        None => out.write_all(&bytes).map_err(io)?,
    }
    Ok(Outcome::Done)
}

fn nothing_imported(invalid: u32) -> Error {
    Error::Ambiguous(Message::new(Code::NothingImported).param("count", invalid))
}

/// A list's bytes, whether they are binary (XLSX), and the file to write them to.
fn list_export(
    conn: &Connection,
    kind: ListKind,
    list: ListExport,
) -> Result<(Vec<u8>, bool, Option<PathBuf>)> {
    let event_id = ops::resolve_event(conn, list.event.as_deref())?;
    let format = match list.format {
        TableFormatArg::Csv => TableFormat::Csv,
        TableFormatArg::Xlsx => TableFormat::Xlsx,
    };
    if list.include_sensitive {
        eprintln!(
            "warning: this export holds passport numbers and dates of birth; keep it safe and delete it when it is no longer needed"
        );
    }
    let bytes = exchange::export_list_with(conn, &event_id, kind, format, list.include_sensitive)?;
    Ok((bytes, format == TableFormat::Xlsx, list.out))
}
