import { create } from 'zustand'
import type { ChannelResponse } from '../../shared/ipc'
import { api } from './api'
import { errorMessage } from './error-message'
import { useToasts } from './ui/toast-store'

export type SessionView = NonNullable<ChannelResponse<'session:view'>['view']>
/** A session command's answer; `cancelled` when the user closed a dialog main showed. */
type SessionResult = ChannelResponse<'session:mark'> | ChannelResponse<'session:sign'>

interface SessionState {
  view: SessionView | null
  /** The last refusal or failure, with the blocking reasons when GO was refused. */
  error: { message: string; reasons?: string[] } | null
  busy: boolean
  exported: { pdf: string; digest: string } | null
  publicKey: { name: string; publicKey: string; fingerprint: string } | null
  start: (actor: string, role?: string, environment?: string) => Promise<void>
  refresh: () => Promise<void>
  mark: (item: string, status: 'pass' | 'fail' | 'na' | 'pending', note?: string) => Promise<void>
  waive: (item: string, reason: string, role: string, expiresInMinutes?: number) => Promise<void>
  sign: (role: string, name: string, key: string) => Promise<void>
  /** Sign off with an SSH signature made elsewhere (main shows the open dialog). */
  importSignature: (role: string, name: string) => Promise<void>
  createKey: (name: string, comment: string) => Promise<void>
  decide: (decision: 'GO' | 'NO-GO', reason: string) => Promise<void>
  exportRecord: () => Promise<void>
  reset: () => void
  /** Main pushed the session's new view (a probe landed, a sign-off, another command). */
  changed: (view: SessionView | null) => void
}

/** Mirrors main's session; every rule (readiness, digest, who may decide) is main's and shared's. */
export const useSession = create<SessionState>((set) => {
  const run = async (call: () => Promise<SessionResult>) => {
    set({ busy: true, error: null })
    try {
      const result = await call()
      if (result.ok) set({ view: result.view, busy: false })
      else if ('cancelled' in result && result.cancelled) set({ busy: false })
      else
        set({
          busy: false,
          error: { message: result.message, ...(result.reasons && { reasons: result.reasons }) },
        })
    } catch (e) {
      set({ busy: false, error: { message: errorMessage(e) } })
    }
  }
  return {
    view: null,
    error: null,
    busy: false,
    exported: null,
    publicKey: null,
    reset: () => set({ view: null, error: null, exported: null, publicKey: null }),
    changed: (view) => set({ view }),
    start: (actor, role, environment) =>
      run(() =>
        api().startSession({
          actor,
          ...(role && { role }),
          ...(environment && { environment }),
        }),
      ),
    refresh: async () => {
      const { view } = await api().sessionView({})
      set({ view })
    },
    mark: (item, status, note) =>
      run(() => api().markItem(note ? { item, status, note } : { item, status })),
    waive: (item, reason, role, expiresInMinutes) =>
      run(() =>
        api().waiveItem({
          item,
          reason,
          role,
          ...(expiresInMinutes !== undefined && { expiresInMinutes }),
        }),
      ),
    sign: (role, name, key) => run(() => api().signOff({ role, name, key })),
    importSignature: (role, name) =>
      run(() => api().signOff({ role, name, importSignature: true })),
    decide: (decision, reason) => run(() => api().decide({ decision, reason })),
    createKey: async (name, comment) => {
      set({ error: null })
      const result = await api().createSigningKey({ name, comment })
      if (result.ok)
        set({ publicKey: { name, publicKey: result.publicKey, fingerprint: result.fingerprint } })
      else set({ error: { message: result.message } })
    },
    exportRecord: async () => {
      set({ busy: true, error: null })
      const result = await api().exportRecord({})
      if (result.ok) {
        set({ busy: false, exported: { pdf: result.pdf, digest: result.digest } })
        useToasts.getState().show({
          tone: 'ok',
          label: 'Export',
          text: `Exported ${result.pdf} (digest ${result.digest.slice(0, 16)}…)`,
        })
      } else set({ busy: false, error: result.cancelled ? null : { message: result.message } })
    },
  }
})
