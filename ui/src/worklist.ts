// 工作台's order, as the ledger sends it (gongkai_core::worklist): due today and soon first, then
// overdue, then 积压 (backlog), which the cards fold under a count until the clerk opens it.
import type { WorkGroup } from './bindings'

/** Working days past the deadline after which an overdue item is 积压 (BACKLOG_WORKDAYS in Rust). */
export const BACKLOG_WORKDAYS = 20

/** What 积压 means, shown beside the folded count. */
export const BACKLOG_NOTE = `逾期超过 ${BACKLOG_WORKDAYS} 个工作日，或导入后从未办理`

/** The items to work on (in order) and the folded 积压, keeping the ledger's order within each. */
export function splitBacklog<T extends { group: WorkGroup }>(items: T[]): { work: T[]; backlog: T[] } {
  return { work: items.filter((i) => i.group !== 'backlog'), backlog: items.filter((i) => i.group === 'backlog') }
}

/** The cut-off 工作台 proposes for marking an import's old rows done: 90 days before `today`. */
export function defaultCutoff(today: Date = new Date()): string {
  const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 90)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}
