import type { ReactNode, TableHTMLAttributes } from 'react'

/** The one table style: dense rows, quiet rules, headers that stay readable in both themes. */
export function Table({
  children,
  className,
  ...rest
}: TableHTMLAttributes<HTMLTableElement> & { children: ReactNode }) {
  return (
    <table className={`table${className ? ` ${className}` : ''}`} {...rest}>
      {children}
    </table>
  )
}

/**
 * A table's header row: one column heading each, and an unnamed-looking last column for the row's
 * buttons (named "Actions" for screen readers) when `actions` is set.
 */
export function TableHead({
  columns,
  actions = false,
}: {
  columns: ReactNode[]
  actions?: boolean
}) {
  return (
    <thead>
      <tr>
        {columns.map((column, i) => (
          <th scope="col" key={i}>
            {column}
          </th>
        ))}
        {actions && (
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        )}
      </tr>
    </thead>
  )
}
