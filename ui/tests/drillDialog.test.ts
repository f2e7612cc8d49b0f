// 年度报告's drill-down (issue 23, point 6): a click on a row opens the case (the request's detail
// in 依申请公开, the document's in 文件台账) and closes the list.
import { describe, expect, it, vi, beforeEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import DrillDialog from '../src/components/DrillDialog.vue'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }))

const REQUESTS = {
  title: '2025年 表三 （一）予以公开 · 自然人',
  requests: ['2025-0003', '2025-0007'].map((number) => ({
    number, applicant: '王**', applicant_type: '自然人', received_date: '2025-03-01', concluded_date: '2025-03-20', result: '予以公开',
  })),
  documents: [],
}
const DOCUMENTS = {
  title: '2025年 行政规范性文件 · 本年制发',
  requests: [],
  documents: [{ id: 7, doc_number: '某府规〔2025〕1号', title: '关于某事的规定', category: '行政规范性文件', published_on: '2025-02-01', repealed_on: null, valid_until: null }],
}

async function open(drill: unknown) {
  invoke.mockResolvedValue(drill)
  const Blank = { template: '<div />' }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ['/reports', '/requests', '/documents'].map((path) => ({ path, component: Blank })),
  })
  router.push('/reports')
  await router.isReady()
  const w = mount(DrillDialog, { props: { year: 2025, cell: null }, global: { plugins: [router, ElementPlus] }, attachTo: document.body })
  await w.setProps({ cell: { table: 'three', row: 'result:disclosed', column: 0 } })
  await flushPromises()
  return { w, router }
}

beforeEach(() => {
  invoke.mockReset()
  document.body.innerHTML = ''
})

describe('明细 (drill-down)', () => {
  it("opens a request's detail when its row is clicked, under a title that names the row once", async () => {
    const { w, router } = await open(REQUESTS)
    const title = document.querySelector('.el-dialog__title')!.textContent!
    expect(title).toBe('2025年 表三 （一）予以公开 · 自然人')
    expect(title.split('予以公开')).toHaveLength(2)
    const rows = document.querySelectorAll('[data-testid="drill-dialog"] .el-table__row')
    expect(rows).toHaveLength(2)
    ;(rows[1] as HTMLElement).click()
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/requests?number=2025-0007')
    w.unmount()
  })

  it("opens a document's detail in 文件台账", async () => {
    const { router } = await open(DOCUMENTS)
    ;(document.querySelector('[data-testid="drill-dialog"] .el-table__row') as HTMLElement).click()
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/documents?id=7')
  })
})
