// End-to-end (issue 23, small screens): at 1366×768 and at the window's minimum size (tauri.conf.json
// minWidth × minHeight), 文件台账 shows 状态 and 发布日期 and 依申请公开 shows 状态 and 答复期限 (and 办结
// at 1366) inside the window, header and a row alike, and no status tag is cut short.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { click, closeApp, shot, startApp, waitUntil } from './helpers.mjs'

const BIN = process.env.GONGKAI_BIN
// A ledger of its own, filled by `gongkai demo` so that both lists have rows in every state.
const DB = process.env.GONGKAI_DB && join(dirname(process.env.GONGKAI_DB), 'smallscreen-e2e.db')
const conf = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../src-tauri/tauri.conf.json'), 'utf8'))
const win = conf.app.windows[0]
let s

before(async () => {
  assert.ok(BIN && DB, 'GONGKAI_BIN and GONGKAI_DB must be set')
  execFileSync(BIN, ['demo', '--db', DB], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  s = await startApp(['--db', DB])
})

after(() => closeApp(s, 'smallscreen.png'))

test('the default window fits a 1366×768 screen with its title bar', () => {
  assert.ok(win.width <= 1366, `width ${win.width}`)
  assert.ok(win.height <= 720, `height ${win.height}: the title bar must stay on a 768 px screen`)
  assert.ok(win.minWidth <= win.width && win.minHeight <= win.height)
})

/** Resizes the window so that its page is `width` wide, and waits until the page has seen it. */
async function resize(width, height) {
  await s.setWindowRect({ width, height })
  await waitUntil(`the window ${width}×${height}`, async () => {
    const w = await s.execute('return window.innerWidth')
    return Math.abs(w - width) <= 40
  })
  // el-table lays its columns out again on the resize event.
  await new Promise((r) => setTimeout(r, 800))
}

/** For each header label in `labels`: the header cell and the first body row's cell in that column,
 *  whether they lie inside the window (left ≥ 0, right ≤ innerWidth) and the table's own view. */
function placed(table, labels) {
  return s.execute(
    `const table = document.querySelector(arguments[0])
     const heads = [...table.querySelectorAll('.el-table__header-wrapper th')]
     const row = table.querySelector('.el-table__body-wrapper tbody tr')
     const view = table.getBoundingClientRect()
     const out = {}
     for (const label of arguments[1]) {
       const i = heads.findIndex((h) => h.textContent.trim() === label)
       if (i < 0) { out[label] = { missing: true }; continue }
       const h = heads[i].getBoundingClientRect()
       const c = row ? row.children[i].getBoundingClientRect() : null
       const inside = (r) => r && r.width > 0 && r.left >= 0 && r.right <= Math.min(window.innerWidth, view.right) + 1 && r.top >= 0 && r.top < window.innerHeight
       out[label] = { head: inside(h), cell: inside(c), right: Math.round(h.right), width: window.innerWidth }
     }
     return out`,
    [table, labels],
  )
}

/** Waits until the tags in `table` have finished their zoom-in transition (a scaled tag measures small). */
function settled(table) {
  return waitUntil(`${table} settled`, () =>
    s.execute("return !document.querySelector(arguments[0] + ' [class*=\"-enter-active\"], ' + arguments[0] + ' [class*=\"-leave-active\"]')", [table]),
  )
}

/** Tags whose text is wider than what shows (Element Plus's ellipsis, "现行有效 ··") or wider than
 *  their cell's content box: layout widths, which a transition's transform does not change. */
function cutTags(table) {
  return s.execute(
    `return [...document.querySelectorAll(arguments[0] + ' .el-table__body-wrapper .el-tag')]
       .filter((t) => { const c = t.querySelector('.el-tag__content') ?? t; const cell = t.closest('.cell'); const st = getComputedStyle(cell);
         const room = cell.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight);
         return c.scrollWidth > c.clientWidth + 1 || t.offsetWidth > room + 1 })
       .map((t) => t.textContent.trim())`,
    [table],
  )
}

async function check(label, width, height, requestColumns) {
  await resize(width, height)
  await click(s, '[data-nav="文件台账"]')
  await s.waitFor('[data-testid="doc-table"] .el-table__body-wrapper tbody tr')
  await settled('[data-testid="doc-table"]')
  const docs = await placed('[data-testid="doc-table"]', ['状态', '发布日期'])
  for (const [col, p] of Object.entries(docs)) assert.ok(p.head && p.cell, `文件台账 ${label}：${col} ${JSON.stringify(p)}`)
  assert.deepEqual(await cutTags('[data-testid="doc-table"]'), [], `文件台账 ${label}：cut tags`)
  await shot(s, `smallscreen-documents-${label}.png`)

  await click(s, '[data-nav="依申请公开"]')
  await s.waitFor('[data-testid="request-table"] .el-table__body-wrapper tbody tr')
  await settled('[data-testid="request-table"]')
  const reqs = await placed('[data-testid="request-table"]', requestColumns)
  for (const [col, p] of Object.entries(reqs)) assert.ok(p.head && p.cell, `依申请公开 ${label}：${col} ${JSON.stringify(p)}`)
  assert.deepEqual(await cutTags('[data-testid="request-table"]'), [], `依申请公开 ${label}：cut tags`)
  await shot(s, `smallscreen-requests-${label}.png`)
}

test('at 1366×768 both lists show 状态 and their dates, and requests show 办结', async () => {
  await check('1366', 1366, 720, ['状态', '答复期限', '办结'])
})

test('at the minimum window size both lists show 状态 and their dates', async () => {
  await check('min', win.minWidth, win.minHeight, ['状态', '答复期限'])
})
