import { useId, type ReactNode } from 'react'

/** A titled area of the board: a region named by its heading, with optional actions at the right. */
export function Panel({
  title,
  actions,
  children,
  className,
  label,
}: {
  title: ReactNode
  actions?: ReactNode
  children: ReactNode
  className?: string
  /** The region's accessible name when the heading text is not it. */
  label?: string
}) {
  const id = useId()
  return (
    <section
      className={`panel${className ? ` ${className}` : ''}`}
      {...(label !== undefined ? { 'aria-label': label } : { 'aria-labelledby': id })}
    >
      <header className="panel-header">
        <h2 className="panel-title" id={id}>
          {title}
        </h2>
        {actions && <div className="panel-actions">{actions}</div>}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  )
}
