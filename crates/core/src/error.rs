//! The one error shape that crosses a boundary (IPC, CLI): a small closed code and a Chinese message.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the UI (and the CLI's exit status) branches on. Keep it small and closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum ErrorCode {
    /// Bad input: a field, a row or an argument is wrong. Nothing was written.
    Validation,
    /// The record asked for does not exist.
    NotFound,
    /// The action is not allowed in the record's current state.
    InvalidTransition,
    /// The write collides with existing data (a duplicate, a newer ledger, a busy file).
    Conflict,
    /// Anything else; details are in the log, not on screen.
    Internal,
}

/// `{code, message}` as the UI receives it. `message` is Chinese and meant for a clerk:
/// no SQL, no file-system paths beyond what the clerk chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError { code, message: message.into() }
    }
    pub fn validation(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Validation, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, message)
    }
    pub fn invalid_transition(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidTransition, message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }
}
