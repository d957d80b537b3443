//! Plenary's domain core: events, attendees and delegations, the rules that keep them valid,
//! and the SQLite store that holds them.
//!
//! This crate never imports Tauri. The desktop shell, the `plenary` CLI, the tests and the
//! benchmarks all call the verbs in [`ops`]. Rules take ids and the current time as
//! parameters, so that they stay deterministic under test.

pub mod audit;
pub mod backup;
pub mod catalogue;
pub mod cli;
pub mod clock;
pub mod collation;
pub mod countries;
pub mod db;
pub mod desk;
pub mod directory;
pub mod error;
pub mod exchange;
pub mod file_names;
pub mod files;
pub mod fold;
pub mod lang;
pub mod letters;
pub mod meals;
pub mod messages;
pub mod model;
pub mod names;
pub mod offline;
pub mod ops;
pub mod participants;
pub mod paths;
pub mod print;
pub mod sample;
pub mod schedule;
pub mod seating;
pub mod sensitive;
pub mod server;
pub mod sql;
pub mod store;
pub mod tls;
pub mod transfer;
mod tx;
pub mod ui_tables;
pub mod validate;

pub use error::{Error, FieldError, Result};
pub use lang::Lang;
pub use messages::{Code, Message};

/// This build's version, e.g. `0.1.0`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The day this build was made (`YYYY-MM-DD`, UTC), or `SOURCE_DATE_EPOCH`'s day.
pub const BUILD_DATE: &str = env!("PLENARY_BUILD_DATE");
