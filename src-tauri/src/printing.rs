//! Tauri commands for printing: what the print dialog offers, a preview of the pages, saving
//! the PDF where the user chooses, and handing it to the operating system to print. The PDF
//! is made by `plenary_core::print`, the same path as the CLI's `plenary print`.

use crate::error::ApiError;
use crate::state::AppState;
use plenary_core::letters::{self, LetterKind, LetterSettings, LetterTemplate, Letterhead};
use plenary_core::messages::Coded;
use plenary_core::print::{self, PagePreview, PrintOptions, PrintRequest, Printed};
use plenary_core::{clock, Lang};
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
    /// What was left out and why (no certificate for someone not checked in).
    pub notes: Vec<Coded>,
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

/// Prints on a blocking thread with a writable connection: letters get their reference numbers
/// first (`print::print_issuing`).
async fn render_issuing(state: &AppState, request: PrintRequest) -> Reply<Printed> {
    let mut conn = state.open()?;
    tauri::async_runtime::spawn_blocking(move || {
        print::print_issuing(&mut conn, &request, today(), clock::now())
    })
    .await
    .map_err(|e| ApiError::from(Error::Render(e.to_string())))?
    .map_err(ApiError::from)
}

/// The days, rooms, delegations and speakers the event's documents can be printed for.
#[tauri::command]
#[specta::specta]
pub async fn print_options(state: State<'_, AppState>, event_id: String) -> Reply<PrintOptions> {
    Ok(print::options(&*state.open()?, &event_id)?)
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
    let printed: Printed = render_issuing(&state, request).await?;
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
    let printed: Printed = render_issuing(&state, request).await?;
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
        notes: printed.notes.clone(),
    }
}

/// The letterhead of the event's letters, its defaults and the placeholders.
#[tauri::command]
#[specta::specta]
pub async fn letter_settings(
    state: State<'_, AppState>,
    event_id: String,
) -> Reply<LetterSettings> {
    Ok(letters::settings(&*state.open()?, &event_id)?)
}

/// Changes the letterhead (`plenary letter settings`).
#[tauri::command]
#[specta::specta]
pub async fn set_letterhead(
    state: State<'_, AppState>,
    event_id: String,
    letterhead: Letterhead,
) -> Reply<LetterSettings> {
    Ok(letters::set_letterhead(
        &mut *state.open()?,
        &event_id,
        &letterhead,
        clock::now(),
    )?)
}

/// A letter's wording in a language: the event's own, or the built-in one.
#[tauri::command]
#[specta::specta]
pub async fn letter_template(
    state: State<'_, AppState>,
    event_id: String,
    kind: LetterKind,
    lang: Lang,
) -> Reply<LetterTemplate> {
    Ok(letters::template(&*state.open()?, &event_id, kind, lang)?)
}

/// Keeps the event's own wording of a letter (`plenary letter template`).
#[tauri::command]
#[specta::specta]
pub async fn set_letter_template(
    state: State<'_, AppState>,
    event_id: String,
    kind: LetterKind,
    lang: Lang,
    subject: String,
    body: String,
) -> Reply<LetterTemplate> {
    Ok(letters::set_template(
        &mut *state.open()?,
        &event_id,
        kind,
        lang,
        &subject,
        &body,
        clock::now(),
    )?)
}

/// Goes back to the built-in wording (`plenary letter template --reset`).
#[tauri::command]
#[specta::specta]
pub async fn reset_letter_template(
    state: State<'_, AppState>,
    event_id: String,
    kind: LetterKind,
    lang: Lang,
) -> Reply<LetterTemplate> {
    Ok(letters::reset_template(
        &mut *state.open()?,
        &event_id,
        kind,
        lang,
    )?)
}
