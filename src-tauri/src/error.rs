//! The one error type that crosses the IPC boundary: `{ code, message_code, params, message,
//! fields }`. The UI branches on `code` (a closed set), renders `message_code` with `params`
//! from its locale files (`messages.<message_code>`), and shows `fields` (each a code with
//! parameters too) under the inputs they name. `message` is English, for logs only: the UI
//! never shows it.

use std::collections::BTreeMap;

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
    /// What went wrong, as a message code: the key under `messages.` in the locale files.
    pub message_code: String,
    /// The message code's parameters (see `plenary_core::messages` for their conventions).
    pub params: BTreeMap<String, String>,
    /// English, for the log; the UI renders `message_code` instead.
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl From<Error> for ApiError {
    fn from(err: Error) -> Self {
        let message = err.to_string();
        let summary = err.message();
        let (code, fields) = match err {
            Error::Validation(fields) => (ErrorCode::Validation, fields),
            Error::NotFound { .. } => (ErrorCode::NotFound, vec![]),
            Error::Ambiguous(_) | Error::Incompatible(_) | Error::Busy(_) => {
                (ErrorCode::Conflict, vec![])
            }
            Error::Io { .. } | Error::Disconnected(_) => (ErrorCode::Io, vec![]),
            Error::Database(_) | Error::Render(_) | Error::Server(_) | Error::ServerDb(_) => {
                (ErrorCode::Internal, vec![])
            }
        };
        ApiError {
            code,
            message_code: summary.code.as_str().to_owned(),
            params: summary.params,
            message,
            fields,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plenary_core::Code;

    #[test]
    fn other_errors_carry_a_message_code_and_their_parameters() {
        let api: ApiError = Error::not_found("attendee", "a1").into();
        assert_eq!(api.code, ErrorCode::NotFound);
        assert_eq!(api.message_code, "error.not_found_attendee");
        assert_eq!(api.params.get("id").map(String::as_str), Some("a1"));
        let io: ApiError = Error::Io {
            path: "/x/y.csv".into(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        }
        .into();
        assert_eq!(
            (io.code, io.message_code.as_str()),
            (ErrorCode::Io, "error.io_not_found")
        );
        assert_eq!(io.params.get("path").map(String::as_str), Some("/x/y.csv"));
    }

    #[test]
    fn validation_errors_keep_their_fields() {
        let api: ApiError = Error::invalid("email", Code::EmailTaken).into();
        assert_eq!(api.code, ErrorCode::Validation);
        assert_eq!(api.fields[0].code(), "field.email_taken");
        assert_eq!(
            api.fields.len(),
            1,
            "the UI needs the field to place the message"
        );
        assert_eq!(api.fields[0].field, "email");
    }
}
