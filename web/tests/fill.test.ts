import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import FormTable from '../src/components/FormTable.vue'
import { buildTable3 } from '../src/lib/layout'
import { buildCellIndex } from '../src/lib/cells'
import {
  chineseDate,
  deadlineRows,
  dispositionName,
  draftSummary,
  emptyDoc,
  hasTable3Values,
  isMoneyCell,
  otherRegisterFindings,
  parseCellInput,
  setCell,
  unitStatus,
  type RegisterFinding,
} from '../src/lib/fill'
import type { FormatSpec } from '../src/lib/types'
import fmtJson from './fixtures/format.json'

const fmt = JSON.parse(JSON.stringify(fmtJson)) as FormatSpec
// The server marks money rows (format::Table2Row::money); the fixture predates the key.
fmt.tables.table2.rows.find((r) => r.key === 'fees_wan_yuan')!.money = true

describe('emptyDoc', () => {
  it('has every cell of the form, empty (null), in the v2021 layout', () => {
    const d = emptyDoc(fmt, '某区教育局', 2024)
    expect(d.schema).toBe('gongkai.report/1')
    expect(d.meta).toMatchObject({ agency: '某区教育局', year: 2024, format_version: 'v2021' })
    expect(d.table2!.regulations).toEqual({ issued: null, repealed: null, in_force: null })
    expect(d.table2!.licensing).toBeNull()
    expect(Object.keys(d.table3!)).not.toContain('other')
    expect(Object.keys(d.table3!)).toContain('other.no_fee')
    expect(Object.values(d.table3!).every((l) => l.length === 7 && l.every((v) => v === null))).toBe(true)
    expect(Object.keys(d.table4!)).toEqual(['review', 'litigation_direct', 'litigation_after_review'])
    expect(hasTable3Values(d)).toBe(false)
    expect(emptyDoc(fmt, '', null).meta.agency).toBeNull()
  })
})

describe('parseCellInput', () => {
  it('reads what people type, blank as empty, never 0', () => {
    expect(parseCellInput('')).toEqual({ ok: true, value: null })
    expect(parseCellInput('  ')).toEqual({ ok: true, value: null })
    expect(parseCellInput('12')).toEqual({ ok: true, value: 12 })
    expect(parseCellInput('１２３')).toEqual({ ok: true, value: 123 })
    expect(parseCellInput('1,234')).toEqual({ ok: true, value: 1234 })
    expect(parseCellInput('0')).toEqual({ ok: true, value: 0 })
  })
  it('refuses what is not a count, and decimals outside money cells', () => {
    expect(parseCellInput('-3').ok).toBe(false)
    expect(parseCellInput('十二').ok).toBe(false)
    expect(parseCellInput('1.5')).toEqual({ ok: false, error: '请填写非负整数' })
    expect(parseCellInput('1.5', true)).toEqual({ ok: true, value: 1.5 })
    expect(parseCellInput('326．78', true)).toEqual({ ok: true, value: 326.78 })
  })
  it('knows the money cell from the server’s format', () => {
    expect(isMoneyCell(fmt, { table: 2, row: 'fees_wan_yuan', column: 'amount' })).toBe(true)
    expect(isMoneyCell(fmt, { table: 2, row: 'licensing', column: 'decisions' })).toBe(false)
    expect(isMoneyCell(fmt, { table: 3, row: 'granted', column: 'total' })).toBe(false)
  })
})

describe('setCell', () => {
  it('sets cells of Tables 二, 三 and 四 by the form’s keys', () => {
    const d = emptyDoc(fmt, '某区教育局', 2024)
    setCell(d, fmt, { table: 2, row: 'licensing', column: 'decisions' }, 50)
    setCell(d, fmt, { table: 2, row: 'regulations', column: 'repealed' }, 2)
    setCell(d, fmt, { table: 3, row: 'granted', column: 'total' }, 9)
    setCell(d, fmt, { table: 3, row: 'granted', column: 'natural_person' }, 4)
    setCell(d, fmt, { table: 4, row: 'review', column: 'total' }, 1)
    expect(d.table2!.licensing).toBe(50)
    expect(d.table2!.regulations).toEqual({ issued: null, repealed: 2, in_force: null })
    const cols = fmt.tables.table3.columns.map((c) => c.key)
    expect(d.table3!.granted[cols.indexOf('total')]).toBe(9)
    expect(d.table3!.granted[cols.indexOf('natural_person')]).toBe(4)
    expect(d.table4!.review[fmt.tables.table4.columns.findIndex((c) => c.key === 'total')]).toBe(1)
    expect(hasTable3Values(d)).toBe(true)
    setCell(d, fmt, { table: 3, row: 'granted', column: 'no_such_column' }, 1)
    expect(d.table3!.granted.filter((v) => v !== null)).toHaveLength(2)
  })
})

const overdue: RegisterFinding = {
  rule: 'register.overdue',
  severity: 'error',
  message: '台账第4条答复超过法定期限',
  table: null,
  row: null,
  column: null,
  register_row: 4,
  facts: { received: '2024-09-30', due: '2024-11-01', answered: null, working_days_over: 42, extended: false, completion: false, consultation_days: 0 },
}
const extended: RegisterFinding = {
  ...overdue,
  register_row: 2,
  facts: { received: '2024-01-31', due: '2024-03-28', answered: '2024-04-02', working_days_over: 3, extended: true, completion: true, consultation_days: 0 },
}
const invalid: RegisterFinding = { ...overdue, rule: 'register.row_invalid', register_row: 7, facts: undefined, message: '台账第7条收到日期无法识别' }

describe('deadlineRows', () => {
  it('lists overdue answers by register row with received, due, answered and working days over in Chinese', () => {
    const rows = deadlineRows([overdue, invalid, extended])
    expect(rows.map((r) => r.row)).toEqual([2, 4])
    expect(rows[0]).toMatchObject({ received: '2024年1月31日', due: '2024年3月28日', answered: '2024年4月2日', over: 3, basis: '补正后重新计算，延期' })
    expect(rows[1]).toMatchObject({ answered: '至年底未答复', over: 42, basis: '收到之日起20个工作日' })
    expect(otherRegisterFindings([overdue, invalid, extended])).toEqual([invalid])
  })
  it('writes dates the Chinese way', () => {
    expect(chineseDate('2024-03-05')).toBe('2024年3月5日')
    expect(chineseDate(null)).toBe('—')
  })
})

describe('the office’s list', () => {
  const units = [
    { agency: 'A', users: ['a'], drafted: false, passes: null, errors: null, at: null },
    { agency: 'B', users: ['b'], drafted: true, passes: true, errors: 0, at: '2026-12-02T01:00:00Z' },
    { agency: 'C', users: [], drafted: true, passes: false, errors: 3, at: '2026-12-02T01:00:00Z' },
  ]
  it('names each unit’s state', () => {
    expect(units.map((u) => unitStatus(u).text)).toEqual(['未起草', '草稿通过核查', '草稿有3个错误'])
    expect(unitStatus(units[2]).kind).toBe('danger')
    expect(draftSummary(units)).toEqual({ total: 3, drafted: 2, passing: 1, failing: 1 })
  })
  it('reads the draft’s file name from Content-Disposition', () => {
    const h = `attachment; filename="____2024.docx"; filename*=UTF-8''%E6%9F%90%E5%8C%BA2024.docx`
    expect(dispositionName(h, 'x.docx')).toBe('某区2024.docx')
    expect(dispositionName('attachment; filename="a.html"', 'x')).toBe('a.html')
    expect(dispositionName(null, 'x.docx')).toBe('x.docx')
  })
})

describe('FormTable editable', () => {
  it('draws inputs in value cells with their labels and emits what was typed', async () => {
    const d = emptyDoc(fmt, '', 2024)
    setCell(d, fmt, { table: 3, row: 'granted', column: 'total' }, 9)
    const w = mount(FormTable, {
      props: { grid: buildTable3(fmt, d.table3), index: buildCellIndex([]), editable: true, cellName: (r: { row: string | null }) => `表三 ${r.row}` },
    })
    const inputs = w.findAll('input.cell-input')
    expect(inputs.length).toBe(Object.keys(d.table3!).length * 7)
    const granted = w.find('td[data-cell="3|granted|total"] input')
    expect((granted.element as HTMLInputElement).value).toBe('9')
    expect(granted.attributes('aria-label')).toBe('表三 granted')
    expect(w.find('td.nullcell').exists()).toBe(false) // empty inputs, not hatched
    await granted.setValue('12')
    expect(w.emitted('edit')![0]).toEqual([{ table: 3, row: 'granted', column: 'total' }, '12'])
  })
})
