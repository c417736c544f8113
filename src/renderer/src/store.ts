import { create } from 'zustand'
import type { ChannelRequest, ChannelResponse } from '../../shared/ipc'
import { api } from './api'

type LoadedPlan = Extract<ChannelResponse<'plan:load'>, { ok: true }>['value']
type SourceError = Extract<ChannelResponse<'plan:load'>, { ok: false }>['errors'][number]
type Template = ChannelResponse<'plan:templates'>[number]

interface AppState {
  templates: Template[]
  plan: LoadedPlan | null
  errors: SourceError[]
  busy: boolean
  failure: string | null
  loadTemplates: () => Promise<void>
  openPlan: (request: ChannelRequest<'plan:load'>) => Promise<void>
  closePlan: () => void
}

/** Mirrors what main reports; holds no business rules of its own. */
export const useApp = create<AppState>((set) => ({
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
      if (result.ok) set({ plan: result.value, errors: [], busy: false })
      else set({ errors: result.errors, busy: false })
    } catch (e) {
      set({ failure: e instanceof Error ? e.message : String(e), busy: false })
    }
  },
  closePlan: () => set({ plan: null, errors: [] }),
}))
