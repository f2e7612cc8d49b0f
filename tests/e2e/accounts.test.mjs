// End-to-end: accounts in the real window (issue 17). On a ledger with accounts the window asks
// who is working; a 登记员 sees 批准延期 greyed out (the ledger would refuse it anyway), signs out;
// the 负责人 signs in and approves the extension the 登记员 proposed; the command line then shows
// the deadline's derivation naming the 负责人. 锁定 asks for the password again over the page and
// what was typed is still there afterwards; the 负责人 cannot change the 管理员's settings.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { clear, click, closeApp, closeDrawers, jsClick, shot, signIn, startApp, textOf, type, waitUntil } from './helpers.mjs'

const BIN = process.env.GONGKAI_BIN
// A ledger of its own: accounts must not reach the other files' ledgers.
const DB = process.env.GONGKAI_DB && join(dirname(process.env.GONGKAI_DB), 'accounts-e2e.db')
let s
let number

/** The command line on DB, as `user` (with its password) and with a new password when given. */
function cli(args, { user, password, newPassword } = {}) {
  const env = { ...process.env, GONGKAI_PASSWORD: password ?? '', GONGKAI_NEW_PASSWORD: newPassword ?? '' }
  const extra = user ? ['--user', user] : []
  return execFileSync(BIN, [...args, ...extra, '--db', DB], { encoding: 'utf8', env })
}

before(async () => {
  assert.ok(BIN && DB, 'GONGKAI_BIN and GONGKAI_DB must be set')
  cli(['user', 'add', 'admin', '--name', '管理员甲', '--role', '管理员'], { newPassword: 'admin-password' })
  const admin = { user: 'admin', password: 'admin-password' }
  cli(['user', 'add', 'wang', '--name', '王某', '--role', '登记员'], { ...admin, newPassword: 'password-1' })
  cli(['user', 'add', 'li', '--name', '李某', '--role', '负责人'], { ...admin, newPassword: 'password-2' })
  const wang = { user: 'wang', password: 'password-1' }
  number = cli(['request', 'register', '--type', '自然人', '--name', '账户测试', '--channel', '当面', '--content', '申请公开某道路工程的批复文件', '--other-id'], wang)
    .trim()
    .split('\n')
    .pop()
    .trim()
  cli(['request', 'event', number, '延期', '--workdays', '10', '--reason', '需要调取档案'], wang)
  s = await startApp(['--db', DB], { signIn: false })
})

after(() => closeApp(s, 'accounts.png'))

async function openRequest() {
  await click(s, '[data-nav="依申请公开"]')
  await click(s, `[data-number="${number}"]`)
  await s.waitFor('[data-testid="pending-extension"]')
}

test('a 登记员 signs in and sees 批准延期 greyed out', async () => {
  await shot(s, 'accounts-login.png')
  await signIn(s, 'wang', 'password-1')
  await openRequest()
  const disabled = await s.execute('return document.querySelector(\'[data-testid="approve-extension"]\').disabled')
  assert.equal(disabled, true)
  await shot(s, 'accounts-clerk.png')
})

test('the 负责人 signs in and approves; the derivation names the approver', async () => {
  await closeDrawers(s)
  await jsClick(s, '[data-testid="sign-out"]')
  await signIn(s, 'li', 'password-2')
  await openRequest()
  await jsClick(s, '[data-testid="approve-extension"]')
  await waitUntil('the proposal approved', async () => !(await s.execute('return !!document.querySelector(\'[data-testid="pending-extension"]\')')))
  const derivation = await s.waitForText('[data-testid="reply-derivation"]', (t) => t.includes('经负责人'))
  assert.ok(derivation.includes('李某（li）') && derivation.includes('同意延期 10 个工作日'), derivation)
  const shown = cli(['request', 'show', number])
  assert.ok(shown.includes('经负责人李某（li）'), shown)
  await shot(s, 'accounts-approved.png')
})

test('锁定 asks for the same account again and keeps what was typed', async () => {
  await closeDrawers(s)
  await click(s, '[data-nav="文件台账"]')
  // The 负责人 may not register: the button is greyed, naming the role. (The page loads on first visit.)
  await s.waitFor('[data-testid="doc-new"]')
  const needs = await s.execute('return document.querySelector(\'[data-testid="doc-new"]\').closest("[data-needs-role]")?.dataset.needsRole ?? ""')
  assert.equal(needs, 'Clerk')
  await click(s, '[data-nav="设置"]')
  await s.execute('for (const t of document.querySelectorAll(".el-tabs__item")) if (t.textContent.includes("机关信息")) t.click()')
  const note = await s.waitForText('[data-testid="role-gate"]')
  assert.ok(note.includes('需要管理员角色'), note)
  await s.execute('for (const t of document.querySelectorAll(".el-tabs__item")) if (t.textContent.includes("工作日历")) t.click()')
  await click(s, '[data-nav="依申请公开"]')
  // Something typed and not saved: the search box of the list.
  await type(s, '[data-testid="request-search"] input, input[data-testid="request-search"]', '未保存的查询词')
  await jsClick(s, '[data-testid="lock"]')
  await s.waitFor('[data-testid="locked-hint"]')
  const hint = await textOf(s, '[data-testid="locked-hint"]')
  assert.ok(hint.includes('李某（li）') && hint.includes('未保存的内容仍在'), hint)
  await shot(s, 'accounts-locked.png')
  // Locked, the ledger records nothing under the account: the command line is another matter, the window's handle is signed out.
  await type(s, '[data-testid="login-password"]', 'wrong-password')
  await jsClick(s, '[data-testid="login-submit"]')
  const refused = await s.waitForText('[data-testid="login-error"]')
  assert.ok(refused.includes('登录名或密码不正确'), refused)
  await clear(s, 'input[data-testid="login-password"]')
  await type(s, '[data-testid="login-password"]', 'password-2\uE007')
  await waitUntil('unlocked', async () => !(await s.execute('const d = document.querySelector(\'[data-testid="locked-hint"]\'); return !!d && d.offsetParent !== null')))
  const kept = await s.execute('const e = document.querySelector(\'[data-testid="request-search"] input, input[data-testid="request-search"]\'); return e ? e.value : null')
  assert.equal(kept, '未保存的查询词')
  assert.ok((await textOf(s, '[data-testid="account"]')).includes('李某（li）'))
})

