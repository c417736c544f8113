import { create } from 'zustand'
import type { CanaryUpdateView } from '../../shared/ipc'
import { api } from './api'
import { useSession } from './session-store'

export interface CanaryRunState {
  runId: string
  /** Every step so far; the last one is the current verdict. */
  updates: CanaryUpdateView[]
  done: boolean
}

const POLL_MS = 500

interface CanaryState {
  /** Latest run per item id. */
  runs: Record<string, CanaryRunState>
  errors: Record<string, string>
  start: (item: string) => Promise<void>
  stop: (item: string) => Promise<void>
  reset: () => void
}

/** Mirrors main's canary analyses; the verdicts and reasons come from main as they are. */
export const useCanary = create<CanaryState>((set, get) => ({
  runs: {},
  errors: {},
  reset: () => set({ runs: {}, errors: {} }),
  stop: async (item) => {
    const run = get().runs[item]
    if (run && !run.done) await api().stopCanary({ runId: run.runId })
  },
  start: async (item) => {
    set((s) => ({ errors: { ...s.errors, [item]: '' } }))
    try {
      const started = await api().runCanary({ item })
      if (!started.ok) {
        set((s) => ({ errors: { ...s.errors, [item]: started.message } }))
        return
      }
      const { runId } = started
      set((s) => ({ runs: { ...s.runs, [item]: { runId, updates: [], done: false } } }))
      for (;;) {
        const current = get().runs[item]
        if (!current || current.runId !== runId) return
        const page = await api().canaryUpdates({ runId, after: current.updates.length })
        set((s) => ({
          runs: {
            ...s.runs,
            [item]: { ...current, updates: [...current.updates, ...page.updates], done: page.done },
          },
        }))
        if (useSession.getState().view) await useSession.getState().refresh()
        if (page.done) return
        await new Promise((r) => setTimeout(r, POLL_MS))
      }
    } catch (e) {
      set((s) => ({ errors: { ...s.errors, [item]: e instanceof Error ? e.message : String(e) } }))
    }
  },
}))
