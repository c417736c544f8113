/** Median wall time of `fn` over `runs` runs after `warmup` runs, in milliseconds. */
export function medianMs(fn: () => unknown, runs = 9, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    fn()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)] ?? NaN
}

export interface Figure {
  figure: string
  value: number
  unit: string
  reference: string
  ratio: number | null
  budget: string
  pass: boolean
}

export function report(figures: Figure[]): void {
  console.log(`BENCH ${JSON.stringify(figures)}`)
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits
