// End-to-end: the ledger as a legal record in the real window. A fresh workstation is asked for
// its 操作人 once; a change made in 设置 shows up in 审计日志 under that name; 校验 passes; a
// manual backup appears in the list and opens read-only.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { clear, closeApp, jsClick, shot, startApp, textOf, waitUntil } from './helpers.mjs'

const BIN = process.env.GONGKAI_BIN
const CONFIG = process.env.GONGKAI_CONFIG_DIR
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
  assert.ok(BIN && CONFIG, 'run.sh sets GONGKAI_BIN and GONGKAI_CONFIG_DIR')
  // A fresh workstation: nobody has entered a name here yet.
  rmSync(join(CONFIG, 'workstation.json'), { force: true })
  s = await startApp()
})

after(() => closeApp(s))

test('a fresh workstation is asked for its 操作人 once, and the header shows it', async () => {
  const [input] = await s.waitFor('.operator-prompt input')
  const prompt = await textOf(s, '.operator-prompt')
  assert.ok(prompt.includes('本机第一次使用'), prompt)
  await shot(s, 'operator-prompt.png')
  await input.type('审计测试员\uE007')
  await waitUntil('the prompt closed', async () => !(await s.execute("return !!document.querySelector('.operator-prompt')")))
  const shown = await waitUntil('header operator', async () => {
    const t = (await textOf(s, '[data-testid="operator"]')).trim()
    return t === '审计测试员' && t
  })
  assert.equal(shown, '审计测试员')
  assert.ok(existsSync(join(CONFIG, 'workstation.json')))
  assert.equal(JSON.parse(readFileSync(join(CONFIG, 'workstation.json'), 'utf8')).operator, '审计测试员')
})

test('a change made in 设置 appears in 审计日志 under the operator, and 校验 passes', async () => {
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
    return t.includes('审计测试员') && t.includes('设置（setting）') && t
  })
  assert.ok(/新增|修改/.test(rows), rows) // 修改 when an earlier test file set the organ name
  await jsClick(s, '[data-testid="audit-entries"] .el-table__body .el-button')
  const diff = await waitUntil('before/after of the entry', async () => (await textOf(s, '[data-testid="audit-diff"]')).trim())
  assert.ok(diff.includes('审计测试机关') && diff.includes('organ_name'), diff)
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
