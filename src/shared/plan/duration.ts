import { z } from 'zod'

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const
const DURATION_RE = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/

/** A duration written the way people write them in plans: `500ms`, `30s`, `15m`, `2h`, `7d`. */
export const DurationSchema = z
  .string()
  .regex(DURATION_RE, { message: 'expected a duration such as 500ms, 30s, 15m, 2h or 7d' })

export type Duration = z.infer<typeof DurationSchema>

/** Whether `text` parses as a duration (refinements run even when a field failed its regex). */
export function isDuration(text: string | undefined): boolean {
  return text === undefined || DURATION_RE.test(text.trim())
}

export function parseDuration(text: string): number {
  const m = DURATION_RE.exec(text.trim())
  if (!m) throw new Error(`"${text}" is not a duration (expected e.g. 500ms, 30s, 15m, 2h, 7d)`)
  return Math.round(Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS])
}

/** "2 min", "3 h 5 min": short human text for ages and remaining times in reasons. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms)
  if (abs < 1000) return `${Math.round(abs)} ms`
  const s = Math.round(abs / 1000)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m} min`
  const h = Math.floor(m / 60)
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`
  return `${Math.floor(h / 24)} d`
}
