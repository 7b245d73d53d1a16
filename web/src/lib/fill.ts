// 填报 page logic (no Vue): the report document a unit types or counts, the
// cells it edits, the deadline findings as rows, the office's list of units.
// The labels are the server's (GET /api/v1/format); nothing of the form is spelled here.
import type { CellRef, FormatSpec, Finding, ReportDoc } from './types'
import { table3Rows } from './layout'

/** A gongkai.report/1 document with every cell of Tables 二/三/四 present and empty (null). */
export function emptyDoc(fmt: FormatSpec, agency: string, year: number | null): ReportDoc {
  const table2: Record<string, unknown> = {}
  for (const row of fmt.tables.table2.rows) {
    const cols = row.columns && row.columns.length ? row.columns : fmt.tables.table2.columns ?? []
    if (row.scalar) table2[row.key] = null
    else table2[row.key] = Object.fromEntries(cols.map((c) => [c.key, null]))
  }
  const width = fmt.tables.table3.columns.length
  const table3: Record<string, (number | null)[]> = {}
  for (const row of table3Rows(fmt.tables.table3.rows, false)) table3[row.key] = Array(width).fill(null)
  const table4: Record<string, (number | null)[]> = {}
  for (const g of fmt.tables.table4.groups ?? fmt.tables.table4.rows ?? []) table4[g.key] = Array(fmt.tables.table4.columns.length).fill(null)
  return {
    schema: 'gongkai.report/1',
    meta: { agency: agency || null, year, format_version: 'v2021', title: null, published_on: null },
    sections: [],
    table2,
    table3,
    table4,
    findings: [],
  }
}

export type CellInput = { ok: true; value: number | null } | { ok: false; error: string }

/** What a person typed in a cell: blank is an empty cell (null, never 0); full-width digits and 1,234 are read. */
export function parseCellInput(text: string, money = false): CellInput {
  const t = text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[．。]/g, '.')
    .replace(/[,，\s]/g, '')
  if (t === '') return { ok: true, value: null }
  if (money ? !/^\d+(\.\d+)?$/.test(t) : !/^\d+$/.test(t)) {
    return { ok: false, error: money ? '请填写金额（万元，可带小数）' : '请填写非负整数' }
  }
  return { ok: true, value: Number(t) }
}

/** Sets one cell of the document (Tables 三/四: the column's position among the form's columns). */
export function setCell(doc: ReportDoc, fmt: FormatSpec, ref: CellRef, value: number | null): void {
  if (ref.table === 2) {
    const t2 = (doc.table2 ??= {}) as Record<string, unknown>
    const row = fmt.tables.table2.rows.find((r) => r.key === ref.row)
    if (!row) return
    if (row.scalar) t2[row.key] = value
    else t2[row.key] = { ...((t2[row.key] as Record<string, unknown>) ?? {}), [ref.column ?? '']: value }
    return
  }
  const columns = ref.table === 3 ? fmt.tables.table3.columns : fmt.tables.table4.columns
  const j = columns.findIndex((c) => c.key === ref.column)
  if (j < 0 || !ref.row) return
  const table = ref.table === 3 ? (doc.table3 ??= {}) : (doc.table4 ??= {})
  const line = table[ref.row] ? [...table[ref.row]] : Array(columns.length).fill(null)
  line[j] = value
  table[ref.row] = line
}

/** Whether any cell of Table 三 holds a value (then an uploaded register is compared with it). */
export function hasTable3Values(doc: ReportDoc): boolean {
  return Object.values(doc.table3 ?? {}).some((line) => line.some((v) => v !== null))
}

/** Whether a cell of Table 二 is a money cell (万元, decimals allowed). */
export function isMoneyCell(fmt: FormatSpec, ref: CellRef): boolean {
  return ref.table === 2 && !!fmt.tables.table2.rows.find((r) => r.key === ref.row)?.money
}

/** An ISO date as 2024年3月5日. */
export function chineseDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '')
  if (!m) return iso ? iso : '—'
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`
}

export interface RegisterFinding extends Finding {
  register_row?: number
  facts?: Record<string, unknown>
}

export interface DeadlineRow {
  row: number | null
  received: string
  due: string
  answered: string
  over: number | null
  basis: string
  severity: Finding['severity']
  message: string
  rule: string
}

/** The deadline findings of a register count (register.overdue, register.completion_late) as table rows. */
export function deadlineRows(findings: RegisterFinding[]): DeadlineRow[] {
  return findings
    .filter((f) => f.rule === 'register.overdue' || f.rule === 'register.completion_late')
    .map((f) => {
      const x = f.facts ?? {}
      const changes: string[] = []
      if (x.completion === true) changes.push('补正后重新计算')
      if (x.extended === true) changes.push('延期')
      if (typeof x.consultation_days === 'number' && x.consultation_days > 0) changes.push(`扣除征求意见${x.consultation_days}个工作日`)
      return {
        row: f.register_row ?? null,
        received: chineseDate(x.received as string),
        due: chineseDate(x.due as string),
        answered: x.answered ? chineseDate(x.answered as string) : '至年底未答复',
        over: typeof x.working_days_over === 'number' ? x.working_days_over : null,
        basis: f.rule === 'register.completion_late' ? '补正告知（7个工作日）' : changes.length ? changes.join('，') : '收到之日起20个工作日',
        severity: f.severity,
        message: f.message,
        rule: f.rule,
      }
    })
    .sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
}

/** The other register findings (rows not counted, blank rows, merged cells, differences from the typed table). */
export function otherRegisterFindings(findings: RegisterFinding[]): RegisterFinding[] {
  return findings.filter((f) => f.rule !== 'register.overdue' && f.rule !== 'register.completion_late')
}

export interface DraftUnit {
  agency: string
  users: string[]
  drafted: boolean
  passes: boolean | null
  errors: number | null
  at: string | null
}

/** The office's word for a unit's state: 未起草 / 草稿通过核查 / 草稿有N个错误. */
export function unitStatus(u: DraftUnit): { text: string; kind: 'info' | 'success' | 'danger' } {
  if (!u.drafted) return { text: '未起草', kind: 'info' }
  if (u.passes) return { text: '草稿通过核查', kind: 'success' }
  return { text: `草稿有${u.errors ?? 0}个错误`, kind: 'danger' }
}

export function draftSummary(units: DraftUnit[]): { total: number; drafted: number; passing: number; failing: number } {
  const drafted = units.filter((u) => u.drafted)
  const passing = drafted.filter((u) => u.passes).length
  return { total: units.length, drafted: drafted.length, passing, failing: drafted.length - passing }
}

/** The file name of a Content-Disposition header (RFC 5987 filename* first). */
export function dispositionName(header: string | null, fallback: string): string {
  if (!header) return fallback
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[1])
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="([^"]+)"/.exec(header)
  return plain ? plain[1] : fallback
}
