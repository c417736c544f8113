import { create } from 'zustand'

/**
 * Window-only state the menu and the keyboard share: which item is selected, whether the shortcut
 * list is open, and one-shot requests (focus the search, show the start-session form). A request
 * is a counter, so asking twice still triggers twice.
 */
interface UiState {
  selected: string | undefined
  select: (id: string | undefined) => void
  help: boolean
  setHelp: (open: boolean) => void
  searchRequests: number
  requestSearch: () => void
  newSessionRequests: number
  requestNewSession: () => void
  /** The phase the rail last asked the list to show (with a counter, as above). */
  phaseJump: { id: string; n: number } | undefined
  jumpToPhase: (id: string) => void
}

export const useUi = create<UiState>((set) => ({
  selected: undefined,
  select: (selected) => set({ selected }),
  help: false,
  setHelp: (help) => set({ help }),
  searchRequests: 0,
  requestSearch: () => set((s) => ({ searchRequests: s.searchRequests + 1 })),
  newSessionRequests: 0,
  requestNewSession: () => set((s) => ({ newSessionRequests: s.newSessionRequests + 1 })),
  phaseJump: undefined,
  jumpToPhase: (id) => set((s) => ({ phaseJump: { id, n: (s.phaseJump?.n ?? 0) + 1 } })),
}))
