//! The TypeScript types of every IPC DTO and the labels of the closed vocabularies, generated from
//! Rust into `ui/src/bindings.ts`.
//! A test fails when the committed file is stale; `UPDATE_BINDINGS=1 cargo test -p gongkai-ledger --test bindings` rewrites it.

use ts_rs::{Config, TS};

macro_rules! decls {
    ($cfg:expr; $($t:ty),* $(,)?) => {
        vec![$(<$t as TS>::decl($cfg)),*]
    };
}

/// The whole `bindings.ts` file.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let cfg = &cfg;
    let decls: Vec<String> = decls![cfg;
        gongkai_core::ErrorCode,
        gongkai_core::AppError,
        gongkai_core::calendar::DayKind,
        gongkai_core::clock::Deadline,
        gongkai_core::clock::ClockState,
        crate::info::LedgerInfo,
        crate::backup::BackupFile,
        crate::backup::LedgerSummary,
        crate::audit::AuditReport,
        crate::audit::AuditEntry,
        crate::audit::AuditFilter,
        crate::audit::AuditPage,
        crate::settings::Department,
        crate::settings::OrganSettings,
        crate::settings::PdfFontSettings,
        crate::calendar::CalendarSource,
        crate::calendar::CalendarRow,
        crate::calendar::CalendarEntryInput,
        crate::calendar::DueResult,
        gongkai_core::report::ByApplicant,
        gongkai_core::report::TableThree,
        gongkai_core::report::SectionTwo,
        gongkai_core::report::ReviewOutcomes,
        gongkai_core::report::TableFour,
        gongkai_core::report::CheckFailure,
        gongkai_core::report::AnnualFigures,
        crate::report::YearEntries,
        crate::report::ReportRow,
        crate::report::ReportView,
        crate::report::FeeSummary,
        crate::report::ReportDeadline,
        crate::report_drill::CellKey,
        crate::report_drill::DrillRequest,
        crate::report_drill::DrillDocument,
        crate::report_drill::DrillDown,
        crate::report_drill::MonthlySeries,
        crate::report_drill::ChartSlice,
        crate::report_drill::ReportCharts,
        gongkai_core::document::Category,
        gongkai_core::document::Status,
        gongkai_core::document::Disclosure,
        gongkai_core::document::DisclosureMode,
        gongkai_core::document::InterpretationForm,
        gongkai_core::document::PortalState,
        gongkai_core::document::PortalDeadline,
        gongkai_core::document::YearFigures,
        gongkai_core::document::AnnualFigures,
        crate::documents::WriteSource,
        crate::documents::DocumentInput,
        crate::documents::InterpretationInput,
        crate::documents::StatusChangeInput,
        crate::documents::ReturnInput,
        crate::documents::Document,
        crate::documents::StatusRecord,
        crate::documents::InterpretationRecord,
        crate::documents::ReturnKind,
        crate::documents::ReturnRecord,
        crate::documents::EditRecord,
        crate::documents::DocumentDetail,
        crate::documents::DocumentSort,
        crate::documents::DocumentFilter,
        crate::documents::DocumentPage,
        crate::documents::DeadlineItem,
        crate::documents::DocumentDeadlines,
        crate::progress::ImportStage,
        crate::progress::ImportProgress,
        crate::import_documents::ImportSummary,
        gongkai_core::clock::ConsultationKind,
        gongkai_core::taxonomy::ApplicantType,
        gongkai_core::taxonomy::ReplyResult,
        gongkai_core::identity::IdKind,
        gongkai_core::request::Channel,
        gongkai_core::request::ReplyType,
        gongkai_core::request::ActionKind,
        gongkai_core::request::EventDetail,
        gongkai_core::request::RequestStatus,
        gongkai_core::request::ReviewKind,
        gongkai_core::request::ReviewOutcome,
        crate::requests::RequestInput,
        crate::requests::DueState,
        crate::requests::RequestRecord,
        crate::requests::TimelineEntry,
        crate::requests::ActionOption,
        crate::requests::Review,
        crate::requests::ReviewInput,
        crate::requests::AttachmentInfo,
        crate::requests::LinkedDocument,
        crate::requests::RequestDetail,
        crate::requests::RequestSort,
        crate::requests::RequestFilter,
        crate::requests::RequestRow,
        crate::requests::RequestPage,
        crate::requests::DueItem,
        crate::requests::EventInput,
        crate::requests::RequestOptions,
        crate::requests::LabeledOption,
        crate::import_requests::ImportSummary,
        gongkai_core::letter::LetterKind,
        gongkai_core::letter::Template,
        gongkai_core::letter::FilledLetter,
        gongkai_core::fee::FeeQuote,
        crate::letters::LetterSettings,
        crate::letters::TemplateView,
        crate::letters::PlaceholderInfo,
        crate::letters::LetterSettingsView,
        crate::letters::LetterDraft,
        crate::letters::IssuedLetter,
        crate::letters::PendingLetter,
        crate::letters::SkippedLetter,
        crate::letters::BatchSummary,
    ];
    let mut out = String::from(
        "// 由 Rust 类型生成（crates/ledger/src/bindings.rs），请勿手工修改。\n\
         // Generated, and long, because every IPC type and vocabulary label is written once, in Rust.\n\
         // Regenerate: `UPDATE_BINDINGS=1 cargo test -p gongkai-ledger --test bindings` (a test fails when stale).\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(d.trim());
        out.push_str("\n\n");
    }
    out.push_str(&vocabulary_labels());
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The Chinese labels of the closed vocabularies, keyed by their serde names, as
/// `export const NAME: Record<Type, string>`: the window reads them from here instead of writing
/// them again. The order is the Rust `ALL` order, which the window's selects keep.
fn vocabulary_labels() -> String {
    use gongkai_core::document::{Category, Disclosure, DisclosureMode, InterpretationForm, PortalState, Status};
    use gongkai_core::letter::LetterKind;
    [
        label_record("CATEGORY_LABEL", "Category", Category::ALL.iter().map(|v| (*v, v.label()))),
        label_record("STATUS_LABEL", "Status", Status::ALL.iter().map(|v| (*v, v.label()))),
        label_record("DISCLOSURE_LABEL", "Disclosure", Disclosure::ALL.iter().map(|v| (*v, v.label()))),
        label_record("MODE_LABEL", "DisclosureMode", DisclosureMode::ALL.iter().map(|v| (*v, v.label()))),
        label_record("FORM_LABEL", "InterpretationForm", InterpretationForm::ALL.iter().map(|v| (*v, v.label()))),
        label_record("PORTAL_LABEL", "PortalState", PortalState::ALL.iter().map(|v| (*v, v.label()))),
        label_record("LETTER_KIND_LABEL", "LetterKind", LetterKind::ALL.iter().map(|v| (*v, v.label()))),
        label_record(
            "CONSULTATION_LABEL",
            "ConsultationKind",
            consultation_kinds().into_iter().map(|v| (v, v.label())),
        ),
    ]
    .join("\n\n")
}

/// Every `ConsultationKind`: gongkai-core has no `ALL` for it; the match stops compiling when a
/// variant is added, so this list grows with the enum.
fn consultation_kinds() -> [gongkai_core::clock::ConsultationKind; 2] {
    use gongkai_core::clock::ConsultationKind::{OtherAgency, ThirdParty};
    [ThirdParty, OtherAgency].map(|kind| match kind {
        ThirdParty | OtherAgency => kind,
    })
}

/// One `Record<ty, string>` constant; the key is the variant's serde name (what crosses IPC).
fn label_record<T: serde::Serialize>(name: &str, ty: &str, entries: impl Iterator<Item = (T, &'static str)>) -> String {
    let json = |v: &str| serde_json::Value::from(v).to_string();
    let lines: Vec<String> = entries
        .map(|(variant, label)| {
            let key = serde_json::to_value(&variant).expect("a vocabulary serialises");
            let key = key.as_str().expect("a vocabulary serialises as a string");
            format!("  {}: {},", json(key), json(label))
        })
        .collect();
    format!("export const {name}: Record<{ty}, string> = {{\n{}\n}};", lines.join("\n"))
}
