// 文件台账 in the window: the list with its completeness badge, search sent to IPC, the form's
// validation and create call, import as bytes with its summary or row errors, the detail drawer,
// and the 工作台 card. IPC is mocked at @tauri-apps/api/core.
import { describe, expect, it, vi, beforeEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import App from '../src/App.vue'
import { createAppRouter } from '../src/router'
import { emptyFilter, exportName, inputFrom } from '../src/documents'
import type { Document, DocumentDetail } from '../src/bindings'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({
  invoke: (...args: unknown[]) => invoke(...args),
  // A progress channel: the test's IPC mock calls onmessage as the ledger would.
  Channel: class {
    onmessage: (m: unknown) => void = () => {}
  },
}))

function doc(over: Partial<Document>): Document {
  return {
    id: 1,
    title: '关于某项工作的通知',
    doc_number: '长净管发〔2025〕1号',
    category: 'normative',
    issuer: '某某管委会',
    drafting_department: '规划局',
    written_on: '2025-03-03',
    published_on: '2025-03-05',
    effective_on: null,
    valid_until: null,
    status: 'in_force',
    status_since: '2025-03-05',
    disclosure: null,
    disclosure_reason: '',
    disclosure_mode: null,
    secrecy_reviewed: null,
    secrecy_reviewer: '',
    secrecy_reviewed_on: null,
    no_interpretation_reason: null,
    portal_published_on: null,
    portal_url: '',
    index_number: '',
    note: '',
    complete: false,
    missing: ['公开属性', '公开方式', '解读材料', '保密审查'],
    awaiting_resubmission: false,
    unsynced_interpretation: false,
    interpretation_count: 0,
    ...over,
  }
}

const ROWS = [
  doc({ unsynced_interpretation: true, interpretation_count: 1 }),
  doc({ id: 2, title: '关于另一项工作的办法', doc_number: '长净管规〔2024〕2号', category: 'rule', complete: true, missing: [] }),
]

const DETAIL: DocumentDetail = {
  document: ROWS[0],
  history: [
    { id: 1, date: '2025-03-05', status: 'in_force', reason: '登记时的状态', by_document_id: null, by_doc_number: '', by_title: null, source: 'window', recorded_at: '2025-03-05 09:00:00' },
    { id: 2, date: '2025-06-01', status: 'amended', reason: '部分条款修改', by_document_id: 2, by_doc_number: '长净管规〔2024〕2号', by_title: '关于另一项工作的办法', source: 'window', recorded_at: '2025-06-01 09:00:00' },
  ],
  interpretations: [
    { id: 1, title: '政策解读', form: 'graphic', published_on: '2025-03-09', url: 'http://www.example.gov.cn/jd/1.html', in_sync: false, recorded_at: '' },
  ],
  returns: [{ id: 1, kind: 'returned', date: '2025-03-01', reason: '缺少解读材料', recorded_at: '' }],
  edits: [{ changed: '登记', source: 'window', recorded_at: '2025-03-05 09:00:00' }],
  portal: { due: '2025-03-31', state: 'overdue', workdays_left: -3, derivation: '成文日期 2025-03-03 起 20 个工作日：2025-03-31', warnings: [], estimate: null },
}

async function mountAt(path: string) {
  const router = createAppRouter(true)
  router.push(path)
  await router.isReady()
  const wrapper = mount(App, { global: { plugins: [router, [ElementPlus, { locale: zhCn }]] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

async function settle(rounds = 5) {
  for (let i = 0; i < rounds; i++) {
    await new Promise((r) => setTimeout(r, 20))
    await flushPromises()
  }
}

function calls(cmd: string) {
  return invoke.mock.calls.filter((c) => c[0] === cmd)
}

beforeEach(() => {
  document.body.innerHTML = ''
  invoke.mockReset()
  invoke.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
    if (cmd === 'documents_list') return { total: 42, total_capped: false, page: 1, page_size: 20, rows: ROWS }
    if (cmd === 'documents_years') return [2025, 2024]
    if (cmd === 'organ_settings') return { organ_name: '某某管委会', departments: [{ id: 1, name: '规划局', retired: false }] }
    if (cmd === 'document_get') return DETAIL
    if (cmd === 'document_create') return { ...DETAIL, document: { ...DETAIL.document, ...(args?.input as object) } }
    if (cmd === 'documents_import') return { imported: 14, incomplete: 14, added_departments: ['教育局'], ignored_columns: [] }
    if (cmd === 'document_deadlines')
      return {
        portal: [{ id: 1, title: '待上网的通知', doc_number: '长净管发〔2025〕1号', drafting_department: '规划局', portal: DETAIL.portal, valid_until: null }],
        portal_total: 1,
        overdue: 1,
        expiring: [{ id: 2, title: '快到期的办法', doc_number: '长净管规〔2024〕2号', drafting_department: null, portal: null, valid_until: '2025-09-01' }],
        awaiting_resubmission: 2,
        incomplete: 5,
      }
    throw { code: 'NotFound', message: `未知命令 ${cmd}` }
  })
})

describe('文件台账', () => {
  it('lists the register with a completeness badge naming what is missing', async () => {
    const w = await mountAt('/documents')
    expect(calls('documents_list')[0][1]).toEqual({ filter: emptyFilter() })
    expect(w.find('.el-empty').exists()).toBe(false)
    const text = w.find('[data-testid="doc-table"]').text()
    expect(text).toContain('关于某项工作的通知')
    expect(text).toContain('长净管规〔2024〕2号')
    const badges = w.findAll('[data-testid="complete-badge"]').map((b) => b.text())
    expect(badges).toEqual(['缺 4 项', '要件齐全'])
    // The first document's interpretation came out after it: flagged in the list, not only in its detail.
    expect(w.findAll('[data-testid="unsynced-badge"]').map((b) => b.text())).toEqual(['解读未同步'])
    expect(w.text()).toContain('共 42 条')
  })

  it('each filter and the pager reach IPC as the ledger\'s filter, back to page 1', async () => {
    const w = await mountAt('/documents')
    const last = () => calls('documents_list').slice(-1)[0][1] as { filter: Record<string, unknown> }
    const SELECTS = ['类别', '状态', '发布年度', '起草部门', '要件']
    /** Opens the filter select named `name` (by its placeholder, in order) and clicks its option `label`. */
    async function pick(name: string, label: string) {
      const select = w.findAll('.filters .el-select')[SELECTS.indexOf(name)]
      expect(select, name).toBeDefined()
      await select!.find('.el-select__wrapper').trigger('click')
      await settle(2)
      const option = [...document.body.querySelectorAll('.el-select-dropdown__item')].find(
        (li) => li.textContent?.trim() === label,
      ) as HTMLElement | undefined
      expect(option, `${name} → ${label}`).toBeDefined()
      option!.click()
      await settle()
    }
    await pick('类别', '规章')
    expect(last().filter).toMatchObject({ category: 'rule', page: 1 })
    await pick('状态', '已废止')
    expect(last().filter).toMatchObject({ category: 'rule', status: 'repealed' })
    await pick('发布年度', '2024年')
    expect(last().filter).toMatchObject({ year: 2024 })
    await pick('起草部门', '规划局')
    expect(last().filter).toMatchObject({ department_id: 1 })
    await pick('要件', '要件不齐全')
    expect(last().filter).toMatchObject({ category: 'rule', status: 'repealed', year: 2024, department_id: 1, complete: false, page: 1 })

    // 42 documents at 20 a page: page 3 is asked for in SQL terms, filters kept.
    const pager = w.find('.pager')
    const page3 = pager.findAll('.el-pager li').find((li) => li.text() === '3')
    await page3!.trigger('click')
    await settle()
    expect(last().filter).toMatchObject({ page: 3, page_size: 20, complete: false })
    // Changing a filter starts again at page 1.
    await pick('类别', '行政规范性文件')
    expect(last().filter).toMatchObject({ category: 'normative', page: 1 })
  })

  it('sends the search words to IPC, back to page 1', async () => {
    const w = await mountAt('/documents')
    await w.find('[data-testid="doc-search"]').setValue('某项工')
    await new Promise((r) => setTimeout(r, 400))
    await flushPromises()
    const all = calls('documents_list')
    const last = all[all.length - 1][1] as { filter: { query: string; page: number } }
    expect(last.filter.query).toBe('某项工')
    expect(last.filter.page).toBe(1)
  })

  it('a search with more than a thousand matches reads "1,000+ 条", pages on, and counts all on demand', async () => {
    const w = await mountAt('/documents')
    const lists = () => calls('documents_list').map((c) => (c[1] as { filter: { query: string; page: number; exact_total: boolean } }).filter)
    invoke.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
      if (cmd !== 'documents_list') return cmd === 'documents_years' ? [2025] : { organ_name: '', departments: [] }
      const f = (args as { filter: { page: number; exact_total: boolean } }).filter
      return f.exact_total
        ? { total: 7419, total_capped: false, page: f.page, page_size: 20, rows: ROWS }
        : { total: 1000, total_capped: true, page: f.page, page_size: 20, rows: ROWS }
    })
    await w.find('[data-testid="doc-search"]').setValue('管理办法')
    await new Promise((r) => setTimeout(r, 400))
    await settle()
    expect(w.find('[data-testid="doc-total"]').text()).toBe('共 1,000+ 条')
    expect(lists().slice(-1)[0]).toMatchObject({ query: '管理办法', page: 1, exact_total: false })
    // The thousand counted make 50 pages of 20: the pager offers them, and page 2 is asked for.
    expect(w.find('.pager .el-pager').text()).toContain('50')
    await w.find('.pager .btn-next').trigger('click')
    await settle()
    expect(lists().slice(-1)[0]).toMatchObject({ query: '管理办法', page: 2, exact_total: false })
    // 统计全部 asks the ledger for every match, on the page the clerk is on.
    await w.find('[data-testid="doc-count-all"]').trigger('click')
    await settle()
    expect(lists().slice(-1)[0]).toMatchObject({ query: '管理办法', page: 2, exact_total: true })
    expect(w.find('[data-testid="doc-total"]').text()).toBe('共 7,419 条')
    expect(w.find('[data-testid="doc-count-all"]').exists()).toBe(false)
    // New words count a thousand again.
    await w.find('[data-testid="doc-search"]').setValue('实施意见')
    await new Promise((r) => setTimeout(r, 400))
    await settle()
    expect(lists().slice(-1)[0]).toMatchObject({ query: '实施意见', page: 1, exact_total: false })
    expect(w.find('[data-testid="doc-total"]').text()).toBe('共 1,000+ 条')
  })

  it('the form refuses to save without the required fields, then creates the document', async () => {
    const w = await mountAt('/documents')
    await w.find('[data-testid="doc-new"]').trigger('click')
    await flushPromises()
    const dialog = document.querySelector('[data-testid="doc-form"]') ?? document.body
    ;(document.querySelector('[data-testid="f-save"]') as HTMLElement).click()
    await settle()
    expect(dialog.textContent).toContain('请填写：文件名称、文号、类别、发布日期')
    expect(calls('document_create')).toHaveLength(0)
    // The issuer defaults to the organ's name.
    expect((document.querySelector('[data-testid="f-issuer"]') as HTMLInputElement).value).toBe('某某管委会')

    const set = (sel: string, v: string) => {
      const el = document.querySelector(sel) as HTMLInputElement
      el.value = v
      el.dispatchEvent(new Event('input'))
    }
    set('[data-testid="f-title"]', '关于新工作的规定')
    set('[data-testid="f-doc-number"]', '长净管发[2025]7号')
    const radios = [...document.querySelectorAll('[data-testid="f-category"] label')] as HTMLElement[]
    radios.find((r) => r.textContent?.includes('行政规范性文件'))!.click()
    const date = document.querySelector('[data-testid="f-published-on"] input') as HTMLInputElement
    date.value = '2025-03-05'
    date.dispatchEvent(new Event('input'))
    date.dispatchEvent(new Event('change'))
    await flushPromises()
    ;(document.querySelector('[data-testid="f-save"]') as HTMLElement).click()
    await settle()
    expect(calls('document_create')).toHaveLength(1)
    const input = calls('document_create')[0][1].input
    expect(input).toMatchObject({
      title: '关于新工作的规定',
      doc_number: '长净管发[2025]7号',
      category: 'normative',
      issuer: '某某管委会',
      published_on: '2025-03-05',
      status: 'in_force',
      interpretations: [],
    })
  })

  it('sends 解读材料 added while registering in the same create call, refusing a row without 标题', async () => {
    const w = await mountAt('/documents')
    await w.find('[data-testid="doc-new"]').trigger('click')
    await settle()
    const set = (el: Element, v: string) => {
      ;(el as HTMLInputElement).value = v
      el.dispatchEvent(new Event('input'))
    }
    set(document.querySelector('[data-testid="f-title"]')!, '关于新工作的规定')
    set(document.querySelector('[data-testid="f-doc-number"]')!, '长净管发[2025]8号')
    ;([...document.querySelectorAll('[data-testid="f-category"] label')] as HTMLElement[]).find((r) => r.textContent?.includes('行政规范性文件'))!.click()
    const date = document.querySelector('[data-testid="f-published-on"] input') as HTMLInputElement
    date.value = '2025-03-05'
    date.dispatchEvent(new Event('input'))
    date.dispatchEvent(new Event('change'))
    ;(document.querySelector('[data-testid="f-interp-add"]') as HTMLElement).click()
    ;(document.querySelector('[data-testid="f-interp-add"]') as HTMLElement).click()
    await settle()
    const titles = () => [...document.querySelectorAll('input[data-testid="f-interp-title"]')]
    expect(titles()).toHaveLength(2)
    set(titles()[0], '政策解读：关于新工作的规定')
    await settle()
    // The second row has no 标题: refused before IPC, naming the row.
    ;(document.querySelector('[data-testid="f-save"]') as HTMLElement).click()
    await settle()
    expect(document.querySelector('[data-testid="f-error"]')!.textContent).toContain('第 2 条解读材料的标题')
    expect(calls('document_create')).toHaveLength(0)
    ;(document.querySelector('[data-testid="f-interp-remove-1"]') as HTMLElement).click()
    await settle()
    ;(document.querySelector('[data-testid="f-save"]') as HTMLElement).click()
    await settle()
    expect(calls('document_create')).toHaveLength(1)
    expect(calls('document_create')[0][1].input.interpretations).toEqual([
      { title: '政策解读：关于新工作的规定', form: 'text', published_on: null, url: '' },
    ])
  })

  it('imports a chosen file as bytes over IPC and shows the summary', async () => {
    const w = await mountAt('/documents')
    const content = new TextEncoder().encode('文件名称,文号\n')
    const file = new File([content], '台账.csv', { type: 'text/csv' })
    const input = w.find('[data-testid="doc-file"]')
    Object.defineProperty(input.element, 'files', { value: [file] })
    await input.trigger('change')
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 20))
      await flushPromises()
    }
    expect(calls('documents_import')[0][1]).toMatchObject({ bytes: Array.from(content) })
    const status = w.find('[data-testid="import-status"]').text()
    expect(status).toContain('已导入 14 件文件')
    expect(status).toContain('其中 14 件要件不齐全')
    expect(status).toContain('新增了起草部门：教育局')
  })

  it('shows the ledger\'s row-by-row progress while an import runs', async () => {
    let finish: (v: unknown) => void = () => {}
    let channel: { onmessage: (m: unknown) => void } | undefined
    const base = invoke.getMockImplementation()!
    invoke.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
      if (cmd !== 'documents_import') return base(cmd, args)
      channel = args?.onProgress as typeof channel
      return new Promise((resolve) => (finish = resolve))
    })
    const w = await mountAt('/documents')
    const input = w.find('[data-testid="doc-file"]')
    Object.defineProperty(input.element, 'files', { value: [new File(['文件名称\n'], '台账.csv')] })
    await input.trigger('change')
    for (let i = 0; i < 5 && !channel; i++) {
      await new Promise((r) => setTimeout(r, 20))
      await flushPromises()
    }
    expect(channel).toBeDefined()
    channel!.onmessage({ stage: 'validating', done: 30, total: 60 })
    await flushPromises()
    const bar = () => w.find('[data-testid="import-progress"]')
    expect(bar().text()).toContain('正在逐行校验：第 30 / 60 行')
    expect(bar().find('.el-progress').attributes('aria-valuenow')).toBe('32')
    channel!.onmessage({ stage: 'writing', done: 60, total: 60 })
    await flushPromises()
    expect(bar().text()).toContain('正在写入台账：第 60 / 60 行')
    expect(bar().find('.el-progress').attributes('aria-valuenow')).toBe('100')
    // A late, older report never moves the bar back.
    channel!.onmessage({ stage: 'validating', done: 1, total: 60 })
    await flushPromises()
    expect(bar().find('.el-progress').attributes('aria-valuenow')).toBe('100')
    finish({ imported: 60, incomplete: 0, added_departments: [], ignored_columns: [] })
    await flushPromises()
    expect(bar().exists()).toBe(false)
    expect(w.find('[data-testid="import-status"]').text()).toContain('已导入 60 件文件')
  })

  it('shows every row error when an import is refused', async () => {
    invoke.mockImplementation(async (cmd: string) => {
      if (cmd === 'documents_import')
        throw { code: 'Validation', message: '导入失败，未写入任何记录。共 1 处问题：\n第37行“发布日期”：“2025-02-30”不是有效日期' }
      if (cmd === 'documents_list') return { total: 0, page: 1, page_size: 20, rows: [] }
      if (cmd === 'documents_years') return []
      if (cmd === 'organ_settings') return { organ_name: '', departments: [] }
      throw { code: 'NotFound', message: cmd }
    })
    const w = await mountAt('/documents')
    expect(w.text()).toContain('台账中没有符合条件的文件')
    const input = w.find('[data-testid="doc-file"]')
    Object.defineProperty(input.element, 'files', { value: [new File(['x'], 'bad.csv')] })
    await input.trigger('change')
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 20))
      await flushPromises()
    }
    const status = w.find('[data-testid="import-status"]').text()
    expect(status).toContain('导入失败')
    expect(status).toContain('第37行“发布日期”：“2025-02-30”不是有效日期')
  })

  it('the detail drawer shows status history, interpretations out of sync, returns and the portal deadline', async () => {
    const w = await mountAt('/documents?id=1')
    expect(calls('document_get')[0][1]).toEqual({ id: 1 })
    await flushPromises()
    const drawer = document.querySelector('.el-drawer')!.textContent!
    expect(document.querySelector('[data-testid="interp-url"]')!.textContent).toBe('http://www.example.gov.cn/jd/1.html')
    expect(drawer).toContain('已修改')
    expect(drawer).toContain('部分条款修改')
    expect(drawer).toContain('长净管规〔2024〕2号')
    expect(drawer).toContain('晚于文件')
    expect(drawer).toContain('缺少解读材料')
    expect(drawer).toContain('逾期未上网')
    expect(drawer).toContain('条例第二十六条')
    expect(drawer).toContain('缺少：公开属性、公开方式、解读材料、保密审查')
    w.unmount()
  })
})

describe('导出', () => {
  it('asks Rust to save the filtered list and shows where it went', async () => {
    const prev = invoke.getMockImplementation()!
    invoke.mockImplementation(async (cmd: string, args?: Record<string, unknown>) =>
      cmd === 'documents_export_save' ? '/home/clerk/文件台账.xlsx' : prev(cmd, args),
    )
    const w = await mountAt('/documents')
    await w.find('[data-testid="doc-export"]').trigger('click')
    await settle()
    const sent = calls('documents_export_save')[0][1] as { filter: { page: number; query: string }; name: string }
    expect(sent.filter.page).toBe(1)
    expect(sent.name).toMatch(/\.xlsx$/)
    expect(document.body.textContent).toContain('当前筛选条件下的 42 件文件已保存到：/home/clerk/文件台账.xlsx')
    w.unmount()
  })
})

describe('工作台', () => {
  it('shows documents due on the portal, overdue flagged, and those expiring', async () => {
    const w = await mountAt('/')
    // The card is a chunk 工作台 fetches as it mounts (issue 22).
    await vi.waitFor(() => expect(w.find('[data-testid="document-deadlines"]').text()).toContain('逾期未上网 1 件'), { timeout: 5000, interval: 50 })
    const card = w.find('[data-testid="document-deadlines"]').text()
    expect(card).toContain('待上网的通知')
    expect(card).toContain('逾期未上网 3 个工作日')
    expect(card).toContain('快到期的办法')
    expect(card).toContain('2025-09-01')
    expect(card).toContain('要件不齐全 5 件')
    expect(card).toContain('退文待重新报送 2 件')
  })
})

describe('helpers', () => {
  it('names exports by date and turns a document back into form input', () => {
    expect(exportName('文件台账', new Date(2025, 2, 1))).toBe('文件台账-20250301.xlsx')
    const i = inputFrom(doc({ no_interpretation_reason: '内部事项' }))
    expect(i.status).toBeNull()
    expect(i.no_interpretation_reason).toBe('内部事项')
    expect(i.drafting_department).toBe('规划局')
  })
})
