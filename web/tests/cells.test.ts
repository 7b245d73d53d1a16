import { describe, expect, it } from 'vitest'
import { buildCellIndex, cellKey, cellsOf, countBySeverity, findingsAt, sortFindings, worstSeverity } from '../src/lib/cells'
import type { Finding } from '../src/lib/types'
import report from './fixtures/report-004.json'

const f = (o: Partial<Finding>): Finding => ({ rule: 'r', severity: 'info', message: 'm', table: null, row: null, column: null, ...o })

describe('cellsOf', () => {
  it('uses the cells list, culprit first, without repeating the finding’s own cell', () => {
    const x = f({ table: 3, row: 'total', column: 'other_org', cells: [{ table: 3, row: 'granted', column: 'other_org' }, { table: 3, row: 'total', column: 'other_org' }] })
    expect(cellsOf(x)).toEqual([
      { table: 3, row: 'granted', column: 'other_org' },
      { table: 3, row: 'total', column: 'other_org' },
    ])
  })
  it('falls back to table/row/column and keeps a whole-row finding as column null', () => {
    expect(cellsOf(f({ table: 4, row: 'review', column: null }))).toEqual([{ table: 4, row: 'review', column: null }])
  })
  it('has no cell for a finding about the text', () => {
    expect(cellsOf(f({ rule: 'format.section_heading' }))).toEqual([])
  })
})

describe('cell index', () => {
  it('maps seed 004’s narrative.unit error to Table 二 fees amount', () => {
    const idx = buildCellIndex(report.findings as Finding[])
    const at = findingsAt(idx, 2, 'fees_wan_yuan', 'amount')
    expect(at.map((x) => x.rule)).toEqual(['narrative.unit'])
    expect(worstSeverity(at)).toBe('error')
    expect(findingsAt(idx, 2, 'licensing', 'decisions')).toEqual([])
  })
  it('gives whole-row findings to every cell of the row, exact ones first, once each', () => {
    const row = f({ rule: 'row', severity: 'warning', table: 4, row: 'review', column: null })
    const cell = f({ rule: 'cell', severity: 'error', table: 4, row: 'review', column: 'total' })
    const idx = buildCellIndex([row, cell])
    expect(findingsAt(idx, 4, 'review', 'upheld').map((x) => x.rule)).toEqual(['row'])
    expect(findingsAt(idx, 4, 'review', 'total').map((x) => x.rule)).toEqual(['cell', 'row'])
    expect(idx.get(cellKey(4, 'review', null))).toHaveLength(1)
  })
})

describe('severity order', () => {
  it('puts errors first, then warnings, then info, by table, stable', () => {
    const xs = [f({ rule: 'a' }), f({ rule: 'b', severity: 'error', table: 4 }), f({ rule: 'c', severity: 'error', table: 2 }), f({ rule: 'd', severity: 'warning' })]
    expect(sortFindings(xs).map((x) => x.rule)).toEqual(['c', 'b', 'd', 'a'])
    expect(worstSeverity([])).toBeNull()
    expect(countBySeverity(xs)).toEqual({ error: 2, warning: 1, info: 1 })
  })
})
