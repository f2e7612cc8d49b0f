// The ledger as a legal record in the window: the audit log's wording and field comparison, the
// 校验 verdict, and backups (立即备份, 只读查看, 恢复 with its
// confirmation naming what is replaced).
import { describe, expect, it, vi, beforeEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import AuditLog from '../src/components/AuditLog.vue'
import BackupSettings from '../src/components/BackupSettings.vue'
import { auditVerdict, changeSummary, diffEntry, restoreWarning, schemaNote, tableLabel } from '../src/ledgerRecord'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }))

const ENTRY = {
  id: 42,
  at: '2025-06-02T01:02:03.456Z',
  operator: '张三',
  action: 'update',
  table_name: 'request',
  row_id: 7,
  before: '{"applicant_name":"王小明","status":"processing","number":"2025-0007"}',
  after: '{"applicant_name":"王小明","status":"replied","number":"2025-0007"}',
}
const PAGE = { entries: [ENTRY], total: 45, tables: ['department', 'request'], operators: ['张三', '系统'] }
const FILE = { name: '自动备份-2025-06-02.db', kind: '自动', size_bytes: 8192, modified: '2025-06-02 09:00:01', ledger_id: null, head: null }

beforeEach(() => {
  invoke.mockReset()
  document.body.innerHTML = ''
})

describe('audit log wording', () => {
  it('compares before and after field by field, changed fields first', () => {
    const rows = diffEntry(ENTRY.before, ENTRY.after)
    expect(rows[0]).toEqual({ field: 'status', before: 'processing', after: 'replied', changed: true })
    expect(rows.filter((r) => r.changed)).toHaveLength(1)
    expect(changeSummary(ENTRY.before, ENTRY.after)).toBe('status：processing → replied')
    const inserted = diffEntry(null, '{"name":"信息中心","retired":0}')
    expect(inserted.every((r) => r.changed && r.before === '')).toBe(true)
    expect(changeSummary(null, '{"name":"信息中心","retired":0}')).toBe('新增记录（2 个字段）')
    expect(changeSummary('{"a":1}', null)).toBe('删除记录')
    expect(diffEntry('{"a":""}', '{"a":null}')[0]).toMatchObject({ before: '（空）', after: '（空）', changed: true })
    expect(diffEntry('不是 JSON', null)[0]).toMatchObject({ field: '内容', before: '不是 JSON' })
  })

  it('names the record tables and says what a 台账事件 was', () => {
    expect(tableLabel('ledger_event')).toBe('台账事件（ledger_event）')
    expect(tableLabel('ledger_identity')).toBe('台账标识（ledger_identity）')
    const after = '{"id":1,"at":"2025-06-02T01:02:03.456Z","operator":"张三","kind":"export_unmasked","detail":"导出 3 件申请","records":3}'
    expect(changeSummary(null, after, 3, 'ledger_event')).toBe('导出完整个人信息（3 条）：导出 3 件申请')
    const change = '{"kind":"operator_change","detail":"由 张三 改为 李四","records":0}'
    expect(changeSummary(null, change, 3, 'ledger_event')).toBe('更换操作人：由 张三 改为 李四')
    expect(changeSummary(null, after, 3, 'request')).toBe('新增记录（6 个字段）')
  })

  it('says upgrades and restores in words, not JSON', () => {
    const upgrade = JSON.stringify({ kind: 'upgrade', records: 0, detail: JSON.stringify({ from: 10, to: 11, verification: '升级前校验：审计日志完好' }) })
    expect(changeSummary(null, upgrade, 3, 'ledger_event')).toBe('升级台账结构：结构版本由 10 升级到 11；升级前校验：审计日志完好')
    const detail = JSON.stringify({ from: 'b.db', restored_head: '40:' + 'ab'.repeat(32), replaced_head: '55:' + 'cd'.repeat(32), safety_copy: '恢复前-x.db', attachments: 2 })
    const restore = JSON.stringify({ kind: 'restore', records: 0, detail })
    expect(changeSummary(null, restore, 3, 'ledger_event')).toBe(
      '从备份恢复：从“b.db”恢复，恢复到审计日志第 40 条（校验码 abababab-abababab）；替换前为第 55 条（校验码 cdcdcdcd-cdcdcdcd），原台账另存为“恢复前-x.db”；写回附件 2 个',
    )
  })

  it('says the verdict in Chinese', () => {
    expect(auditVerdict({ entries: 10, rows: 4, anchors: 0, head: null, problems: [] })).toEqual({ ok: true, title: '审计日志完好：10 条日志，4 条记录均与日志一致', lines: [] })
    const head = { entry: 10, hash: '3f2a9c017b4e8d20' + '0'.repeat(48) }
    expect(auditVerdict({ entries: 10, rows: 4, anchors: 2, head, problems: [] }).title).toBe(
      '审计日志完好：10 条日志，4 条记录均与日志一致，与 2 个锚点（备份、本机记录）相符；最新一条：审计日志第 10 条 校验码 3f2a9c01-7b4e8d20',
    )
    const bad = auditVerdict({ entries: 10, rows: 4, anchors: 0, head: null, problems: ['request 表第 3 行与审计日志记录的最后状态不符（被绕过程序改动）'] })
    expect(bad.ok).toBe(false)
    expect(bad.title).toContain('发现 1 处问题')
    expect(bad.lines[0]).toContain('request 表第 3 行')
  })

  it('names what a restore replaces, and how a backup schema compares', () => {
    const w = restoreWarning(FILE, '/home/u/ledger.db')
    expect(w).toContain('自动备份-2025-06-02.db')
    expect(w).toContain('/home/u/ledger.db')
    expect(w).toContain('恢复前')
    const s = { name: 'x.db', schema_version: 5, supported_version: 6, organ_name: '', requests: 0, documents: 0, audit_entries: 0, last_change: '', ledger_id: null, head: null, is_backup: true, attachments: 0, problems: [] }
    expect(schemaNote(s)).toContain('旧版本')
    expect(schemaNote({ ...s, schema_version: 6 })).toBe('6（当前版本）')
  })
})

describe('审计日志 page', () => {
  it('pages and filters in the query, and shows 校验 in Chinese', async () => {
    invoke.mockImplementation(async (cmd: string) => {
      if (cmd === 'audit_list') return PAGE
      if (cmd === 'audit_verify') return { entries: 45, rows: 9, problems: [] }
      throw { code: 'NotFound', message: cmd }
    })
    const w = mount(AuditLog, { global: { plugins: [[ElementPlus, { locale: zhCn }]] }, attachTo: document.body })
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('audit_list', { filter: { table_name: null, operator: null, from: null, to: null, record: null, limit: 20, offset: 0 } })
    const table = w.find('[data-testid="audit-entries"]').text()
    expect(table).toContain('张三')
    expect(table).toContain('依申请公开（request）')
    expect(table).toContain('status：processing → replied')
    expect(w.text()).toContain('共 45 条')

    await w.find('[data-testid="audit-record"]').setValue('2025-0007')
    await w.find('[data-testid="audit-search"]').trigger('click')
    await flushPromises()
    expect(invoke).toHaveBeenLastCalledWith('audit_list', { filter: expect.objectContaining({ record: '2025-0007', offset: 0 }) })

    await w.find('.el-pager li:nth-child(2)').trigger('click')
    await flushPromises()
    expect(invoke).toHaveBeenLastCalledWith('audit_list', { filter: expect.objectContaining({ offset: 20 }) })

    await w.find('[data-testid="audit-verify"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="audit-verdict"]').text()).toContain('审计日志完好：45 条日志，9 条记录均与日志一致')
  })
})

describe('备份', () => {
  it('lists backups, backs up now, inspects read-only and restores after a confirmation naming both files', async () => {
    const made = { ...FILE, name: '手动备份-20250602-101500.db', kind: '手动' }
    invoke.mockImplementation(async (cmd: string) => {
      if (cmd === 'backups_list') return [FILE]
      if (cmd === 'backup_interval') return 4
      if (cmd === 'backup_save_interval') return 6
      if (cmd === 'backup_now') return [made, FILE]
      if (cmd === 'backup_inspect')
        return { name: FILE.name, schema_version: 6, supported_version: 6, organ_name: '某区人民政府办公室', requests: 12, documents: 3, audit_entries: 99, last_change: '2025-06-02T01:00:00Z', problems: [] }
      if (cmd === 'backup_restore') return '恢复前-20250602-103000.db'
      throw { code: 'NotFound', message: cmd }
    })
    const w = mount(BackupSettings, { props: { ledgerPath: '/home/u/ledger.db' }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(w.find('[data-testid="backup-list"]').text()).toContain('自动备份-2025-06-02.db')
    expect((w.find('[data-testid="backup-interval"] input').element as HTMLInputElement).value).toBe('4')
    await w.find('[data-testid="backup-interval"] input').setValue('6')
    await w.find('[data-testid="backup-interval"] input').trigger('change')
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('backup_save_interval', { hours: 6 })

    await w.find('[data-testid="backup-now"]').trigger('click')
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('backup_now', undefined)
    expect(w.find('[data-testid="backup-list"]').text()).toContain('手动备份-20250602-101500.db')

    await w.find(`[data-inspect="${FILE.name}"]`).trigger('click')
    await flushPromises()
    const summary = document.querySelector('[data-testid="backup-summary"]')!.textContent!
    expect(summary).toContain('某区人民政府办公室')
    expect(summary).toContain('12 件')
    expect(summary).toContain('通过')

    await w.find(`[data-restore="${FILE.name}"]`).trigger('click')
    await flushPromises()
    const box = document.querySelector('.el-message-box')!
    expect(box.textContent).toContain('自动备份-2025-06-02.db')
    expect(box.textContent).toContain('/home/u/ledger.db')
    expect(invoke).not.toHaveBeenCalledWith('backup_restore', expect.anything())
    ;(box.querySelector('.el-button--primary') as HTMLElement).click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 350))
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('backup_restore', { name: FILE.name, otherLedgerConfirmed: false })
    expect(w.emitted('restored')).toHaveLength(1)
  })

  it("asks again, naming both ledgers, before restoring another ledger's backup", async () => {
    const refusal = {
      code: 'Conflict',
      message: '备份“自动备份-2025-06-02.db”属于另一本台账（标识 ab12cd34），当前台账的标识是 ef56aa00；确认要用它替换当前台账，请再次确认（命令行加 --yes）',
    }
    invoke.mockImplementation(async (cmd: string, args?: { otherLedgerConfirmed?: boolean }) => {
      if (cmd === 'backups_list') return [FILE]
      if (cmd === 'backup_interval') return 4
      if (cmd === 'backup_restore') {
        if (!args?.otherLedgerConfirmed) throw refusal
        return '恢复前-20250602-103000.db'
      }
      throw { code: 'NotFound', message: cmd }
    })
    document.body.innerHTML = ''
    const w = mount(BackupSettings, { props: { ledgerPath: '/home/u/ledger.db' }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    await w.find(`[data-restore="${FILE.name}"]`).trigger('click')
    await flushPromises()
    ;(document.querySelector('.el-message-box .el-button--primary') as HTMLElement).click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 350))
    await flushPromises()
    const boxes = [...document.querySelectorAll('.el-message-box')]
    const second = boxes[boxes.length - 1]
    expect(second.textContent).toContain('ab12cd34')
    expect(second.textContent).toContain('ef56aa00')
    expect(second.textContent).not.toContain('--yes')
    expect(w.emitted('restored')).toBeUndefined()
    ;(second.querySelector('.el-button--primary') as HTMLElement).click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 350))
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('backup_restore', { name: FILE.name, otherLedgerConfirmed: true })
    expect(w.emitted('restored')).toHaveLength(1)
  })
})
