import { describe, expect, it } from 'vitest'
import { buildTable2, buildTable3, buildTable4, cellLabels, groupPaths, table3Rows, usesSingleOther } from '../src/lib/layout'
import type { FormatSpec } from '../src/lib/types'
import fmtJson from './fixtures/format.json'
import report from './fixtures/report-004.json'

// the server's /format as FormatJson() builds it, and the same with the two optional header labels
const served = fmtJson as unknown as FormatSpec
const fmt: FormatSpec = JSON.parse(JSON.stringify(served))
fmt.tables.table2.header = '信息内容'
fmt.tables.table3.header = '申请人情况'
const span = (c: { colspan?: number }) => c.colspan ?? 1

describe('Table 三', () => {
  const g = buildTable3(fmt, report.table3 as Record<string, (number | null)[]>)
  it('has the 25 rows of the 2021 form and 3 label columns + 7 value columns', () => {
    expect(g.body).toHaveLength(25)
    expect(g.columns).toBe(10)
  })
  it('draws the two-level header: 申请人情况 over 自然人 / 法人或其他组织 (5) / 总计', () => {
    expect(g.head).toHaveLength(3)
    expect(g.head[0][0]).toMatchObject({ colspan: 3, rowspan: 3 })
    expect(g.head[0][1]).toMatchObject({ text: '申请人情况', colspan: 7 })
    expect(g.head[1].map((c) => [c.text, span(c), c.rowspan ?? 1])).toEqual([
      ['自然人', 1, 2],
      ['法人或其他组织', 5, 1],
      ['总计', 1, 2],
    ])
    expect(g.head[2].map((c) => c.text)).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'])
  })
  it('without 申请人情况 draws two header rows, the corner over both', () => {
    const h = buildTable3(served, report.table3 as Record<string, (number | null)[]>).head
    expect(h).toHaveLength(2)
    expect(h[0][0]).toMatchObject({ colspan: 3, rowspan: 2 })
    expect(h[0][1]).toMatchObject({ text: '自然人', rowspan: 2 })
  })
  it('merges 三、本年度办理结果 over its 22 rows and （三）不予公开 over its 8', () => {
    const granted = g.body[2]
    expect(granted[0]).toMatchObject({ text: '三、本年度办理结果', rowspan: 22 })
    expect(granted[1]).toMatchObject({ text: '（一）予以公开', colspan: 2 })
    const secret = g.body[4]
    expect(secret[0]).toMatchObject({ text: '（三）不予公开', rowspan: 8 })
    expect(secret[1].text).toBe('1.属于国家秘密')
    expect(g.body[0][0]).toMatchObject({ text: '一、本年新收政府信息公开申请数量', colspan: 3 })
    expect(g.body[24][0]).toMatchObject({ text: '四、结转下年度继续办理', colspan: 3 })
  })
  it('every row spans the full width', () => {
    // a row's width is its own cells plus the cells of rowspans above it
    const open: number[] = []
    g.body.forEach((row) => {
      const carried = open.filter((n) => n > 0).length
      const w = row.reduce((s, c) => s + span(c), 0)
      expect(w + carried).toBe(10)
      for (let i = 0; i < open.length; i++) open[i]--
      row.forEach((c) => c.rowspan && open.push(c.rowspan - 1))
    })
  })
  it('puts the values with their cell keys, new_received = 7', () => {
    const v = g.body[0].filter((c) => c.ref)
    expect(v).toHaveLength(7)
    expect(v[0]).toMatchObject({ ref: { table: 3, row: 'new_received', column: 'natural_person' }, value: 7 })
    expect(v[6]).toMatchObject({ ref: { table: 3, row: 'new_received', column: 'total' }, value: 7 })
  })
  it('switches to the single （六）其他处理 row for a report printed that way', () => {
    const values = { other: [1, 0, 0, 0, 0, 0, 1] }
    expect(usesSingleOther(values)).toBe(true)
    expect(usesSingleOther(report.table3)).toBe(false)
    const rows = table3Rows(served.tables.table3.rows, true)
    expect(rows).toHaveLength(23)
    expect(rows.some((r) => r.key === 'other')).toBe(true)
    expect(rows.some((r) => r.key.startsWith('other.'))).toBe(false)
  })
  it('nests level-2 groups inside the level-1 group before them', () => {
    expect(groupPaths([{}, { group: '三、X' }, { group: '（三）Y' }, {}])).toEqual([[], ['三、X'], ['三、X', '（三）Y'], []])
  })
})

describe('Table 二', () => {
  const g = buildTable2(fmt, report.table2 as Record<string, unknown>, 'v2021')
  it('draws one titled block per 第二十条 item with its own header row', () => {
    const blocks = g.body.filter((r) => r[0].cls === 'block').map((r) => r[0].text)
    expect(blocks).toEqual(['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项'])
    expect(g.columns).toBe(4)
    const head = g.body[1]
    expect(head.map((c) => c.text)).toEqual(['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'])
  })
  it('spans a one-column block over the three value columns and reads scalars', () => {
    const lic = g.body.find((r) => r[0].text === '行政许可')!
    expect(lic[1]).toMatchObject({ ref: { table: 2, row: 'licensing', column: 'decisions' }, value: 37957, colspan: 3 })
    const fees = g.body.find((r) => r[0].text === '行政事业性收费')!
    expect(fees[1].value).toBeCloseTo(326.780865)
  })
  it('keeps null as null and a missing key as absent, never 0', () => {
    const g2 = buildTable2(fmt, { regulations: { issued: null }, licensing: null }, 'v2021')
    const reg = g2.body.find((r) => r[0].text === '规章')!
    expect(reg[1]).toMatchObject({ value: null, absent: false })
    expect(reg[2]).toMatchObject({ value: null, absent: true })
    expect(g2.body.find((r) => r[0].text === '行政许可')![1]).toMatchObject({ value: null, absent: false })
  })
})

describe('Table 四', () => {
  const g = buildTable4(fmt, report.table4 as Record<string, (number | null)[]>)
  it('has 行政复议 over two rows and 行政诉讼 over its two groups, 15 value cells', () => {
    expect(g.head[0].map((c) => [c.text, span(c), c.rowspan ?? 1])).toEqual([
      ['行政复议', 5, 2],
      ['行政诉讼', 10, 1],
    ])
    expect(g.head[1].map((c) => c.text)).toEqual(['未经复议直接起诉', '复议后起诉'])
    expect(g.head[2]).toHaveLength(15)
    expect(g.body[0]).toHaveLength(15)
    expect(g.body[0][14].ref).toEqual({ table: 4, row: 'litigation_after_review', column: 'total' })
  })
})

describe('cellLabels', () => {
  it('names cells in the form’s own words', () => {
    expect(cellLabels(fmt, { table: 2, row: 'fees_wan_yuan', column: 'amount' })).toEqual({ row: '行政事业性收费', column: '本年收费金额（单位：万元）' })
    expect(cellLabels(fmt, { table: 3, row: 'denied.state_secret', column: 'other_org' })).toEqual({ row: '（三）不予公开1.属于国家秘密', column: '法人或其他组织-其他' })
    expect(cellLabels(fmt, { table: 4, row: 'litigation_direct', column: 'total' })).toEqual({ row: '行政诉讼-未经复议直接起诉', column: '总计' })
  })
})
