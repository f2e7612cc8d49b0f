// End-to-end: register a request in the real window, record a correction and a reply, and see the
// timeline and the deadline; the deadline must be the statutory clock's (checked with the CLI on
// the same ledger). Run by tests/e2e/run.sh with the app's binary.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sleep } from './webdriver.mjs'
import { chooseOption, click, clickUntil, cliOn, closeApp, closeDrawers, progressSeen, recordProgress, rowCount, shot, startApp, type, waitUntil } from './helpers.mjs'

const BIN = process.env.GONGKAI_BIN
const DB = process.env.GONGKAI_DB
let s

const cli = cliOn(DB)
const today = () => {
  const d = new Date()
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/** Opens the action's form, fills it, submits, and waits for the timeline to show `expect`. */
async function act(kind, fill, expect) {
  await click(s, `[data-action="${kind}"]`)
  await s.waitFor('form[data-testid="action-form"]')
  if (fill) await fill()
  await click(s, '[data-testid="action-submit"]')
  await s.waitForText('[data-testid="timeline"]', (t) => t.includes(expect))
  // the dialog closes on success
  for (let i = 0; i < 40 && (await s.findAll('form[data-testid="action-form"]')).length; i++) await sleep(100)
}

before(async () => {
  assert.ok(BIN, 'GONGKAI_BIN must name the built binary')
  assert.ok(DB, 'GONGKAI_DB must name a scratch ledger')
  s = await startApp()
})

after(() => closeApp(s, 'requests.png'))

test('registers a request, records a correction and a reply, and shows the timeline and the deadline', async () => {
  await click(s, '[data-nav="依申请公开"]')
  await click(s, '[data-testid="request-new"]')
  await type(s, 'input[data-testid="reg-name"]', '端到端测试申请人')
  await type(s, 'input[data-testid="reg-id"]', '11010519491231002X')
  await type(s, 'input[data-testid="reg-contact"]', '13912345678')
  await type(s, 'textarea[data-testid="reg-content"]', '申请公开端到端测试文件')
  await click(s, '[data-testid="reg-submit"]')

  // The new request opens with its deadline: 20 working days from today, as the CLI computes it.
  const shown = (await s.waitForText('[data-testid="reply-deadline"]')).trim()
  const want = cli('calendar', 'due', today(), '20').trim()
  assert.equal(shown, want)
  const derivation = await s.waitForText('[data-testid="reply-derivation"]')
  assert.ok(derivation.includes(`${today()} 收到申请`), derivation)
  assert.ok(derivation.includes(`答复期限 ${want}`), derivation)

  // The shared ledger may hold other files' requests (the backup tests register one): find ours.
  const number = (cli('request', 'list').split('\n').find((l) => l.includes('端到端测试申请人')) ?? '').split('\t')[0]
  assert.match(number, /^\d{4}-\d{4}$/)
  assert.ok(cli('request', 'show', number).includes(`答复期限：${shown}`), 'the window and the CLI show the same deadline')

  await act(
    'correction_requested',
    () => type(s, 'textarea[data-testid="action-items"]', '请写明所需文件的名称或文号'),
    '告知补正',
  )
  await s.waitForText('[data-testid="detail-status"]', (t) => t.includes('待补正'))
  assert.deepEqual(
    await s.execute("return [...document.querySelectorAll('[data-testid=\"actions\"] [data-action]')].map(b => b.dataset.action)"),
    ['correction_received', 'correction_lapsed', 'withdrawn'],
    'only the actions allowed while awaiting the correction are offered',
  )

  await act('correction_received', null, '收到补正')
  const restarted = (await s.waitForText('[data-testid="reply-deadline"]')).trim()
  assert.equal(restarted, want, 'corrected today: 20 working days from today again')
  assert.ok((await s.waitForText('[data-testid="reply-derivation"]')).includes('收到补正，答复期限自该日起重新计算'))

  // 办理结果 starts empty (issue 23): the clerk chooses it.
  await act('replied', () => chooseOption(s, '[data-testid="action-result"]', '予以公开'), '答复：予以公开')
  await s.waitForText('[data-testid="detail-status"]', (t) => t.includes('已答复'))
  const timeline = await s.waitForText('[data-testid="timeline"]')
  for (const step of ['登记', '告知补正', '收到补正', '答复']) assert.ok(timeline.includes(step), `timeline shows ${step}`)

  await shot(s, 'request-detail.png')

  const stored = cli('request', 'show', number)
  assert.ok(stored.includes('状态：已答复'), stored)
  assert.ok(stored.includes('办结：') && stored.includes('予以公开'), stored)
})

test('a request names the register document it asks for, chosen from 文件台账 as the clerk types', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-link-'))
  const csv = join(dir, 'doc.csv')
  writeFileSync(csv, '文件名称,文号,类别,制发机关,发布日期\n某区城市绿地系统专项规划实施办法,某政规〔2025〕17号,行政规范性文件,某区人民政府,2025-04-01\n')
  cli('import', 'documents', csv)
  // the detail drawer of the first test may still be open
  await closeDrawers(s)
  await clickUntil(s, '[data-testid="request-new"]', 'input[data-testid="reg-name"]')
  await type(s, 'input[data-testid="reg-name"]', '关联文件测试人')
  await type(s, 'input[data-testid="reg-id"]', '11010519491231002X')
  await type(s, 'textarea[data-testid="reg-content"]', '申请公开该办法的起草说明')
  await type(s, 'input[data-testid="reg-document"]', '绿地系统')
  await s.waitForText('[data-testid^="doc-option-"]', (t) => t.includes('某政规〔2025〕17号'))
  const option = await s.execute("return document.querySelector('[data-testid^=\"doc-option-\"]').textContent")
  assert.ok(option.includes('某区城市绿地系统专项规划实施办法'), option)
  await shot(s, 'request-document-options.png')
  await s.execute("document.querySelector('[data-testid^=\"doc-option-\"]').closest('li').click()")
  await s.waitForText('[data-testid="reg-document-note"]', (t) => t.includes('已关联文件台账中的文件'))
  await shot(s, 'request-linked-form.png')
  await click(s, '[data-testid="reg-submit"]')
  const linked = await s.waitForText('[data-testid="linked-document"]')
  assert.ok(linked.includes('《某区城市绿地系统专项规划实施办法》（某政规〔2025〕17号）'), linked)
  await shot(s, 'request-linked-detail.png')
  const stored = execFileSync(
    'python3',
    ['-c', 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select d.doc_number from request r join document d on d.id = r.document_id where r.applicant_name = ?", ("关联文件测试人",)).fetchone()[0])', DB],
    { encoding: 'utf8' },
  )
  assert.equal(stored.trim(), '某政规〔2025〕17号')
  await closeDrawers(s)
})

test('the list shows the request with its number, masked phone and status', async () => {
  await closeDrawers(s)
  // The list re-renders after the reply (status, then the row's other cells): read it once it
  // shows the reply and the masked phone together, or the last reading after 20 s.
  const settled = (t) => t.includes('已答复') && t.includes('139****5678')
  let table = ''
  for (let i = 0; i < 100 && !settled(table); i++) {
    table = (await s.execute("return document.querySelector('.el-table')?.textContent || ''")) ?? ''
    if (!settled(table)) await sleep(200)
  }
  assert.ok(table.includes('端到端测试申请人'), table)
  assert.ok(table.includes('139****5678'), table)
  assert.ok(!table.includes('13912345678'), 'the phone is masked in the list')
  assert.ok(table.includes('已答复'), table)
})

test("a refused import lists every bad line in 文件台账's panel, which stays until closed", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-request-import-'))
  const path = join(dir, '有错的申请.csv')
  writeFileSync(
    path,
    [
      '受理编号,申请人类型,申请人,申请方式,收到日期,申请内容',
      'E2E-IMP-0001,自然人,甲,网络,2025-02-30,申请公开某文件',
      'E2E-IMP-0002,外星人,乙,网络,2025-03-01,申请公开某文件',
      'E2E-IMP-0003,自然人,,网络,2025-03-02,申请公开某文件',
    ].join('\n') + '\n',
  )
  const [file] = await s.waitFor('[data-testid="request-import-file"]')
  await file.type(path)
  const panel = await s.waitForText('[data-testid="import-lines"]', (t) => t.includes('第4行'))
  assert.ok(panel.includes('第2行') && panel.includes('第3行'), panel)
  const title = await s.execute('return document.querySelector(\'[data-testid="import-status"] .el-alert__title\').textContent')
  assert.ok(title.includes('导入失败，未写入任何记录'), title)
  const lines = await s.execute('return document.querySelectorAll(\'[data-testid="import-lines"] .import-line\').length')
  assert.equal(lines, 3, `one line per error, under the title`)
  await s.setWindowRect({ width: 1366, height: 768 })
  await waitUntil('a 1366 px window', async () => Math.abs((await s.execute('return window.innerWidth')) - 1366) <= 40)
  await shot(s, 'request-import-errors.png')
  // An alert the clerk closes, not a toast that closes itself.
  assert.equal(await s.execute('return [...document.querySelectorAll(".el-message")].filter((m) => m.textContent.includes("导入失败")).length'), 0)
  assert.equal(cli('request', 'list', '--query', 'E2E-IMP').trim(), '', 'nothing imported')
  await s.execute("document.querySelector('[data-testid=\"import-status\"] .el-alert__close-btn').click()")
  await waitUntil('the panel closed', async () => !(await s.execute('return !!document.querySelector(\'[data-testid="import-status"]\')')))
})

test('a long request import shows its rows checked and written at once, and imports them all', async () => {
  const rows = 6000
  const lines = ['受理编号,申请人类型,申请人,申请方式,收到日期,申请内容,办结日期,办理结果']
  for (let i = 1; i <= rows; i++) lines.push(`E2E-BULK-${String(i).padStart(5, '0')},自然人,批量申请人${i},网络,2025-03-04,申请公开第${i}号文件,2025-03-20,予以公开`)
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-request-bulk-'))
  const path = join(dir, '批量申请.csv')
  writeFileSync(path, lines.join('\n') + '\n')
  const before = rowCount(DB, 'request')
  await recordProgress(s)
  const [file] = await s.waitFor('[data-testid="request-import-file"]')
  await file.type(path)
  const summary = await s.waitForText('[data-testid="import-status"]', (t) => t.includes('已导入') || t.includes('导入失败'), 120000)
  assert.ok(summary.includes(`已导入 ${rows} 条申请（已办结 ${rows} 条，未办结 0 条`), summary)
  const seen = await progressSeen(s)
  const counted = seen.filter((t) => /正在逐行校验并写入台账：第 [\d,]+ \/ 6,000 行/.test(t))
  assert.ok(counted.length >= 2, `the bar counted rows checked and written while importing: ${JSON.stringify(seen.slice(0, 20))}`)
  assert.equal(rowCount(DB, 'request'), before + rows)
  await s.execute("document.querySelector('[data-testid=\"import-status\"] .el-alert__close-btn')?.click()")
})

test('the webview reported no errors', async () => {
  const errors = await s.execute('return window.__GONGKAI_ERRORS__ || null')
  assert.deepEqual(errors, [])
})
