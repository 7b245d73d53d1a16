// Shapes of the gongkai HTTP API (see /api/v1/openapi.json and the spec's API.md/OUTPUT.md).
export type Severity = 'error' | 'warning' | 'info'
export type ReviewStatus = 'open' | 'confirmed' | 'dismissed' | 'fixed'

export interface CellRef {
  table: number | null
  row: string | null
  column: string | null
}

export interface Review {
  status: ReviewStatus
  comment: string | null
  by: string | null
  at: string | null
}

export interface Evidence {
  excerpt?: string
  offset?: number
  page?: number
  original?: string
}

export interface Finding extends CellRef {
  id?: string
  rule: string
  severity: Severity
  message: string
  cells?: CellRef[]
  evidence?: Evidence | null
  review?: Review
  year?: number
  report_id?: number | string
}

export interface Section {
  number: number
  heading: string
  text: string
}

export interface ReportDoc {
  schema: string
  source?: { path?: string; format?: string; sha256?: string; bytes?: number }
  meta: {
    title?: string | null
    agency?: string | null
    year?: number | null
    format_version?: string
    published_on?: string | null
    contact?: { phone?: string | null; address?: string | null }
  }
  sections: Section[]
  table2?: Record<string, unknown> | null
  table3?: Record<string, (number | null)[]> | null
  table4?: Record<string, (number | null)[]> | null
  findings: Finding[]
  corpus?: {
    id: number | string
    agency?: string
    region?: string | null
    revision?: number
    revisions?: { id: number | string; revision: number; imported_at: string }[]
    source_name?: string
  }
}

export interface LabelledKey {
  key: string
  label: string
  group?: string | null
}

export interface Table2RowSpec {
  key: string
  label: string
  /** the 第二十条 item the row belongs to (the server may call it `group`) */
  block?: string
  group?: string | null
  scalar?: boolean
  money?: boolean
  columns?: LabelledKey[]
}

export interface Table3RowSpec {
  key: string
  label: string
  group?: string | null
  /** present when （六） is split in three rows / printed as one (either spelling) */
  v2021?: boolean
  v2019?: boolean
  in_v2021_split?: boolean
  in_single_other?: boolean
}

export interface Table4GroupSpec {
  key: string
  label: string
  /** the header printed above several groups (行政诉讼); the server may call it `group` */
  parent?: string | null
  group?: string | null
}

export interface FormatSpec {
  sections: { number: number; heading: string }[]
  tables: {
    table2: { title?: string; header?: string; rows: Table2RowSpec[]; columns?: LabelledKey[] }
    table2_v2019?: { title?: string; header?: string; rows: Table2RowSpec[]; columns?: LabelledKey[] }
    table3: { title?: string; header?: string; rows: Table3RowSpec[]; columns: LabelledKey[] }
    table4: {
      title?: string
      groups?: Table4GroupSpec[]
      rows?: Table4GroupSpec[]
      columns: LabelledKey[]
    }
  }
  severities: Record<Severity, string>
  review_statuses: Record<ReviewStatus, string>
}

export interface Counts {
  error: number
  warning: number
  info: number
}
export interface ReviewCounts {
  open: number
  confirmed: number
  dismissed: number
  fixed: number
}

export interface ReportItem {
  id: number | string
  agency: string
  region: string | null
  year: number
  format_version: string
  published_on: string | null
  late?: boolean
  revision?: number
  counts: Counts
  review?: ReviewCounts
}

export interface ImportJob {
  id: number | string
  state: 'queued' | 'running' | 'done'
  files_total: number
  files_done: number
  reports_new: number
  reports_existing: number
  failures: { file: string; zh: string; en: string }[]
  report_ids?: (number | string)[]
  started_at?: string | null
  finished_at?: string | null
  elapsed_s?: number | null
  by?: string
}

export interface CoverageUnit {
  name: string
  status: 'published' | 'missing'
  report_id: number | string | null
  late: boolean
  /** Published, but no date is known: whether it was late cannot be said (无法判断). */
  date_unknown?: boolean
  counts: Counts
  review: ReviewCounts
}

export interface Coverage {
  year: number
  region: string | null
  counts: { expected: number; published: number; missing: number; late: number; date_unknown?: number; with_errors: number; outside_list?: number }
  units: CoverageUnit[]
  missing: string[]
  /** Agencies that published although the loaded 应报单位名单 does not hold them (not counted as 应报). */
  outside_list?: string[]
  late: ReportItem[]
  date_unknown?: ReportItem[]
  with_errors: ReportItem[]
}
