// End-to-end: the ledger as a legal record in the real window. A ledger without accounts asks for
// its first 管理员, who is signed in at once; a change made in 设置 shows up in 审计日志 under that
// account; 校验 passes; a manual backup appears in the list and opens read-only.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { clear, closeApp, jsClick, shot, startApp, textOf, type, waitUntil } from './helpers.mjs'

const BIN = process.env.GONGKAI_BIN
// A ledger of its own, without accounts: the window must ask for the first 管理员.
const DB = process.env.GONGKAI_DB && join(dirname(process.env.GONGKAI_DB), 'audit-e2e.db')
let s

async function openTab(name) {
  await jsClick(s, '[data-nav="设置"]')
  await s.waitFor('.el-tabs__item')
  await s.execute(
    'for (const t of document.querySelectorAll(".el-tabs__item")) if (t.textContent.includes(arguments[0])) t.click()',
    [name],
  )
}

before(async () => {
  assert.ok(BIN && DB, 'run.sh sets GONGKAI_BIN and GONGKAI_DB')
  s = await startApp(['--db', DB], { signIn: false })
})

after(() => closeApp(s))

test('a ledger without accounts asks for its first 管理员, who is then signed in', async () => {
  await s.waitFor('[data-testid="first-account-dialog"] input')
  const prompt = await textOf(s, '[data-testid="first-account-dialog"]')
  assert.ok(prompt.includes('还没有账户') && prompt.includes('必须有管理员角色'), prompt)
  await type(s, '[data-testid="first-login"]', 'auditor')
  await type(s, '[data-testid="first-name"]', '审计测试员')
  await type(s, '[data-testid="first-password"]', 'short')
  await type(s, '[data-testid="first-again"]', 'short')
  await jsClick(s, '[data-testid="first-submit"]')
  const refused = await waitUntil('the ledger refuses a short password', async () => (await textOf(s, '[data-testid="first-error"]')).trim())
  assert.ok(refused.includes('至少要 8 个字符'), refused)
  await shot(s, 'first-account.png')
  await clear(s, '[data-testid="first-password"]')
  await clear(s, '[data-testid="first-again"]')
  await type(s, '[data-testid="first-password"]', 'audit-password-1')
  await type(s, '[data-testid="first-again"]', 'audit-password-1\uE007')
  const shown = await waitUntil('header account', async () => {
    const t = (await textOf(s, '[data-testid="account"]')).trim()
    return t === '审计测试员（auditor）' && t
  })
  assert.equal(shown, '审计测试员（auditor）')
  const listed = execFileSync(BIN, ['user', 'list', '--db', DB], { encoding: 'utf8' })
  assert.ok(/^auditor\t审计测试员\t.*管理员/m.test(listed), listed)
})

test('a change made in 设置 appears in 审计日志 under the account, and 校验 passes', async () => {
  await openTab('机关信息')
  const [input] = await s.waitFor('[data-testid="organ-name"]')
  await clear(s, '[data-testid="organ-name"]')
  await input.type('审计测试机关\uE007')
  await s.waitForText('.el-message', (t) => t.includes('机关名称已保存'))

  await openTab('审计日志')
  const [record] = await s.waitFor('[data-testid="audit-record"]')
  await record.type('审计测试机关')
  await jsClick(s, '[data-testid="audit-search"]')
  const rows = await waitUntil('the entry of the change', async () => {
    const t = await textOf(s, '[data-testid="audit-entries"] .el-table__body')
    return t.includes('审计测试员（auditor）') && t.includes('设置 机关名称') && t
  })
  assert.ok(/新增|修改/.test(rows), rows) // 修改 when an earlier test file set the organ name
  await jsClick(s, '[data-testid="audit-entries"] .el-table__body .el-button')
  const diff = await waitUntil('before/after of the entry', async () => (await textOf(s, '[data-testid="audit-diff"]')).trim())
  assert.ok(diff.includes('审计测试机关') && diff.includes('机关名称') && diff.includes('设置值'), diff)
  assert.ok(!diff.includes('organ_name'), `the setting by its name: ${diff}`)
  await shot(s, 'audit-detail.png')
  await s.execute("document.querySelector('.el-dialog__headerbtn').click()")
  await waitUntil('dialog closed', async () =>
    s.execute("const d = document.querySelector('[data-testid=\"audit-diff\"]'); return !d || d.offsetParent === null"),
  )

  await jsClick(s, '[data-testid="audit-verify"]')
  const verdict = await waitUntil('校验 result', async () => (await textOf(s, '[data-testid="audit-verdict"]')).trim())
  assert.ok(verdict.includes('审计日志完好'), verdict)
  await shot(s, 'audit-log.png')
})

test('a request\'s status change reads in Chinese under its 受理编号', async () => {
  const cli = (...args) =>
    execFileSync(BIN, [...args, '--db', DB, '--user', 'auditor'], { encoding: 'utf8', env: { ...process.env, GONGKAI_PASSWORD: 'audit-password-1' } })
  cli('request', 'register', '--number', 'E2E-AUD-0001', '--type', '自然人', '--name', '审计申请人', '--channel', '网络', '--received', '2026-03-02', '--content', '申请公开审计测试文件')
  cli('request', 'event', 'E2E-AUD-0001', '答复', '--date', '2026-03-05', '--result', '予以公开')
  cli('request', 'event', 'E2E-AUD-0001', '送达', '--date', '2026-03-06', '--method', '邮寄', '--proof', 'EMS-E2E')
  await openTab('审计日志')
  await s.waitFor('[data-testid="audit-record"]')
  await clear(s, '[data-testid="audit-record"]')
  await type(s, '[data-testid="audit-record"]', 'E2E-AUD-0001')
  await jsClick(s, '[data-testid="audit-search"]')
  const rows = await waitUntil('the status change', async () => {
    const t = await textOf(s, '[data-testid="audit-entries"] .el-table__body')
    return t.includes('办理状态：已答复 → 已送达') && t
  })
  assert.ok(rows.includes('受理编号 E2E-AUD-0001') && rows.includes('依申请公开'), rows)
  assert.ok(rows.includes('办理记录：送达（2026-03-06；方式：邮寄；送达凭证：EMS-E2E）'), rows)
  assert.ok(!/delivered|replied|行号/.test(rows), `no codes, no row numbers: ${rows}`)
  await s.setWindowRect({ width: 1366, height: 768 })
  await waitUntil('a 1366 px window, the list loaded', async () =>
    Math.abs((await s.execute('return window.innerWidth')) - 1366) <= 40 &&
    (await s.execute("return [...document.querySelectorAll('[data-testid=\"audit-entries\"] .el-loading-mask')].every((m) => m.offsetParent === null)")),
  )
  await shot(s, 'audit-readable.png')
  // The command line prints the same words.
  const printed = execFileSync(BIN, ['audit', 'list', '--record', 'E2E-AUD-0001', '--db', DB], { encoding: 'utf8' })
  assert.ok(printed.includes('受理编号 E2E-AUD-0001\t办理状态：已答复 → 已送达'), printed)
})

test('立即备份 adds a backup that opens read-only', async () => {
  await openTab('台账文件')
  await jsClick(s, '[data-testid="backup-now"]')
  const list = await waitUntil('the new backup', async () => {
    const t = await textOf(s, '[data-testid="backup-list"] .el-table__body')
    return t.includes('手动备份-') && t
  })
  assert.ok(list.includes('手动'), list)
  await jsClick(s, '[data-inspect^="手动备份-"]')
  const summary = await waitUntil('read-only view', async () => (await textOf(s, '[data-testid="backup-summary"]')).trim())
  assert.ok(summary.includes('审计测试机关') && summary.includes('通过'), summary)
  await shot(s, 'backup-inspect.png')
})

test('the webview reported no errors', async () => {
  const errors = await s.execute('return window.__GONGKAI_ERRORS__ || null')
  assert.deepEqual(errors, [])
})
