import type { ReactNode } from 'react'

/** A small quiet label: a kind, a flag ("non-blocking", "not pinned"). */
export function Badge({
  children,
  tone = 'neutral',
  title,
}: {
  children: ReactNode
  tone?: 'neutral' | 'accent' | 'warn'
  title?: string
}) {
  return (
    <span className={`badge badge-${tone}`} {...(title !== undefined && { title })}>
      {children}
    </span>
  )
}
