// End-to-end (issue 23, point 3): 工作台 in the order work can still be done. Old open requests are
// imported through the window beside one due now; the window offers to mark the old ones done, the
// clerk declines first, sees 工作台 with the request due now on top and the old ones folded under a
// 积压 count, then takes the offered step (asked first, naming the count), and sees 工作台 reordered:
// the 积压 gone, the old requests 已终止 with the recorded reason, the audit trail still verifying.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { click, cliOn, closeApp, shot, startApp, waitUntil } from './helpers.mjs'

const BIN = process.env.GONGKAI_BIN
// A ledger of its own, so that the lists hold exactly what this test imports.
const DB = process.env.GONGKAI_DB && join(dirname(process.env.GONGKAI_DB), 'dashboard-e2e.db')
const cli = DB && cliOn(DB)
let s

const ymd = (d) => {
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/** The earliest receipt date whose 20-working-day reply deadline is still today or later (as the CLI
 *  counts it): a request due today or within a few working days. */
function receivedDueNow() {
  const today = ymd(new Date())
  for (let back = 20; back < 60; back++) {
    const d = new Date()
    d.setDate(d.getDate() - back)
    const due = cli('calendar', 'due', ymd(d), '20').trim()
    if (due < today) return ymd(new Date(d.getTime() + 86400000))
  }
  throw new Error('no receipt date found')
}

/** The first cells (受理编号) of 工作台's request rows as shown. */
function dueRows() {
  return s.execute(
    `return [...document.querySelectorAll('[data-testid="request-deadlines"] .el-table__body tr.el-table__row')].map((r) => r.querySelector('td').textContent.trim())`,
  )
}

const headerText = () => s.execute(`return document.querySelector('[data-testid="request-deadlines"] .el-card__header')?.textContent ?? ''`)

before(async () => {
  assert.ok(BIN && DB, 'GONGKAI_BIN and GONGKAI_DB must be set')
  s = await startApp(['--db', DB])
})

after(() => closeApp(s, 'dashboard.png'))

test('old imported requests are folded as 积压, and the offered step closes them in one recorded step', async () => {
  const now = receivedDueNow()
  const csv = join(dirname(DB), 'dashboard-old.csv')
  writeFileSync(
    csv,
    [
      '受理编号,申请人类型,申请人,联系方式,申请方式,收到日期,申请内容,办结日期,办理结果',
      'JIU-0001,自然人,积压甲,13912345678,当面,2024-03-04,申请公开旧事项一,,',
      'JIU-0002,自然人,积压乙,13912345678,当面,2024-05-06,申请公开旧事项二,,',
      'JIU-0003,自然人,积压丙,13912345678,当面,2024-06-03,申请公开旧事项三,2024-06-20,予以公开',
      `XIN-0001,自然人,当前丁,13912345678,当面,${now},申请公开当前事项,,`,
    ].join('\n') + '\n',
  )
  await click(s, '[data-nav="依申请公开"]')
  const [file] = await s.waitFor('[data-testid="request-import-file"]')
  await file.type(csv)
  // The window offers the step at once, naming the two old open requests (not the concluded one,
  // not the one due now).
  const offer = await s.waitForText('[data-testid="backlog-step"] .el-dialog__body', (t) => t.includes('件收到日期早于'))
  assert.ok(offer.includes('2 件收到日期早于'), offer)
  await shot(s, 'dashboard-offer.png')
  await s.execute(`[...document.querySelectorAll('[data-testid="backlog-step"] .el-dialog__footer button')].find((b) => b.textContent.includes('暂不处理')).click()`)
  await waitUntil('the offer closed', async () => s.execute(`return [...document.querySelectorAll('[data-testid="backlog-step"]')].every((d) => d.offsetParent === null)`))

  await click(s, '[data-nav="工作台"]')
  await waitUntil('工作台 lists the request due now', async () => (await dueRows()).length > 0)
  assert.deepEqual(await dueRows(), ['XIN-0001'], 'the request due now leads; the old ones are folded')
  assert.ok((await headerText()).includes('另有积压 2 件'), await headerText())
  await click(s, '[data-testid="request-backlog-toggle"]')
  await waitUntil('积压 unfolded', async () => (await dueRows()).length === 3)
  const unfolded = await dueRows()
  assert.equal(unfolded[0], 'XIN-0001')
  assert.deepEqual(unfolded.slice(1).sort(), ['JIU-0001', 'JIU-0002'])
  await shot(s, 'dashboard-backlog.png')

  // The step, from 工作台 this time: it asks first, naming how many rows.
  await click(s, '[data-testid="request-backlog-step"]')
  await s.waitForText('[data-testid="backlog-step"] .el-dialog__body', (t) => t.includes('2 件收到日期早于'))
  await click(s, 'button[data-testid="backlog-submit"]')
  const confirm = await s.waitForText('.el-message-box', (t) => t.includes('标记积压为已办'))
  assert.ok(confirm.includes('2 件申请标记为“导入前已办结”'), confirm)
  await s.execute(`document.querySelector('.el-message-box .el-button--primary').click()`)
  await s.waitForText('.el-message', (t) => t.includes('2 件申请已标记为导入前已办结'))

  // 工作台 reordered: only the work that can still be done, no 积压 left.
  await waitUntil('the 积压 gone', async () => !(await headerText()).includes('积压'))
  assert.deepEqual(await dueRows(), ['XIN-0001'])
  assert.equal(await s.execute(`return document.querySelector('[data-testid="request-backlog"]')`), null)
  await shot(s, 'dashboard-after.png')

  // Recorded: each request's event with the reason, the audit trail verifying.
  const shown = cli('request', 'show', 'JIU-0001')
  assert.ok(shown.includes('已终止') && shown.includes('导入前已办结'), shown)
  assert.ok(!cli('request', 'show', 'XIN-0001').includes('导入前已办结'))
  execFileSync(BIN, ['audit', 'verify', '--db', DB], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
})

test('the webview reported no errors on 工作台', async () => {
  const errors = await s.execute('return window.__GONGKAI_ERRORS__ || null')
  assert.deepEqual(errors, [])
})
