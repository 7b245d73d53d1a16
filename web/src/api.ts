// The one client of the gongkai HTTP API: JSON, the session cookie, the CSRF header, errors in Chinese.
import { reactive } from 'vue'
import type { FormatSpec } from './lib/types'

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    public zh: string,
    public en = '',
  ) {
    super(zh)
  }
}

export interface SessionState {
  user: string | null
  role: 'admin' | 'reviewer' | 'viewer' | null
  csrf: string | null
  /** 填报: the agency of a unit account; null for the office */
  agency?: string | null
  checked: boolean
}

export const session = reactive<SessionState>({ user: null, role: null, csrf: null, agency: null, checked: false })

export function canReview(): boolean {
  return session.role === 'reviewer' || session.role === 'admin'
}
export function isAdmin(): boolean {
  return session.role === 'admin'
}

/** Called when the server says the session is gone (set by the router). */
export let onUnauthorized: () => void = () => {}
export function setOnUnauthorized(f: () => void) {
  onUnauthorized = f
}

const STATUS_ZH: Record<number, string> = {
  400: '请求有误',
  401: '未登录或登录已过期，请重新登录',
  403: '没有权限执行此操作',
  404: '未找到',
  409: '与现有数据冲突',
  413: '上传内容超过大小限制',
  429: '尝试次数过多，请稍后再试',
  500: '服务器内部错误',
  502: '服务暂时不可用',
  503: '服务暂时不可用',
}

export async function errorFrom(res: Response): Promise<ApiError> {
  let code = `http_${res.status}`
  let zh = STATUS_ZH[res.status] ?? `请求失败（${res.status}）`
  let en = ''
  try {
    const body = await res.json()
    if (body?.error) {
      code = body.error.code ?? code
      zh = body.error.zh ?? zh
      en = body.error.en ?? ''
    }
  } catch {
    /* not JSON: keep the status text */
  }
  return new ApiError(res.status, code, zh, en)
}

export function query(params: Record<string, unknown>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue
    q.set(k, String(v))
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  let payload: BodyInit | undefined
  if (body instanceof FormData) payload = body
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  if (method !== 'GET' && session.csrf) headers['X-CSRF-Token'] = session.csrf
  let res: Response
  try {
    res = await fetch(`/api/v1${path}`, { method, headers, body: payload, credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络或服务是否已启动')
  }
  if (res.status === 401 && path !== '/session') {
    session.user = session.role = session.csrf = null
    onUnauthorized()
  }
  if (!res.ok) throw await errorFrom(res)
  if (res.status === 204) return undefined as T
  const type = res.headers.get('Content-Type') ?? ''
  if (!type.includes('json')) return (await res.text()) as T
  return (await res.json()) as T
}

export const api = {
  get: <T>(path: string, params: Record<string, unknown> = {}) => request<T>('GET', path + query(params)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
}

interface SessionBody {
  user: string
  role: SessionState['role']
  csrf_token: string
  agency?: string | null
}

function setSession(b: SessionBody) {
  session.user = b.user
  session.role = b.role
  session.csrf = b.csrf_token
  session.agency = b.agency ?? null
}

export async function login(username: string, password: string) {
  setSession(await api.post<SessionBody>('/session', { username, password }))
}

export async function restoreSession(): Promise<void> {
  if (session.checked) return
  try {
    setSession(await request<SessionBody>('GET', '/session'))
  } catch {
    session.user = session.role = session.csrf = null
  } finally {
    session.checked = true
  }
}

export async function logout() {
  try {
    await api.del('/session')
  } finally {
    session.user = session.role = session.csrf = null
  }
}

let formatPromise: Promise<FormatSpec> | null = null
/** The official form (labels, severities, review statuses), fetched once. */
export function getFormat(): Promise<FormatSpec> {
  if (!formatPromise) formatPromise = api.get<FormatSpec>('/format').catch((e) => {
    formatPromise = null
    throw e
  })
  return formatPromise
}

/** A download link under the API (the session cookie goes with it). */
export function apiHref(path: string, params: Record<string, unknown> = {}): string {
  return `/api/v1${path}${query(params)}`
}

/** A POST whose answer is a file (a draft): its bytes, Content-Disposition and headers. */
export async function postForFile(path: string, body: unknown): Promise<{ blob: Blob; disposition: string | null; headers: Headers }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (session.csrf) headers['X-CSRF-Token'] = session.csrf
  let res: Response
  try {
    res = await fetch(`/api/v1${path}`, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络或服务是否已启动')
  }
  if (res.status === 401) {
    session.user = session.role = session.csrf = null
    onUnauthorized()
  }
  if (!res.ok) throw await errorFrom(res)
  return { blob: await res.blob(), disposition: res.headers.get('Content-Disposition'), headers: res.headers }
}
