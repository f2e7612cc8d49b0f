// End-to-end: 告知书 in the real window. A request registered with the CLI gets a 登记回执 from its
// detail: the text comes filled from the ledger, the clerk's edit is what is issued, the letter is
// numbered and listed, and the ledger (read back with the CLI) has it on the timeline. Then 工作台's
// 待出具告知书 issues what is left in one batch.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { dirname, join } from 'node:path'
import { click, cliOn, closeApp, closeDrawers, shot, startApp, waitForTextOf } from './helpers.mjs'

const BIN = process.env.GONGKAI_BIN
// A ledger of its own: the requests it registers must not meet the other files' counts.
const DB = process.env.GONGKAI_DB && join(dirname(process.env.GONGKAI_DB), 'letters-e2e.db')
let s
let first
let second

const cli = cliOn(DB)

before(async () => {
  assert.ok(BIN && DB, 'GONGKAI_BIN and GONGKAI_DB must be set')
  const register = (name) =>
    cli('request', 'register', '--type', '自然人', '--name', name, '--channel', '当面', '--content', '申请公开某某街道老旧小区改造方案').trim().split('\n').pop().trim()
  first = register('信函测试甲')
  second = register('信函测试乙')
  s = await startApp(['--db', DB])
})

after(() => closeApp(s, 'letters.png'))

test('issues an edited 登记回执 from the request detail', async () => {
  await click(s, '[data-nav="依申请公开"]')
  await click(s, `[data-number="${first}"]`)
  // The request opens in the drawer; its letter buttons sit below the timeline.
  await waitForTextOf(s, '[data-testid="request-detail"]', (t) => t.includes('信函测试甲'))
  // Scrolled into view and clicked in the page: WebKitWebDriver's pointer can land on the drawer's
  // scroll container when the button sits below the fold.
  await s.waitFor('[data-letter="receipt"]')
  await s.execute("const b = document.querySelector('[data-letter=\"receipt\"]'); b.scrollIntoView({ block: 'center' }); b.click()")
  const [body] = await s.waitFor('textarea[data-testid="letter-body"]')
  const filled = await s.execute("return document.querySelector('textarea[data-testid=\"letter-body\"]').value")
  assert.ok(filled.includes(first) && filled.includes('当面'), filled)
  const preview = await s.waitForText('[data-testid="letter-preview"]')
  assert.ok(preview.includes('信函测试甲') && preview.includes('测试区人民政府办公室'), preview)
  await body.type('\n窗口补充的一段说明。')
  await shot(s, 'letter-dialog.png')
  await click(s, '[data-testid="letter-issue"]')
  const year = new Date().getFullYear()
  const list = await waitForTextOf(s, '[data-testid="letter-list"]', (t) => t.includes(`〔${year}〕`))
  assert.ok(list.includes('登记回执'), list)
  await waitForTextOf(s, '[data-testid="timeline"]', (t) => t.includes('出具登记回执'))

  const shown = cli('request', 'show', first)
  assert.ok(shown.includes('出具登记回执'), shown)
  cli('audit', 'verify')
})

test('工作台 lists the letters still due and issues them in one batch', async () => {
  await closeDrawers(s)
  await click(s, '[data-nav="工作台"]')
  const pending = await waitForTextOf(s, '[data-testid="pending-letters"]', (t) => t.includes(second))
  assert.ok(!pending.includes(first), 'the issued receipt is no longer due')
  await click(s, '[data-testid="pending-letters-issue"]')
  await click(s, '.el-message-box__btns .el-button--primary')
  await waitForTextOf(s, '[data-testid="pending-letters"]', (t) => t.includes('都已出具'))
  assert.ok(cli('request', 'show', second).includes('出具登记回执'))
})

test('the webview reported no errors', async () => {
  const errors = await s.execute('return window.__GONGKAI_ERRORS__ || null')
  assert.deepEqual(errors, [])
})
