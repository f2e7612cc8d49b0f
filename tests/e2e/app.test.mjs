// End-to-end: the real `gongkai` window (embedded frontend), real IPC, a real SQLite ledger,
// driven through tauri-driver and WebKitWebDriver under Xvfb. Run by scripts/test.sh.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { clear, cliOn, closeApp, startApp } from './helpers.mjs'

const BIN = process.env.GONGKAI_BIN
const DB = process.env.GONGKAI_DB
const cli = cliOn(DB)
let s

before(async () => {
  assert.ok(BIN, 'GONGKAI_BIN must name the built binary')
  assert.ok(DB, 'GONGKAI_DB must name a scratch ledger')
  s = await startApp()
})

after(() => closeApp(s, 'last.png'))

test('the window is titled 政务公开台账 and shows the five navigation entries in Chinese', async () => {
  const items = await s.waitFor('[data-nav]')
  const names = []
  for (const el of items) names.push((await el.text()).trim())
  assert.deepEqual(names, ['工作台', '文件台账', '依申请公开', '工作要点', '年度报告', '设置'])
  assert.equal(await s.title(), '政务公开台账')
  const hasElementPlusMenu = await s.execute("return !!document.querySelector('.el-menu .el-menu-item')")
  assert.equal(hasElementPlusMenu, true)
})

test('设置 shows the schema version read over IPC from the real ledger', async () => {
  const want = cli('check').match(/结构版本 (\d+)/)[1]
  const [settings] = await s.waitFor('[data-nav="设置"]')
  await settings.click()
  const tabs = await s.waitFor('.el-tabs__item')
  let ledgerTab
  for (const t of tabs) if ((await t.text()).includes('台账文件')) ledgerTab = t
  assert.ok(ledgerTab, '设置 has a 台账文件 tab')
  await ledgerTab.click()
  const got = await s.waitForText('[data-testid="schema-version"]')
  assert.equal(got.trim(), want)
  const path = await s.waitForText('[data-testid="ledger-info"]')
  assert.ok(path.includes(DB), `设置 shows the ledger path ${DB}`)
})

test('the organ name saved in 设置 is written to the ledger', async () => {
  const [settings] = await s.waitFor('[data-nav="设置"]')
  await settings.click()
  for (const t of await s.waitFor('.el-tabs__item')) if ((await t.text()).includes('机关信息')) await t.click()
  const [input] = await s.waitFor('[data-testid="organ-name"]')
  await clear(s, '[data-testid="organ-name"]')
  await input.type('测试区人民政府办公室\uE007')
  await s.waitForText('.el-message', (t) => t.includes('机关名称已保存'))
  const stored = execFileSync(
    'python3',
    ['-c', 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select value from setting where key=\'organ_name\'").fetchone()[0])', DB],
    { encoding: 'utf8' },
  )
  assert.equal(stored.trim(), '测试区人民政府办公室')
})

test('the webview reported no errors', async () => {
  const errors = await s.execute('return window.__GONGKAI_ERRORS__ || null')
  assert.deepEqual(errors, [])
})
