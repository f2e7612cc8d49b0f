// The only place that talks to the Rust side. Types come from bindings.ts, generated from Rust.
import { Channel, invoke } from '@tauri-apps/api/core'
import { ElMessage } from 'element-plus'
import { readFileWithProgress } from './importProgress'
import type {
  AboutInfo,
  Account,
  AccountStatus,
  AppError,
  AttachmentInfo,
  AuditFilter,
  AuditPage,
  AuditReport,
  BacklogCounts,
  BacklogResult,
  DismissedLetter,
  BackupFile,
  FolderBackup,
  FolderProgress,
  CalendarEntryInput,
  CalendarRow,
  CalendarSource,
  FirstStart,
  CellKey,
  Consolidation,
  Imported,
  SubmissionInput,
  DocumentDeadlines,
  DocumentDetail,
  DocumentFilter,
  DocumentInput,
  DocumentPage,
  DrillDown,
  DueItem,
  DueResult,
  EventInput,
  FeeQuote,
  FilledLetter,
  Folder,
  IssuedLetter,
  LetterOption,
  LetterDraft,
  LetterKind,
  Role,
  SecuritySettings,
  SignoffStep,
  WaitingItem,
  LetterSettings,
  LetterSettingsView,
  PendingLetter,
  PdfFontSettings,
  PreviewDoc,
  BatchSummary,
  Template,
  TemplateView,
  ImportProgress,
  ImportSummary,
  InterpretationInput,
  LedgerInfo,
  LedgerSummary,
  OrganSettings,
  RequestDetail,
  RequestFilter,
  RequestImportSummary,
  RequestInput,
  RequestOptions,
  RequestPage,
  ReportCharts,
  ReportDeadline,
  ReportView,
  ReturnInput,
  ReviewInput,
  StatusChangeInput,
  YearEntries,
  Unit,
  UnitInput,
  PlanPreview,
  PlanView,
  ProgressInput,
  PlanTaskView,
  UnknownUnitChoice,
  OverduePair,
} from './bindings'

function isAppError(e: unknown): e is AppError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e
}

/** Every failure becomes an AppError with a Chinese message. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e
  return { code: 'Internal', message: `操作失败：${e instanceof Error ? e.message : String(e)}` }
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args)
  } catch (e) {
    throw toAppError(e)
  }
}

export const api = {
  reportView: (year: number) => call<ReportView>('report_view', { year }),
  reportSaveEntries: (year: number, entries: YearEntries) => call<ReportView>('report_save_entries', { year, entries }),
  /** Saves the report through the native save dialog; the chosen path, or null when cancelled.
   *  `archive`: the 存档副本, with the audit anchor and the time of export on every page. */
  reportSave: (year: number, format: 'pdf' | 'xlsx', overrideReason: string | null, archive = false) =>
    call<string | null>('report_save', { year, format, overrideReason, archive }),
  /** The document the PDF lays out (gongkai_pdf::Doc as JSON), for the preview. */
  reportPreview: (year: number) => call<PreviewDoc>('report_preview', { year }),
  reportDrill: (year: number, cell: CellKey) => call<DrillDown>('report_drill', { year, cell }),
  reportCharts: (year: number) => call<ReportCharts>('report_charts', { year }),
  reportDeadline: () => call<ReportDeadline>('report_deadline'),
  reportSaveDue: (setting: string) => call<ReportDeadline>('report_save_due', { setting }),
  ledgerInfo: () => call<LedgerInfo>('ledger_info'),
  /** 设置 → 关于: version, where the ledger, its backups and this workstation's settings are, fonts. */
  aboutInfo: () => call<AboutInfo>('about_info'),
  /** Opens another ledger file chosen in the native dialog; null when the clerk cancels. */
  ledgerOpen: () => call<AboutInfo | null>('ledger_open'),
  /** Creates a new ledger file where the clerk chooses and opens it; null when cancelled. */
  ledgerCreate: () => call<AboutInfo | null>('ledger_create'),
  /** Shows one of the app's folders in the system's file manager. */
  openFolder: (which: Folder) => call<null>('open_folder', { which }),
  auditList: (filter: AuditFilter) => call<AuditPage>('audit_list', { filter }),
  auditVerify: () => call<AuditReport>('audit_verify'),
  backupsList: () => call<BackupFile[]>('backups_list'),
  backupNow: () => call<BackupFile[]>('backup_now'),
  /** 备份到文件夹: Rust asks for the folder (null when cancelled), copies, verifies, reports progress. */
  backupToFolder: (onProgress: (p: FolderProgress) => void) => {
    const channel = new Channel<FolderProgress>()
    channel.onmessage = onProgress
    return call<FolderBackup | null>('backup_to_folder', { onProgress: channel })
  },
  backupInterval: () => call<number>('backup_interval'),
  backupSaveInterval: (hours: number) => call<number>('backup_save_interval', { hours }),
  backupInspect: (name: string) => call<LedgerSummary>('backup_inspect', { name }),
  /** Returns the file name the replaced ledger was kept as. */
  backupRestore: (name: string, otherLedgerConfirmed = false) =>
    call<string>('backup_restore', { name, otherLedgerConfirmed }),
  accountStatus: () => call<AccountStatus>('account_status'),
  requestApproveExtension: (number: string, date: string) => call<RequestDetail>('request_approve_extension', { number, date }),
  accountSignIn: (login: string, password: string) => call<AccountStatus>('account_sign_in', { login, password }),
  accountSignOut: () => call<AccountStatus>('account_sign_out'),
  accountChangePassword: (old: string, newPassword: string) =>
    call<AccountStatus>('account_change_password', { old, new: newPassword }),
  accountCreateFirst: (login: string, name: string, roles: Role[], password: string) =>
    call<AccountStatus>('account_create_first', { login, name, roles, password }),
  accountList: () => call<Account[]>('account_list'),
  accountAdd: (login: string, name: string, roles: Role[], password: string) =>
    call<Account[]>('account_add', { login, name, roles, password }),
  accountSetEnabled: (login: string, enabled: boolean) => call<Account[]>('account_set_enabled', { login, enabled }),
  accountSetRoles: (login: string, roles: Role[]) => call<Account[]>('account_set_roles', { login, roles }),
  accountResetPassword: (login: string, password: string) => call<Account[]>('account_reset_password', { login, password }),
  securitySettings: () => call<SecuritySettings>('security_settings'),
  saveSecuritySettings: (settings: SecuritySettings) => call<SecuritySettings>('save_security_settings', { settings }),
  requestSignoff: (number: string, step: SignoffStep, date: string, comment: string) =>
    call<RequestDetail>('request_signoff', { number, step, date, comment }),
  requestWaiting: () => call<WaitingItem[]>('request_waiting'),
  organSettings: () => call<OrganSettings>('organ_settings'),
  saveOrganName: (name: string) => call<OrganSettings>('save_organ_name', { name }),
  saveReviewBodies: (reviewOrgan: string, court: string) => call<OrganSettings>('save_review_bodies', { reviewOrgan, court }),
  /** 机关地址 and 联系电话, printed where a letter says "与本机关联系". */
  saveOrganContact: (address: string, telephone: string) => call<OrganSettings>('save_organ_contact', { address, telephone }),
  /** What the 开始使用 checklist ticks by itself. */
  firstStart: () => call<FirstStart>('first_start'),
  calendarConfirmedYears: () => call<number[]>('calendar_confirmed_years'),
  /** Marks a year's notice 已录入完整: its deadlines are no longer 预计. */
  calendarConfirmYear: (year: number) => call<number[]>('calendar_confirm_year', { year }),
  saveDepartments: (names: string[]) => call<OrganSettings>('save_departments', { names }),
  calendarRows: () => call<CalendarRow[]>('calendar_rows'),
  calendarUpsert: (entries: CalendarEntryInput[], source: CalendarSource) =>
    call<CalendarRow[]>('calendar_upsert', { entries, source }),
  calendarRemove: (date: string) => call<CalendarRow[]>('calendar_remove', { date }),
  calendarImport: (text: string, source: CalendarSource) => call<CalendarRow[]>('calendar_import', { text, source }),
  calendarDue: (date: string, workdays: number) => call<DueResult>('calendar_due', { date, workdays }),
  documentsList: (filter: DocumentFilter) => call<DocumentPage>('documents_list', { filter }),
  documentsYears: () => call<number[]>('documents_years'),
  documentGet: (id: number) => call<DocumentDetail>('document_get', { id }),
  documentCreate: (input: DocumentInput) => call<DocumentDetail>('document_create', { input }),
  documentUpdate: (id: number, input: DocumentInput) => call<DocumentDetail>('document_update', { id, input }),
  documentChangeStatus: (id: number, input: StatusChangeInput) =>
    call<DocumentDetail>('document_change_status', { id, input }),
  documentAddInterpretation: (id: number, input: InterpretationInput) =>
    call<DocumentDetail>('document_add_interpretation', { id, input }),
  documentReturn: (id: number, input: ReturnInput) => call<DocumentDetail>('document_return', { id, input }),
  documentResubmit: (id: number, input: ReturnInput) => call<DocumentDetail>('document_resubmit', { id, input }),
  /** The file's bytes go over IPC as a number array: the window cannot read files itself. */
  documentsImport: (bytes: Uint8Array, onProgress: (p: ImportProgress) => void) =>
    call<ImportSummary>('documents_import', { bytes: Array.from(bytes), onProgress: progressChannel(onProgress) }),
  /** Saved through the native save dialog: the chosen path, or null when cancelled. */
  documentsExportSave: (filter: DocumentFilter, name: string) => call<string | null>('documents_export_save', { filter, name }),
  documentsTemplateSave: () => call<string | null>('documents_template_save'),
  /** The blank 依申请公开 import form. */
  requestsTemplateSave: () => call<string | null>('requests_template_save'),
  documentDeadlines: () => call<DocumentDeadlines>('document_deadlines'),
  requestOptions: () => call<RequestOptions>('request_options'),
  requestSaveNumberPattern: (pattern: string) => call<RequestOptions>('request_save_number_pattern', { pattern }),
  requestList: (filter: RequestFilter) => call<RequestPage>('request_list', { filter }),
  requestYears: () => call<number[]>('request_years'),
  requestGet: (number: string) => call<RequestDetail>('request_get', { number }),
  requestRegister: (input: RequestInput) => call<RequestDetail>('request_register', { input }),
  requestAppendEvent: (number: string, event: EventInput) => call<RequestDetail>('request_append_event', { number, event }),
  requestDueList: () => call<DueItem[]>('request_due_list'),
  // Bytes travel as a plain number array: a Uint8Array would serialise as an object.
  requestImport: (fileName: string, bytes: Uint8Array, onProgress: (p: ImportProgress) => void) =>
    call<RequestImportSummary>('request_import', { fileName, bytes: Array.from(bytes), onProgress: progressChannel(onProgress) }),
  requestExportSave: (filter: RequestFilter, unmasked: boolean) => call<string | null>('request_export_save', { filter, unmasked }),
  requestAddReview: (number: string, review: ReviewInput) => call<RequestDetail>('request_add_review', { number, review }),
  requestUpdateReview: (number: string, id: number, review: ReviewInput) =>
    call<RequestDetail>('request_update_review', { number, id, review }),
  requestAddAttachment: (number: string, fileName: string, bytes: Uint8Array) =>
    call<AttachmentInfo>('request_add_attachment', { number, fileName, bytes: Array.from(bytes) }),
  pdfFontSettings: () => call<PdfFontSettings>('pdf_font_settings'),
  pdfSaveBodyFont: (path: string) => call<PdfFontSettings>('pdf_save_body_font', { path }),
  letterSettings: () => call<LetterSettingsView>('letter_settings'),
  letterSaveSettings: (settings: LetterSettings) => call<LetterSettingsView>('letter_save_settings', { settings }),
  letterSaveTemplate: (key: string, template: Template) => call<TemplateView>('letter_save_template', { key, template }),
  letterRestoreTemplate: (key: string) => call<TemplateView>('letter_restore_template', { key }),
  letterDraft: (number: string, kind: LetterKind) => call<LetterDraft>('letter_draft', { number, kind }),
  letterIssue: (number: string, kind: LetterKind, text: FilledLetter) => call<IssuedLetter>('letter_issue', { number, kind, text }),
  letterList: (number: string) => call<IssuedLetter[]>('letter_list', { number }),
  letterOptions: (number: string) => call<LetterOption[]>('letter_options', { number }),
  letterPending: () => call<PendingLetter[]>('letter_pending'),
  letterIssuePending: () => call<BatchSummary>('letter_issue_pending'),
  letterDismiss: (number: string, kind: LetterKind, since: string, reason: string) =>
    call<number>('letter_dismiss', { number, kind, since, reason }),
  letterDismissed: () => call<DismissedLetter[]>('letter_dismissed'),
  letterRestoreDismissed: (id: number) => call<null>('letter_restore_dismissed', { id }),
  backlogCounts: (cutoff: string) => call<BacklogCounts>('backlog_counts', { cutoff }),
  backlogClose: (cutoff: string, documentsReason: string | null, requestsReason: string | null) =>
    call<BacklogResult>('backlog_close', { cutoff, documentsReason, requestsReason }),
  letterPrint: (letterId: number) => call<string>('letter_print', { letterId }),
  letterFeeQuote: (number: string, pages: number | null) => call<FeeQuote>('letter_fee_quote', { number, pages }),
  requestAttachmentSave: (id: number) => call<string | null>('request_attachment_save', { id }),
  unitsList: () => call<Unit[]>('units_list'),
  unitAdd: (input: UnitInput) => call<Unit[]>('unit_add', { input }),
  unitUpdate: (id: number, input: UnitInput) => call<Unit[]>('unit_update', { id, input }),
  unitSetRetired: (id: number, retired: boolean) => call<Unit[]>('unit_set_retired', { id, retired }),
  planYears: () => call<number[]>('plan_years'),
  planPreviewText: (year: number, text: string) => call<PlanPreview>('plan_preview_text', { year, text }),
  planPreviewFile: (year: number, fileName: string, bytes: Uint8Array) =>
    call<PlanPreview>('plan_preview_file', { year, fileName, bytes: Array.from(bytes) }),
  /** Saves the previewed text; `choices` say, per unknown unit, add it (with its 类别) or map it. */
  planSave: (year: number, text: string, sourceName: string, addUnits: boolean, choices: UnknownUnitChoice[] = []) =>
    call<PlanView>('plan_save', { year, text, sourceName, addUnits, choices }),
  planGet: (year: number) => call<PlanView>('plan_get', { year }),
  /** A progress note, with an evidence file (佐证附件) picked in the page when given. */
  planRecordProgress: (input: ProgressInput, file?: { name: string; bytes: Uint8Array }) =>
    call<PlanView>('plan_record_progress', { input, fileName: file?.name ?? null, bytes: file ? Array.from(file.bytes) : null }),
  /** An evidence file saved as a copy through the native save dialog (recorded): the path, or null. */
  planEvidenceSave: (id: number) => call<string | null>('plan_evidence_save', { id }),
  /** The year's completed tasks under the report's five subheadings: [subheading, tasks][]. */
  planCompletedTasks: (year: number) => call<[string, PlanTaskView[]][]>('plan_completed_tasks', { year }),
  planSetSubheading: (year: number, seq: number, subheading: string) =>
    call<[string, PlanTaskView[]][]>('plan_set_subheading', { year, seq, subheading }),
  planOverdue: () => call<OverduePair[]>('plan_overdue'),
  /** 完成情况 workbook through the native save dialog: the chosen path, or null when cancelled. */
  planExportSave: (year: number) => call<string | null>('plan_export_save', { year }),
  consolidationView: (year: number) => call<Consolidation>('consolidation_view', { year }),
  submissionImport: (input: SubmissionInput, bytes: Uint8Array) =>
    call<Imported>('submission_import', { input, bytes: Array.from(bytes) }),
  /** 汇总表 (csv, xlsx, pdf) or the 催报 list (reminder) through the native save dialog. */
  consolidationSave: (year: number, format: 'csv' | 'xlsx' | 'pdf' | 'reminder') =>
    call<string | null>('consolidation_save', { year, format }),
}

/** The bytes of a file the clerk picked (FileReader works in every webview, `File.arrayBuffer` not in all). */
export function readBytes(file: Blob): Promise<Uint8Array> {
  return readFileWithProgress(file, () => {})
}

/** A channel the ledger reports an import's progress on, row by row. */
function progressChannel(onProgress: (p: ImportProgress) => void): Channel<ImportProgress> {
  const channel = new Channel<ImportProgress>()
  channel.onmessage = onProgress
  return channel
}

/** Tells the clerk where a file was saved (nothing when the save dialog was cancelled). */
export function announceSaved(path: string | null, what = '文件') {
  if (path) ElMessage.success({ message: `${what}已保存到：${path}`, duration: 6000, showClose: true })
}

/** 文件大小的中文显示 */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} 字节`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}
