import type { AuthoringItem } from '../../../../shared/ipc-authoring'

const LOOK = {
  none: { icon: '○', word: 'manual', tone: 'neutral' },
  draft: { icon: '◌', word: 'draft', tone: 'warn' },
  ready: { icon: '✓', word: 'ready', tone: 'ok' },
  pending: { icon: '?', word: 'suggested', tone: 'neutral' },
  accepted: { icon: '✓', word: 'accepted', tone: 'ok' },
  rejected: { icon: '–', word: 'rejected', tone: 'waived' },
  set: { icon: '✓', word: 'set', tone: 'ok' },
  missing: { icon: '○', word: 'missing', tone: 'warn' },
} as const

export type CheckLook = keyof typeof LOOK

/** An item's check or a suggestion's decision as icon + word + colour (never colour alone). */
export function CheckBadge({ look, label }: { look: CheckLook; label?: string }) {
  const { icon, word, tone } = LOOK[look]
  return (
    <span
      className={`pill pill-sm tone-${tone}`}
      data-check={look}
      {...(label !== undefined && { 'aria-label': label })}
    >
      <span className="pill-icon" aria-hidden="true">
        {icon}
      </span>
      <span className="pill-word">{word}</span>
    </span>
  )
}

/** What an item still needs before its probe can run, one per line. */
export function MissingList({ missing }: { missing: AuthoringItem['missing'] }) {
  if (missing.length === 0) return null
  return (
    <ul className="missing" aria-label="Still missing">
      {missing.map((m) => (
        <li key={`${m.type}:${m.name}`}>
          {m.type === 'var' ? (
            <>
              var <code>{m.name}</code>
              {m.description && <> — {m.description}</>}
            </>
          ) : (
            <>
              credential <code>{m.name}</code> ({m.kind}){m.help && <> — {m.help}</>}
            </>
          )}
        </li>
      ))}
    </ul>
  )
}
