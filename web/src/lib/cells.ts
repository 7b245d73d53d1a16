// Which table cells a finding points at, and which findings point at a cell.
import type { CellRef, Finding, Severity } from './types'

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 }

/** Key of one cell; `column` null means the whole row (a Table 四 group, a Table 二 row). */
export function cellKey(table: number | null, row: string | null, column: string | null): string {
  return `${table ?? ''}|${row ?? ''}|${column ?? '*'}`
}

/** Every cell a finding involves: its `cells` list if it has one, else its own table/row/column. */
export function cellsOf(f: Finding): CellRef[] {
  const out: CellRef[] = []
  const seen = new Set<string>()
  const add = (c: CellRef) => {
    if (c.table == null || c.row == null) return
    const k = cellKey(c.table, c.row, c.column)
    if (seen.has(k)) return
    seen.add(k)
    out.push({ table: c.table, row: c.row, column: c.column ?? null })
  }
  if (f.cells && f.cells.length) f.cells.forEach(add)
  add(f)
  return out
}

export type CellIndex = Map<string, Finding[]>

/** Index of findings by the cells they point at (whole-row findings under column `*`). */
export function buildCellIndex(findings: Finding[]): CellIndex {
  const index: CellIndex = new Map()
  for (const f of findings) {
    for (const c of cellsOf(f)) {
      const k = cellKey(c.table, c.row, c.column)
      const list = index.get(k)
      if (list) list.push(f)
      else index.set(k, [f])
    }
  }
  return index
}

/** Findings that point at one cell, directly or through its whole row. */
export function findingsAt(index: CellIndex, table: number, row: string, column: string | null): Finding[] {
  const exact = column == null ? [] : index.get(cellKey(table, row, column)) ?? []
  const whole = index.get(cellKey(table, row, null)) ?? []
  if (!whole.length) return exact
  if (!exact.length) return whole
  return [...exact, ...whole.filter((f) => !exact.includes(f))]
}

/** The most severe of some findings, or null for none. */
export function worstSeverity(findings: Finding[]): Severity | null {
  let best: Severity | null = null
  for (const f of findings) {
    if (best == null || SEVERITY_RANK[f.severity] > SEVERITY_RANK[best]) best = f.severity
  }
  return best
}

/** Findings by severity, most severe first, then by table. Stable for equal keys. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[b.f.severity] - SEVERITY_RANK[a.f.severity] ||
        (a.f.table ?? 99) - (b.f.table ?? 99) ||
        a.i - b.i,
    )
    .map((x) => x.f)
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 }
  for (const f of findings) c[f.severity] = (c[f.severity] ?? 0) + 1
  return c
}
