// Files out of a drop: plain files, and every file inside dropped folders (zips go as they are).

interface FsEntry {
  isFile: boolean
  isDirectory: boolean
  name: string
  fullPath: string
  file?: (ok: (f: File) => void, err: (e: unknown) => void) => void
  createReader?: () => { readEntries: (ok: (es: FsEntry[]) => void, err: (e: unknown) => void) => void }
}

async function walk(entry: FsEntry, out: File[]): Promise<void> {
  if (entry.isFile && entry.file) {
    const f = await new Promise<File>((ok, err) => entry.file!(ok, err))
    out.push(f)
  } else if (entry.isDirectory && entry.createReader) {
    const reader = entry.createReader()
    // readEntries returns at most ~100 entries per call: read until empty
    for (;;) {
      const batch = await new Promise<FsEntry[]>((ok, err) => reader.readEntries(ok, err))
      if (!batch.length) break
      for (const e of batch) await walk(e, out)
    }
  }
}

export async function filesFromDrop(dt: DataTransfer): Promise<File[]> {
  const out: File[] = []
  const items = Array.from(dt.items ?? [])
  const entries = items
    .map((i) => (i.webkitGetAsEntry?.() ?? null) as unknown as FsEntry | null)
    .filter((e): e is FsEntry => e != null)
  if (entries.length) {
    for (const e of entries) await walk(e, out)
    return out
  }
  return Array.from(dt.files ?? [])
}

/** Leaves out hidden files (.DS_Store, Thumbs.db and the like) that are never reports. */
export function reportCandidates(files: File[]): File[] {
  return files.filter((f) => !f.name.startsWith('.') && f.name !== 'Thumbs.db' && f.name !== 'desktop.ini')
}
