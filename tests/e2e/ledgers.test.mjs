// End-to-end: 设置 → 关于 says where things are, and the window opens other ledgers. It creates a
// new ledger through 新建台账 (GONGKAI_LEDGER_DIALOG, set by run.sh, answers the native dialog),
// which asks for its first 管理员; the command line gives it an account and writes a request into
// it; a new window (started on the run's own ledger, GONGKAI_DB winning over the remembered one)
// opens it through 打开其他台账, signs in there and shows that request.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { TESTER, clickText, cliOn, closeApp, ensureTester, jsClick, shot, signIn, startApp, waitForTextOf, waitUntil } from './helpers.mjs'

const DB = process.env.GONGKAI_DB
const SECOND = process.env.GONGKAI_LEDGER_DIALOG
const CONFIG = process.env.GONGKAI_CONFIG_DIR
let s

/** Marks the page, runs `act` (which switches ledger), and waits until the window has reloaded. */
async function reloadsAfter(act) {
  await s.execute('window.__beforeSwitch = true')
  await act()
  await waitUntil('the page reloaded on the other ledger', async () => !(await s.execute('return !!window.__beforeSwitch')), 60000)
}

async function openAbout() {
  await jsClick(s, '[data-nav="设置"]')
  await s.waitFor('.el-tabs__item')
  await s.execute('for (const t of document.querySelectorAll(".el-tabs__item")) if (t.textContent.includes("关于")) t.click()')
  return waitForTextOf(s, '[data-testid="about-ledger-path"]', (t) => t.length > 0)
}

before(async () => {
  assert.ok(DB && SECOND && CONFIG, 'run.sh sets GONGKAI_DB, GONGKAI_LEDGER_DIALOG and GONGKAI_CONFIG_DIR')
  rmSync(SECOND, { force: true })
  s = await startApp()
})

after(() => closeApp(s, 'ledgers-last.png'))

test('关于 shows the version, the ledger, its backups and config folders, and the fonts', async () => {
  assert.equal(await openAbout(), DB)
  const version = execFileSync(process.env.GONGKAI_BIN, ['--version'], { encoding: 'utf8' }).trim().replace(/^gongkai /, '')
  assert.equal((await waitForTextOf(s, '[data-testid="about-version"]', (t) => t.length > 0)).trim(), version)
  assert.equal((await waitForTextOf(s, '[data-testid="about-backups"]', (t) => t.length > 0)).trim(), join(DB, '..', 'backups'))
  assert.equal((await waitForTextOf(s, '[data-testid="about-config"]', (t) => t.length > 0)).trim(), CONFIG)
  const about = await waitForTextOf(s, '[data-testid="about"]', (t) => t.includes('Noto Serif CJK SC'))
  assert.ok(about.includes('GONGKAI_DB'), `says why this ledger is open: ${about}`)
})

test('新建台账 creates an empty ledger, the window changes to it and asks for its first 管理员', async () => {
  await reloadsAfter(async () => {
    await clickText(s, '[data-testid="ledger-create"]', '新建台账')
    await clickText(s, '.el-message-box__btns button', '选择保存位置')
    await waitForTextOf(s, '.el-message', (t) => t.includes('已新建并打开台账'))
  })
  // The page reloads on the new ledger, which has no accounts yet.
  await s.waitFor('[data-testid="first-account-dialog"] input', 60000)
  assert.ok(existsSync(SECOND), 'the ledger file was created')
  assert.equal(await openAbout(), SECOND)
  const remembered = JSON.parse(readFileSync(join(CONFIG, 'workstation.json'), 'utf8'))
  assert.equal(remembered.last_ledger, SECOND, 'remembered for the next start')
})

test('a new window opens the second ledger from 关于 and shows its data', async () => {
  // Written outside the window, into the second ledger only.
  ensureTester(SECOND)
  cliOn(SECOND)('request', 'register', '--type', '自然人', '--name', '第二台账申请人', '--channel', '当面',
    '--received', '2025-03-03', '--content', '只在第二本台账中的申请')
  await closeApp(s)
  s = await startApp()
  assert.equal(await openAbout(), DB, 'GONGKAI_DB keeps priority over the remembered ledger')
  await jsClick(s, '[data-nav="依申请公开"]')
  await new Promise((r) => setTimeout(r, 1000))
  assert.ok(!(await s.execute('return document.body.textContent')).includes('第二台账申请人'), 'not in the run ledger')
  await openAbout()
  await reloadsAfter(async () => {
    await clickText(s, '[data-testid="ledger-open"]', '打开其他台账')
    await waitForTextOf(s, '.el-message', (t) => t.includes('已打开台账'))
  })
  // The second ledger has accounts of its own: the reloaded window asks to sign in there.
  await signIn(s, TESTER.login, TESTER.password)
  assert.equal(await openAbout(), SECOND)
  await jsClick(s, '[data-nav="依申请公开"]')
  await waitForTextOf(s, '.el-table', (t) => t.includes('第二台账申请人'))
  await shot(s, 'second-ledger-requests.png')
  // Back to the run's ledger, so that later test files find the window where they left it.
  await closeApp(s)
  s = null
})
