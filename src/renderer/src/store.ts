import { create } from 'zustand'
import type { ChannelRequest, ChannelResponse, ProbeResultView } from '../../shared/ipc'
import { api } from './api'
import { useCanary } from './canary-store'
import { useSession } from './session-store'

type LoadedPlan = Extract<ChannelResponse<'plan:load'>, { ok: true }>['value']
type SourceError = Extract<ChannelResponse<'plan:load'>, { ok: false }>['errors'][number]
type Template = ChannelResponse<'plan:templates'>[number]

export interface ProbeRunState {
  runId: string
  total: number
  /** Latest result per item, in the order results landed. */
  results: Record<string, ProbeResultView>
  landed: number
  done: boolean
}

const POLL_MS = 150

interface AppState {
  templates: Template[]
  plan: LoadedPlan | null
  errors: SourceError[]
  busy: boolean
  failure: string | null
  loadTemplates: () => Promise<void>
  openPlan: (request: ChannelRequest<'plan:load'>) => Promise<void>
  closePlan: () => void
  run: ProbeRunState | null
  runError: string | null
  runProbes: (only?: string) => Promise<void>
}

/** Mirrors what main reports; holds no business rules of its own. */
export const useApp = create<AppState>((set, get) => ({
  templates: [],
  plan: null,
  errors: [],
  busy: false,
  failure: null,
  loadTemplates: async () => {
    try {
      set({ templates: await api().listTemplates({}) })
    } catch (e) {
      set({ failure: e instanceof Error ? e.message : String(e) })
    }
  },
  openPlan: async (request) => {
    set({ busy: true, failure: null })
    try {
      const result = await api().loadPlan(request)
      if (result.ok) {
        // Opening a plan closes any session (main does the same).
        useSession.getState().reset()
        set({ plan: result.value, errors: [], busy: false })
      } else set({ errors: result.errors, busy: false })
    } catch (e) {
      set({ failure: e instanceof Error ? e.message : String(e), busy: false })
    }
  },
  closePlan: () => {
    useCanary.getState().reset()
    useSession.getState().reset()
    set({ plan: null, errors: [], run: null, runError: null })
  },
  run: null,
  runError: null,
  runProbes: async (only) => {
    set({ runError: null })
    try {
      const started = await api().runProbes(only === undefined ? {} : { only })
      if (!started.ok) {
        set({ runError: started.message })
        return
      }
      const { runId, total } = started
      set({ run: { runId, total, results: {}, landed: 0, done: false } })
      // Results stream in as they land; read them from a cursor until the run is done.
      for (;;) {
        const current = get().run
        if (!current || current.runId !== runId) return
        const page = await api().probeResults({ runId, after: current.landed })
        const results = { ...current.results }
        for (const r of page.results) results[r.item] = r
        set({
          run: {
            ...current,
            results,
            landed: current.landed + page.results.length,
            done: page.done,
          },
        })
        if (useSession.getState().view) await useSession.getState().refresh()
        if (page.done) return
        await new Promise((r) => setTimeout(r, POLL_MS))
      }
    } catch (e) {
      set({ runError: e instanceof Error ? e.message : String(e) })
    }
  },
}))
