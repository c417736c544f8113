import { create } from 'zustand'

export type Theme = 'system' | 'light' | 'dark'
const KEY = 'gonogo.theme'

function stored(): Theme {
  try {
    const value = localStorage.getItem(KEY)
    return value === 'light' || value === 'dark' ? value : 'system'
  } catch {
    return 'system'
  }
}

/** Applies the theme as an attribute on <html>: the stylesheet does the rest (no inline styles). */
function apply(theme: Theme) {
  if (theme === 'system') delete document.documentElement.dataset.theme
  else document.documentElement.dataset.theme = theme
}

interface ThemeState {
  theme: Theme
  setTheme: (theme: Theme) => void
  /** System → light → dark → system. */
  cycle: () => void
}

export const useTheme = create<ThemeState>((set, get) => {
  const initial = stored()
  apply(initial)
  return {
    theme: initial,
    setTheme: (theme) => {
      apply(theme)
      try {
        localStorage.setItem(KEY, theme)
      } catch {
        // A window without storage still switches; it just does not remember.
      }
      set({ theme })
    },
    cycle: () => {
      const order: Theme[] = ['system', 'light', 'dark']
      get().setTheme(order[(order.indexOf(get().theme) + 1) % order.length]!)
    },
  }
})
