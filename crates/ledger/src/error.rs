//! Errors of the storage layer. Messages are Chinese and safe to show; the SQLite detail and
//! paths that the clerk did not choose go to the log through `Display` of the source only.

use std::path::{Path, PathBuf};

use gongkai_core::{AppError, ErrorCode};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("“{0}”不是政务公开台账文件，已拒绝打开，文件未作任何改动")]
    NotALedger(PathBuf),
    #[error("该台账由更新版本的政务公开台账创建（结构版本 {found}，本程序支持到 {supported}），请升级程序后再打开；文件未作任何改动")]
    TooNew { found: u32, supported: u32 },
    #[error("{0}")]
    Validation(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    /// The signed-in account lacks a role (the message names it), or nobody is signed in.
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    App(#[from] AppError),
    #[error("{action}失败：台账文件正被其他程序写入，请稍后重试")]
    Busy { action: &'static str },
    #[error("{action}失败（数据库错误）")]
    Sqlite { action: &'static str, #[source] source: rusqlite::Error },
    #[error("{action}失败：{path}（{source}）")]
    Io { action: &'static str, path: PathBuf, #[source] source: std::io::Error },
}

impl Error {
    pub fn sqlite(action: &'static str, source: rusqlite::Error) -> Error {
        if let rusqlite::Error::SqliteFailure(e, _) = &source {
            if matches!(e.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) {
                return Error::Busy { action };
            }
        }
        Error::Sqlite { action, source }
    }

    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Error {
        Error::Io { action, path: path.to_path_buf(), source }
    }

    /// The boundary shape. The detail of a database error stays in the log.
    pub fn to_app_error(&self) -> AppError {
        let code = match self {
            Error::Validation(_) => ErrorCode::Validation,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Forbidden(_) => ErrorCode::Forbidden,
            Error::Conflict(_) | Error::TooNew { .. } | Error::Busy { .. } | Error::NotALedger(_) => ErrorCode::Conflict,
            Error::App(e) => e.code,
            Error::Sqlite { .. } | Error::Io { .. } => ErrorCode::Internal,
        };
        if let Error::Sqlite { source, .. } = self {
            tracing::error!(error = %source, "database error");
        }
        AppError::new(code, self.to_string())
    }
}

impl From<Error> for AppError {
    fn from(e: Error) -> AppError {
        e.to_app_error()
    }
}
