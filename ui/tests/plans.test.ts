// 工作要点 in the window: the matrix colours each (task, unit) pair by its state and narrows to one
// unit's tasks; the import preview blocks saving while units are unknown until the clerk ticks
// "add them", and sends the previewed text back when confirming.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import PlanMatrix from '../src/components/plans/PlanMatrix.vue'
import PlanImport from '../src/components/plans/PlanImport.vue'
import type { PlanPair, PlanPreview, PlanTaskView, PlanView } from '../src/bindings'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }))
beforeEach(() => invoke.mockReset())

function pair(unit_name: string, state: PlanPair['state'], overdue = false): PlanPair {
  return { assignment_id: unit_name.length, unit_id: unit_name.length, unit_name, role: '责任', state, state_on: null, overdue, notes: [] }
}
function task(seq: number, title: string, pairs: PlanPair[]): PlanTaskView {
  return {
    id: seq, seq, part: '一、主动公开', label: '（一）', title, requirement: '', lead: '', responsible: pairs.map((p) => p.unit_name).join('、'),
    all_units: false, incomplete: false, deadline: '', due_on: '2021-12-31', report_subheading: '主动公开', pairs,
  }
}
const VIEW: PlanView = {
  year: 2021, doc_number: '某〔2021〕1号', title: '要点', header: '', footer: '', parts: ['一、主动公开'], imported_at: '', operator: '',
  tasks: [task(1, '公开预决算', [pair('财政局', 'Done'), pair('审计局', 'NotStarted', true)]), task(2, '办好网站', [pair('大数据局', 'InProgress')])],
}

describe('工作要点 matrix', () => {
  it('shows each pair in its state, flags the overdue one, and narrows to one unit', async () => {
    const w = mount(PlanMatrix, { props: { view: VIEW }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    const cell = (seq: number, unit: string) => w.find(`[data-testid="plan-cell-${seq}-${unit}"]`)
    expect(cell(1, '财政局').attributes('data-state')).toBe('Done')
    expect(cell(1, '财政局').text()).toBe('已完成')
    expect(cell(1, '审计局').classes()).toContain('overdue')
    expect(cell(1, '财政局').classes()).not.toContain('overdue')
    expect(cell(2, '大数据局').text()).toBe('推进中')
    // A unit's view: only its column and the tasks it owes.
    ;(w.vm as unknown as { unit: string }).unit = '大数据局'
    await flushPromises()
    expect(cell(2, '大数据局').exists()).toBe(true)
    expect(cell(1, '财政局').exists()).toBe(false)
    w.unmount()
  })
})

describe('工作要点 import', () => {
  it('blocks saving while units are unknown, then saves the previewed text with them added', async () => {
    const preview: PlanPreview = {
      text: '一、公开\n（一）任务\n责任单位：新局\n',
      year_taken: false,
      unknown_units: ['新局'],
      parsed: {
        layout: 'Text', doc_number: '', title: '', header: [], footer: [], unparsed: [],
        parts: [{ heading: '一、公开', intro: '' }],
        tasks: [{ part: 0, seq: 1, label: '（一）', title: '任务', requirement: '', deadline: '', line: 2,
          lead: { written: [], named: [], groups: [], and_others: false },
          responsible: { written: ['新局'], named: ['新局'], groups: [], and_others: false } }],
      },
    }
    invoke.mockImplementation(async (cmd: string) => {
      if (cmd === 'plan_preview_text') return preview
      if (cmd === 'plan_save') return { ...VIEW, tasks: [] }
      if (cmd === undefined) return undefined // a stray call the mocked module receives after unmount
      throw new Error('unexpected IPC ' + cmd)
    })
    const w = mount(PlanImport, { props: { year: 2021 }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await w.find('textarea[data-testid="plan-import-text"]').setValue(preview.text)
    await w.find('[data-testid="plan-import-parse"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="plan-preview-counts"]').text()).toBe('1 个部分、1 项任务')
    expect(w.find('[data-testid="plan-unknown-units"]').text()).toContain('新局')
    const confirm = () => w.find('[data-testid="plan-import-confirm"]')
    expect(confirm().attributes('disabled')).toBeDefined()
    await w.find('[data-testid="plan-add-units"] input').setValue(true)
    expect(confirm().attributes('disabled')).toBeUndefined()
    await confirm().trigger('click')
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('plan_save', { year: 2021, text: preview.text, sourceName: '粘贴文本', addUnits: true })
    expect(w.emitted('saved')).toBeTruthy()
    w.unmount()
  })
})
