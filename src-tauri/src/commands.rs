//! Tauri commands: one-line adapters that pick up the state, call a verb of the core and
//! convert its error. Every command that touches the database is `async`, so that it runs off
//! the main thread and never freezes the window.

use crate::error::ApiError;
use crate::state::AppState;
use plenary_core::clock;
use plenary_core::countries::{self, Country};
use plenary_core::model::{
    Attendee, AttendeeFilter, AttendeeInput, Category, Delegation, EventInput, EventSummary,
};
use plenary_core::participants::{self, Section};
use plenary_core::seating::{self, Plan, SeatingChanges};
use plenary_core::{ops, sample, Code, Error};
use serde::Serialize;
use std::sync::Arc;
use tauri::State;
use uuid::Uuid;

type Reply<T> = Result<T, ApiError>;

/// What the About box and the error screens show.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AppInfo {
    pub version: String,
    /// The day this build was made, `YYYY-MM-DD`.
    pub build_date: String,
    pub db_path: String,
    /// The folder of the app's log files (empty when the OS gives none).
    pub log_dir: String,
}

#[tauri::command]
#[specta::specta]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: plenary_core::VERSION.to_owned(),
        build_date: plenary_core::BUILD_DATE.to_owned(),
        db_path: state.store_label(),
        log_dir: state
            .log_dir
            .as_ref()
            .map(|d| d.display().to_string())
            .unwrap_or_default(),
    }
}

/// Tells `scripts/bench-app.sh` that the attendee list is on screen and takes typing. With
/// `PLENARY_BENCH_READY` set it prints `BENCH_READY` and the wall-clock time in microseconds
/// since 1970 on stderr, which the script subtracts from the moment it launched the app;
/// otherwise it does nothing.
#[tauri::command]
#[specta::specta]
pub fn bench_ready() {
    if std::env::var_os("PLENARY_BENCH_READY").is_some() {
        eprintln!(
            "BENCH_READY {}",
            plenary_core::clock::now().timestamp_micros()
        );
    }
}

/// Opens the folder of the app's log files in the system's file manager.
#[tauri::command]
#[specta::specta]
pub fn open_log_folder(state: State<'_, AppState>) -> Reply<()> {
    let Some(dir) = state.log_dir.as_ref() else {
        return Err(Error::invalid("log_dir", Code::NoLogFolder).into());
    };
    let io = |source: std::io::Error| Error::Io {
        path: dir.display().to_string(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    if let Some(open) = state.opener.as_ref() {
        open(dir).map_err(|message| io(std::io::Error::other(message)))?;
    }
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub fn list_countries() -> Vec<Country> {
    countries::all()
}

#[tauri::command]
#[specta::specta]
pub async fn list_events(state: State<'_, AppState>) -> Reply<Vec<EventSummary>> {
    Ok(state.read(|conn, _| ops::list_events(conn))?)
}

#[tauri::command]
#[specta::specta]
pub async fn create_event(state: State<'_, AppState>, input: EventInput) -> Reply<EventSummary> {
    Ok(ops::create_event(
        &mut *state.open()?,
        Uuid::now_v7(),
        &input,
        clock::now(),
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_event(
    state: State<'_, AppState>,
    id: String,
    input: EventInput,
) -> Reply<EventSummary> {
    Ok(ops::update_event(
        &mut *state.open()?,
        &id,
        &input,
        clock::now(),
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_event(state: State<'_, AppState>, id: String) -> Reply<()> {
    Ok(ops::delete_event(&mut *state.open()?, &id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn load_sample(state: State<'_, AppState>) -> Reply<EventSummary> {
    Ok(sample::load(&mut *state.open()?, clock::now(), Uuid::now_v7)?.event)
}

#[tauri::command]
#[specta::specta]
pub async fn list_attendees(
    state: State<'_, AppState>,
    event_id: String,
    filter: AttendeeFilter,
) -> Reply<Vec<Arc<Attendee>>> {
    Ok(state.read(|conn, directories| {
        ops::list_attendees_cached(conn, directories, &event_id, &filter)
    })?)
}

#[tauri::command]
#[specta::specta]
pub async fn get_attendee(state: State<'_, AppState>, id: String) -> Reply<Attendee> {
    Ok(state.read(|conn, _| ops::get_attendee(conn, &id))?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_attendee(
    state: State<'_, AppState>,
    event_id: String,
    input: AttendeeInput,
) -> Reply<Attendee> {
    Ok(ops::register_attendee(
        &mut *state.open()?,
        &event_id,
        Uuid::now_v7(),
        &input,
        clock::now(),
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_attendee(
    state: State<'_, AppState>,
    id: String,
    input: AttendeeInput,
) -> Reply<Attendee> {
    Ok(ops::update_attendee(
        &mut *state.open()?,
        &id,
        &input,
        clock::now(),
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_attendee(state: State<'_, AppState>, id: String, reason: String) -> Reply<()> {
    Ok(ops::delete_attendee_because(
        &mut *state.open()?,
        &id,
        &reason,
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_delegations(
    state: State<'_, AppState>,
    event_id: String,
) -> Reply<Vec<Delegation>> {
    Ok(ops::list_delegations(&*state.open()?, &event_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn set_delegation_head(
    state: State<'_, AppState>,
    event_id: String,
    country: String,
    attendee_id: Option<String>,
) -> Reply<()> {
    Ok(ops::set_delegation_head(
        &mut *state.open()?,
        &event_id,
        &country,
        attendee_id.as_deref(),
    )?)
}

/// Lists a delegation under a section of the list of participants (`None`: the default).
#[tauri::command]
#[specta::specta]
pub async fn set_delegation_section(
    state: State<'_, AppState>,
    event_id: String,
    country: String,
    section: Option<Section>,
) -> Reply<()> {
    Ok(participants::set_section(
        &mut *state.open()?,
        &event_id,
        &country,
        section,
    )?)
}

/// The plenary hall's seating order (`plenary seating list`).
#[tauri::command]
#[specta::specta]
pub async fn seating_plan(state: State<'_, AppState>, event_id: String) -> Reply<Plan> {
    Ok(seating::plan(&*state.open()?, &event_id)?)
}

/// Draws the first country by lot (`plenary seating draw`); logged with who and when.
#[tauri::command]
#[specta::specta]
pub async fn draw_seating(state: State<'_, AppState>, event_id: String) -> Reply<Plan> {
    Ok(seating::draw(&mut *state.open()?, &event_id, clock::now())?)
}

/// Sets the country drawn elsewhere and/or the seats per delegation (`plenary seating set`).
#[tauri::command]
#[specta::specta]
pub async fn set_seating(
    state: State<'_, AppState>,
    event_id: String,
    first: Option<String>,
    seats: Option<u32>,
) -> Reply<Plan> {
    Ok(seating::set(
        &mut *state.open()?,
        &event_id,
        first.as_deref(),
        seats,
        clock::now(),
    )?)
}

/// Changes the seating settings: where the hosts and the UN system sit, accessible places,
/// the host country (`plenary seating set`).
#[tauri::command]
#[specta::specta]
pub async fn configure_seating(
    state: State<'_, AppState>,
    event_id: String,
    changes: SeatingChanges,
) -> Reply<Plan> {
    Ok(seating::change(
        &mut *state.open()?,
        &event_id,
        &changes,
        clock::now(),
    )?)
}

/// Swaps two delegations' places by hand (`plenary seating swap`).
#[tauri::command]
#[specta::specta]
pub async fn swap_seats(
    state: State<'_, AppState>,
    event_id: String,
    a: String,
    b: String,
) -> Reply<Plan> {
    Ok(seating::swap(
        &mut *state.open()?,
        &event_id,
        &a,
        &b,
        clock::now(),
    )?)
}

/// Takes back the swaps made by hand (`plenary seating unswap`).
#[tauri::command]
#[specta::specta]
pub async fn clear_seat_swaps(state: State<'_, AppState>, event_id: String) -> Reply<Plan> {
    Ok(seating::clear_swaps(
        &mut *state.open()?,
        &event_id,
        clock::now(),
    )?)
}

/// The order of the sections of the list of participants.
#[tauri::command]
#[specta::specta]
pub async fn section_order(state: State<'_, AppState>, event_id: String) -> Reply<Vec<Section>> {
    Ok(participants::section_order(&*state.open()?, &event_id)?)
}

/// Sets the order of the sections (`None`: the usual order; `plenary delegation order`).
#[tauri::command]
#[specta::specta]
pub async fn set_section_order(
    state: State<'_, AppState>,
    event_id: String,
    order: Option<Vec<Section>>,
) -> Reply<Vec<Section>> {
    Ok(participants::set_section_order(
        &mut *state.open()?,
        &event_id,
        order.as_deref(),
        clock::now(),
    )?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_categories(state: State<'_, AppState>, event_id: String) -> Reply<Vec<Category>> {
    Ok(state.read(|conn, _| ops::list_categories(conn, &event_id))?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_category(
    state: State<'_, AppState>,
    event_id: String,
    label: String,
) -> Reply<Category> {
    Ok(ops::add_category(&mut *state.open()?, &event_id, &label)?)
}
