//! The one error type that crosses the IPC boundary: `{ code, message, fields }`. The UI
//! branches on `code` (a closed set) and shows `fields` under the inputs they name.

use plenary_core::{Error, FieldError};
use serde::Serialize;

/// What kind of failure the UI is told about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input breaks a rule; `fields` says which.
    Validation,
    /// The thing no longer exists (another window or the CLI may have removed it).
    NotFound,
    /// The store or the request is in a state that forbids the action.
    Conflict,
    /// A file could not be read or written.
    Io,
    /// A bug or a damaged database; the message says what to do.
    Internal,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl From<Error> for ApiError {
    fn from(err: Error) -> Self {
        let message = err.to_string();
        let (code, fields) = match err {
            Error::Validation(fields) => (ErrorCode::Validation, fields),
            Error::NotFound { .. } => (ErrorCode::NotFound, vec![]),
            Error::Ambiguous(_) | Error::Incompatible(_) => (ErrorCode::Conflict, vec![]),
            Error::Io { .. } => (ErrorCode::Io, vec![]),
            Error::Database(_) | Error::Render(_) => (ErrorCode::Internal, vec![]),
        };
        ApiError {
            code,
            message,
            fields,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_errors_keep_their_fields() {
        let api: ApiError = Error::invalid("email", "is taken").into();
        assert_eq!(api.code, ErrorCode::Validation);
        assert_eq!(
            api.fields.len(),
            1,
            "the UI needs the field to place the message"
        );
        assert_eq!(api.fields[0].field, "email");
    }
}
