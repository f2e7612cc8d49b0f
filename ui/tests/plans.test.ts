// 工作要点 in the window: the matrix colours each (task, unit) pair by its state and narrows to one
// unit's tasks; the import preview blocks saving until each unknown unit is added (with a 类别) or
// mapped onto the register, and sends the previewed text and the choices back when confirming; the
// progress dialog sends an evidence file as bytes; 年度报告 section 一 offers the completed tasks;
// 单位名录 lists, filters, adds and retires units.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import PlanMatrix from '../src/components/plans/PlanMatrix.vue'
import PlanImport from '../src/components/plans/PlanImport.vue'
import ProgressDialog from '../src/components/plans/ProgressDialog.vue'
import PlanTasksOffer from '../src/components/plans/PlanTasksOffer.vue'
import UnitSettings from '../src/components/UnitSettings.vue'
import type { PlanPair, PlanPreview, PlanTaskView, PlanView, Unit, UnitInput } from '../src/bindings'

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
  it('blocks saving until each unknown unit is added (with its 类别) or mapped, then sends the choices', async () => {
    const preview: PlanPreview = {
      text: '一、公开\n（一）任务\n责任单位：新局、财政局\n',
      year_taken: false,
      unknown_units: ['新局', '财政局'],
      unknown_suggested: ['Department', 'Department'],
      parsed: {
        layout: 'Text', doc_number: '', title: '', header: [], footer: [], unparsed: [],
        parts: [{ heading: '一、公开', intro: '' }],
        tasks: [{ part: 0, seq: 1, label: '（一）', title: '任务', requirement: '', deadline: '', line: 2,
          lead: { written: [], named: [], groups: [], and_others: false },
          responsible: { written: ['新局', '财政局'], named: ['新局', '财政局'], groups: [], and_others: false } }],
      },
    }
    const register: Unit[] = [
      { id: 7, name: '区财政局', category: 'Department', contact: '', report_due: null, report_due_effective: '01-31', retired: false },
      { id: 8, name: '旧局', category: 'Department', contact: '', report_due: null, report_due_effective: '01-31', retired: true },
    ]
    invoke.mockImplementation(async (cmd: string) => {
      if (cmd === 'plan_preview_text') return preview
      if (cmd === 'units_list') return register
      if (cmd === 'plan_save') return { ...VIEW, tasks: [] }
      if (cmd === undefined) return undefined // a stray call the mocked module receives after unmount
      throw new Error('unexpected IPC ' + cmd)
    })
    const w = mount(PlanImport, { props: { year: 2021 }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await w.find('textarea[data-testid="plan-import-text"]').setValue(preview.text)
    await w.find('[data-testid="plan-import-parse"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="plan-preview-counts"]').text()).toBe('1 个部分、1 项任务')
    const unknown = w.find('[data-testid="plan-unknown-units"]')
    expect(unknown.text()).toContain('新局')
    const confirm = () => w.find('[data-testid="plan-import-confirm"]')
    // 财政局 is offered as 区财政局 (a retired unit never is); 新局 is still undecided.
    const choices = (w.vm as unknown as { choices: { name: string; action: string; category: string; mapTo: string }[] }).choices
    expect(choices.map((c) => [c.name, c.action, c.mapTo])).toEqual([['新局', '', ''], ['财政局', 'map', '区财政局']])
    expect(confirm().attributes('disabled')).toBeDefined()
    await w.find('[data-testid="plan-unknown-action-新局"] [data-action="add"] input').setValue(true)
    await flushPromises()
    expect(w.find('[data-testid="plan-unknown-category-新局"]').exists()).toBe(true)
    choices[0].category = 'Other'
    await flushPromises()
    expect(confirm().attributes('disabled')).toBeUndefined()
    await confirm().trigger('click')
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('plan_save', {
      year: 2021, text: preview.text, sourceName: '粘贴文本', addUnits: false,
      choices: [{ name: '新局', category: 'Other', map_to: '' }, { name: '财政局', category: 'Department', map_to: '区财政局' }],
    })
    expect(w.emitted('saved')).toBeTruthy()
    w.unmount()
  })
})

describe('登记进展 with an evidence file', () => {
  it('sends the picked file as bytes with the note and lists the stored file with 另存为', async () => {
    const t = VIEW.tasks[0]
    const withFile: PlanPair = {
      ...t.pairs[0],
      notes: [{ on_date: '2021-06-01', state: 'Done', note: '已公开', link: '', operator: '甲', recorded_at: '',
        evidence: { id: 42, file_name: '截图.png', sha256: 'a'.repeat(64), size_bytes: 2048, intact: true } }],
    }
    invoke.mockImplementation(async (cmd: string) => {
      if (cmd === 'plan_record_progress') return VIEW
      if (cmd === 'plan_evidence_save') return '/tmp/截图.png'
      if (cmd === undefined) return undefined
      throw new Error('unexpected IPC ' + cmd)
    })
    const w = mount(ProgressDialog, { props: { year: 2021, task: t, pair: null }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await w.setProps({ pair: withFile })
    await flushPromises()
    const input = document.querySelector('[data-testid="plan-progress-file"]') as HTMLInputElement
    const file = new File([new Uint8Array([1, 2, 3])], '公开截图.png', { type: 'image/png' })
    Object.defineProperty(input, 'files', { value: [file], configurable: true })
    input.dispatchEvent(new Event('change'))
    await flushPromises()
    expect(document.querySelector('[data-testid="plan-progress-picked"]')?.textContent).toContain('公开截图.png')
    ;(document.querySelector('[data-testid="plan-progress-save"]') as HTMLElement).click()
    await vi.waitFor(() => expect(invoke).toHaveBeenCalledWith('plan_record_progress', expect.objectContaining({ fileName: '公开截图.png', bytes: [1, 2, 3] })))
    expect(document.querySelector('[data-testid="plan-evidence-42"]')?.textContent).toContain('截图.png')
    ;(document.querySelector('[data-testid="plan-evidence-save-42"]') as HTMLElement).click()
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('plan_evidence_save', { id: 42 })
    w.unmount()
  })
})

describe('年度报告 section 一 offers the completed tasks', () => {
  it('inserts a task with what its units reported, and moves a task to another subheading', async () => {
    const done: PlanTaskView = {
      ...task(1, '公开预决算', [{ ...pair('财政局', 'Done'), notes: [{ on_date: '2021-06-01', state: 'Done', note: '预决算已在门户网站公开。', link: '', operator: '', recorded_at: '', evidence: null }] }]),
    }
    const w = mount(PlanTasksOffer, {
      props: { subheading: '主动公开', subheadings: ['主动公开', '依申请公开', '政府信息管理', '平台建设', '监督保障'], tasks: [done], text: '' },
      global: { plugins: [ElementPlus] },
    })
    expect(w.find('[data-testid="report-plan-offer-主动公开"]').text()).toContain('公开预决算')
    await w.find('[data-testid="report-plan-insert-1"]').trigger('click')
    expect(w.emitted('insert')?.[0]).toEqual(['公开预决算。财政局：预决算已在门户网站公开。'])
    await w.setProps({ text: '公开预决算。财政局：预决算已在门户网站公开。' })
    expect(w.find('[data-testid="report-plan-task-1"]').text()).toContain('已在文字中')
    expect(w.find('[data-testid="report-plan-insert-all-主动公开"]').attributes('disabled')).toBeDefined()
    ;(w.findComponent({ name: 'ElSelect' }).vm as unknown as { $emit: (e: string, v: string) => void }).$emit('update:modelValue', '监督保障')
    expect(w.emitted('move')?.[0]).toEqual([1, '监督保障'])
  })
})

describe('单位名录', () => {
  it('lists units with their 类别 and due date, greys and filters retired ones, adds and retires', async () => {
    const units: Unit[] = [
      { id: 1, name: '财政局', category: 'Department', contact: '张三', report_due: null, report_due_effective: '01-31', retired: false },
      { id: 2, name: '玉潭镇', category: 'Township', contact: '', report_due: '02-15', report_due_effective: '02-15', retired: false },
      { id: 3, name: '旧局', category: 'Department', contact: '', report_due: null, report_due_effective: '01-31', retired: true },
    ]
    invoke.mockImplementation(async (cmd: string, args: { input?: UnitInput; id?: number; retired?: boolean }) => {
      if (cmd === 'units_list') return units
      if (cmd === 'unit_add') return [...units, { id: 4, name: args.input!.name, category: args.input!.category, contact: '', report_due: null, report_due_effective: null, retired: false }]
      if (cmd === 'unit_set_retired') return units.map((u) => (u.id === args.id ? { ...u, retired: !!args.retired } : u))
      if (cmd === undefined) return undefined
      throw new Error('unexpected IPC ' + cmd)
    })
    const w = mount(UnitSettings, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    const table = () => w.find('[data-testid="unit-table"]').text()
    expect(table()).toContain('1月31日（默认）')
    expect(table()).toContain('2月15日')
    expect(table()).toContain('乡镇街道')
    expect(w.find('[data-testid="unit-row-旧局"]').attributes('data-retired')).toBe('true')
    expect(w.findAll('.retired-row').length).toBe(1)
    ;(w.vm as unknown as { status: string }).status = 'retired'
    await flushPromises()
    expect(table()).toContain('旧局')
    expect(table()).not.toContain('财政局')
    ;(w.vm as unknown as { status: string }).status = 'active'
    await flushPromises()
    expect(table()).not.toContain('旧局')
    await w.find('[data-testid="unit-add"]').trigger('click')
    await flushPromises()
    const name = document.querySelector('input[data-testid="unit-name"]') as HTMLInputElement
    name.value = '其他办'
    name.dispatchEvent(new Event('input'))
    ;(document.querySelector('[data-testid="unit-category"] [data-category="Other"] input') as HTMLInputElement).click()
    await flushPromises()
    ;(document.querySelector('[data-testid="unit-save"]') as HTMLElement).click()
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('unit_add', { input: { name: '其他办', category: 'Other', contact: '', report_due: '' } })
    expect(table()).toContain('其他办')
    expect(w.emitted('changed')).toBeTruthy()
    // 停用 asks first, then retires (never deletes).
    await w.find('[data-testid="unit-retire-财政局"]').trigger('click')
    await flushPromises()
    expect(invoke).not.toHaveBeenCalledWith('unit_set_retired', expect.anything())
    const sure = [...document.querySelectorAll('.el-popconfirm button')].find((b) => b.textContent?.includes('停用')) as HTMLElement
    sure.click()
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('unit_set_retired', { id: 1, retired: true })
    w.unmount()
  })
})
