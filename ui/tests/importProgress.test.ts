// The import progress bar's arithmetic: reading fills the first tenth, validating the next 45 %,
// writing the rest; the text names the stage and the row.
import { describe, expect, it } from 'vitest'
import { importPercent, importStageText, useImportProgress } from '../src/importProgress'

describe('import progress', () => {
  it('maps each stage onto its share of the bar', () => {
    expect(importPercent({ stage: 'validating', done: 0, total: 400 })).toBe(10)
    expect(importPercent({ stage: 'validating', done: 200, total: 400 })).toBe(32)
    expect(importPercent({ stage: 'validating', done: 400, total: 400 })).toBe(55)
    expect(importPercent({ stage: 'writing', done: 0, total: 400 })).toBe(55)
    expect(importPercent({ stage: 'writing', done: 400, total: 400 })).toBe(100)
    expect(importPercent({ stage: 'writing', done: 0, total: 0 })).toBe(100)
    // 依申请公开 checks and writes at once: one stage over the whole bar after reading the file.
    expect(importPercent({ stage: 'checking_and_writing', done: 0, total: 400 })).toBe(10)
    expect(importPercent({ stage: 'checking_and_writing', done: 200, total: 400 })).toBe(55)
    expect(importPercent({ stage: 'checking_and_writing', done: 400, total: 400 })).toBe(100)
  })

  it('names the stage and the row in Chinese', () => {
    expect(importStageText({ stage: 'validating', done: 1200, total: 400000 })).toBe('正在逐行校验：第 1,200 / 400,000 行')
    expect(importStageText({ stage: 'writing', done: 3, total: 4 })).toBe('正在写入台账：第 3 / 4 行')
    expect(importStageText({ stage: 'checking_and_writing', done: 2000, total: 100000 })).toBe('正在逐行校验并写入台账：第 2,000 / 100,000 行')
  })

  it('never moves backwards and starts again for the next file', () => {
    const p = useImportProgress()
    p.begin('台账.xlsx')
    expect(p.running.value).toBe(true)
    expect(p.stage.value).toBe('正在读取“台账.xlsx”')
    p.reading(50, 100)
    expect(p.percent.value).toBe(5)
    p.report({ stage: 'writing', done: 2, total: 4 })
    p.report({ stage: 'validating', done: 4, total: 4 })
    expect(p.percent.value).toBe(77)
    p.end()
    expect(p.running.value).toBe(false)
    p.begin('下一个.csv')
    expect(p.percent.value).toBe(0)
  })
})
