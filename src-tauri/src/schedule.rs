//! Tauri commands of the schedule: one-line adapters over `plenary_core::schedule::ops`.

use crate::error::ApiError;
use crate::state::AppState;
use plenary_core::clock;
use plenary_core::schedule::model::{
    AgendaItem, Role, Room, RoomInput, Session, SessionInput, Signup, Warning,
};
use plenary_core::schedule::ops as sched;
use tauri::State;
use uuid::Uuid;

type Reply<T> = Result<T, ApiError>;

#[tauri::command]
#[specta::specta]
pub async fn list_rooms(state: State<'_, AppState>, event_id: String) -> Reply<Vec<Room>> {
    Ok(sched::list_rooms(&*state.open()?, &event_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_room(
    state: State<'_, AppState>,
    event_id: String,
    input: RoomInput,
) -> Reply<Room> {
    Ok(sched::add_room(
        &mut *state.open()?,
        &event_id,
        Uuid::now_v7(),
        &input,
        clock::now(),
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_room(state: State<'_, AppState>, id: String, input: RoomInput) -> Reply<Room> {
    Ok(sched::update_room(
        &mut *state.open()?,
        &id,
        &input,
        clock::now(),
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_room(state: State<'_, AppState>, id: String) -> Reply<()> {
    Ok(sched::delete_room(&mut *state.open()?, &id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_sessions(
    state: State<'_, AppState>,
    event_id: String,
    day: Option<String>,
) -> Reply<Vec<Session>> {
    Ok(state.read(|conn, _| sched::list_sessions(conn, &event_id, day.as_deref()))?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_session(
    state: State<'_, AppState>,
    event_id: String,
    input: SessionInput,
) -> Reply<Session> {
    Ok(sched::add_session(
        &mut *state.open()?,
        &event_id,
        Uuid::now_v7(),
        &input,
        clock::now(),
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_session(
    state: State<'_, AppState>,
    id: String,
    input: SessionInput,
) -> Reply<Session> {
    Ok(sched::update_session(
        &mut *state.open()?,
        &id,
        &input,
        clock::now(),
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn move_session(
    state: State<'_, AppState>,
    id: String,
    start: String,
    end: String,
    room_id: Option<String>,
) -> Reply<Session> {
    Ok(sched::move_session(
        &mut *state.open()?,
        &id,
        &start,
        &end,
        room_id.as_deref(),
        clock::now(),
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_session(state: State<'_, AppState>, id: String) -> Reply<()> {
    Ok(sched::delete_session(&mut *state.open()?, &id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn assign_speaker(
    state: State<'_, AppState>,
    session_id: String,
    person_id: String,
    role: Role,
    home_timezone: String,
) -> Reply<Session> {
    Ok(sched::assign_speaker(
        &mut *state.open()?,
        Uuid::now_v7(),
        &session_id,
        &person_id,
        role,
        &home_timezone,
        clock::now(),
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_assignment(
    state: State<'_, AppState>,
    assignment_id: String,
    role: Role,
    position: u32,
    home_timezone: String,
) -> Reply<Session> {
    Ok(sched::update_assignment(
        &mut *state.open()?,
        &assignment_id,
        role,
        position,
        &home_timezone,
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn remove_assignment(
    state: State<'_, AppState>,
    assignment_id: String,
) -> Reply<Session> {
    Ok(sched::remove_assignment(
        &mut *state.open()?,
        &assignment_id,
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn sign_up(
    state: State<'_, AppState>,
    session_id: String,
    person_id: String,
) -> Reply<Session> {
    Ok(sched::sign_up(
        &mut *state.open()?,
        &session_id,
        &person_id,
        clock::now(),
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_signups(state: State<'_, AppState>, session_id: String) -> Reply<Vec<Signup>> {
    Ok(sched::list_signups(&*state.open()?, &session_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn cancel_signup(
    state: State<'_, AppState>,
    session_id: String,
    person_id: String,
) -> Reply<Session> {
    Ok(sched::cancel_signup(
        &mut *state.open()?,
        &session_id,
        &person_id,
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn check_schedule(state: State<'_, AppState>, event_id: String) -> Reply<Vec<Warning>> {
    Ok(sched::check(&*state.open()?, &event_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn accept_warning(
    state: State<'_, AppState>,
    event_id: String,
    key: String,
    note: String,
) -> Reply<()> {
    Ok(sched::accept_warning(
        &mut *state.open()?,
        &event_id,
        &key,
        &note,
        clock::now(),
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn unaccept_warning(
    state: State<'_, AppState>,
    event_id: String,
    key: String,
) -> Reply<()> {
    Ok(sched::unaccept_warning(
        &mut *state.open()?,
        &event_id,
        &key,
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn person_agenda(
    state: State<'_, AppState>,
    person_id: String,
) -> Reply<Vec<AgendaItem>> {
    Ok(sched::person_agenda(&*state.open()?, &person_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn set_attending(
    state: State<'_, AppState>,
    person_id: String,
    attending: bool,
) -> Reply<()> {
    Ok(sched::set_attending(
        &mut *state.open()?,
        &person_id,
        attending,
    )?)
}
