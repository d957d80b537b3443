//! Integration tests of the core against real SQLite files in temporary folders. The modules
//! mirror `src/`: the verbs in `ops`, the sample, and the CLI binary as scripts run it;
//! `invariants` reads the sources for the architecture invariants of ARCHITECTURE.md.

mod audit;
mod backup;
mod cli;
mod concurrency;
mod crash;
mod desk;
mod exchange;
mod feeds;
mod invariants;
mod letters;
mod meals;
mod migrations;
mod ops;
mod participants;
mod print;
mod print_languages;
mod sample;
mod schedule;
mod seating;
mod sensitive;
mod server;

use chrono::{DateTime, TimeZone, Utc};
use plenary_core::model::{AttendeeInput, EventInput, NameOrder};
use plenary_core::{db, ops as core_ops};
use rusqlite::Connection;
use std::path::PathBuf;
use uuid::Uuid;

/// A database file in its own temporary folder, removed when dropped.
pub struct Store {
    pub dir: tempfile::TempDir,
    pub conn: Connection,
}

impl Default for Store {
    fn default() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let conn = db::open(&dir.path().join("plenary.db")).expect("the store opens");
        Store { dir, conn }
    }
}

impl Store {
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("plenary.db")
    }
}

/// Runs the `plenary` binary on the database at `db`, as a script would: no terminal on
/// standard input, and no `PLENARY_DB` from the environment.
pub fn plenary_at(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    plenary_command(db)
        .args(args)
        .output()
        .expect("the plenary binary runs")
}

/// [`plenary_at`]'s command before its arguments, for a test that sets more of its
/// environment (such as `PLENARY_NOW`).
pub fn plenary_command(db: &std::path::Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"));
    command
        .arg("--db")
        .arg(db)
        .env_remove("PLENARY_DB")
        .stdin(std::process::Stdio::null());
    command
}

/// A fixed instant, so that timestamps are predictable.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 8, 1, 9, 30, 0)
        .single()
        .expect("a valid instant")
}

/// Deterministic UUID v7-shaped ids: the counter is the whole story.
pub fn id(n: u128) -> Uuid {
    Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 | n)
}

pub fn seminar() -> EventInput {
    EventInput {
        name: "AI capacity-building seminar".into(),
        venue: "Conference centre".into(),
        city: "Shanghai".into(),
        start_date: "2024-09-03".into(),
        end_date: "2024-09-06".into(),
        timezone: "Asia/Shanghai".into(),
        organizers: vec![],
        family_name_upper: true,
        language: plenary_core::Lang::En,
    }
}

pub fn person(given: &str, family: &str, country: &str) -> AttendeeInput {
    AttendeeInput {
        given_name: given.into(),
        family_name: family.into(),
        country: country.into(),
        category: "official".into(),
        ..AttendeeInput::default()
    }
}

pub fn family_first(given: &str, family: &str, country: &str) -> AttendeeInput {
    AttendeeInput {
        name_order: NameOrder::FamilyFirst,
        ..person(given, family, country)
    }
}

/// Registers an attendee of `event` with a fresh id at the fixed time.
pub fn add(
    conn: &mut Connection,
    event: &str,
    input: &AttendeeInput,
) -> plenary_core::Result<plenary_core::model::Attendee> {
    core_ops::register_attendee(conn, event, Uuid::now_v7(), input, now())
}

/// A store holding one event; returns its id.
pub fn store_with_event() -> (Store, String) {
    let mut store = Store::default();
    let event = core_ops::create_event(&mut store.conn, id(1), &seminar(), now())
        .expect("the seminar is valid");
    (store, event.id)
}

/// The field a validation error names first.
pub fn field_of(err: plenary_core::Error) -> String {
    match err {
        plenary_core::Error::Validation(fields) => fields[0].field.clone(),
        other => panic!("expected a validation error, got {other}"),
    }
}
