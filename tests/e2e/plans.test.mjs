// End-to-end: 工作要点 in the real window. A plan imported with the CLI (last year's, so its
// deadlines have passed) shows as tasks × units; progress recorded for one unit in the window shows
// on the matrix and in the CLI's list; the pair still open is overdue and counted on 工作台.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { click, cliOn, closeApp, shot, startApp, waitForTextOf, waitUntil } from './helpers.mjs'

const BIN = process.env.GONGKAI_BIN
// A ledger of its own: its overdue pairs must not meet the other files' counts.
const DB = process.env.GONGKAI_DB && join(dirname(process.env.GONGKAI_DB), 'plans-e2e.db')
const YEAR = new Date().getFullYear() - 1
let s

const cli = cliOn(DB)

before(async () => {
  assert.ok(BIN && DB, 'GONGKAI_BIN and GONGKAI_DB must be set')
  const file = join(dirname(DB), 'plan-e2e.txt')
  writeFileSync(
    file,
    `某区${YEAR}年政务公开工作要点\n一、主动公开\n（一）公开预决算\n完成时限：6月底前\n牵头单位：财政局；配合单位：审计局\n二、平台建设\n（一）办好政府网站\n责任单位：大数据局\n完成时限：年底前\n`,
  )
  const out = cli('plan', 'import', '--year', String(YEAR), file, '--yes', '--add-units')
  assert.ok(out.includes('2 项任务'), out)
  s = await startApp(['--db', DB])
})

after(() => closeApp(s, 'plans.png'))

test('progress recorded for one unit shows on the matrix', async () => {
  await click(s, '[data-nav="工作要点"]')
  const cell = `[data-testid="plan-cell-1-财政局"]`
  await s.waitFor(cell)
  assert.equal(await s.execute(`return document.querySelector('${cell}').dataset.state`), 'NotStarted')
  await shot(s, 'plans-matrix.png')
  await click(s, cell)
  await s.waitFor('[data-testid="plan-progress-form"]')
  await s.execute(`document.querySelector('[data-testid="plan-progress-state"] [data-state="Done"]').click()`)
  const [note] = await s.waitFor('textarea[data-testid="plan-progress-note"]')
  await note.type('预决算已在门户网站公开')
  await click(s, '[data-testid="plan-progress-save"]')
  await waitUntil('the cell shows 已完成', async () =>
    (await s.execute(`return document.querySelector('${cell}')?.dataset.state`)) === 'Done')
  const other = await s.execute(`return document.querySelector('[data-testid="plan-cell-1-审计局"]').dataset.state`)
  assert.equal(other, 'NotStarted')
  await shot(s, 'plans-progress.png')
  const csv = cli('plan', 'list', '--year', String(YEAR), '--format', 'csv')
  assert.ok(csv.includes('一、主动公开,1,公开预决算,财政局,审计局,否,推进中,6月底前'), csv)
})

test('the overdue pairs show on 督办 and their count on 工作台', async () => {
  await s.execute(`[...document.querySelectorAll('.el-tabs__item')].find((e) => e.textContent.includes('督办')).click()`)
  const list = await waitForTextOf(s, '[data-testid="plan-overdue"]', (t) => t.includes('审计局'))
  assert.ok(list.includes('大数据局') && !list.includes('财政局'), list)
  await click(s, '[data-nav="工作台"]')
  const count = await waitForTextOf(s, '[data-testid="dashboard-plan-overdue-count"]', (t) => /\d/.test(t))
  assert.equal(count.trim(), '2')
  await shot(s, 'plans-dashboard.png')
})
