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

use crate::Error;

/// Whether an error is the store refusing a row because of a UNIQUE index (on either engine).
pub(crate) fn is_unique_violation(err: &Error) -> bool {
    match err {
        Error::Database(rusqlite::Error::SqliteFailure(e, _)) => {
            e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
        }
        Error::ServerDb(e) => e.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION),
        _ => false,
    }
}

/// Whether an error is the store refusing a change because of a constraint (a UNIQUE index,
/// a foreign key, a CHECK), with the engine's words about it.
pub(crate) fn constraint_violation(err: &Error) -> Option<String> {
    match err {
        Error::Database(rusqlite::Error::SqliteFailure(f, msg))
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Some(msg.clone().unwrap_or_default())
        }
        Error::ServerDb(e) if e.code().is_some_and(|c| c.code().starts_with("23")) => {
            Some(crate::error::server_detail(e))
        }
        _ => None,
    }
}
