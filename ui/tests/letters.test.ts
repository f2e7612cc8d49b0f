// 告知书 in the window: the helpers that mirror how the PDF reads a body, the template editor's
// warning about an unknown placeholder (the ledger refuses it too), and the letter dialog's
// round trip: draft from IPC, the clerk's edit sent back when issuing.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { paragraphs, placeholdersIn, unknownPlaceholders } from '../src/letters'
import LetterSettings from '../src/components/LetterSettings.vue'
import LetterPanel from '../src/components/LetterPanel.vue'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }))
beforeEach(() => invoke.mockReset())

describe('letter helpers', () => {
  it('reads paragraphs and placeholders as the ledger does', () => {
    expect(paragraphs('  第一段\n\n\u3000\u3000第二段  \n')).toEqual(['第一段', '第二段'])
    expect(placeholdersIn('{申请人}：于{收到日期}…{答复说明?}')).toEqual(['申请人', '收到日期', '答复说明'])
    expect(unknownPlaceholders('{申请人}{截止日期}{截止日期}', ['申请人'])).toEqual(['截止日期'])
  })
})

const template = { title: '政府信息公开申请登记回执', addressee: '{申请人}：', body: '您于{收到日期}提交的申请已收到。' }
const settingsView = {
  settings: { number_pattern: '{机关代字}〔{year}〕{seq}号', fee_payment_workdays: 20, organ_code: '', seal_circle: false },
  templates: [{ key: 'receipt', kind: 'receipt', name: '登记回执', template, customized: false, default: template }],
  placeholders: [
    { name: '申请人', meaning: '申请人姓名或名称' },
    { name: '收到日期', meaning: '收到申请之日' },
  ],
}

describe('设置 → 告知书', () => {
  it('warns about an unknown placeholder and saves the edited template', async () => {
    invoke.mockImplementation(async (cmd: string, args: Record<string, unknown>) => {
      if (cmd === 'letter_settings') return settingsView
      if (cmd === 'letter_save_template') return { ...settingsView.templates[0], template: args.template, customized: true }
      if (cmd === undefined) return undefined // a stray call the mocked module receives after unmount
      throw new Error('unexpected IPC ' + String(cmd))
    })
    const w = mount(LetterSettings, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    const body = w.find('[data-testid="template-body"]')
    expect((body.element as HTMLTextAreaElement).value).toBe(template.body)
    await body.setValue('请于{截止日期}前领取。')
    expect(w.find('[data-testid="template-unknown"]').text()).toContain('{截止日期}')
    await body.setValue('{申请人}的申请已收到。')
    expect(w.find('[data-testid="template-unknown"]').exists()).toBe(false)
    await w.find('[data-testid="template-save"]').trigger('click')
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('letter_save_template', {
      key: 'receipt',
      template: { ...template, body: '{申请人}的申请已收到。' },
    })
    w.unmount()
  })
})

describe('出具告知书', () => {
  it('issues the text the clerk edited', async () => {
    const draft = {
      kind: 'receipt',
      kind_label: '登记回执',
      template_key: 'receipt',
      template_name: '登记回执',
      request_number: '2025-0001',
      letter_number: '〔2025〕3号',
      organ: '',
      date: '2025-03-04',
      text: { title: '政府信息公开申请登记回执', addressee: '王小明：', body: '您的申请已收到。\n特此回执。' },
    }
    invoke.mockImplementation(async (cmd: string) => {
      if (cmd === 'letter_list') return []
      if (cmd === 'letter_options')
        return [
          { kind: 'receipt', label: '登记回执', refused: null },
          { kind: 'correction_notice', label: '补正告知书', refused: '该申请当前为“办理中”，没有待补正的事项' },
          { kind: 'disclosure_decision', label: '公开决定告知书', refused: null },
          { kind: 'agency_consultation', label: '征求其他机关意见函', refused: '该申请没有正在进行的征求其他机关意见' },
          { kind: 'reasons_request', label: '说明理由通知书', refused: null },
          { kind: 'reply', label: '答复书', refused: '该申请当前为“办理中”，尚未答复或办结' },
        ]
      if (cmd === 'letter_draft') return draft
      if (cmd === 'letter_issue')
        return { id: 1, request_number: '2025-0001', kind: 'receipt', kind_label: '登记回执', letter_number: '〔2025〕3号', title: draft.text.title, issued_date: '2025-03-04', operator: '张三', attachment_id: 9 }
      if (cmd === undefined) return undefined // a stray call the mocked module receives after unmount
      throw new Error('unexpected IPC ' + String(cmd))
    })
    const w = mount(LetterPanel, { props: { number: '2025-0001', version: 1 }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(w.text()).toContain('尚未出具告知书')
    // The menu offers every kind the ledger knows, the three of issue 18 included.
    const kinds = w.findAll('[data-testid="letter-new"] [data-letter]').map((b) => b.text())
    for (const k of ['公开决定告知书', '征求其他机关意见函', '说明理由通知书', '登记回执', '答复书']) expect(kinds).toContain(k)
    // A kind the request's state refuses now is greyed out, with the ledger's reason to hover.
    const button = (k: string) => w.find(`[data-letter="${k}"]`).element as HTMLButtonElement
    expect(button('reply').disabled).toBe(true)
    expect(w.find('[data-refused*="尚未答复或办结"] [data-letter="reply"]').exists()).toBe(true)
    expect(button('correction_notice').disabled).toBe(true)
    expect(button('receipt').disabled).toBe(false)
    await (w.vm as unknown as { open: (k: string) => Promise<void> }).open?.('receipt')
    await flushPromises()
    const body = document.querySelector('[data-testid="letter-body"]') as HTMLTextAreaElement
    expect(body.value).toBe(draft.text.body)
    body.value = '您的申请已收到，请保持电话畅通。\n特此回执。'
    body.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(document.querySelector('[data-testid="letter-preview"]')!.textContent).toContain('【机关名称未设置】')
    ;(document.querySelector('[data-testid="letter-issue"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('letter_issue', {
      number: '2025-0001',
      kind: 'receipt',
      text: { title: draft.text.title, addressee: '王小明：', body: '您的申请已收到，请保持电话畅通。\n特此回执。' },
    })
    w.unmount()
  })
})
