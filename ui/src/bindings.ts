// 由 Rust 类型生成（crates/app/src/bindings.rs），请勿手工修改。
// Generated, and long, because every IPC type and vocabulary label is written once, in Rust.
// Regenerate: `UPDATE_BINDINGS=1 cargo test -p gongkai-app --test bindings` (a test fails when stale).

export type ErrorCode = "Validation" | "NotFound" | "InvalidTransition" | "Conflict" | "Forbidden" | "Internal";

export type PreviewAlign = "Left" | "Center" | "Right";

export type PreviewCell = { 
/**
 * Wrapped inside the cell; `\n` forces a line break.
 */
text: string, colspan: number, rowspan: number, align: PreviewAlign, bold: boolean, };

export type PreviewTable = { 
/**
 * Column widths in millimetres. A table wider than the 版心 (156 mm) is scaled down
 * proportionally; a narrower one is centred.
 */
col_widths_mm: Array<number>, rows: Array<Array<PreviewCell>>, 
/**
 * Font size of the cell text, e.g. 10.5 (五号) or 9 for the nine-column 三 table.
 */
font_size_pt: number, 
/**
 * The first `header_rows` rows are repeated at the top of every page the table spans.
 * Their spans must stay within the header.
 */
header_rows: number, 
/**
 * Rows kept on the same page as the row after them (keep-with-next): a sub-table's title
 * and column heads inside a table, e.g. 表二's "第二十条第（六）项", never end a page.
 */
keep_with_next: Array<number>, };

export type PreviewBlock = { "Heading1": string } | { "Heading2": string } | { "Title": string } | { "Centered": string } | { "Addressee": string } | { "Paragraph": string } | { "Table": PreviewTable } | { "Signature": { organ: string, date: string, } } | "SealCircle" | { "Spacer": number } | "PageBreak" | { "PageNote": string };

export type PreviewDoc = { 
/**
 * Printed at the top of the first page and written to the PDF's metadata.
 * An empty title prints nothing.
 */
title: string, blocks: Array<PreviewBlock>, 
/**
 * Print "— 1 —" (4号, centred) 7 mm below the 版心 on every page.
 */
footer_page_numbers: boolean, };

export type AppError = { code: ErrorCode, message: string, };

export type Role = "Clerk" | "Reviewer" | "Head" | "Admin";

export type Account = { id: number, login: string, name: string, roles: Array<Role>, enabled: boolean, 
/**
 * A 管理员 reset the password: the next login must set a new one.
 */
must_change: boolean, 
/**
 * Locked after five failed logins until this local time, "YYYY-MM-DD HH:MM:SS".
 */
locked_until: string | null, };

export type AccountStatus = { has_accounts: boolean, 
/**
 * The account signed in on this handle, if any.
 */
signed_in: Account | null, };

export type DayKind = "holiday" | "workday";

export type Deadline = { date: string, 
/**
 * Steps a clerk can redo by hand, e.g. "2024-09-27 收到申请；答复期限 2024-10-30".
 */
derivation: string, 
/**
 * Things to double-check: uncovered calendar years, late or oversized steps.
 */
warnings: Array<string>, 
/**
 * 预计: the counted period runs through a year whose notice is not confirmed complete, so
 * `date` rests on predicted statutory holidays; the plain Monday–Friday date and the reason
 * go beside it (issue 23). None for a date the agency fixed (Art. 35).
 */
estimate: Estimate | null, };

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

export type Folder = "ledger" | "backups" | "config";

export type FontInUse = { 
/**
 * What it sets, e.g. 正文和表格.
 */
use_for: string, name: string, 
/**
 * Where it comes from: 程序内置, the chosen file's path, or why the chosen one is not used.
 */
origin: string, };

export type AboutInfo = { 
/**
 * 程序版本 (the workspace version).
 */
app_version: string, ledger_path: string, 
/**
 * Why this ledger is open: --db / GONGKAI_DB, remembered, the default place, chosen now.
 */
ledger_source: string, backups_dir: string, config_dir: string, fonts: Array<FontInUse>, };

export type BackupFile = { 
/**
 * File name inside `backups/`; the handle the window uses to restore or inspect it.
 */
name: string, 
/**
 * 自动 / 手动 / 升级前 / 恢复前 / 其他
 */
kind: string, size_bytes: number, 
/**
 * Last modified, local time, "YYYY-MM-DD HH:MM:SS".
 */
modified: string, 
/**
 * The identity of the ledger it copies; None for backups older than identities.
 */
ledger_id: string | null, 
/**
 * The audit chain's head in the copy: an anchor for `audit verify`.
 */
head: Head | null, };

export type LedgerSummary = { name: string, schema_version: number, supported_version: number, 
/**
 * 机关名称, empty when not set.
 */
organ_name: string, requests: number, documents: number, audit_entries: number, 
/**
 * Newest change logged, "YYYY-MM-DDTHH:MM:SS…Z", empty when none.
 */
last_change: string, 
/**
 * The identity of the ledger it is or copies.
 */
ledger_id: string | null, 
/**
 * The audit chain's head in it.
 */
head: Head | null, 
/**
 * A backup (with attachments and a manifest) rather than a ledger.
 */
is_backup: boolean, attachments: number, 
/**
 * `integrity_check` and `foreign_key_check` findings, and for a backup the attachments it
 * lacks or holds altered; empty when sound.
 */
problems: Array<string>, };

export type FolderBackup = { 
/**
 * The folder made inside the chosen one.
 */
folder: string, 
/**
 * Attachments copied as plain files (and held in the backup file).
 */
attachments: number, bytes: number, 
/**
 * The audit chain's head in the copy, "N:HASH", empty for an empty log.
 */
head: string, 
/**
 * Attachments the ledger lists that were missing or altered on disk: not in the copy.
 */
missing: Array<string>, };

export type FolderProgress = { 
/**
 * 复制台账 / 复制附件 / 校验
 */
stage: string, done_bytes: number, total_bytes: number, 
/**
 * The attachment being copied or checked, empty otherwise.
 */
file: string, };

export type Head = { entry: number, 
/**
 * 64 hex digits
 */
hash: string, };

export type AuditReport = { entries: number, rows: number, 
/**
 * How many anchors (heads recorded outside the ledger) were checked.
 */
anchors: number, 
/**
 * The newest entry: what to record as the next anchor.
 */
head: Head | null, problems: Array<string>, };

export type AuditEntry = { id: number, at: string, operator: string, action: string, table_name: string, row_id: number, before: string | null, after: string | null, 
/**
 * The record by the key a clerk knows it by ("受理编号 2026-0001", "文号 …"), else "第 N 行".
 */
record: string, 
/**
 * The change in one line, in words ("办理状态：已送达 → 已归档").
 */
summary: string, 
/**
 * Field by field, in words, changed fields first.
 */
fields: Array<AuditField>, };

export type AuditField = { 
/**
 * The field's Chinese name (the column's own name where it has none).
 */
field: string, 
/**
 * "" when the entry has no before (an insert).
 */
before: string, 
/**
 * "" when the entry has no after (a delete).
 */
after: string, changed: boolean, };

export type AuditFilter = { table_name: string | null, operator: string | null, 
/**
 * YYYY-MM-DD, inclusive
 */
from: string | null, 
/**
 * YYYY-MM-DD, inclusive
 */
to: string | null, 
/**
 * A record's key: its row number, or text its logged content contains (受理编号, 文号, …);
 * a 受理编号 or 文号 also finds the entries of the request's events, letters, reviews and
 * attachments, or of the document's status rows, interpretations, returns and edits.
 */
record: string | null, limit: number, offset: number, };

export type AuditPage = { entries: Array<AuditEntry>, 
/**
 * Entries matching the filter, over all pages.
 */
total: number, 
/**
 * Every table and operator in the log, for the filter lists.
 */
tables: Array<string>, operators: Array<string>, };

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
 * 复议机关; empty until the clerk sets it (答复书 are refused meanwhile).
 */
review_organ: string, 
/**
 * 人民法院 named for 行政诉讼; empty prints "人民法院".
 */
court: string, 
/**
 * 机关地址; empty until set.
 */
address: string, 
/**
 * 联系电话; empty until set.
 */
telephone: string, 
/**
 * Active departments first, in the clerk's order.
 */
departments: Array<Department>, };

export type FirstStart = { organ_name: boolean, contact: boolean, departments: boolean, 
/**
 * The 文书编号 carries the organ's code: 机关代字 is set, or the clerk's own pattern has none.
 */
letter_number_pattern: boolean, 
/**
 * The year whose holiday notice the checklist asks for (next year).
 */
calendar_year: number, 
/**
 * That year's notice is entered and confirmed complete.
 */
calendar_confirmed: boolean, documents: number, requests: number, 
/**
 * A body font was chosen for letters and reports.
 */
body_font: boolean, };

export type UnitCategory = "Department" | "Township" | "Other";

export type TaskState = "NotStarted" | "InProgress" | "Done" | "NotApplicable";

export type UnitGroup = "All" | "Departments" | "Townships";

export type UnitRefs = { 
/**
 * Every item as written, groups as one item each (各部门、各单位), 等相关部门 dropped.
 */
written: Array<string>, 
/**
 * The units named one by one.
 */
named: Array<string>, 
/**
 * The groups named.
 */
groups: Array<UnitGroup>, 
/**
 * The list ended with 等相关部门 (or 等有关单位 …): the clerk completes it.
 */
and_others: boolean, };

export type PlanLayout = "Text" | "Table";

export type PlanPart = { heading: string, 
/**
 * Text under the heading before its first item (kept, shown; not a task).
 */
intro: string, };

export type PlanTask = { 
/**
 * Index into [`ParsedPlan::parts`].
 */
part: number, 
/**
 * 序号: 1, 2, … in the plan's order, across parts.
 */
seq: number, 
/**
 * The item's own number as written: （一）, 1., or empty.
 */
label: string, 
/**
 * The task (工作任务; in the text layout the item's heading).
 */
title: string, 
/**
 * 工作要求: the item's text.
 */
requirement: string, 
/**
 * 牵头单位
 */
lead: UnitRefs, 
/**
 * 责任单位 / 配合单位
 */
responsible: UnitRefs, 
/**
 * 完成时限 as written; empty when the plan sets none.
 */
deadline: string, 
/**
 * Line (1-based) of the task's first line in the text.
 */
line: number, };

export type PlanLine = { 
/**
 * 1-based line number in the text.
 */
line: number, text: string, reason: string, };

export type ParsedPlan = { layout: PlanLayout, 
/**
 * 文号 of the covering notice (长净管办〔2019〕41号), empty when none.
 */
doc_number: string, 
/**
 * The plan's title (…政务公开工作要点…), empty when none was found.
 */
title: string, 
/**
 * The front matter as written: red header, 文号, title, addressees, notice text, 附件 lines.
 */
header: Array<string>, 
/**
 * What follows the last task: 落款, date.
 */
footer: Array<string>, parts: Array<PlanPart>, tasks: Array<PlanTask>, unparsed: Array<PlanLine>, };

export type Unit = { id: number, name: string, category: UnitCategory, 
/**
 * 联系人及电话, as the clerk typed it.
 */
contact: string, 
/**
 * 报送截止日 as set ("MM-DD" of the year after the reported one); None: the category's default.
 */
report_due: string | null, 
/**
 * The due date in force: the one set, else the category's default (部门 "01-31"), else None.
 */
report_due_effective: string | null, 
/**
 * 已停用: kept so that old records still show the unit.
 */
retired: boolean, };

export type UnitInput = { name: string, category: UnitCategory, contact: string, 
/**
 * "MM-DD", "1月31日" or empty for the category's default.
 */
report_due: string, };

export type PlanPreview = { 
/**
 * The text parsed (a file's text as read), sent back with the confirmation.
 */
text: string, parsed: ParsedPlan, unknown_units: Array<string>, 
/**
 * The 类别 each unknown unit's name suggests (same order), for the clerk to confirm.
 */
unknown_suggested: Array<UnitCategory>, 
/**
 * The year already has a plan (saving would be refused).
 */
year_taken: boolean, };

export type PlanPair = { assignment_id: number, unit_id: number, unit_name: string, 
/**
 * 牵头 or 责任.
 */
role: string, state: TaskState, 
/**
 * Date of the progress note that set the state.
 */
state_on: string | null, 
/**
 * Still open after the task's due date.
 */
overdue: boolean, 
/**
 * Progress notes, oldest first.
 */
notes: Array<ProgressNote>, };

export type ProgressNote = { on_date: string, state: TaskState, note: string, link: string, 
/**
 * Evidence as a file (佐证附件), if one was attached to this note.
 */
evidence: EvidenceInfo | null, operator: string, recorded_at: string, };

export type PlanTaskView = { id: number, 
/**
 * 序号
 */
seq: number, part: string, label: string, title: string, requirement: string, 
/**
 * 牵头单位 as written, joined with 、.
 */
lead: string, 
/**
 * 责任单位 as written, joined with 、.
 */
responsible: string, all_units: boolean, 
/**
 * 等相关部门: the clerk completes the list.
 */
incomplete: boolean, 
/**
 * 完成时限 as written.
 */
deadline: string, 
/**
 * The due date (the deadline's, else 31 December of the year).
 */
due_on: string, 
/**
 * The report subheading: as assigned, else suggested from the part.
 */
report_subheading: string, pairs: Array<PlanPair>, };

export type PlanView = { year: number, doc_number: string, title: string, header: string, footer: string, parts: Array<string>, tasks: Array<PlanTaskView>, imported_at: string, operator: string, };

export type OverduePair = { year: number, seq: number, title: string, unit_name: string, state: TaskState, due_on: string, 
/**
 * Calendar days past the due date.
 */
days_late: number, };

export type ProgressInput = { year: number, 
/**
 * 序号 of the task.
 */
seq: number, unit_name: string, state: TaskState, 
/**
 * YYYY-MM-DD (or any form `dates` reads); empty: today.
 */
on_date: string, note: string, 
/**
 * Evidence: the published page.
 */
link: string, };

export type EvidenceInfo = { id: number, file_name: string, sha256: string, size_bytes: number, 
/**
 * The stored copy still has the recorded SHA-256.
 */
intact: boolean, };

export type UnknownUnitChoice = { name: string, 
/**
 * The 类别 it is added with (when `map_to` is empty).
 */
category: UnitCategory, 
/**
 * The existing unit it is; empty: add it as a new unit.
 */
map_to: string, };

export type UnitTotals = { 
/**
 * 一、本年新收 (总计)
 */
received: number, 
/**
 * 二、上年结转
 */
carried_in: number, 
/**
 * （七）总计: 办结
 */
concluded: number, 
/**
 * 四、结转下年度继续办理
 */
carried_out: number, 
/**
 * 行政复议 总计
 */
reconsideration: number, 
/**
 * 行政诉讼 总计 (直接起诉 and 复议后起诉)
 */
litigation: number, };

export type SubmissionInfo = { id: number, unit: string, unit_id: number, year: number, 
/**
 * 报送日期 (YYYY-MM-DD).
 */
submitted_on: string, imported_at: string, operator: string, source_name: string, 
/**
 * The 勾稽 checks it failed (empty when it passed).
 */
failures: Array<string>, 
/**
 * Cross-year mismatches and tables not found: shown, never blocking.
 */
warnings: Array<string>, 
/**
 * Why it was accepted although a check failed.
 */
accept_reason: string | null, 
/**
 * Whether it is the one counted (the unit's newest for the year).
 */
current: boolean, figures: ReportFigures, 
/**
 * The figures as the rows of the CSV, for viewing an earlier submission.
 */
rows: Array<Array<string>>, };

export type SubmissionInput = { year: number, unit: string, source_name: string, 
/**
 * 报送日期 as typed (any form `gongkai_core::dates` reads); empty: today.
 */
submitted_on: string, 
/**
 * 勾稽未通过仍接收的理由; None or blank: a failing submission is refused.
 */
accept_reason: string | null, };

export type SubmissionState = "Missing" | "OnTime" | "Late" | "CheckFailed";

export type UnitStatus = { unit: Unit, state: SubmissionState, 
/**
 * "未报送", "已报送（2026-01-20）", "逾期报送（2026-02-03）", "勾稽未通过（2026-01-20）".
 */
label: string, submitted_on: string | null, 
/**
 * The due date for the year (YYYY-MM-DD of the following year); None when the unit has none.
 */
due: string | null, 
/**
 * Days from today to the due date (negative: overdue), for a unit that has not reported.
 */
days_left: number | null, 
/**
 * The same as shown: "剩余 3 天", "今天截止", "已逾期 5 天" or empty ([`days_text`]).
 */
days_text: string, 
/**
 * How many submissions the unit made for the year (earlier ones kept).
 */
submissions: number, };

export type Contribution = { unit: string, submitted_on: string, totals: UnitTotals, 
/**
 * The unit's figures as the rows of the CSV (`gongkai_core::report::csv_rows`).
 */
rows: Array<Array<string>>, accept_reason: string | null, };

export type Consolidation = { year: number, statuses: Array<UnitStatus>, figures: ReportFigures, 
/**
 * The sum as the rows of the CSV, the same shape as a single organ's.
 */
rows: Array<Array<string>>, 
/**
 * The 勾稽 checks run again on the sum.
 */
failures: Array<CheckFailure>, contributions: Array<Contribution>, 
/**
 * Every submission of the year, newest first (earlier ones kept and viewable).
 */
history: Array<SubmissionInfo>, };

export type Imported = { submission: SubmissionInfo, 
/**
 * The earlier submission of the same unit and year it replaces in the sum.
 */
replaced: number | null, };

export type PdfFontSettings = { 
/**
 * Path of the chosen font file; empty means the embedded Noto fonts.
 */
current: string, 
/**
 * Font files installed on this computer (found by the shell), for the clerk to pick from.
 */
candidates: Array<string>, };

export type CalendarSource = "notice" | "local";

export type CalendarRow = { date: string, kind: DayKind, name: string, source: CalendarSource, };

export type CalendarEntryInput = { 
/**
 * YYYY-MM-DD
 */
date: string, kind: DayKind, name: string, };

export type DueResult = { date: string, warnings: Array<string>, 
/**
 * 预计: why, and the plain Monday–Friday date (issue 23).
 */
estimate: Estimate | null, };

export type Estimate = { 
/**
 * The same count over Monday–Friday alone in the unconfirmed years.
 */
weekday_date: string, reason: string, };

export type ByApplicant = [number, number, number, number, number, number];

export type TableThree = { 
/**
 * 一、本年新收
 */
received: ByApplicant, 
/**
 * 二、上年结转
 */
carried_in: ByApplicant, 
/**
 * 三、本年度办理结果, one row per leaf in `ReplyResult::ALL` order.
 */
results: Array<[ReplyResult, ByApplicant]>, 
/**
 * 四、结转下年度继续办理
 */
carried_out: ByApplicant, };

export type SectionTwo = { regulations: YearFigures, normative: YearFigures, 
/**
 * 第二十条第（五）项 行政许可 本年处理决定数量
 */
licensing: number | null, 
/**
 * 第二十条第（六）项 行政处罚 本年处理决定数量
 */
penalties: number | null, 
/**
 * 第二十条第（六）项 行政强制 本年处理决定数量
 */
enforcement: number | null, 
/**
 * 第二十条第（八）项 行政事业性收费 本年收费金额（单位：万元）
 */
fees_wan_yuan: number | null, };

export type ReviewOutcomes = { upheld: number, corrected: number, other: number, pending: number, };

export type TableFour = { 
/**
 * 行政复议
 */
reconsideration: ReviewOutcomes, 
/**
 * 行政诉讼 未经复议直接起诉
 */
litigation_direct: ReviewOutcomes, 
/**
 * 行政诉讼 复议后起诉
 */
litigation_after: ReviewOutcomes, };

export type CheckFailure = { message: string, };

export type ReportFigures = { year: number, section_two: SectionTwo, table_three: TableThree, table_four: TableFour, };

export type OverviewSections = { 
/**
 * （一）主动公开
 */
active: string, 
/**
 * （二）依申请公开
 */
requests: string, 
/**
 * （三）政府信息管理
 */
management: string, 
/**
 * （四）政府信息公开平台建设
 */
platform: string, 
/**
 * （五）监督保障
 */
oversight: string, };

export type YearEntries = { licensing: number | null, penalties: number | null, enforcement: number | null, fees_wan_yuan: number | null, 
/**
 * 一、总体情况 as one text: what reports before the five subheadings kept (printed only when
 * the five are empty).
 */
overview: string, 
/**
 * 一、总体情况 under its five subheadings.
 */
overview_sections: OverviewSections, problems: string, other: string, };

export type ReportRow = { key: string | null, label: string, numbers: Array<number> | null, };

export type ReportView = { figures: ReportFigures, table_three: Array<ReportRow>, failures: Array<CheckFailure>, 
/**
 * Saved entries, or the draft when `saved` is false.
 */
entries: YearEntries, saved: boolean, 
/**
 * The year the draft's narrative was taken from.
 */
draft_from: number | null, fees: FeeSummary, 
/**
 * `entries.unfilled()`: the sections the PDF would print as "（本节尚未填写）".
 */
unfilled: Array<string>, };

export type FeeSummary = { requests: number, yuan: number, };

export type ReportDeadline = { 
/**
 * "01-31" or "03-31"
 */
setting: string, 
/**
 * The year whose report is due next.
 */
report_year: number, 
/**
 * The year 年度报告 opens on (`preparing_year`): last year until 3月31日, this year from
 * 1 April.
 */
preparing_year: number, due_date: string, 
/**
 * Calendar days from today to the due date (0 on the day).
 */
days_left: number, };

export type CellKey = { table: string, row: string, column: number, };

export type DrillRequest = { number: string, applicant: string, applicant_type: string, received_date: string, concluded_date: string | null, 
/**
 * 办理结果 (or 办理中); for table 四 the review and its outcome.
 */
result: string, };

export type DrillDocument = { id: number, doc_number: string, title: string, category: string, published_on: string, repealed_on: string | null, valid_until: string | null, };

export type DrillDown = { title: string, requests: Array<DrillRequest>, documents: Array<DrillDocument>, };

export type MonthlySeries = { 
/**
 * The `CellKey` row for the drill-down: received, concluded, issued, repealed.
 */
code: string, label: string, months: Array<number>, };

export type ChartSlice = { label: string, value: number, cell: CellKey, };

export type ReportCharts = { year: number, 
/**
 * 收到申请, 办结申请, 制发, 废止: per month, counted in SQL.
 */
monthly: Array<MonthlySeries>, 
/**
 * 本年度办理结果 by group （一）–（六）.
 */
results: Array<ChartSlice>, 
/**
 * 本年新收 by applicant type.
 */
applicants: Array<ChartSlice>, };

export type Category = "rule" | "normative" | "other_policy";

export type Status = "pending" | "in_force" | "amended" | "repealed" | "expired";

export type Disclosure = "full" | "redacted" | "withheld";

export type DisclosureMode = "active" | "on_request";

export type InterpretationForm = "text" | "graphic" | "video" | "qa" | "other";

export type PortalState = "pending" | "overdue" | "on_time" | "late";

export type PortalDeadline = { due: string, state: PortalState, 
/**
 * Working days from `today` to `due`; negative when overdue, 0 on the day.
 */
workdays_left: number, 
/**
 * "成文日期 2025-03-03 起 20 个工作日：2025-03-31", so a clerk can check it by hand.
 */
derivation: string, warnings: Array<string>, 
/**
 * 预计 (issue 23): `due` rests on predicted holidays of a year not confirmed complete.
 */
estimate: Estimate | null, };

export type YearFigures = { 
/**
 * 本年制发件数: 发布日期 in the year.
 */
issued: number, 
/**
 * 本年废止件数: changed to 已废止 in the year.
 */
repealed: number, 
/**
 * 现行有效件数: in force on 31 December of the year.
 */
in_force: number, };

export type AnnualFigures = { year: number, 
/**
 * 规章
 */
rules: YearFigures, 
/**
 * 行政规范性文件
 */
normative: YearFigures, };

export type WriteSource = "window" | "import" | "cli";

export type DocumentInput = { 
/**
 * 文件名称
 */
title: string, 
/**
 * 文号
 */
doc_number: string, 
/**
 * 类别
 */
category: Category | null, 
/**
 * 制发机关
 */
issuer: string, 
/**
 * 起草部门 (a name from the departments list; empty = not recorded)
 */
drafting_department: string, 
/**
 * 成文日期
 */
written_on: string | null, 
/**
 * 发布日期
 */
published_on: string | null, 
/**
 * 施行日期
 */
effective_on: string | null, 
/**
 * 有效期至
 */
valid_until: string | null, 
/**
 * 状态 at registration (ignored by updates: status changes are recorded separately).
 */
status: Status | null, 
/**
 * 状态变更日期: when that status took effect (required for 已修改, 已废止, 失效).
 */
status_date: string | null, 
/**
 * 公开属性
 */
disclosure: Disclosure | null, 
/**
 * 不予全文公开的理由
 */
disclosure_reason: string, 
/**
 * 公开方式
 */
disclosure_mode: DisclosureMode | null, 
/**
 * 保密审查: null = not stated, false = not done
 */
secrecy_reviewed: boolean | null, secrecy_reviewer: string, secrecy_reviewed_on: string | null, 
/**
 * 无需解读 and why; null when interpretations are expected
 */
no_interpretation_reason: string | null, 
/**
 * 门户网站发布日期
 */
portal_published_on: string | null, 
/**
 * 门户网站链接
 */
portal_url: string, 
/**
 * 索引号: the number the portal gives the published document.
 */
index_number: string, 
/**
 * 状态变更依据: 文号 of the decision that amended or repealed it (registration only).
 */
status_basis: string, 
/**
 * 备注
 */
note: string, 
/**
 * 解读材料 registered with the document (create only).
 */
interpretations: Array<InterpretationInput>, };

export type InterpretationInput = { title: string, 
/**
 * 形式; 文字 when not given.
 */
form: InterpretationForm | null, published_on: string | null, url: string, };

export type StatusChangeInput = { status: Status | null, date: string, reason: string, 
/**
 * 文号 of the amending or repealing document; linked when it is in the register.
 */
by_doc_number: string, };

export type ReturnInput = { date: string, reason: string, };

export type Document = { id: number, title: string, doc_number: string, category: Category, issuer: string, drafting_department: string | null, written_on: string | null, published_on: string, effective_on: string | null, valid_until: string | null, status: Status, status_since: string | null, disclosure: Disclosure | null, disclosure_reason: string, disclosure_mode: DisclosureMode | null, secrecy_reviewed: boolean | null, secrecy_reviewer: string, secrecy_reviewed_on: string | null, no_interpretation_reason: string | null, portal_published_on: string | null, portal_url: string, 
/**
 * 索引号
 */
index_number: string, note: string, 
/**
 * 要件齐全
 */
complete: boolean, 
/**
 * What is missing, e.g. ["解读材料", "保密审查"].
 */
missing: Array<string>, 
/**
 * Returned (退文) and not resubmitted yet.
 */
awaiting_resubmission: boolean, 
/**
 * Some interpretation was published after the document (not 同步).
 */
unsynced_interpretation: boolean, interpretation_count: number, };

export type StatusRecord = { id: number, date: string, status: Status, reason: string, 
/**
 * The amending or repealing document, when it is in the register.
 */
by_document_id: number | null, by_doc_number: string, by_title: string | null, source: WriteSource, recorded_at: string, };

export type InterpretationRecord = { id: number, title: string, form: InterpretationForm, published_on: string | null, url: string, 
/**
 * 同步: published no later than the document.
 */
in_sync: boolean, recorded_at: string, };

export type ReturnKind = "returned" | "resubmitted";

export type ReturnRecord = { id: number, kind: ReturnKind, date: string, reason: string, recorded_at: string, };

export type EditRecord = { 
/**
 * Field labels joined by "、", or "登记" for the registration itself.
 */
changed: string, source: WriteSource, recorded_at: string, };

export type DocumentDetail = { document: Document, history: Array<StatusRecord>, interpretations: Array<InterpretationRecord>, returns: Array<ReturnRecord>, edits: Array<EditRecord>, 
/**
 * Art. 26 deadline, for documents disclosed actively.
 */
portal: PortalDeadline | null, };

export type DocumentSort = "published_on" | "written_on" | "doc_number" | "title" | "updated_at";

export type DocumentFilter = { 
/**
 * Words to find in 文件名称, 文号 and 备注.
 */
query: string, category: Category | null, status: Status | null, 
/**
 * Year of the 发布日期.
 */
year: number | null, department_id: number | null, 
/**
 * true = 要件齐全 only, false = incomplete only.
 */
complete: boolean | null, sort: DocumentSort, descending: boolean, 
/**
 * 1-based.
 */
page: number, page_size: number, 
/**
 * Count every match of a search, however many (the clerk asked for the exact number);
 * otherwise a search counts up to `SEARCH_COUNT_CAP` and says "more" beyond.
 */
exact_total: boolean, };

export type DocumentPage = { 
/**
 * How many documents match; with `total_capped`, at least this many (a search that matched
 * more than `SEARCH_COUNT_CAP` and was not asked for the exact number).
 */
total: number, total_capped: boolean, page: number, page_size: number, rows: Array<Document>, };

export type DeadlineItem = { id: number, title: string, doc_number: string, drafting_department: string | null, portal: PortalDeadline | null, valid_until: string | null, 
/**
 * Where it sits on 工作台 (`gongkai_core::worklist`): in time, overdue, or 积压.
 */
group: WorkGroup, };

export type DocumentDeadlines = { 
/**
 * Actively disclosed documents not yet on the portal, in 工作台's order (`worklist::order_key`):
 * due today and soon first, then overdue, then 积压.
 */
portal: Array<DeadlineItem>, 
/**
 * How many there are in all (the list stops at the most urgent 200).
 */
portal_total: number, 
/**
 * How many of them are overdue (积压 included).
 */
overdue: number, 
/**
 * How many of them are 积压: overdue by more than `worklist::BACKLOG_WORKDAYS` working days.
 */
backlog: number, 
/**
 * In-force documents whose 有效期至 falls within the next six months, soonest first.
 */
expiring: Array<DeadlineItem>, 
/**
 * Documents returned (退文) and not resubmitted.
 */
awaiting_resubmission: number, 
/**
 * Incomplete 规章 and 行政规范性文件.
 */
incomplete: number, };

export type ImportStage = "validating" | "writing" | "checking_and_writing";

export type ImportProgress = { stage: ImportStage, done: number, total: number, };

export type ImportSummary = { imported: number, 
/**
 * Imported but not 要件齐全 (flagged in the list).
 */
incomplete: number, 
/**
 * 起草部门 that were not in the departments list and have been added to it.
 */
added_departments: Array<string>, 
/**
 * Columns that are not part of the format and were ignored.
 */
ignored_columns: Array<string>, 
/**
 * The 类别 given to every row of a published-page register that has no 类别 column.
 */
default_category: string | null, };

export type ConsultationKind = "third_party" | "other_agency";

export type ApplicantType = "natural_person" | "business" | "research" | "public_interest" | "legal_service" | "other";

export type ReplyResult = "disclosed" | "partly_disclosed" | "state_secret" | "prohibited_by_law" | "three_securities" | "third_party_rights" | "internal_affairs" | "process_information" | "enforcement_file" | "administrative_query" | "not_held" | "needs_creation" | "still_unclear" | "petition" | "repeated" | "publication" | "excessive" | "confirm_or_reissue" | "correction_overdue" | "fee_unpaid" | "other_reason";

export type IdKind = "none" | "resident_id" | "credit_code" | "other";

export type Channel = "in_person" | "post" | "online" | "fax" | "other";

export type ReplyType = "already_public" | "provided" | "not_disclosed" | "not_exist" | "not_responsible" | "repeated" | "special_law";

export type CorrectionGround = "identity" | "contact" | "description" | "delivery";

export type ActionKind = "registered" | "correction_requested" | "correction_received" | "correction_lapsed" | "consultation_started" | "consultation_ended" | "extended" | "fee_notice_issued" | "fee_paid" | "fee_unpaid" | "deferred" | "replied" | "delivered" | "archived" | "withdrawn" | "letter_issued" | "extension_proposed" | "extension_rejected" | "reply_reviewed" | "reply_signed" | "reply_sent_back" | "closed_before_import";

export type EventDetail = { "kind": "registered", } | { "kind": "correction_requested", grounds: Array<CorrectionGround>, items: string, correct_by: string | null, } | { "kind": "correction_received", } | { "kind": "correction_lapsed", note: string, } | { "kind": "consultation_started", consultation: ConsultationKind, party: string, } | { "kind": "consultation_ended", consultation: ConsultationKind, opinion: string, } | { "kind": "extended", workdays: number, approver: string, reason: string, } | { "kind": "extension_proposed", workdays: number, reason: string, } | { "kind": "extension_rejected", reason: string, } | { "kind": "reply_reviewed", comment: string, } | { "kind": "reply_signed", comment: string, } | { "kind": "reply_sent_back", comment: string, } | { "kind": "fee_notice_issued", amount: number, basis: string, } | { "kind": "fee_paid", amount: number, } | { "kind": "fee_unpaid", note: string, } | { "kind": "deferred", until: string, reason: string, } | { "kind": "replied", method: string, result: ReplyResult, reply_type: ReplyType | null, note: string, } | { "kind": "delivered", method: string, proof: string, } | { "kind": "archived", archive_number: string, } | { "kind": "withdrawn", reason: string, } | { "kind": "letter_issued", letter: LetterKind, letter_number: string, title: string, } | { "kind": "closed_before_import", reason: string, };

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

export type LinkedDocument = { id: number, title: string, doc_number: string, status_label: string, };

export type ReplyStage = "Drafted" | "Reviewed" | "Signed";

export type SignoffStep = "Review" | "Sign" | "SendBack";

export type WaitingItem = { number: string, applicant_name: string, 
/**
 * 延期待审批, 待审核 or 待签发.
 */
stage_label: string, 
/**
 * Who acts next: 负责人 for an extension and a sign-off, 审核人 for a review.
 */
role: Role, role_label: string, 
/**
 * What waits, in words (the extension's days and reason; the reply's result).
 */
summary: string, 
/**
 * The reply deadline the approval works against.
 */
reply_due: string, workdays_left: number, due: DueState, derivation: string, };

export type SecuritySettings = { idle_lock_minutes: number, reply_signoff: boolean, };

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
extension_left: number, 
/**
 * An extension proposed and waiting for the 负责人 (延期待审批), in words; the deadline has
 * not moved for it.
 */
pending_extension: string | null, 
/**
 * Where the reply's 答复书 stands in 审核 and 签发, when the ledger asks for them for this
 * reply (accounts, the setting on, the reply recorded after the first account); else None.
 */
reply_stage: ReplyStage | null, reply_stage_label: string | null, reviews: Array<Review>, attachments: Array<AttachmentInfo>, 
/**
 * The register document the request asks for, when it is linked.
 */
document: LinkedDocument | null, };

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
reply_due: string | null, 
/**
 * 预计 (issue 23): the reply deadline rests on predicted holidays; the Monday–Friday date and
 * the reason.
 */
reply_estimate: Estimate | null, workdays_left: number | null, due: DueState, due_label: string, imported: boolean, 
/**
 * 获取形式 and 获取方式 the applicant asked for (Art. 29): carried by the export.
 */
form_wanted: string, delivery_wanted: string, };

export type RequestPage = { rows: Array<RequestRow>, total: number, page: number, page_size: number, };

export type DueItem = { number: string, applicant_name: string, status_label: string, reply_due: string, 
/**
 * Set when the deadline rests on predicted holidays (预计): as in the request list.
 */
reply_estimate: Estimate | null, workdays_left: number, due: DueState, due_label: string, 
/**
 * The deadline's derivation, for a tooltip.
 */
derivation: string, paused: boolean, 
/**
 * Where it sits on 工作台 (`gongkai_core::worklist`): in time, overdue, or 积压 (overdue long
 * ago, or imported and untouched since).
 */
group: WorkGroup, };

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

export type RequestImportSummary = { 
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

export type LetterKind = "receipt" | "correction_notice" | "extension_notice" | "third_party_consultation" | "disclosure_decision" | "agency_consultation" | "reasons_request" | "fee_notice" | "reply";

export type Template = { title: string, addressee: string, body: string, };

export type FilledLetter = { title: string, addressee: string, body: string, };

export type FeeQuote = { amount: number, basis: string, };

export type LetterSettings = { 
/**
 * 文书编号格式 with `{year}` and `{seq}` (or `{seq:04}`).
 */
number_pattern: string, 
/**
 * 缴费期限：收费通知之日起的工作日数.
 */
fee_payment_workdays: number, 
/**
 * 机关代字, filling `{机关代字}` in the pattern; empty until the clerk sets it.
 */
organ_code: string, 
/**
 * 盖章处圆圈: print the dashed circle where the seal goes (off by default).
 */
seal_circle: boolean, };

export type TemplateView = { key: string, kind: LetterKind, name: string, template: Template, customized: boolean, default: Template, };

export type PlaceholderInfo = { name: string, meaning: string, };

export type LetterSettingsView = { settings: LetterSettings, templates: Array<TemplateView>, placeholders: Array<PlaceholderInfo>, };

export type LetterDraft = { kind: LetterKind, kind_label: string, template_key: string, template_name: string, request_number: string, 
/**
 * The number the letter will get if issued now (the counter moves only on issue).
 */
letter_number: string, organ: string, date: string, text: FilledLetter, 
/**
 * What the clerk should know before issuing (a 预计 deadline and the date the letter gives).
 */
warnings: Array<string>, };

export type LetterOption = { kind: LetterKind, label: string, 
/**
 * Why the request's state does not allow it now (None: it does).
 */
refused: string | null, };

export type IssuedLetter = { id: number, request_number: string, kind: LetterKind, kind_label: string, letter_number: string, title: string, issued_date: string, operator: string, 
/**
 * The PDF, kept as an attachment of the request.
 */
attachment_id: number, };

export type PendingLetter = { request_number: string, applicant_name: string, kind: LetterKind, kind_label: string, 
/**
 * The date of the event that calls for the letter.
 */
since: string, };

export type DismissedLetter = { id: number, request_number: string, applicant_name: string, kind: LetterKind, kind_label: string, since: string, reason: string, operator: string, recorded_at: string, };

export type BacklogCounts = { documents: number, requests: number, };

export type BacklogOutcome = { step_id: number, changed: number, 
/**
 * The changed rows: 文号 or 文件名称 of documents, 受理编号 of requests.
 */
rows: Array<string>, };

export type BacklogResult = { documents: BacklogOutcome | null, requests: BacklogOutcome | null, };

export type WorkGroup = "workable" | "overdue" | "backlog";

export type SkippedLetter = { request_number: string, kind_label: string, reason: string, };

export type BatchSummary = { issued: Array<IssuedLetter>, skipped: Array<SkippedLetter>, 
/**
 * The combined PDF sent to the system's PDF viewer for printing, when one was made.
 */
pdf_path: string | null, };

export const CATEGORY_LABEL: Record<Category, string> = {
  "rule": "规章",
  "normative": "行政规范性文件",
  "other_policy": "其他政策文件",
};

export const STATUS_LABEL: Record<Status, string> = {
  "pending": "尚未生效",
  "in_force": "现行有效",
  "amended": "已修改",
  "repealed": "已废止",
  "expired": "失效",
};

export const DISCLOSURE_LABEL: Record<Disclosure, string> = {
  "full": "全文公开",
  "redacted": "删减后公开",
  "withheld": "不予公开",
};

export const MODE_LABEL: Record<DisclosureMode, string> = {
  "active": "主动公开",
  "on_request": "依申请公开",
};

export const FORM_LABEL: Record<InterpretationForm, string> = {
  "text": "文字",
  "graphic": "图解",
  "video": "音视频",
  "qa": "问答",
  "other": "其他",
};

export const PORTAL_LABEL: Record<PortalState, string> = {
  "pending": "待上网",
  "overdue": "逾期未上网",
  "on_time": "按时上网",
  "late": "逾期上网",
};

export const UNIT_CATEGORY_LABEL: Record<UnitCategory, string> = {
  "Department": "部门",
  "Township": "乡镇街道",
  "Other": "其他",
};

export const TASK_STATE_LABEL: Record<TaskState, string> = {
  "NotStarted": "未开始",
  "InProgress": "推进中",
  "Done": "已完成",
  "NotApplicable": "不适用",
};

export const LETTER_KIND_LABEL: Record<LetterKind, string> = {
  "receipt": "登记回执",
  "correction_notice": "补正告知书",
  "extension_notice": "延期答复告知书",
  "third_party_consultation": "征求第三方意见书",
  "disclosure_decision": "公开决定告知书",
  "agency_consultation": "征求其他机关意见函",
  "reasons_request": "说明理由通知书",
  "fee_notice": "收费通知",
  "reply": "答复书",
};

export const CONSULTATION_LABEL: Record<ConsultationKind, string> = {
  "third_party": "第三方",
  "other_agency": "其他机关",
};

export const CORRECTION_GROUND_LABEL: Record<CorrectionGround, string> = {
  "identity": "身份证明",
  "contact": "联系方式",
  "description": "所需信息的描述",
  "delivery": "获取信息的方式",
};

/** The five subheadings of 一、总体情况, in printed order. */
export const OVERVIEW_HEADINGS: readonly string[] = ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"];

export const LEDGER_EVENT_LABEL: Record<string, string> = {
  "upgrade": "升级台账结构",
  "restore": "从备份恢复",
  "export_unmasked": "导出完整个人信息",
  "attachment_save": "另存附件",
  "operator_change": "更换操作人",
  "print": "打印",
  "sign_in": "登录",
  "backup": "备份到文件夹",
};

export const TABLE_LABEL: Record<string, string> = {
  "setting": "设置",
  "department": "单位名录",
  "calendar_day": "工作日历",
  "calendar_year": "日历年度",
  "document": "文件台账",
  "document_status": "文件状态",
  "document_interpretation": "解读材料",
  "document_return": "退文",
  "document_edit": "文件修改记录",
  "request": "依申请公开",
  "request_event": "办理记录",
  "review": "复议诉讼",
  "attachment": "附件",
  "report_year": "年报填报",
  "report_override": "年报例外导出",
  "letter_template": "告知书模板",
  "letter": "告知书",
  "ledger_identity": "台账标识",
  "ledger_event": "台账事件",
  "account": "账户",
  "plan": "工作要点",
  "plan_part": "工作要点部分",
  "plan_task": "工作要点任务",
  "plan_assignment": "任务分工",
  "plan_progress": "任务进展",
  "plan_evidence": "佐证附件",
  "submission": "单位报送",
  "import_batch": "导入批次",
};

export const ACTION_LABEL: Record<string, string> = {
  "insert": "新增",
  "update": "修改",
  "delete": "删除",
  "baseline": "基线记录",
};

/** Status changes a clerk can record (尚未生效 is only a starting status). */
export const STATUS_CHANGE_TO: readonly Status[] = ["in_force", "amended", "repealed", "expired"];

/** Statuses whose change needs the date it took effect (状态变更日期). */
export const STATUS_NEEDS_CHANGE_DATE: readonly Status[] = ["amended", "repealed", "expired"];
