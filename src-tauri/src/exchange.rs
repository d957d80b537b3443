//! Tauri commands for data in and out: choosing a file to import, previewing it under a
//! column mapping, committing it with progress, and saving exports. Files are chosen with the
//! native dialogs opened from Rust; the UI never sends a path.

use crate::error::ApiError;
use crate::state::{AppState, PendingImport};
use plenary_core::exchange::import::{self, ImportOptions, ImportReport, Preview};
use plenary_core::exchange::mapping::{self, ColumnMapping, ImportField};
use plenary_core::exchange::{self as core, ListKind, ScheduleFormat, TableFormat};
use plenary_core::{file_names, files, ops, Code, Error};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;

type Reply<T> = Result<T, ApiError>;

/// A chosen file, read and previewed under the suggested mapping.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ImportStart {
    pub file_name: String,
    pub preview: Preview,
    /// Every field a column can be mapped to, in form order.
    pub fields: Vec<ImportField>,
}

/// How far a commit has got.
#[derive(Debug, Clone, Copy, Serialize, specta::Type)]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

/// Asks for a CSV or XLSX file, reads it and previews it; `None` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn choose_import_file(
    state: State<'_, AppState>,
    event_id: String,
) -> Reply<Option<ImportStart>> {
    let chosen = state
        .open_dialog
        .as_ref()
        .and_then(|ask| ask("Spreadsheets", &["csv", "xlsx", "txt", "tsv"]));
    let Some(path) = chosen else {
        return Ok(None);
    };
    let table = core::read::read_file(&path)?;
    let columns = mapping::suggest(&table.headers);
    let preview = import::preview(
        &*state.open()?,
        &event_id,
        &table,
        &columns,
        &ImportOptions::default(),
    )?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    *state.pending_import() = Some(PendingImport { table });
    Ok(Some(ImportStart {
        file_name,
        preview,
        fields: ImportField::ALL.to_vec(),
    }))
}

fn no_file() -> ApiError {
    Error::invalid("file", Code::ChooseImportFile).into()
}

/// Previews the chosen file again under a changed mapping or options.
#[tauri::command]
#[specta::specta]
pub async fn preview_import(
    state: State<'_, AppState>,
    event_id: String,
    columns: Vec<ColumnMapping>,
    options: ImportOptions,
) -> Reply<Preview> {
    let pending = state.pending_import();
    let table = &pending.as_ref().ok_or_else(no_file)?.table;
    Ok(import::preview(
        &*state.open()?,
        &event_id,
        table,
        &columns,
        &options,
    )?)
}

/// Imports the chosen file in one transaction, after an automatic backup: every row, or
/// with `valid_only` the valid ones. Progress goes to `on_progress`.
#[tauri::command]
#[specta::specta]
pub async fn commit_import(
    state: State<'_, AppState>,
    event_id: String,
    columns: Vec<ColumnMapping>,
    options: ImportOptions,
    valid_only: bool,
    on_progress: Channel<ImportProgress>,
) -> Reply<ImportReport> {
    // Opened first: if the store cannot be opened, the chosen file stays pending.
    let mut conn = state.open()?;
    let table = state.pending_import().take().ok_or_else(no_file)?.table;
    let result = import::backup_and_commit(
        &mut conn,
        &state.db_path(),
        &event_id,
        &table,
        &columns,
        &options,
        valid_only,
        &mut |done, total| {
            // A closed window stops listening; the import goes on regardless.
            let _ = on_progress.send(ImportProgress { done, total });
        },
    );
    if result.is_err() {
        // The user may fix the mapping and try again.
        *state.pending_import() = Some(PendingImport { table });
    }
    Ok(result?)
}

/// Forgets the chosen file.
#[tauri::command]
#[specta::specta]
pub async fn cancel_import(state: State<'_, AppState>) -> Reply<()> {
    *state.pending_import() = None;
    Ok(())
}

fn save(
    state: &AppState,
    name: &str,
    filter: &str,
    extension: &str,
    bytes: &[u8],
) -> Reply<Option<String>> {
    let chosen = state
        .save_dialog
        .as_ref()
        .and_then(|ask| ask(name, filter, &[extension]));
    let Some(path) = chosen else {
        return Ok(None);
    };
    files::write_atomically(&path, bytes)?;
    Ok(Some(path.display().to_string()))
}

/// Exports a list as CSV or XLSX to a file the user chooses; `None` when they cancel. With
/// `include_sensitive` (attendees only, after the UI's warning) it adds passport numbers and
/// dates of birth.
#[tauri::command]
#[specta::specta]
pub async fn export_list(
    state: State<'_, AppState>,
    event_id: String,
    kind: ListKind,
    format: TableFormat,
    include_sensitive: bool,
) -> Reply<Option<String>> {
    let conn = state.open()?;
    let bytes = core::export_list_with(&conn, &event_id, kind, format, include_sensitive)?;
    let (filter, extension) = match format {
        TableFormat::Csv => ("CSV", "csv"),
        TableFormat::Xlsx => ("Excel workbook", "xlsx"),
    };
    let event = ops::get_event(&conn, &event_id)?;
    let name = file_names::export(&event.name, kind.as_str(), None, extension);
    save(&state, &name, filter, extension, &bytes)
}

/// Exports the programme, or one person's, to a file the user chooses.
#[tauri::command]
#[specta::specta]
pub async fn export_schedule(
    state: State<'_, AppState>,
    event_id: String,
    person_id: Option<String>,
    format: ScheduleFormat,
) -> Reply<Option<String>> {
    let conn = state.open()?;
    let bytes = core::export_schedule(&conn, &event_id, person_id.as_deref(), format)?;
    let (what, filter) = match format {
        ScheduleFormat::Ics => ("programme", "iCalendar"),
        ScheduleFormat::FrabXml => ("schedule", "schedule.xml"),
        ScheduleFormat::FrabJson => ("schedule", "schedule.json"),
        ScheduleFormat::Csv => ("programme", "CSV"),
    };
    let event = ops::get_event(&conn, &event_id)?;
    let person = match &person_id {
        Some(person) => Some(ops::get_attendee(&conn, person)?),
        None => None,
    };
    let extension = format.extension();
    let name = file_names::export(&event.name, what, person.as_ref(), extension);
    save(&state, &name, filter, extension, &bytes)
}
