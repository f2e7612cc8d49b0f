// End-to-end: a local holiday entered in 设置 → 工作日历 changes the deadline the real ledger gives,
// in the window's calculator and on the command line for the same ledger file.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { sleep } from './webdriver.mjs'
import { click, cliOn, closeApp, startApp, type } from './helpers.mjs'

const DB = process.env.GONGKAI_DB
const cli = cliOn(DB)
let s

before(async () => {
  s = await startApp()
})
after(() => closeApp(s, 'calendar.png'))

async function openCalendarTab() {
  const [settings] = await s.waitFor('[data-nav="设置"]')
  await settings.click()
  for (const t of await s.waitFor('.el-tabs__item')) if ((await t.text()).includes('工作日历')) await t.click()
  await s.waitFor('[data-testid="cal-add"]')
}

/** Clicks into the field, as a clerk would, then types. */
async function typeInto(css, text) {
  await click(s, css)
  await type(s, css, text)
}

const due = () => cli('calendar', 'due', '2024-09-27', '20').trim()

test('the shipped calendar gives the statutory example in the window', async () => {
  await openCalendarTab()
  await typeInto('[data-testid="calc-date"] input', '2024-09-27\uE007')
  const [submit] = await s.waitFor('[data-testid="cal-calc"] button[type="submit"]')
  await submit.click()
  assert.equal((await s.waitForText('[data-testid="calc-result"]')).trim(), '2024-10-30')
  assert.equal(due(), '2024-10-30')
})

test('a local holiday added in 设置 moves the deadline, in the window and on the command line', async () => {
  await openCalendarTab()
  await typeInto('[data-testid="cal-date"] input', '2024-10-29\uE007')
  await typeInto('[data-testid="cal-name"] input', '本地调休\uE007')
  let rows = ''
  for (let i = 0; i < 100 && !(rows.includes('2024-10-29') && rows.includes('本地调休')); i++) {
    rows = await s.execute("return document.querySelector('[data-testid=\"cal-rows\"]').textContent")
    await sleep(100)
  }
  assert.ok(rows.includes('2024-10-29') && rows.includes('本地调休'), `the new row is listed: ${rows}`)
  await s.waitForText('[data-testid="calc-result"]', (t) => t.trim() === '2024-10-31')
  // The same ledger file, read by another process while the window holds it open.
  for (let i = 0; i < 20 && due() !== '2024-10-31'; i++) await sleep(100)
  assert.equal(due(), '2024-10-31')
})

test('the webview reported no errors', async () => {
  assert.deepEqual(await s.execute('return window.__GONGKAI_ERRORS__ || null'), [])
})
