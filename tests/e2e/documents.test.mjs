// End-to-end: 文件台账 in the real window. A clerk registers a document, finds it again by a
// three-character piece of its title (FTS5 trigram), sees it incomplete, fills in the missing
// 要件 and sees it complete; the ledger file agrees.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sleep } from './webdriver.mjs'
import { clear, clickText, closeApp, closeDrawers, progressSeen, recordProgress, rowCount, shot, startApp, waitUntil } from './helpers.mjs'

const BIN = process.env.GONGKAI_BIN
const DB = process.env.GONGKAI_DB
const TITLE = '关于推进政务公开标准化规范化建设的实施意见'
const NUMBER = '长净管发[2025]88号'
let s

/** Clicks the row's 编辑 until the form shows: on a busy machine the click can land while the
 *  list is re-rendered after the search, on a row that is being replaced. */
async function openEditForm() {
  for (let attempt = 0; attempt < 5; attempt++) {
    await clickText(s, '[data-testid="doc-edit"]')
    const until = Date.now() + 3000
    while (Date.now() < until) {
      const shown = await s.execute(
        "const g = document.querySelector('[data-testid=\"f-disclosure\"]'); return !!g && g.offsetParent !== null",
      )
      if (shown) return
      await sleep(200)
    }
  }
  throw new Error('点击“编辑”后没有出现编辑表单')
}

/** The completeness badges of the rows the list shows. */
async function badges() {
  return s.execute(
    "return [...document.querySelectorAll('[data-testid=\"doc-table\"] [data-testid=\"complete-badge\"]')].map(e => e.textContent.trim())",
  )
}

/** The list's title link whose whole name includes `title`: found by its text content, since a
 *  long name is shown cut with "…" at the column's edge (and WebDriver reads what is shown). */
async function titleLink(title) {
  const css = '[data-testid="doc-table"] .doc-title'
  return waitUntil(`文件名称“${title}”`, async () => {
    const i = await s.execute(`return [...document.querySelectorAll(${JSON.stringify(css)})].findIndex((e) => e.textContent.includes(${JSON.stringify(title)}))`)
    return i >= 0 ? (await s.findAll(css))[i] : null
  })
}

before(async () => {
  assert.ok(BIN, 'GONGKAI_BIN must name the built binary')
  assert.ok(DB, 'GONGKAI_DB must name a scratch ledger')
  s = await startApp()
})

after(() => closeApp(s, 'documents-last.png'))

test('a document added in the window is found by three characters of its title, incomplete, then complete', async () => {
  const [nav] = await s.waitFor('[data-nav="文件台账"]')
  await nav.click()
  const [add] = await s.waitFor('[data-testid="doc-new"]')
  await add.click()

  const [title] = await s.waitFor('[data-testid="f-title"]')
  await title.type(TITLE)
  const [number] = await s.waitFor('[data-testid="f-doc-number"]')
  await number.type(NUMBER)
  await clickText(s, '[data-testid="f-category"] label', '行政规范性文件')
  const [issuer] = await s.waitFor('[data-testid="f-issuer"]')
  await clear(s, '[data-testid="f-issuer"]')
  await issuer.type('测试区人民政府办公室')
  const [published] = await s.waitFor('[data-testid="f-published-on"] input')
  await published.click()
  await published.type('2025-03-05\uE007')
  await sleep(300)
  await shot(s, 'documents-form.png')
  const [save] = await s.waitFor('[data-testid="f-save"]')
  await save.click()
  await s.waitForText('.el-message', (t) => t.includes('已登记'))

  // Three characters from the middle of the title: the trigram index finds it.
  const [search] = await s.waitFor('[data-testid="doc-search"]')
  await search.type('标准化')
  await titleLink(TITLE)
  const deadline = Date.now() + 10000
  while ((await s.findAll('[data-testid="doc-table"] .el-table__body tr')).length !== 1) {
    if (Date.now() > deadline) throw new Error('搜索“标准化”后列表不是一行')
    await sleep(200)
  }
  const [badge] = await badges()
  assert.match(badge, /^缺 4 项$/, `a new document without 要件 is incomplete: ${badge}`)
  await shot(s, 'documents-incomplete.png')

  // Fill in the missing 要件: 公开属性, 公开方式, 保密审查 and 无需解读 with its reason.
  await openEditForm()
  await clickText(s, '[data-testid="f-disclosure"] label', '全文公开')
  await clickText(s, '[data-testid="f-mode"] label', '主动公开')
  await clickText(s, '[data-testid="f-secrecy"] label', '已审查')
  await clickText(s, '[data-testid="f-no-interp"]')
  const [reason] = await s.waitFor('[data-testid="f-no-interp-reason"]')
  await reason.type('内部工作安排，不涉及公众权利义务')
  await clickText(s, '[data-testid="f-save"]')
  await s.waitForText('.el-message', (t) => t.includes('已保存'))
  const until = Date.now() + 10000
  for (;;) {
    const now = await badges()
    if (now.length === 1 && now[0] === '要件齐全') break
    if (Date.now() > until) throw new Error(`补齐要件后仍显示：${JSON.stringify(now)}`)
    await sleep(200)
  }
  await shot(s, 'documents-complete.png')

  const stored = execFileSync(
    'python3',
    [
      '-c',
      'import sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute("select doc_number, complete, disclosure, secrecy_reviewed from document where title=?", (sys.argv[2],)).fetchall(); print(r)',
      DB,
      TITLE,
    ],
    { encoding: 'utf8' },
  )
  assert.equal(stored.trim(), "[('长净管发〔2025〕88号', 1, 'full', 1)]")
})

test('the detail drawer shows the history and takes an interpretation', async () => {
  await (await titleLink(TITLE)).click()
  await s.waitForText('.el-drawer', (t) => t.includes('登记时的状态') && t.includes('状态记录'))
  const [title] = await s.waitFor('[data-testid="i-title"]')
  await title.type('《实施意见》图解')
  await clickText(s, '[data-testid="i-add"]')
  await s.waitForText('.el-message', (t) => t.includes('已添加解读材料'))
  let row = ''
  for (let i = 0; i < 50 && !row.includes('《实施意见》图解'); i++) {
    await sleep(200)
    row = await s.execute("return document.querySelector('[data-testid=\"interp-table\"] .el-table__body')?.textContent || ''")
  }
  await shot(s, 'documents-drawer.png')
  assert.ok(row.includes('《实施意见》图解'), `the interpretation is listed: ${row}`)
  assert.ok(row.includes('同步'), `an interpretation without a later date is in sync: ${row}`)
  await closeDrawers(s)
})

test('a register file chosen in the window is sent as bytes and imported', async () => {
  const sample = process.env.GONGKAI_SAMPLE_DOCUMENTS || new URL('../../../shared/contract/documents.csv', import.meta.url).pathname
  const [file] = await s.waitFor('[data-testid="doc-file"]')
  await file.type(sample)
  const summary = await s.waitForText('[data-testid="import-status"]', (t) => t.includes('导入完成') || t.includes('导入失败'))
  assert.ok(summary.includes('已导入 14 件文件'), summary)
  assert.ok(summary.includes('要件不齐全'), summary)
  await shot(s, 'documents-imported.png')
  assert.equal(rowCount(DB, 'document'), 15)
})

test('a long import shows the ledger\'s row-by-row progress while it runs', async () => {
  const rows = 1500
  const lines = ['文件名称,文号,类别,制发机关,发布日期']
  for (let i = 1; i <= rows; i++) lines.push(`进度测试文件第${i}号,进度测〔2026〕${i}号,其他政策文件,某区人民政府,2026-01-05`)
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-progress-'))
  const path = join(dir, '大批文件.csv')
  writeFileSync(path, lines.join('\n') + '\n')
  await recordProgress(s)
  const [file] = await s.waitFor('[data-testid="doc-file"]')
  await file.type(path)
  const summary = await s.waitForText('[data-testid="import-status"]', (t) => t.includes('导入完成') || t.includes('导入失败'), 120000)
  assert.ok(summary.includes(`已导入 ${rows} 件文件`), summary)
  const seen = await progressSeen(s)
  const rowsSeen = seen.filter((t) => /正在(逐行校验|写入台账)：第 [\d,]+ \/ 1,500 行/.test(t))
  assert.ok(rowsSeen.length >= 2, `the bar showed row counts while importing: ${JSON.stringify(seen.slice(0, 20))}`)
  assert.ok(
    seen.some((t) => t.includes('正在写入台账')),
    `the writing stage was shown: ${JSON.stringify(seen.slice(-10))}`,
  )
  assert.equal(rowCount(DB, 'document'), 15 + rows)
})

test('the webview reported no errors on the register page', async () => {
  const errors = await s.execute('return window.__GONGKAI_ERRORS__ || null')
  assert.deepEqual(errors, [])
})
