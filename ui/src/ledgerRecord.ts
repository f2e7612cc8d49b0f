// The ledger as a legal record in the window: the audit log's table and action labels (the
// entries themselves come worded from Rust, `audit::readable`, as the CLI prints them), the 校验
// verdict, backup wording and the 操作人 check.
import { ACTION_LABEL, TABLE_LABEL, type AuditReport, type BackupFile, type Head, type LedgerSummary } from './bindings'

/** Tables as the clerk knows them (the labels come from Rust, `audit::TABLE_LABELS`). */
export function tableLabel(table: string): string {
  return TABLE_LABEL[table] ?? table
}

export function actionLabel(action: string): string {
  return ACTION_LABEL[action] ?? action
}

/** The log keeps UTC ("2025-06-02T01:02:03.456Z"); the clerk reads local time to the second. */
export function formatAt(at: string): string {
  const d = new Date(at)
  if (Number.isNaN(d.getTime())) return at
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

/** The printed 校验码 of an audit head: the first 16 hex digits of its hash, as two groups of 8 (Head::code). */
export function headCode(h: Head): string {
  const x = h.hash.slice(0, 16)
  return x.length > 8 ? `${x.slice(0, 8)}-${x.slice(8)}` : x
}

/** 审计日志第 N 条 校验码 xxxxxxxx-xxxxxxxx, as printed on reports and letters (Head::printed). */
export function headPrinted(h: Head): string {
  return `审计日志第 ${h.entry} 条 校验码 ${headCode(h)}`
}

/** 校验 in words. */
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
