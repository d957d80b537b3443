//! The core's error type. Validation errors carry one entry per bad field, so that a form can
//! show each message under its own input and an import can name the row.
//!
//! Every message is a [`Code`] with parameters (see [`crate::messages`]): the app renders it in
//! the user's language, and the English `message` here (from `en.json`) is for the CLI and the log.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::messages::{Code, Message};

/// One problem with one field of an input, optionally in one row of a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldError {
    /// The snake_case name of the field, as in `attendee list --json`.
    pub field: String,
    /// What is wrong, as a message code: the key under `messages.` in the locale files.
    code: String,
    /// The code's parameters (see `plenary_core::messages` for their conventions).
    params: BTreeMap<String, String>,
    /// What is wrong, in English (from `en.json`), for the CLI and the log; the app renders
    /// `code` instead.
    pub message: String,
    /// The 1-based line in an imported file, when the input came from a file.
    pub row: Option<u32>,
}

impl FieldError {
    pub fn new(field: &str, code: Code) -> Self {
        Self::of(field, Message::new(code))
    }

    pub fn of(field: &str, message: Message) -> Self {
        Self {
            field: field.to_owned(),
            code: message.code.as_str().to_owned(),
            message: message.english(),
            params: message.params,
            row: None,
        }
    }

    /// Adds one parameter (and renders the English text again).
    #[must_use]
    pub fn param(self, name: &str, value: impl ToString) -> Self {
        let mut message = self.to_message();
        message.params.insert(name.to_owned(), value.to_string());
        Self::of(&self.field, message).at_row(self.row)
    }

    /// The same problem, found on a line of a file.
    #[must_use]
    pub fn at_row(mut self, row: Option<u32>) -> Self {
        self.row = row;
        self
    }

    /// The same problem under another field name.
    #[must_use]
    pub fn in_field(mut self, field: &str) -> Self {
        field.clone_into(&mut self.field);
        self
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn params(&self) -> &BTreeMap<String, String> {
        &self.params
    }

    /// The code and parameters again, e.g. to report the same problem under another field.
    pub fn to_message(&self) -> Message {
        let code = Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == self.code)
            .unwrap_or(Code::Invalid);
        Message {
            code,
            params: self.params.clone(),
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.row {
            Some(row) => write!(f, "line {row}: {}: {}", self.field, self.message),
            None => write!(f, "{}: {}", self.field, self.message),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input breaks a rule; nothing was stored.
    #[error("{}", summarize(.0))]
    Validation(Vec<FieldError>),
    /// The thing asked for does not exist (any more).
    #[error("{entity} {id} was not found")]
    NotFound { entity: &'static str, id: String },
    /// More than one thing matched where exactly one was needed, or a step half succeeded.
    #[error("{0}")]
    Ambiguous(Message),
    /// The database file was written by a newer Plenary, or is not a Plenary database.
    #[error("{0}")]
    Incompatible(Message),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    /// The PDF engine failed to lay out a document; a bug in a template, not a user mistake.
    #[error("the document could not be laid out: {0}")]
    Render(String),
    /// SQLite failed; this is a bug or a broken file, not a user mistake.
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    /// The PostgreSQL server could not be reached, or refused or failed a request.
    #[error("server error: {0}")]
    Server(String),
    /// The server failed a statement; a bug, a broken connection, or a refused right.
    #[error("server error: {}", server_detail(.0))]
    ServerDb(postgres::Error),
    /// Another desk (or process) held the store's write lock for too long; nothing was written.
    #[error("{0}")]
    Busy(Message),
    /// The connection to the server dropped; the change in progress was saved whole or not at
    /// all, and the server knows which.
    #[error("{0}")]
    Disconnected(Message),
}

/// What the server said about a failed statement, without the driver's wrapping.
pub(crate) fn server_detail(err: &postgres::Error) -> String {
    match err.as_db_error() {
        Some(db) => match db.detail() {
            Some(detail) => format!("{} ({detail})", db.message()),
            None => db.message().to_owned(),
        },
        None => err.to_string(),
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A validation error about a single field, without parameters.
    pub fn invalid(field: &str, code: Code) -> Self {
        Error::Validation(vec![FieldError::new(field, code)])
    }

    pub fn not_found(entity: &'static str, id: impl Into<String>) -> Self {
        Error::NotFound {
            entity,
            id: id.into(),
        }
    }

    /// A stored value Plenary cannot read, e.g. a session's start that is not a time.
    pub fn bad_stored(what: impl ToString, id: impl ToString) -> Self {
        Error::Incompatible(
            Message::new(Code::BadStoredValue)
                .param("what", what)
                .param("id", id),
        )
    }

    /// What the app shows for this error, as a code with parameters. Field errors carry their
    /// own codes; this is the summary.
    pub fn message(&self) -> Message {
        match self {
            Error::Validation(_) => Message::new(Code::Validation),
            Error::NotFound { entity, id } => {
                let code = match *entity {
                    "event" => Code::NotFoundEvent,
                    "attendee" => Code::NotFoundAttendee,
                    "session" => Code::NotFoundSession,
                    "room" => Code::NotFoundRoom,
                    "assignment" => Code::NotFoundAssignment,
                    "change" => Code::NotFoundChange,
                    "sign-up" => Code::NotFoundSignup,
                    _ => Code::NotFound,
                };
                Message::new(code).param("id", id)
            }
            Error::Ambiguous(m)
            | Error::Incompatible(m)
            | Error::Busy(m)
            | Error::Disconnected(m) => m.clone(),
            Error::Io { path, source } => {
                let code = match source.kind() {
                    std::io::ErrorKind::NotFound => Code::IoNotFound,
                    std::io::ErrorKind::PermissionDenied
                    | std::io::ErrorKind::ReadOnlyFilesystem => Code::IoDenied,
                    _ => Code::Io,
                };
                Message::new(code).param("path", path)
            }
            Error::Render(_) => Message::new(Code::RenderFailed),
            Error::Database(_) => Message::new(Code::Database),
            Error::Server(detail) => Message::new(Code::Server).param("detail", detail),
            Error::ServerDb(err) => Message::new(Code::Server).param("detail", server_detail(err)),
        }
    }
}

impl From<FieldError> for Error {
    fn from(field: FieldError) -> Self {
        Error::Validation(vec![field])
    }
}

fn summarize(fields: &[FieldError]) -> String {
    match fields {
        [] => Message::new(Code::Invalid).english(),
        [one] => one.to_string(),
        many => {
            let list: Vec<String> = many.iter().map(ToString::to_string).collect();
            format!("{} problems: {}", many.len(), list.join(" "))
        }
    }
}
