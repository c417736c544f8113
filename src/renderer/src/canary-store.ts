import { create } from 'zustand'
import type { CanaryUpdateView, PushPayload } from '../../shared/ipc'
import { api } from './api'
import { unseen } from './cursor'
import { errorMessage as message } from './error-message'

export interface CanaryRunState {
  runId: string
  /** Every step so far; the last one is the current verdict. */
  updates: CanaryUpdateView[]
  done: boolean
}

interface CanaryState {
  /** Latest run per item id. */
  runs: Record<string, CanaryRunState>
  errors: Record<string, string>
  start: (item: string) => Promise<void>
  stop: (item: string) => Promise<void>
  reset: () => void
  /** Main pushed a step of an analysis (or its end). */
  updateLanded: (landing: PushPayload<'push:canary-update'>) => void
}

/** Mirrors main's canary analyses; the verdicts and reasons come from main as they are. */
export const useCanary = create<CanaryState>((set, get) => {
  const apply = (
    item: string,
    runId: string,
    after: number,
    updates: CanaryUpdateView[],
    done: boolean,
  ): boolean => {
    const current = get().runs[item]
    if (!current || current.runId !== runId) return true
    const fresh = unseen(current.updates.length, after, updates)
    if (fresh === null) return false
    const all = [...current.updates, ...fresh]
    set((s) => ({
      runs: {
        ...s.runs,
        [item]: {
          ...current,
          updates: all,
          done: current.done || (done && all.length >= after + updates.length),
        },
      },
    }))
    return true
  }
  const catchUp = async (item: string, runId: string) => {
    const current = get().runs[item]
    if (!current || current.runId !== runId) return
    const after = current.updates.length
    const page = await api().canaryUpdates({ runId, after })
    apply(item, runId, after, page.updates, page.done)
  }
  const fail = (item: string, e: unknown) =>
    set((s) => ({ errors: { ...s.errors, [item]: message(e) } }))
  return {
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
        await catchUp(item, runId)
      } catch (e) {
        fail(item, e)
      }
    },
    updateLanded: ({ item, runId, position, done, update }) => {
      if (!apply(item, runId, position, update ? [update] : [], done))
        void catchUp(item, runId).catch((e: unknown) => fail(item, e))
    },
  }
})
