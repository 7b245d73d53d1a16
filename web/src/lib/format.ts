// Formatting of numbers, dates, durations and sizes for people (Chinese).

/** A table value as printed: null is a blank/unreadable cell, never shown as 0. */
export function formatCell(v: number | null | undefined): string {
  if (v === undefined) return ''
  if (v === null) return '空'
  if (Number.isInteger(v)) return String(v)
  // money in 万元 keeps the decimals the report printed (at most 6)
  return String(Math.round(v * 1e6) / 1e6)
}

/** A count with thousands separators: 12,345. */
export function formatCount(n: number | null | undefined): string {
  if (n == null || Number.isNaN(n)) return '—'
  return n.toLocaleString('zh-CN')
}

/** A signed difference: +3, −2, 0; null when either side is missing. */
export function formatDelta(d: number | null | undefined): string {
  if (d == null) return '—'
  if (d === 0) return '0'
  const s = formatCell(Math.abs(d))
  return d > 0 ? `+${s}` : `−${s}`
}

/** A share 0..1 as a percentage with one decimal: 12.5%. */
export function formatPercent(x: number | null | undefined, digits = 1): string {
  if (x == null || Number.isNaN(x)) return '—'
  return `${(x * 100).toFixed(digits)}%`
}

/** Seconds as 1小时2分 / 3分5秒 / 12秒. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '—'
  const s = Math.round(seconds)
  if (s < 60) return `${s}秒`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}分${s % 60 ? `${s % 60}秒` : ''}`
  const h = Math.floor(m / 60)
  return `${h}小时${m % 60 ? `${m % 60}分` : ''}`
}

/** Bytes as 512 B / 1.5 KB / 2.3 MB. */
export function formatBytes(n: number | null | undefined): string {
  if (n == null || n < 0) return '—'
  if (n < 1024) return `${n} B`
  const units = ['KB', 'MB', 'GB']
  let v = n / 1024
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`
}

/** An ISO date or timestamp as 2024-01-18 / 2024-01-18 09:30 (local time). */
export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return '—'
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = (x: number) => String(x).padStart(2, '0')
  const day = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
  return withTime ? `${day} ${p(d.getHours())}:${p(d.getMinutes())}` : day
}

const TABLE_NAMES: Record<number, string> = { 2: '表二', 3: '表三', 4: '表四' }
export function tableName(t: number | null | undefined): string {
  return t == null ? '' : TABLE_NAMES[t] ?? `表${t}`
}
