import { useEffect, useRef, type ReactNode } from 'react'
import { Button } from './Button'

/**
 * A side sheet over the right of the board (non-modal: the board stays usable beside it). Esc or
 * the close button closes it; focus moves into it when it opens.
 */
export function Drawer({
  label,
  title,
  onClose,
  children,
}: {
  label: string
  title: ReactNode
  onClose: () => void
  children: ReactNode
}) {
  const box = useRef<HTMLElement>(null)
  useEffect(() => {
    box.current?.focus({ preventScroll: true })
  }, [])
  return (
    <aside
      ref={box}
      className="drawer"
      aria-label={label}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onClose()
        }
      }}
    >
      <header className="drawer-header">
        <h2 className="drawer-title">{title}</h2>
        <Button
          variant="ghost"
          size="sm"
          aria-label={`Close ${label.toLowerCase()}`}
          onClick={onClose}
        >
          ✕
        </Button>
      </header>
      <div className="drawer-body">{children}</div>
    </aside>
  )
}
