//! 告知书 in the ledger: the templates a clerk edited (over the shipped defaults of
//! `gongkai_core::letter`), the letter settings (文书编号 pattern, 缴费期限), drafting a letter from
//! a request's record and events, issuing it (per-year number, text and PDF kept with the request,
//! a `LetterIssued` event on its timeline) and the letters still to be issued.
//!
//! The ledger does not lay out PDFs: `issue` takes the renderer as an argument, so the CLI and the
//! window pass `gongkai_report::letter` and the ledger stays free of layout code.

mod templates;

mod draft;
mod issue;
mod pending;
mod dismiss;

pub use templates::{DEFAULT_FEE_PAYMENT_WORKDAYS, DEFAULT_LETTER_NUMBER_PATTERN, KEY_FEE_PAYMENT_WORKDAYS, KEY_LETTER_NUMBER_PATTERN, KEY_ORGAN_CODE, ORGAN_CODE_PLACEHOLDER, LetterSettings, LetterSettingsView, PlaceholderInfo, TemplateView, placeholders, restore_template, save_letter_settings, save_template, settings_view, template, templates};
pub use draft::{LetterDraft, LetterOption, THIRD_PARTY_WORKDAYS, draft, fee_quote, options};
pub use issue::{IssuedLetter, Render, issue, issued_anchor, issued_for, issued_pdf, issued_print};
pub use dismiss::{DismissedLetter, dismiss, dismissed, restore_dismissed};
pub use pending::{BatchOutcome, BatchSummary, PENDING_LOOKBACK_DAYS, PendingLetter, SkippedLetter, issue_pending, pending};

/// The 文书编号 pattern as set (or the default), placeholders unfilled.
pub(crate) fn number_pattern_setting(conn: &rusqlite::Connection) -> crate::Result<String> {
    Ok(templates::letter_settings(conn)?.number_pattern)
}
