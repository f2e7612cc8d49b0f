// The year-at-a-glance charts: drawn (SVG) from the ledger's series, with the totals in the titles;
// a click on a bar or a slice asks for the drill-down of that month or category.
import { describe, expect, it, vi } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import ReportCharts from '../src/components/ReportCharts.vue'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }))

const months = (m: number, n: number) => Array.from({ length: 12 }, (_, i) => (i === m - 1 ? n : 0))
const charts = {
  year: 2025,
  monthly: [
    { code: 'received', label: '收到申请', months: months(3, 4) },
    { code: 'concluded', label: '办结申请', months: months(4, 3) },
    { code: 'issued', label: '制发规章和行政规范性文件', months: months(5, 2) },
    { code: 'repealed', label: '废止规章和行政规范性文件', months: months(10, 1) },
  ],
  results: [
    { label: '（一）予以公开', value: 2, cell: { table: 'three', row: 'group:0', column: 6 } },
    { label: '（四）无法提供', value: 1, cell: { table: 'three', row: 'group:3', column: 6 } },
  ],
  applicants: [{ label: '自然人', value: 4, cell: { table: 'three', row: 'received', column: 0 } }],
}

describe('图表', () => {
  it('draws the four charts from the series and names the totals', async () => {
    invoke.mockImplementation(async (cmd: string) => (cmd === 'report_charts' ? charts : null))
    const w = mount(ReportCharts, { props: { year: 2025 }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('report_charts', { year: 2025 })
    for (const id of ['chart-requests', 'chart-results', 'chart-applicants', 'chart-documents']) {
      expect(w.find(`[data-testid="${id}"] svg`).exists(), id).toBe(true)
    }
    expect(w.text()).toContain('本年度办理结果（3 件）')
    expect(w.text()).toContain('本年新收申请的申请人类型（4 件）')
    w.unmount()
  })
})
