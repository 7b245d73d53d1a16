// Small composables shared by the pages.
import { ref, shallowRef, type Ref } from 'vue'
import { getFormat } from '../api'
import type { FormatSpec } from './types'

export interface Loader<T> {
  data: Ref<T | null>
  loading: Ref<boolean>
  error: Ref<string | null>
  run: () => Promise<void>
}

/** Loads with loading/error state; a later run supersedes an earlier one still in flight. */
export function useLoader<T>(fetcher: () => Promise<T>): Loader<T> {
  const data = shallowRef<T | null>(null) as Ref<T | null>
  const loading = ref(false)
  const error = ref<string | null>(null)
  let seq = 0
  async function run() {
    const mine = ++seq
    loading.value = true
    error.value = null
    try {
      const v = await fetcher()
      if (mine === seq) data.value = v
    } catch (e) {
      if (mine === seq) error.value = (e as Error).message || '加载失败'
    } finally {
      if (mine === seq) loading.value = false
    }
  }
  return { data, loading, error, run }
}

const fmt = shallowRef<FormatSpec | null>(null)
const fmtError = ref<string | null>(null)
/** The official form from the server, shared by every page. */
export function useFormat() {
  if (!fmt.value)
    getFormat()
      .then((f) => (fmt.value = f))
      .catch((e) => (fmtError.value = (e as Error).message))
  return { format: fmt, formatError: fmtError }
}
