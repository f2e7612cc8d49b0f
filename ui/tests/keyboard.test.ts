// Keyboard work and safe deadlines in the window (issue 23): Alt+N shortcuts and Tab stops of the
// navigation, the first field focused when a form opens, dates defaulting to today, the 答复 form's
// empty 办理结果 and multi-line 说明, the 补正期限 in the detail, no 延期 once it is no longer
// allowed, 预计 deadlines tagged in the list and the detail, 解读材料 sent with a new document,
// and the table scroll guard.
import { describe, expect, it, vi, beforeEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import App from '../src/App.vue'
import { createAppRouter, NAV } from '../src/router'
import { todayYmd } from '../src/dates'
import { navShortcut, shortcutLabel } from '../src/shortcuts'
import { firstField, focusFirstField } from '../src/focus'
import { realignTable } from '../src/tableScroll'
import type { Estimate, RequestDetail, RequestOptions, RequestPage } from '../src/bindings'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({
  invoke: (...args: unknown[]) => invoke(...args),
  Channel: class {
    onmessage: (m: unknown) => void = () => {}
  },
}))

const opt = (value: string, label: string, group = '') => ({ value, label, group })
const OPTIONS: RequestOptions = {
  applicant_types: [opt('natural_person', '自然人')],
  id_kinds: [opt('none', '未登记')],
  channels: [opt('in_person', '当面', '当面提交的，以提交之日为收到申请之日')],
  statuses: [opt('processing', '办理中')],
  results: [opt('disclosed', '予以公开', '（一）予以公开'), opt('partly_disclosed', '部分公开', '（二）部分公开')],
  reply_types: [],
  review_kinds: [opt('reconsideration', '行政复议')],
  review_outcomes: [opt('pending', '尚未审结')],
  number_pattern: '{year}-{seq:04}',
}

const ESTIMATE: Estimate = { weekday_date: '2030-01-29', reason: '放假通知未录入或未确认录入完整，按《全国年节及纪念日放假办法》预计法定节假日' }

const ROW = {
  id: 1,
  number: '2029-0001',
  applicant_type: 'natural_person',
  applicant_type_label: '自然人',
  applicant_name: '赵一',
  id_number_masked: '',
  contact_masked: '',
  channel_label: '当面',
  received_date: '2029-12-28',
  content: '申请公开某小区规划许可证',
  status: 'processing',
  status_label: '办理中',
  concluded_date: null,
  result_label: null,
  reply_due: '2030-01-30',
  reply_estimate: ESTIMATE,
  workdays_left: 20,
  due: 'running',
  due_label: '',
  imported: false,
  form_wanted: '',
  delivery_wanted: '',
}
const PAGE = { rows: [ROW, { ...ROW, id: 2, number: '2026-0002', reply_estimate: null, reply_due: '2026-12-20' }], total: 2, page: 1, page_size: 20 } as RequestPage

function detail(over: Partial<RequestDetail> = {}): RequestDetail {
  return {
    request: {
      id: 1,
      number: '2029-0001',
      applicant_type: 'natural_person',
      applicant_type_label: '自然人',
      applicant_name: '赵一',
      id_kind: 'none',
      id_kind_label: '未登记',
      id_number: '',
      contact: '',
      address: '',
      channel: 'in_person',
      channel_label: '当面',
      received_date: '2029-12-28',
      content: '申请公开某小区规划许可证',
      document_ref: '',
      document_id: null,
      form_wanted: '',
      delivery_wanted: '',
      created_at: '2029-12-28 09:00:00',
      status: 'processing',
      status_label: '办理中',
      concluded_date: null,
      result: null,
      result_label: null,
      imported: false,
    },
    receipt_rule: '当面提交的，以提交之日为收到申请之日',
    timeline: [
      { seq: 1, kind: 'registered', label: '登记', date: '2029-12-28', summary: '登记收到申请', detail: { kind: 'registered' }, operator: '张三', recorded_at: '', imported: false },
    ],
    allowed: [
      { kind: 'replied', label: '答复' },
      { kind: 'extended', label: '延期' },
      { kind: 'archived', label: '归档' },
    ],
    clock: {
      reply: { date: '2030-01-30', derivation: '2029-12-28 收到申请；答复期限 2030-01-30', warnings: ['2030年放假通知未录入完整'], estimate: ESTIMATE },
      correction: null,
      paused: false,
      workdays_left: 20,
      overdue: false,
      awaiting_correction: false,
    },
    correction_relevant: false,
    due: 'running',
    due_label: '',
    extension_left: 20,
    pending_extension: null,
    reply_stage: null,
    reply_stage_label: null,
    reviews: [],
    attachments: [],
    document: null,
    ...over,
  }
}

let DETAIL = detail()
const ADMIN = { id: 1, login: 'admin', name: '管理员甲', roles: ['Admin', 'Clerk', 'Reviewer', 'Head'], enabled: true, must_change: false, locked_until: null }

async function mountAt(path: string) {
  const router = createAppRouter(true)
  router.push(path)
  await router.isReady()
  const wrapper = mount(App, { global: { plugins: [router, [ElementPlus, { locale: zhCn }]] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

async function settle(rounds = 6) {
  for (let i = 0; i < rounds; i++) {
    await new Promise((r) => setTimeout(r, 30))
    await flushPromises()
  }
}

const calls = (cmd: string) => invoke.mock.calls.filter((c) => c[0] === cmd)

async function openDetail() {
  const m = await mountAt('/requests')
  await m.wrapper.find('[data-number="2029-0001"]').trigger('click')
  await settle()
  return m
}

beforeEach(() => {
  document.body.innerHTML = ''
  window.innerWidth = 1366
  DETAIL = detail()
  invoke.mockReset()
  invoke.mockImplementation(async (cmd: string) => {
    if (cmd === 'request_options') return OPTIONS
    if (cmd === 'request_list') return PAGE
    if (cmd === 'request_years') return [2029]
    if (cmd === 'request_get') return DETAIL
    if (cmd === 'request_due_list') return []
    if (cmd === 'letter_list') return []
    if (cmd === 'request_append_event') return DETAIL
    if (cmd === 'account_status') return { has_accounts: true, signed_in: ADMIN }
    if (cmd === 'security_settings') return { idle_lock_minutes: 15, reply_signoff: false }
    throw { code: 'NotFound', message: `未知命令 ${cmd}` }
  })
})

describe('navigation by keyboard', () => {
  it('maps Alt+1 … Alt+6 to the six places and nothing else', () => {
    const key = (code: string, over: Partial<KeyboardEvent> = {}) =>
      navShortcut({ altKey: true, ctrlKey: false, metaKey: false, shiftKey: false, code, ...over })
    expect(NAV.map((_, i) => key(`Digit${i + 1}`))).toEqual(['/', '/documents', '/requests', '/plans', '/reports', '/settings'])
    expect(key('Digit7')).toBeNull()
    expect(key('KeyA')).toBeNull()
    expect(key('Digit2', { altKey: false })).toBeNull()
    expect(key('Digit2', { ctrlKey: true })).toBeNull()
    expect(key('Digit2', { shiftKey: true })).toBeNull()
    expect(shortcutLabel(2)).toBe('Alt+3')
  })

  it('makes every menu entry a Tab stop titled with its shortcut, and Alt+3 opens 依申请公开', async () => {
    const { router } = await mountAt('/')
    const items = [...document.querySelectorAll<HTMLElement>('[data-nav]')]
    expect(items).toHaveLength(6)
    for (const [i, el] of items.entries()) {
      expect(el.getAttribute('tabindex')).toBe('0')
      expect(el.getAttribute('title')).toBe(`${NAV[i].title}（Alt+${i + 1}）`)
    }
    window.dispatchEvent(new KeyboardEvent('keydown', { altKey: true, code: 'Digit3', key: '3', bubbles: true }))
    // The page is a chunk loaded on first visit: wait for the navigation to finish.
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/requests'), { timeout: 15000, interval: 50 })
    // Enter on a focused entry opens it too.
    items[1].focus()
    items[1].dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true }))
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/documents'), { timeout: 15000, interval: 50 })
  })
})

describe('forms open with the focus on their first field', () => {
  it('passes over a date already set to today, and falls back to the submit button', () => {
    const root = document.createElement('form')
    root.innerHTML = `<div class="el-date-editor"><input value="${todayYmd()}"></div><input type="hidden"><input id="first"><button type="submit">登记</button>`
    document.body.appendChild(root)
    expect(firstField(root)?.id).toBe('first')
    root.querySelector('#first')!.remove()
    expect(firstField(root)?.tagName).toBe('BUTTON')
  })

  it('leaves the cursor where the clerk already put it while the dialog opened', () => {
    const root = document.createElement('form')
    root.innerHTML = `<input id="first"><textarea id="note"></textarea>`
    document.body.appendChild(root)
    const note = root.querySelector<HTMLTextAreaElement>('#note')!
    note.focus()
    expect(focusFirstField(root)).toBe(note)
    expect(document.activeElement).toBe(note)
    note.blur()
    expect(focusFirstField(root)?.id).toBe('first')
    root.remove()
  })

  it('the 答复 form starts with today, no 办理结果, and a multi-line 说明; submitting without a result is refused', async () => {
    await openDetail()
    ;(document.body.querySelector('[data-action="replied"]') as HTMLElement).click()
    await settle()
    const form = document.body.querySelector('form[data-testid="action-form"]') as HTMLFormElement
    expect((form.querySelector('.el-date-editor input') as HTMLInputElement).value).toBe(todayYmd())
    // 办理结果 shows its placeholder: nothing chosen for the clerk.
    expect(form.querySelector('[data-testid="action-result"]')!.textContent).toContain('请选择办理结果')
    expect(form.querySelector('textarea[data-testid="action-note"]')).not.toBeNull()
    form.dispatchEvent(new Event('submit'))
    await settle()
    expect(calls('request_append_event')).toHaveLength(0)
    expect(document.body.textContent).toContain('请选择办理结果')

    const note = form.querySelector('textarea[data-testid="action-note"]') as HTMLTextAreaElement
    note.value = '经检索，该信息由规划部门制作。\n请向该部门申请。'
    note.dispatchEvent(new Event('input'))
    // Choose 部分公开 from the dropdown.
    ;(form.querySelector('[data-testid="action-result"] .el-select__wrapper') as HTMLElement).click()
    await settle()
    const option = [...document.body.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find((o) => o.textContent?.trim() === '部分公开')!
    option.click()
    await settle()
    form.dispatchEvent(new Event('submit'))
    await settle()
    expect(calls('request_append_event')).toHaveLength(1)
    expect(calls('request_append_event')[0][1].event).toEqual({
      date: todayYmd(),
      detail: { kind: 'replied', method: '书面答复', result: 'partly_disclosed', reply_type: null, note: '经检索，该信息由规划部门制作。\n请向该部门申请。' },
    })
  })
})

describe('预计 deadlines', () => {
  it('are tagged in the list, linking to 设置 → 工作日历 with the Monday–Friday date in the title', async () => {
    await mountAt('/requests')
    const tags = [...document.querySelectorAll<HTMLAnchorElement>('[data-testid="estimate-tag"]')]
    // Only the row whose deadline is 预计.
    expect(tags).toHaveLength(1)
    expect(tags[0].textContent).toContain('预计')
    expect(tags[0].getAttribute('href')).toContain('/settings?tab=calendar')
    expect(tags[0].getAttribute('title')).toContain('按周一至周五计算为 2030-01-29')
    expect(tags[0].closest('tr')!.textContent).toContain('2029-0001')
  })

  it('show in the detail with the Monday–Friday date, the reason and the link', async () => {
    await openDetail()
    const box = document.body.querySelector('[data-testid="deadlines"] [data-testid="estimate"]')!
    expect(box.textContent).toContain('预计')
    expect(box.querySelector('[data-testid="estimate-weekday"]')!.textContent).toBe('按周一至周五计算为 2030-01-29')
    expect(box.querySelector('[data-testid="estimate-reason"]')!.textContent).toContain('放假通知未录入')
    expect(box.querySelector('[data-testid="estimate-settings"]')!.getAttribute('href')).toContain('/settings?tab=calendar')
  })

  it('are not tagged when the deadline is exact', async () => {
    DETAIL = detail({ clock: { ...detail().clock, reply: { date: '2026-12-20', derivation: 'x', warnings: [], estimate: null } } })
    await openDetail()
    expect(document.body.querySelector('[data-testid="estimate"]')).toBeNull()
  })
})

describe('the request detail', () => {
  it('shows the 补正期限 that was set', async () => {
    DETAIL = detail({
      timeline: [
        ...detail().timeline,
        { seq: 2, kind: 'correction_requested', label: '告知补正', date: '2030-01-04', summary: '', detail: { kind: 'correction_requested', grounds: [], items: '文号', correct_by: '2030-01-18' }, operator: '', recorded_at: '', imported: false },
      ],
    })
    await openDetail()
    const box = document.body.querySelector('[data-testid="correct-by"]')!
    expect(box.textContent).toContain('补正期限')
    expect(box.textContent).toContain('2030-01-18')
    expect(box.textContent).toContain('2030-01-04 告知补正时确定')
  })

  it('offers nothing about 延期 once the ledger no longer allows it (after 办结)', async () => {
    await openDetail()
    expect(document.body.querySelector('[data-testid="extension-left"]')).not.toBeNull()
    document.body.innerHTML = ''
    DETAIL = detail({
      request: { ...detail().request, status: 'replied', status_label: '已答复', concluded_date: '2030-01-10' },
      allowed: [{ kind: 'delivered', label: '送达' }, { kind: 'archived', label: '归档' }],
      pending_extension: '延期待审批：…',
    })
    await openDetail()
    expect(document.body.querySelector('[data-action="extended"]')).toBeNull()
    expect(document.body.querySelector('[data-testid="extension-left"]')).toBeNull()
    expect(document.body.querySelector('[data-testid="pending-extension"]')).toBeNull()
  })
})

describe('table scroll guard', () => {
  it('hands a stray scroll inside a table back to the body scroller and the header', () => {
    const table = document.createElement('div')
    table.className = 'el-table'
    table.innerHTML = `<div class="el-table__inner-wrapper"><div class="el-table__header-wrapper"></div>
      <div class="el-table__body-wrapper"><div class="el-scrollbar"><div class="el-scrollbar__wrap"></div></div></div></div>`
    document.body.appendChild(table)
    const inner = table.querySelector('.el-table__inner-wrapper') as HTMLElement
    const wrap = table.querySelector('.el-scrollbar__wrap') as HTMLElement
    const header = table.querySelector('.el-table__header-wrapper') as HTMLElement
    // jsdom keeps scrollLeft as set.
    inner.scrollLeft = 120
    expect(realignTable(inner)).toBe(true)
    expect(inner.scrollLeft).toBe(0)
    expect(wrap.scrollLeft).toBe(120)
    expect(header.scrollLeft).toBe(120)
    // The body's own scroller and the header are Element Plus's to move.
    wrap.scrollLeft = 40
    expect(realignTable(wrap)).toBe(false)
    expect(realignTable(header)).toBe(false)
  })
})
