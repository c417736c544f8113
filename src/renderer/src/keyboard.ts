import { useEffect, useRef } from 'react'

export const SHORTCUTS: [string, string][] = [
  ['Ctrl/⌘ K', 'command menu: every action and item by name'],
  ['j / k', 'next / previous item'],
  ['space', 'toggle the selected manual item (pass ↔ pending)'],
  ['r', "run the selected item's probe"],
  ['/', 'search items'],
  ['?', 'show or hide this list'],
  ['Esc', 'leave the search, close this list or the drawer'],
]

export interface ShortcutActions {
  move: (delta: 1 | -1) => void
  toggle: () => void
  run: () => void
  focusSearch: () => void
  toggleHelp: () => void
  commands: () => void
  escape: () => void
}

/** Launch-day keys, ignored while typing in a field (except Esc). */
export function useShortcuts(actions: ShortcutActions): void {
  // The latest actions, read when a key arrives: the listener is registered once.
  const latest = useRef(actions)
  useEffect(() => {
    latest.current = actions
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault()
        latest.current.commands()
        return
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return
      const target = e.target as HTMLElement | null
      const typing = isTyping(target)
      const actions = latest.current
      if (e.key === 'Escape') {
        actions.escape()
        if (typing) {
          // Leave the field but keep the search: j/k then walk its matches.
          e.preventDefault()
          target.blur()
        }
        return
      }
      if (typing) return
      const handlers: Record<string, () => void> = {
        j: () => actions.move(1),
        k: () => actions.move(-1),
        ' ': actions.toggle,
        r: actions.run,
        '/': actions.focusSearch,
        '?': actions.toggleHelp,
      }
      const handler = handlers[e.key]
      if (!handler) return
      e.preventDefault()
      handler()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}

/** Whether a key went to a field the user is typing in (the single-letter keys leave it alone). */
export function isTyping(target: EventTarget | null): target is HTMLElement {
  if (!(target instanceof HTMLElement)) return false
  return (
    target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT' ||
    target.isContentEditable
  )
}

/**
 * Single-letter keys of one view: `keys()` is asked when a key arrives (so it sees the latest
 * state) and answers the handlers, or null when the view is not taking keys now. Keys typed in a
 * field, inside a drawer or a dialog, or with a modifier are left alone.
 */
export function useViewKeys(keys: () => Record<string, () => void> | null): void {
  const latest = useRef(keys)
  useEffect(() => {
    latest.current = keys
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return
      if (e.target instanceof HTMLElement && e.target.closest('.drawer, [role="dialog"]')) return
      const handler = latest.current()?.[e.key]
      if (!handler) return
      e.preventDefault()
      handler()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
