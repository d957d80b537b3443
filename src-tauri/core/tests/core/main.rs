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
mod offline;
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
use plenary_core::db::Connection;
use plenary_core::model::{AttendeeInput, EventInput, NameOrder};
use plenary_core::{db, ops as core_ops};
use std::path::PathBuf;
use uuid::Uuid;

/// The store a test works on, removed when dropped: a database file in its own temporary
/// folder, or, when `PLENARY_TEST_ENGINE=postgres` (as `scripts/test.sh` runs the suite a
/// second time), a database of its own on the test server. Either way `path()` is what
/// `--db` takes.
pub struct Store {
    pub dir: tempfile::TempDir,
    pub conn: Connection,
    pub server: Option<TestDb>,
}

impl Default for Store {
    fn default() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let server = on_server().then(|| TestDb::new().expect("a test server"));
        let path = server
            .as_ref()
            .map_or_else(|| dir.path().join("plenary.db"), |s| PathBuf::from(&s.uri));
        let conn = db::open(&path).expect("the store opens");
        Store { dir, conn, server }
    }
}

impl Store {
    /// The file's path, or the server database's address.
    pub fn path(&self) -> PathBuf {
        match &self.server {
            Some(s) => PathBuf::from(&s.uri),
            None => self.dir.path().join("plenary.db"),
        }
    }

    /// Whether this store is a file (a test of what only a file has, such as the backups
    /// beside it, runs on files only).
    pub fn is_file(&self) -> bool {
        self.server.is_none()
    }
}

/// Ends a test of what only a file has (its bytes, its journal, the automatic backups beside
/// it) when the suite runs on the server, and says so in the test's output.
#[macro_export]
macro_rules! file_only {
    ($store:expr, $why:literal) => {
        if !$store.is_file() {
            eprintln!("on a file only: {}", $why);
            return;
        }
    };
}

/// Whether the suite runs on the PostgreSQL server (`PLENARY_TEST_ENGINE=postgres`).
pub fn on_server() -> bool {
    std::env::var("PLENARY_TEST_ENGINE").as_deref() == Ok("postgres")
}

/// A database of its own on the test server (PGHOST, PGPORT, PGUSER and PGPASSWORD, as
/// `pg_virtualenv` sets them), dropped when the value is.
pub struct TestDb {
    pub admin: String,
    pub name: String,
    /// A keyword/value connection string, with the password.
    pub address: String,
    /// A `postgresql://` address without the password (which comes from PGPASSWORD).
    pub uri: String,
}

impl TestDb {
    /// `None` when no server is configured (and none is required).
    pub fn new() -> Option<TestDb> {
        let Ok(host) = std::env::var("PGHOST") else {
            assert!(
                std::env::var("PLENARY_REQUIRE_SERVER").as_deref() != Ok("1") && !on_server(),
                "a server is required but PGHOST is unset: run the tests under pg_virtualenv"
            );
            eprintln!("no PostgreSQL server (PGHOST unset): server tests skipped");
            return None;
        };
        let var = |name: &str, default: &str| std::env::var(name).unwrap_or(default.into());
        let (port, user) = (var("PGPORT", "5432"), var("PGUSER", "postgres"));
        let base = format!(
            "host={host} port={port} user={user} password={}",
            var("PGPASSWORD", "")
        );
        let admin = format!("{base} dbname={}", var("PGDATABASE", "postgres"));
        let name = format!("plenary_test_{}", uuid::Uuid::now_v7().simple());
        let mut client = plenary_core::server::connect(&admin).expect("the test server answers");
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("a test database");
        Some(TestDb {
            admin,
            address: format!("{base} dbname={name}"),
            uri: format!("postgresql://{user}@{host}:{port}/{name}"),
            name,
        })
    }

    pub fn client(&self) -> postgres::Client {
        plenary_core::server::connect(&self.address).expect("the test database answers")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(mut client) = plenary_core::server::connect(&self.admin) {
            let _ = client.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
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

/// The field a validation error names first, without taking the error.
pub fn field_of_ref(err: &plenary_core::Error) -> String {
    match err {
        plenary_core::Error::Validation(fields) => fields[0].field.clone(),
        other => panic!("expected a validation error, got {other}"),
    }
}

/// The field a validation error names first.
pub fn field_of(err: plenary_core::Error) -> String {
    match err {
        plenary_core::Error::Validation(fields) => fields[0].field.clone(),
        other => panic!("expected a validation error, got {other}"),
    }
}

/// An opening session on the first morning, 09:00 to 10:00 in the event's zone.
pub fn opening() -> plenary_core::schedule::model::SessionInput {
    plenary_core::schedule::model::SessionInput {
        title: "Opening".into(),
        kind: plenary_core::schedule::model::SessionType::Keynote,
        start: "2024-09-03 09:00".into(),
        end: "2024-09-03 10:00".into(),
        room_id: None,
        description: String::new(),
        capacity: None,
        track: String::new(),
    }
}
