import { describe, expect, it } from 'vitest'
import { addSample, estimate } from '../src/lib/progress'

describe('import progress', () => {
  it('has no speed or ETA before two samples with progress', () => {
    expect(estimate([], 10)).toEqual({ percent: 0, speed: null, etaSeconds: null })
    expect(estimate([{ t: 0, done: 0 }], 10)).toEqual({ percent: 0, speed: null, etaSeconds: null })
  })
  it('measures speed over the recent window and the time left', () => {
    const s = [
      { t: 0, done: 0 },
      { t: 2000, done: 4 },
      { t: 4000, done: 8 },
    ]
    const e = estimate(s, 20)
    expect(e.speed).toBeCloseTo(2)
    expect(e.etaSeconds).toBe(6)
    expect(e.percent).toBe(40)
  })
  it('forgets samples older than the window', () => {
    const s = [
      { t: 0, done: 0 },
      { t: 100000, done: 10 },
      { t: 110000, done: 30 },
    ]
    expect(estimate(s, 100).speed).toBeCloseTo(2)
  })
  it('falls back to the server’s elapsed time', () => {
    const e = estimate([{ t: 0, done: 5 }], 15, 10)
    expect(e.speed).toBeCloseTo(0.5)
    expect(e.etaSeconds).toBe(20)
  })
  it('is 100% with no time left when done', () => {
    expect(estimate([{ t: 0, done: 3 }], 3)).toMatchObject({ percent: 100, etaSeconds: 0 })
  })
  it('keeps samples bounded and in order', () => {
    let s = [{ t: 0, done: 0 }]
    s = addSample(s, { t: 1, done: 1 })
    s = addSample(s, { t: 0, done: 2 })
    expect(s).toHaveLength(2)
    for (let i = 2; i < 100; i++) s = addSample(s, { t: i, done: i }, 10)
    expect(s).toHaveLength(10)
    expect(s[9]).toEqual({ t: 99, done: 99 })
  })
})
