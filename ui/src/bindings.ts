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
