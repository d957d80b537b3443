//! The core's error type. Validation errors carry one entry per bad field, so that a form can
//! show each message under its own input and an import can name the row.

use serde::Serialize;

/// One problem with one field of an input, optionally in one row of a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldError {
    /// The snake_case name of the field, as in `attendee list --json`.
    pub field: String,
    /// What is wrong, in words a user understands.
    pub message: String,
    /// The 1-based line in an imported file, when the input came from a file.
    pub row: Option<u32>,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            message: message.into(),
            row: None,
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
    /// More than one thing matched where exactly one was needed.
    #[error("{0}")]
    Ambiguous(String),
    /// The database file was written by a newer Plenary, or is not a Plenary database.
    #[error("{0}")]
    Incompatible(String),
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
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A validation error about a single field.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Error::Validation(vec![FieldError::new(field, message)])
    }

    pub fn not_found(entity: &'static str, id: impl Into<String>) -> Self {
        Error::NotFound {
            entity,
            id: id.into(),
        }
    }
}

fn summarize(fields: &[FieldError]) -> String {
    match fields {
        [] => "the input is not valid".to_owned(),
        [one] => one.to_string(),
        many => {
            let list: Vec<String> = many.iter().map(ToString::to_string).collect();
            format!("{} problems: {}", many.len(), list.join(" "))
        }
    }
}
