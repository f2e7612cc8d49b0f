//! 依申请公开 in the ledger: registration, the append-only event log with its projection
//! columns, the detail view with the statutory clock, lists and search, the 工作台 due list,
//! 复议/诉讼 records, attachments and the Excel/CSV exchange. All SQL for the request tables
//! lives in this folder, one concern per file; this file is the public API.
//!
//! Every write goes through the core workflow (`gongkai_core::request::apply`) and rewrites the
//! projection (`status`, `received_date`, `concluded_date`, `result_code`) in the same IMMEDIATE
//! transaction as the event it follows from, so the annual report can count in SQL.

mod register;
mod events;
mod detail;
mod list;
mod reviews;
mod attachments;
mod options;
mod bulk;
pub mod exchange;
pub mod signoff;
pub mod template;

pub use register::{Actor, KEY_NUMBER_PATTERN, LinkedDocument, RequestInput, register, save_number_pattern};
pub(crate) use register::{CheckedRequest, ymd};
pub use events::{EventInput, append_event, approve_extension};
pub(crate) use events::{Append, StoredEvent, append_in_tx, load_events, request_id};
pub use detail::{ActionOption, DueState, RequestDetail, RequestRecord, TimelineEntry, get};
pub(crate) use detail::{load_record};
pub use list::{DUE_SOON_WORKDAYS, DueItem, MAX_PAGE_SIZE, RequestFilter, RequestPage, RequestRow, RequestSort, due_list, list, list_all, years};
pub use reviews::{Review, ReviewInput, add_review, update_review};
pub use attachments::{AttachmentInfo, MAX_ATTACHMENT_BYTES, add_attachment, attachment_dir, attachment_request_number, open_attachment};
pub(crate) use attachments::{StoredFile, read_checked, safe_file_name, store_attachment, write_copy};

/// The hex SHA-256 of `bytes`, as attachments record it.
pub(crate) fn sha256_hex_pub(bytes: &[u8]) -> String {
    attachments::sha256_hex(bytes)
}
pub(crate) use bulk::{Batch, BulkRequest, BulkWriter, BATCH as BULK_BATCH};
pub use options::{LabeledOption, RequestOptions, options};
