import { create } from 'zustand'
import type { ChannelResponse } from '../../shared/ipc'
import { credentialFieldsFromForm, type CredentialKind } from '../../shared/credentials'
import { api } from './api'
import { errorMessage as messageOf } from './error-message'

export type CredentialInfo = Extract<
  ChannelResponse<'credentials:list'>,
  { ok: true }
>['credentials'][number]

interface CredentialsState {
  open: boolean
  credentials: CredentialInfo[]
  /** A keychain problem (locked, unavailable) or a refused write, as main words it. */
  message: string | null
  saved: string | null
  show: () => Promise<void>
  /** A credential the form should open on when the screen shows (the author view's "Set…"). */
  editing: { name: string; kind: CredentialKind } | null
  /** Show the screen with the form open for one credential. */
  showFor: (name: string, kind: CredentialKind) => Promise<void>
  hide: () => void
  refresh: () => Promise<void>
  /** Store a credential; the values go to main once and are not kept here. */
  save: (name: string, kind: CredentialKind, values: Record<string, string>) => Promise<boolean>
  remove: (name: string) => Promise<void>
}

/** The credentials screen's state: names, kinds and status only; main never sends a value. */
export const useCredentials = create<CredentialsState>((set, get) => ({
  open: false,
  credentials: [],
  message: null,
  saved: null,
  show: async () => {
    set({ open: true, saved: null, message: null })
    await get().refresh()
  },
  editing: null,
  showFor: async (name, kind) => {
    set({ editing: { name, kind } })
    await get().show()
  },
  hide: () => set({ open: false, saved: null, message: null, editing: null }),
  refresh: async () => {
    try {
      const result = await api().listCredentials({})
      if (result.ok) set({ credentials: result.credentials })
      else set({ message: result.message })
    } catch (e) {
      set({ message: messageOf(e) })
    }
  },
  save: async (name, kind, values) => {
    set({ message: null, saved: null })
    const form = credentialFieldsFromForm(kind, values)
    if (!form.ok) {
      set({ message: form.message })
      return false
    }
    try {
      const result = await api().setCredential({ name, kind, fields: form.fields })
      if (!result.ok) {
        set({ message: result.message })
        return false
      }
      set({ saved: `stored \`${name}\` (${kind}) in the OS keychain` })
      await get().refresh()
      return true
    } catch (e) {
      set({ message: messageOf(e) })
      return false
    }
  },
  remove: async (name) => {
    set({ message: null, saved: null })
    try {
      const result = await api().deleteCredential({ name })
      if (!result.ok) set({ message: result.message })
      else set({ saved: result.deleted ? `deleted \`${name}\`` : `\`${name}\` was not stored` })
      await get().refresh()
    } catch (e) {
      set({ message: messageOf(e) })
    }
  },
}))
