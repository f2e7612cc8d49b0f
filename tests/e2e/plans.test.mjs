// End-to-end: 工作要点 in the real window. A plan imported with the CLI (last year's, so its
// deadlines have passed) shows as tasks × units; progress recorded for one unit in the window shows
// on the matrix and in the CLI's list; the pair still open is overdue and counted on 工作台. Then an
// evidence file is attached in the progress dialog (kept in the ledger's attachments folder, saved
// back as a copy), the task thus completed is offered in 年度报告 section 一 and, inserted and saved,
// is in the printed report; a plan pasted in the window maps one unknown unit onto the register and
// adds another with its 类别; 设置 → 单位名录 edits and retires a unit.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { chooseOption, click, clickText, cliOn, closeApp, jsClick, shot, startApp, type, waitForTextOf, waitUntil } from './helpers.mjs'
import { sleep } from './webdriver.mjs'

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

/** Clicks the shown element matching `css` whose text is `text`, once there is one. */
async function clickShown(css, text) {
  await waitUntil(`${css} ${text}`, async () =>
    s.execute(
      `const o = [...document.querySelectorAll(arguments[0])].find((e) => e.offsetParent !== null && e.textContent.trim() === arguments[1])
       if (o) o.click()
       return !!o`,
      [css, text],
    ),
  )
}

test('an evidence file is attached in the progress dialog and saved back as a copy', async () => {
  await click(s, '[data-nav="工作要点"]')
  await s.execute(`[...document.querySelectorAll('.el-tabs__item')].find((e) => e.textContent.includes('任务与单位')).click()`)
  const cell = '[data-testid="plan-cell-1-审计局"]'
  await s.waitFor(cell)
  await jsClick(s, cell)
  await s.waitFor('[data-testid="plan-progress-form"]')
  await s.execute(`document.querySelector('[data-testid="plan-progress-state"] [data-state="Done"]').click()`)
  await type(s, 'textarea[data-testid="plan-progress-note"]', '审计结果已公开')
  const evidence = join(dirname(DB), '审计公开截图.png')
  const bytes = Buffer.from('not really a png, but the evidence the clerk picked')
  writeFileSync(evidence, bytes)
  const [input] = await s.waitFor('[data-testid="plan-progress-file"]')
  await input.type(evidence)
  await waitForTextOf(s, '[data-testid="plan-progress-picked"]', (t) => t.includes('审计公开截图.png'))
  await shot(s, 'plans-evidence-dialog.png')
  await click(s, '[data-testid="plan-progress-save"]')
  await waitUntil('the cell shows 已完成', async () =>
    (await s.execute(`return document.querySelector('${cell}')?.dataset.state`)) === 'Done')
  // Kept in the ledger's attachments folder, under 工作要点/.
  const sql = `SELECT stored_path FROM plan_evidence`
  const stored = execFileSync('sqlite3', [DB, sql], { encoding: 'utf8' }).trim()
  assert.ok(stored.startsWith('工作要点/'), stored)
  assert.deepEqual(readFileSync(join(`${DB}-附件`, stored)), bytes)
  // Reopened, the note lists the file; 另存为 writes the copy where the clerk chose.
  await sleep(600)
  await jsClick(s, cell)
  const listed = await waitForTextOf(s, '[data-testid="plan-progress-notes"]', (t) => t.includes('审计公开截图.png'))
  assert.ok(listed.includes('审计结果已公开'), listed)
  await shot(s, 'plans-evidence-listed.png')
  const saved = join(process.env.GONGKAI_SAVE_DIR, '审计公开截图.png')
  rmSync(saved, { force: true })
  await jsClick(s, '[data-testid^="plan-evidence-save-"]')
  await waitUntil('the copy is saved', async () => existsSync(saved))
  assert.deepEqual(readFileSync(saved), bytes)
  await s.execute(`[...document.querySelectorAll('.el-dialog__footer button')].find((b) => b.textContent.includes('取消'))?.click()`)
})

test('the completed task is offered in 年度报告 section 一 and, inserted and saved, is printed', async () => {
  await click(s, '[data-nav="年度报告"]')
  // 年度报告 opens on the year being prepared (this year from April): the plan is last year's.
  await chooseOption(s, '[data-testid="report-year"]', `${YEAR}年`)
  const offer = '[data-testid="report-plan-offer-主动公开"]'
  const text = await waitForTextOf(s, offer, (t) => t.includes('公开预决算'))
  assert.ok(!text.includes('办好政府网站'), 'a task still open is not offered')
  await s.execute(`document.querySelector('${offer}').scrollIntoView({ block: 'center' })`)
  await jsClick(s, '[data-testid="report-plan-insert-1"]')
  const area = 'textarea[data-testid="report-overview-active"]'
  const inserted = await waitUntil('the task is in the text', async () => {
    const v = await s.execute(`return document.querySelector('${area}').value`)
    return v.includes('公开预决算') && v
  })
  assert.ok(inserted.includes('财政局：预决算已在门户网站公开') && inserted.includes('审计局：审计结果已公开'), inserted)
  await waitForTextOf(s, '[data-testid="report-plan-task-1"]', (t) => t.includes('已在文字中'))
  await shot(s, 'plans-report-offer.png')
  await s.execute(`[...document.querySelectorAll('button[type="submit"]')].find((b) => b.textContent.includes('保存')).click()`)
  await s.waitForText('.el-message', (t) => t.includes('已保存'))
  const pdf = join(dirname(DB), 'plans-report.pdf')
  rmSync(pdf, { force: true })
  cli('report', '--year', String(YEAR), '--out', pdf)
  const printed = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
  assert.ok(printed.includes('公开预决算。财政局：预决算已在门户网站公开'), printed.slice(0, 600))
})

test('a plan pasted in the window maps one unknown unit onto the register and adds another with its 类别', async () => {
  const next = new Date().getFullYear() + 1
  await click(s, '[data-nav="工作要点"]')
  await chooseOption(s, '[data-testid="plan-year"]', `${next}年`)
  // 导入 is enabled once the year without a plan has loaded.
  await clickShown('.el-tabs__item:not(.is-disabled)', '导入')
  await waitUntil('the import pane is shown', async () =>
    s.execute(`return document.querySelector('textarea[data-testid="plan-import-text"]')?.offsetParent != null`))
  // Pasted: lines and all (typing through WebDriver would drop the line breaks).
  await s.waitFor('textarea[data-testid="plan-import-text"]')
  await s.execute(
    "const a = document.querySelector('textarea[data-testid=\"plan-import-text\"]'); a.value = arguments[0]; a.dispatchEvent(new Event('input'))",
    ['一、平台建设\n（一）整合政务新媒体\n责任单位：区大数据中心、新设办\n'],
  )
  await click(s, '[data-testid="plan-import-parse"]')
  const unknown = await waitForTextOf(s, '[data-testid="plan-unknown-units"]', (t) => t.includes('新设办'))
  assert.ok(unknown.includes('区大数据中心'), unknown)
  assert.equal(await s.execute(`return document.querySelector('[data-testid="plan-import-confirm"]').disabled`), true)
  await jsClick(s, '[data-testid="plan-unknown-action-区大数据中心"] [data-action="map"] input')
  await chooseOption(s, '[data-testid="plan-unknown-map-区大数据中心"]', '大数据局')
  await jsClick(s, '[data-testid="plan-unknown-action-新设办"] [data-action="add"] input')
  await chooseOption(s, '[data-testid="plan-unknown-category-新设办"]', '其他')
  await shot(s, 'plans-unknown-units.png')
  await waitUntil('saving is allowed', async () => !(await s.execute(`return document.querySelector('[data-testid="plan-import-confirm"]').disabled`)))
  await jsClick(s, '[data-testid="plan-import-confirm"]')
  await s.waitFor('[data-testid="plan-cell-1-大数据局"]')
  await s.waitFor('[data-testid="plan-cell-1-新设办"]')
  const units = cli('unit', 'list')
  assert.ok(units.split('\n').some((l) => l.startsWith('新设办\t其他\t')), units)
  assert.ok(!units.includes('区大数据中心'), units)
  const csv = cli('plan', 'list', '--year', String(next), '--format', 'csv')
  assert.ok(csv.includes('一、平台建设,1,整合政务新媒体,,区大数据中心、新设办,否,未开始,'), csv)
})

test('设置 → 单位名录 edits a unit\'s 类别, contact and due date and retires it, greyed, never deleted', async () => {
  await click(s, '[data-nav="设置"]')
  await clickText(s, '.el-tabs__item', '单位名录')
  await s.waitFor('[data-testid="unit-row-新设办"]')
  await jsClick(s, '[data-testid="unit-edit-新设办"]')
  await s.waitFor('[data-testid="unit-form"]')
  await jsClick(s, '[data-testid="unit-category"] [data-category="Township"] input')
  await type(s, 'input[data-testid="unit-contact"]', '李四 0431-1234')
  await type(s, 'input[data-testid="unit-due"]', '2月15日')
  await jsClick(s, '[data-testid="unit-save"]')
  await waitForTextOf(s, '[data-testid="unit-table"]', (t) => t.includes('李四 0431-1234') && t.includes('2月15日'))
  await sleep(500)
  await jsClick(s, '[data-testid="unit-retire-新设办"]')
  await clickShown('.el-popconfirm button', '停用')
  await waitUntil('greyed as retired', async () =>
    (await s.execute(`return document.querySelector('[data-testid="unit-row-新设办"]')?.dataset.retired`)) === 'true')
  await shot(s, 'plans-units.png')
  const units = cli('unit', 'list')
  assert.ok(units.split('\n').some((l) => l === '新设办\t乡镇街道\t02-15\t李四 0431-1234\t已停用'), units)
  const audit = execFileSync('sqlite3', [DB, "SELECT count(*) FROM audit_log WHERE table_name = 'department' AND action = 'update'"], { encoding: 'utf8' })
  assert.ok(Number(audit) >= 2, audit)
})
