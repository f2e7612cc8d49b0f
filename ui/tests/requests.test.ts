// 依申请公开 in the window, with IPC mocked: the list (masking, due highlighting, search), the
// registration form (validation, defaults), the detail (deadline with its derivation, timeline,
// buttons for exactly the allowed actions, an action's form), import, and 工作台's due card.
import { describe, expect, it, vi, beforeEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import App from '../src/App.vue'
import { createAppRouter } from '../src/router'
import { todayYmd } from '../src/dates'
import type { DueItem, RequestDetail, RequestOptions, RequestPage } from '../src/bindings'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({
  invoke: (...args: unknown[]) => invoke(...args),
  // A progress channel: the test's IPC mock calls onmessage as the ledger would.
  Channel: class {
    onmessage: (m: unknown) => void = () => {}
  },
}))

const opt = (value: string, label: string, group = '') => ({ value, label, group })
const OPTIONS: RequestOptions = {
  applicant_types: [opt('natural_person', '自然人'), opt('business', '商业企业', '法人或其他组织')],
  id_kinds: [opt('none', '未登记'), opt('resident_id', '居民身份证'), opt('credit_code', '统一社会信用代码'), opt('other', '其他证件')],
  channels: [opt('in_person', '当面', '当面提交的，以提交之日为收到申请之日'), opt('post', '邮寄', '邮寄的，以签收之日为收到申请之日')],
  statuses: [opt('processing', '办理中'), opt('awaiting_correction', '待补正')],
  results: [opt('disclosed', '予以公开', '（一）予以公开'), opt('partly_disclosed', '部分公开', '（二）部分公开')],
  reply_types: [opt('provided', '第三十六条第（二）项')],
  review_kinds: [opt('reconsideration', '行政复议')],
  review_outcomes: [opt('pending', '尚未审结')],
  number_pattern: '{year}-{seq:04}',
}

const row = (number: string, name: string, due: 'overdue' | 'due_soon' | 'running', left: number) => ({
  id: 1,
  number,
  applicant_type: 'natural_person',
  applicant_type_label: '自然人',
  applicant_name: name,
  id_number_masked: '110105********002X',
  contact_masked: '139****5678',
  channel_label: '当面',
  received_date: '2025-11-03',
  content: '申请公开某小区规划许可证',
  status: 'processing',
  status_label: '办理中',
  concluded_date: null,
  result_label: null,
  reply_due: '2025-12-01',
  workdays_left: left,
  due,
  due_label: '',
  imported: false,
})

const PAGE: RequestPage = {
  rows: [row('2025-0001', '赵一', 'overdue', -8), row('2025-0002', '钱二', 'due_soon', 3), row('2025-0003', '孙三', 'running', 15)] as RequestPage['rows'],
  total: 3,
  page: 1,
  page_size: 20,
}

const DETAIL: RequestDetail = {
  request: {
    id: 1,
    number: '2025-0001',
    applicant_type: 'natural_person',
    applicant_type_label: '自然人',
    applicant_name: '赵一',
    id_kind: 'resident_id',
    id_kind_label: '居民身份证',
    id_number: '11010519491231002X',
    contact: '13912345678',
    address: '',
    channel: 'in_person',
    channel_label: '当面',
    received_date: '2025-11-03',
    content: '申请公开某小区规划许可证',
    document_ref: '',
    document_id: null,
    form_wanted: '纸质',
    delivery_wanted: '邮寄',
    created_at: '2025-11-03 09:00:00',
    status: 'processing',
    status_label: '办理中',
    concluded_date: null,
    result: null,
    result_label: null,
    imported: false,
  },
  receipt_rule: '当面提交的，以提交之日为收到申请之日',
  timeline: [
    {
      seq: 1,
      kind: 'registered',
      label: '登记',
      date: '2025-11-03',
      summary: '登记收到申请',
      detail: { kind: 'registered' },
      operator: '张三',
      recorded_at: '2025-11-03 09:00:00',
      imported: false,
    },
  ],
  allowed: [
    { kind: 'replied', label: '答复' },
    { kind: 'correction_requested', label: '告知补正' },
    { kind: 'withdrawn', label: '撤回' },
  ],
  clock: {
    reply: { date: '2025-12-01', derivation: '2025-11-03 收到申请；答复期限 2025-12-01', warnings: [], estimate: null },
    correction: { date: '2025-11-12', derivation: '2025-11-03 收到申请；7 个工作日内一次性告知补正；补正告知期限 2025-11-12', warnings: [], estimate: null },
    paused: false,
    workdays_left: -8,
    overdue: true,
    awaiting_correction: false,
  },
  correction_relevant: true,
  due: 'overdue',
  due_label: '已逾期',
  extension_left: 20,
  pending_extension: null,
  reply_stage: null,
  reply_stage_label: null,
  reviews: [],
  attachments: [],
  document: null,
}

const DUE: DueItem[] = [
  { number: '2025-0001', applicant_name: '赵一', status_label: '办理中', reply_due: '2025-12-01', reply_estimate: null, workdays_left: -8, due: 'overdue', due_label: '已逾期', derivation: 'x', paused: false, group: 'overdue' },
  { number: '2025-0002', applicant_name: '钱二', status_label: '办理中', reply_due: '2025-12-18', reply_estimate: null, workdays_left: 3, due: 'due_soon', due_label: '即将到期', derivation: 'y', paused: false, group: 'workable' },
]

async function mountAt(path: string) {
  const router = createAppRouter(true)
  router.push(path)
  await router.isReady()
  const wrapper = mount(App, { global: { plugins: [router, [ElementPlus, { locale: zhCn }]] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const calls = (cmd: string) => invoke.mock.calls.filter((c) => c[0] === cmd)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

beforeEach(() => {
  document.body.innerHTML = ''
  invoke.mockReset()
  invoke.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
    if (cmd === 'request_options') return OPTIONS
    if (cmd === 'request_list') return PAGE
    if (cmd === 'request_years') return [2025, 2024, 2019]
    if (cmd === 'request_get') return DETAIL
    if (cmd === 'request_due_list') return DUE
    if (cmd === 'letter_list') return []
    if (cmd === 'request_register') return { ...DETAIL, request: { ...DETAIL.request, number: '2025-0004' } }
    if (cmd === 'request_append_event') return { ...DETAIL, timeline: [...DETAIL.timeline] }
    if (cmd === 'request_save_number_pattern') return { ...OPTIONS, number_pattern: args?.pattern }
    if (cmd === 'request_import') return { imported: 2, concluded: 1, open: 1, source: 'GBK', ignored_columns: [] }
    throw { code: 'NotFound', message: `未知命令 ${cmd}` }
  })
})

describe('依申请公开 list', () => {
  it('shows masked rows, highlights overdue and due-soon requests, and searches', async () => {
    // A 1366 px window shows every column, 联系方式 included (jsdom's default is 1024).
    window.innerWidth = 1366
    const w = await mountAt('/requests')
    expect(calls('request_list')[0][1]).toMatchObject({ filter: { page: 1, page_size: 20, query: '' } })
    const rows = w.findAll('.el-table__body tr')
    expect(rows).toHaveLength(3)
    expect(rows[0].classes()).toContain('row-overdue')
    expect(rows[1].classes()).toContain('row-due-soon')
    expect(rows[2].classes()).not.toContain('row-overdue')
    expect(rows[0].text()).toContain('逾期8个工作日')
    expect(w.text()).toContain('139****5678')
    expect(w.text()).not.toContain('13912345678')
    expect(w.text()).not.toContain('尚在建设中')

    await w.find('input[data-testid="request-search"]').setValue('规划许可')
    await sleep(300)
    await flushPromises()
    expect(calls('request_list').slice(-1)[0][1]).toMatchObject({ filter: { query: '规划许可', page: 1 } })
  })
})

describe('依申请公开 filters', () => {
  it('sends status, applicant type, the ledger\'s years and due state to IPC, back to page 1', async () => {
    const w = await mountAt('/requests')
    const last = () => calls('request_list').slice(-1)[0][1] as { filter: Record<string, unknown> }
    expect(calls('request_years')).toHaveLength(1)
    async function pick(index: number, label: string) {
      const select = w.findAll('.filters .el-select')[index]
      await select.find('.el-select__wrapper').trigger('click')
      await sleep(40)
      await flushPromises()
      const option = [...document.body.querySelectorAll('.el-select-dropdown__item')].find((li) => li.textContent?.trim() === label) as
        | HTMLElement
        | undefined
      expect(option, label).toBeDefined()
      option!.click()
      await sleep(40)
      await flushPromises()
    }
    await pick(0, '待补正')
    expect(last().filter).toMatchObject({ status: 'awaiting_correction', page: 1 })
    await pick(1, '商业企业')
    expect(last().filter).toMatchObject({ applicant_type: 'business' })
    // The year options are the ledger's own years, old imported ones included.
    await pick(2, '2019年')
    expect(last().filter).toMatchObject({ year: 2019 })
    await pick(3, '已逾期')
    expect(last().filter).toMatchObject({ status: 'awaiting_correction', applicant_type: 'business', year: 2019, due: 'overdue', page: 1 })
  })
})

describe('registration', () => {
  it('refuses an empty form without calling IPC, then sends the filled form with defaults', async () => {
    const w = await mountAt('/requests')
    await w.find('[data-testid="request-new"]').trigger('click')
    await flushPromises()
    const form = w.find('form[data-testid="register-form"]')
    expect(form.exists()).toBe(true)
    expect(w.text()).toContain('当面提交的，以提交之日为收到申请之日')
    expect((w.find('form[data-testid="register-form"] .el-date-editor input').element as HTMLInputElement).value).toBe(todayYmd())

    await form.trigger('submit')
    await flushPromises()
    await sleep(10)
    expect(calls('request_register')).toHaveLength(0)
    expect(w.text()).toContain('请填写申请人姓名或名称')

    await w.find('input[data-testid="reg-name"]').setValue('王小明')
    await w.find('input[data-testid="reg-id"]').setValue('11010519491231002X')
    await w.find('textarea[data-testid="reg-content"]').setValue('申请公开某道路改造工程立项批复')
    await form.trigger('submit')
    await flushPromises()
    await sleep(10)
    await flushPromises()
    expect(calls('request_register')).toHaveLength(1)
    expect(calls('request_register')[0][1]).toMatchObject({
      input: {
        applicant_type: 'natural_person',
        applicant_name: '王小明',
        id_kind: 'resident_id',
        id_number: '11010519491231002X',
        channel: 'in_person',
        received_date: todayYmd(),
        content: '申请公开某道路改造工程立项批复',
        number: '',
      },
    })
    // the new request opens in the detail view
    expect(calls('request_get')[0][1]).toEqual({ number: '2025-0004' })
  })
})

describe('文号或名称', () => {
  it('offers register documents as the clerk types, sends the chosen id, and forgets it when the text is edited', async () => {
    const base = invoke.getMockImplementation()!
    invoke.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
      if (cmd === 'documents_list')
        return {
          total: 1,
          page: 1,
          page_size: 8,
          rows: [{ id: 42, title: '某区国土空间规划管理办法', doc_number: '某政发〔2024〕3号' }],
        }
      return base(cmd, args)
    })
    const w = await mountAt('/requests')
    await w.find('[data-testid="request-new"]').trigger('click')
    await flushPromises()
    const field = w.find('input[data-testid="reg-document"]')
    expect(w.find('[data-testid="reg-document-note"]').text()).toContain('未从文件台账中选择')
    const choose = async () => {
      await field.trigger('focus')
      await field.setValue('规划管理')
      await sleep(400)
      await flushPromises()
      expect(calls('documents_list').slice(-1)[0][1]).toMatchObject({ filter: { query: '规划管理', page: 1, page_size: 8 } })
      const option = document.body.querySelector('[data-testid="doc-option-42"]') as HTMLElement
      expect(option).not.toBeNull()
      expect(option.textContent).toContain('某政发〔2024〕3号')
      option.closest('li')!.click()
      await flushPromises()
      expect((field.element as HTMLInputElement).value).toBe('某区国土空间规划管理办法（某政发〔2024〕3号）')
      expect(w.find('[data-testid="reg-document-note"]').text()).toBe('已关联文件台账中的文件')
    }
    await choose()
    // Editing the text by hand drops the link: the words no longer name the chosen document.
    await field.setValue('某区规划')
    await flushPromises()
    expect(w.find('[data-testid="reg-document-note"]').text()).toContain('未从文件台账中选择')
    await choose()

    await w.find('input[data-testid="reg-name"]').setValue('王小明')
    await w.find('input[data-testid="reg-id"]').setValue('11010519491231002X')
    await w.find('textarea[data-testid="reg-content"]').setValue('申请公开该办法的起草说明')
    await w.find('form[data-testid="register-form"]').trigger('submit')
    await sleep(10)
    await flushPromises()
    expect(calls('request_register')[0][1]).toMatchObject({
      input: { document_id: 42, document_ref: '某区国土空间规划管理办法（某政发〔2024〕3号）' },
    })
  })

  it('shows the linked register document in the detail, linking to 文件台账', async () => {
    const base = invoke.getMockImplementation()!
    invoke.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
      if (cmd === 'request_get')
        return { ...DETAIL, document: { id: 42, title: '某区国土空间规划管理办法', doc_number: '某政发〔2024〕3号', status_label: '现行有效' } }
      return base(cmd, args)
    })
    const w = await mountAt('/requests')
    await w.find('[data-number="2025-0001"]').trigger('click')
    await flushPromises()
    const link = document.body.querySelector('[data-testid="linked-document"]') as HTMLAnchorElement
    expect(link.textContent).toContain('《某区国土空间规划管理办法》（某政发〔2024〕3号）')
    expect(link.getAttribute('href')).toContain('/documents?id=42')
    expect(document.body.textContent).toContain('文件台账 · 现行有效')
  })
})

describe('detail', () => {
  it('shows the deadline with its derivation, the timeline, and buttons for exactly the allowed actions', async () => {
    const w = await mountAt('/requests')
    await w.find('[data-number="2025-0001"]').trigger('click')
    await flushPromises()
    expect(calls('request_get')[0][1]).toEqual({ number: '2025-0001' })
    const body = document.body
    expect(body.querySelector('[data-testid="reply-deadline"]')!.textContent).toBe('2025-12-01')
    expect(body.querySelector('[data-testid="reply-derivation"]')!.textContent).toContain('2025-11-03 收到申请；答复期限 2025-12-01')
    expect(body.querySelector('[data-testid="correction-deadline"]')!.textContent).toBe('2025-11-12')
    expect(body.querySelector('[data-testid="deadlines"]')!.textContent).toContain('已逾期 8 个工作日')
    const buttons = [...body.querySelectorAll('[data-testid="actions"] [data-action]')].map((b) => b.getAttribute('data-action'))
    expect(buttons).toEqual(['replied', 'correction_requested', 'withdrawn'])
    expect(body.querySelector('[data-testid="timeline"]')!.textContent).toContain('登记收到申请')
    // the case file is unmasked
    expect(body.querySelector('[data-testid="request-detail"]')!.textContent).toContain('11010519491231002X')

    ;(body.querySelector('[data-action="correction_requested"]') as HTMLElement).click()
    await flushPromises()
    // Art. 29's grounds are offered as checkboxes, in the ledger's order and words.
    const grounds = [...body.querySelectorAll('[data-testid="action-grounds"] [data-ground]')]
    expect(grounds.map((g) => g.getAttribute('data-ground'))).toEqual(['identity', 'contact', 'description', 'delivery'])
    expect(grounds.map((g) => g.textContent!.trim())).toEqual(['身份证明', '联系方式', '所需信息的描述', '获取信息的方式'])
    for (const ground of ['identity', 'delivery']) {
      ;(body.querySelector(`[data-ground="${ground}"] input`) as HTMLInputElement).click()
      await flushPromises()
    }
    const items = body.querySelector('textarea[data-testid="action-items"]') as HTMLTextAreaElement
    items.value = '请写明所需文件的文号'
    items.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(body.querySelector('form[data-testid="action-form"]') as HTMLFormElement).dispatchEvent(new Event('submit'))
    await flushPromises()
    expect(calls('request_append_event')).toHaveLength(1)
    expect(calls('request_append_event')[0][1]).toEqual({
      number: '2025-0001',
      event: {
        date: todayYmd(),
        detail: { kind: 'correction_requested', grounds: ['identity', 'delivery'], items: '请写明所需文件的文号', correct_by: null },
      },
    })
  })
})

describe('reply', () => {
  it('sends the statutory result code chosen in the reply form', async () => {
    const w = await mountAt('/requests')
    await w.find('[data-number="2025-0001"]').trigger('click')
    await flushPromises()
    ;(document.body.querySelector('[data-action="replied"]') as HTMLElement).click()
    await flushPromises()
    expect(document.body.querySelector('form[data-testid="action-form"]')!.textContent).toContain('办理结果')
    // 办理结果 starts empty: the clerk chooses 予以公开.
    ;(document.body.querySelector('[data-testid="action-result"] .el-select__wrapper') as HTMLElement).click()
    await flushPromises()
    await sleep(30)
    ;[...document.body.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find((o) => o.textContent?.trim() === '予以公开')!.click()
    await flushPromises()
    ;(document.body.querySelector('form[data-testid="action-form"]') as HTMLFormElement).dispatchEvent(new Event('submit'))
    await flushPromises()
    expect(calls('request_append_event')[0][1]).toEqual({
      number: '2025-0001',
      event: { date: todayYmd(), detail: { kind: 'replied', method: '书面答复', result: 'disclosed', reply_type: null, note: '' } },
    })
  })
})

describe('受理编号格式', () => {
  it('saves the pattern setting over IPC', async () => {
    const w = await mountAt('/requests')
    const button = w.findAll('button').find((b) => b.text() === '编号格式')!
    await button.trigger('click')
    await flushPromises()
    // Dialogs teleport to <body>, where earlier tests' dialogs may linger: take this one, the last,
    // once the settings it asked for over IPC have arrived.
    const find = () => [...document.body.querySelectorAll('input[data-testid="number-pattern"]')].pop() as HTMLInputElement
    for (let i = 0; i < 50 && find()?.value !== '{year}-{seq:04}'; i++) {
      await sleep(10)
      await flushPromises()
    }
    const input = find()
    expect(input.value).toBe('{year}-{seq:04}')
    input.value = 'YSQ-{year}-{seq:03}'
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }))
    await flushPromises()
    expect(calls('request_save_number_pattern')).toEqual([['request_save_number_pattern', { pattern: 'YSQ-{year}-{seq:03}' }]])
  })
})

describe('import', () => {
  it('sends the chosen file as bytes and reports the summary', async () => {
    const w = await mountAt('/requests')
    const input = w.find('input[data-testid="request-import-file"]')
    const file = new File([new Uint8Array([0xd5, 0xc5, 0x2c, 0x0a])], '台账.csv', { type: 'text/csv' })
    Object.defineProperty(input.element, 'files', { value: [file] })
    await input.trigger('change')
    await flushPromises()
    await sleep(10)
    await flushPromises()
    expect(calls('request_import')).toHaveLength(1)
    expect(calls('request_import')[0][1]).toMatchObject({ fileName: '台账.csv', bytes: [0xd5, 0xc5, 0x2c, 0x0a] })
    expect(calls('request_import')[0][1]).toHaveProperty('onProgress')
    expect(document.body.textContent).toContain('已导入 2 条申请')
    expect(w.find('[data-testid="import-status"]').text()).toContain('导入完成')
  })

  it("shows every refused line in 文件台账's panel, which stays until closed", async () => {
    const refusal = { code: 'Validation', message: '导入失败，未写入任何记录。共 2 处错误：\n第3行“收到日期”：“2025-02-30”不是有效日期\n第7行“申请人”：不能为空' }
    invoke.mockImplementation(async (cmd: string) => {
      if (cmd === 'request_import') throw refusal
      if (cmd === 'request_options') return OPTIONS
      if (cmd === 'request_list') return PAGE
      if (cmd === 'request_years') return [2025]
      if (cmd === 'request_due_list') return DUE
      throw { code: 'NotFound', message: `未知命令 ${cmd}` }
    })
    const w = await mountAt('/requests')
    const input = w.find('input[data-testid="request-import-file"]')
    Object.defineProperty(input.element, 'files', { value: [new File(['x'], '台账.csv')] })
    await input.trigger('change')
    await flushPromises()
    await sleep(10)
    await flushPromises()
    const lines = w.findAll('[data-testid="import-lines"] .import-line').map((l) => l.text())
    expect(lines).toEqual(['第3行“收到日期”：“2025-02-30”不是有效日期', '第7行“申请人”：不能为空'])
    expect(w.find('[data-testid="import-status"] .el-alert__title').text()).toBe('导入失败，未写入任何记录。共 2 处错误：')
    expect(w.find('[data-testid="import-status"] .el-alert--error').exists()).toBe(true)
    // No toast that closes itself: the panel is still there later, until the clerk closes it.
    expect(document.querySelector('.el-message')).toBeNull()
    await sleep(50)
    expect(w.find('[data-testid="import-lines"]').exists()).toBe(true)
    await w.find('[data-testid="import-status"] .el-alert__close-btn').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="import-status"]').exists()).toBe(false)
  })
})

describe('工作台', () => {
  it('lists requests due within 5 working days and overdue, in the order given (most urgent first)', async () => {
    const w = await mountAt('/')
    // The card is a chunk 工作台 fetches as it mounts (issue 22).
    await vi.waitFor(() => expect(w.find('[data-testid="request-deadlines"] .el-table__body tr').exists()).toBe(true), { timeout: 5000, interval: 50 })
    const card = w.find('[data-testid="request-deadlines"]')
    const rows = card.findAll('.el-table__body tr')
    expect(rows.map((r) => r.text().slice(0, 9))).toEqual(['2025-0001', '2025-0002'])
    const left = card.findAll('[data-testid="due-left"]').map((e) => e.text())
    expect(left).toEqual(['已逾期 8 个工作日', '剩余 3 个工作日'])
    expect(card.text()).toContain('（2 件）')
  })
})

/** IPC as in beforeEach, with some commands answered by the test. */
function answer(extra: Record<string, (args: Record<string, unknown>) => unknown>) {
  const base = invoke.getMockImplementation()!
  invoke.mockImplementation(async (cmd: string, args?: Record<string, unknown>) =>
    cmd in extra ? extra[cmd](args ?? {}) : base(cmd, args),
  )
}

async function openDetail(w: Awaited<ReturnType<typeof mountAt>>) {
  await w.find('[data-number="2025-0001"]').trigger('click')
  await flushPromises()
}

/** The last of the forms teleported to <body> (earlier tests' dialogs may linger there). */
const lastOf = <T extends Element>(selector: string) => [...document.body.querySelectorAll<T>(selector)].pop()!
const reviewDialogOpen = () => (lastOf('form[data-testid="review-form"]').closest('.el-overlay') as HTMLElement).style.display !== 'none'

describe('行政复议、行政诉讼', () => {
  it('registers a reconsideration with the defaults and edits a decided lawsuit, keeping its decision date', async () => {
    const REVIEW = {
      id: 7,
      kind: 'lawsuit_direct',
      kind_label: '行政诉讼（未经复议直接起诉）',
      filed_date: '2025-12-10',
      outcome: 'corrected',
      outcome_label: '纠正',
      decided_date: '2026-03-02',
      note: '法院判决重新答复',
    }
    answer({
      request_get: () => ({ ...DETAIL, reviews: [REVIEW] }),
      request_add_review: () => ({ ...DETAIL, reviews: [REVIEW] }),
      request_update_review: () => ({ ...DETAIL, reviews: [REVIEW] }),
    })
    const w = await mountAt('/requests')
    await openDetail(w)
    expect(document.body.querySelector('[data-testid="reviews"]')!.textContent).toContain('行政诉讼（未经复议直接起诉）')
    expect(document.body.querySelector('[data-testid="reviews"]')!.textContent).toContain('纠正')

    ;(document.body.querySelector('[data-testid="review-add"]') as HTMLElement).click()
    await flushPromises()
    lastOf('form[data-testid="review-form"]').dispatchEvent(new Event('submit'))
    await flushPromises()
    await sleep(400)
    expect(reviewDialogOpen()).toBe(false)
    expect(calls('request_add_review')).toEqual([
      ['request_add_review', { number: '2025-0001', review: { kind: 'reconsideration', filed_date: todayYmd(), outcome: 'pending', decided_date: '', note: '' } }],
    ])

    ;(document.body.querySelector('[data-review="7"]') as HTMLElement).click()
    await flushPromises()
    lastOf('form[data-testid="review-form"]').dispatchEvent(new Event('submit'))
    await flushPromises()
    expect(calls('request_update_review')).toEqual([
      [
        'request_update_review',
        {
          number: '2025-0001',
          id: 7,
          review: { kind: 'lawsuit_direct', filed_date: '2025-12-10', outcome: 'corrected', decided_date: '2026-03-02', note: '法院判决重新答复' },
        },
      ],
    ])
  })

  it('names the ledger\'s refusal in Chinese and keeps the dialog open', async () => {
    answer({
      request_add_review: () => {
        throw { code: 'Invalid', message: '审结日期不得早于提起日期' }
      },
    })
    const w = await mountAt('/requests')
    await openDetail(w)
    ;(document.body.querySelector('[data-testid="review-add"]') as HTMLElement).click()
    await flushPromises()
    lastOf('form[data-testid="review-form"]').dispatchEvent(new Event('submit'))
    await flushPromises()
    expect(lastOf('.el-message--error').textContent).toContain('审结日期不得早于提起日期')
    await sleep(400)
    expect(reviewDialogOpen()).toBe(true)
  })
})

describe('附件', () => {
  const ATTACHMENTS = [
    { id: 3, file_name: '申请表.pdf', sha256: 'a'.repeat(64), size_bytes: 2048, added_at: '2025-11-03 09:10:00', operator: '张三', intact: true },
    { id: 4, file_name: '答复书.pdf', sha256: 'b'.repeat(64), size_bytes: 4096, added_at: '2025-11-20 15:00:00', operator: '张三', intact: false },
  ]

  it('flags a stored copy whose SHA-256 no longer matches, and saves a copy through Rust', async () => {
    answer({ request_get: () => ({ ...DETAIL, attachments: ATTACHMENTS }), request_attachment_save: () => '/home/clerk/申请表.pdf' })
    const w = await mountAt('/requests')
    await openDetail(w)
    const item = (id: number) => document.body.querySelector(`[data-attachment="${id}"]`)!
    expect(item(3).textContent).toContain('申请表.pdf')
    expect(item(3).textContent).toContain('2.0 KB')
    expect(item(3).textContent).not.toContain('文件已被改动或缺失')
    expect(item(4).textContent).toContain('文件已被改动或缺失')
    ;(item(3).querySelector('.el-link') as HTMLElement).click()
    await flushPromises()
    expect(calls('request_attachment_save')).toEqual([['request_attachment_save', { id: 3 }]])
  })

  it('sends a chosen file as bytes and shows the list the ledger now holds', async () => {
    let stored: typeof ATTACHMENTS = []
    answer({
      request_get: () => ({ ...DETAIL, attachments: stored }),
      request_add_attachment: (a) => {
        stored = [{ ...ATTACHMENTS[0], file_name: a.fileName as string }]
        return stored[0]
      },
    })
    const w = await mountAt('/requests')
    await openDetail(w)
    const input = document.body.querySelector('input[data-testid="attach-file"]') as HTMLInputElement
    Object.defineProperty(input, 'files', { value: [new File([new Uint8Array([1, 2, 3])], '补正告知书.pdf')], configurable: true })
    input.dispatchEvent(new Event('change'))
    for (let i = 0; i < 20 && !calls('request_add_attachment').length; i++) await sleep(10)
    await flushPromises()
    expect(calls('request_add_attachment')[0][1]).toEqual({ number: '2025-0001', fileName: '补正告知书.pdf', bytes: [1, 2, 3] })
    for (let i = 0; i < 20 && !document.body.querySelector('[data-attachment="3"]'); i++) await sleep(10)
    expect(document.body.querySelector('[data-attachment="3"]')!.textContent).toContain('补正告知书.pdf')
  })
})

describe('导出', () => {
  it('exports the filtered list masked unless the clerk ticks 导出完整证件号码和电话', async () => {
    answer({ request_export_save: () => '/home/clerk/依申请公开台账.xlsx' })
    const w = await mountAt('/requests')
    await w.find('[data-testid="request-export"]').trigger('click')
    await flushPromises()
    const listed = calls('request_list').slice(-1)[0][1] as { filter: Record<string, unknown> }
    expect(calls('request_export_save')[0][1]).toEqual({ filter: listed.filter, unmasked: false })
    await w.find('[data-testid="export-unmasked"] input').setValue(true)
    await w.find('[data-testid="request-export"]').trigger('click')
    await flushPromises()
    expect(calls('request_export_save')[1][1]).toMatchObject({ unmasked: true })
    expect(document.body.textContent).toContain('/home/clerk/依申请公开台账.xlsx')
  })
})

describe('延期待审批 (accounts)', () => {
  it('greys out 批准延期 for a 登记员, naming the role, and lets the 负责人 approve', async () => {
    const { setSession } = await import('../src/session')
    // While a proposal waits, the ledger allows 延期 (the approval) and its rejection.
    const pending = {
      ...DETAIL,
      allowed: [...DETAIL.allowed, { kind: 'extended' as const, label: '延期' }, { kind: 'extension_rejected' as const, label: '驳回延期' }],
      pending_extension: '延期待审批：2025-03-10 提出延期 10 个工作日（理由：需要调取档案），待负责人审批，答复期限未变',
    }
    const wang = { id: 2, login: 'wang', name: '王某', roles: ['Clerk' as const], enabled: true, must_change: false, locked_until: null }
    answer({
      account_status: () => ({ has_accounts: true, signed_in: wang }),
      request_get: () => pending,
      request_approve_extension: () => ({ ...DETAIL, pending_extension: null }),
    })
    const w = await mountAt('/requests')
    await openDetail(w)
    expect(lastOf('[data-testid="pending-extension"]').textContent).toContain('延期待审批')
    const button = () => lastOf<HTMLButtonElement>('[data-testid="approve-extension"]')
    expect(button().disabled).toBe(true)
    button().click()
    await flushPromises()
    expect(calls('request_approve_extension')).toHaveLength(0)

    setSession({ has_accounts: true, signed_in: { ...wang, id: 3, login: 'li', name: '李某', roles: ['Head'] } })
    await flushPromises()
    expect(button().disabled).toBe(false)
    button().click()
    await flushPromises()
    expect(calls('request_approve_extension')[0][1]).toEqual({ number: '2025-0001', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })
    expect(document.body.querySelector('[data-testid="pending-extension"]')).toBeNull()
    setSession({ has_accounts: false, signed_in: null })
  })
})

describe('审核与签发 (accounts)', () => {
  it('offers 审核通过 to a 审核人, greys it for a 登记员 naming the role, then 签发 for the 负责人', async () => {
    const { setSession } = await import('../src/session')
    const account = (login: string, roles: ('Clerk' | 'Reviewer' | 'Head' | 'Admin')[]) => ({ id: 9, login, name: login, roles, enabled: true, must_change: false, locked_until: null })
    const drafted = { ...DETAIL, reply_stage: 'Drafted' as const, reply_stage_label: '待审核' }
    const reviewed = { ...DETAIL, reply_stage: 'Reviewed' as const, reply_stage_label: '待签发' }
    setSession({ has_accounts: true, signed_in: account('wang', ['Clerk']) })
    answer({
      account_status: () => ({ has_accounts: true, signed_in: account('wang', ['Clerk']) }),
      request_get: () => drafted,
      request_signoff: () => reviewed,
    })
    const w = await mountAt('/requests')
    await openDetail(w)
    expect(lastOf('[data-testid="reply-stage"]').textContent).toContain('待审核')
    const review = () => lastOf<HTMLButtonElement>('[data-testid="reply-review"]')
    expect(review().disabled).toBe(true)
    expect(review().closest('[data-needs-role]')?.getAttribute('data-needs-role')).toBe('Reviewer')
    // A 登记员 still records events: the action buttons are open to the role.
    expect(lastOf<HTMLButtonElement>('[data-action="replied"]').disabled).toBe(false)

    setSession({ has_accounts: true, signed_in: account('zhao', ['Reviewer']) })
    await flushPromises()
    expect(review().disabled).toBe(false)
    expect(lastOf<HTMLButtonElement>('[data-action="replied"]').disabled).toBe(true)
    review().click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 50))
    ;(document.querySelector('.el-message-box .el-button--primary') as HTMLElement).click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 50))
    await flushPromises()
    expect(calls('request_signoff')[0][1]).toEqual({ number: '2025-0001', step: 'Review', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), comment: '' })
    expect(lastOf('[data-testid="reply-stage"]').textContent).toContain('待签发')
    expect(lastOf<HTMLButtonElement>('[data-testid="reply-sign"]').disabled).toBe(true)
    setSession({ has_accounts: true, signed_in: account('li', ['Head']) })
    await flushPromises()
    expect(lastOf<HTMLButtonElement>('[data-testid="reply-sign"]').disabled).toBe(false)
    setSession({ has_accounts: false, signed_in: null })
  })
})

describe('工作台 待我审批 (accounts)', () => {
  it('shows each account the approvals of its roles, with the deadline pressure', async () => {
    const { setSession } = await import('../src/session')
    const head = { id: 3, login: 'li', name: '李某', roles: ['Head' as const], enabled: true, must_change: false, locked_until: null }
    const item = (number: string, stage: string, role: 'Head' | 'Reviewer', left: number) => ({
      number, applicant_name: '张三', stage_label: stage, role, role_label: role === 'Head' ? '负责人' : '审核人', summary: '内容',
      reply_due: '2025-04-01', workdays_left: left, due: left < 0 ? 'overdue' : 'due_soon', derivation: '推算',
    })
    setSession({ has_accounts: true, signed_in: head })
    answer({
      account_status: () => ({ has_accounts: true, signed_in: head }),
      request_waiting: () => [item('2025-0003', '延期待审批', 'Head', -1), item('2025-0004', '待审核', 'Reviewer', 2), item('2025-0005', '待签发', 'Head', 3)],
    })
    const w = await mountAt('/')
    await flushPromises()
    const card = w.find('[data-testid="approval-queue"]')
    expect(card.exists()).toBe(true)
    const text = card.text()
    expect(text).toContain('（2 件）')
    expect(text).toContain('延期待审批')
    expect(text).toContain('待签发')
    expect(text).not.toContain('2025-0004')
    expect(text).toContain('已逾期 1 个工作日')
    setSession({ has_accounts: false, signed_in: null })
  })
})

