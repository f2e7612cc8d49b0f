// 年度报告: the tables come from IPC as counted by the ledger; the 勾稽 result is shown; a failed
// check asks for a reason before the PDF is requested.
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
      { label: '一、本年新收政府信息公开申请数量', numbers: [23, 1, 0, 0, 2, 1, 27] },
      { label: '（三）不予公开', numbers: null },
      { label: '四、结转下年度继续办理', numbers: [5, 0, 0, 0, 0, 0, 5] },
    ],
    failures: failures.map((message) => ({ message })),
    entries: { licensing: null, penalties: null, enforcement: null, fees_wan_yuan: null, overview: '', problems: '', other: '' },
  }
}

beforeEach(() => invoke.mockReset())

describe('年度报告', () => {
  it('shows the ledger figures and a passed check', async () => {
    invoke.mockResolvedValue(view([]))
    const w = mount(Reports, { global: { plugins: [ElementPlus] }, attachTo: document.body })
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
    invoke.mockResolvedValue(view(['“自然人”列：本年新收 1 + 上年结转 0 = 1，不等于办理结果总计 0 + 结转下年度 0 = 0']))
    const w = mount(Reports, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(w.find('[data-testid="report-check"]').text()).toContain('勾稽检查未通过')
    expect(w.text()).toContain('“自然人”列')
    w.unmount()
  })
})
