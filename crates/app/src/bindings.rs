//! The TypeScript types of every IPC DTO and the labels of the closed vocabularies, generated from
//! Rust into `ui/src/bindings.ts`.
//! A test fails when the committed file is stale; `UPDATE_BINDINGS=1 cargo test -p gongkai-app --test bindings` rewrites it.
//! It lives here, above the ledger and the PDF layout, because the window's types come from both.

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
        gongkai_pdf::Align,
        gongkai_pdf::Cell,
        gongkai_pdf::Table,
        gongkai_pdf::Block,
        gongkai_pdf::Doc,
        gongkai_core::AppError,
        gongkai_core::account::Role,
        gongkai_ledger::accounts::Account,
        gongkai_ledger::accounts::AccountStatus,
        gongkai_core::calendar::DayKind,
        gongkai_core::clock::Deadline,
        gongkai_core::clock::ClockState,
        gongkai_ledger::info::LedgerInfo,
        crate::about::Folder,
        crate::about::FontInUse,
        crate::about::AboutInfo,
        gongkai_ledger::backup::BackupFile,
        gongkai_ledger::backup::LedgerSummary,
        gongkai_ledger::backup::FolderBackup,
        gongkai_ledger::backup::FolderProgress,
        gongkai_ledger::audit::Head,
        gongkai_ledger::audit::AuditReport,
        gongkai_ledger::audit::AuditEntry,
        gongkai_ledger::audit::AuditField,
        gongkai_ledger::audit::AuditFilter,
        gongkai_ledger::audit::AuditPage,
        gongkai_ledger::settings::Department,
        gongkai_ledger::settings::OrganSettings,
        gongkai_ledger::settings::FirstStart,
        gongkai_core::workplan::UnitCategory,
        gongkai_core::workplan::TaskState,
        gongkai_core::workplan::UnitGroup,
        gongkai_core::workplan::UnitRefs,
        gongkai_core::workplan::PlanLayout,
        gongkai_core::workplan::PlanPart,
        gongkai_core::workplan::PlanTask,
        gongkai_core::workplan::PlanLine,
        gongkai_core::workplan::ParsedPlan,
        gongkai_ledger::units::Unit,
        gongkai_ledger::units::UnitInput,
        gongkai_ledger::plans::PlanPreview,
        gongkai_ledger::plans::PlanPair,
        gongkai_ledger::plans::ProgressNote,
        gongkai_ledger::plans::PlanTaskView,
        gongkai_ledger::plans::PlanView,
        gongkai_ledger::plans::OverduePair,
        gongkai_ledger::plans::ProgressInput,
        gongkai_ledger::plans::EvidenceInfo,
        gongkai_ledger::plans::UnknownUnitChoice,
        gongkai_core::submission::UnitTotals,
        gongkai_ledger::submissions::SubmissionInfo,
        gongkai_ledger::submissions::SubmissionInput,
        gongkai_ledger::submissions::SubmissionState,
        gongkai_ledger::submissions::UnitStatus,
        gongkai_ledger::submissions::Contribution,
        gongkai_ledger::submissions::Consolidation,
        gongkai_ledger::submissions::Imported,
        gongkai_ledger::settings::PdfFontSettings,
        gongkai_ledger::calendar::CalendarSource,
        gongkai_ledger::calendar::CalendarRow,
        gongkai_ledger::calendar::CalendarEntryInput,
        gongkai_ledger::calendar::DueResult,
        gongkai_core::calendar::Estimate,
        gongkai_core::report::ByApplicant,
        gongkai_core::report::TableThree,
        gongkai_core::report::SectionTwo,
        gongkai_core::report::ReviewOutcomes,
        gongkai_core::report::TableFour,
        gongkai_core::report::CheckFailure,
        gongkai_core::report::AnnualFigures,
        gongkai_core::overview::OverviewSections,
        gongkai_ledger::report::YearEntries,
        gongkai_ledger::report::ReportRow,
        gongkai_ledger::report::ReportView,
        gongkai_ledger::report::FeeSummary,
        gongkai_ledger::report::ReportDeadline,
        gongkai_ledger::report_drill::CellKey,
        gongkai_ledger::report_drill::DrillRequest,
        gongkai_ledger::report_drill::DrillDocument,
        gongkai_ledger::report_drill::DrillDown,
        gongkai_ledger::report_drill::MonthlySeries,
        gongkai_ledger::report_drill::ChartSlice,
        gongkai_ledger::report_drill::ReportCharts,
        gongkai_core::document::Category,
        gongkai_core::document::Status,
        gongkai_core::document::Disclosure,
        gongkai_core::document::DisclosureMode,
        gongkai_core::document::InterpretationForm,
        gongkai_core::document::PortalState,
        gongkai_core::document::PortalDeadline,
        gongkai_core::document::YearFigures,
        gongkai_core::document::AnnualFigures,
        gongkai_ledger::documents::WriteSource,
        gongkai_ledger::documents::DocumentInput,
        gongkai_ledger::documents::InterpretationInput,
        gongkai_ledger::documents::StatusChangeInput,
        gongkai_ledger::documents::ReturnInput,
        gongkai_ledger::documents::Document,
        gongkai_ledger::documents::StatusRecord,
        gongkai_ledger::documents::InterpretationRecord,
        gongkai_ledger::documents::ReturnKind,
        gongkai_ledger::documents::ReturnRecord,
        gongkai_ledger::documents::EditRecord,
        gongkai_ledger::documents::DocumentDetail,
        gongkai_ledger::documents::DocumentSort,
        gongkai_ledger::documents::DocumentFilter,
        gongkai_ledger::documents::DocumentPage,
        gongkai_ledger::documents::DeadlineItem,
        gongkai_ledger::documents::DocumentDeadlines,
        gongkai_ledger::progress::ImportStage,
        gongkai_ledger::progress::ImportProgress,
        gongkai_ledger::documents::exchange::ImportSummary,
        gongkai_core::clock::ConsultationKind,
        gongkai_core::taxonomy::ApplicantType,
        gongkai_core::taxonomy::ReplyResult,
        gongkai_core::identity::IdKind,
        gongkai_core::request::Channel,
        gongkai_core::request::ReplyType,
        gongkai_core::request::CorrectionGround,
        gongkai_core::request::ActionKind,
        gongkai_core::request::EventDetail,
        gongkai_core::request::RequestStatus,
        gongkai_core::request::ReviewKind,
        gongkai_core::request::ReviewOutcome,
        gongkai_ledger::requests::RequestInput,
        gongkai_ledger::requests::DueState,
        gongkai_ledger::requests::RequestRecord,
        gongkai_ledger::requests::TimelineEntry,
        gongkai_ledger::requests::ActionOption,
        gongkai_ledger::requests::Review,
        gongkai_ledger::requests::ReviewInput,
        gongkai_ledger::requests::AttachmentInfo,
        gongkai_ledger::requests::LinkedDocument,
        gongkai_core::request::ReplyStage,
        gongkai_ledger::requests::signoff::SignoffStep,
        gongkai_ledger::requests::signoff::WaitingItem,
        gongkai_ledger::settings::SecuritySettings,
        gongkai_ledger::requests::RequestDetail,
        gongkai_ledger::requests::RequestSort,
        gongkai_ledger::requests::RequestFilter,
        gongkai_ledger::requests::RequestRow,
        gongkai_ledger::requests::RequestPage,
        gongkai_ledger::requests::DueItem,
        gongkai_ledger::requests::EventInput,
        gongkai_ledger::requests::RequestOptions,
        gongkai_ledger::requests::LabeledOption,
        gongkai_ledger::requests::exchange::ImportSummary,
        gongkai_core::letter::LetterKind,
        gongkai_core::letter::Template,
        gongkai_core::letter::FilledLetter,
        gongkai_core::fee::FeeQuote,
        gongkai_ledger::letters::LetterSettings,
        gongkai_ledger::letters::TemplateView,
        gongkai_ledger::letters::PlaceholderInfo,
        gongkai_ledger::letters::LetterSettingsView,
        gongkai_ledger::letters::LetterDraft,
        gongkai_ledger::letters::LetterOption,
        gongkai_ledger::letters::IssuedLetter,
        gongkai_ledger::letters::PendingLetter,
        gongkai_ledger::letters::DismissedLetter,
        gongkai_ledger::backlog::BacklogCounts,
        gongkai_ledger::backlog::BacklogOutcome,
        gongkai_ledger::backlog::BacklogResult,
        gongkai_core::worklist::WorkGroup,
        gongkai_ledger::letters::SkippedLetter,
        gongkai_ledger::letters::BatchSummary,
    ];
    let mut out = String::from(
        "// 由 Rust 类型生成（crates/app/src/bindings.rs），请勿手工修改。\n\
         // Generated, and long, because every IPC type and vocabulary label is written once, in Rust.\n\
         // Regenerate: `UPDATE_BINDINGS=1 cargo test -p gongkai-app --test bindings` (a test fails when stale).\n\n",
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
    use gongkai_core::clock::ConsultationKind;
    use gongkai_core::document::{Category, Disclosure, DisclosureMode, InterpretationForm, PortalState, Status};
    use gongkai_core::letter::LetterKind;
    use gongkai_ledger::audit::EventKind;
    [
        label_record("CATEGORY_LABEL", "Category", Category::ALL.iter().map(|v| (*v, v.label()))),
        label_record("STATUS_LABEL", "Status", Status::ALL.iter().map(|v| (*v, v.label()))),
        label_record("DISCLOSURE_LABEL", "Disclosure", Disclosure::ALL.iter().map(|v| (*v, v.label()))),
        label_record("MODE_LABEL", "DisclosureMode", DisclosureMode::ALL.iter().map(|v| (*v, v.label()))),
        label_record("FORM_LABEL", "InterpretationForm", InterpretationForm::ALL.iter().map(|v| (*v, v.label()))),
        label_record("PORTAL_LABEL", "PortalState", PortalState::ALL.iter().map(|v| (*v, v.label()))),
        label_record("UNIT_CATEGORY_LABEL", "UnitCategory", gongkai_core::workplan::UnitCategory::ALL.iter().map(|v| (*v, v.label()))),
        label_record("TASK_STATE_LABEL", "TaskState", gongkai_core::workplan::TaskState::ALL.iter().map(|v| (*v, v.label()))),
        label_record("LETTER_KIND_LABEL", "LetterKind", LetterKind::ALL.iter().map(|v| (*v, v.label()))),
        label_record("CONSULTATION_LABEL", "ConsultationKind", ConsultationKind::ALL.iter().map(|v| (*v, v.label()))),
        // 补正告知书's tickable Art. 29 grounds.
        label_record(
            "CORRECTION_GROUND_LABEL",
            "CorrectionGround",
            gongkai_core::request::CorrectionGround::ALL.iter().map(|v| (*v, v.label())),
        ),
        value_list(
            "OVERVIEW_HEADINGS",
            "string",
            "The five subheadings of 一、总体情况, in printed order.",
            gongkai_core::overview::OVERVIEW_HEADINGS.iter(),
        ),
        // 台账事件 (ledger_event.kind) as the audit log shows them.
        label_record("LEDGER_EVENT_LABEL", "string", EventKind::ALL.iter().map(|k| (k.code(), k.label()))),
        // The audit log's tables as the clerk knows them (its 表 filter).
        label_record("TABLE_LABEL", "string", gongkai_ledger::audit::TABLE_LABELS.iter().map(|(t, l)| (*t, *l))),
        label_record("ACTION_LABEL", "string", gongkai_ledger::audit::ACTION_LABELS.iter().map(|(a, l)| (*a, *l))),
        // The register's status rules, so the form asks for what the ledger will require.
        value_list(
            "STATUS_CHANGE_TO",
            "Status",
            "Status changes a clerk can record (尚未生效 is only a starting status).",
            Status::ALL.iter().copied().filter(|s| gongkai_core::document::check_transition(Status::Pending, *s).is_ok()),
        ),
        value_list(
            "STATUS_NEEDS_CHANGE_DATE",
            "Status",
            "Statuses whose change needs the date it took effect (状态变更日期).",
            Status::ALL.iter().copied().filter(|s| s.needs_change_date()),
        ),
    ]
    .join("\n\n")
}

/// One `readonly ty[]` constant of serde names, with its doc comment.
fn value_list<T: serde::Serialize>(name: &str, ty: &str, doc: &str, values: impl Iterator<Item = T>) -> String {
    let items: Vec<String> = values.map(|v| serde_json::to_value(&v).expect("a vocabulary serialises").to_string()).collect();
    format!("/** {doc} */\nexport const {name}: readonly {ty}[] = [{}];", items.join(", "))
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
