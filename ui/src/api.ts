// The only place that talks to the Rust side. Types come from bindings.ts, generated from Rust.
import { invoke } from '@tauri-apps/api/core'
import type {
  AppError,
  CalendarEntryInput,
  CalendarRow,
  CalendarSource,
  DueResult,
  LedgerInfo,
  OrganSettings,
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
  ledgerInfo: () => call<LedgerInfo>('ledger_info'),
  organSettings: () => call<OrganSettings>('organ_settings'),
  saveOrganName: (name: string) => call<OrganSettings>('save_organ_name', { name }),
  saveDepartments: (names: string[]) => call<OrganSettings>('save_departments', { names }),
  calendarRows: () => call<CalendarRow[]>('calendar_rows'),
  calendarUpsert: (entries: CalendarEntryInput[], source: CalendarSource) =>
    call<CalendarRow[]>('calendar_upsert', { entries, source }),
  calendarRemove: (date: string) => call<CalendarRow[]>('calendar_remove', { date }),
  calendarImport: (text: string, source: CalendarSource) => call<CalendarRow[]>('calendar_import', { text, source }),
  calendarDue: (date: string, workdays: number) => call<DueResult>('calendar_due', { date, workdays }),
}

/** 文件大小的中文显示 */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} 字节`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}
