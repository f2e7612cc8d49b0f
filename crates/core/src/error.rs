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
    /// The signed-in account lacks the role the action needs (or nobody signed in on a ledger
    /// with accounts). The message names the role.
    Forbidden,
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
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }
}

/// Longest value quoted back to the clerk in an error message.
const MAX_QUOTED_CHARS: usize = 40;

/// `s` as quoted in an error: at most 40 characters, then "…（共 N 字）" (a 1 MB cell must not
/// become a 1 MB message).
pub fn clip(s: &str) -> String {
    let n = s.chars().count();
    if n <= MAX_QUOTED_CHARS {
        return s.to_string();
    }
    let head: String = s.chars().take(MAX_QUOTED_CHARS).collect();
    format!("{head}…（共 {n} 字）")
}

#[cfg(test)]
mod tests {
    use super::clip;

    #[test]
    fn clip_keeps_short_values_and_cuts_long_ones() {
        assert_eq!(clip("2025-13-01"), "2025-13-01");
        let long = "政".repeat(1000);
        assert_eq!(clip(&long), format!("{}…（共 1000 字）", "政".repeat(40)));
    }
}
