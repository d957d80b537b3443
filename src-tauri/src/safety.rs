//! Tauri commands for backups: "Back up now…" and "Restore…". Files are chosen with native
//! dialogs opened from Rust; the UI never sends a path.

use crate::error::ApiError;
use crate::state::AppState;
use plenary_core::clock;
use plenary_core::{backup, Code, Error};
use serde::Serialize;
use tauri::State;

type Reply<T> = Result<T, ApiError>;

/// A backup file the user chose, checked and waiting for confirmation.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct RestoreCandidate {
    pub file_name: String,
    pub schema_version: u32,
}

/// Asks where to save a backup and writes it there; `None` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn backup_now(state: State<'_, AppState>) -> Reply<Option<String>> {
    let name = plenary_core::file_names::saved_backup(clock::now());
    let chosen = state
        .save_dialog
        .as_ref()
        .and_then(|ask| ask(&name, "Plenary backup", &["db"]));
    let Some(path) = chosen else {
        return Ok(None);
    };
    backup::backup_to(&*state.open()?, &path)?;
    Ok(Some(path.display().to_string()))
}

/// Asks for a backup file and checks it (integrity, schema, a Plenary database). Nothing
/// changes until `restore_chosen_backup`.
#[tauri::command]
#[specta::specta]
pub async fn choose_backup_to_restore(
    state: State<'_, AppState>,
) -> Reply<Option<RestoreCandidate>> {
    let chosen = state
        .open_dialog
        .as_ref()
        .and_then(|ask| ask("Plenary backup", &["db"]));
    let Some(path) = chosen else {
        return Ok(None);
    };
    let schema_version = backup::verify(&path)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    *state
        .pending_restore
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(path);
    Ok(Some(RestoreCandidate {
        file_name,
        schema_version,
    }))
}

/// Restores the chosen backup, keeping a copy of the current state; returns where that copy
/// is. On a server each event of the file replaces the server's event of the same id, and
/// the answer is empty: the server's own backups are its administrator's.
#[tauri::command]
#[specta::specta]
pub async fn restore_chosen_backup(state: State<'_, AppState>) -> Reply<String> {
    let chosen = state
        .pending_restore
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take();
    let Some(path) = chosen else {
        return Err(Error::invalid("file", Code::ChooseBackupFile).into());
    };
    if state.on_server() {
        plenary_core::transfer::restore_from_file(&mut *state.open()?, &path)?;
        state.directories.clear();
        return Ok(String::new());
    }
    let keep = state
        .open()
        .map_or(backup::DEFAULT_KEEP, |c| backup::keep_setting(&c));
    let safety = backup::restore(&state.db_path(), &path, clock::now(), keep)?;
    state.directories.clear();
    Ok(safety.display().to_string())
}

/// Where automatic backups go and how many are kept.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BackupSettings {
    pub keep: u32,
    pub max_keep: u32,
    /// The folder beside the file; empty on a server, which takes no automatic backups.
    pub folder: String,
}

#[tauri::command]
#[specta::specta]
pub async fn backup_settings(state: State<'_, AppState>) -> Reply<BackupSettings> {
    let conn = state.open()?;
    Ok(BackupSettings {
        keep: u32::try_from(backup::keep_setting(&conn)).unwrap_or(backup::MAX_KEEP),
        max_keep: backup::MAX_KEEP,
        folder: if state.on_server() {
            String::new()
        } else {
            backup::folder_for(&state.db_path()).display().to_string()
        },
    })
}

/// Changes how many automatic backups are kept.
#[tauri::command]
#[specta::specta]
pub async fn set_backups_keep(state: State<'_, AppState>, keep: u32) -> Reply<BackupSettings> {
    backup::set_keep_setting(&*state.open()?, keep)?;
    backup_settings(state).await
}

/// The newest changes of an event, newest first (the Activity view).
#[tauri::command]
#[specta::specta]
pub async fn list_activity(
    state: State<'_, AppState>,
    event_id: String,
    limit: u32,
) -> Reply<Vec<plenary_core::audit::ActivityEntry>> {
    Ok(plenary_core::audit::activity(
        &*state.open()?,
        &event_id,
        limit,
    )?)
}

/// Undoes the newest change of the event that is not undone yet (Ctrl+Z); `None` if there is
/// nothing left to undo.
#[tauri::command]
#[specta::specta]
pub async fn undo_last_change(
    state: State<'_, AppState>,
    event_id: String,
) -> Reply<Option<plenary_core::audit::ActivityEntry>> {
    Ok(plenary_core::audit::undo_last(
        &mut *state.open()?,
        &event_id,
    )?)
}

/// Undoes one change from the Activity view, such as an older deletion, to bring a deleted
/// attendee back.
#[tauri::command]
#[specta::specta]
pub async fn undo_change(
    state: State<'_, AppState>,
    entry_id: u32,
) -> Reply<plenary_core::audit::ActivityEntry> {
    Ok(plenary_core::audit::undo(&mut *state.open()?, entry_id)?)
}

/// An attendee's passport number and date of birth (shown masked until revealed).
#[tauri::command]
#[specta::specta]
pub async fn get_sensitive(
    state: State<'_, AppState>,
    attendee_id: String,
) -> Reply<plenary_core::sensitive::SensitiveData> {
    Ok(plenary_core::sensitive::get(&*state.open()?, &attendee_id)?)
}

/// Records an attendee's passport number and date of birth; empty values remove them.
#[tauri::command]
#[specta::specta]
pub async fn set_sensitive(
    state: State<'_, AppState>,
    attendee_id: String,
    input: plenary_core::sensitive::SensitiveData,
) -> Reply<plenary_core::sensitive::SensitiveData> {
    Ok(plenary_core::sensitive::set(
        &mut *state.open()?,
        &attendee_id,
        &input,
        clock::now(),
    )?)
}

/// How many attendees of the event have sensitive data, and its retention rule.
#[tauri::command]
#[specta::specta]
pub async fn sensitive_summary(
    state: State<'_, AppState>,
    event_id: String,
) -> Reply<plenary_core::sensitive::SensitiveSummary> {
    Ok(plenary_core::sensitive::summary(
        &*state.open()?,
        &event_id,
    )?)
}

/// Sets how many days after the event its sensitive data is purged (null: never).
#[tauri::command]
#[specta::specta]
pub async fn set_sensitive_retention(
    state: State<'_, AppState>,
    event_id: String,
    days: Option<u32>,
) -> Reply<plenary_core::sensitive::SensitiveSummary> {
    let mut conn = state.open()?;
    plenary_core::sensitive::set_retention(&mut conn, &event_id, days)?;
    Ok(plenary_core::sensitive::summary(&conn, &event_id)?)
}

/// Removes every passport number and date of birth of the event, from the store and from its
/// automatic backups; returns how many people had data.
#[tauri::command]
#[specta::specta]
pub async fn purge_sensitive(state: State<'_, AppState>, event_id: String) -> Reply<u32> {
    let (people, failed) = plenary_core::sensitive::purge_everywhere(
        &mut *state.open()?,
        &state.db_path(),
        &event_id,
    )?;
    plenary_core::sensitive::backups_cleaned(&failed)?;
    Ok(people)
}
