// 年度报告 → 汇总 in the window: 报送情况 shows each unit's state and days left; a number of the
// district's table opens the units behind it with their own figures (zero contributions left out).
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import Consolidation from '../src/components/reports/Consolidation.vue'
import type { Consolidation as View, Unit, UnitStatus } from '../src/bindings'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }))
beforeEach(() => invoke.mockReset())

function unit(id: number, name: string): Unit {
  return { id, name, category: 'Department', contact: '', report_due: null, report_due_effective: '01-31', retired: false }
}
function status(u: Unit, state: UnitStatus['state'], label: string, days_left: number | null): UnitStatus {
  return { unit: u, state, label, submitted_on: state === 'Missing' ? null : '2026-01-20', due: '2026-01-31', days_left, days_text: days_left === null ? '' : `已逾期 ${-days_left} 天`, submissions: state === 'Missing' ? 0 : 1 }
}
const header = ['申请人情况', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']
const rowsOf = (n: number[]) => [['2025年政府信息公开工作年度报告'], header, ['一、本年新收政府信息公开申请数量', ...n.map(String)]]
const VIEW = {
  year: 2025,
  statuses: [status(unit(1, '财政局'), 'OnTime', '已报送（2026-01-20）', null), status(unit(2, '教育局'), 'Late', '逾期报送（2026-02-03）', null), status(unit(3, '城关镇'), 'Missing', '未报送', -3)],
  rows: rowsOf([3, 1, 0, 0, 0, 0, 4]),
  failures: [],
  contributions: [
    { unit: '财政局', submitted_on: '2026-01-20', totals: { received: 3, carried_in: 0, concluded: 3, carried_out: 0, reconsideration: 0, litigation: 0 }, rows: rowsOf([3, 0, 0, 0, 0, 0, 3]), accept_reason: null },
    { unit: '教育局', submitted_on: '2026-02-03', totals: { received: 1, carried_in: 0, concluded: 1, carried_out: 0, reconsideration: 0, litigation: 0 }, rows: rowsOf([0, 1, 0, 0, 0, 0, 1]), accept_reason: null },
  ],
  history: [],
} as unknown as View

describe('汇总', () => {
  it('lists each unit with its state and drills from a number to the units behind it', async () => {
    invoke.mockImplementation(async (cmd: string) => {
      if (cmd === 'consolidation_view') return VIEW
      return null
    })
    const w = mount(Consolidation, { props: { year: 2025 }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    const state = (u: string) => w.find(`[data-testid="submission-state"][data-unit="${u}"]`)
    expect(state('城关镇').attributes('data-state')).toBe('Missing')
    expect(state('城关镇').text()).toBe('未报送')
    expect(state('教育局').text()).toBe('逾期报送（2026-02-03）')
    expect(w.find('[data-testid="submission-status"]').text()).toContain('已逾期 3 天')
    expect(w.find('[data-testid="submission-reminder"]').text()).toContain('（1）')

    // 总计 of 一、本年新收: both units; 商业企业: only 教育局.
    await w.find('[data-cell="2:7"]').trigger('click')
    await flushPromises()
    const drill = () => document.body.querySelector('[data-testid="consolidation-drill"]')?.textContent ?? ''
    expect(drill()).toContain('财政局')
    expect(drill()).toContain('教育局')
    ;(w.vm as unknown as { drillCell: { r: number; c: number } | null }).drillCell = { r: 2, c: 2 }
    await flushPromises()
    expect(drill()).toContain('教育局')
    expect(drill()).not.toContain('财政局')
    w.unmount()
  })

  it('asks for a reason when a file fails the 勾稽 check, and imports it with the reason given', async () => {
    const calls: Record<string, unknown>[] = []
    invoke.mockImplementation(async (cmd: string, args: Record<string, unknown>) => {
      if (cmd === 'consolidation_view') return VIEW
      if (cmd !== 'submission_import') return null
      calls.push(args)
      const input = args.input as { accept_reason: string | null }
      if (input.accept_reason === null) {
        throw { code: 'Validation', message: '“财政局”2025年的报送表有 1 项勾稽检查未通过，未导入：“自然人”列：一、本年新收 4 + 二、上年结转 0 = 4，不等于（七）总计 3 + 四、结转下年度继续办理 0 = 3' }
      }
      return { submission: { unit: '财政局', year: 2025, warnings: [], failures: ['x'] }, replaced: null }
    })
    const w = mount(Consolidation, { props: { year: 2025 }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    ;(w.vm as unknown as { unit: string }).unit = '财政局'
    const file = new File([new Uint8Array([80, 75, 3, 4])], '财政局.xlsx')
    const input = w.find('[data-testid="submission-file"]').element as HTMLInputElement
    Object.defineProperty(input, 'files', { value: [file], configurable: true })
    await w.find('[data-testid="submission-file"]').trigger('change')
    await vi.waitFor(() => expect(document.body.querySelector('.submission-refused input')).not.toBeNull())
    expect(document.body.querySelector('.submission-refused')?.textContent).toContain('“自然人”列')
    const reason = document.body.querySelector('.submission-refused input') as HTMLInputElement
    reason.value = '已电话核实'
    reason.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(document.body.querySelector('.submission-refused .el-button--primary') as HTMLButtonElement).click()
    await vi.waitFor(() => expect(calls.length).toBe(2))
    expect((calls[0].input as { accept_reason: string | null }).accept_reason).toBeNull()
    expect(calls[1].input).toMatchObject({ unit: '财政局', year: 2025, source_name: '财政局.xlsx', accept_reason: '已电话核实' })
    expect(calls[1].bytes).toEqual([80, 75, 3, 4])
    w.unmount()
  })

  it('adds a unit to the register from 添加单位 and lists it', async () => {
    const added: unknown[] = []
    let view = VIEW
    invoke.mockImplementation(async (cmd: string, args: Record<string, unknown>) => {
      if (cmd === 'consolidation_view') return view
      if (cmd === 'unit_add') {
        added.push(args.input)
        view = { ...VIEW, statuses: [...VIEW.statuses, status(unit(4, '新区局'), 'Missing', '未报送', 10)] } as View
        return []
      }
      return null
    })
    const w = mount(Consolidation, { props: { year: 2025 }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    ;(w.vm as unknown as { newUnit: { name: string; category: string; report_due: string } }).newUnit = { name: '新区局', category: 'Other', report_due: '03-31', contact: '' } as never
    ;(w.vm as unknown as { addUnit: () => Promise<void> }).addUnit()
    await flushPromises()
    expect(added).toEqual([{ name: '新区局', category: 'Other', report_due: '03-31', contact: '' }])
    expect(w.find('[data-testid="submission-state"][data-unit="新区局"]').text()).toBe('未报送')
    w.unmount()
  })
})
