import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { passwordProblem, startIdleLock } from '../src/accounts'

describe('idle lock', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('locks after the set minutes without activity, and activity resets the clock', () => {
    const target = new EventTarget() as unknown as Window
    const onIdle = vi.fn()
    const stop = startIdleLock(() => 15, () => true, onIdle, target)
    vi.advanceTimersByTime(14 * 60_000)
    expect(onIdle).not.toHaveBeenCalled()
    target.dispatchEvent(new Event('keydown'))
    vi.advanceTimersByTime(14 * 60_000)
    expect(onIdle).not.toHaveBeenCalled()
    vi.advanceTimersByTime(60_000 + 15_000)
    expect(onIdle).toHaveBeenCalledTimes(1)
    // Once locked, the clock starts again rather than firing every check.
    vi.advanceTimersByTime(60_000)
    expect(onIdle).toHaveBeenCalledTimes(1)
    stop()
    vi.advanceTimersByTime(60 * 60_000)
    expect(onIdle).toHaveBeenCalledTimes(1)
  })

  it('does not lock while nobody is signed in, and follows a changed setting', () => {
    const target = new EventTarget() as unknown as Window
    const onIdle = vi.fn()
    let armed = false
    let minutes = 15
    const stop = startIdleLock(() => minutes, () => armed, onIdle, target)
    vi.advanceTimersByTime(30 * 60_000)
    expect(onIdle).not.toHaveBeenCalled()
    armed = true
    minutes = 2
    vi.advanceTimersByTime(2 * 60_000 + 15_000)
    expect(onIdle).toHaveBeenCalledTimes(1)
    stop()
  })
})

describe('new password', () => {
  it('asks for matching passwords and leaves the rest to the ledger', () => {
    expect(passwordProblem('wang', '', '')).toBe('请填写密码')
    expect(passwordProblem('wang', 'password-1', 'password-2')).toBe('两次输入的密码不一致')
    expect(passwordProblem('wang', 'short', 'short')).toBe('')
  })
})

// ---- the shell: first 管理员, login, lock ----
import { mount, flushPromises } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import App from '../src/App.vue'
import { createAppRouter } from '../src/router'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }))

const LI = { id: 2, login: 'li', name: '李某', roles: ['Head'], enabled: true, must_change: false, locked_until: null }

/** The account dialogs are async chunks (issue 22): wait for their import, then for the render. */
async function settle() {
  for (let i = 0; i < 3; i++) {
    await vi.dynamicImportSettled()
    await flushPromises()
  }
}

async function mountApp() {
  document.body.innerHTML = ''
  const router = createAppRouter(true)
  router.push('/reports')
  await router.isReady()
  const w = mount(App, { global: { plugins: [router, [ElementPlus, { locale: zhCn }]], stubs: { RouterView: true } }, attachTo: document.body })
  await settle()
  return w
}

function type(sel: string, value: string) {
  const el = document.querySelector(sel) as HTMLElement
  const input = (el.tagName === 'INPUT' ? el : el.querySelector('input')) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
}

async function click(sel: string) {
  ;(document.querySelector(sel) as HTMLElement).click()
  await settle()
}

describe('the window and accounts', () => {
  beforeEach(() => {
    invoke.mockReset()
  })

  it('a ledger without accounts asks for its first 管理员, who holds 管理员 and is signed in', async () => {
    const admin = { id: 1, login: 'zhang', name: '张三', roles: ['Clerk', 'Admin'], enabled: true, must_change: false, locked_until: null }
    invoke.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
      if (cmd === 'account_status') return { has_accounts: false, signed_in: null }
      if (cmd === 'security_settings') return { idle_lock_minutes: 15, reply_signoff: true }
      if (cmd === 'account_create_first') {
        if ((args!.password as string).length < 8) throw { code: 'Validation', message: '密码至少要 8 个字符' }
        return { has_accounts: true, signed_in: admin }
      }
      throw { code: 'NotFound', message: `未知命令 ${cmd}` }
    })
    const w = await mountApp()
    const dialog = document.querySelector('[data-testid="first-account-dialog"]') as HTMLElement
    expect(dialog.textContent).toContain('必须有管理员角色')
    expect(dialog.querySelector('.el-dialog__headerbtn')).toBeNull() // cannot be dismissed
    type('[data-testid="first-login"]', 'zhang')
    type('[data-testid="first-name"]', '张三')
    type('[data-testid="first-password"]', 'short')
    type('[data-testid="first-again"]', 'other')
    await settle()
    await click('[data-testid="first-submit"]')
    expect(document.querySelector('[data-testid="first-error"]')!.textContent).toContain('两次输入的密码不一致')
    expect(invoke).not.toHaveBeenCalledWith('account_create_first', expect.anything())
    type('[data-testid="first-again"]', 'short')
    await settle()
    await click('[data-testid="first-submit"]')
    expect(document.querySelector('[data-testid="first-error"]')!.textContent).toContain('密码至少要 8 个字符')
    type('[data-testid="first-password"]', 'long-enough-1')
    type('[data-testid="first-again"]', 'long-enough-1')
    await settle()
    await click('[data-testid="first-submit"]')
    expect(invoke).toHaveBeenCalledWith('account_create_first', { login: 'zhang', name: '张三', roles: ['Admin', 'Clerk'], password: 'long-enough-1' })
    expect(w.find('[data-testid="account"]').text()).toBe('张三（zhang）')
    w.unmount()
  })

  it('a ledger with accounts asks who is working, refuses a wrong password in Chinese, then shows the account', async () => {
    invoke.mockImplementation(async (cmd: string, args?: { login: string; password: string }) => {
      if (cmd === 'account_status') return { has_accounts: true, signed_in: null }
      if (cmd === 'security_settings') return { idle_lock_minutes: 15, reply_signoff: true }
      if (cmd === 'account_sign_in') {
        if (args!.password !== 'password-2') throw { code: 'Forbidden', message: '登录名或密码不正确' }
        return { has_accounts: true, signed_in: LI }
      }
      if (cmd === 'account_sign_out') return { has_accounts: true, signed_in: null }
      throw { code: 'NotFound', message: `未知命令 ${cmd}` }
    })
    const w = await mountApp()
    expect(document.querySelector('[data-testid="first-account-dialog"] input')).toBeNull()
    type('[data-testid="login-name"]', 'li')
    type('[data-testid="login-password"]', 'wrong-one')
    await settle()
    await click('[data-testid="login-submit"]')
    expect(document.querySelector('[data-testid="login-error"]')!.textContent).toContain('登录名或密码不正确')
    type('[data-testid="login-password"]', 'password-2')
    await settle()
    await click('[data-testid="login-submit"]')
    expect(invoke).toHaveBeenCalledWith('account_sign_in', { login: 'li', password: 'password-2' })
    expect(w.find('[data-testid="account"]').text()).toBe('李某（li）')
    await w.find('[data-testid="sign-out"]').trigger('click')
    await settle()
    expect(w.find('[data-testid="account"]').text()).toBe('未登录')
    w.unmount()
  })

  it('锁定 signs the account out in the ledger and asks for the same account again over the page', async () => {
    let signedIn: typeof LI | null = LI
    invoke.mockImplementation(async (cmd: string, args?: { login: string; password: string }) => {
      if (cmd === 'account_status') return { has_accounts: true, signed_in: signedIn }
      if (cmd === 'security_settings') return { idle_lock_minutes: 15, reply_signoff: true }
      if (cmd === 'account_sign_out') return { has_accounts: true, signed_in: (signedIn = null) }
      if (cmd === 'account_sign_in') return { has_accounts: true, signed_in: (signedIn = LI) }
      throw { code: 'NotFound', message: `未知命令 ${cmd}` }
    })
    const w = await mountApp()
    expect(w.find('[data-testid="account"]').text()).toBe('李某（li）')
    await w.find('[data-testid="lock"]').trigger('click')
    await settle()
    expect(invoke).toHaveBeenCalledWith('account_sign_out', undefined)
    const hint = document.querySelector('[data-testid="locked-hint"]')!
    expect(hint.textContent).toContain('李某（li）')
    expect(hint.textContent).toContain('未保存的内容仍在')
    const field = document.querySelector('[data-testid="login-name"]') as HTMLElement
    const login = (field.tagName === 'INPUT' ? field : field.querySelector('input')) as HTMLInputElement
    expect(login.value).toBe('li')
    expect(login.disabled).toBe(true)
    type('[data-testid="login-password"]', 'password-2')
    await settle()
    await click('[data-testid="login-submit"]')
    expect(invoke).toHaveBeenCalledWith('account_sign_in', { login: 'li', password: 'password-2' })
    expect(w.find('[data-testid="account"]').text()).toBe('李某（li）')
    w.unmount()
  })
})
