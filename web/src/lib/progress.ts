// Speed and time left of an import, from the server's counts and the times they were seen.

export interface ProgressSample {
  /** milliseconds (any clock, increasing) */
  t: number
  done: number
}

export interface ProgressEstimate {
  /** 0..100 */
  percent: number
  /** files per second, null until it can be told */
  speed: number | null
  /** seconds left, null until it can be told */
  etaSeconds: number | null
}

/**
 * Estimates from the samples seen (oldest first) within the last `windowMs`; when the
 * server reports `elapsedS` and there are too few samples, the average since the start.
 */
export function estimate(
  samples: ProgressSample[],
  total: number,
  elapsedS?: number | null,
  windowMs = 15000,
): ProgressEstimate {
  const last = samples[samples.length - 1]
  const done = last ? last.done : 0
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 1000) / 10) : 0
  if (total > 0 && done >= total) return { percent: 100, speed: speedFrom(samples, windowMs, elapsedS, done), etaSeconds: 0 }
  const speed = speedFrom(samples, windowMs, elapsedS, done)
  const etaSeconds = speed && speed > 0 ? Math.ceil((total - done) / speed) : null
  return { percent, speed, etaSeconds }
}

function speedFrom(samples: ProgressSample[], windowMs: number, elapsedS: number | null | undefined, done: number): number | null {
  const last = samples[samples.length - 1]
  if (last) {
    const recent = samples.filter((s) => last.t - s.t <= windowMs)
    const first = recent[0]
    if (first && last.t > first.t && last.done > first.done) {
      return ((last.done - first.done) * 1000) / (last.t - first.t)
    }
  }
  if (elapsedS && elapsedS > 0 && done > 0) return done / elapsedS
  return null
}

/** Keeps at most `max` samples, dropping the oldest; ignores a sample that goes back. */
export function addSample(samples: ProgressSample[], s: ProgressSample, max = 60): ProgressSample[] {
  const last = samples[samples.length - 1]
  if (last && (s.t < last.t || s.done < last.done)) return samples
  const out = [...samples, s]
  return out.length > max ? out.slice(out.length - max) : out
}
