import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import FormTable from '../src/components/FormTable.vue'
import { buildTable2, buildTable3 } from '../src/lib/layout'
import { buildCellIndex, cellKey } from '../src/lib/cells'
import type { Finding, FormatSpec } from '../src/lib/types'
import fmtJson from './fixtures/format.json'
import report from './fixtures/report-004.json'

const fmt = fmtJson as unknown as FormatSpec
const findings = report.findings as Finding[]

describe('FormTable', () => {
  it('marks the cells findings point at with data-rule and data-severity, and only those', () => {
    const w = mount(FormTable, { props: { grid: buildTable2(fmt, report.table2 as Record<string, unknown>, 'v2021'), index: buildCellIndex(findings) } })
    const hit = w.findAll('td[data-rule]')
    expect(hit).toHaveLength(1)
    expect(hit[0].attributes('data-rule')).toBe('narrative.unit')
    expect(hit[0].attributes('data-severity')).toBe('error')
    expect(hit[0].attributes('data-cell')).toBe(cellKey(2, 'fees_wan_yuan', 'amount'))
    expect(hit[0].attributes('tabindex')).toBe('0')
    expect(hit[0].text()).toBe('326.780865')
  })
  it('outlines the selected finding’s cells and emits a cell click with its findings', async () => {
    const w = mount(FormTable, {
      props: { grid: buildTable2(fmt, report.table2 as Record<string, unknown>, 'v2021'), index: buildCellIndex(findings), outlined: new Set([cellKey(2, 'fees_wan_yuan', 'amount')]) },
    })
    const td = w.find('td[data-rule]')
    expect(td.classes()).toContain('outlined')
    await td.trigger('click')
    const ev = w.emitted('cell')!
    expect(ev[0][0]).toEqual({ table: 2, row: 'fees_wan_yuan', column: 'amount' })
    expect((ev[0][1] as Finding[]).map((f) => f.rule)).toEqual(['narrative.unit'])
  })
  it('draws Table 三 with merged cells: 25 body rows, rowspan 22 on 三、本年度办理结果', () => {
    const w = mount(FormTable, { props: { grid: buildTable3(fmt, report.table3 as Record<string, (number | null)[]>) } })
    expect(w.findAll('tbody tr')).toHaveLength(25)
    const th = w.findAll('tbody th').find((t) => t.text() === '三、本年度办理结果')!
    expect(th.attributes('rowspan')).toBe('22')
    expect(w.findAll('td')).toHaveLength(25 * 7)
    expect(w.findAll('td[data-rule]')).toHaveLength(0)
  })
  it('keeps what a person typed when the table is drawn again before the document takes it (a live check arriving)', async () => {
    const t2 = JSON.parse(JSON.stringify(report.table2)) as Record<string, unknown>
    const w = mount(FormTable, { props: { grid: buildTable2(fmt, t2, 'v2021'), index: buildCellIndex([]), editable: true, cellName: () => 'x' } })
    const input = () => w.find(`td[data-cell="${cellKey(2, 'fees_wan_yuan', 'amount')}"] input`)
    expect((input().element as HTMLInputElement).value).toBe('326.780865')
    await input().setValue('1.5x')
    expect(w.emitted('edit')!.at(-1)).toEqual([{ table: 2, row: 'fees_wan_yuan', column: 'amount' }, '1.5x'])
    // the findings of a check arrive: every cell is drawn again, the document unchanged
    await w.setProps({ index: buildCellIndex(findings) })
    expect((input().element as HTMLInputElement).value).toBe('1.5x')
    // the document takes a value: the cell shows it
    t2.fees_wan_yuan = 0.35
    await w.setProps({ grid: buildTable2(fmt, t2, 'v2021') })
    expect((input().element as HTMLInputElement).value).toBe('0.35')
  })
})
