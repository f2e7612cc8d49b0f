// The UI shell: navigation in Chinese, honest empty states, and 设置 reading the ledger over IPC.
import { describe, expect, it, vi, beforeEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import App from '../src/App.vue'
import { createAppRouter, NAV } from '../src/router'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }))

const LEDGER = { path: '/tmp/x/ledger.db', size_bytes: 4096 * 3, schema_version: 2, supported_version: 2, app_version: '0.1.0' }
const ADMIN = { id: 1, login: 'admin', name: '管理员甲', roles: ['Admin', 'Clerk'], enabled: true, must_change: false, locked_until: null }
const ORGAN = { organ_name: '某某区人民政府办公室', review_organ: '', court: '', departments: [{ id: 1, name: '信息中心', retired: false }, { id: 2, name: '旧科室', retired: true }] }

async function mountAt(path: string) {
  const router = createAppRouter(true)
  router.push(path)
  await router.isReady()
  const wrapper = mount(App, { global: { plugins: [router, [ElementPlus, { locale: zhCn }]] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

beforeEach(() => {
  invoke.mockReset()
  invoke.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
    if (cmd === 'ledger_info') return LEDGER
    if (cmd === 'organ_settings') return ORGAN
    if (cmd === 'save_organ_name') return { ...ORGAN, organ_name: args?.name }
    if (cmd === 'save_review_bodies') return { ...ORGAN, review_organ: args?.reviewOrgan, court: args?.court }
    if (cmd === 'calendar_rows') return []
    if (cmd === 'account_status') return { has_accounts: true, signed_in: ADMIN }
    if (cmd === 'security_settings') return { idle_lock_minutes: 15, reply_signoff: true }
    if (cmd === 'backups_list') return []
    throw { code: 'NotFound', message: `未知命令 ${cmd}` }
  })
})

describe('shell', () => {
  it('shows the six navigation entries in Chinese, in order', async () => {
    const w = await mountAt('/')
    const items = w.findAll('[data-nav]').map((e) => e.text())
    expect(items).toEqual(['工作台', '文件台账', '依申请公开', '工作要点', '年度报告', '设置'])
    expect(NAV.map((n) => n.title)).toEqual(items)
    expect(w.text()).toContain('政务公开台账')
  })

  it('设置 shows the ledger facts and the organ from IPC', async () => {
    const w = await mountAt('/settings')
    expect(invoke).toHaveBeenCalledWith('ledger_info', undefined)
    expect(w.find('[data-testid="schema-version"]').text()).toBe('2')
    expect(w.text()).toContain('/tmp/x/ledger.db')
    expect(w.text()).toContain('12.0 KB')
    const input = w.find('[data-testid="organ-name"]')
    expect((input.element as HTMLInputElement).value).toBe('某某区人民政府办公室')
    expect(w.text()).toContain('旧科室（点击恢复）')
  })

  it("设置 opens with the cursor in its tab's first field (机关名称 from 开始使用)", async () => {
    ;(document.activeElement as HTMLElement | null)?.blur()
    const w = await mountAt('/settings?tab=organ')
    await vi.waitFor(() => expect(document.activeElement?.closest('[data-testid="organ-name"]')).not.toBeNull(), { timeout: 3000, interval: 50 })
    w.unmount()
  })

  it('saving the organ name sends it over IPC', async () => {
    const w = await mountAt('/settings')
    await w.find('[data-testid="organ-name"]').setValue('新机关')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('save_organ_name', { name: '新机关' })
  })

  it('机关信息 saves the 复议机关 and the 人民法院 the 答复书 name', async () => {
    const w = await mountAt('/settings')
    expect(w.text()).toContain('复议机关未填写时不能出具答复书')
    await w.find('[data-testid="review-organ"]').setValue('长春市人民政府')
    await w.find('[data-testid="court"]').setValue('长春铁路运输法院')
    await w.find('form[data-testid="remedy-form"]').trigger('submit')
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('save_review_bodies', { reviewOrgan: '长春市人民政府', court: '长春铁路运输法院' })
    expect((w.find('[data-testid="review-organ"]').element as HTMLInputElement).value).toBe('长春市人民政府')
  })

  it('shows a Chinese error when the ledger cannot be read', async () => {
    invoke.mockImplementation(async () => {
      throw { code: 'Conflict', message: '该台账由更新版本的政务公开台账创建' }
    })
    const w = await mountAt('/settings')
    expect(w.text()).toContain('该台账由更新版本的政务公开台账创建')
  })
})
