import { useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { Plan } from '../../../../shared/plan/schema'
import { useUi } from '../../ui-store'

export interface Command {
  id: string
  label: string
  /** Shown at the right: a shortcut or the item's phase. */
  hint?: string
  group: 'Actions' | 'Items'
  run: () => void
}

/** At most this many items are listed for a query; typing more narrows them. */
const MAX_ITEMS = 50

/**
 * Ctrl/⌘-K: every action and every item by name, keyboard first (type to filter, ↑/↓ to choose,
 * Enter to run, Esc to close). A combobox over a listbox, as WAI-ARIA describes it.
 */
export function CommandMenu({ actions, plan }: { actions: Command[]; plan: Plan }) {
  const setCommands = useUi((s) => s.setCommands)
  const select = useUi((s) => s.select)
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const list = useRef<HTMLUListElement>(null)
  const items = useMemo<Command[]>(
    () =>
      plan.phases.flatMap((phase) =>
        phase.items.map((item) => ({
          id: `item:${item.id}`,
          label: item.title,
          hint: `${item.id} · ${phase.title}`,
          group: 'Items' as const,
          run: () => select(item.id),
        })),
      ),
    [plan, select],
  )
  const matches = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean)
    const hit = (c: Command) => {
      const text = `${c.label} ${c.hint ?? ''}`.toLowerCase()
      return words.every((w) => text.includes(w))
    }
    return [...actions.filter(hit), ...items.filter(hit).slice(0, MAX_ITEMS)]
  }, [query, actions, items])
  const at = Math.min(active, Math.max(0, matches.length - 1))
  const close = () => setCommands(false)
  const run = (c: Command | undefined) => {
    if (!c) return
    close()
    c.run()
  }
  const move = (to: number) => {
    const n = (to + matches.length) % Math.max(1, matches.length)
    setActive(n)
    list.current?.querySelector(`[data-index="${n}"]`)?.scrollIntoView({ block: 'nearest' })
  }
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') move(at + 1)
    else if (e.key === 'ArrowUp') move(at - 1)
    else if (e.key === 'Enter') run(matches[at])
    else if (e.key === 'Escape') close()
    else return
    e.preventDefault()
    e.stopPropagation()
  }
  let group = ''
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="command-menu" role="dialog" aria-modal="true" aria-label="Command menu">
        <input
          className="command-input"
          autoFocus
          role="combobox"
          aria-expanded="true"
          aria-controls="command-list"
          aria-autocomplete="list"
          aria-label="Command or item"
          aria-activedescendant={matches[at] ? `command-${at}` : undefined}
          placeholder="Type a command or an item…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value)
            setActive(0)
          }}
          onKeyDown={onKey}
        />
        <ul
          id="command-list"
          ref={list}
          role="listbox"
          aria-label="Commands"
          className="command-list"
        >
          {matches.length === 0 && <li className="muted command-empty">Nothing matches.</li>}
          {matches.map((c, i) => {
            const heading = c.group !== group
            group = c.group
            return [
              heading && (
                <li key={`group:${c.group}`} role="presentation" className="command-group">
                  {c.group}
                </li>
              ),
              <li
                key={c.id}
                id={`command-${i}`}
                data-index={i}
                role="option"
                aria-selected={i === at}
                className={`command${i === at ? ' active' : ''}`}
                onMouseMove={() => i !== at && setActive(i)}
                onClick={() => run(c)}
              >
                <span className="command-label">{c.label}</span>
                {c.hint && <span className="command-hint">{c.hint}</span>}
              </li>,
            ]
          })}
        </ul>
        <p className="command-footer muted">↑↓ to choose · Enter to run · Esc to close</p>
      </div>
    </div>
  )
}
