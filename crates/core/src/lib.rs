//! 政务公开台账的领域核心：纯函数与类型，不做 I/O，不读时钟，不依赖 tauri。
//!
//! Time is an input: every function that needs "today" takes it as an argument.

pub mod account;
pub mod calendar;
pub mod dates;
pub mod clock;
pub mod document;
pub mod error;
pub mod fee;
pub mod letter;
pub mod report;
pub mod overview;
pub mod identity;
pub mod request;
pub mod submission;
pub mod taxonomy;
pub mod workplan;
pub mod worklist;

pub use error::{AppError, ErrorCode};
