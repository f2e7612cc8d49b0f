// End-to-end: 年度报告 shows table 三 counted by the real ledger and its 勾稽 result.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { Session } from './webdriver.mjs'

const BIN = process.env.GONGKAI_BIN
const DB = process.env.GONGKAI_DB
let s

before(async () => {
  s = await Session.start({ base: process.env.WEBDRIVER_URL, application: BIN })
})
after(async () => {
  if (!s) return
  await s.saveScreenshot('reports.png')
  await s.end()
})

test('年度报告 shows the year the CLI reports, with its check', async () => {
  const year = new Date().getFullYear() - 1
  const csv = execFileSync(BIN, ['report', '--year', String(year), '--format', 'csv', '--db', DB], { encoding: 'utf8' })
  const received = csv.split('\n').find((l) => l.startsWith('一、本年新收')).split(',').pop()
  const [nav] = await s.waitFor('[data-nav="年度报告"]')
  await nav.click()
  await s.waitFor('[data-testid="report-three"] tbody tr')
  const table = await s.execute("return document.querySelector('[data-testid=\"report-three\"]').textContent")
  assert.ok(table.includes('本年新收政府信息公开申请数量'), table)
  assert.ok(table.includes('结转下年度继续办理'))
  const firstRowTotal = await s.execute(
    "return [...document.querySelectorAll('[data-testid=\"report-three\"] tbody tr')][0].lastElementChild.textContent.trim()",
  )
  assert.equal(firstRowTotal, received)
  const check = await s.waitForText('[data-testid="report-check"]')
  assert.ok(check.includes('勾稽检查通过'), check)
  assert.deepEqual(await s.execute('return window.__GONGKAI_ERRORS__ || null'), [])
})
