//! 文件台账 in the ledger: all SQL of the document register (documents, status history,
//! 解读材料, 退文, edits, full-text search) and the figures the annual report and 工作台 read.
//! Rules (validation vocabularies, 要件齐全, deadlines, annual counting) come from
//! `gongkai_core::document`; this module only stores, projects and queries. One concern per
//! file; this file is the public API.

mod validate;
mod read;
mod write;
mod bulk;
mod list;
mod figures;
pub mod exchange;

pub use validate::{DocumentInput, FieldError, InterpretationInput, ReturnInput, StatusChangeInput, ValidDocument, ValidInterpretation, WriteSource, validate};
pub use read::{Document, DocumentDetail, EditRecord, InterpretationRecord, ReturnKind, ReturnRecord, StatusRecord, get};
pub(crate) use read::status_bases;
pub use write::{Inserted, add_interpretation, change_status, create, insert_all, record_resubmission, record_return, update};
pub(crate) use bulk::write as bulk_write;
pub use list::{DocumentFilter, DocumentPage, DocumentSort, MAX_PAGE_SIZE, count, list, list_all, years};
pub use figures::{DeadlineItem, DocumentDeadlines, annual_figures, deadlines};
pub(crate) use figures::annual_facts_with_ids;
