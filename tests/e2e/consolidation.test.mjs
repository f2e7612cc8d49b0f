// End-to-end: 年度报告 → 汇总 in the real window. Two units' report workbooks, made by the app from
// two ledgers of their own, are imported in the window; the third unit is listed as 未报送; a number
// of the district's table opens the units behind it, with each unit's own figure.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { dirname, join } from 'node:path'
import { chooseOption, clickText, cliOn, closeApp, shot, startApp, waitForTextOf, waitUntil } from './helpers.mjs'

const BIN = process.env.GONGKAI_BIN
// A ledger of its own: its units must not meet the other files' registers.
const DB = process.env.GONGKAI_DB && join(dirname(process.env.GONGKAI_DB), 'consolidation-e2e.db')
const YEAR = new Date().getFullYear() - 1
const cli = cliOn(DB)
const files = {}
let s

/** A unit's own ledger with `names` received last year, and its report workbook. */
function unitFile(key, names) {
  const db = join(dirname(DB), `consolidation-${key}.db`)
  const unit = cliOn(db)
  names.forEach((name, i) =>
    unit('request', 'register', '--type', '自然人', '--name', name, '--channel', '当面', '--received', `${YEAR}-0${i + 3}-10`, '--content', '申请公开汇总端到端测试文件'),
  )
  const out = join(dirname(DB), `consolidation-${key}.xlsx`)
  unit('report', '--year', String(YEAR), '--format', 'xlsx', '--out', out)
  return out
}

before(async () => {
  assert.ok(BIN && DB, 'GONGKAI_BIN and GONGKAI_DB must be set')
  cli('unit', 'add', '甲局')
  cli('unit', 'add', '乙局')
  cli('unit', 'add', '丙镇', '--category', '乡镇街道', '--due', '03-31')
  files.a = unitFile('a', ['张一', '张二'])
  files.b = unitFile('b', ['李三'])
  s = await startApp(['--db', DB])
})

after(() => closeApp(s, 'consolidation.png'))

const state = (unit) => `[data-testid="submission-state"][data-unit="${unit}"]`

async function importAs(unit, file) {
  await chooseOption(s, '[data-testid="submission-unit"]', unit, { partial: true })
  const [input] = await s.waitFor('[data-testid="submission-file"]')
  await input.type(file)
  await waitUntil(`${unit} 已报送`, async () => (await s.execute(`return document.querySelector('${state(unit)}')?.dataset.state`)) === 'Late' ||
    (await s.execute(`return document.querySelector('${state(unit)}')?.dataset.state`)) === 'OnTime')
}

test('two units imported in the window, one 未报送 listed, a number drills to its units', async () => {
  await clickText(s, '[data-nav="年度报告"]')
  await clickText(s, '.el-tabs__item', '汇总')
  // 年度报告 opens on the year being prepared (this year from April): the units reported last year.
  await chooseOption(s, '[data-testid="consolidation-year"]', `${YEAR}年`)
  await s.waitFor(state('丙镇'))
  await shot(s, 'consolidation-empty.png')
  await importAs('甲局', files.a)
  await importAs('乙局', files.b)
  assert.equal(await s.execute(`return document.querySelector('${state('丙镇')}').dataset.state`), 'Missing')
  const missing = await waitForTextOf(s, state('丙镇'), (t) => t.includes('未报送'))
  assert.equal(missing.trim(), '未报送')
  const reminder = await waitForTextOf(s, '[data-testid="submission-reminder"]', (t) => t.includes('（1）'))
  assert.ok(reminder.includes('催报单'), reminder)
  await shot(s, 'consolidation-status.png')

  // 一、本年新收 总计: 2 + 1, and it opens 甲局 (2) and 乙局 (1).
  const cell = await s.execute(`
    const row = [...document.querySelectorAll('[data-testid="consolidation-table"] tr')].find((tr) => tr.firstElementChild.textContent.startsWith('一、本年新收'))
    const a = row.lastElementChild.querySelector('a')
    return a ? a.dataset.cell : null`)
  assert.ok(cell, 'the total of 一、本年新收 is a link')
  assert.equal((await waitForTextOf(s, `[data-cell="${cell}"]`, (t) => t.trim() !== '')).trim(), '3')
  await s.execute(`document.querySelector('[data-cell="${cell}"]').click()`)
  const drill = await waitForTextOf(s, '[data-testid="consolidation-drill"]', (t) => t.includes('甲局') && t.includes('乙局'))
  assert.ok(!drill.includes('丙镇'), drill)
  const values = await s.execute(`
    return [...document.querySelectorAll('[data-testid="consolidation-drill"] tbody tr')].map((tr) => [...tr.children].slice(0, 2).map((td) => td.textContent.trim()).join('='))`)
  assert.deepEqual(values.sort(), ['乙局=1', '甲局=2'])
  await shot(s, 'consolidation-drill.png')

  await s.execute(`document.querySelector('.el-dialog__headerbtn')?.click()`)
  await waitUntil('the drill dialog closed', async () =>
    s.execute("return [...document.querySelectorAll('.el-overlay')].every((o) => getComputedStyle(o).display === 'none')"),
  )

  // 甲局 reports again (乙局's file this time): it replaces the earlier one in the sum, which stays viewable.
  await chooseOption(s, '[data-testid="submission-unit"]', '甲局', { partial: true })
  const [input] = await s.waitFor('[data-testid="submission-file"]')
  await input.type(files.b)
  await waitForTextOf(s, `[data-cell="${cell}"]`, (t) => t.trim() === '2')
  await s.execute(`document.querySelector('[data-testid="submission-history-甲局"]').click()`)
  const history = await waitForTextOf(s, '[data-testid="submission-history"]', (t) => t.includes('已被替换') && t.includes('计入汇总'))
  assert.ok(history.includes('consolidation-a.xlsx') && history.includes('consolidation-b.xlsx'), history)
  const earlier = await s.execute(`
    const row = [...document.querySelectorAll('[data-testid="submission-history"] tbody tr')].find((tr) => tr.textContent.includes('已被替换'))
    row.querySelector('[data-testid^="submission-show-"]').click()
    return true`)
  assert.ok(earlier)
  const shown = await waitForTextOf(s, '[data-testid="submission-shown"]', (t) => t.includes('一、本年新收'))
  assert.ok(/一、本年新收政府信息公开申请数量2(0)*/.test(shown.replace(/\s/g, '')), shown)
  await shot(s, 'consolidation-history.png')

  // The window wrote what the command line lists and sums.
  const list = cli('submission', 'list', '--year', String(YEAR))
  assert.ok(/甲局\t(已报送|逾期报送)（/.test(list) && list.includes('丙镇\t未报送'), list)
  const csv = cli('report', '--year', String(YEAR), '--consolidated', '--format', 'csv')
  assert.ok(csv.split('\n').find((l) => l.startsWith('一、本年新收')).endsWith(',2'), csv)
})

test('添加单位 adds a unit to the register, listed as 未报送', async () => {
  // The history dialog of the test before is still open: close it first.
  await s.execute(`[...document.querySelectorAll('.el-overlay')].filter((o) => getComputedStyle(o).display !== 'none').forEach((o) => o.querySelector('.el-dialog__headerbtn')?.click())`)
  await waitUntil('the dialogs closed', async () =>
    s.execute("return [...document.querySelectorAll('.el-overlay')].every((o) => getComputedStyle(o).display === 'none')"),
  )
  await s.execute(`document.querySelector('[data-testid="unit-add-open"]').click()`)
  const [name] = await s.waitFor('input[data-testid="unit-add-name"]')
  await name.type('丁局')
  await shot(s, 'consolidation-add-unit.png')
  await s.execute(`document.querySelector('[data-testid="unit-add-save"]').click()`)
  await waitForTextOf(s, state('丁局'), (t) => t.includes('未报送'))
  assert.ok(cli('unit', 'list').split('\n').some((l) => l.startsWith('丁局\t部门\t01-31')))
})
