import { z } from 'zod'
import { create } from 'zustand'
import type { ChannelRequest, ChannelResponse } from '../../shared/ipc'
import type { AuthoringState, PresetInfo, TryResult } from '../../shared/ipc-authoring'
import { api } from './api'
import { errorMessage } from './error-message'
import { useSession } from './session-store'
import { useApp } from './store'
import { useToasts } from './ui/toast-store'

export type FieldError = { path: string; message: string; offset?: number }
type StateResponse = ChannelResponse<'authoring:state'>
export type UpdatePreview = Extract<
  ChannelResponse<'authoring:update-preview'>,
  { ok: true }
>['preview']
type UpdateErrors = Extract<ChannelResponse<'authoring:update-preview'>, { ok: false }>['errors']

const JsonObjectSchema = z.record(z.string(), z.json())
export type JsonObject = z.infer<typeof JsonObjectSchema>

/** A probe the form built, as the JSON the channel carries (a value JSON cannot hold is refused). */
export function asJsonObject(
  value: Record<string, unknown>,
): { ok: true; value: JsonObject } | { ok: false; message: string } {
  const parsed = JsonObjectSchema.safeParse(value)
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, message: `not JSON: ${parsed.error.issues[0]?.message ?? 'invalid value'}` }
}

/** What a call that edits the plan answers: fine, or the errors main found (by field). */
export type EditOutcome = { ok: true } | { ok: false; message: string; errors: FieldError[] }

interface AuthoringStore {
  state: AuthoringState | null
  /** Why the authoring state could not be had (main's words). */
  problem: string | null
  busy: boolean
  presets: PresetInfo[]
  /** The item whose probe editor is open, and the draft it starts from (index), if any. */
  editing: { item: string; draft?: number } | undefined
  /** The last Try of each item (shown in its editor until the next Try). */
  tries: Record<string, TryResult>
  load: () => Promise<void>
  loadPresets: () => Promise<void>
  decide: (decisions: ChannelRequest<'authoring:decide'>['decisions']) => Promise<EditOutcome>
  setCheck: (request: ChannelRequest<'authoring:set-check'>) => Promise<EditOutcome>
  setVar: (request: ChannelRequest<'authoring:set-var'>) => Promise<EditOutcome>
  setEnvironment: (environment: string) => Promise<EditOutcome>
  declareCredential: (
    request: ChannelRequest<'authoring:declare-credential'>,
  ) => Promise<EditOutcome>
  tryProbe: (
    item: string,
    probe?: JsonObject,
  ) => Promise<
    { ok: true; result: TryResult } | { ok: false; message: string; errors: FieldError[] }
  >
  edit: (item: string | undefined, draft?: number) => void
  /** The "Update from checklist…" dialog is open. */
  updating: boolean
  setUpdating: (open: boolean) => void
  save: () => Promise<void>
  preview: (
    source: ChannelRequest<'authoring:update-preview'>,
  ) => Promise<
    | { ok: true; preview: UpdatePreview }
    | { ok: false; cancelled: boolean; message: string; errors: UpdateErrors }
  >
  apply: (request: ChannelRequest<'authoring:update-apply'>) => Promise<EditOutcome>
  /** Start a new session on the edited plan: open it as the plan (the old session is closed). */
  openEdited: () => Promise<void>
  reset: () => void
}

/** Mirrors main's working copy of the plan being authored; every rule is main's and shared's. */
export const useAuthoring = create<AuthoringStore>((set, get) => {
  /** Take a state answer: the new state, or its errors for the caller to show by field. */
  const take = async (call: () => Promise<StateResponse>): Promise<EditOutcome> => {
    set({ busy: true })
    try {
      const result = await call()
      if (result.ok) {
        set({ state: result.state, problem: null, busy: false })
        return { ok: true }
      }
      set({ busy: false })
      return { ok: false, message: result.message, errors: result.errors }
    } catch (e) {
      set({ busy: false })
      return { ok: false, message: errorMessage(e), errors: [] }
    }
  }
  return {
    state: null,
    problem: null,
    busy: false,
    presets: [],
    editing: undefined,
    tries: {},
    load: async () => {
      const outcome = await take(() => api().authoringState({}))
      if (!outcome.ok) set({ problem: outcome.message })
    },
    loadPresets: async () => {
      try {
        set({ presets: (await api().listPresets({})).presets })
      } catch (e) {
        set({ problem: errorMessage(e) })
      }
    },
    decide: (decisions) => take(() => api().decideSuggestions({ decisions })),
    setCheck: (request) => take(() => api().setItemCheck(request)),
    setVar: (request) => take(() => api().setPlanVar(request)),
    setEnvironment: (environment) => take(() => api().setAuthoringEnvironment({ environment })),
    declareCredential: (request) => take(() => api().declarePlanCredential(request)),
    tryProbe: async (item, probe) => {
      try {
        const result = await api().tryProbe(probe ? { item, probe } : { item })
        if (result.ok) set({ tries: { ...get().tries, [item]: result.result } })
        return result
      } catch (e) {
        return { ok: false, message: errorMessage(e), errors: [] }
      }
    },
    edit: (item, draft) =>
      set({
        editing: item === undefined ? undefined : { item, ...(draft !== undefined && { draft }) },
      }),
    updating: false,
    setUpdating: (updating) => set({ updating }),
    save: async () => {
      set({ busy: true })
      try {
        const result = await api().savePlan({})
        set({ busy: false })
        if (!result.ok) {
          if (!result.cancelled)
            useToasts.getState().show({ tone: 'bad', label: 'Save', text: result.message })
          return
        }
        set({ state: result.state })
        useToasts
          .getState()
          .show({ tone: 'ok', label: 'Save', text: `Saved the plan to ${result.file}` })
        // Without a session the saved file is the open plan: the board shows it at once.
        if (!useSession.getState().view) await useApp.getState().openEditedPlan(true)
      } catch (e) {
        set({ busy: false })
        useToasts.getState().show({ tone: 'bad', label: 'Save', text: errorMessage(e) })
      }
    },
    preview: async (source) => {
      try {
        return await api().previewPlanUpdate(source)
      } catch (e) {
        return { ok: false, cancelled: false, message: errorMessage(e), errors: [] }
      }
    },
    apply: (request) => take(() => api().applyPlanUpdate(request)),
    openEdited: async () => {
      await useApp.getState().openEditedPlan()
      await get().load()
    },
    reset: () =>
      set({ state: null, problem: null, editing: undefined, tries: {}, updating: false }),
  }
})
