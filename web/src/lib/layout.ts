// The official layout of Tables 二/三/四, built from GET /api/v1/format (labels are never
// spelled here). A Grid is rows of cells with colspan/rowspan, drawn by FormTable.vue.
import type { CellRef, FormatSpec, LabelledKey, Table2RowSpec, Table3RowSpec, Table4GroupSpec } from './types'

export interface GridCell {
  text?: string
  colspan?: number
  rowspan?: number
  /** a header/label cell (drawn as <th>) */
  head?: boolean
  /** a value cell: the cell it is in the report */
  ref?: CellRef
  value?: number | null
  /** the value is missing from the report (the key is absent, not null) */
  absent?: boolean
  cls?: string
}

export interface Grid {
  table: 2 | 3 | 4
  columns: number
  head: GridCell[][]
  body: GridCell[][]
}

function num(v: unknown): number | null | undefined {
  if (v === null) return null
  if (typeof v === 'number') return v
  return undefined
}

function valueCell(ref: CellRef, v: unknown, colspan = 1): GridCell {
  const n = num(v)
  return { ref, value: n ?? null, absent: n === undefined, colspan: colspan > 1 ? colspan : undefined }
}

// ---------------------------------------------------------------- Table 二

function table2Columns(row: Table2RowSpec, fallback: LabelledKey[] | undefined): LabelledKey[] {
  return row.columns && row.columns.length ? row.columns : fallback ?? []
}

/** Table 二: one block per 第二十条 item, each with its header row, as the form prints it. */
export function buildTable2(fmt: FormatSpec, values: Record<string, unknown> | null | undefined, version?: string): Grid {
  const spec = version === 'v2019' && fmt.tables.table2_v2019 ? fmt.tables.table2_v2019 : fmt.tables.table2
  const rows = spec.rows
  const width = Math.max(1, ...rows.map((r) => table2Columns(r, spec.columns).length))
  const columns = 1 + width
  const body: GridCell[][] = []
  let prevSig = ''
  for (const row of rows) {
    const cols = table2Columns(row, spec.columns)
    const block = row.block ?? row.group ?? ''
    const sig = `${block}#${cols.map((c) => c.key).join(',')}`
    if (sig !== prevSig) {
      if (block) body.push([{ text: block, colspan: columns, head: true, cls: 'block' }])
      const header: GridCell[] = [{ text: spec.header ?? '', head: true, cls: 'colhead' }]
      cols.forEach((c, i) =>
        header.push({ text: c.label, head: true, cls: 'colhead', colspan: i === cols.length - 1 ? width - i : undefined }),
      )
      body.push(header)
      prevSig = sig
    }
    const v = values?.[row.key]
    const line: GridCell[] = [{ text: row.label, head: true, cls: 'rowhead' }]
    const scalar = row.scalar ?? (typeof v === 'number' || v === null)
    cols.forEach((c, i) => {
      const span = i === cols.length - 1 ? width - i : 1
      const cellValue = scalar ? v : (v as Record<string, unknown> | undefined)?.[c.key]
      line.push(valueCell({ table: 2, row: row.key, column: c.key }, cellValue, span))
    })
    body.push(line)
  }
  return { table: 2, columns, head: [], body }
}

// ---------------------------------------------------------------- Table 三

const LEVEL1 = /^[一二三四五六七八九十]+、/

/** Group path of each row: level-1 groups (三、…) contain the （三）… groups that follow them. */
export function groupPaths(rows: { group?: string | null }[]): string[][] {
  let level1: string | null = null
  return rows.map((r) => {
    const g = r.group
    if (!g) {
      level1 = null
      return []
    }
    if (LEVEL1.test(g)) {
      level1 = g
      return [g]
    }
    return level1 ? [level1, g] : [g]
  })
}

/** Whether a report's Table 三 prints （六）其他处理 as one row (v2019 and some v2021 reports). */
export function usesSingleOther(values: Record<string, unknown> | null | undefined): boolean {
  if (!values) return false
  const split = Object.keys(values).some((k) => k.startsWith('other.'))
  return !split && 'other' in values
}

export function table3Rows(rows: Table3RowSpec[], single: boolean): Table3RowSpec[] {
  return rows.filter((r) => {
    if (single) return r.in_single_other ?? r.v2019 ?? !r.key.startsWith('other.')
    return r.in_v2021_split ?? r.v2021 ?? r.key !== 'other'
  })
}

/** Label cells of a list of rows with nested groups: group cells spanning their runs of rows. */
function labelCells(rows: { label: string; group?: string | null }[]): { cells: GridCell[][]; width: number } {
  const paths = groupPaths(rows)
  const width = Math.max(1, ...paths.map((p) => p.length + 1))
  const cells = rows.map((row, i) => {
    const path = paths[i]
    const out: GridCell[] = []
    for (let d = 0; d < path.length; d++) {
      const same = (j: number) => paths[j] && paths[j].length > d && paths[j].slice(0, d + 1).join('\u0001') === path.slice(0, d + 1).join('\u0001')
      if (i > 0 && same(i - 1)) continue
      let run = 1
      while (i + run < rows.length && same(i + run)) run++
      out.push({ text: path[d], rowspan: run > 1 ? run : undefined, head: true, cls: `group g${d + 1}` })
    }
    const span = width - path.length
    out.push({ text: row.label, head: true, cls: 'rowhead', colspan: span > 1 ? span : undefined })
    return out
  })
  return { cells, width }
}

/** Header rows of Table 三: 申请人情况 over 自然人 / 法人或其他组织 (5) / 总计. */
function table3Head(header: string | undefined, columns: LabelledKey[], labelWidth: number): GridCell[][] {
  const hasGroups = columns.some((c) => c.group)
  const depth = (header ? 1 : 0) + (hasGroups ? 2 : 1)
  const rows: GridCell[][] = []
  const corner: GridCell = { text: '', head: true, colspan: labelWidth, rowspan: depth, cls: 'corner' }
  if (header) rows.push([corner, { text: header, head: true, colspan: columns.length }])
  const second: GridCell[] = rows.length ? [] : [corner]
  const third: GridCell[] = []
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]
    if (hasGroups && c.group) {
      if (i > 0 && columns[i - 1].group === c.group) continue
      let n = 1
      while (i + n < columns.length && columns[i + n].group === c.group) n++
      second.push({ text: c.group, head: true, colspan: n })
      for (let j = i; j < i + n; j++) third.push({ text: columns[j].label, head: true })
    } else {
      second.push({ text: c.label, head: true, rowspan: hasGroups ? 2 : undefined })
    }
  }
  rows.push(second)
  if (hasGroups) rows.push(third)
  return rows
}

export function buildTable3(fmt: FormatSpec, values: Record<string, (number | null)[]> | null | undefined): Grid {
  const spec = fmt.tables.table3
  const rows = table3Rows(spec.rows, usesSingleOther(values))
  const { cells, width } = labelCells(rows)
  const body = rows.map((row, i) => {
    const line = cells[i]
    const v = values?.[row.key]
    spec.columns.forEach((c, j) => line.push(valueCell({ table: 3, row: row.key, column: c.key }, v ? v[j] : undefined)))
    return line
  })
  return { table: 3, columns: width + spec.columns.length, head: table3Head(spec.header, spec.columns, width), body }
}

// ---------------------------------------------------------------- Table 四

export function table4Groups(fmt: FormatSpec): Table4GroupSpec[] {
  const gs = fmt.tables.table4.groups ?? fmt.tables.table4.rows ?? []
  return gs.map((g) => ({ ...g, parent: g.parent ?? g.group ?? null }))
}

/** Table 四: 行政复议 | 行政诉讼 (未经复议直接起诉 | 复议后起诉), five columns each, one row of values. */
export function buildTable4(fmt: FormatSpec, values: Record<string, (number | null)[]> | null | undefined): Grid {
  const groups = table4Groups(fmt)
  const cols = fmt.tables.table4.columns
  const nested = groups.some((g) => g.parent)
  const top: GridCell[] = []
  const mid: GridCell[] = []
  const leaf: GridCell[] = []
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]
    if (nested && g.parent) {
      if (i === 0 || groups[i - 1].parent !== g.parent) {
        let n = 1
        while (i + n < groups.length && groups[i + n].parent === g.parent) n++
        top.push({ text: g.parent, head: true, colspan: n * cols.length })
      }
      mid.push({ text: g.label, head: true, colspan: cols.length })
    } else {
      top.push({ text: g.label, head: true, colspan: cols.length, rowspan: nested ? 2 : undefined })
    }
    for (const c of cols) leaf.push({ text: c.label, head: true })
  }
  const head = nested ? [top, mid, leaf] : [top, leaf]
  const line: GridCell[] = []
  for (const g of groups) {
    const v = values?.[g.key]
    cols.forEach((c, j) => line.push(valueCell({ table: 4, row: g.key, column: c.key }, v ? v[j] : undefined)))
  }
  return { table: 4, columns: groups.length * cols.length, head, body: [line] }
}

// ---------------------------------------------------------------- labels of cells

/** The form's own words for a cell: [row label (with its groups), column label]. */
export function cellLabels(fmt: FormatSpec, ref: CellRef): { row: string; column: string } {
  const col = ref.column
  if (ref.table === 2) {
    const spec = [fmt.tables.table2, fmt.tables.table2_v2019].find((s) => s?.rows.some((r) => r.key === ref.row))
    const row = spec?.rows.find((r) => r.key === ref.row)
    const c = row ? table2Columns(row, spec?.columns).find((x) => x.key === col) : undefined
    return { row: row?.label ?? ref.row ?? '', column: c?.label ?? '' }
  }
  if (ref.table === 3) {
    const rows = fmt.tables.table3.rows
    const i = rows.findIndex((r) => r.key === ref.row)
    const path = i >= 0 ? groupPaths(rows)[i] : []
    const inner = path.find((p) => !LEVEL1.test(p)) ?? ''
    const row = i >= 0 ? inner + rows[i].label : ref.row ?? ''
    const c = fmt.tables.table3.columns.find((x) => x.key === col)
    return { row, column: c ? (c.group ? `${c.group}-${c.label}` : c.label) : '' }
  }
  if (ref.table === 4) {
    const g = table4Groups(fmt).find((x) => x.key === ref.row)
    const c = fmt.tables.table4.columns.find((x) => x.key === col)
    return { row: g ? (g.parent ? `${g.parent}-${g.label}` : g.label) : ref.row ?? '', column: c?.label ?? '' }
  }
  return { row: ref.row ?? '', column: col ?? '' }
}
