// The ledger as a legal record in the window: Chinese labels of the audit log, a field-by-field
// comparison of an entry's before and after, the 校验 verdict, backup wording and the 操作人 check.
import { LEDGER_EVENT_LABEL, type AuditReport, type BackupFile, type Head, type LedgerSummary } from './bindings'

/** Tables as the clerk knows them. */
export const TABLE_LABELS: Record<string, string> = {
  setting: '设置',
  department: '部门',
  calendar_day: '工作日历',
  calendar_year: '日历年度',
  document: '文件台账',
  document_status: '文件状态',
  document_interpretation: '解读材料',
  document_return: '退文',
  document_edit: '文件修改记录',
  request: '依申请公开',
  request_event: '办理记录',
  review: '复议诉讼',
  attachment: '附件',
  report_year: '年报填报',
  report_override: '年报例外导出',
  letter_template: '告知书模板',
  letter: '告知书',
  ledger_identity: '台账标识',
  ledger_event: '台账事件',
  import_batch: '导入批次',
}

export const ACTION_LABELS: Record<string, string> = {
  insert: '新增',
  update: '修改',
  delete: '删除',
  baseline: '基线记录',
}

export function tableLabel(table: string): string {
  return TABLE_LABELS[table] ? `${TABLE_LABELS[table]}（${table}）` : table
}

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action
}

/** The log keeps UTC ("2025-06-02T01:02:03.456Z"); the clerk reads local time to the second. */
export function formatAt(at: string): string {
  const d = new Date(at)
  if (Number.isNaN(d.getTime())) return at
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

export interface FieldChange {
  field: string
  before: string
  after: string
  changed: boolean
}

function show(v: unknown): string {
  if (v === undefined) return ''
  if (v === null) return '（空）'
  if (typeof v === 'string') return v === '' ? '（空）' : v
  return JSON.stringify(v)
}

function parse(json: string | null): Record<string, unknown> | null {
  if (json === null || json === '') return null
  try {
    const v = JSON.parse(json)
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { 内容: json }
  } catch {
    return { 内容: json }
  }
}

/**
 * One row per field of the record: its value before and after the change, changed fields first.
 * An insert has no "before", a delete no "after"; both list every field as changed.
 */
export function diffEntry(before: string | null, after: string | null): FieldChange[] {
  const b = parse(before)
  const a = parse(after)
  const fields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])]
  const rows = fields.map((field) => {
    const bv = b ? show(b[field]) : ''
    const av = a ? show(a[field]) : ''
    return { field, before: bv, after: av, changed: !b || !a || JSON.stringify(b[field]) !== JSON.stringify(a[field]) }
  })
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)]
}

/** A 台账事件 (an unmasked export, a saved attachment, a print, a change of 操作人…) in words. */
export function ledgerEventSummary(after: string | null): string | null {
  const a = parse(after)
  if (!a || typeof a.kind !== 'string') return null
  const label = LEDGER_EVENT_LABEL[a.kind] ?? a.kind
  const records = typeof a.records === 'number' && a.records > 0 ? `（${a.records} 条）` : ''
  return `${label}${records}：${eventDetail(a.kind, a.detail)}`
}

/** "128:3f2a…" (a head as the ledger records it) as 第 128 条（校验码 3f2a9c01-7b4e8d20）. */
function headWords(text: unknown): string {
  if (typeof text !== 'string' || !text.includes(':')) return '（无）'
  const [n, hash] = text.split(':')
  return `第 ${n} 条（校验码 ${headCode({ entry: Number(n), hash })}）`
}

/** Upgrades and restores keep their facts as JSON (the anchors are read back from it); say them in words. */
export function eventDetail(kind: string, detail: unknown): string {
  let d: Record<string, unknown> | null = null
  if (typeof detail === 'string' && detail.startsWith('{')) {
    try {
      d = JSON.parse(detail)
    } catch {
      d = null
    }
  }
  if (d && kind === 'upgrade') {
    const from = d.from === 0 ? '新建台账，结构版本' : `结构版本由 ${d.from} 升级到`
    return `${from} ${d.to}；${show(d.verification)}`
  }
  if (d && kind === 'restore') {
    return (
      `从“${show(d.from)}”恢复，恢复到审计日志${headWords(d.restored_head)}；` +
      `替换前为${headWords(d.replaced_head)}，原台账另存为“${show(d.safety_copy)}”；写回附件 ${show(d.attachments)} 个`
    )
  }
  return show(detail)
}

/**
 * A one-line summary for the table: "申请人：张三 → 李四；状态：…" (changed fields only); a
 * 台账事件 says what happened.
 */
export function changeSummary(before: string | null, after: string | null, max = 3, table = ''): string {
  if (table === 'ledger_event' && !before) {
    const event = ledgerEventSummary(after)
    if (event) return event
  }
  const changed = diffEntry(before, after).filter((c) => c.changed)
  if (!before) return `新增记录（${changed.length} 个字段）`
  if (!after) return `删除记录`
  const parts = changed.slice(0, max).map((c) => `${c.field}：${c.before} → ${c.after}`)
  if (changed.length > max) parts.push(`等 ${changed.length} 处`)
  return parts.join('；') || '无变化'
}

/** 校验 in words. */
/** The printed 校验码 of an audit head: the first 16 hex digits of its hash, as two groups of 8 (Head::code). */
export function headCode(h: Head): string {
  const x = h.hash.slice(0, 16)
  return x.length > 8 ? `${x.slice(0, 8)}-${x.slice(8)}` : x
}

/** 审计日志第 N 条 校验码 xxxxxxxx-xxxxxxxx, as printed on reports and letters (Head::printed). */
export function headPrinted(h: Head): string {
  return `审计日志第 ${h.entry} 条 校验码 ${headCode(h)}`
}

export function auditVerdict(r: AuditReport): { ok: boolean; title: string; lines: string[] } {
  if (r.problems.length === 0) {
    const anchors = r.anchors > 0 ? `，与 ${r.anchors} 个锚点（备份、本机记录）相符` : ''
    const head = r.head ? `；最新一条：${headPrinted(r.head)}` : ''
    return { ok: true, title: `审计日志完好：${r.entries} 条日志，${r.rows} 条记录均与日志一致${anchors}${head}`, lines: [] }
  }
  return { ok: false, title: `审计校验发现 ${r.problems.length} 处问题，台账可能被绕过程序改动`, lines: r.problems }
}

/** What the 恢复 confirmation says: which backup replaces which ledger, and that nothing is lost. */
export function restoreWarning(file: BackupFile, ledgerPath: string): string {
  return (
    `将用备份“${file.name}”（${file.kind}，${file.modified}）替换当前台账“${ledgerPath}”。` +
    `恢复前会先校验该备份，并把当前台账另存为“恢复前”备份，之后仍可恢复回来。确定恢复吗？`
  )
}

/** The 结构版本 line of 只读查看. */
export function schemaNote(s: LedgerSummary): string {
  if (s.schema_version === s.supported_version) return `${s.schema_version}（当前版本）`
  if (s.schema_version < s.supported_version) return `${s.schema_version}（旧版本，恢复后会自动升级到 ${s.supported_version}）`
  return `${s.schema_version}（比本程序新，无法恢复）`
}

/** Whether a refused restore was refused because the backup belongs to another ledger (the clerk may confirm it). */
export function isOtherLedger(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown } | null | undefined
  return err?.code === 'Conflict' && typeof err.message === 'string' && err.message.includes('属于另一本台账')
}
