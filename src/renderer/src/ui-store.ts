import { create } from 'zustand'

/**
 * Window-only state the menu and the keyboard share: which item is selected, whether the shortcut
 * list is open, and one-shot requests (focus the search, show the start-session form). A request
 * is a counter, so asking twice still triggers twice.
 */
/** The parts of the author view: drafted checks, every item's check, vars and credentials. */
export type AuthorTab = 'suggested' | 'items' | 'vars'

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
  /** The command menu (Ctrl/⌘-K). */
  commands: boolean
  setCommands: (open: boolean) => void
  /** Present mode: large type, readiness, counts and roll call only. */
  present: boolean
  setPresent: (on: boolean) => void
  /** The role whose sign-off form is open (the sign-off drawer), if any. */
  signing: string | undefined
  setSigning: (role: string | undefined) => void
  /** What the big pane shows: the items or the session's activity. */
  pane: 'items' | 'activity'
  setPane: (pane: 'items' | 'activity') => void
  /** The plan view's mode: the launch-day board, or authoring the plan (checks, vars, save). */
  mode: 'board' | 'author'
  setMode: (mode: 'board' | 'author') => void
  /** Which part of the author view shows. */
  authorTab: AuthorTab
  setAuthorTab: (tab: AuthorTab) => void
  /** A plan was opened or closed: the board, and the author view on its suggested checks. */
  planChanged: () => void
  /** A request to put the focus in the decision's reason field (counter, as above). */
  decideRequests: number
  requestDecide: () => void
}

export const useUi = create<UiState>((set) => ({
  selected: undefined,
  select: (selected) =>
    set(selected === undefined ? { selected } : { selected, signing: undefined }),
  help: false,
  setHelp: (help) => set({ help }),
  searchRequests: 0,
  requestSearch: () => set((s) => ({ searchRequests: s.searchRequests + 1 })),
  newSessionRequests: 0,
  requestNewSession: () => set((s) => ({ newSessionRequests: s.newSessionRequests + 1 })),
  phaseJump: undefined,
  jumpToPhase: (id) => set((s) => ({ phaseJump: { id, n: (s.phaseJump?.n ?? 0) + 1 } })),
  commands: false,
  setCommands: (commands) => set({ commands }),
  present: false,
  setPresent: (present) => set({ present }),
  signing: undefined,
  // The sign-off drawer and an item's drawer share the right of the board: one at a time.
  setSigning: (signing) =>
    set(signing === undefined ? { signing } : { signing, selected: undefined }),
  pane: 'items',
  setPane: (pane) => set({ pane }),
  mode: 'board',
  authorTab: 'suggested',
  setAuthorTab: (authorTab) => set({ authorTab }),
  planChanged: () =>
    set({ mode: 'board', authorTab: 'suggested', selected: undefined, signing: undefined }),
  // The author view has its own drawers: the board's item and sign-off drawers close.
  setMode: (mode) => set({ mode, selected: undefined, signing: undefined }),
  decideRequests: 0,
  requestDecide: () => set((s) => ({ decideRequests: s.decideRequests + 1 })),
}))
