// End-to-end (issue 23, point 7): 设置 → 台账文件 → 备份到 U 盘或其他文件夹 copies the ledger and its
// attachments into the folder the native dialog answers (GONGKAI_BACKUP_DIALOG, set by run.sh, stands
// in for the dialog WebDriver cannot click), verified; the window names the folder, the copy holds the
// attachment byte for byte, and the backup is a 台账事件.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { cliOn, closeApp, jsClick, shot, startApp, waitForTextOf, waitUntil } from './helpers.mjs'

const DB = process.env.GONGKAI_DB
const USB = process.env.GONGKAI_BACKUP_DIALOG
let s

const sha = (bytes) => createHash('sha256').update(bytes).digest('hex')
const made = () => readdirSync(USB).filter((n) => n.startsWith('政务公开台账备份-') && !n.endsWith('.part'))

before(async () => {
  assert.ok(DB && USB, 'run.sh sets GONGKAI_DB and GONGKAI_BACKUP_DIALOG')
  s = await startApp()
})

after(() => closeApp(s, 'backupfolder-last.png'))

test('备份到 U 盘 writes the ledger and its attachments into the chosen folder, verified', async () => {
  // A request with an attachment (its issued 登记回执, kept as a PDF), written through the command line.
  const cli = cliOn(DB)
  const number = cli('request', 'register', '--type', '自然人', '--name', '备份测试人', '--channel', '当面',
    '--received', '2025-03-03', '--content', '备份到U盘的测试申请').trim().split(/\s+/).pop()
  const file = join(tmpdir(), `e2e-backup-${process.pid}.pdf`)
  cli('letter', number, '登记回执', '--out', file)
  const bytes = readFileSync(file)
  const before = made().length

  await jsClick(s, '[data-nav="设置"]')
  await s.waitFor('.el-tabs__item')
  await s.execute('for (const t of document.querySelectorAll(".el-tabs__item")) if (t.textContent.includes("台账文件")) t.click()')
  await s.waitFor('[data-testid="backup-to-folder"]')
  await jsClick(s, '[data-testid="backup-to-folder"]')
  const result = await waitForTextOf(s, '[data-testid="backup-to-folder-result"]', (t) => t.includes('已备份到'), 120000)
  await shot(s, 'backupfolder-done.png')
  assert.ok(result.includes(USB), `names the folder: ${result}`)
  assert.ok(result.includes('校验无误'), result)

  await waitUntil('the new folder is in place', async () => made().length === before + 1)
  const folder = join(USB, made().sort().pop())
  assert.ok(result.includes(folder), `${result} names ${folder}`)
  assert.ok(existsSync(join(folder, '台账备份.db')))
  const list = readFileSync(join(folder, '校验清单.txt'), 'utf8')
  const line = list.split('\n').find((l) => l.startsWith(sha(bytes)))
  assert.ok(line, `the attachment is in the checksum list:\n${list}`)
  const copy = readFileSync(join(folder, line.split('  ')[1]))
  assert.equal(sha(copy), sha(bytes), 'the plain copy is the attachment byte for byte')

  // Recorded as a 台账事件 (read straight from the ledger file).
  const events = execFileSync('sqlite3', ['-readonly', DB, "SELECT detail FROM ledger_event WHERE kind = 'backup'"], { encoding: 'utf8' })
  assert.ok(events.includes(folder), events)
})
