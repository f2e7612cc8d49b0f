// 工作台 in the order work can still be done (issue 23): the lists keep the ledger's order (due
// today and soon first, then overdue), fold 积压 under a count that expands, open the case on a
// click, and 待出具告知书 items are dismissed with a reason.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElMessageBox } from 'element-plus'
import { createAppRouter } from '../src/router'
import RequestDeadlines from '../src/components/RequestDeadlines.vue'
import DocumentDeadlines from '../src/components/DocumentDeadlines.vue'
import PendingLetters from '../src/components/PendingLetters.vue'
import Dashboard from '../src/pages/Dashboard.vue'
import { defaultCutoff, splitBacklog } from '../src/worklist'
import type { DueItem, WorkGroup } from '../src/bindings'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }))
beforeEach(() => invoke.mockReset())

function due(number: string, left: number, group: WorkGroup): DueItem {
  return {
    number,
    applicant_name: `申请人${number}`,
    status_label: '办理中',
    reply_due: '2026-12-01',
    reply_estimate: null,
    workdays_left: left,
    due: left < 0 ? 'overdue' : 'due_soon',
    due_label: left < 0 ? '已逾期' : '即将到期',
    derivation: '收到申请之日起 20 个工作日',
    paused: false,
    group,
  }
}

// As the ledger sends them: workable (today first), overdue (least first), then 积压.
const requests = [
  due('A-today', 0, 'workable'),
  { ...due('B-soon', 3, 'workable'), reply_estimate: { weekday_date: '2026-11-30', reason: '放假通知未录入或未确认录入完整，按《全国年节及纪念日放假办法》预计法定节假日' } },
  due('C-late', -2, 'overdue'),
  due('D-untouched', -4, 'backlog'),
  due('E-old', -300, 'backlog'),
]

async function mounted(component: unknown) {
  const router = createAppRouter(true)
  router.push('/')
  await router.isReady()
  const w = mount(component as never, { global: { plugins: [router, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return { w, router }
}

function numbers(w: ReturnType<typeof mount>): string[] {
  return w.findAll('.el-table__body tr.el-table__row').map((r) => r.find('td').text())
}

describe('工作台 order', () => {
  it('splits 积压 off without reordering, and proposes a cut-off 90 days back', () => {
    const { work, backlog } = splitBacklog(requests)
    expect(work.map((i) => i.number)).toEqual(['A-today', 'B-soon', 'C-late'])
    expect(backlog.map((i) => i.number)).toEqual(['D-untouched', 'E-old'])
    expect(defaultCutoff(new Date(2026, 11, 1))).toBe('2026-09-02')
  })

  it('lists requests due today first, folds 积压 under a count that expands, and opens a case on click', async () => {
    invoke.mockImplementation(async (cmd: string) => {
      if (cmd === 'request_due_list') return requests
      if (cmd === undefined) return undefined
      throw new Error('unexpected IPC ' + String(cmd))
    })
    const { w, router } = await mounted(RequestDeadlines)
    expect(numbers(w)).toEqual(['A-today', 'B-soon', 'C-late'])
    expect(w.findAll('[data-testid="due-left"]')[0].text()).toBe('今天到期')
    // A deadline resting on predicted holidays carries 预计 here too, as in the list.
    const rows = w.findAll('.el-table__body tr.el-table__row')
    expect(rows[1].find('[data-testid="estimate-tag"]').exists()).toBe(true)
    expect(rows[0].find('[data-testid="estimate-tag"]').exists()).toBe(false)
    expect(w.find('[data-testid="request-deadlines"] .el-card__header').text()).toContain('另有积压 2 件')
    const toggle = w.find('[data-testid="request-backlog-toggle"]')
    expect(toggle.text()).toBe('展开积压 2 件')
    await toggle.trigger('click')
    expect(numbers(w)).toEqual(['A-today', 'B-soon', 'C-late', 'D-untouched', 'E-old'])
    await toggle.trigger('click')
    expect(numbers(w)).toEqual(['A-today', 'B-soon', 'C-late'])
    const push = vi.spyOn(router, 'push').mockResolvedValue(undefined)
    await w.findAll('.el-table__body tr.el-table__row')[1].trigger('click')
    expect(push).toHaveBeenCalledWith({ path: '/requests', query: { number: 'B-soon' } })
    w.unmount()
  })

  it('工作台 fetches its table cards as it mounts and lists the requests (issue 22: not on the first page)', async () => {
    invoke.mockImplementation(async (cmd: string) => {
      if (cmd === 'request_due_list') return requests
      if (cmd === undefined) return undefined
      throw { code: 'NotFound', message: `未知命令 ${cmd}` }
    })
    const { w } = await mounted(Dashboard)
    await vi.waitFor(() => expect(numbers(w)).toEqual(['A-today', 'B-soon', 'C-late']), { timeout: 5000, interval: 50 })
    expect(w.find('[data-testid="pending-letters"]').exists()).toBe(true)
    expect(w.find('[data-testid="document-deadlines"]').exists()).toBe(true)
    w.unmount()
  })

  it('积压处理 is fetched on the first click and opens with the counts (issue 22: not on the first page)', async () => {
    invoke.mockImplementation(async (cmd: string) => {
      if (cmd === 'request_due_list') return requests
      if (cmd === 'backlog_counts') return { documents: 0, requests: 2 }
      if (cmd === undefined) return undefined
      throw new Error('unexpected IPC ' + String(cmd))
    })
    const { w } = await mounted(RequestDeadlines)
    expect(document.querySelector('[data-testid="backlog-step"]')).toBeNull()
    await w.find('[data-testid="request-backlog-step"]').trigger('click')
    await vi.waitFor(() => expect(document.querySelector('[data-testid="backlog-requests"]')?.textContent).toContain('2 件'), { timeout: 5000, interval: 50 })
    expect(invoke).toHaveBeenCalledWith('backlog_counts', expect.anything())
    w.unmount()
  })

  it('folds documents long overdue on the portal under their count', async () => {
    const portal = (id: number, left: number, group: WorkGroup) => ({
      id,
      title: `文件${id}`,
      doc_number: `区政发〔2026〕${id}号`,
      drafting_department: null,
      valid_until: null,
      group,
      portal: { due: '2026-12-01', state: left < 0 ? 'overdue' : 'pending', workdays_left: left, derivation: '', warnings: [] },
    })
    invoke.mockImplementation(async (cmd: string) => {
      if (cmd === 'document_deadlines') {
        return {
          portal: [portal(1, 0, 'workable'), portal(2, -1, 'overdue'), portal(3, -1182, 'backlog')],
          portal_total: 3,
          overdue: 2,
          backlog: 1,
          expiring: [],
          awaiting_resubmission: 0,
          incomplete: 0,
        }
      }
      if (cmd === undefined) return undefined
      throw new Error('unexpected IPC ' + String(cmd))
    })
    const { w } = await mounted(DocumentDeadlines)
    const table = () => w.find('[data-testid="portal-table"]').findAll('tr.el-table__row').map((r) => r.find('td').text())
    expect(table()).toEqual(['文件1', '文件2'])
    expect(w.find('[data-testid="portal-table"]').text()).toContain('今天到期')
    await w.find('[data-testid="document-backlog-toggle"]').trigger('click')
    expect(table()).toEqual(['文件1', '文件2', '文件3'])
    w.unmount()
  })
})

describe('待出具告知书', () => {
  it('dismisses an item with the reason the clerk gives, and lists it as restorable', async () => {
    const pending = [{ request_number: '2026-0001', applicant_name: '王小明', kind: 'receipt', kind_label: '登记回执', since: '2026-11-30' }]
    const dismissed: unknown[] = []
    invoke.mockImplementation(async (cmd: string, args: Record<string, unknown>) => {
      if (cmd === 'letter_pending') return dismissed.length ? [] : pending
      if (cmd === 'letter_dismissed') return dismissed
      if (cmd === 'letter_dismiss') {
        dismissed.push({ id: 7, ...pending[0], reason: args.reason, operator: '测试员', recorded_at: '2026-12-01 10:00:00' })
        return 7
      }
      if (cmd === undefined) return undefined
      throw new Error('unexpected IPC ' + String(cmd))
    })
    const prompt = vi.spyOn(ElMessageBox, 'prompt').mockResolvedValue({ value: '当场出具了纸质回执', action: 'confirm' } as never)
    const { w } = await mounted(PendingLetters)
    await w.find('button[data-testid="pending-letter-dismiss"]').trigger('click')
    // The prompt's chunk is fetched on the click: on a busy machine that takes more than one flush.
    await vi.waitFor(() => expect(prompt).toHaveBeenCalled(), { timeout: 5000, interval: 50 })
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('letter_dismiss', { number: '2026-0001', kind: 'receipt', since: '2026-11-30', reason: '当场出具了纸质回执' })
    expect(w.find('[data-testid="dismissed-toggle"]').text()).toBe('已决定不出具 1 份')
    await w.find('[data-testid="dismissed-toggle"]').trigger('click')
    expect(w.find('[data-testid="dismissed-letters"]').text()).toContain('当场出具了纸质回执')
    prompt.mockRestore()
    w.unmount()
  })
})
