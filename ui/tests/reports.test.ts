// 年度报告: the tables come from IPC as counted by the ledger; the 勾稽 result is shown; a number
// opens the list behind it; the Excel export is saved by Rust, which names the chosen path; a year
// with nothing saved says where its draft comes from.
import { describe, expect, it, vi, beforeEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import Reports from '../src/pages/Reports.vue'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }))

const zero = { upheld: 0, corrected: 0, other: 0, pending: 0 }
function view(failures: string[]) {
  return {
    figures: {
      year: 2025,
      section_two: { regulations: { issued: 1, repealed: 0, in_force: 2 }, normative: { issued: 4, repealed: 0, in_force: 8 }, licensing: null, penalties: null, enforcement: null, fees_wan_yuan: null },
      table_three: { received: [23, 1, 0, 0, 2, 1], carried_in: [1, 0, 0, 0, 0, 1], results: [], carried_out: [5, 0, 0, 0, 0, 0] },
      table_four: { reconsideration: { ...zero, upheld: 1 }, litigation_direct: zero, litigation_after: zero },
    },
    table_three: [
      { key: 'received', label: '一、本年新收政府信息公开申请数量', numbers: [23, 1, 0, 0, 2, 1, 27] },
      { key: null, label: '（三）不予公开', numbers: null },
      { key: 'carried_out', label: '四、结转下年度继续办理', numbers: [5, 0, 0, 0, 0, 0, 5] },
    ],
    failures: failures.map((message) => ({ message })),
    entries: {
      licensing: null,
      penalties: null,
      enforcement: null,
      fees_wan_yuan: null,
      overview: '2024年的总体情况',
      overview_sections: { active: '2025年，本机关制发规章1件、行政规范性文件4件。', requests: '2025年，本机关新收政府信息公开申请27件。', management: '', platform: '', oversight: '' },
      problems: '',
      other: '2025年，本机关未收取政府信息公开信息处理费。',
    },
    saved: false,
    draft_from: 2024,
    fees: { requests: 0, yuan: 0 },
    unfilled: [] as string[],
  }
}

const charts = {
  year: 2025,
  monthly: ['received', 'concluded', 'issued', 'repealed'].map((code) => ({ code, label: code, months: Array(12).fill(0) })),
  results: [],
  applicants: [],
}
const deadline = { setting: '01-31', report_year: 2025, preparing_year: new Date().getFullYear() - 1, due_date: '2026-01-31', days_left: 20 }
const drill = {
  title: '2025年 表三 四、结转下年度继续办理 · 总计',
  requests: [1, 2, 3, 4, 5].map((i) => ({
    number: `2025-000${i}`, applicant: '王**', applicant_type: '自然人', received_date: '2025-12-01', concluded_date: null, result: '办理中',
  })),
  documents: [],
}

function answer(v: ReturnType<typeof view>) {
  invoke.mockImplementation(async (cmd: string) => {
    switch (cmd) {
      case 'report_view': return v
      case 'report_charts': return charts
      case 'report_deadline': return deadline
      case 'report_drill': return drill
      case 'report_save': return '/home/clerk/2025年政府信息公开工作年度报告.xlsx'
      default: throw { code: 'Internal', message: `unexpected ${cmd}` }
    }
  })
}

beforeEach(() => {
  invoke.mockReset()
})

describe('年度报告', () => {
  it('shows the ledger figures and a passed check', async () => {
    answer(view([]))
    const w = mount(Reports, { global: { plugins: [ElementPlus], stubs: { ReportCharts: true } }, attachTo: document.body })
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('report_view', { year: new Date().getFullYear() - 1 })
    const three = w.find('[data-testid="report-three"]').text()
    expect(three).toContain('本年新收政府信息公开申请数量')
    expect(three).toContain('27')
    expect(w.text()).toContain('勾稽检查通过')
    expect(w.text()).toContain('行政规范性文件')
    w.unmount()
  })

  it('names each failed check', async () => {
    answer(view(['“自然人”列：本年新收 1 + 上年结转 0 = 1，不等于办理结果总计 0 + 结转下年度 0 = 0']))
    const w = mount(Reports, { global: { plugins: [ElementPlus], stubs: { ReportCharts: true } }, attachTo: document.body })
    await flushPromises()
    expect(w.find('[data-testid="report-check"]').text()).toContain('勾稽检查未通过')
    expect(w.text()).toContain('“自然人”列')
    w.unmount()
  })

  it('opens the requests behind a number, with the applicant masked', async () => {
    answer(view([]))
    const w = mount(Reports, { global: { plugins: [ElementPlus], stubs: { ReportCharts: true } }, attachTo: document.body })
    await flushPromises()
    await w.find('[data-cell="three:carried_out:6"]').trigger('click')
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('report_drill', { year: new Date().getFullYear() - 1, cell: { table: 'three', row: 'carried_out', column: 6 } })
    const dialog = document.querySelector('[data-testid="drill-dialog"]')!.textContent!
    expect(dialog).toContain('共 5 件')
    expect(dialog).toContain('王**')
    expect(dialog).toContain('2025-0005')
    w.unmount()
  })

  it('saves the Excel file through Rust and names the chosen path', async () => {
    answer(view([]))
    const w = mount(Reports, { global: { plugins: [ElementPlus], stubs: { ReportCharts: true } }, attachTo: document.body })
    await flushPromises()
    await w.find('[data-testid="report-xlsx"]').trigger('click')
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('report_save', { year: new Date().getFullYear() - 1, format: 'xlsx', overrideReason: null, archive: false })
    expect(document.body.textContent).toContain('年度报告 Excel已保存到：/home/clerk/2025年政府信息公开工作年度报告.xlsx')
    w.unmount()
  })

  it('asks Rust for the archived copy when 存档副本 is ticked', async () => {
    answer(view([]))
    const w = mount(Reports, { global: { plugins: [ElementPlus], stubs: { ReportCharts: true } }, attachTo: document.body })
    await flushPromises()
    await w.find('[data-testid="report-archive"] input').setValue(true)
    await w.find('[data-testid="report-xlsx"]').trigger('click')
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('report_save', { year: new Date().getFullYear() - 1, format: 'xlsx', overrideReason: null, archive: true })
    expect(document.body.textContent).toContain('年度报告 Excel（存档副本）已保存到')
    w.unmount()
  })

  it('shows and saves the fee as entered, to six decimals', async () => {
    const v = view([])
    v.entries.fees_wan_yuan = 4166.241619 as unknown as null
    answer(v)
    invoke.mockImplementation(async (cmd: string) => (cmd === 'report_save_entries' ? v : cmd === 'report_view' ? v : cmd === 'report_deadline' ? deadline : charts))
    const w = mount(Reports, { global: { plugins: [ElementPlus], stubs: { ReportCharts: true } }, attachTo: document.body })
    await flushPromises()
    const input = w.find('[data-testid="report-fees"] input')
    expect((input.element as HTMLInputElement).value).toBe('4166.241619')
    await input.setValue('12.000001')
    await input.trigger('change')
    input.element.closest('form')!.dispatchEvent(new Event('submit'))
    await flushPromises()
    const saved = invoke.mock.calls.find(([cmd]) => cmd === 'report_save_entries')!
    expect((saved[1] as { entries: { fees_wan_yuan: number } }).entries.fees_wan_yuan).toBe(12.000001)
    w.unmount()
  })

  it('says a year with nothing saved is a draft from last year, and shows the due date', async () => {
    answer(view([]))
    const w = mount(Reports, { global: { plugins: [ElementPlus], stubs: { ReportCharts: true } }, attachTo: document.body })
    await flushPromises()
    expect(w.find('[data-testid="report-draft"]').text()).toContain('取自2024年的报告')
    expect(w.find('[data-testid="report-due"]').text()).toContain('2025年度报告应于 2026年1月31日 前公布')
    expect(w.find('[data-testid="report-due"]').text()).toContain('还有 20 天')
    w.unmount()
  })

  it('一、总体情况 has five subheadings, prefilled by the ledger and saved as edited', async () => {
    const v = view([])
    invoke.mockImplementation(async (cmd: string) => (cmd === 'report_save_entries' ? v : cmd === 'report_view' ? v : cmd === 'report_deadline' ? deadline : charts))
    const w = mount(Reports, { global: { plugins: [ElementPlus], stubs: { ReportCharts: true } }, attachTo: document.body })
    await flushPromises()
    const text = document.body.textContent!
    const at = ['（一）主动公开', '（二）依申请公开', '（三）政府信息管理', '（四）政府信息公开平台建设', '（五）监督保障'].map((h) => text.indexOf(h))
    expect(at.every((i) => i >= 0)).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
    const active = w.find('[data-testid="report-overview-active"]')
    expect((active.element as HTMLTextAreaElement).value).toBe('2025年，本机关制发规章1件、行政规范性文件4件。')
    await w.find('[data-testid="report-overview-platform"]').setValue('门户网站改版上线。')
    active.element.closest('form')!.dispatchEvent(new Event('submit'))
    await flushPromises()
    const saved = invoke.mock.calls.find(([cmd]) => cmd === 'report_save_entries')!
    const sections = (saved[1] as { entries: { overview_sections: Record<string, string> } }).entries.overview_sections
    expect(sections.platform).toBe('门户网站改版上线。')
    expect(sections.requests).toBe('2025年，本机关新收政府信息公开申请27件。')
    // an older one-piece 总体情况 stays visible, to be moved under the headings
    expect((w.find('[data-testid="report-overview-legacy"]').element as HTMLTextAreaElement).value).toBe('2024年的总体情况')
    w.unmount()
  })

  it('opens on the year the ledger says is being prepared', async () => {
    const thisYear = new Date().getFullYear()
    answer(view([]))
    const answered = invoke.getMockImplementation()!
    invoke.mockImplementation(async (cmd: string, args?: unknown) =>
      cmd === 'report_deadline' ? { ...deadline, report_year: thisYear, preparing_year: thisYear } : answered(cmd, args),
    )
    const w = mount(Reports, { global: { plugins: [ElementPlus], stubs: { ReportCharts: true } }, attachTo: document.body })
    await flushPromises()
    const views = invoke.mock.calls.filter(([cmd]) => cmd === 'report_view')
    expect(views).toEqual([['report_view', { year: thisYear }]])
    w.unmount()
  })

  it('lists the unfilled sections and asks before saving the PDF', async () => {
    const v = view([])
    v.unfilled = ['一、总体情况（三）政府信息管理', '五、存在的主要问题及改进情况']
    answer(v)
    const answered = invoke.getMockImplementation()!
    invoke.mockImplementation(async (cmd: string, args?: unknown) =>
      cmd === 'report_preview' ? { title: '报告', blocks: [], footer_page_numbers: true } : cmd === 'report_save' ? '/home/clerk/报告.pdf' : answered(cmd, args),
    )
    const w = mount(Reports, { global: { plugins: [ElementPlus], stubs: { ReportCharts: true, DocPreview: true } }, attachTo: document.body })
    await flushPromises()
    await w.find('[data-testid="report-preview"]').trigger('click')
    await flushPromises()
    const last = (sel: string) => [...document.querySelectorAll(sel)].pop() as HTMLElement | undefined
    const savePdf = () => last('[data-testid="report-save-pdf"]')!.click()
    const boxes = () => document.querySelectorAll('.unfilled-confirm').length
    const box = async (n: number) => {
      await vi.waitFor(() => expect(boxes()).toBe(n))
      return last('.unfilled-confirm')!
    }
    // 返回填写: nothing is saved
    savePdf()
    await flushPromises()
    let b = await box(1)
    expect(b.textContent).toContain('一、总体情况（三）政府信息管理')
    expect(b.textContent).toContain('五、存在的主要问题及改进情况')
    expect(b.textContent).not.toContain('六、其他需要报告的事项')
    ;[...b.querySelectorAll('button')].find((x) => x.textContent?.includes('返回填写'))!.click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 50))
    expect(invoke.mock.calls.some(([cmd]) => cmd === 'report_save')).toBe(false)
    // 仍然导出: saved as asked
    savePdf()
    await flushPromises()
    b = await box(2)
    ;[...b.querySelectorAll('button')].find((x) => x.textContent?.includes('仍然导出'))!.click()
    await vi.waitFor(() => expect(invoke.mock.calls.some(([cmd]) => cmd === 'report_save')).toBe(true))
    expect(invoke).toHaveBeenCalledWith('report_save', { year: new Date().getFullYear() - 1, format: 'pdf', overrideReason: null, archive: false })
    w.unmount()
  })

  it('saves the PDF without asking when every section is filled', async () => {
    answer(view([]))
    const answered = invoke.getMockImplementation()!
    invoke.mockImplementation(async (cmd: string, args?: unknown) =>
      cmd === 'report_preview' ? { title: '报告', blocks: [], footer_page_numbers: true } : cmd === 'report_save' ? '/home/clerk/报告.pdf' : answered(cmd, args),
    )
    const w = mount(Reports, { global: { plugins: [ElementPlus], stubs: { ReportCharts: true, DocPreview: true } }, attachTo: document.body })
    await flushPromises()
    await w.find('[data-testid="report-preview"]').trigger('click')
    await flushPromises()
    const before = document.querySelectorAll('.unfilled-confirm').length
    ;([...document.querySelectorAll('[data-testid="report-save-pdf"]')].pop() as HTMLElement).click()
    await vi.waitFor(() => expect(invoke.mock.calls.some(([cmd]) => cmd === 'report_save')).toBe(true))
    expect(document.querySelectorAll('.unfilled-confirm').length).toBe(before)
    w.unmount()
  })
})
