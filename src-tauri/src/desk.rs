//! Tauri commands of the registration desk and the dashboard, and saving a chart as PNG.

use crate::error::ApiError;
use crate::state::AppState;
use base64::Engine;
use plenary_core::clock;
use plenary_core::desk::{self, AttendanceSheet, Dashboard, DeskCounts};
use plenary_core::model::{Attendee, AttendeeInput};
use plenary_core::{files, Code, Error};
use tauri::State;
use uuid::Uuid;

type Reply<T> = Result<T, ApiError>;

#[tauri::command]
#[specta::specta]
pub async fn check_in(state: State<'_, AppState>, person_id: String) -> Reply<Attendee> {
    Ok(state.desk_write(
        |conn| desk::check_in(conn, &person_id, clock::now()),
        |cache, name| cache.check_in(name, Uuid::now_v7(), &person_id, clock::now()),
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn undo_check_in(state: State<'_, AppState>, person_id: String) -> Reply<Attendee> {
    Ok(state.desk_write(
        |conn| desk::undo_check_in(conn, &person_id),
        |cache, name| cache.undo_check_in(name, Uuid::now_v7(), &person_id, clock::now()),
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn register_walk_in(
    state: State<'_, AppState>,
    event_id: String,
    input: AttendeeInput,
) -> Reply<Attendee> {
    let id = Uuid::now_v7();
    Ok(state.desk_write(
        |conn| desk::register_walk_in(conn, &event_id, id, &input, clock::now()),
        |cache, name| {
            cache.register_walk_in(name, Uuid::now_v7(), &event_id, id, &input, clock::now())
        },
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn desk_counts(state: State<'_, AppState>, event_id: String) -> Reply<DeskCounts> {
    Ok(state.read(|conn, _| desk::desk_counts(conn, &event_id))?)
}

#[tauri::command]
#[specta::specta]
pub async fn session_attendance(
    state: State<'_, AppState>,
    session_id: String,
) -> Reply<AttendanceSheet> {
    Ok(state.read(|conn, _| desk::session_attendance(conn, &session_id))?)
}

#[tauri::command]
#[specta::specta]
pub async fn mark_attendance(
    state: State<'_, AppState>,
    session_id: String,
    person_id: String,
    present: bool,
) -> Reply<AttendanceSheet> {
    Ok(state.desk_write(
        |conn| desk::mark_attendance(conn, &session_id, &person_id, present, clock::now()),
        |cache, name| {
            cache.mark_attendance(
                name,
                Uuid::now_v7(),
                &session_id,
                &person_id,
                present,
                clock::now(),
            )
        },
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn dashboard(state: State<'_, AppState>, event_id: String) -> Reply<Dashboard> {
    Ok(desk::dashboard(&*state.open()?, &event_id)?)
}

/// Asks where to save a chart (the native Save dialog, opened from Rust) and writes it there.
/// Returns false when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn save_chart_png(
    state: State<'_, AppState>,
    suggested_name: String,
    png_base64: String,
) -> Reply<bool> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(png_base64.trim())
        .map_err(|_| ApiError::from(Error::invalid("png_base64", Code::NotBase64)))?;
    let chosen = state
        .save_dialog
        .as_ref()
        .and_then(|ask| ask(&suggested_name, "PNG image", &["png"]));
    let Some(path) = chosen else {
        return Ok(false);
    };
    files::write_atomically(&path, &bytes)?;
    Ok(true)
}
