// End-to-end (issue 23): a new ledger without 机关名称 shows 开始使用 on 工作台; issuing a letter is
// refused, naming the setting; 机关名称 typed into the checklist ticks its item, and the same letter
// is then issued and numbered.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { dirname, join } from 'node:path'
import { click, cliOn, closeApp, closeDrawers, ensureTester, shot, startApp, type, waitForTextOf, waitUntil } from './helpers.mjs'

const BIN = process.env.GONGKAI_BIN
// A ledger of its own: empty but for the test account and one request.
const DB = process.env.GONGKAI_DB && join(dirname(process.env.GONGKAI_DB), 'firststart-e2e.db')
let s
let number

const cli = cliOn(DB)

before(async () => {
  assert.ok(BIN && DB, 'GONGKAI_BIN and GONGKAI_DB must be set')
  ensureTester(DB)
  // The harness names an organ for every ledger; this one starts as a new office's would.
  cli('settings', 'set', '机关名称', '')
  assert.ok(cli('settings', 'list').includes('机关名称=\n'))
  number = cli('request', 'register', '--type', '自然人', '--name', '首次使用甲', '--channel', '当面', '--content', '申请公开某某规划批复')
    .trim()
    .split('\n')
    .pop()
    .trim()
  s = await startApp(['--db', DB])
})

after(() => closeApp(s, 'firststart.png'))

async function openReceipt() {
  await click(s, '[data-nav="依申请公开"]')
  await click(s, `[data-number="${number}"]`)
  await waitForTextOf(s, '[data-testid="request-detail"]', (t) => t.includes('首次使用甲'))
  await s.waitFor('[data-letter="receipt"]')
  await s.execute("const b = document.querySelector('[data-letter=\"receipt\"]'); b.scrollIntoView({ block: 'center' }); b.click()")
  await s.waitFor('textarea[data-testid="letter-body"]')
}

test('工作台 shows 开始使用 with nothing done but the request', async () => {
  const text = await waitForTextOf(s, '[data-testid="start-checklist"]', (t) => t.includes('填写机关名称'))
  for (const want of ['机关地址和联系电话', '录入部门', '文书编号格式', '放假通知', '导入已有的文件台账', '文件台账导入模板', '导入已有的依申请公开台账']) {
    assert.ok(text.includes(want), `${want} in ${text}`)
  }
  const done = await s.execute("return document.querySelector('[data-testid=\"start-checklist\"] [data-item=\"organ\"]').dataset.done")
  assert.equal(done, 'no')
  const requests = await s.execute("return document.querySelector('[data-testid=\"start-checklist\"] [data-item=\"requests\"]').dataset.done")
  assert.equal(requests, 'yes', 'one request registered: the item ticks itself')
  await shot(s, 'firststart-checklist.png')
})

test('issuing a letter is refused while 机关名称 is unset', async () => {
  await openReceipt()
  const preview = await s.waitForText('[data-testid="letter-preview"]')
  assert.ok(preview.includes('【机关名称未设置】'), 'the preview still works and shows the gap')
  await click(s, '[data-testid="letter-issue"]')
  const msg = await s.waitForText('.el-message--error', (t) => t.includes('机关名称'))
  assert.ok(msg.includes('gongkai settings set 机关名称') || msg.includes('设置 → 机关信息'), msg)
  assert.ok(!cli('request', 'show', number).includes('出具登记回执'), 'nothing issued')
  await shot(s, 'firststart-refused.png')
})

test('机关名称 set from the checklist ticks it, and the letter is issued', async () => {
  await s.execute("document.querySelector('[data-testid=\"letter-cancel\"]')?.click()")
  await waitUntil('the letter dialog closes', async () => !(await s.execute("return !!document.querySelector('[data-testid=\"letter-dialog\"]')?.offsetParent")))
  await closeDrawers(s)
  await click(s, '[data-nav="工作台"]')
  await s.waitFor('[data-testid="checklist-organ-name"]')
  await type(s, '[data-testid="checklist-organ-name"]', '某某区人民政府办公室')
  await click(s, '[data-testid="checklist-organ-save"]')
  await waitUntil('the organ item ticks', async () =>
    (await s.execute("return document.querySelector('[data-testid=\"start-checklist\"] [data-item=\"organ\"]')?.dataset.done")) === 'yes')
  assert.ok(cli('settings', 'list').includes('机关名称=某某区人民政府办公室'))
  await openReceipt()
  await waitForTextOf(s, '[data-testid="letter-preview"]', (t) => t.includes('某某区人民政府办公室'))
  await click(s, '[data-testid="letter-issue"]')
  const year = new Date().getFullYear()
  await waitForTextOf(s, '[data-testid="letter-list"]', (t) => t.includes(`〔${year}〕`))
  assert.ok(cli('request', 'show', number).includes('出具登记回执'))
})

test('the webview reported no errors', async () => {
  const errors = await s.execute('return window.__GONGKAI_ERRORS__ || null')
  assert.deepEqual(errors, [])
})
