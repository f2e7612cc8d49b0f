// End-to-end: 年度报告 shows table 三 counted by the real ledger and its 勾稽 result; a number opens
// the requests behind it (applicant masked); the Excel file and, after the preview, the PDF are
// saved (into GONGKAI_SAVE_DIR, set by run.sh in place of the native save dialog); the charts draw.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { sleep } from './webdriver.mjs'
import { chooseOption, cliOn, closeApp, shot, startApp, textOf } from './helpers.mjs'

// A ledger of its own: the requests seeded here must not show up in the other files' lists.
const DB = join(dirname(process.env.GONGKAI_DB), 'reports-e2e.db')
const SAVE_DIR = process.env.GONGKAI_SAVE_DIR
const year = new Date().getFullYear() - 1
const cli = cliOn(DB)
let s

before(async () => {
  // Two requests received last year, one from an applicant with a rare character in the name.
  for (const [name, day] of [['龑小明', '03-10'], ['堃建国', '05-20']]) {
    cli('request', 'register', '--type', '自然人', '--name', name, '--channel', '当面', '--received', `${year}-${day}`, '--content', '申请公开年度报告端到端测试文件')
  }
  s = await startApp(['--db', DB])
})
after(() => closeApp(s, 'reports.png'))

test('年度报告 shows the year the CLI reports, with its check', async () => {
  const csv = cli('report', '--year', String(year), '--format', 'csv')
  const received = csv.split('\n').find((l) => l.startsWith('一、本年新收')).split(',').pop()
  const [nav] = await s.waitFor('[data-nav="年度报告"]')
  await nav.click()
  // 年度报告 opens on the year being prepared (this year from April): the requests are last year's.
  await chooseOption(s, '[data-testid="report-year"]', `${year}年`)
  await s.waitFor('[data-testid="report-three"] tbody tr')
  const table = await textOf(s, '[data-testid="report-three"]')
  assert.ok(table.includes('本年新收政府信息公开申请数量'), table)
  assert.ok(table.includes('结转下年度继续办理'))
  const firstRowTotal = await s.execute(
    "return [...document.querySelectorAll('[data-testid=\"report-three\"] tbody tr')][0].lastElementChild.textContent.trim()",
  )
  assert.equal(firstRowTotal, received)
  assert.ok(Number(received) >= 2, received)
  const check = await s.waitForText('[data-testid="report-check"]')
  assert.ok(check.includes('勾稽检查通过'), check)
  assert.deepEqual(await s.execute('return window.__GONGKAI_ERRORS__ || null'), [])
})

test('a number of table 三 lists the requests behind it, names masked', async () => {
  const cellNumber = (await textOf(s, '[data-cell="three:received:6"]')).trim()
  const [cell] = await s.waitFor('[data-cell="three:received:6"]')
  await s.execute(`document.querySelector('[data-cell="three:received:6"]').scrollIntoView({ block: 'center' })`)
  await sleep(300)
  await shot(s, 'reports-before-drill.png')
  await cell.click()
  const count = await s.waitForText('[data-testid="drill-count"]')
  assert.equal(count.trim(), `共 ${cellNumber} 件`)
  const rows = await s.execute("return document.querySelectorAll('[data-testid=\"drill-dialog\"] tbody tr').length")
  assert.equal(String(rows), cellNumber)
  const dialog = await textOf(s, '[data-testid="drill-dialog"]')
  assert.ok(dialog.includes('龑**') && dialog.includes('堃**'), dialog)
  assert.ok(!dialog.includes('龑小明'), 'natural persons are masked')
  await shot(s, 'reports-drill.png')
  await s.execute("document.querySelector('.el-dialog__headerbtn').click()")
  await sleep(500)
})

test('the charts are drawn from the ledger', async () => {
  await s.waitFor('[data-testid="chart-requests"] svg')
  for (const id of ['chart-results', 'chart-applicants', 'chart-documents']) {
    assert.ok(await s.execute(`return !!document.querySelector('[data-testid="${id}"] svg')`), id)
  }
  await s.execute("document.querySelector('[data-testid=\"report-charts\"]').scrollIntoView()")
  await sleep(800)
  await shot(s, 'reports-charts.png')
})

test('the Excel file and, after the preview, the PDF are saved where the clerk chose', async () => {
  const xlsx = join(SAVE_DIR, `${year}年政府信息公开工作年度报告.xlsx`)
  const pdf = join(SAVE_DIR, `${year}年政府信息公开工作年度报告.pdf`)
  rmSync(xlsx, { force: true })
  rmSync(pdf, { force: true })
  await s.execute("document.querySelector('[data-testid=\"report-xlsx\"]').scrollIntoView()")
  const [excel] = await s.waitFor('[data-testid="report-xlsx"]')
  await excel.click()
  const msg = await s.waitForText('.el-message', (t) => t.includes('已保存到'))
  assert.ok(msg.includes(xlsx), msg)
  assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), 'PK')

  const [preview] = await s.waitFor('[data-testid="report-preview"]')
  await preview.click()
  await s.waitFor('[data-testid="report-preview-frame"]')
  await sleep(1500)
  await shot(s, 'reports-preview.png')
  const [save] = await s.waitFor('[data-testid="report-save-pdf"]')
  await save.click()
  // Sections 二 to 六 are not filled in this ledger: the window says which before exporting.
  const warning = await s.waitForText('.unfilled-confirm', (t) => t.includes('尚未填写'))
  assert.ok(warning.includes('（本节尚未填写）'), warning)
  await s.execute(`[...document.querySelectorAll('.unfilled-confirm button')].find((b) => b.textContent.includes('仍然导出')).click()`)
  for (let i = 0; i < 100 && !existsSync(pdf); i++) await sleep(200)
  assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-')
  const pdfText = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })
  assert.ok(pdfText.includes('年政府信息公开工作年度报告'), pdfText.slice(0, 200))
})
