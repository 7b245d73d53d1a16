// Rows of the year-by-year comparison, from GET /api/v1/compare.
import type { CellRef } from './types'

export interface DeltaRow {
  table: number
  row: string
  column: string | null
  values: (number | null)[]
  /** difference to the previous report for each report (null for the first or a missing side) */
  delta?: (number | null)[]
  /** the server's own judgement, when it sends one */
  changed?: boolean
  /** the server's name of the cell, when it sends one */
  name?: string
}

/** The change at each report's position: the server's deltas, aligned, else computed. */
export function alignedDeltas(d: DeltaRow): (number | null)[] {
  const n = d.values.length
  if (d.delta && d.delta.length === n) return d.delta
  if (d.delta && d.delta.length === n - 1) return [null, ...d.delta]
  return d.values.map((v, i) => {
    const p = i > 0 ? d.values[i - 1] : null
    return i > 0 && v != null && p != null ? Math.round((v - p) * 1e6) / 1e6 : null
  })
}

export function changed(d: DeltaRow): boolean {
  if (typeof d.changed === 'boolean') return d.changed
  const vs = d.values
  return vs.some((v) => v !== vs[0])
}

export function refOf(d: DeltaRow): CellRef {
  return { table: d.table, row: d.row, column: d.column }
}
