/** Median wall time of `fn` over `runs` runs after `warmup` runs, in milliseconds. */
export function medianMs(fn: () => unknown, runs = 9, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    fn()
    times.push(performance.now() - t0)
  }
  return stats(times).median
}

/** A measured quantity over several runs: its median and its spread (min–max). */
export interface Stats {
  median: number
  min: number
  max: number
  runs: number
}

export function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const median =
    sorted.length % 2 ? sorted[mid]! : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2
  return { median, min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN, runs: sorted.length }
}

/**
 * Time every case once per round, the cases in turn, for `rounds` rounds after `warmup` rounds.
 * On a shared machine a neighbour's burst then lands on the measured code and its reference
 * alike: it widens the spread instead of moving one side's median. Milliseconds per case.
 */
export async function interleaved<K extends string>(
  cases: Record<K, () => unknown>,
  rounds: number,
  warmup = 1,
): Promise<Record<K, Stats>> {
  const names = Object.keys(cases) as K[]
  const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>
  for (let round = -warmup; round < rounds; round++)
    for (const name of names) {
      const t0 = performance.now()
      await cases[name]()
      const ms = performance.now() - t0
      if (round >= 0) times[name].push(ms)
    }
  return Object.fromEntries(names.map((n) => [n, stats(times[n])])) as Record<K, Stats>
}

/** "median (min–max) unit", for a reference column. */
export const describe = (s: Stats, unit = 'ms', digits = 1) =>
  `${round(s.median, digits)} ${unit} (${round(s.min, digits)}–${round(s.max, digits)})`

/** "min–max", for a figure's spread. */
export const spreadOf = (s: Stats, digits = 1) => `${round(s.min, digits)}–${round(s.max, digits)}`

export interface Figure {
  figure: string
  /** The median. */
  value: number
  unit: string
  /** min–max over the runs, in `unit`; absent for single-shot figures. */
  spread?: string
  /** The reference measured in the same run, with its own median and spread. */
  reference: string
  /** value / reference (medians); the budget applies to it. */
  ratio: number | null
  budget: string
  pass: boolean
}

export function report(figures: Figure[]): void {
  console.log(`BENCH ${JSON.stringify(figures)}`)
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits
