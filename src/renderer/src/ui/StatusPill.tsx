import { STATUS_LOOK, toneOf, type StatusName } from './status'

/** A status as icon + word + colour. `word` overrides the default word (e.g. a count). */
export function StatusPill({
  status,
  word,
  size = 'md',
  label,
}: {
  status: StatusName
  word?: string
  size?: 'sm' | 'md' | 'lg'
  label?: string
}) {
  const look = STATUS_LOOK[status]
  return (
    <span
      className={`pill tone-${toneOf(status)} pill-${size}`}
      data-status={status}
      {...(label !== undefined && { 'aria-label': label })}
    >
      <span className="pill-icon" aria-hidden="true">
        {look.icon}
      </span>
      <span className="pill-word">{word ?? look.word}</span>
    </span>
  )
}
