import { create } from 'zustand'
import type {
  ChannelRequest,
  ChannelResponse,
  ProbeResultView,
  PushPayload,
} from '../../shared/ipc'
import { api } from './api'
import { useCanary } from './canary-store'
import { unseen } from './cursor'
import { useSession } from './session-store'
import { useUi } from './ui-store'
import { errorMessage as message } from './error-message'

type LoadedPlan = Extract<ChannelResponse<'plan:load'>, { ok: true }>['value']
type SourceError = Extract<ChannelResponse<'plan:load'>, { ok: false }>['errors'][number]
type Template = ChannelResponse<'plan:templates'>[number]
type RecentSession = ChannelResponse<'session:recent'>[number]
type ChecklistPreview = Extract<ChannelResponse<'checklist:preview'>, { ok: true }>['preview']

/**
 * Where a checklist being imported comes from: the native open dialog, a file dropped onto the
 * window, or a preview main already made (a checklist picked in *Open plan or checklist…*).
 */
export type PreviewSource =
  { kind: 'dialog' } | { kind: 'file'; file: File } | { kind: 'ready'; preview: ChecklistPreview }

export interface ProbeRunState {
  runId: string
  total: number
  /** Latest result per item, in the order results landed. */
  results: Record<string, ProbeResultView>
  landed: number
  done: boolean
}

interface AppState {
  templates: Template[]
  recent: RecentSession[]
  plan: LoadedPlan | null
  errors: SourceError[]
  busy: boolean
  failure: string | null
  /** The checklist whose import preview shows (over home or the open plan), if any. */
  importing: PreviewSource | null
  /** Counts the previews shown, so a new one (asked for while one shows) starts afresh. */
  importId: number
  /** Show the import preview; confirming it opens the checklist through `openPlan`. */
  importChecklist: (source: PreviewSource) => void
  closeImport: () => void
  loadTemplates: () => Promise<void>
  loadRecent: () => Promise<void>
  openPlan: (request: ChannelRequest<'plan:load'>) => Promise<void>
  /** Open the plan as last saved from the author view (closes a session on the old plan). */
  openEditedPlan: (stayInAuthor?: boolean) => Promise<void>
  /** Open a plan from a file dropped onto the window (read here; the sandbox gives no paths). */
  openDropped: (file: File) => Promise<void>
  resume: (dir: string, actor: string) => Promise<void>
  closePlan: () => void
  run: ProbeRunState | null
  runError: string | null
  runProbes: (only?: string) => Promise<void>
  /** Main pushed a probe result (or the end of a run). */
  probeLanded: (landing: PushPayload<'push:probe-result'>) => void
  /** Seconds between the end of one full run and the start of the next; null when off. */
  continuous: number | null
  setContinuous: (seconds: number | null) => void
}

/** Pushed results gather this long before the store applies them, in one update. */
const LANDING_BATCH_MS = 16

/** Mirrors what main reports; holds no business rules of its own. */
export const useApp = create<AppState>((set, get) => {
  /** Apply results main holds from `after` on; whatever this window already has is skipped. */
  const apply = (
    runId: string,
    after: number,
    results: ProbeResultView[],
    done: boolean,
  ): boolean => {
    const current = get().run
    if (!current || current.runId !== runId) return true
    const fresh = unseen(current.landed, after, results)
    if (fresh === null) return false
    const byItem = { ...current.results }
    for (const r of fresh) byItem[r.item] = r
    const landed = current.landed + fresh.length
    const finished = current.done || (done && landed >= after + results.length)
    set({ run: { ...current, results: byItem, landed, done: finished } })
    if (finished && !current.done) scheduleNext()
    return true
  }
  // Continuous mode: the next full run starts `continuous` seconds after the last one ended.
  let nextRun: ReturnType<typeof setTimeout> | undefined
  const cancelNext = () => {
    clearTimeout(nextRun)
    nextRun = undefined
  }
  const scheduleNext = () => {
    cancelNext()
    const seconds = get().continuous
    if (seconds === null || !get().plan) return
    nextRun = setTimeout(() => {
      nextRun = undefined
      const { run, continuous, plan } = get()
      if (continuous !== null && plan && (!run || run.done)) void get().runProbes()
    }, seconds * 1000)
  }
  let landings: PushPayload<'push:probe-result'>[] = []
  let flushTimer: ReturnType<typeof setTimeout> | undefined
  const flushLandings = () => {
    flushTimer = undefined
    const batch = landings
    landings = []
    for (const { runId, position, done, result } of batch) {
      // Consecutive results of one run are one append; a gap is read from main.
      if (!apply(runId, position, result ? [result] : [], done)) {
        void catchUp(runId).catch((e: unknown) => set({ runError: message(e) }))
        return
      }
    }
  }
  /** Read what this window is missing of a run (after a gap, or when the run just started). */
  const catchUp = async (runId: string) => {
    const current = get().run
    if (!current || current.runId !== runId) return
    const page = await api().probeResults({ runId, after: current.landed })
    apply(runId, current.landed, page.results, page.done)
  }
  /** Open what `call` loads: a plan file, a dropped text, or the saved edited plan. */
  const load = async (call: () => Promise<ChannelResponse<'plan:load'>>, stay = false) => {
    set({ busy: true, failure: null })
    try {
      const result = await call()
      if (result.ok) {
        cancelNext()
        set({ continuous: null })
        // Opening a plan closes any session (main does the same).
        useSession.getState().reset()
        useCanary.getState().reset()
        if (!stay) useUi.getState().planChanged()
        set({
          plan: result.value,
          errors: [],
          busy: false,
          run: null,
          runError: null,
          importing: null,
        })
      } else if ('preview' in result)
        // The user picked a checklist: nothing opened yet; its preview shows first.
        set((s) => ({
          importing: { kind: 'ready', preview: result.preview },
          importId: s.importId + 1,
          errors: [],
          busy: false,
        }))
      else set({ errors: result.errors, busy: false })
    } catch (e) {
      set({ failure: message(e), busy: false })
    }
  }
  return {
    templates: [],
    recent: [],
    plan: null,
    errors: [],
    busy: false,
    failure: null,
    importing: null,
    importId: 0,
    importChecklist: (importing) => set((s) => ({ importing, importId: s.importId + 1 })),
    closeImport: () => set({ importing: null }),
    loadTemplates: async () => {
      try {
        set({ templates: await api().listTemplates({}) })
      } catch (e) {
        set({ failure: message(e) })
      }
    },
    loadRecent: async () => {
      try {
        set({ recent: await api().recentSessions({}) })
      } catch (e) {
        set({ failure: message(e) })
      }
    },
    openPlan: (request) => load(() => api().loadPlan(request)),
    // Saving from the author view opens the saved plan without leaving the author view.
    openEditedPlan: (stay = false) => load(() => api().openEditedPlan({}), stay),
    openDropped: async (file) => {
      const limit = 5 * 1024 * 1024
      if (file.size > limit) {
        set({
          errors: [
            {
              file: file.name,
              path: '',
              message: `file is ${file.size} bytes; the limit is ${limit}`,
            },
          ],
        })
        return
      }
      await get().openPlan({ source: 'text', name: file.name, text: await file.text() })
    },
    resume: async (dir, actor) => {
      set({ busy: true, failure: null })
      try {
        const result = await api().resumeSession({ dir, actor })
        if (result.ok) {
          useCanary.getState().reset()
          useSession.getState().reset()
          useSession.setState({ view: result.view })
          set({ plan: { ...result.plan }, errors: [], busy: false, run: null, runError: null })
        } else set({ failure: result.message, busy: false })
      } catch (e) {
        set({ failure: message(e), busy: false })
      }
    },
    closePlan: () => {
      cancelNext()
      useUi.getState().planChanged()
      set({ continuous: null })
      useCanary.getState().reset()
      useSession.getState().reset()
      set({ plan: null, errors: [], run: null, runError: null })
      void get().loadRecent()
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
        // Results that landed before this window knew the run id were pushed to nobody.
        await catchUp(runId)
      } catch (e) {
        set({ runError: message(e) })
      }
    },
    continuous: null,
    setContinuous: (seconds) => {
      set({ continuous: seconds })
      if (seconds === null) cancelNext()
      else {
        const { run } = get()
        if (!run || run.done) void get().runProbes()
      }
    },
    probeLanded: (landing) => {
      // Landings that arrive together are applied together: one store update (and one render)
      // per frame, not one per probe, when a hundred land in the same second.
      landings.push(landing)
      flushTimer ??= setTimeout(flushLandings, LANDING_BATCH_MS)
    },
  }
})
