// The ledger as a legal record in the window: the audit log's wording and field comparison, the
// 校验 verdict, and backups (立即备份, 只读查看, 恢复 with its
// confirmation naming what is replaced).
import { describe, expect, it, vi, beforeEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import AuditLog from '../src/components/AuditLog.vue'
import BackupSettings from '../src/components/BackupSettings.vue'
import { actionLabel, auditVerdict, restoreWarning, schemaNote, tableLabel } from '../src/ledgerRecord'

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
  // Worded by the ledger (audit::readable), as `gongkai audit list` prints them.
  record: '受理编号 2025-0007',
  summary: '办理状态：办理中 → 已答复',
  fields: [
    { field: '办理状态', before: '办理中', after: '已答复', changed: true },
    { field: '申请人', before: '王小明', after: '王小明', changed: false },
  ],
}
const BATCH = {
  id: 41,
  at: '2025-06-02T01:00:00.000Z',
  operator: '张三',
  action: 'insert',
  table_name: 'import_batch',
  row_id: 1,
  before: null,
  after: '{"source":"申请.xlsx","table":"request","rows":[[1,500]],"digests":"…","keys":["2025-0001"]}',
  record: '受理编号 2025-0001 至 2025-0500',
  summary: '导入 500 条申请：2025-0001、2025-0002、2025-0003 … 2025-0500（来自 申请.xlsx）',
  fields: [{ field: '各条记录', before: '', after: '2025-0001、2025-0002', changed: true }],
}
const PAGE = { entries: [ENTRY, BATCH], total: 45, tables: ['department', 'request'], operators: ['张三', '系统'] }
const FILE = { name: '自动备份-2025-06-02.db', kind: '自动', size_bytes: 8192, modified: '2025-06-02 09:00:01', ledger_id: null, head: null }

beforeEach(() => {
  invoke.mockReset()
  document.body.innerHTML = ''
})

describe('audit log wording', () => {
  it('names tables and actions in Chinese, from the labels generated from Rust', () => {
    expect(tableLabel('ledger_event')).toBe('台账事件')
    expect(tableLabel('import_batch')).toBe('导入批次')
    expect(tableLabel('no_such_table')).toBe('no_such_table')
    expect(actionLabel('update')).toBe('修改')
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
    expect(table).toContain('依申请公开')
    expect(table).toContain('受理编号 2025-0007')
    expect(table).toContain('办理状态：办理中 → 已答复')
    expect(table).toContain('导入批次')
    expect(table).toContain('导入 500 条申请：2025-0001、2025-0002、2025-0003 … 2025-0500')
    expect(table).not.toContain('processing')
    expect(table).not.toContain('行号')
    expect(w.text()).toContain('共 45 条')

    // The detail: the record by its 受理编号, field by field in Chinese, changed fields marked.
    await w.findAll('[data-testid="audit-entries"] .el-table__row')[0].trigger('click')
    await flushPromises()
    const diff = document.querySelector('[data-testid="audit-diff"]')!
    expect(document.querySelector('.el-dialog')!.textContent).toContain('依申请公开 · 受理编号 2025-0007')
    expect(diff.textContent).toContain('办理状态')
    expect(diff.textContent).toContain('已答复')
    expect(diff.querySelectorAll('tr.changed')).toHaveLength(1)

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
