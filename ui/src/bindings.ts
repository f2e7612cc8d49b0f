// 由 Rust 类型生成（crates/ledger/src/bindings.rs），请勿手工修改。
// Generated from the Rust DTOs; run `UPDATE_BINDINGS=1 cargo test -p gongkai-ledger --test bindings`.

export type ErrorCode = "Validation" | "NotFound" | "InvalidTransition" | "Conflict" | "Internal";

export type AppError = { code: ErrorCode, message: string, };

export type DayKind = "holiday" | "workday";

export type Deadline = { date: string, 
/**
 * Steps a clerk can redo by hand, e.g. "2024-09-27 收到申请；答复期限 2024-10-30".
 */
derivation: string, 
/**
 * Things to double-check: uncovered calendar years, late or oversized steps.
 */
warnings: Array<string>, };

export type ClockState = { 
/**
 * None before receipt, and while waiting for the corrected request (unless Art. 35 set a date).
 */
reply: Deadline | null, correction: Deadline | null, 
/**
 * A consultation is under way and is holding the reply deadline back.
 */
paused: boolean, 
/**
 * Working days from `today` to the reply deadline, negative when overdue.
 */
workdays_left: number | null, overdue: boolean, 
/**
 * A correction was asked and the corrected request has not arrived yet.
 */
awaiting_correction: boolean, };

export type LedgerInfo = { 
/**
 * 台账文件路径
 */
path: string, 
/**
 * Bytes of the main file plus its WAL.
 */
size_bytes: number, 
/**
 * 结构版本 recorded in the file.
 */
schema_version: number, 
/**
 * The newest schema this build knows.
 */
supported_version: number, 
/**
 * 程序版本
 */
app_version: string, };

export type Department = { id: number, name: string, 
/**
 * 已停用：kept so that old records still show their department.
 */
retired: boolean, };

export type OrganSettings = { 
/**
 * 机关名称; empty until the clerk sets it.
 */
organ_name: string, 
/**
 * Active departments first, in the clerk's order.
 */
departments: Array<Department>, };

export type CalendarSource = "notice" | "local";

export type CalendarRow = { date: string, kind: DayKind, name: string, source: CalendarSource, };

export type CalendarEntryInput = { 
/**
 * YYYY-MM-DD
 */
date: string, kind: DayKind, name: string, };

export type DueResult = { date: string, warnings: Array<string>, };

export type ConsultationKind = "third_party" | "other_agency";

export type ApplicantType = "natural_person" | "business" | "research" | "public_interest" | "legal_service" | "other";

export type ReplyResult = "disclosed" | "partly_disclosed" | "state_secret" | "prohibited_by_law" | "three_securities" | "third_party_rights" | "internal_affairs" | "process_information" | "enforcement_file" | "administrative_query" | "not_held" | "needs_creation" | "still_unclear" | "petition" | "repeated" | "publication" | "excessive" | "confirm_or_reissue" | "correction_overdue" | "fee_unpaid" | "other_reason";

export type IdKind = "none" | "resident_id" | "credit_code" | "other";

export type Channel = "in_person" | "post" | "online" | "fax" | "other";

export type ReplyType = "already_public" | "provided" | "not_disclosed" | "not_exist" | "not_responsible" | "repeated" | "special_law";

export type ActionKind = "registered" | "correction_requested" | "correction_received" | "correction_lapsed" | "consultation_started" | "consultation_ended" | "extended" | "fee_notice_issued" | "fee_paid" | "fee_unpaid" | "deferred" | "replied" | "delivered" | "archived" | "withdrawn";

export type EventDetail = { "kind": "registered", } | { "kind": "correction_requested", items: string, correct_by: string | null, } | { "kind": "correction_received", } | { "kind": "correction_lapsed", note: string, } | { "kind": "consultation_started", consultation: ConsultationKind, party: string, } | { "kind": "consultation_ended", consultation: ConsultationKind, opinion: string, } | { "kind": "extended", workdays: number, approver: string, reason: string, } | { "kind": "fee_notice_issued", amount: number, basis: string, } | { "kind": "fee_paid", amount: number, } | { "kind": "fee_unpaid", note: string, } | { "kind": "deferred", until: string, reason: string, } | { "kind": "replied", method: string, result: ReplyResult, reply_type: ReplyType | null, note: string, } | { "kind": "delivered", method: string, proof: string, } | { "kind": "archived", archive_number: string, } | { "kind": "withdrawn", reason: string, };

export type RequestStatus = "processing" | "awaiting_correction" | "consulting" | "awaiting_fee" | "replied" | "delivered" | "closed" | "withdrawn" | "archived";

export type ReviewKind = "reconsideration" | "lawsuit_direct" | "lawsuit_after_reconsideration";

export type ReviewOutcome = "upheld" | "corrected" | "other" | "pending";

export type RequestInput = { 
/**
 * 受理编号; empty to generate one from the pattern setting.
 */
number: string, applicant_type: ApplicantType, applicant_name: string, id_kind: IdKind, id_number: string, 
/**
 * 联系方式 (phone)
 */
contact: string, address: string, channel: Channel, 
/**
 * 收到申请之日 (Art. 31), YYYY-MM-DD
 */
received_date: string, content: string, 
/**
 * 文号或名称 of the information sought
 */
document_ref: string, document_id: number | null, 
/**
 * 获取信息的形式 (纸质、电子…)
 */
form_wanted: string, 
/**
 * 获取信息的方式 (邮寄、自行领取、电子邮件…)
 */
delivery_wanted: string, };

export type DueState = "overdue" | "due_soon" | "running" | "concluded";

export type RequestRecord = { id: number, number: string, applicant_type: ApplicantType, applicant_type_label: string, applicant_name: string, id_kind: IdKind, id_kind_label: string, id_number: string, contact: string, address: string, channel: Channel, channel_label: string, received_date: string, content: string, document_ref: string, document_id: number | null, form_wanted: string, delivery_wanted: string, created_at: string, status: RequestStatus, status_label: string, concluded_date: string | null, result: ReplyResult | null, result_label: string | null, imported: boolean, };

export type TimelineEntry = { seq: number, kind: ActionKind, label: string, date: string, summary: string, detail: EventDetail, operator: string, recorded_at: string, 
/**
 * Brought in by an import, not recorded through the workflow.
 */
imported: boolean, };

export type ActionOption = { kind: ActionKind, label: string, };

export type Review = { id: number, kind: ReviewKind, kind_label: string, filed_date: string, outcome: ReviewOutcome, outcome_label: string, decided_date: string | null, note: string, };

export type ReviewInput = { kind: ReviewKind, 
/**
 * YYYY-MM-DD
 */
filed_date: string, outcome: ReviewOutcome, 
/**
 * YYYY-MM-DD; empty while 尚未审结
 */
decided_date: string, note: string, };

export type AttachmentInfo = { id: number, file_name: string, sha256: string, size_bytes: number, added_at: string, operator: string, 
/**
 * The stored copy still has the recorded SHA-256.
 */
intact: boolean, };

export type RequestDetail = { request: RequestRecord, 
/**
 * Art. 31's rule for the request's channel.
 */
receipt_rule: string, timeline: Array<TimelineEntry>, allowed: Array<ActionOption>, 
/**
 * `clock::assess` on the request's events, today and the ledger's calendar.
 */
clock: ClockState, 
/**
 * Show the 补正告知 deadline: the request is open and no correction was asked yet.
 */
correction_relevant: boolean, due: DueState, due_label: string, 
/**
 * Working days of 延期 still available (20 in total).
 */
extension_left: number, reviews: Array<Review>, attachments: Array<AttachmentInfo>, };

export type RequestSort = "received" | "number" | "concluded";

export type RequestFilter = { 
/**
 * Searches 申请人 and 申请内容 (full text), and 受理编号 by prefix.
 */
query: string, status: RequestStatus | null, applicant_type: ApplicantType | null, 
/**
 * Received in this year.
 */
year: number | null, due: DueState | null, sort: RequestSort, descending: boolean, 
/**
 * 1-based.
 */
page: number, page_size: number, };

export type RequestRow = { id: number, number: string, applicant_type: ApplicantType, applicant_type_label: string, applicant_name: string, id_number_masked: string, contact_masked: string, channel_label: string, received_date: string, content: string, status: RequestStatus, status_label: string, concluded_date: string | null, result_label: string | null, 
/**
 * The reply deadline while open.
 */
reply_due: string | null, workdays_left: number | null, due: DueState, due_label: string, imported: boolean, };

export type RequestPage = { rows: Array<RequestRow>, total: number, page: number, page_size: number, };

export type DueItem = { number: string, applicant_name: string, status_label: string, reply_due: string, workdays_left: number, due: DueState, due_label: string, 
/**
 * The deadline's derivation, for a tooltip.
 */
derivation: string, paused: boolean, };

export type EventInput = { 
/**
 * YYYY-MM-DD
 */
date: string, detail: EventDetail, };

export type RequestOptions = { applicant_types: Array<LabeledOption>, id_kinds: Array<LabeledOption>, channels: Array<LabeledOption>, statuses: Array<LabeledOption>, results: Array<LabeledOption>, reply_types: Array<LabeledOption>, review_kinds: Array<LabeledOption>, review_outcomes: Array<LabeledOption>, 
/**
 * The 受理编号 pattern in force.
 */
number_pattern: string, };

export type LabeledOption = { value: string, label: string, group: string, };

export type ImportSummary = { 
/**
 * Requests written.
 */
imported: number, 
/**
 * Of which concluded (办结日期 given).
 */
concluded: number, 
/**
 * Of which still open.
 */
open: number, 
/**
 * "UTF-8", "UTF-8（带 BOM）", "GBK" or "Excel".
 */
source: string, 
/**
 * Columns of the file that are not import columns and were left out.
 */
ignored_columns: Array<string>, };
