//! Tauri commands for printing: what the print dialog offers, a preview of the pages, saving
//! the PDF where the user chooses, and handing it to the operating system to print. The PDF
//! is made by `plenary_core::print`, the same path as the CLI's `plenary print`.

use crate::error::ApiError;
use crate::state::AppState;
use plenary_core::messages::Coded;
use plenary_core::print::{self, PagePreview, PrintOptions, PrintRequest, Printed};
use plenary_core::{files, Error};
use serde::Serialize;
use tauri::State;

type Reply<T> = Result<T, ApiError>;

/// How many pages the preview draws; the dialog says how many more there are.
const PREVIEW_PAGES: usize = 12;

/// A document written to a file.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct PrintedFile {
    pub path: String,
    pub pages: u32,
    /// Characters that no installed font could draw, each with the text it is in (English).
    pub missing_glyphs: Vec<String>,
    /// The same as message codes: what the app shows.
    pub missing_glyph_messages: Vec<Coded>,
}

fn today() -> chrono::NaiveDate {
    plenary_core::clock::today_local()
}

/// Lays a document out on a blocking thread: typst takes from milliseconds to seconds.
async fn render<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&plenary_core::db::Connection) -> plenary_core::Result<T> + Send + 'static,
) -> Reply<T> {
    let conn = state.open()?;
    tauri::async_runtime::spawn_blocking(move || work(&conn))
        .await
        .map_err(|e| ApiError::from(Error::Render(e.to_string())))?
        .map_err(ApiError::from)
}

/// The days, rooms, delegations and speakers the event's documents can be printed for.
#[tauri::command]
#[specta::specta]
pub async fn print_options(state: State<'_, AppState>, event_id: String) -> Reply<PrintOptions> {
    Ok(print::options(&state.open()?, &event_id)?)
}

/// The first pages of a document as SVG, with the page count and any missing glyphs.
#[tauri::command]
#[specta::specta]
pub async fn preview_document(
    state: State<'_, AppState>,
    request: PrintRequest,
) -> Reply<PagePreview> {
    render(&state, move |conn| {
        print::preview(conn, &request, today(), PREVIEW_PAGES)
    })
    .await
}

/// Saves a document as PDF where the user chooses; `None` when they cancel.
#[tauri::command]
#[specta::specta]
pub async fn save_document(
    state: State<'_, AppState>,
    request: PrintRequest,
) -> Reply<Option<PrintedFile>> {
    let printed: Printed =
        render(&state, move |conn| print::print(conn, &request, today())).await?;
    let chosen = state
        .save_dialog
        .as_ref()
        .and_then(|ask| ask(&printed.file_name, "PDF", &["pdf"]));
    let Some(path) = chosen else {
        return Ok(None);
    };
    files::write_atomically(&path, &printed.pdf)?;
    Ok(Some(written(&printed, &path)))
}

/// Writes a document to the temporary folder and hands it to the operating system, whose PDF
/// viewer prints it.
#[tauri::command]
#[specta::specta]
pub async fn open_document(
    state: State<'_, AppState>,
    request: PrintRequest,
) -> Reply<PrintedFile> {
    let printed: Printed =
        render(&state, move |conn| print::print(conn, &request, today())).await?;
    let folder = std::env::temp_dir().join("plenary-print");
    let io = |source: std::io::Error| Error::Io {
        path: folder.display().to_string(),
        source,
    };
    std::fs::create_dir_all(&folder).map_err(io)?;
    let path = folder.join(&printed.file_name);
    files::write_atomically(&path, &printed.pdf)?;
    if let Some(open) = state.opener.as_ref() {
        open(&path).map_err(|message| Error::Io {
            path: path.display().to_string(),
            source: std::io::Error::other(message),
        })?;
    }
    Ok(written(&printed, &path))
}

fn written(printed: &Printed, path: &std::path::Path) -> PrintedFile {
    PrintedFile {
        path: path.display().to_string(),
        pages: printed.pages,
        missing_glyphs: printed.missing_glyphs.clone(),
        missing_glyph_messages: printed.missing_glyph_messages.clone(),
    }
}
