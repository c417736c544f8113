import { create } from 'zustand'

/** One clock for every age on the board, ticking once a second (one timer, not one per row). */
export const useClock = create<{ now: number }>(() => ({ now: Date.now() }))
setInterval(() => useClock.setState({ now: Date.now() }), 1000)

/** "12 s", "4 min", "2 h": how long ago, short enough for a dense row. */
export function ago(iso: string | undefined, now: number): string {
  if (!iso) return ''
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000))
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m} min`
  const h = Math.floor(m / 60)
  return h < 48 ? `${h} h` : `${Math.floor(h / 24)} d`
}
