//! Repository functions, one file per table. Reads take `&Connection`; writes take
//! `&Transaction`, so that a change spanning several rows is atomic by its type. These
//! functions check no business rules: [`crate::ops`] does, then calls them.

pub mod assignments;
pub mod attendees;
pub mod categories;
pub mod delegations;
pub mod events;
pub mod letters;
pub mod rooms;
pub mod seating;
pub mod sessions;
pub mod signups;
pub mod warnings;

use rusqlite::Error as SqlError;

/// Whether an error is SQLite refusing a row because of a UNIQUE index.
pub(crate) fn is_unique_violation(err: &SqlError) -> bool {
    matches!(
        err,
        SqlError::SqliteFailure(e, _)
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
    )
}
