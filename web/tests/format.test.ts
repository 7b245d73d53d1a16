import { describe, expect, it } from 'vitest'
import { formatBytes, formatCell, formatCount, formatDate, formatDelta, formatDuration, formatPercent, tableName } from '../src/lib/format'
import { alignedDeltas, changed } from '../src/lib/compare'

describe('formatting', () => {
  it('never shows a null cell as 0', () => {
    expect(formatCell(null)).toBe('空')
    expect(formatCell(0)).toBe('0')
    expect(formatCell(undefined)).toBe('')
    expect(formatCell(326.780865)).toBe('326.780865')
    expect(formatCell(1278.85)).toBe('1278.85')
  })
  it('formats counts, deltas and shares', () => {
    expect(formatCount(12345)).toBe('12,345')
    expect(formatCount(null)).toBe('—')
    expect(formatDelta(3)).toBe('+3')
    expect(formatDelta(-2)).toBe('−2')
    expect(formatDelta(0)).toBe('0')
    expect(formatDelta(null)).toBe('—')
    expect(formatPercent(0.125)).toBe('12.5%')
  })
  it('formats durations in Chinese', () => {
    expect(formatDuration(12)).toBe('12秒')
    expect(formatDuration(185)).toBe('3分5秒')
    expect(formatDuration(120)).toBe('2分')
    expect(formatDuration(3720)).toBe('1小时2分')
    expect(formatDuration(null)).toBe('—')
    expect(formatDuration(Infinity)).toBe('—')
  })
  it('formats sizes and dates', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB')
    expect(formatDate('2024-01-18')).toBe('2024-01-18')
    expect(formatDate(null)).toBe('—')
    expect(formatDate('2024-01-18T09:05:00', true)).toBe('2024-01-18 09:05')
    expect(tableName(3)).toBe('表三')
  })
})

describe('compare deltas', () => {
  it('aligns the server’s deltas to the reports, or computes them', () => {
    expect(alignedDeltas({ table: 3, row: 'total', column: 'total', values: [5, 8, 6], delta: [3, -2] })).toEqual([null, 3, -2])
    expect(alignedDeltas({ table: 3, row: 'total', column: 'total', values: [5, 8], delta: [null, 3] })).toEqual([null, 3])
    expect(alignedDeltas({ table: 2, row: 'fees_wan_yuan', column: 'amount', values: [1.1, null, 2.3] })).toEqual([null, null, null])
    expect(alignedDeltas({ table: 2, row: 'licensing', column: null, values: [10, 12.5] })).toEqual([null, 2.5])
    expect(changed({ table: 2, row: 'x', column: null, values: [1, 1] })).toBe(false)
    expect(changed({ table: 2, row: 'x', column: null, values: [1, null] })).toBe(true)
  })
})
